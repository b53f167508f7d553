//! Hand-written extras that read better than the generated functions they
//! stand on; each category module of the crate re-exports its own.

use serde::Serialize;
use wasm_bindgen::JsValue;

pub mod file;
mod headers;
pub mod network;
pub mod storage;

/// The JS value of `value` as WeChat sends or stores it (JSON-compatible:
/// maps as plain objects). A value serde cannot turn into one (an
/// `i64`/`u64` beyond 2^53 − 1, a map with non-string keys) is an error
/// that names where it is in `value` (`user.id`, `items[3]`), so a caller
/// knows which field to fix: ``<what> at `user.id`: <reason>``, or
/// `<what>: <reason>` for the top level.
pub(crate) fn to_json_value<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<JsValue, String> {
    serde_path_to_error::serialize(value, &serde_wasm_bindgen::Serializer::json_compatible()).map_err(|error| {
        // serde_wasm_bindgen's error is a JS `Error`, which reads "Error: <reason>".
        let reason = error.inner().to_string();
        let reason = reason.strip_prefix("Error: ").unwrap_or(&reason);
        let path = error.path().to_string();
        // serde_path_to_error writes the top level (no field) as ".".
        if path == "." {
            format!("{what}: {reason}")
        } else {
            format!("{what} at `{path}`: {reason}")
        }
    })
}
