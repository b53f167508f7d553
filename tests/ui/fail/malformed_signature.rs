// Signatures wasm-bindgen cannot bind are rejected with the reason.

wx_bindings::wx! {
    async fn show_toast(options: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue>;
    fn hide_toast<T>(options: T) -> Result<(), wasm_bindgen::JsValue>;
    #[wx(catch)]
    fn show_loading(options: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue>;
}

fn main() {}
