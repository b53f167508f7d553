//! The plugin's local storage, typed, through WeChat's synchronous APIs
//! (`wx.getStorageSync`, `wx.setStorageSync`, `wx.removeStorageSync`).
//!
//! Values are JSON data, stored per plugin (WeChat allows 1 MB per key and
//! 10 MB in all). WeChat reads a missing key as the empty string, so these
//! functions read both a missing key and a stored `""` as `None`.
//! WeChat's failures (an empty key, a value that is not JSON data, a full
//! storage) are `Err(WxError::Js { .. })`; read the reason with
//! [`fail_reason`](crate::callback::fail_reason).
//!
//! ```no_run
//! use wx_bindings::storage;
//!
//! # fn main() -> Result<(), wx_bindings::WxError> {
//! storage::set_string("greeting", "hello")?;
//! assert_eq!(storage::get_string("greeting")?.as_deref(), Some("hello"));
//! storage::remove("greeting")?;
//! assert_eq!(storage::get_string("greeting")?, None);
//! # Ok(()) }
//! ```

use wasm_bindgen::JsValue;

use crate::{WxError, raw};

/// Reads a string. `None` when the key is missing (or holds `""`); `Err`
/// when it holds something other than a string.
pub fn get_string(key: &str) -> Result<Option<String>, WxError> {
    match get_json(key)? {
        None => Ok(None),
        Some(value) => match value.as_string() {
            Some(text) => Ok(Some(text)),
            None => Err(WxError::js(
                "getStorageSync",
                js_sys::TypeError::new(&format!("storage key `{key}` does not hold a string")).into(),
            )),
        },
    }
}

/// Stores a string.
pub fn set_string(key: &str, value: &str) -> Result<(), WxError> {
    set(key, &JsValue::from_str(value))
}

/// Reads any stored value (a string, number, boolean, array or object).
/// `None` when the key is missing (or holds `""`).
pub fn get_json(key: &str) -> Result<Option<JsValue>, WxError> {
    let value = raw::get_storage_sync(key).map_err(|e| WxError::js("getStorageSync", e))?;
    Ok(if is_missing(&value) { None } else { Some(value) })
}

/// Stores a value; WeChat accepts JSON data (a string, number, boolean,
/// `null`, array or plain object) and fails on anything else.
pub fn set(key: &str, value: &JsValue) -> Result<(), WxError> {
    raw::set_storage_sync(key, value).map_err(|e| WxError::js("setStorageSync", e))
}

/// Removes a key; removing a missing key is not an error.
pub fn remove(key: &str) -> Result<(), WxError> {
    raw::remove_storage_sync(key).map_err(|e| WxError::js("removeStorageSync", e))
}

/// How WeChat reports a missing key: `""` (and, defensively, `undefined`).
fn is_missing(value: &JsValue) -> bool {
    value.is_undefined() || value.as_string().is_some_and(|s| s.is_empty())
}
