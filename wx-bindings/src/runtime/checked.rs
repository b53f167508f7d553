//! The engine of the `_checked` companions: a call to `wx.<api>` looked up
//! at run time, after a version check.
//!
//! The lookup is dynamic on purpose. A static wasm-bindgen import of a newer
//! API would make the packaged plugin appear to need that API's base
//! library; a run-time-checked call does not, so `wx-pack` computes a
//! plugin's minimum base library from its static imports only.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::WxError;
use crate::version::RunningVersion;

#[wasm_bindgen]
extern "C" {
    /// The bare global `wx` of WeChat's plugin environment.
    #[wasm_bindgen(thread_local_v2, js_name = wx)]
    static WX: JsValue;
}

/// The global `wx`.
pub(crate) fn wx() -> JsValue {
    WX.with(JsValue::clone)
}

/// A parameter of a raw binding, as a JS value.
pub trait IntoJsArg {
    /// Converts it.
    fn into_js_arg(self) -> JsValue;
}

macro_rules! into_js_arg_via_from {
    ($($ty:ty),*) => {$(
        impl IntoJsArg for $ty {
            fn into_js_arg(self) -> JsValue {
                JsValue::from(self)
            }
        }
    )*};
}
into_js_arg_via_from!(&str, f64, bool, Option<&str>, Option<f64>, Option<bool>);

macro_rules! into_js_arg_via_clone {
    ($($ty:ty),*) => {$(
        impl IntoJsArg for &$ty {
            fn into_js_arg(self) -> JsValue {
                JsValue::from(self.clone())
            }
        }
    )*};
}
into_js_arg_via_clone!(JsValue, Function, js_sys::ArrayBuffer);

impl IntoJsArg for Option<&Function> {
    fn into_js_arg(self) -> JsValue {
        self.map_or(JsValue::UNDEFINED, |f| JsValue::from(f.clone()))
    }
}

/// A return value of a raw binding, from a JS value.
pub trait FromJsReturn: Sized {
    /// Converts it; `None` when the value has another type.
    fn from_js_return(value: JsValue) -> Option<Self>;
}

impl FromJsReturn for () {
    fn from_js_return(_: JsValue) -> Option<Self> {
        Some(())
    }
}

impl FromJsReturn for JsValue {
    fn from_js_return(value: JsValue) -> Option<Self> {
        Some(value)
    }
}

impl FromJsReturn for String {
    fn from_js_return(value: JsValue) -> Option<Self> {
        value.as_string()
    }
}

impl FromJsReturn for f64 {
    fn from_js_return(value: JsValue) -> Option<Self> {
        value.as_f64()
    }
}

impl FromJsReturn for bool {
    fn from_js_return(value: JsValue) -> Option<Self> {
        value.as_bool()
    }
}

impl FromJsReturn for Function {
    fn from_js_return(value: JsValue) -> Option<Self> {
        value.dyn_into().ok()
    }
}

impl FromJsReturn for js_sys::ArrayBuffer {
    fn from_js_return(value: JsValue) -> Option<Self> {
        value.dyn_into().ok()
    }
}

/// `"wx.<api> <what>"`, with `push_str`: `format!` would add the formatting
/// machinery to every plugin with a checked call.
fn wx_message(api: &str, what: &str) -> String {
    let mut text = String::from("wx.");
    text.push_str(api);
    text.push(' ');
    text.push_str(what);
    text
}

fn type_error(api: &'static str, what: &str) -> WxError {
    WxError::js(api, js_sys::TypeError::new(&wx_message(api, what)).into())
}

/// Calls `wx.<api>(args...)` if the running base library is `since` or
/// later and the function exists; never traps.
pub fn call_checked<R: FromJsReturn>(
    running: &RunningVersion,
    api: &'static str,
    since: crate::version::Version,
    args: Vec<JsValue>,
) -> Result<R, WxError> {
    running.require(api, since)?;
    let wx = WX.with(JsValue::clone);
    let function = Reflect::get(&wx, &JsValue::from_str(api)).map_err(|e| WxError::js(api, e))?;
    let function: Function = function.dyn_into().map_err(|_| type_error(api, "is not a function"))?;
    let args: Array = args.into_iter().collect();
    let result = Reflect::apply(&function, &wx, &args).map_err(|e| WxError::thrown(api, e))?;
    R::from_js_return(result).ok_or_else(|| type_error(api, "returned a value of an unexpected type"))
}

/// Calls the callback API `wx.<api>` looked up at run time with `options`
/// and `extra` arguments, if the running base library is `since` or later.
pub fn call_async_checked<T>(
    running: &RunningVersion,
    api: &'static str,
    since: crate::version::Version,
    options: &JsValue,
    extra: Vec<JsValue>,
) -> crate::runtime::WxFuture<T> {
    if let Err(error) = running.require(api, since) {
        return crate::runtime::WxFuture::failed(api, error);
    }
    crate::runtime::call(api, options, |options| {
        let wx = WX.with(JsValue::clone);
        let function: Function = Reflect::get(&wx, &JsValue::from_str(api))?
            .dyn_into()
            .map_err(|_| JsValue::from(js_sys::TypeError::new(&wx_message(api, "is not a function"))))?;
        let args: Array = std::iter::once(options.clone()).chain(extra).collect();
        Reflect::apply(&function, &wx, &args).map(drop)
    })
}
