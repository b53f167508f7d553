//! What a component sends with `setData`: its data serialized into a tree,
//! diffed against the tree it last sent, as path keys in WeChat's syntax
//! (`count`, `user.name`, `items[3].done`).
//!
//! The rules, each for a reason WeChat gives:
//!
//! * Only what changed is sent ("setData 应只传入发生变化的字段", WeChat's
//!   performance advice); nothing changed is no call at all.
//! * `setData` cannot delete: an array that shrank is sent whole, and so is
//!   an object that lost a field (an `Option` skipped when `None`). At the
//!   top level, where there is no parent to send, a field that disappeared
//!   is sent as `null`.
//! * A map key that cannot be written as a path (empty, or holding `.`, `[`
//!   or `]`, which WeChat would read as path syntax) sends its parent whole.
//! * Wherever sending a value whole takes no more bytes than its changed
//!   paths, it is sent whole: appending to an empty array is `items: [...]`,
//!   appending one element to a long one is `items[12]: ...`. The rule is
//!   the same at every level, so the payload is never bigger than the
//!   cheaper of the two; ties go to the single key.
//! * A number JavaScript cannot hold exactly (an integer beyond
//!   ±(2^53 − 1), `Number.MAX_SAFE_INTEGER`) is an error naming its path,
//!   and so is a payload over 1,024 kB (WeChat's limit per call, counted as
//!   the UTF-8 bytes of its JSON text), both before anything is sent.

use serde::Serialize;
use serde_json::{Map, Value};

/// WeChat's limit on one `setData` call: 1,024 kB of JSON text.
pub(crate) const SET_DATA_LIMIT: usize = 1024 * 1024;

/// The largest integer a JavaScript number holds exactly
/// (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The tree of `value` (a component's data), or an error naming the field
/// serde failed at.
pub(crate) fn tree<T: Serialize + ?Sized>(value: &T) -> Result<Value, String> {
    serde_path_to_error::serialize(value, serde_json::value::Serializer).map_err(|error| {
        let path = error.path().to_string();
        if path == "." {
            format!("cannot serialize the data: {}", error.inner())
        } else {
            format!("cannot serialize the data at `{path}`: {}", error.inner())
        }
    })
}

/// The `setData` payload that turns `old` into `new` (both the trees of a
/// component's data, which must be objects): path keys and their values, in
/// key order. Empty when nothing changed. An error, and no payload, for a
/// number JavaScript cannot hold exactly or a top-level key that cannot be a
/// path.
pub(crate) fn diff(old: &Value, new: &Value) -> Result<Map<String, Value>, String> {
    let (Value::Object(old), Value::Object(new)) = (old, new) else {
        return Err("a component's data must serialize to a struct or a map (an object in JS)".to_string());
    };
    let mut out = Vec::new();
    for (key, value) in new {
        if !is_path_key(key) {
            if old.get(key) != Some(value) {
                return Err(format!(
                    "the data's top-level key {key:?} cannot be sent with setData: WeChat reads `.`, `[` and `]` \
                     in a key as a path, and an empty key is no path; rename the field"
                ));
            }
            continue;
        }
        match old.get(key) {
            Some(before) => diff_node(before, value, key, &mut out),
            None => out.push((key.clone(), value.clone())),
        }
    }
    // setData cannot delete: a field gone from the top level reads as null.
    for key in old.keys().filter(|k| !new.contains_key(*k) && is_path_key(k)) {
        out.push((key.clone(), Value::Null));
    }
    for (path, value) in &out {
        check_numbers(value, path)?;
    }
    let mut payload: Map<String, Value> = out.into_iter().collect();
    payload.sort_keys();
    Ok(payload)
}

/// An error if a payload of `bytes` bytes of JSON is over WeChat's limit.
pub(crate) fn check_size(bytes: usize) -> Result<(), String> {
    if bytes > SET_DATA_LIMIT {
        return Err(format!(
            "setData would send {bytes} bytes, over WeChat's limit of {SET_DATA_LIMIT} (1,024 kB) per call; \
             keep large data out of the component's data (#[serde(skip)]) or page it"
        ));
    }
    Ok(())
}

/// An error naming the first number under `value` (at `path`) that
/// JavaScript cannot hold exactly.
pub(crate) fn check_numbers(value: &Value, path: &str) -> Result<(), String> {
    match value {
        Value::Number(n) => {
            let too_big = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u > MAX_SAFE_INTEGER,
                (None, Some(i)) => i.unsigned_abs() > MAX_SAFE_INTEGER,
                _ => false, // an f64: JavaScript's own kind of number
            };
            if too_big {
                return Err(format!(
                    "`{path}` is {n}, which a JavaScript number cannot hold exactly (beyond ±(2^53 − 1)); \
                     send it as a string (#[serde(with = ...)] or a String field)"
                ));
            }
            Ok(())
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| check_numbers(v, &format!("{path}[{i}]"))),
        Value::Object(fields) => fields.iter().try_for_each(|(k, v)| check_numbers(v, &join(path, k))),
        _ => Ok(()),
    }
}

/// Pushes the entries that turn `old` into `new` at `path`: its changed
/// paths, or the value whole where that is needed or no bigger.
fn diff_node(old: &Value, new: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    if old == new {
        return;
    }
    let start = out.len();
    match (old, new) {
        (Value::Object(o), Value::Object(n))
            if o.keys().all(|k| n.contains_key(k)) && n.keys().all(|k| is_path_key(k)) =>
        {
            for (key, value) in n {
                let at = join(path, key);
                match o.get(key) {
                    Some(before) => diff_node(before, value, &at, out),
                    None => out.push((at, value.clone())),
                }
            }
        }
        (Value::Array(o), Value::Array(n)) if n.len() >= o.len() => {
            for (i, value) in n.iter().enumerate() {
                let at = format!("{path}[{i}]");
                match o.get(i) {
                    Some(before) => diff_node(before, value, &at, out),
                    None => out.push((at, value.clone())),
                }
            }
        }
        // A scalar, a changed kind, a shrunk array, an object that lost a
        // field or has a key that is no path: the value whole.
        _ => {
            out.push((path.to_string(), new.clone()));
            return;
        }
    }
    let parts: usize = out[start..].iter().map(|(p, v)| entry_len(p, v)).sum();
    if entry_len(path, new) <= parts {
        out.truncate(start);
        out.push((path.to_string(), new.clone()));
    }
}

/// Whether WeChat reads `key` as one plain path segment.
fn is_path_key(key: &str) -> bool {
    !key.is_empty() && !key.contains(['.', '[', ']'])
}

/// `parent.key`.
fn join(parent: &str, key: &str) -> String {
    format!("{parent}.{key}")
}

/// The bytes an entry adds to the payload's JSON: `"path":value,`.
fn entry_len(path: &str, value: &Value) -> usize {
    string_len(path) + 1 + json_len(value) + 1
}

/// The length of `value`'s JSON text (as `JSON.stringify` writes it, but
/// for the notation of some floats: only used to choose between two ways
/// to send a value).
fn json_len(value: &Value) -> usize {
    match value {
        Value::Null => 4,
        Value::Bool(b) => {
            if *b {
                4
            } else {
                5
            }
        }
        Value::Number(n) => n.to_string().len(),
        Value::String(s) => string_len(s),
        Value::Array(items) => 2 + items.iter().map(json_len).sum::<usize>() + items.len().saturating_sub(1),
        Value::Object(fields) => {
            2 + fields
                .iter()
                .map(|(k, v)| string_len(k) + 1 + json_len(v))
                .sum::<usize>()
                + fields.len().saturating_sub(1)
        }
    }
}

/// The length of a JSON string literal: quotes, escapes, UTF-8 bytes.
fn string_len(s: &str) -> usize {
    2 + s
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
            c if (c as u32) < 0x20 => 6,
            c => c.len_utf8(),
        })
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    //! Each expected payload is worked out by hand from the rules in the
    //! module's docs, not by running the code.

    use std::collections::BTreeMap;

    use serde::Serialize;
    use serde_json::{Value, json};

    use super::*;

    fn payload<T: Serialize>(old: &T, new: &T) -> Result<Value, String> {
        diff(&tree(old).unwrap(), &tree(new).unwrap()).map(Value::Object)
    }

    #[derive(Serialize, Clone, Default)]
    struct User {
        name: String,
        age: u32,
    }

    #[derive(Serialize, Clone)]
    struct Item {
        title: String,
        done: bool,
    }

    #[derive(Serialize, Clone, Default)]
    struct Data {
        count: i64,
        user: User,
        items: Vec<Item>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        tags: BTreeMap<String, u32>,
    }

    fn item(title: &str, done: bool) -> Item {
        Item {
            title: title.to_string(),
            done,
        }
    }

    fn data() -> Data {
        Data {
            count: 1,
            user: User {
                name: "Ada".into(),
                age: 36,
            },
            items: vec![
                item("milk", false),
                item("eggs", false),
                item("bread", false),
                item("butter", false),
                item("jam", false),
            ],
            note: None,
            tags: BTreeMap::from([("a".to_string(), 1)]),
        }
    }

    #[test]
    fn nothing_changed_is_an_empty_payload() {
        assert_eq!(payload(&data(), &data()).unwrap(), json!({}));
    }

    #[test]
    fn a_scalar_is_its_own_key() {
        let mut new = data();
        new.count = 2;
        assert_eq!(payload(&data(), &new).unwrap(), json!({ "count": 2 }));
    }

    #[test]
    fn a_nested_struct_field_is_a_dotted_path() {
        let mut new = data();
        new.user.name = "Grace".into();
        assert_eq!(payload(&data(), &new).unwrap(), json!({ "user.name": "Grace" }));
    }

    #[test]
    fn a_struct_whose_every_field_changed_goes_whole_when_that_is_shorter() {
        let mut new = data();
        new.user = User {
            name: "Bo".into(),
            age: 7,
        };
        // `"user.name":"Bo",` (17) + `"user.age":7,` (13) = 30 bytes against
        // `"user":{"age":7,"name":"Bo"},` (29): whole.
        assert_eq!(
            payload(&data(), &new).unwrap(),
            json!({ "user": { "age": 7, "name": "Bo" } })
        );
    }

    #[test]
    fn a_vec_element_field_is_an_indexed_path() {
        let mut new = data();
        new.items[3].done = true;
        assert_eq!(payload(&data(), &new).unwrap(), json!({ "items[3].done": true }));
    }

    #[test]
    fn a_grown_vec_sends_its_new_elements_by_index() {
        let mut new = data();
        new.items.push(item("tea", false));
        // `"items[5]":{"done":false,"title":"tea"},` is 39 bytes; the whole
        // array with six elements is far longer.
        assert_eq!(
            payload(&data(), &new).unwrap(),
            json!({ "items[5]": { "done": false, "title": "tea" } })
        );
    }

    #[test]
    fn an_empty_vec_that_grew_is_sent_whole() {
        let old = Data {
            items: vec![],
            ..data()
        };
        let mut new = old.clone();
        new.items = vec![item("a", true)];
        // `"items":[{"done":true,"title":"a"}],` (36) against
        // `"items[0]":{"done":true,"title":"a"},` (37): whole.
        assert_eq!(
            payload(&old, &new).unwrap(),
            json!({ "items": [{ "done": true, "title": "a" }] })
        );
    }

    #[test]
    fn a_shrunk_vec_is_sent_whole() {
        let mut new = data();
        new.items.truncate(1);
        assert_eq!(
            payload(&data(), &new).unwrap(),
            json!({ "items": [{ "done": false, "title": "milk" }] })
        );
    }

    #[test]
    fn a_map_key_added_is_a_path_and_one_removed_sends_the_map() {
        let mut added = data();
        added.tags.insert("b".into(), 2);
        assert_eq!(payload(&data(), &added).unwrap(), json!({ "tags.b": 2 }));

        let mut removed = data();
        removed.tags.clear();
        assert_eq!(payload(&data(), &removed).unwrap(), json!({ "tags": {} }));
    }

    #[test]
    fn an_option_that_disappeared_at_the_top_is_null() {
        let old = Data {
            note: Some("hi".into()),
            ..data()
        };
        assert_eq!(payload(&old, &data()).unwrap(), json!({ "note": null }));
    }

    #[test]
    fn a_field_that_disappeared_below_sends_its_parent() {
        let old = json!({ "user": { "name": "Ada", "nick": "a", "age": 1 } });
        let new = json!({ "user": { "name": "Ada", "age": 1 } });
        assert_eq!(
            Value::Object(diff(&old, &new).unwrap()),
            json!({ "user": { "name": "Ada", "age": 1 } })
        );
    }

    #[test]
    fn odd_map_keys_send_their_parent_whole() {
        for key in ["a.b", "x[0]", "]", ""] {
            let mut new = data();
            new.tags.insert(key.to_string(), 5);
            let mut whole = serde_json::Map::new();
            whole.insert("a".into(), json!(1));
            whole.insert(key.into(), json!(5));
            assert_eq!(
                payload(&data(), &new).unwrap(),
                json!({ "tags": Value::Object(whole) }),
                "key {key:?}"
            );
        }
    }

    #[test]
    fn nested_arrays_are_indexed_twice() {
        let old = json!({ "grid": [[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]] });
        let new = json!({ "grid": [[0, 0, 0, 0, 0, 0], [0, 0, 7, 0, 0, 0]] });
        assert_eq!(Value::Object(diff(&old, &new).unwrap()), json!({ "grid[1][2]": 7 }));
    }

    #[test]
    fn an_integer_javascript_cannot_hold_is_an_error_naming_its_path() {
        #[derive(Serialize)]
        struct Big {
            ids: Vec<u64>,
        }
        let old = Big { ids: vec![1] };
        let new = Big {
            ids: vec![1, (1 << 53) + 1],
        };
        let error = payload(&old, &new).unwrap_err();
        assert!(
            error.starts_with("`ids[1]` is 9007199254740993, which a JavaScript number"),
            "{error}"
        );
        // 2^53 − 1 is the largest safe one; −(2^53 − 1) the smallest.
        let fits = Big {
            ids: vec![(1 << 53) - 1],
        };
        assert!(payload(&old, &fits).is_ok());
        assert!(check_numbers(&json!(-9_007_199_254_740_991_i64), "n").is_ok());
        assert!(check_numbers(&json!(-9_007_199_254_740_992_i64), "n").is_err());
        assert!(check_numbers(&json!(1e300), "n").is_ok());
    }

    #[test]
    fn the_size_limit_is_1024_kb() {
        assert!(check_size(1_048_576).is_ok());
        let error = check_size(1_048_577).unwrap_err();
        assert!(
            error.contains("1048577 bytes, over WeChat's limit of 1048576"),
            "{error}"
        );
    }

    #[test]
    fn a_top_level_key_that_is_no_path_is_an_error() {
        let old = json!({ "a.b": 1 });
        let new = json!({ "a.b": 2 });
        assert!(diff(&old, &new).unwrap_err().contains("\"a.b\""));
        // Unchanged, it is not sent, so it is not an error.
        assert_eq!(diff(&old, &old).unwrap().len(), 0);
    }

    #[test]
    fn data_that_is_not_an_object_is_an_error() {
        assert!(diff(&json!(1), &json!(2)).is_err());
    }

    #[test]
    fn the_length_estimate_is_the_json_text_length() {
        let value = json!({ "a": [1, -2.5, null, true, false], "é\"\n\u{1}": "x" });
        assert_eq!(json_len(&value), serde_json::to_string(&value).unwrap().len());
    }

    #[test]
    fn a_serialize_error_names_its_field() {
        #[derive(Serialize)]
        struct Keys {
            inner: BTreeMap<Vec<u8>, u8>,
        }
        let error = tree(&Keys {
            inner: BTreeMap::from([(vec![1], 1)]),
        })
        .unwrap_err();
        assert!(error.starts_with("cannot serialize the data at `inner`"), "{error}");
    }
}
