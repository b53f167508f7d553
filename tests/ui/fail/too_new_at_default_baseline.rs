// At the default baseline (1.9.6), APIs that need a newer base library do
// not compile; the error names the version and the feature.
use wasm_bindgen::JsValue;

fn main() {
    let _ = wx_bindings::raw::get_recorder_manager();
    let _ = wx_bindings::raw::plugin_login(&JsValue::NULL);
}
