//! The storage plugin: a visit counter and a small notes list kept in
//! `wx` storage, which WeChat keeps per plugin across launches. Values go
//! in and out as Rust types, through serde.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wx_bindings::storage;

const VISITS_KEY: &str = "visits";
const NOTES_KEY: &str = "notes";

/// One note of the list.
#[derive(Serialize, Deserialize)]
struct Note {
    text: String,
    /// The visit during which it was written.
    visit: u32,
}

/// Counts one more visit and returns the total so far.
#[wasm_bindgen]
pub fn visit() -> Result<u32, JsValue> {
    let visits = storage::get::<u32>(VISITS_KEY)?.unwrap_or(0) + 1;
    storage::set(VISITS_KEY, &visits)?;
    Ok(visits)
}

/// Appends a note and returns how many notes there are.
#[wasm_bindgen]
pub fn add_note(text: &str) -> Result<u32, JsValue> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(JsValue::from_str("a note needs some text"));
    }
    let mut notes = stored_notes()?;
    let visit = storage::get::<u32>(VISITS_KEY)?.unwrap_or(0);
    notes.push(Note {
        text: trimmed.to_string(),
        visit,
    });
    storage::set(NOTES_KEY, &notes)?;
    Ok(notes.len() as u32)
}

/// Every note's text, oldest first, as a JSON array string.
#[wasm_bindgen]
pub fn notes() -> Result<String, JsValue> {
    let texts: js_sys::Array = stored_notes()?.iter().map(|n| JsValue::from_str(&n.text)).collect();
    js_sys::JSON::stringify(&texts).map(String::from)
}

/// Forgets every note (the visit count stays).
#[wasm_bindgen]
pub fn clear_notes() -> Result<(), JsValue> {
    Ok(storage::remove(NOTES_KEY)?)
}

fn stored_notes() -> Result<Vec<Note>, JsValue> {
    Ok(storage::get(NOTES_KEY)?.unwrap_or_default())
}

/// Stores an id given as decimal text as a `u64` and reads it back. Ids a
/// JS number holds exactly (up to 2^53 − 1) round-trip; larger ones are an
/// error, never a silently different number.
#[wasm_bindgen]
pub fn remember_id(id: &str) -> Result<String, JsValue> {
    let id: u64 = id.parse().map_err(|_| JsValue::from_str("not a decimal id"))?;
    storage::set("id", &id)?;
    let stored: Option<u64> = storage::get("id")?;
    Ok(stored.map_or_else(|| "missing".to_string(), |n| n.to_string()))
}
