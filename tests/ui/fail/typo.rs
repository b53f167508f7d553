// A misspelt name suggests the closest permitted API.

wx_bindings::wx! {
    pub fn show_tost(options: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue>;
}

fn main() {}
