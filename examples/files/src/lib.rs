//! The files plugin: a file downloaded and read back, the plugin's own
//! files written and listed, and one uploaded — through the file system
//! manager, which plugins have from base library 2.19.2.
//!
//! The plugin is built for the default baseline (1.9.6) and reaches the
//! manager and its methods through their `_checked` companions: it loads
//! on any base, and below 2.19.2 each export answers `WxError::TooOld`
//! (as a JS `Error`) instead of calling what is not there.

use wasm_bindgen::prelude::*;
use wx_bindings::file::{
    self, FileSystemManager, ReadFileOption, ReadFileOptionEncoding, ReaddirOption, WriteFileOption,
};
use wx_bindings::network::{self, DownloadFileOption, UploadFileOption};
use wx_bindings::version::RunningVersion;

/// The running base's version and its file system manager, or `TooOld`.
fn manager() -> Result<(RunningVersion, FileSystemManager), JsValue> {
    let running = RunningVersion::detect()?;
    let manager = file::get_file_system_manager_checked(&running)?;
    Ok((running, manager))
}

/// Downloads `url` and reads the temp file back as UTF-8 text.
#[wasm_bindgen]
pub async fn fetch_and_read(url: String) -> Result<String, JsValue> {
    let (running, fs) = manager()?;
    let downloaded = network::download_file(&DownloadFileOption::new(&url)).await?;
    let read = fs
        .read_file_checked(
            &running,
            &ReadFileOption::new(&downloaded.temp_file_path()).encoding(ReadFileOptionEncoding::Utf8),
        )
        .await?;
    Ok(read.data().as_string().unwrap_or_default())
}

/// Writes `text` to the plugin's file `name` and lists the plugin's files.
#[wasm_bindgen]
pub async fn save_and_list(name: String, text: String) -> Result<Vec<String>, JsValue> {
    let (running, fs) = manager()?;
    let folder = file::user_data_path()?;
    let path = format!("{folder}/{name}");
    fs.write_file_checked(&running, &WriteFileOption::new(&JsValue::from_str(&text), &path))
        .await?;
    let listed = fs.readdir_checked(&running, &ReaddirOption::new(&folder)).await?;
    let mut files = listed.files();
    files.sort();
    Ok(files)
}

/// Writes `text` to the plugin's file `name`, uploads it to `url` as the
/// multipart field `note`, and answers the status and the server's reply.
#[wasm_bindgen]
pub async fn upload(url: String, name: String, text: String) -> Result<String, JsValue> {
    let (running, fs) = manager()?;
    let path = format!("{}/{name}", file::user_data_path()?);
    fs.write_file_checked(&running, &WriteFileOption::new(&JsValue::from_str(&text), &path))
        .await?;
    let answer = network::upload_file(&UploadFileOption::new(&path, "note", &url)).await?;
    Ok(format!("{} {}", answer.status_code(), answer.data()))
}

/// What reading a file that is not there answers: WeChat's fail reason.
#[wasm_bindgen]
pub async fn read_missing(name: String) -> Result<String, JsValue> {
    let (running, fs) = manager()?;
    let path = format!("{}/{name}", file::user_data_path()?);
    match fs.read_file_checked(&running, &ReadFileOption::new(&path)).await {
        Ok(_) => Ok("read".to_string()),
        Err(error) => Ok(error.reason().unwrap_or("(not a WeChat failure)").to_string()),
    }
}
