//! The feedback plugin, written on the typed layer: it asks the user to
//! confirm a note in a modal dialog, stores it, and says so with a toast.
//! The host mini-program calls its exports
//! (`await requirePlugin(...).confirm_and_save("...")`).

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wx_bindings::callback::{self, fail_reason};
use wx_bindings::ui::{self, Modal, ModalAnswer, Toast, ToastIcon};
use wx_bindings::{WxError, raw, storage};

/// The storage key of the saved note.
const NOTE_KEY: &str = "feedback-note";

/// A `wx` failure as the JS error the host mini-program sees.
fn to_js(error: WxError) -> JsValue {
    js_sys::Error::new(&error.to_string()).into()
}

/// Asks the user whether to save `note`; on confirm, stores it and shows a
/// success toast. Resolves to whether it was saved; rejects when a `wx`
/// call fails (for example when `wx.showModal` is missing).
#[wasm_bindgen]
pub async fn confirm_and_save(note: String) -> Result<bool, JsValue> {
    let question = Modal::new("Save feedback?", note.as_str())
        .confirm_text("Save")
        .cancel_text("Discard");
    if ui::show_modal(&question).await.map_err(to_js)? == ModalAnswer::Cancel {
        return Ok(false);
    }
    storage::set_string(NOTE_KEY, &note).map_err(to_js)?;
    ui::show_toast(&Toast::new("Saved").icon(ToastIcon::Success))
        .await
        .map_err(to_js)?;
    Ok(true)
}

/// The saved note, or `undefined` when none has been saved.
#[wasm_bindgen]
pub fn saved_note() -> Result<Option<String>, JsValue> {
    storage::get_string(NOTE_KEY).map_err(to_js)
}

/// The saved note read the asynchronous way (`wx.getStorage`, through
/// [`callback::call`] as the typed layer has no wrapper for it yet). WeChat
/// answers a missing key with `fail` ("getStorage:fail data not found"),
/// which reads here as `undefined`; any other failure rejects.
#[wasm_bindgen]
pub async fn load_note() -> Result<Option<String>, JsValue> {
    let options = Object::new();
    Reflect::set(&options, &"key".into(), &NOTE_KEY.into())?;
    match callback::call("getStorage", options, raw::get_storage).await {
        Ok(result) => Ok(Reflect::get(&result, &"data".into())?.as_string()),
        Err(error) if fail_reason(&error).is_some_and(|reason| reason == "data not found") => Ok(None),
        Err(error) => Err(to_js(error)),
    }
}

/// Shows `text` in a toast without waiting for WeChat's answer: the future
/// is dropped at once, which is safe (WeChat's later `success` settles a
/// promise nobody waits for) and ignores any failure.
#[wasm_bindgen]
pub fn notify(text: &str) {
    drop(ui::show_toast(&Toast::new(text).icon(ToastIcon::None)));
}
