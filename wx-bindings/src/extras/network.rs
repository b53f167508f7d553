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
    /// an error, not a silently different number.
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Result<Self, WxError> {
        let data = body
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| WxError::data("request", format!("cannot send the body as JSON: {e}")))?;
        Ok(self.data(&data))
    }
}

impl RequestSuccessCallbackResult {
    /// The response body as `T`. With WeChat's default `dataType: "json"`
    /// the body has already been parsed; a text body (another `dataType`)
    /// is parsed here.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, WxError> {
        let data = self.data();
        let data = match data.as_string() {
            Some(text) => {
                js_sys::JSON::parse(&text).map_err(|_| WxError::data("request", "the response body is not JSON"))?
            }
            None => data,
        };
        serde_wasm_bindgen::from_value(data)
            .map_err(|e| WxError::data("request", format!("the response body is not the expected JSON: {e}")))
    }

    /// The response body as text, when it is a string (`dataType` other
    /// than `"json"`, or a body that is not JSON).
    pub fn text(&self) -> Option<String> {
        let data: JsValue = self.data();
        data.as_string()
    }
}
