//! HTTP headers as Rust values: request headers from a map or a struct,
//! response headers read back into one, and one header by name.
//!
//! ```no_run
//! use std::collections::BTreeMap;
//! use wx_bindings::network::{self, RequestOption};
//!
//! # async fn demo() -> Result<(), wx_bindings::WxError> {
//! let options = RequestOption::new("https://api.example.com/notes")
//!     .headers(&[("Authorization", "Bearer t0k3n"), ("X-Trace", "42")])?;
//! let answer = network::request(&options).await?;
//! let all: BTreeMap<String, String> = answer.headers()?;
//! let kind = answer.header_named("content-type"); // any case
//! # let _ = (all, kind); Ok(()) }
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use crate::WxError;
use crate::generated::network::{
    ConnectSocketOption, DownloadFileOption, DownloadTaskOnHeadersReceivedListenerResult, RequestOption,
    RequestSuccessCallbackResult, RequestTaskOnHeadersReceivedListenerResult, UploadFileOption,
};

/// The JS object WeChat takes as `header`, from any serde value that is a
/// map of names to values: a `HashMap`/`BTreeMap`, a struct, or a slice of
/// `(name, value)` pairs.
fn header_object<H: Serialize + ?Sized>(api: &'static str, headers: &H) -> Result<JsValue, WxError> {
    let value = super::to_json_value(headers, "cannot send the headers").map_err(|e| WxError::data(api, e))?;
    if let Some(pairs) = value.dyn_ref::<js_sys::Array>() {
        return pairs_to_object(api, pairs);
    }
    if !value.is_object() {
        return Err(WxError::data(
            api,
            "the headers must be a map or a struct of header names to values, or a list of (name, value) pairs",
        ));
    }
    Ok(value)
}

/// `[("a", "1"), ("b", "2")]` serializes as an array of two-element arrays:
/// WeChat wants `{a: "1", b: "2"}`.
fn pairs_to_object(api: &'static str, pairs: &js_sys::Array) -> Result<JsValue, WxError> {
    let object = js_sys::Object::new();
    for pair in pairs.iter() {
        let pair = pair.dyn_into::<js_sys::Array>().ok().filter(|p| p.length() == 2);
        let Some(pair) = pair else {
            return Err(WxError::data(api, "a list of headers must hold (name, value) pairs"));
        };
        let name = pair.get(0);
        if name.as_string().is_none() {
            return Err(WxError::data(api, "a header name must be a string"));
        }
        // Setting a plain property on a fresh object cannot fail.
        let _ = js_sys::Reflect::set(&object, &name, &pair.get(1));
    }
    Ok(object.into())
}

/// Reads a response's `header` object as `T`.
fn read_headers<T: DeserializeOwned>(api: &'static str, header: JsValue) -> Result<T, WxError> {
    super::from_json_value(header, "cannot read the headers").map_err(|e| WxError::data(api, e))
}

/// The value of the header `name`, compared without regard to ASCII case as
/// HTTP names are: servers send `Content-Type` or `content-type` alike.
fn find_header(header: &JsValue, name: &str) -> Option<String> {
    let object = header.dyn_ref::<js_sys::Object>()?;
    js_sys::Object::entries(object).iter().find_map(|entry| {
        let entry: js_sys::Array = entry.unchecked_into();
        let key = entry.get(0).as_string()?;
        if !key.eq_ignore_ascii_case(name) {
            return None;
        }
        let value = entry.get(1);
        // WeChat gives strings; a number or boolean from a simulator or an
        // old base reads as its text rather than as nothing.
        value
            .as_string()
            .or_else(|| value.as_f64().map(|n| n.to_string()))
            .or_else(|| value.as_bool().map(|b| b.to_string()))
    })
}

macro_rules! request_headers {
    ($($option:ident => $api:literal),* $(,)?) => {$(
        impl $option {
            /// Sets the request headers from a Rust value: a map or a struct
            /// of header names to values, or a list of `(name, value)`
            /// pairs, with no `js-sys` needed. (`header` takes a ready JS
            /// object.) WeChat refuses to set `Referer`.
            pub fn headers<H: Serialize + ?Sized>(self, headers: &H) -> Result<Self, WxError> {
                let object = header_object($api, headers)?;
                Ok(self.header(&object))
            }
        }
    )*};
}

request_headers! {
    RequestOption => "request",
    ConnectSocketOption => "connectSocket",
    DownloadFileOption => "downloadFile",
    UploadFileOption => "uploadFile",
}

macro_rules! response_headers {
    ($($result:ident => $api:literal),* $(,)?) => {$(
        impl $result {
            /// The response headers as a Rust value, e.g. a
            /// `BTreeMap<String, String>` or a struct of the headers you
            /// expect. (`header` gives the JS object.)
            pub fn headers<T: DeserializeOwned>(&self) -> Result<T, WxError> {
                read_headers($api, self.header())
            }

            /// The value of one response header, its name compared without
            /// regard to ASCII case; `None` when the response has no such
            /// header.
            pub fn header_named(&self, name: &str) -> Option<String> {
                find_header(&self.header(), name)
            }
        }
    )*};
}

response_headers! {
    RequestSuccessCallbackResult => "request",
    RequestTaskOnHeadersReceivedListenerResult => "RequestTask.onHeadersReceived",
    DownloadTaskOnHeadersReceivedListenerResult => "DownloadTask.onHeadersReceived",
}
