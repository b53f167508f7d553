//! The error type of checked and typed calls.

use std::fmt;

use wasm_bindgen::{JsCast, JsValue};

use crate::version::VersionError;

/// Why a call to `wx` did not succeed.
#[derive(Debug, Clone)]
pub enum WxError {
    /// The running base library is older than the API needs in plugins.
    TooOld {
        /// The JS name of the API.
        api: &'static str,
        /// The minimum base library it needs in plugins.
        needs: semver::Version,
        /// The running base library.
        running: semver::Version,
    },
    /// The call threw, or `wx.<api>` is not a function in this runtime
    /// (WeChat leaves out what a plugin may not call).
    Js {
        /// The JS name of the API.
        api: &'static str,
        /// The JS exception.
        error: JsValue,
    },
    /// The running base library's version could not be read or parsed.
    Version(VersionError),
}

impl WxError {
    /// Wraps a JS exception thrown by `wx.<api>`.
    pub fn js(api: &'static str, error: JsValue) -> Self {
        WxError::Js { api, error }
    }

    /// The JS name of the API this error is about, if any.
    pub fn api(&self) -> Option<&'static str> {
        match self {
            WxError::TooOld { api, .. } | WxError::Js { api, .. } => Some(api),
            WxError::Version(_) => None,
        }
    }
}

/// A readable message from a JS exception: its `message`, or its string form.
pub(crate) fn js_error_message(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}

impl fmt::Display for WxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WxError::TooOld { api, needs, running } => write!(
                f,
                "wx.{api} needs base library {needs} in plugins; this one is {running}"
            ),
            WxError::Js { api, error } => write!(f, "wx.{api} failed: {}", js_error_message(error)),
            WxError::Version(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for WxError {}

impl From<VersionError> for WxError {
    fn from(error: VersionError) -> Self {
        WxError::Version(error)
    }
}
