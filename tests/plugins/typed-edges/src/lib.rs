//! A test-only plugin for the typed layer's edges a new user hit (issue
//! 20): objects' `onError` events deliver WeChat's failure as a `WxError`
//! (they delivered `()`), a sync API's thrown `"<api>:fail <reason>"` reads
//! as the same `WxError::Fail` as its callback form (it was `WxError::Js`),
//! `EventStream::next` awaits one event, and a gated option field is set
//! after a run-time check (`RequestOption::timeout_checked`) on a plugin
//! built for the 1.9.6 baseline. Serde's errors name the field they are
//! at, and a body that is not JSON names the status (issue 20 item 8).
//!
//! Each export answers with a line the end-to-end test reads
//! (`tests/tests/e2e_typed_edges.rs`).

use js_sys::Reflect;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wx_bindings::WxError;
use wx_bindings::media::{self, RecorderManagerStartOption};
use wx_bindings::network::{self, ConnectSocketOption, RequestOption};
use wx_bindings::runtime::EventStream;
use wx_bindings::storage::{self, SetStorageOption};
use wx_bindings::version::RunningVersion;

/// `<variant> reason=<reason> errCode=<n> errno=<n>`: what a plugin can read
/// of an error, `-` where it has nothing.
fn describe(error: &WxError) -> String {
    let variant = match error {
        WxError::Fail { .. } => "Fail",
        WxError::Js { .. } => "Js",
        WxError::TooOld { .. } => "TooOld",
        _ => "other",
    };
    let number = |n: Option<i64>| n.map_or("-".to_string(), |n| n.to_string());
    format!(
        "{variant} reason={} errCode={} errno={}",
        error.reason().unwrap_or("-"),
        number(error.err_code()),
        number(error.errno())
    )
}

/// The first error of a stream of `onError` events, described.
async fn first_error(errors: &mut EventStream<WxError>) -> Result<String, JsValue> {
    let error = errors.next().await.ok_or("the error stream ended")?;
    Ok(format!("{} | {}", describe(&error), error))
}

/// Starts the recorder twice: the second `start` is refused through
/// `RecorderManager.onError` (`"operateRecorder:fail recorder is recording"`),
/// awaited with `EventStream::next`.
#[wasm_bindgen]
pub async fn recorder_error() -> Result<String, JsValue> {
    let running = RunningVersion::detect()?;
    let recorder = media::get_recorder_manager_checked(&running)?;
    let mut errors = EventStream::new(|listener| recorder.on_error(listener))?;
    let options = RecorderManagerStartOption::new();
    recorder.start(&options)?;
    recorder.start(&options)?;
    let answer = first_error(&mut errors).await?;
    recorder.stop()?;
    Ok(answer)
}

/// Plays an `InnerAudioContext` without a source: `onError` with errCode
/// 10003 (`"src is empty"`).
#[wasm_bindgen]
pub async fn audio_error() -> Result<String, JsValue> {
    let audio = media::create_inner_audio_context(None)?;
    let mut errors = EventStream::new(|listener| audio.on_error(listener))?;
    audio.play()?;
    let answer = first_error(&mut errors).await;
    audio.destroy()?;
    answer
}

/// Plays the `BackgroundAudioManager` without a source: `onError`.
#[wasm_bindgen]
pub async fn background_audio_error() -> Result<String, JsValue> {
    let manager = media::get_background_audio_manager()?;
    let mut errors = EventStream::new(|listener| manager.on_error(listener))?;
    manager.play()?;
    first_error(&mut errors).await
}

/// Connects a socket to `url`, where nothing listens: `SocketTask.onError`.
#[wasm_bindgen]
pub async fn socket_error(url: String) -> Result<String, JsValue> {
    let task = network::connect_socket(&ConnectSocketOption::new(&url));
    let mut errors = EventStream::new(|listener| task.object().on_error(listener))?;
    let _socket = task.detach();
    first_error(&mut errors).await
}

/// Stores `bytes` bytes under `key` with `wx.setStorageSync`, then with
/// `wx.setStorage`: `<sync> / <async>` (`ok` where it was stored).
#[wasm_bindgen]
pub async fn store_both_ways(key: String, bytes: usize) -> String {
    let data = JsValue::from_str(&"x".repeat(bytes));
    let sync = match storage::set_storage_sync(&key, &data) {
        Ok(()) => "ok".to_string(),
        Err(error) => describe(&error),
    };
    let callback = match storage::set_storage(&SetStorageOption::new(&data, &key)).await {
        Ok(()) => "ok".to_string(),
        Err(error) => describe(&error),
    };
    format!("{sync} / {callback}")
}

/// `wx.getStorageSync(key)`'s error, described, and the `errCode`/`errno`
/// of the JS `Error` it converts into (what a `?` in an export rejects with).
#[wasm_bindgen]
pub fn read_sync(key: String) -> String {
    match storage::get_storage_sync(&key) {
        Ok(_) => "ok".to_string(),
        Err(error) => {
            let described = describe(&error);
            let js: JsValue = error.into();
            let field = |name: &str| {
                Reflect::get(&js, &JsValue::from_str(name))
                    .ok()
                    .and_then(|v| v.as_f64())
                    .map_or("-".to_string(), |n| n.to_string())
            };
            format!("{described} | JS errCode={} errno={}", field("errCode"), field("errno"))
        }
    }
}

/// Requests `url` with a 1234 ms `timeout` where the running base has the
/// field (2.10.0), without it elsewhere: says which, then what WeChat
/// answered (`ok`, or the failure's reason).
#[wasm_bindgen]
pub async fn request_with_timeout(url: String) -> Result<String, JsValue> {
    let running = RunningVersion::detect()?;
    let options = RequestOption::new(&url);
    let (options, timeout) = match options.clone().timeout_checked(&running, 1234.0) {
        Ok(options) => (options, "timeout set".to_string()),
        Err(error) => (options, describe(&error)),
    };
    let answer = match network::request(&options).await {
        Ok(_) => "ok".to_string(),
        Err(error) => error.reason().unwrap_or("-").to_string(),
    };
    Ok(format!("{timeout}: {answer}"))
}

/// Sends `token` in `X-Token` (headers from a list of pairs) and `X-Count`
/// (from a map), then reads the echoed `X-Echo-Token` by name in another case
/// and the whole response header map: `<echo> <count> <names>`.
#[wasm_bindgen]
pub async fn headers_round_trip(url: String, token: String) -> Result<String, JsValue> {
    use std::collections::BTreeMap;
    let pairs = RequestOption::new(&url).headers(&[("X-Token", token.as_str())])?;
    let count = BTreeMap::from([("X-Count", 3)]);
    // A second `headers` replaces the first, as `header` does.
    let options = RequestOption::new(&url).headers(&count)?;
    let counted = network::request(&options).await?;
    let answer = network::request(&pairs).await?;
    let echo = answer.header_named("x-echo-token").unwrap_or_else(|| "-".into());
    let all: BTreeMap<String, String> = answer.headers()?;
    let names: Vec<&str> = all.keys().map(String::as_str).collect();
    let count = counted.header_named("X-ECHO-COUNT").unwrap_or_else(|| "-".into());
    Ok(format!("{echo} {count} {}", names.join(",")))
}

/// `headers` refuses what is not a map of names: a bare string.
#[wasm_bindgen]
pub fn headers_refused() -> String {
    match RequestOption::new("https://example.com").headers("X-Token: t") {
        Ok(_) => "accepted".into(),
        Err(error) => error.to_string(),
    }
}

#[derive(Serialize)]
struct Profile {
    user: User,
}

#[derive(Serialize)]
struct User {
    name: String,
    id: u64,
}

/// Stores `{ user: { name, id } }` with `storage::set` (sync) and then
/// `storage::save` (async): `<sync> / <async>`, `ok` where it was stored,
/// else the error's message.
#[wasm_bindgen]
pub async fn store_profile(id: String) -> Result<String, JsValue> {
    let id: u64 = id.parse().map_err(|_| JsValue::from_str("not a decimal id"))?;
    let profile = Profile {
        user: User {
            name: "ann".to_string(),
            id,
        },
    };
    let sync = match storage::set("profile", &profile) {
        Ok(()) => "ok".to_string(),
        Err(error) => error.to_string(),
    };
    let callback = match storage::save("profile", &profile).await {
        Ok(()) => "ok".to_string(),
        Err(error) => error.to_string(),
    };
    Ok(format!("{sync} / {callback}"))
}

#[derive(Serialize)]
struct Batch {
    items: Vec<u64>,
}

/// Builds a request with the JSON body `{ items: [1, 2, 3, <last>] }`:
/// `ok` when it could, else the error's message.
#[wasm_bindgen]
pub fn json_body(last: String) -> Result<String, JsValue> {
    let last: u64 = last.parse().map_err(|_| JsValue::from_str("not a decimal number"))?;
    let batch = Batch {
        items: vec![1, 2, 3, last],
    };
    Ok(match RequestOption::new("https://example.com/batch").json(&batch) {
        Ok(_) => "ok".to_string(),
        Err(error) => error.to_string(),
    })
}

#[derive(Deserialize, Debug)]
struct Note {
    #[allow(dead_code)]
    id: u64,
}

/// Requests `url` and reads its body as JSON: `ok`, or the error's message.
#[wasm_bindgen]
pub async fn read_json(url: String) -> Result<String, JsValue> {
    let answer = network::request(&RequestOption::new(&url)).await?;
    Ok(match answer.json::<Note>() {
        Ok(_) => "ok".to_string(),
        Err(error) => error.to_string(),
    })
}

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)] // read to check the error, never used
struct WrongProfile {
    user: WrongUser,
}

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)]
struct WrongUser {
    name: u32,
}

/// Reads what `store_profile` stored as types it is not: the key as a
/// number, and `user.name` as a number. `<as number> / <as wrong struct>`.
#[wasm_bindgen]
pub fn read_profile_wrongly() -> String {
    let as_number = match storage::get::<u32>("profile") {
        Ok(value) => format!("{value:?}"),
        Err(error) => error.to_string(),
    };
    let as_struct = match storage::get::<WrongProfile>("profile") {
        Ok(value) => format!("{value:?}"),
        Err(error) => error.to_string(),
    };
    format!("{as_number} / {as_struct}")
}
