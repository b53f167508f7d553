// What a plugin can write at the default baseline (1.9.6).
use wasm_bindgen::JsValue;
use wx_bindings::{raw, version::RunningVersion, WxError};

wx_bindings::wx! {
    /// A custom signature for wx.showToast.
    #[wx(js_name = "showToast")]
    pub fn toast(options: &JsValue) -> Result<(), JsValue>;
    fn getStorageSync(key: &str) -> Result<JsValue, JsValue>;
}

#[allow(dead_code)]
fn plugin() -> Result<(), WxError> {
    let options = js_sys::Object::new();
    raw::show_toast(&options).map_err(|e| WxError::js("showToast", e))?;
    toast(&options).map_err(|e| WxError::js("showToast", e))?;
    let _stored: JsValue = getStorageSync("key").map_err(|e| WxError::js("getStorageSync", e))?;
    let _info: JsValue = raw::get_system_info_sync().map_err(|e| WxError::js("getSystemInfoSync", e))?;
    let _b64: String = raw::array_buffer_to_base64(&js_sys::ArrayBuffer::new(4)).map_err(|e| WxError::js("arrayBufferToBase64", e))?;
    // Legacy spellings from the reference page still bind.
    let _ = raw::make_vo_ip_call(&options);
    let _ = raw::on_ble_connection_state_changed(&js_sys::Function::new_no_args(""));
    // The typings mark this listener unsupported in plugins today; the page's
    // 1.9.6 stays the gate, so it compiles (with a `deprecated` warning,
    // allowed here), and returns Err where it is gone.
    #[allow(deprecated)]
    let _ = raw::on_compass_change(&js_sys::Function::new_no_args(""));
    // Newer APIs through their run-time-checked companions.
    let running = RunningVersion::detect()?;
    let _recorder = raw::get_recorder_manager_checked(&running)?;
    raw::plugin_login_checked(&running, &options)?;
    Ok(())
}

fn main() {}
