//! A network-status listener written by hand: one closure handed to
//! `wx.onNetworkStatusChange` and kept for the life of the plugin (base
//! 1.9.6 has no `off*`, so keeping it is the only safe choice).

use std::cell::Cell;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = wx, js_name = onNetworkStatusChange, catch)]
    fn on_network_status_change(listener: &js_sys::Function) -> Result<(), JsValue>;
}

thread_local! {
    static OFFLINE: Cell<u32> = const { Cell::new(0) };
}

/// Counts the times the network goes away.
#[wasm_bindgen]
pub fn watch() -> Result<(), JsValue> {
    let listener = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        let connected = Reflect::get(&event, &"isConnected".into())
            .ok()
            .and_then(|v| v.as_bool());
        if connected == Some(false) {
            OFFLINE.set(OFFLINE.get() + 1);
        }
    });
    on_network_status_change(listener.as_ref().unchecked_ref())?;
    listener.forget();
    Ok(())
}

/// How often the network went away.
#[wasm_bindgen]
pub fn offline_count() -> u32 {
    OFFLINE.get()
}
