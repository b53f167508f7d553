// With the highest baseline, a gated method compiles (the other side of
// ui/fail/method_gates.rs), and objects come from typed factories and tasks.
use wx_bindings::media::{self, CameraContextSetZoomOption};

#[allow(dead_code)]
async fn plugin() -> Result<(), wx_bindings::WxError> {
    let camera = media::create_camera_context()?;
    let zoomed = camera.set_zoom(&CameraContextSetZoomOption::new(2.0)).await?;
    let _: f64 = zoomed.zoom();
    let recorder = media::get_recorder_manager()?;
    let _stop = recorder.on_stop(|result| drop(result.temp_file_path()))?;
    recorder.start(&Default::default())?;
    let task = wx_bindings::network::request(&wx_bindings::network::RequestOption::new("https://example.com"));
    let _headers = task.object().on_headers_received(|_| {})?;
    let _answer = task.await?;
    Ok(())
}

fn main() {}
