// With `base-1-9-94` on, the next gate (2.1.0) is still closed: features
// raise the baseline to exactly the version they name.
use wasm_bindgen::JsValue;

fn main() {
    let _ = wx_bindings::raw::get_recorder_manager();
    let _ = wx_bindings::raw::navigate_back(&JsValue::NULL);
}
