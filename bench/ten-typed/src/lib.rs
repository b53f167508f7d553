//! `hello-typed` plus nine more typed APIs: the difference in size between
//! the two is what nine further wrappers cost.

use wasm_bindgen::prelude::*;
use wx_bindings::{base, device, ui};

/// Reads the system info, shows a toast and waits for WeChat's answer.
#[wasm_bindgen]
pub async fn hello() -> Result<String, JsValue> {
    let info = base::get_system_info_sync()?;
    let toast = ui::ShowToastOption::new("Hello from Rust").icon(ui::ShowToastOptionIcon::None);
    ui::show_toast(&toast).await?;
    Ok(format!("{} on base library {}", info.model(), info.sdk_version()))
}

/// Nine more typed APIs, each called once.
#[wasm_bindgen]
pub async fn nine_more() -> Result<String, JsValue> {
    ui::show_loading(&ui::ShowLoadingOption::new("Loading")).await?;
    ui::hide_loading(&Default::default()).await?;
    let answer = ui::show_modal(&ui::ShowModalOption::new().title("Continue?")).await?;
    ui::hide_toast(&Default::default()).await?;
    ui::show_action_sheet(&ui::ShowActionSheetOption::new(&["A", "B"])).await?;
    device::vibrate_short(&device::VibrateShortOption::new()).await?;
    let network = device::get_network_type().await?;
    device::set_clipboard_data(&device::SetClipboardDataOption::new("copied")).await?;
    let clip = device::get_clipboard_data().await?;
    Ok(format!(
        "{} {} {}",
        answer.confirm(),
        network.network_type().map_or("?", |t| t.as_str()),
        clip.data()
    ))
}
