// APIs the reference page permits but today's typings mark unsupported in
// plugins compile (the page is the gate) with a `deprecated` warning that
// carries the typings' note: denied here so that trybuild pins its text.
#![deny(deprecated)]

use wasm_bindgen::JsValue;

wx_bindings::wx! {
    // The form a plugin declares itself warns too.
    pub fn on_user_capture_screen(listener: &js_sys::Function) -> Result<(), JsValue>;
}

#[allow(dead_code)]
fn plugin() {
    // wx.onCompassChange, typed: 在插件中使用：不支持.
    if let Ok(subscription) = wx_bindings::device::on_compass_change(|_reading| {}) {
        subscription.forget();
    }
    // wx.onAccelerometerChange, raw.
    let _ = wx_bindings::raw::on_accelerometer_change(&js_sys::Function::new_no_args(""));
    let _ = on_user_capture_screen(&js_sys::Function::new_no_args(""));
    // Silenced where the plugin handles the `Err` of a missing function.
    #[allow(deprecated)]
    let _ = wx_bindings::raw::on_background_audio_play(&js_sys::Function::new_no_args(""));
}

fn main() {}
