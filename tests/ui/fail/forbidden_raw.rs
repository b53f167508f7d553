// Known wx functions that plugins may not call are errors at the call site.
use wasm_bindgen::JsValue;

fn main() {
    let _ = wx_bindings::raw::authorize(&JsValue::NULL);
    let _ = wx_bindings::raw::clear_storage_sync();
    let _ = wx_bindings::raw::get_user_profile(&JsValue::NULL);
    // A forbidden API with a plugin counterpart names it.
    let _ = wx_bindings::raw::request_payment(&JsValue::NULL);
}
