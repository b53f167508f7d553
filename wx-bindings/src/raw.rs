//! The raw layer: every `wx` function a plugin may call, one to one with its
//! JS signature as the official typings declare it.
//!
//! * Names are snake_case (`wx.showToast` → [`show_toast`]).
//! * Options objects, results and task/context objects are [`JsValue`]s;
//!   strings, numbers and booleans are Rust primitives; callbacks are
//!   [`js_sys::Function`]s; binary data is [`js_sys::ArrayBuffer`]. An
//!   optional object parameter takes `&JsValue::UNDEFINED` to leave it out.
//! * Every function returns `Result<_, JsValue>`: the `Err` holds the JS
//!   exception, including the `TypeError` of a function that is missing at
//!   run time (WeChat has dropped a few old listeners from plugins).
//! * An API above the enabled baseline compiles only as a stub whose every
//!   call is an error naming its version and cargo feature; its
//!   `<name>_checked` companion checks the running version instead.
//! * A known `wx` function that plugins may not call is also a stub: calling
//!   it is an error saying it is not available to WeChat plugins.
//!
//! [`JsValue`]: wasm_bindgen::JsValue

wx_macros::__raw_layer!();
wx_macros::__forbidden_stubs!();
