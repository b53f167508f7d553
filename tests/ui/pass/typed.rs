// The typed layer at the default baseline (1.9.6): options with builders,
// results with accessors, futures, serde storage, and the run-time-checked
// path to a newer API.
use serde::{Deserialize, Serialize};
use wx_bindings::ui::{self, ShowModalOption, ShowToastOption, ShowToastOptionIcon};
use wx_bindings::version::RunningVersion;
use wx_bindings::{WxError, base, storage};

#[derive(Serialize, Deserialize)]
struct Settings {
    volume: u8,
}

#[allow(dead_code)]
async fn plugin() -> Result<(), WxError> {
    let info = base::get_system_info_sync()?;
    let _: String = info.model();
    let _: f64 = info.pixel_ratio();
    let answer = ui::show_modal(&ShowModalOption::new().title("Save?").content("now")).await?;
    if answer.confirm() {
        ui::show_toast(&ShowToastOption::new("Saved").icon(ShowToastOptionIcon::Success).duration(2000.0)).await?;
    }
    let (): () = ui::hide_toast(&Default::default()).await?;
    storage::set("settings", &Settings { volume: 3 })?;
    let _: Option<Settings> = storage::get("settings")?;
    storage::save("settings", &Settings { volume: 4 }).await?;
    let _: Option<Settings> = storage::load("settings").await?;
    let _b64: String = base::array_buffer_to_base64(&js_sys::ArrayBuffer::new(4))?;
    // A newer API on this baseline, after a run-time check.
    let running = RunningVersion::detect()?;
    let _ = wx_bindings::open_api::plugin_login_checked(&running).await;
    // Errors say what WeChat said.
    if let Err(error) = ui::show_modal(&ShowModalOption::new()).await {
        let _: Option<&str> = error.reason();
        let _: wasm_bindgen::JsValue = error.into();
    }
    Ok(())
}

fn main() {}
