//! The hello plugin: reads the system info, checks the running base library
//! at run time, and shows a toast. The host mini-program calls its exports
//! (`requirePlugin(...).hello()`).

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wx_bindings::version::RunningVersion;
use wx_bindings::{WxError, raw};

/// Greets the host mini-program: names the device and the running base
/// library, and shows the greeting as a toast.
#[wasm_bindgen]
pub fn hello() -> Result<String, JsValue> {
    let info = raw::get_system_info_sync()?;
    let running = RunningVersion::from_system_info(&info).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let model = Reflect::get(&info, &"model".into())?
        .as_string()
        .unwrap_or_else(|| "unknown device".into());
    let greeting = format!("Hello from Rust on {model}, base library {running}");

    let toast = Object::new();
    Reflect::set(&toast, &"title".into(), &"Hello from Rust".into())?;
    Reflect::set(&toast, &"icon".into(), &"none".into())?;
    raw::show_toast(&toast)?;
    Ok(greeting)
}

/// What became of an attempt to get the recorder (`wx.getRecorderManager`,
/// base library 1.9.94) from a plugin built for the 1.9.6 baseline: the
/// `_checked` companion checks the running version first, so on an older
/// base the answer is an error, not a call to a missing function.
#[wasm_bindgen]
pub fn recorder_status() -> Result<String, JsValue> {
    let running = RunningVersion::detect().map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(match raw::get_recorder_manager_checked(&running) {
        Ok(_) => "recorder ready".to_string(),
        Err(error @ WxError::TooOld { .. }) => format!("not on this base: {error}"),
        Err(error) => format!("recorder unavailable: {error}"),
    })
}

/// Registers a compass listener for the life of the plugin. Today's typings
/// mark `wx.onCompassChange` unsupported in plugins, so it may be missing at
/// run time: the typed call then returns `Err` (reported here as `false`),
/// it does not trap. The subscription is kept with `forget`: base 1.9.6 has
/// no `wx.offCompassChange`, and WeChat holds one callback for the event
/// however often a plugin subscribes.
#[wasm_bindgen]
// The `Err` of a missing `wx.onCompassChange` is handled: its warning is heeded.
#[allow(deprecated)]
pub fn compass_listener_registered() -> bool {
    wx_bindings::device::on_compass_change(|_reading| {})
        .map(|subscription| subscription.forget())
        .is_ok()
}
