//! Typed, allowlist-checked bindings to `wx` for WeChat mini-program
//! **plugins** written in Rust and compiled to WebAssembly.
//!
//! A plugin may call only the `wx.*` functions on WeChat's plugin allowlist,
//! each from a minimum base-library version; everything else is simply
//! missing from the `wx` object a plugin sees. This crate makes both rules
//! compile-time checks:
//!
//! * [`raw`] binds every permitted function, one to one with its JS
//!   signature. Naming a function plugins may not call is a compile error
//!   that says so.
//! * Each API above the default baseline (base library 1.9.6) sits behind a
//!   cargo feature named after its version (`base-1-9-94`, `base-2-1-0`, ...).
//!   The features are cumulative: enabling one enables every lower one.
//!   Without it, calling the API is a compile error naming the version and
//!   the feature; its `_checked` companion calls it after a run-time check
//!   of the running version instead (see [`version`]).
//! * [`wx!`] declares a permitted API with a signature of your own, checked
//!   against the same allowlist.
//!
//! Every binding returns `Result<_, JsValue>`: a JS exception, or a function
//! missing at run time, is an `Err`, never a trap.
//!
//! ```no_run
//! use wasm_bindgen::JsValue;
//! use wx_bindings::raw;
//!
//! let options = js_sys::Object::new();
//! js_sys::Reflect::set(&options, &"title".into(), &"Hello from Rust".into())?;
//! raw::show_toast(&options)?;
//! # Ok::<(), JsValue>(())
//! ```

extern crate self as wx_bindings;

pub mod callback;
mod checked;
mod error;
#[doc(hidden)]
pub mod gates;
pub mod raw;
pub mod storage;
pub mod ui;
pub mod version;

pub use error::WxError;
pub use wx_macros::wx;

/// Paths the generated code names. Not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::checked::{FromJsReturn, IntoJsArg, call_checked};
    pub use js_sys;
    pub use wasm_bindgen;
}
