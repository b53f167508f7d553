// `storage::set` and `storage::save` take serde values; a `JsValue` is not
// one. The error names the functions that store a JsValue as it is, rather
// than serde's bare "`JsValue: Serialize` is not satisfied".
use wasm_bindgen::JsValue;
use wx_bindings::storage;

fn main() {
    let value = JsValue::from_str("kept as it is");
    let _ = storage::set("k", &value);
    let _ = storage::save("k", &value);
}
