//! `calls-typed` written by hand: plain `#[wasm_bindgen] extern`
//! declarations, `js_sys::Reflect`, a `Promise` whose `resolve`/`reject`
//! are WeChat's `success`/`fail`, `JsFuture`, a kept `Closure`.

use std::cell::Cell;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = wx, js_name = getStorageSync, catch)]
    fn get_storage_sync(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = wx, js_name = getStorage, catch)]
    fn get_storage(options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = wx, js_name = request, catch)]
    fn request(options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = wx, js_name = onNetworkStatusChange, catch)]
    fn on_network_status_change(listener: &Function) -> Result<(), JsValue>;
    #[wasm_bindgen(js_namespace = wx, js_name = getFileSystemManager, catch)]
    fn get_file_system_manager() -> Result<JsValue, JsValue>;
}

thread_local! {
    static EVENTS: Cell<u32> = const { Cell::new(0) };
}

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

/// Calls a callback API with `options` plus `success`/`fail`, as a future.
async fn call(api: fn(&JsValue) -> Result<JsValue, JsValue>, options: &Object) -> Result<JsValue, JsValue> {
    let mut outcome = Ok(JsValue::UNDEFINED);
    let promise = Promise::new(&mut |resolve, reject| {
        let _ = Reflect::set(options, &"success".into(), &resolve);
        let _ = Reflect::set(options, &"fail".into(), &reject);
        outcome = api(options);
    });
    outcome?;
    JsFuture::from(promise).await
}

/// `n` calls of `wx.getStorageSync("k")`.
#[wasm_bindgen]
pub fn sync_calls(n: u32) -> Result<u32, JsValue> {
    let mut found = 0;
    for _ in 0..n {
        if get_storage_sync("k")?.as_string().is_some() {
            found += 1;
        }
    }
    Ok(found)
}

/// `n` awaited `wx.getStorage({ key: "k" })`.
#[wasm_bindgen]
pub async fn async_calls(n: u32) -> Result<u32, JsValue> {
    let mut found = 0;
    for _ in 0..n {
        let options = Object::new();
        Reflect::set(&options, &"key".into(), &"k".into())?;
        let answer = call(get_storage, &options).await?;
        if get(&answer, "data")?.is_string() {
            found += 1;
        }
    }
    Ok(found)
}

/// Subscribes to the network status, keeping the closure for good.
#[wasm_bindgen]
pub fn listen() -> Result<(), JsValue> {
    let listener = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        if get(&event, "isConnected").ok().and_then(|v| v.as_bool()) == Some(true) {
            EVENTS.set(EVENTS.get() + 1);
        }
    });
    on_network_status_change(listener.as_ref().unchecked_ref())?;
    listener.forget();
    Ok(())
}

/// How many connected-events arrived.
#[wasm_bindgen]
pub fn events() -> u32 {
    EVENTS.get()
}

/// `n` requests to `url`; the sum of the status codes.
#[wasm_bindgen]
pub async fn requests(url: String, n: u32) -> Result<f64, JsValue> {
    let mut sum = 0.0;
    for _ in 0..n {
        let options = Object::new();
        Reflect::set(&options, &"url".into(), &url.as_str().into())?;
        let answer = call(request, &options).await?;
        sum += get(&answer, "statusCode")?.as_f64().unwrap_or(0.0);
    }
    Ok(sum)
}

/// `n` round trips of 64 KiB through `writeFileSync` / `readFileSync`.
#[wasm_bindgen]
pub fn buffers(n: u32) -> Result<f64, JsValue> {
    let fs = get_file_system_manager()?;
    let write: Function = get(&fs, "writeFileSync")?.dyn_into()?;
    let read: Function = get(&fs, "readFileSync")?.dyn_into()?;
    let env = get(&get(&js_sys::global(), "wx")?, "env")?;
    let folder = get(&env, "USER_DATA_PATH")?.as_string().unwrap_or_default();
    let path = JsValue::from_str(&format!("{folder}/buffer.bin"));
    let data = vec![7u8; 64 * 1024];
    let mut total = 0.0;
    for _ in 0..n {
        let buffer = Uint8Array::from(&data[..]).buffer();
        write.call2(&fs, &path, &buffer)?;
        let back = read.call1(&fs, &path)?;
        total += Uint8Array::new(&back).to_vec().len() as f64;
    }
    Ok(total)
}
