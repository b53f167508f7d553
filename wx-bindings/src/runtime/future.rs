//! Callback APIs as Rust futures.
//!
//! Most `wx` functions are asynchronous in WeChat's own convention: they
//! take an options object and report through its `success`, `fail` and
//! `complete` callbacks (promises only exist from base library 2.10.2, so
//! a plugin that must run on 1.9.6 uses the callbacks). Each typed callback
//! API returns a [`WxFuture`]; [`call`] makes one for any raw binding.
//!
//! # How it works, and why
//!
//! The call runs inside the executor of a JS `Promise`, and `success` and
//! `fail` are set to that promise's own `resolve` and `reject` functions;
//! [`wasm_bindgen_futures::JsFuture`] then turns the promise into a
//! future. No Rust closure is ever handed to WeChat, so nothing WeChat
//! holds can be freed under it: whenever (and however often) WeChat calls
//! `success` or `fail`, it calls a plain JS function, and only the first
//! call counts. The only Rust closures are `JsFuture`'s two `then`
//! handlers, which free each other when the promise settles.
//!
//! The options are copied into a fresh object first, so one options value
//! can serve several calls, even at the same time.
//!
//! # Failures
//!
//! * `wx.<api>` missing at run time, or throwing when called: the future is
//!   ready at once with [`WxError::Js`]. Nothing traps or panics.
//! * `fail` fired: [`WxError::Fail`], with WeChat's `errMsg`, its reason
//!   ([`WxError::reason`]) and `errno`.
//!
//! # Dropping the future early
//!
//! The call is made when the function is called, not when the future is
//! first polled, as in JavaScript. Dropping a [`WxFuture`] before WeChat
//! answers cancels nothing in WeChat (the toast still shows, the dialog
//! still waits): it only stops anyone waiting for the answer, and it is
//! safe. When WeChat answers later it settles the promise, `JsFuture`'s
//! handlers run, find no task to wake, and free themselves.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use js_sys::{Object, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::JsObject;
use super::object::set;
use crate::WxError;

/// What a callback API's `success` result becomes in Rust: a typed result
/// object, or `()` for APIs that report nothing but `errMsg`.
pub trait FromSuccess: Sized {
    /// Converts the object `success` received.
    fn from_success(value: JsValue) -> Self;
}

impl FromSuccess for () {
    fn from_success(_: JsValue) -> Self {}
}

impl FromSuccess for JsValue {
    fn from_success(value: JsValue) -> Self {
        value
    }
}

impl<T: JsObject> FromSuccess for T {
    fn from_success(value: JsValue) -> Self {
        T::from_js(value)
    }
}

/// WeChat's answer to a callback API: `Ok` with the `success` result, or
/// the failure. The call has already been made when you hold one.
#[must_use = "`let _ = …` drops the future at once: the wx call is already made and goes on, but its answer \
              and any failure are lost. `.await` it (`let answer = ….await?;`)"]
#[derive(Debug)]
pub struct WxFuture<T> {
    api: &'static str,
    state: State,
    output: PhantomData<fn() -> T>,
}

#[derive(Debug)]
enum State {
    /// The call failed before WeChat took it, or the answer was already taken.
    Ready(Option<WxError>),
    /// Waiting for `success` or `fail`.
    Pending(JsFuture),
}

impl<T> WxFuture<T> {
    /// A future that is already failed with `error`.
    pub fn failed(api: &'static str, error: WxError) -> Self {
        WxFuture {
            api,
            state: State::Ready(Some(error)),
            output: PhantomData,
        }
    }

    /// The JS name of the API this future waits for.
    pub fn api(&self) -> &'static str {
        self.api
    }
}

impl<T: FromSuccess> Future for WxFuture<T> {
    type Output = Result<T, WxError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        poll_answer(this.api, &mut this.state, cx).map(|answer| answer.map(T::from_success))
    }
}

/// The answer, when there is one. Not generic, so that each typed API adds
/// only its conversion, not another copy of this.
fn poll_answer(api: &'static str, state: &mut State, cx: &mut Context<'_>) -> Poll<Result<JsValue, WxError>> {
    match state {
        State::Ready(error) => Poll::Ready(Err(error
            .take()
            .unwrap_or_else(|| WxError::js(api, js_sys::Error::new("polled after completion").into())))),
        State::Pending(future) => match Pin::new(future).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(answer) => {
                *state = State::Ready(None);
                Poll::Ready(answer.map_err(|fail| WxError::from_fail(api, fail)))
            }
        },
    }
}

/// Calls the callback API `wx.<api>` through `call` (its raw binding, or a
/// run-time lookup) with a copy of `options` to which `success` and `fail`
/// are added, and returns its answer as a future. Any `complete` you set
/// is kept, and whatever `call` returns besides (some APIs also return a
/// promise) is dropped. `api` is the JS name, used in errors.
///
/// ```no_run
/// # async fn demo() -> Result<(), wx_bindings::WxError> {
/// use wasm_bindgen::JsValue;
/// use wx_bindings::{raw, runtime};
///
/// let options = js_sys::Object::new();
/// js_sys::Reflect::set(&options, &"title".into(), &"Hello".into()).unwrap();
/// let (): () = runtime::call("showToast", &options, raw::show_toast).await?;
/// # Ok(()) }
/// ```
pub fn call<T, R>(
    api: &'static str,
    options: &JsValue,
    call: impl FnOnce(&JsValue) -> Result<R, JsValue>,
) -> WxFuture<T> {
    call_returning(api, options, |options| call(options).map(|_| JsValue::UNDEFINED)).0
}

/// [`call`], also giving back what the call returned (a task object), or
/// `undefined` when it threw.
pub(crate) fn call_returning<T>(
    api: &'static str,
    options: &JsValue,
    call: impl FnOnce(&JsValue) -> Result<JsValue, JsValue>,
) -> (WxFuture<T>, JsValue) {
    let mut call = Some(call);
    let (state, returned) = start(api, options, &mut |options| match call.take() {
        Some(call) => call(options),
        None => Ok(JsValue::UNDEFINED),
    });
    (
        WxFuture {
            api,
            state,
            output: PhantomData,
        },
        returned,
    )
}

/// Makes the call inside a promise's executor. Not generic (see [`poll_answer`]).
fn start(
    api: &'static str,
    options: &JsValue,
    call: &mut dyn FnMut(&JsValue) -> Result<JsValue, JsValue>,
) -> (State, JsValue) {
    let options: JsValue = Object::assign(&Object::new(), options.unchecked_ref()).into();
    let mut outcome: Result<JsValue, JsValue> = Ok(JsValue::UNDEFINED);
    let promise = Promise::new(&mut |resolve, reject| {
        set(&options, "success", &resolve);
        set(&options, "fail", &reject);
        outcome = call(&options);
    });
    match outcome {
        // The promise never settles; nothing but the garbage collector holds it.
        Err(error) => (State::Ready(Some(WxError::js(api, error))), JsValue::UNDEFINED),
        Ok(returned) => (State::Pending(JsFuture::from(promise)), returned),
    }
}

impl<T> WxFuture<T> {
    /// Whether WeChat has answered and the answer was taken.
    pub(crate) fn is_done(&self) -> bool {
        matches!(self.state, State::Ready(None))
    }
}
