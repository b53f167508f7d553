// On a 1.9.94 baseline, a field of 2.1.0 (`RecorderManagerStartOption.audioSource`)
// is set through its run-time-checked companion, without raising the
// baseline; the recorder's errors arrive as `WxError`s.
use wx_bindings::WxError;
use wx_bindings::media::{self, RecorderManagerStartOption, RecorderManagerStartOptionAudioSource};
use wx_bindings::version::RunningVersion;

#[allow(dead_code)]
fn record() -> Result<(), WxError> {
    let running = RunningVersion::detect()?;
    let recorder = media::get_recorder_manager()?;
    recorder
        .on_error(|error: WxError| {
            let _ = error.reason();
        })?
        .forget();
    let options = RecorderManagerStartOption::new();
    let options = options
        .clone()
        .audio_source_checked(&running, RecorderManagerStartOptionAudioSource::Mic)
        .unwrap_or(options);
    recorder.start(&options)
}

fn main() {}
