//! Hand-written extras that read better than the generated functions they
//! stand on; each category module of the crate re-exports its own.

use serde::Serialize;
use serde::de::DeserializeOwned;
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
/// `<what>: <reason>` for the top level. `what` is only written out on an
/// error (pass `format_args!`: a handler's hot path formats nothing).
pub(crate) fn to_json_value<T: Serialize + ?Sized>(value: &T, what: impl std::fmt::Display) -> Result<JsValue, String> {
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

/// `value` read as `T`. An error names where in `value` it went wrong
/// (``<what> at `user.id`: <reason>``) and says what JS value it found by
/// kind, not by dumping it: serde_wasm_bindgen's own message quotes the
/// whole value (`invalid type: JsValue(Object({…every field…}))`), which for
/// a stored struct is the user's data in an error message.
pub(crate) fn from_json_value<T: DeserializeOwned>(value: JsValue, what: impl std::fmt::Display) -> Result<T, String> {
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|error| {
        let reason = error.inner().to_string();
        let reason = reason.strip_prefix("Error: ").unwrap_or(&reason);
        let reason = without_value_dump(reason);
        let path = error.path().to_string();
        if path == "." {
            format!("{what}: {reason}")
        } else {
            format!("{what} at `{path}`: {reason}")
        }
    })
}

/// serde's "invalid type: JsValue(Object({…})), expected u32" as "invalid
/// type: an object, expected u32".
fn without_value_dump(reason: &str) -> String {
    let Some(rest) = reason.strip_prefix("invalid type: JsValue(") else {
        return reason.to_string();
    };
    let Some(at) = rest.rfind("), expected ") else {
        return reason.to_string();
    };
    let kind = if rest.starts_with("Object(") {
        "an object"
    } else if rest.starts_with("Array(") || rest.starts_with('[') {
        "an array"
    } else if rest.starts_with('"') {
        "a string"
    } else if rest.starts_with("true") || rest.starts_with("false") {
        "a boolean"
    } else if rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        "a number"
    } else {
        "another JS value"
    };
    format!("invalid type: {kind}{}", &rest[at + 1..])
}

#[cfg(test)]
mod tests {
    use super::without_value_dump;

    #[test]
    fn a_value_dump_becomes_its_kind() {
        assert_eq!(
            without_value_dump(r#"invalid type: JsValue(Object({"theme":"dark","n":[1,2]})), expected u32"#),
            "invalid type: an object, expected u32"
        );
        assert_eq!(
            without_value_dump(r#"invalid type: JsValue("dark"), expected a sequence"#),
            "invalid type: a string, expected a sequence"
        );
        assert_eq!(
            without_value_dump("invalid type: JsValue(42), expected a string"),
            "invalid type: a number, expected a string"
        );
        assert_eq!(without_value_dump("missing field `theme`"), "missing field `theme`");
    }
}
