//! The stress plugin (test-only, `tests/tests/e2e_stress.rs`): each export
//! repeats one kind of work `n` times on the typed layer and reports what
//! it saw and the wasm memory's size afterwards, so that the test can hold
//! memory (and, through the host, the JS heap and pending work) to its
//! warmed-up size.

use std::cell::RefCell;
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};

use js_sys::{Array, Object, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wx_bindings::device;
use wx_bindings::network::{self, RequestOption};
use wx_bindings::runtime::registry_size;
use wx_bindings::storage::{self, GetStorageOption};

/// The key `async_calls` reads.
const KEY: &str = "stress";

/// `{ <key>: <value>, ..., pages }`: the fields given, and the wasm memory
/// pages now.
fn report(fields: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    let out = Object::new();
    for (key, value) in fields {
        Reflect::set(&out, &JsValue::from_str(key), value)?;
    }
    Reflect::set(&out, &JsValue::from_str("pages"), &JsValue::from(memory_pages()))?;
    Ok(out.into())
}

/// Stores one value, then makes `n` awaited `wx.getStorage` calls of it, one
/// after another. Answers `{ found, pages }`: how many calls read the value
/// back.
#[wasm_bindgen]
pub async fn async_calls(n: u32) -> Result<JsValue, JsValue> {
    storage::set_storage_sync(KEY, &JsValue::from_str("value"))?;
    let mut found = 0u32;
    for _ in 0..n {
        let answer = storage::get_storage(&GetStorageOption::new(KEY)).await?;
        if answer.data().as_string().as_deref() == Some("value") {
            found += 1;
        }
    }
    report(&[("found", found.into())])
}

/// Subscribes to `wx.onNetworkStatusChange` and drops the subscription, `n`
/// times. Answers `{ callbacks, subscribers, pages }`: the JS callbacks
/// registered with WeChat and the Rust subscribers the registry still holds.
#[wasm_bindgen]
pub fn churn(n: u32) -> Result<JsValue, JsValue> {
    for _ in 0..n {
        drop(device::on_network_status_change(|_| {})?);
    }
    let (callbacks, subscribers) = registry_size();
    report(&[("callbacks", callbacks.into()), ("subscribers", subscribers.into())])
}

/// Starts `n` requests to `url` and drops each task at once (which aborts
/// it). Answers `{ pages }`.
#[wasm_bindgen]
pub fn dropped_requests(url: String, n: u32) -> Result<JsValue, JsValue> {
    for _ in 0..n {
        drop(network::request(&RequestOption::new(&url)));
    }
    report(&[])
}

/// The body the concurrent requests' server answers.
#[derive(Deserialize)]
struct Answer {
    id: u32,
}

/// What the concurrent requests have brought back so far, and who waits.
#[derive(Default)]
struct Join {
    /// The id each response body named, in completion order.
    ids: Vec<u32>,
    /// `"<sent id>: <what came back>"` for every response that was not the
    /// body of its own request (a wrong id, a failure, not JSON).
    wrong: Vec<String>,
    /// How many requests have not finished.
    left: u32,
    waker: Option<Waker>,
}

/// Starts `n` requests at once, the `i`th to `<url>?id=<i>`, and waits for
/// them all (each runs in a task of its own; the last one to finish wakes
/// this export). Answers `{ ids, wrong, pages }`: the id each response body
/// named, in completion order, and the responses that did not answer their
/// own request.
#[wasm_bindgen]
pub async fn concurrent_requests(url: String, n: u32) -> Result<JsValue, JsValue> {
    let join = Rc::new(RefCell::new(Join {
        left: n,
        ..Join::default()
    }));
    for id in 0..n {
        let task = network::request(&RequestOption::new(&format!("{url}?id={id}")));
        let join = Rc::clone(&join);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = match task.await {
                Ok(answer) => answer.json::<Answer>().map(|a| a.id).map_err(|e| e.to_string()),
                Err(error) => Err(error.to_string()),
            };
            let mut join = join.borrow_mut();
            match outcome {
                Ok(got) => {
                    join.ids.push(got);
                    if got != id {
                        join.wrong.push(format!("{id}: id {got}"));
                    }
                }
                Err(error) => join.wrong.push(format!("{id}: {error}")),
            }
            join.left -= 1;
            if join.left == 0
                && let Some(waker) = join.waker.take()
            {
                waker.wake();
            }
        });
    }
    poll_fn(|cx| {
        let mut join = join.borrow_mut();
        if join.left == 0 {
            Poll::Ready(())
        } else {
            join.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    })
    .await;
    let join = join.borrow();
    let ids: Array = join.ids.iter().map(|&id| JsValue::from(id)).collect();
    let wrong: Array = join.wrong.iter().map(|w| JsValue::from_str(w)).collect();
    report(&[("ids", ids.into()), ("wrong", wrong.into())])
}

/// The wasm memory's size in 64 KiB pages.
fn memory_pages() -> usize {
    #[cfg(target_arch = "wasm32")]
    return core::arch::wasm32::memory_size::<0>();
    #[cfg(not(target_arch = "wasm32"))]
    return 0;
}
