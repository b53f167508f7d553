//! Callback APIs as Rust futures.
//!
//! Most `wx` functions are asynchronous in WeChat's own convention: they take
//! an options object and report through its `success`, `fail` and `complete`
//! callbacks. [`call`] turns such a call into a [`WxFuture`] that resolves to
//! `Ok(result object)` when `success` fires and to `Err(WxError::Js { .. })`
//! holding the failure when `fail` fires:
//!
//! ```no_run
//! # async fn demo() -> Result<(), wx_bindings::WxError> {
//! use wasm_bindgen::JsValue;
//! use wx_bindings::{callback, raw};
//!
//! let options = js_sys::Object::new();
//! js_sys::Reflect::set(&options, &"title".into(), &"Hello".into()).ok();
//! let result: JsValue = callback::call("showToast", options, raw::show_toast).await?;
//! # Ok(()) }
//! ```
//!
//! # How it works, and why
//!
//! The call runs inside the executor of a JS `Promise`, and `success` and
//! `fail` are set to that promise's own `resolve` and `reject` functions;
//! [`wasm_bindgen_futures::JsFuture`] then turns the promise into a future.
//! No Rust closure is ever handed to WeChat, so nothing WeChat holds can be
//! freed under it: whenever (and however often) WeChat calls `success` or
//! `fail`, it calls a plain JS function, and only the first call counts.
//! The only Rust closures are `JsFuture`'s two `then` handlers, which own
//! their shared state and free each other when the promise settles. This
//! is the smallest correct design: no hand-written waker or `Rc` state, and
//! the parts are the well-kept ones `wasm-bindgen-futures` itself uses.
//!
//! # Failures
//!
//! * `wx.<api>` missing at run time, or throwing when called: the future is
//!   ready at once with `Err(WxError::Js { api, error })`, `error` being the
//!   JS exception. Nothing traps or panics.
//! * `fail` fired: `Err(WxError::Js { api, error })` where `error` is a JS
//!   `Error` whose `message` is WeChat's `errMsg` (so the error displays as
//!   `wx.showModal failed: showModal:fail cancel`) and which carries the
//!   fail object's `errMsg` and `errno` as properties, and the fail object
//!   itself as `cause`. Read them with [`FailResult::from_error`] or
//!   [`fail_reason`]. (`WxError` has no variant of its own for this: a
//!   `fail` answer is WeChat's JS-side error report, and keeping it a JS
//!   value keeps every field WeChat sends, `errno` and extras alike.)
//!
//! # Dropping the future early
//!
//! Dropping a [`WxFuture`] before WeChat answers cancels nothing in WeChat
//! (the toast still shows, the dialog still waits): it only stops anyone
//! waiting for the answer. It is safe. When WeChat answers later it settles
//! the promise, `JsFuture`'s handlers run, find no task to wake, and free
//! themselves. Until then they stay alive (two small closures); if WeChat
//! never answered at all, they would stay for the life of the plugin.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::WxError;

/// The answer of a callback API: the `success` result object, or the
/// failure (see the [module docs](self)).
#[must_use = "futures do nothing unless awaited; the wx call itself has already been made"]
#[derive(Debug)]
pub struct WxFuture {
    api: &'static str,
    state: State,
}

#[derive(Debug)]
enum State {
    /// The call failed before WeChat took it, or the answer was already taken.
    Ready(Option<Result<JsValue, WxError>>),
    /// Waiting for `success` or `fail`.
    Pending(JsFuture),
}

impl WxFuture {
    /// A future that is ready with `result` (for calls that fail before they
    /// are made, e.g. while building their options).
    pub fn ready(api: &'static str, result: Result<JsValue, WxError>) -> Self {
        WxFuture {
            api,
            state: State::Ready(Some(result)),
        }
    }

    /// The JS name of the API this future waits for.
    pub fn api(&self) -> &'static str {
        self.api
    }
}

impl Future for WxFuture {
    type Output = Result<JsValue, WxError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let api = this.api;
        match &mut this.state {
            State::Ready(result) => Poll::Ready(result.take().unwrap_or_else(|| {
                Err(WxError::js(
                    api,
                    js_sys::Error::new("the future was polled after it completed").into(),
                ))
            })),
            State::Pending(future) => match Pin::new(future).poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(answer) => {
                    this.state = State::Ready(None);
                    Poll::Ready(answer.map_err(|fail| WxError::js(api, fail_error(&fail))))
                }
            },
        }
    }
}

/// Calls the callback API `wx.<api>` through its raw binding `call` with
/// `options` (to which `success` and `fail` are added; any `complete` you
/// set is left alone) and returns its answer as a future.
///
/// `api` is the JS name, used in errors. The call is made now, not when the
/// future is first polled, as in JS.
pub fn call(api: &'static str, options: Object, call: impl FnOnce(&JsValue) -> Result<(), JsValue>) -> WxFuture {
    let mut call = Some(call);
    let mut thrown: Option<JsValue> = None;
    let promise = Promise::new(&mut |resolve, reject| {
        let set = Reflect::set(&options, &JsValue::from_str("success"), &resolve)
            .and_then(|_| Reflect::set(&options, &JsValue::from_str("fail"), &reject));
        let outcome = match (set, call.take()) {
            (Err(error), _) => Err(error),
            (Ok(_), Some(call)) => call(&options),
            (Ok(_), None) => Ok(()),
        };
        if let Err(error) = outcome {
            thrown = Some(error);
        }
    });
    match thrown {
        // The promise never settles; nothing but the garbage collector holds it.
        Some(error) => WxFuture::ready(api, Err(WxError::js(api, error))),
        None => WxFuture {
            api,
            state: State::Pending(JsFuture::from(promise)),
        },
    }
}

/// The JS error a `fail` answer becomes: an `Error` whose message is the
/// `errMsg`, with `errMsg`, `errno` and `cause` (the fail object) set.
fn fail_error(fail: &JsValue) -> JsValue {
    let parsed = FailResult::from_js(fail);
    let message = match &parsed {
        Some(parsed) => parsed.err_msg.clone(),
        None => crate::error::js_error_message(fail),
    };
    let error = js_sys::Error::new(&message);
    if let Some(parsed) = parsed {
        let _ = Reflect::set(
            &error,
            &JsValue::from_str("errMsg"),
            &JsValue::from_str(&parsed.err_msg),
        );
        if let Some(errno) = parsed.errno {
            let _ = Reflect::set(&error, &JsValue::from_str("errno"), &JsValue::from_f64(errno as f64));
        }
    }
    let _ = Reflect::set(&error, &JsValue::from_str("cause"), fail);
    error.into()
}

/// A failure WeChat reported: the `errMsg` (`"showModal:fail cancel"`) and,
/// on newer base libraries, the numeric `errno`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailResult {
    /// WeChat's message, as sent.
    pub err_msg: String,
    /// WeChat's error number, where the base library sends one.
    pub errno: Option<i64>,
}

impl FailResult {
    /// A failure from its `errMsg` alone.
    pub fn new(err_msg: impl Into<String>) -> Self {
        FailResult {
            err_msg: err_msg.into(),
            errno: None,
        }
    }

    /// Reads a fail object (or an error thrown by a `*Sync` API, or an error
    /// made by [`call`]): its `errMsg`, else its `message`, and its `errno`.
    /// `None` when there is no such string.
    pub fn from_js(value: &JsValue) -> Option<Self> {
        if !value.is_object() {
            return value.as_string().map(Self::new);
        }
        let text = |name: &str| Reflect::get(value, &JsValue::from_str(name)).ok()?.as_string();
        let err_msg = text("errMsg").or_else(|| text("message"))?;
        let errno = Reflect::get(value, &JsValue::from_str("errno"))
            .ok()
            .and_then(|n| n.as_f64())
            .filter(|n| n.fract() == 0.0)
            .map(|n| n as i64);
        Some(FailResult { err_msg, errno })
    }

    /// Reads the failure a [`WxError::Js`] carries; `None` for other errors.
    pub fn from_error(error: &WxError) -> Option<Self> {
        match error {
            WxError::Js { error, .. } => Self::from_js(error),
            _ => None,
        }
    }

    /// The API named in the message (`showModal` in `showModal:fail cancel`).
    pub fn api(&self) -> Option<&str> {
        parse_err_msg(&self.err_msg).map(|(api, _)| api)
    }

    /// The reason after `:fail` (`cancel` in `showModal:fail cancel`); empty
    /// when WeChat gives none; `None` when the message is not a `fail` one.
    pub fn reason(&self) -> Option<&str> {
        parse_err_msg(&self.err_msg).map(|(_, reason)| reason)
    }
}

/// The reason WeChat gave for a failed call (`cancel`, `data not found`,
/// ...), if `error` is a WeChat failure: `Some("")` when it gave none.
pub fn fail_reason(error: &WxError) -> Option<String> {
    FailResult::from_error(error)?.reason().map(str::to_string)
}

/// Splits `"<api>:fail <reason>"` into its API and reason, loosely: spaces
/// around `fail` and a `:` after it are allowed, the reason may be empty.
/// `None` when the message is not a failure (e.g. `"showToast:ok"`).
pub fn parse_err_msg(err_msg: &str) -> Option<(&str, &str)> {
    // ASCII-only classes on purpose: `char::is_alphanumeric` and `str::trim`
    // pull Unicode tables into the plugin (tens of KB under wasm2js).
    let space = |c: char| c.is_ascii_whitespace();
    let (api, rest) = err_msg.split_once(':')?;
    let rest = rest.trim_start_matches(space).strip_prefix("fail")?;
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
        return None; // "failed", "failure": some other wording
    }
    let reason = rest.trim_start_matches(|c: char| c == ':' || space(c));
    Some((api.trim_matches(space), reason.trim_end_matches(space)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn err_msg_splits_into_api_and_reason() {
        assert_eq!(parse_err_msg("showModal:fail cancel"), Some(("showModal", "cancel")));
        assert_eq!(
            parse_err_msg("getStorage:fail data not found"),
            Some(("getStorage", "data not found"))
        );
        assert_eq!(parse_err_msg("showModal: fail cancel"), Some(("showModal", "cancel")));
        assert_eq!(parse_err_msg("showModal:fail:cancel"), Some(("showModal", "cancel")));
        assert_eq!(parse_err_msg("showModal:fail"), Some(("showModal", "")));
        assert_eq!(parse_err_msg("showModal:fail "), Some(("showModal", "")));
        assert_eq!(
            parse_err_msg("setStorageSync:fail parameter error: parameter.key should not be empty;"),
            Some(("setStorageSync", "parameter error: parameter.key should not be empty;"))
        );
    }

    #[test]
    fn other_messages_are_not_failures() {
        assert_eq!(parse_err_msg("showToast:ok"), None);
        assert_eq!(parse_err_msg("no colon here"), None);
        assert_eq!(parse_err_msg("x:failed badly"), None);
        assert_eq!(parse_err_msg(""), None);
    }

    #[test]
    fn fail_result_reads_its_message() {
        let fail = FailResult::new("getStorage:fail data not found");
        assert_eq!(fail.api(), Some("getStorage"));
        assert_eq!(fail.reason(), Some("data not found"));
        assert_eq!(FailResult::new("hideToast:ok").reason(), None);
        let version = crate::version::RunningVersion::parse("x").unwrap_err();
        assert_eq!(fail_reason(&WxError::from(version)), None);
    }
}
