// The other side of a method gate at the default baseline: the method's
// `_checked` companion compiles without the feature, and so does the
// factory's (`getFileSystemManager` and its methods need 2.19.2).
use wx_bindings::file::{self, ReadFileOption};
use wx_bindings::media::CameraContextSetZoomOption;
use wx_bindings::version::RunningVersion;
use wx_bindings::WxError;

#[allow(dead_code)]
async fn plugin(camera: &wx_bindings::media::CameraContext) -> Result<(), WxError> {
    let running = RunningVersion::detect()?;
    let fs = file::get_file_system_manager_checked(&running)?;
    let _read: file::ReadFileSuccessCallbackResult =
        fs.read_file_checked(&running, &ReadFileOption::new("wxfile://usr/a")).await?;
    let _ = fs.access_sync_checked(&running, "wxfile://usr/a")?;
    let _zoom = camera.set_zoom_checked(&running, &CameraContextSetZoomOption::new(2.0)).await?;
    Ok(())
}

fn main() {}
