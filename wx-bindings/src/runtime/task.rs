//! Task APIs (`wx.request`, `wx.downloadFile`, `wx.uploadFile`,
//! `wx.connectSocket`): a handle that is a future of the result **and**
//! holds the task object with its methods and events.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use wasm_bindgen::JsValue;

use super::future::{FromSuccess, WxFuture, call_returning};
use super::object::{JsObject, invoke};
use crate::WxError;

/// A running task: await it for WeChat's `success` or `fail`, reach the
/// task object (`abort`, progress and header events, a socket's `send`)
/// through [`Task::object`].
///
/// Dropping the task before it finishes aborts it (`task.abort()`), as
/// dropping a `reqwest` future cancels the request; [`Task::detach`] lets
/// it run on without anyone waiting.
#[must_use = "`let _ = …` drops the Task at once, which aborts it (`task.abort()`): the request is cancelled. \
              Write `let task = …;` and `task.await`, or call `.detach()` to let it run unawaited"]
#[derive(Debug)]
pub struct Task<T, O: JsObject> {
    future: WxFuture<T>,
    object: O,
    /// Set by [`Task::detach`]: dropping no longer aborts.
    detached: bool,
}

impl<T, O: JsObject> Task<T, O> {
    /// The task object WeChat returned.
    pub fn object(&self) -> &O {
        &self.object
    }

    /// Lets the task run on unawaited, giving its object back (nothing
    /// aborts it any more).
    pub fn detach(mut self) -> O {
        // A second handle on the same JS object (no `Option` + `expect`:
        // its panic path would cost every plugin the formatting code).
        self.detached = true;
        O::from_js(self.object.as_ref().clone())
    }

    /// Aborts the task now (`task.abort()`); awaiting it then gives WeChat's
    /// `fail` answer ("request:fail abort").
    pub fn abort(&self) -> Result<(), WxError> {
        invoke(self.object().as_ref(), "abort", &[])
            .map(drop)
            .map_err(|e| WxError::js("abort", e))
    }
}

impl<T: FromSuccess, O: JsObject + Unpin> Future for Task<T, O> {
    type Output = Result<T, WxError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        Pin::new(&mut this.future).poll(cx)
    }
}

impl<T, O: JsObject> Drop for Task<T, O> {
    fn drop(&mut self) {
        if !self.detached && !self.future.is_done() {
            let _ = invoke(self.object.as_ref(), "abort", &[]);
        }
    }
}

/// Starts the task API `wx.<api>` through its raw binding `call`.
pub fn task<T, O: JsObject>(
    api: &'static str,
    options: &JsValue,
    call: impl FnOnce(&JsValue) -> Result<JsValue, JsValue>,
) -> Task<T, O> {
    let (future, object) = call_returning(api, options, call);
    Task {
        future,
        object: O::from_js(object),
        detached: false,
    }
}
