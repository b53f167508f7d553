// A custom declaration of a newer API is gated the same way.
use wasm_bindgen::JsValue;

wx_bindings::wx! {
    #[wx(js_name = "getRecorderManager")]
    fn recorder() -> Result<JsValue, JsValue>;
}

fn main() {
    let _ = recorder();
}
