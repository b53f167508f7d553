// Declarations have no body.

wx_bindings::wx! {
    fn show_toast(options: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue> {
        Ok(())
    }
}

fn main() {}
