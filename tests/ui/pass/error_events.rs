// An object's `onError` event delivers a `WxError` (WeChat's errMsg, its
// reason, errCode and errno), not `()`; an event whose payload holds an
// errCode delivers its typed result.
use wx_bindings::WxError;
use wx_bindings::media::{self, InnerAudioContext, OnVoIPChatInterruptedListenerResult};
use wx_bindings::network::SocketTask;
use wx_bindings::runtime::{EventStream, Subscription};
use wx_bindings::version::RunningVersion;

#[allow(dead_code)]
fn plugin(audio: &InnerAudioContext, socket: &SocketTask) -> Result<Vec<Subscription>, WxError> {
    let audio_errors = audio.on_error(|error: WxError| {
        let _: Option<&str> = error.reason();
        let _: Option<i64> = error.err_code();
        let _: Option<i64> = error.errno();
    })?;
    let socket_errors = socket.on_error(|error: WxError| {
        let _ = error.message();
    })?;
    let running = RunningVersion::detect()?;
    let interruptions = media::on_vo_ip_chat_interrupted_checked(&running, |event: OnVoIPChatInterruptedListenerResult| {
        let _: f64 = event.err_code();
        let _: String = event.err_msg();
    })?;
    Ok(vec![audio_errors, socket_errors, interruptions])
}

#[allow(dead_code)]
async fn first_error(audio: &InnerAudioContext) -> Result<Option<WxError>, WxError> {
    let mut errors = EventStream::new(|listener| audio.on_error(listener))?;
    Ok(errors.next().await)
}

fn main() {}
