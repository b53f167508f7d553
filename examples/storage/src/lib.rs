//! The storage plugin: a visit counter and a small notes list kept in
//! `wx` storage, which WeChat keeps per plugin across launches.

use js_sys::{Array, JSON};
use wasm_bindgen::prelude::*;
use wx_bindings::raw;

const VISITS_KEY: &str = "visits";
const NOTES_KEY: &str = "notes";

/// Counts one more visit and returns the total so far.
#[wasm_bindgen]
pub fn visit() -> Result<u32, JsValue> {
    // A missing key reads as "" in WeChat: treat anything but a number as 0.
    let visits = raw::get_storage_sync(VISITS_KEY)?.as_f64().unwrap_or(0.0) as u32 + 1;
    raw::set_storage_sync(VISITS_KEY, &JsValue::from(visits))?;
    Ok(visits)
}

/// Appends a note and returns how many notes there are.
#[wasm_bindgen]
pub fn add_note(text: &str) -> Result<u32, JsValue> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(JsValue::from_str("a note needs some text"));
    }
    let notes = stored_notes()?;
    notes.push(&JsValue::from_str(trimmed));
    raw::set_storage_sync(NOTES_KEY, &notes)?;
    Ok(notes.length())
}

/// Every note, oldest first, as a JSON array string.
#[wasm_bindgen]
pub fn notes() -> Result<String, JsValue> {
    JSON::stringify(stored_notes()?.as_ref()).map(String::from)
}

/// Forgets every note (the visit count stays).
#[wasm_bindgen]
pub fn clear_notes() -> Result<(), JsValue> {
    raw::remove_storage_sync(NOTES_KEY)
}

fn stored_notes() -> Result<Array, JsValue> {
    let stored = raw::get_storage_sync(NOTES_KEY)?;
    Ok(if Array::is_array(&stored) {
        Array::from(&stored)
    } else {
        Array::new()
    })
}
