//! JSON bodies for `wx.request`, through serde.
//!
//! ```no_run
//! use serde::{Deserialize, Serialize};
//! use wx_bindings::network::{self, RequestOption, RequestOptionMethod};
//!
//! #[derive(Serialize)]
//! struct NewNote<'a> { text: &'a str }
//! #[derive(Deserialize)]
//! struct Note { id: u32, text: String }
//!
//! # async fn demo() -> Result<(), wx_bindings::WxError> {
//! let options = RequestOption::new("https://api.example.com/notes")
//!     .method(RequestOptionMethod::Post)
//!     .json(&NewNote { text: "milk" })?;
//! let answer = network::request(&options).await?;
//! let note: Note = answer.json()?;
//! # Ok(()) }
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use crate::WxError;
use crate::generated::network::{RequestOption, RequestSuccessCallbackResult};

impl RequestOption {
    /// Sends `body` as JSON: `data` becomes the JS value of `body` (maps as
    /// plain objects), which WeChat sends as a JSON text with its default
    /// `content-type: application/json`. An `i64`/`u64` beyond 2^53 − 1 is
    /// an error naming the field (``at `items[3].id` ``), not a silently
    /// different number.
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Result<Self, WxError> {
        let data = super::to_json_value(body, "cannot send the body as JSON")
            .map_err(|message| WxError::data("request", message))?;
        Ok(self.data(&data))
    }
}

impl RequestSuccessCallbackResult {
    /// The response body as `T`. With WeChat's default `dataType: "json"`
    /// the body has already been parsed; a text body (another `dataType`,
    /// or a body WeChat could not parse) is parsed here. A body that is not
    /// JSON (an HTML error page) is a `WxError::Data` naming the status
    /// code and how the body starts: `status 404, body starts "<html>…"`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, WxError> {
        let data = self.data();
        let data = match data.as_string() {
            Some(text) => {
                js_sys::JSON::parse(&text).map_err(|_| WxError::data("request", not_json(self.status_code(), &text)))?
            }
            None => data,
        };
        super::from_json_value(data, "the response body is not the expected JSON")
            .map_err(|e| WxError::data("request", e))
    }

    /// The response body as text, when it is a string (`dataType` other
    /// than `"json"`, or a body that is not JSON).
    pub fn text(&self) -> Option<String> {
        let data: JsValue = self.data();
        data.as_string()
    }
}

/// How many characters of a body an error quotes: enough to tell an HTML
/// page or a proxy's message, not enough to copy a whole answer into logs.
const BODY_START: usize = 40;

/// `the response body is not JSON (status 404, body starts "<html>…")`.
/// Built with `push_str`, and the numbers and quotes written by JS's
/// `JSON.stringify` (which escapes a quote or a newline in the body): Rust's
/// float and `Debug` formatting would add kilobytes to every plugin that
/// reads a JSON answer.
fn not_json(status: f64, text: &str) -> String {
    let stringify = |value: &JsValue| js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string());
    let (start, cut) = body_start(text);
    let mut message = String::from("the response body is not JSON (status ");
    message.push_str(&stringify(&JsValue::from_f64(status)).unwrap_or_default());
    message.push_str(", body starts ");
    message.push_str(&stringify(&JsValue::from_str(start)).unwrap_or_default());
    if cut {
        message.push('…');
    }
    message.push(')');
    message
}

/// The first [`BODY_START`] characters of `text`, and whether there was more.
fn body_start(text: &str) -> (&str, bool) {
    match text.char_indices().nth(BODY_START) {
        // `get`, not indexing: the index is a char boundary, and this keeps
        // the slice's panic (and its formatting) out of the wasm.
        Some((end, _)) => (text.get(..end).unwrap_or(text), true),
        None => (text, false),
    }
}

#[cfg(test)]
mod tests {
    use super::body_start;

    #[test]
    fn a_body_start_is_cut_at_forty_characters() {
        assert_eq!(body_start(""), ("", false));
        assert_eq!(body_start("Not Found"), ("Not Found", false));
        let forty = "x".repeat(40);
        assert_eq!(body_start(&forty), (forty.as_str(), false));
        // Characters, not bytes: 页 is three bytes in UTF-8.
        let page = format!("<html>{}</html>", "页".repeat(100));
        let start = format!("<html>{}", "页".repeat(34));
        assert_eq!(body_start(&page), (start.as_str(), true));
    }
}
