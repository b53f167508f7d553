//! The requests plugin: `wx.request` as a typed task (a JSON body in and
//! out through serde; dropping the task aborts it) and the recorder manager
//! as a typed object with its methods and events.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wx_bindings::media;
use wx_bindings::network::{self, RequestOption, RequestOptionMethod};
use wx_bindings::runtime::EventStream;

#[derive(Serialize)]
struct NewNote<'a> {
    text: &'a str,
    /// Kept exactly: below 2^53.
    id: u64,
}

#[derive(Deserialize)]
struct Saved {
    id: u64,
    text: String,
}

/// Posts a note as JSON to `url` and reads the server's JSON answer.
#[wasm_bindgen]
pub async fn post_note(url: String, text: String) -> Result<String, JsValue> {
    let options = RequestOption::new(&url)
        .method(RequestOptionMethod::Post)
        .json(&NewNote { text: &text, id: 42 })?;
    let task = network::request(&options);
    let answer = task.await?;
    let saved: Saved = answer.json()?;
    Ok(format!("{} {} {}", answer.status_code(), saved.id, saved.text))
}

/// Starts a request and drops it at once: the task is aborted.
#[wasm_bindgen]
pub fn start_and_drop(url: String) {
    drop(network::request(&RequestOption::new(&url)));
}

/// Starts a request and lets it run on, unawaited: nothing aborts it.
#[wasm_bindgen]
pub fn start_detached(url: String) {
    let _task = network::request(&RequestOption::new(&url)).detach();
}

/// Starts `n` requests and drops each at once; returns the wasm memory
/// pages afterwards (a leak check).
#[wasm_bindgen]
pub fn drop_tasks(url: String, n: u32) -> usize {
    for _ in 0..n {
        drop(network::request(&RequestOption::new(&url)));
    }
    memory_pages()
}

/// What a request to a domain outside the plugin's answers: WeChat's fail reason.
#[wasm_bindgen]
pub async fn refused(url: String) -> String {
    match network::request(&RequestOption::new(&url)).await {
        Ok(_) => "ok".to_string(),
        Err(error) => error.reason().unwrap_or("(not a WeChat failure)").to_string(),
    }
}

/// Downloads `url` and reports the progress events it saw on the way (a
/// stream of the task object's `onProgressUpdate`) and the temp file.
#[wasm_bindgen]
pub async fn download(url: String) -> Result<String, JsValue> {
    let task = network::download_file(&network::DownloadFileOption::new(&url));
    let mut progress = EventStream::new(|listener| task.object().on_progress_update(listener))?;
    let answer = task.await?;
    let mut seen = Vec::new();
    while let Some(update) = progress.try_next() {
        seen.push(format!("{}%", update.progress()));
    }
    Ok(format!("{} after {}", answer.temp_file_path(), seen.join(" ")))
}

/// Records with the recorder manager (base 1.9.94): start, stop, and the
/// temp file of its `onStop` event, read from an event stream.
#[wasm_bindgen]
pub async fn record() -> Result<String, JsValue> {
    let recorder = media::get_recorder_manager()?;
    let mut stops = EventStream::new(|listener| recorder.on_stop(listener))?;
    recorder.start(&media::RecorderManagerStartOption::new().format(media::RecorderManagerStartOptionFormat::Mp3))?;
    recorder.stop()?;
    let stopped = stops.next().await;
    Ok(stopped.map_or_else(|| "no stop event".to_string(), |s| s.temp_file_path()))
}

/// The wasm memory's size in 64 KiB pages.
fn memory_pages() -> usize {
    #[cfg(target_arch = "wasm32")]
    return core::arch::wasm32::memory_size::<0>();
    #[cfg(not(target_arch = "wasm32"))]
    return 0;
}
