//! Where a plugin may keep its files.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::WxError;

/// `wx.env.USER_DATA_PATH`: the folder of the plugin's own files
/// (`wxfile://usr` on WeChat), under which the file system manager may
/// write. The typings declare `wx.env` as `{ USER_DATA_PATH: string }`.
///
/// `Err(WxError::Js)` when the runtime has no `wx.env.USER_DATA_PATH`
/// string.
pub fn user_data_path() -> Result<String, WxError> {
    let missing = || {
        WxError::js(
            "env.USER_DATA_PATH",
            js_sys::TypeError::new("wx.env.USER_DATA_PATH is not a string").into(),
        )
    };
    let env =
        Reflect::get(&crate::runtime::checked::wx(), &JsValue::from_str("env")).map_err(|e| WxError::js("env", e))?;
    if !env.is_object() {
        return Err(missing());
    }
    Reflect::get(&env, &JsValue::from_str("USER_DATA_PATH"))
        .ok()
        .and_then(|path| path.as_string())
        .ok_or_else(missing)
}
