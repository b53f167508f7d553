// The "first plugin" of the README compiles as written.
use wasm_bindgen::prelude::*;
use wx_bindings::base::get_system_info_sync;
use wx_bindings::ui::{self, ShowToastOption, ShowToastOptionIcon};

#[wasm_bindgen]
pub async fn hello() -> Result<String, JsValue> {
    let info = get_system_info_sync()?;                  // Result: never a trap
    let toast = ShowToastOption::new("Hello from Rust").icon(ShowToastOptionIcon::None);
    ui::show_toast(&toast).await?;                       // WeChat's success/fail as a future
    Ok(format!("{} on base library {}", info.model(), info.sdk_version()))
}

fn main() {}
