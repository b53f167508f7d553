//! The feedback plugin, written on the typed layer: it asks the user to
//! confirm a note in a modal dialog, stores it, and says so with a toast.
//! The host mini-program calls its exports
//! (`await requirePlugin(...).confirm_and_save("...")`).

use wasm_bindgen::prelude::*;
use wx_bindings::ui::{self, ShowModalOption, ShowToastOption, ShowToastOptionIcon};
use wx_bindings::version::RunningVersion;
use wx_bindings::{WxError, storage};

/// The storage key of the saved note.
const NOTE_KEY: &str = "feedback-note";

/// Asks the user whether to save `note`; on confirm, stores it and shows a
/// success toast. Resolves to whether it was saved; rejects when a `wx`
/// call fails (for example when `wx.showModal` is missing).
#[wasm_bindgen]
pub async fn confirm_and_save(note: String) -> Result<bool, JsValue> {
    let question = ShowModalOption::new()
        .title("Save feedback?")
        .content(&note)
        .confirm_text("Save")
        .cancel_text("Discard");
    if !ui::show_modal(&question).await?.confirm() {
        return Ok(false);
    }
    storage::set(NOTE_KEY, &note)?;
    ui::show_toast(&ShowToastOption::new("Saved").icon(ShowToastOptionIcon::Success)).await?;
    Ok(true)
}

/// The saved note, or `undefined` when none has been saved.
#[wasm_bindgen]
pub fn saved_note() -> Result<Option<String>, JsValue> {
    Ok(storage::get(NOTE_KEY)?)
}

/// The saved note read the asynchronous way (`wx.getStorage`): WeChat
/// answers a missing key with `fail` ("getStorage:fail data not found"),
/// which [`storage::load`] reads as `None` (`undefined`); any other
/// failure rejects.
#[wasm_bindgen]
pub async fn load_note() -> Result<Option<String>, JsValue> {
    Ok(storage::load(NOTE_KEY).await?)
}

/// Shows `text` in a toast without waiting for WeChat's answer: the future
/// is dropped at once, which is safe (WeChat's later `success` settles a
/// promise nobody waits for) and ignores any failure.
#[wasm_bindgen]
pub fn notify(text: &str) {
    drop(ui::show_toast(
        &ShowToastOption::new(text).icon(ShowToastOptionIcon::None),
    ));
}

/// The device and base library, read through the typed `wx.getSystemInfoSync`.
#[wasm_bindgen]
pub fn device_summary() -> Result<String, JsValue> {
    let info = wx_bindings::base::get_system_info_sync()?;
    Ok(format!(
        "{} ({}), pixel ratio {}, base library {}",
        info.model(),
        info.platform().map_or("an unlisted platform", |p| p.as_str()),
        info.pixel_ratio(),
        info.sdk_version()
    ))
}

/// Stores `note` under `key` the asynchronous way (`wx.setStorage`); a
/// WeChat failure (an empty key) rejects with a JS `Error` whose message is
/// WeChat's `errMsg`, through `?`.
#[wasm_bindgen]
pub async fn save_under(key: String, note: String) -> Result<(), JsValue> {
    Ok(storage::save(&key, &note).await?)
}

/// What WeChat answered when asked to store under `key`: `"ok"`, or the
/// reason of its `fail` as `WxError::reason` reads it.
#[wasm_bindgen]
pub async fn save_reason(key: String) -> String {
    match storage::save(&key, "x").await {
        Ok(()) => "ok".to_string(),
        Err(error) => error.reason().unwrap_or("(not a WeChat failure)").to_string(),
    }
}

/// Calls three APIs above the 1.9.6 baseline through their run-time-checked
/// companions and says how each went: `wx.navigateBack` (2.1.0) and
/// `wx.pluginLogin` (2.20.1), callback APIs, and `wx.getAppBaseInfo`
/// (2.21.3), a sync one. Each is called only where the running base has
/// it; elsewhere the answer is `WxError::TooOld`, without a call.
#[wasm_bindgen]
pub async fn checked_calls() -> Result<String, JsValue> {
    let running = RunningVersion::detect()?;
    let outcome = |result: Result<String, WxError>| match result {
        Ok(value) => value,
        Err(WxError::TooOld { needs, .. }) => format!("needs {needs}"),
        Err(error) => match error.reason() {
            Some(reason) => format!("fail: {reason}"),
            None => format!("error: {error}"),
        },
    };
    let back = wx_bindings::route::navigate_back_checked(&running, &Default::default()).await;
    let login = wx_bindings::open_api::plugin_login_checked(&running).await;
    let info = wx_bindings::base::get_app_base_info_checked(&running);
    Ok([
        outcome(back.map(|()| "ok".to_string())),
        outcome(login.map(|result| format!("code {}", result.code()))),
        outcome(info.map(|info| format!("SDKVersion {}", info.sdk_version()))),
    ]
    .join(", "))
}
