// With the feature `base-1-9-94`, the recorder binds directly.
use wasm_bindgen::JsValue;

wx_bindings::wx! {
    #[wx(js_name = "getRecorderManager")]
    fn recorder() -> Result<JsValue, JsValue>;
}

fn main() {
    let _ = wx_bindings::raw::get_recorder_manager;
    let _ = recorder;
}
