//! The hello plugin written by hand, as an author would without
//! `wx-bindings`: plain `#[wasm_bindgen]` externs, `Reflect`, and a
//! `Promise` around WeChat's `success`/`fail` callbacks.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = wx, js_name = getSystemInfoSync, catch)]
    fn get_system_info_sync() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = wx, js_name = showToast, catch)]
    fn show_toast(options: &JsValue) -> Result<(), JsValue>;
}

/// Reads the system info, shows a toast and waits for WeChat's answer.
#[wasm_bindgen]
pub async fn hello() -> Result<String, JsValue> {
    let info = get_system_info_sync()?;
    let model = Reflect::get(&info, &"model".into())?.as_string().unwrap_or_default();
    let sdk = Reflect::get(&info, &"SDKVersion".into())?
        .as_string()
        .unwrap_or_default();
    let options = Object::new();
    Reflect::set(&options, &"title".into(), &"Hello from Rust".into())?;
    Reflect::set(&options, &"icon".into(), &"none".into())?;
    let mut thrown = None;
    let promise = Promise::new(&mut |resolve, reject| {
        let _ = Reflect::set(&options, &"success".into(), &resolve);
        let _ = Reflect::set(&options, &"fail".into(), &reject);
        if let Err(error) = show_toast(&options) {
            thrown = Some(error);
        }
    });
    if let Some(error) = thrown {
        return Err(error);
    }
    JsFuture::from(promise).await?;
    Ok(format!("{model} on base library {sdk}"))
}
