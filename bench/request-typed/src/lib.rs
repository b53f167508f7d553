//! `request-hand` on the typed layer.

use wasm_bindgen::prelude::*;
use wx_bindings::network::{self, RequestOption};

/// Requests `url` and answers its status code.
#[wasm_bindgen]
pub async fn status(url: String) -> Result<f64, JsValue> {
    Ok(network::request(&RequestOption::new(&url)).await?.status_code())
}
