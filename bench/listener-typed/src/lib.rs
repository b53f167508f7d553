//! `listener-hand` on the typed layer: a subscription kept for the life of
//! the plugin.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

thread_local! {
    static OFFLINE: Cell<u32> = const { Cell::new(0) };
}

/// Counts the times the network goes away.
#[wasm_bindgen]
pub fn watch() -> Result<(), JsValue> {
    wx_bindings::device::on_network_status_change(|event| {
        if !event.is_connected() {
            OFFLINE.set(OFFLINE.get() + 1);
        }
    })?
    .forget();
    Ok(())
}

/// How often the network went away.
#[wasm_bindgen]
pub fn offline_count() -> u32 {
    OFFLINE.get()
}
