// Declaring a forbidden API with wx! is an error at its name.

wx_bindings::wx! {
    pub fn authorize(options: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue>;
    // A forbidden API with a plugin counterpart names it.
    pub fn request_payment(options: &wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue>;
}

fn main() {}
