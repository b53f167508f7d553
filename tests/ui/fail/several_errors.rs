// Every problem in one wx! block is reported, not just the first.

wx_bindings::wx! {
    fn authorize(options: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue>;
    fn get_storage_snyc(key: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    fn show_toast(options: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue>;
    fn showToast(options: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue>;
    fn hide_toast(options: &wasm_bindgen::JsValue);
}

fn main() {}
