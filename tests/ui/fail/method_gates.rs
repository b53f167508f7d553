// Methods of WeChat objects follow their own plugin notes: one the typings
// mark unsupported in plugins is an error at any baseline, one that needs a
// newer base than the enabled baseline names its version and feature, and
// its run-time-checked `_checked` companion.
use wx_bindings::media::{CameraContext, CameraContextSetZoomOption};
use wx_bindings::network::RequestTask;

#[allow(dead_code)]
fn plugin(camera: &CameraContext, task: &RequestTask) {
    // CameraContext.onCameraFrame: 在插件中使用：不支持.
    camera.on_camera_frame(|_frame: wasm_bindgen::JsValue| {});
    // CameraContext.setZoom: 需要基础库 2.10.0.
    let _ = camera.set_zoom(&CameraContextSetZoomOption::new(2.0));
    // RequestTask.onHeadersReceived: 需要基础库 2.1.0.
    let _headers = task.on_headers_received(|_headers| {});
}

fn main() {}
