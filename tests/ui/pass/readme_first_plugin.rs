// The "first plugin" of the README compiles as written.
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wx_bindings::raw;

#[wasm_bindgen]
pub fn hello() -> Result<String, JsValue> {
    let info = raw::get_system_info_sync()?;                 // Result: never a trap
    let toast = Object::new();
    Reflect::set(&toast, &"title".into(), &"Hello from Rust".into())?;
    raw::show_toast(&toast)?;
    Ok(format!("running on {:?}", Reflect::get(&info, &"SDKVersion".into())?))
}

fn main() {}
