//! The error type of checked and typed calls.
//!
//! This module imports nothing else of the crate: [`VersionError`] lives
//! here (re-exported by [`version`](crate::version)), so the error and the
//! version modules do not import each other.

use std::fmt;

use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// Why a call to `wx` did not succeed.
///
/// Every typed call returns it, and an exported `#[wasm_bindgen]` function
/// that returns `Result<_, JsValue>` can use `?` on it: it converts into a
/// JS `Error` whose `message` is this error's text (and, for
/// [`WxError::Fail`], whose `errMsg`, `errno` and `cause` are WeChat's).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum WxError {
    /// WeChat answered with `fail` (`{ errMsg: "<api>:fail <reason>", errno? }`),
    /// a sync API threw such a failure, or an object's `onError` event
    /// reported one.
    #[non_exhaustive]
    Fail {
        /// The JS name of the API.
        api: &'static str,
        /// WeChat's message, as sent (`"showModal:fail cancel"`).
        err_msg: String,
        /// WeChat's error number (`errno`), where the base library sends one.
        errno: Option<i64>,
        /// The error code some families send instead (`errCode`: Bluetooth,
        /// Wi-Fi, NFC, beacons, subscriptions), where present.
        err_code: Option<i64>,
        /// The whole fail object, for any other field WeChat sends.
        detail: JsValue,
    },
    /// The running base library is older than the API needs in plugins.
    #[non_exhaustive]
    TooOld {
        /// The JS name of the API.
        api: &'static str,
        /// The minimum base library it needs in plugins.
        needs: semver::Version,
        /// The running base library.
        running: semver::Version,
    },
    /// The call threw something other than a WeChat failure (see
    /// [`WxError::js`]), or `wx.<api>` is not a function in this runtime
    /// (WeChat leaves out what a plugin may not call, and has dropped a few
    /// old listeners from plugins).
    #[non_exhaustive]
    Js {
        /// The JS name of the API.
        api: &'static str,
        /// The JS exception.
        error: JsValue,
    },
    /// A value could not be converted to or from what WeChat stores (see
    /// [`storage`](crate::storage)).
    #[non_exhaustive]
    Data {
        /// The JS name of the API.
        api: &'static str,
        /// What went wrong.
        message: String,
    },
    /// The running base library's version could not be read or parsed.
    Version(VersionError),
}

impl WxError {
    /// Wraps a JS exception thrown by `wx.<api>` (or the `TypeError` of
    /// calling a function that is missing). For what a sync API throws, see
    /// [`thrown`](Self::thrown).
    pub fn js(api: &'static str, error: JsValue) -> Self {
        WxError::Js { api, error }
    }

    /// Reads what the sync API `wx.<api>` threw (every typed sync function
    /// and method uses it). WeChat reports a sync API's failure by throwing
    /// it: an `Error` whose `message` (or an object whose `errMsg`) reads
    /// `"<api>:fail <reason>"`, with `errCode`/`errno` where the family has
    /// them. That is the same [`WxError::Fail`] the callback form of the
    /// API answers with (`setStorageSync` and `setStorage` fail alike), so
    /// [`reason`](Self::reason), [`errno`](Self::errno) and
    /// [`err_code`](Self::err_code) work on both; anything else is
    /// [`WxError::Js`].
    pub fn thrown(api: &'static str, error: JsValue) -> Self {
        if is_failure_message(err_msg_of(&error).as_bytes()) {
            return WxError::from_fail(api, error);
        }
        WxError::Js { api, error }
    }

    /// Reads a `fail` answer of `wx.<api>`: its `errMsg` (else an `Error`'s
    /// `message`, else its string form), `errno` and `errCode`.
    pub fn from_fail(api: &'static str, fail: JsValue) -> Self {
        let number = |name: &str| {
            Reflect::get(&fail, &JsValue::from_str(name))
                .ok()
                .and_then(|n| n.as_f64())
                .filter(|n| n.fract() == 0.0)
                .map(|n| n as i64)
        };
        let (errno, err_code) = if fail.is_object() {
            (number("errno"), number("errCode"))
        } else {
            (None, None)
        };
        WxError::Fail {
            api,
            err_msg: err_msg_of(&fail),
            errno,
            err_code,
            detail: fail,
        }
    }

    /// A value that could not be converted for `wx.<api>`.
    pub fn data(api: &'static str, message: impl Into<String>) -> Self {
        WxError::Data {
            api,
            message: message.into(),
        }
    }

    /// The JS name of the API this error is about, if any.
    pub fn api(&self) -> Option<&'static str> {
        match self {
            WxError::Fail { api, .. }
            | WxError::TooOld { api, .. }
            | WxError::Js { api, .. }
            | WxError::Data { api, .. } => Some(api),
            WxError::Version(_) => None,
        }
    }

    /// The reason WeChat gave for a `fail` (`cancel` in
    /// `"showModal:fail cancel"`): `Some("")` when it gave none, `None` for
    /// errors that are not WeChat failures.
    pub fn reason(&self) -> Option<&str> {
        match self {
            WxError::Fail { err_msg, .. } => Some(parse_err_msg(err_msg).map_or(err_msg.as_str(), |(_, r)| r)),
            _ => None,
        }
    }

    /// WeChat's `errno`, for a failure that carries one.
    pub fn errno(&self) -> Option<i64> {
        match self {
            WxError::Fail { errno, .. } => *errno,
            _ => None,
        }
    }

    /// WeChat's `errCode` (Bluetooth, Wi-Fi, NFC, audio errors, files...),
    /// for a failure that carries one.
    pub fn err_code(&self) -> Option<i64> {
        match self {
            WxError::Fail { err_code, .. } => *err_code,
            _ => None,
        }
    }

    /// Whether `wx.<api>` answered `fail` with exactly this reason.
    pub fn is_fail_with(&self, reason: &str) -> bool {
        self.reason() == Some(reason)
    }
}

/// Whether a message has the `"<api>:fail <reason>"` form, by the rules of
/// [`parse_err_msg`] (which a test holds this to). Bytes and no indexing:
/// every plugin with a sync call carries this, and `parse_err_msg`'s
/// string searching and trimming cost it about 2 KB of wasm.
fn is_failure_message(message: &[u8]) -> bool {
    let Some(colon) = message.iter().position(|&b| b == b':') else {
        return false;
    };
    let mut rest = message.get(colon + 1..).unwrap_or_default();
    while let [first, tail @ ..] = rest
        && first.is_ascii_whitespace()
    {
        rest = tail;
    }
    match rest.strip_prefix(b"fail") {
        Some(after) => !matches!(after.first(), Some(b) if b.is_ascii_alphanumeric() || *b == b'_'),
        None => false,
    }
}

/// The message of a fail object or a thrown value: `errMsg`, else an
/// `Error`'s `message`, else its string form.
fn err_msg_of(value: &JsValue) -> String {
    if value.is_object()
        && let Some(text) = Reflect::get(value, &JsValue::from_str("errMsg"))
            .ok()
            .and_then(|m| m.as_string())
    {
        return text;
    }
    js_error_message(value)
}

/// A readable message from a JS exception: its `message` (an `Error`'s),
/// else the value itself if it is a string. Read through `Reflect` rather
/// than `instanceof Error` and `Debug`, which would each add glue to every
/// plugin for an error path.
pub(crate) fn js_error_message(error: &JsValue) -> String {
    if let Some(text) = error.as_string() {
        return text;
    }
    if error.is_object()
        && let Some(message) = Reflect::get(error, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
    {
        return message;
    }
    String::from("(not an Error)")
}

impl WxError {
    /// The text of this error (what `Display` writes), built with
    /// `push_str` rather than formatting machinery: every plugin that
    /// reports an error carries this code.
    pub fn message(&self) -> String {
        let mut text = String::new();
        let api = |text: &mut String, api: &str, rest: &str| {
            text.push_str("wx.");
            text.push_str(api);
            text.push_str(rest);
        };
        match self {
            WxError::Fail { api: name, err_msg, .. } => {
                api(&mut text, name, " failed: ");
                text.push_str(err_msg);
            }
            WxError::TooOld {
                api: name,
                needs,
                running,
            } => {
                api(&mut text, name, " needs base library ");
                push_version(&mut text, needs);
                text.push_str(" in plugins; this one is ");
                push_version(&mut text, running);
            }
            WxError::Js { api: name, error } => {
                api(&mut text, name, " failed: ");
                text.push_str(&js_error_message(error));
            }
            WxError::Data { api: name, message } => {
                api(&mut text, name, ": ");
                text.push_str(message);
            }
            WxError::Version(error) => text.push_str(&error.message()),
        }
        text
    }
}

impl fmt::Display for WxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Appends `major.minor.patch`, digit by digit: base-library versions have
/// nothing else, and `u64`'s and semver's `Display` would add a kilobyte of
/// formatting code to every plugin that reports an error. (No indexing and
/// no division by a variable either: their panics would bring in the panic
/// message's formatting and this file's path.)
fn push_version(text: &mut String, version: &semver::Version) {
    fn push_number(text: &mut String, n: u64) {
        if n >= 10 {
            push_number(text, n / 10);
        }
        text.push(char::from(b'0' + (n % 10) as u8));
    }
    push_number(text, version.major);
    text.push('.');
    push_number(text, version.minor);
    text.push('.');
    push_number(text, version.patch);
}

impl std::error::Error for WxError {}

impl From<VersionError> for WxError {
    fn from(error: VersionError) -> Self {
        WxError::Version(error)
    }
}

impl From<WxError> for JsValue {
    /// A JS `Error` with this error's text as its `message`; a WeChat
    /// failure also keeps `errMsg`, `errno`, `errCode` and the fail object
    /// as `cause`.
    fn from(error: WxError) -> Self {
        let js = js_sys::Error::new(&error.message());
        if let WxError::Fail {
            err_msg,
            errno,
            err_code,
            detail,
            ..
        } = &error
        {
            let set = |name: &str, value: &JsValue| {
                let _ = Reflect::set(&js, &JsValue::from_str(name), value);
            };
            set("errMsg", &JsValue::from_str(err_msg));
            if let Some(errno) = errno {
                set("errno", &JsValue::from_f64(*errno as f64));
            }
            if let Some(err_code) = err_code {
                set("errCode", &JsValue::from_f64(*err_code as f64));
            }
            set("cause", detail);
        }
        js.into()
    }
}

/// A base-library version that could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError {
    /// What was read (empty when nothing was).
    pub text: String,
    /// Why it is not a version.
    pub reason: String,
}

impl VersionError {
    fn message(&self) -> String {
        let mut text = String::from("`");
        text.push_str(&self.text);
        text.push_str("` is not a base-library version like 2.10.2: ");
        text.push_str(&self.reason);
        text
    }
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for VersionError {}

/// Splits `"<api>:fail <reason>"` into its API and reason, loosely: spaces
/// around `fail` and a `:` after it are allowed, the reason may be empty or
/// hold colons and any characters. `None` when the message is not a
/// failure (e.g. `"showToast:ok"`).
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
        assert_eq!(
            parse_err_msg("chooseImage:fail 用户取消"),
            Some(("chooseImage", "用户取消"))
        );
    }

    #[test]
    fn the_quick_failure_check_agrees_with_parse_err_msg() {
        for message in [
            "showModal:fail cancel",
            "showModal: fail cancel",
            "showModal:fail:cancel",
            "showModal:fail",
            "showModal:fail ",
            "setStorageSync:fail exceed storage item max length",
            "setStorageSync:fail parameter error: parameter.key should not be empty;",
            "chooseImage:fail 用户取消",
            "operateRecorder:fail recorder is recording",
            "showToast:ok",
            "no colon here",
            "x:failed badly",
            "x:fail_safe",
            "x:\tfail",
            ":fail",
            "",
            "wx.foo is not a function",
            "connect ECONNREFUSED 127.0.0.1:1",
        ] {
            assert_eq!(
                is_failure_message(message.as_bytes()),
                parse_err_msg(message).is_some(),
                "{message:?}"
            );
        }
    }

    #[test]
    fn other_messages_are_not_failures() {
        assert_eq!(parse_err_msg("showToast:ok"), None);
        assert_eq!(parse_err_msg("no colon here"), None);
        assert_eq!(parse_err_msg("x:failed badly"), None);
        assert_eq!(parse_err_msg(""), None);
    }
}
