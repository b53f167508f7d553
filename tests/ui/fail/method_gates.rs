// Methods of WeChat objects follow their own plugin notes: one the typings
// mark unsupported in plugins is an error at any baseline, one that needs a
// newer base than the enabled baseline names its version and feature.
use wx_bindings::media::{CameraContext, CameraContextSetZoomOption};

#[allow(dead_code)]
fn plugin(camera: &CameraContext) {
    // CameraContext.onCameraFrame: 在插件中使用：不支持.
    camera.on_camera_frame(|_frame: wasm_bindgen::JsValue| {});
    // CameraContext.setZoom: 需要基础库 2.10.0.
    let _ = camera.set_zoom(&CameraContextSetZoomOption::new(2.0));
}

fn main() {}
