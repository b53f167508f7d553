//! Values of any serde type in the plugin's storage: the rules are in
//! `storage.md`, rendered as the docs of `wx_bindings::storage`.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use crate::runtime::{self, WxFuture};
use crate::{WxError, raw};

/// What [`set`] and [`save`] store: any `serde::Serialize` value. A
/// `wasm_bindgen::JsValue` is not one: store it as it is with
/// [`set_storage_sync`](crate::storage::set_storage_sync) (or
/// [`set_storage`](crate::storage::set_storage)).
///
/// It exists for its compile error, which names those functions where
/// serde's "`JsValue: Serialize` is not satisfied" would not.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored by `storage::set`/`storage::save`: it is not `serde::Serialize`",
    label = "not `serde::Serialize`",
    note = "a `JsValue` goes to storage as it is: `wx_bindings::storage::set_storage_sync(key, &value)`, \
            or `wx_bindings::storage::set_storage(&SetStorageOption::new(&value, key))` the asynchronous way",
    note = "any other value needs `#[derive(serde::Serialize)]` or an `impl serde::Serialize`"
)]
pub trait StorageValue: Serialize {}

// Hidden from the error so that rustc reports `T: StorageValue` (and our
// note) rather than the `T: Serialize` this impl needs.
#[diagnostic::do_not_recommend]
impl<T: Serialize + ?Sized> StorageValue for T {}

/// The JS value of `value`, as WeChat's storage wants it.
fn to_js<T: Serialize + ?Sized>(api: &'static str, value: &T) -> Result<JsValue, WxError> {
    super::to_json_value(value, "cannot store the value").map_err(|message| WxError::data(api, message))
}

/// The Rust value of what a key holds; `None` for WeChat's missing key.
fn from_js<T: DeserializeOwned>(api: &'static str, key: &str, value: JsValue) -> Result<Option<T>, WxError> {
    if is_missing(&value) {
        return Ok(None);
    }
    super::from_json_value(value, format_args!("storage key `{key}` holds another type"))
        .map(Some)
        .map_err(|e| WxError::data(api, e))
}

/// How WeChat reports a missing key: `""` (and, defensively, `undefined`).
fn is_missing(value: &JsValue) -> bool {
    value.is_undefined() || value.as_string().is_some_and(|s| s.is_empty())
}

/// Reads `key` (`wx.getStorageSync`): `None` when it is missing.
pub fn get<T: DeserializeOwned>(key: &str) -> Result<Option<T>, WxError> {
    let value = raw::get_storage_sync(key).map_err(|e| WxError::thrown("getStorageSync", e))?;
    from_js("getStorageSync", key, value)
}

/// Stores `value` under `key` (`wx.setStorageSync`).
pub fn set<T: StorageValue + ?Sized>(key: &str, value: &T) -> Result<(), WxError> {
    let value = to_js("setStorageSync", value)?;
    raw::set_storage_sync(key, &value).map_err(|e| WxError::thrown("setStorageSync", e))
}

/// Removes `key` (`wx.removeStorageSync`); removing a missing key is not an error.
pub fn remove(key: &str) -> Result<(), WxError> {
    raw::remove_storage_sync(key).map_err(|e| WxError::thrown("removeStorageSync", e))
}

/// Reads `key` the asynchronous way (`wx.getStorage`): `None` when it is
/// missing (WeChat answers `fail` with "data not found").
pub async fn load<T: DeserializeOwned>(key: &str) -> Result<Option<T>, WxError> {
    let options = runtime::new_object();
    runtime::set_str(&options, "key", key);
    let answer: Result<JsValue, WxError> = runtime::call("getStorage", &options, raw::get_storage).await;
    match answer {
        Ok(result) => from_js("getStorage", key, runtime::get(&result, "data")),
        Err(error) if error.is_fail_with("data not found") => Ok(None),
        Err(error) => Err(error),
    }
}

/// Stores `value` under `key` the asynchronous way (`wx.setStorage`).
pub fn save<T: StorageValue + ?Sized>(key: &str, value: &T) -> WxFuture<()> {
    let data = match to_js("setStorage", value) {
        Ok(data) => data,
        Err(error) => return WxFuture::failed("setStorage", error),
    };
    let options = runtime::new_object();
    runtime::set_str(&options, "key", key);
    runtime::set(&options, "data", &data);
    runtime::call("setStorage", &options, raw::set_storage)
}
