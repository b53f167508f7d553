//! The hello plugin on the typed layer (the README's first plugin).

use wasm_bindgen::prelude::*;
use wx_bindings::base::get_system_info_sync;
use wx_bindings::ui::{self, ShowToastOption, ShowToastOptionIcon};

/// Reads the system info, shows a toast and waits for WeChat's answer.
#[wasm_bindgen]
pub async fn hello() -> Result<String, JsValue> {
    let info = get_system_info_sync()?;
    let toast = ShowToastOption::new("Hello from Rust").icon(ShowToastOptionIcon::None);
    ui::show_toast(&toast).await?;
    Ok(format!("{} on base library {}", info.model(), info.sdk_version()))
}
