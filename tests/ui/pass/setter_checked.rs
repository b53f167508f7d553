// The other side of a field gate at the default baseline (1.9.6): a gated
// setter's `_checked` companion compiles without the feature, on options
// (a builder: `Result<Self, WxError>`) and on an object's field (`Result<(), _>`),
// for numbers and enum values alike.
use wx_bindings::device::{self, StartAccelerometerOption, StartAccelerometerOptionInterval};
use wx_bindings::media::InnerAudioContext;
use wx_bindings::network::{self, RequestOption};
use wx_bindings::version::RunningVersion;
use wx_bindings::WxError;

#[allow(dead_code)]
async fn plugin(audio: &InnerAudioContext) -> Result<(), WxError> {
    let running = RunningVersion::detect()?;
    // RequestOption.timeout: 2.10.0. Where the base is older, go on without it.
    let options = RequestOption::new("https://example.com/notes");
    let options = options.clone().timeout_checked(&running, 5_000.0).unwrap_or(options);
    let _answer = network::request(&options).await?;
    // StartAccelerometerOption.interval: 2.1.0, an enum; here an older base is an error.
    let sensor = StartAccelerometerOption::new().interval_checked(&running, StartAccelerometerOptionInterval::Game)?;
    device::start_accelerometer(&sensor).await?;
    // InnerAudioContext.playbackRate, an object's field: 2.11.0.
    audio.set_playback_rate_checked(&running, 1.5)?;
    Ok(())
}

fn main() {}
