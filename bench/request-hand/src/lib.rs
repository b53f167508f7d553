//! A request written by hand: `wx.request` with a `Promise` around its
//! `success`/`fail`, and `JsFuture`.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = wx, js_name = request, catch)]
    fn request(options: &JsValue) -> Result<JsValue, JsValue>;
}

/// Requests `url` and answers its status code.
#[wasm_bindgen]
pub async fn status(url: String) -> Result<f64, JsValue> {
    let options = Object::new();
    Reflect::set(&options, &"url".into(), &url.into())?;
    let mut thrown = None;
    let promise = Promise::new(&mut |resolve, reject| {
        let _ = Reflect::set(&options, &"success".into(), &resolve);
        let _ = Reflect::set(&options, &"fail".into(), &reject);
        if let Err(error) = request(&options) {
            thrown = Some(error);
        }
    });
    if let Some(error) = thrown {
        return Err(error);
    }
    let answer = JsFuture::from(promise).await?;
    Ok(Reflect::get(&answer, &"statusCode".into())?
        .as_f64()
        .unwrap_or_default())
}
