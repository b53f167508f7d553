//! A component that awaits a `wx` call: on `attached` (and on "Reload") it
//! reads its `storageKey` with `wx.getStorage` through wx-bindings' typed
//! storage API, and renders loading, the stored value or WeChat's failure.
//! The handlers are `async`: they hold a [`Handle`] across the await and
//! change the data with [`Handle::update`], which sends the changes at once;
//! a component detached while the call is out gets nothing sent and leaks
//! nothing (`update` answers `Detached`).
//!
//! The same component in plain JavaScript is
//! `tests/components/js/components/async-status`; both render the same WXML.

use serde::{Deserialize, Serialize};
use wx_bindings::WxError;
use wx_bindings::component::{ComponentError, EventOptions, Handle};
use wx_bindings::storage::{GetStorageOption, get_storage};

/// The component's data: what `async-status.wxml` reads.
#[derive(Serialize)]
pub struct AsyncStatus {
    /// `"loading"`, `"ready"` or `"error"`.
    state: String,
    /// The stored value, once read.
    value: String,
    /// WeChat's `errMsg`, when the read failed.
    error: String,
}

impl Default for AsyncStatus {
    fn default() -> Self {
        AsyncStatus {
            // The first render, before the module is even ready, says loading.
            state: "loading".into(),
            value: String::new(),
            error: String::new(),
        }
    }
}

/// What the page passes in: `<async-status storage-key="…"/>`.
#[derive(Deserialize, wx_bindings::Properties)]
#[serde(rename_all = "camelCase")]
pub struct AsyncStatusProps {
    /// The storage key to read (WeChat's `String`, default `"status"`).
    #[property(default = String::from("status"))]
    storage_key: String,
}

/// The detail of the `load` event.
#[derive(Serialize)]
struct Loaded<'a> {
    value: &'a str,
}

/// The detail of the `error` event.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Failed<'a> {
    err_msg: &'a str,
}

#[wx_bindings::component(name = "async-status", properties = AsyncStatusProps)]
impl AsyncStatus {
    /// Reads the key as soon as the component is on the page.
    #[lifetime]
    async fn attached(this: Handle<Self>) -> Result<(), ComponentError> {
        read(this).await
    }

    /// `bindtap="load"` on "Reload": reads the key again.
    async fn load(this: Handle<Self>) -> Result<(), ComponentError> {
        read(this).await
    }
}

/// Reads the key; a component detached meanwhile is no error: there is
/// nothing left to show.
async fn read(this: Handle<AsyncStatus>) -> Result<(), ComponentError> {
    match show(this).await {
        Err(ComponentError::Detached) => Ok(()),
        other => other,
    }
}

/// Shows loading, awaits `wx.getStorage`, shows the answer and tells the page.
async fn show(this: Handle<AsyncStatus>) -> Result<(), ComponentError> {
    // Loading is the initial state: after the first read this sends
    // `{state: "loading"}`, before it nothing (the diff finds no change).
    let key = this.update(|s, cx| {
        s.state = "loading".into();
        cx.properties().map(|p| p.storage_key)
    })??;
    let answer = get_storage(&GetStorageOption::new(&key)).await;
    this.update(|s, cx| match answer {
        Ok(result) => {
            s.state = "ready".into();
            s.value = text_of(&result.data());
            cx.trigger_event("load", &Loaded { value: &s.value }, EventOptions::default())
        }
        Err(error) => {
            s.state = "error".into();
            s.error = err_msg(&error);
            cx.trigger_event("error", &Failed { err_msg: &s.error }, EventOptions::default())
        }
    })?
}

/// A stored value as text, as JavaScript's `String(value)` shows a string
/// or a number (other values as JSON).
fn text_of(value: &wasm_bindgen::JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    js_sys::JSON::stringify(value).map(String::from).unwrap_or_default()
}

/// WeChat's `errMsg` (`"getStorage:fail data not found"`), or the error's
/// text when WeChat gave none.
fn err_msg(error: &WxError) -> String {
    match error {
        WxError::Fail { err_msg, .. } => err_msg.clone(),
        other => other.to_string(),
    }
}

wx_bindings::components![AsyncStatus];
