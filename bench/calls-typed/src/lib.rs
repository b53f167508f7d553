//! Call overhead on the typed layer: each export makes `n` calls of one
//! kind, so that the benchmark times the calls and not the export.

use std::cell::Cell;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wx_bindings::network::{self, RequestOption};
use wx_bindings::storage::{self, GetStorageOption};
use wx_bindings::{device, file};

thread_local! {
    static EVENTS: Cell<u32> = const { Cell::new(0) };
}

/// `n` calls of `wx.getStorageSync("k")`; answers how many found a string.
#[wasm_bindgen]
pub fn sync_calls(n: u32) -> Result<u32, JsValue> {
    let mut found = 0;
    for _ in 0..n {
        if storage::get_storage_sync("k")?.as_string().is_some() {
            found += 1;
        }
    }
    Ok(found)
}

/// `n` awaited `wx.getStorage({ key: "k" })`, one after another.
#[wasm_bindgen]
pub async fn async_calls(n: u32) -> Result<u32, JsValue> {
    let mut found = 0;
    for _ in 0..n {
        if storage::get_storage(&GetStorageOption::new("k"))
            .await?
            .data()
            .is_string()
        {
            found += 1;
        }
    }
    Ok(found)
}

/// Subscribes to the network status for the life of the plugin.
#[wasm_bindgen]
pub fn listen() -> Result<(), JsValue> {
    device::on_network_status_change(|event| {
        if event.is_connected() {
            EVENTS.set(EVENTS.get() + 1);
        }
    })?
    .forget();
    Ok(())
}

/// How many connected-events the subscription received.
#[wasm_bindgen]
pub fn events() -> u32 {
    EVENTS.get()
}

/// `n` requests to `url`, one after another; answers the sum of the status codes.
#[wasm_bindgen]
pub async fn requests(url: String, n: u32) -> Result<f64, JsValue> {
    let mut sum = 0.0;
    for _ in 0..n {
        sum += network::request(&RequestOption::new(&url)).await?.status_code();
    }
    Ok(sum)
}

/// `n` round trips of 64 KiB through the file system manager
/// (`writeFileSync` then `readFileSync`); answers the bytes read back.
#[wasm_bindgen]
pub fn buffers(n: u32) -> Result<f64, JsValue> {
    let fs = file::get_file_system_manager()?;
    let path = format!("{}/buffer.bin", file::user_data_path()?);
    let data = vec![7u8; 64 * 1024];
    let mut total = 0.0;
    for _ in 0..n {
        let buffer = Uint8Array::from(&data[..]).buffer();
        fs.write_file_sync(&path, &buffer, None)?;
        let back = fs.read_file_sync(&path, None, None, None)?;
        total += Uint8Array::new(&back).to_vec().len() as f64;
    }
    Ok(total)
}
