// A method unsupported in plugins stays an error at the highest baseline.
#[allow(dead_code)]
fn plugin(camera: &wx_bindings::media::CameraContext) {
    camera.on_camera_frame(|_frame: wasm_bindgen::JsValue| {});
}

fn main() {}
