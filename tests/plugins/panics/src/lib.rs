//! A test-only plugin that panics where a plugin author's code might: in a
//! listener handler, in an export, and in an async export after an await.
//! The panics abort (`panic = "abort"`: the wasm traps and the host sees a
//! JavaScript `RuntimeError`); what the end-to-end test checks is that
//! nothing else breaks — later events reach the other subscribers, later
//! calls and futures work — and how much each panic costs.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wx_bindings::device;
use wx_bindings::runtime::{Subscription, registry_size};
use wx_bindings::storage;

thread_local! {
    static HELD: RefCell<Vec<Subscription>> = const { RefCell::new(Vec::new()) };
    static SEEN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Subscribes two handlers to `onNetworkStatusChange`: the first panics on
/// an offline event, the second records every event it is given.
#[wasm_bindgen]
pub fn listen() -> Result<(), JsValue> {
    let panicky = device::on_network_status_change(|event| {
        if !event.is_connected() {
            panic!("the plugin's handler does not expect to be offline");
        }
    })?;
    let recorder = device::on_network_status_change(|event| {
        let kind = event.network_type().map_or("unlisted", |t| t.as_str()).to_string();
        SEEN.with_borrow_mut(|s| s.push(kind));
    })?;
    HELD.with_borrow_mut(|held| held.extend([panicky, recorder]));
    Ok(())
}

/// What the recording handler saw, and what the registry holds.
#[wasm_bindgen]
pub fn seen() -> String {
    let (callbacks, subscribers) = registry_size();
    format!(
        "[{}] {callbacks} callbacks, {subscribers} subscribers",
        SEEN.with_borrow(|s| s.join(", "))
    )
}

/// Drops both subscriptions (the panicked one included).
#[wasm_bindgen]
pub fn stop() {
    HELD.take();
}

/// Panics at once.
#[wasm_bindgen]
pub fn panic_now(n: u32) -> u32 {
    if n > 0 {
        panic!("asked to panic");
    }
    n
}

/// Awaits an asynchronous `wx` call, then panics.
#[wasm_bindgen]
pub async fn panic_after_await() -> Result<JsValue, JsValue> {
    storage::set_storage(&storage::SetStorageOption::new(&JsValue::from_str("v"), "k")).await?;
    panic!("panicked after an await");
}

/// An asynchronous `wx` round trip: stores `value` and reads it back.
#[wasm_bindgen]
pub async fn round_trip(value: String) -> Result<JsValue, JsValue> {
    storage::set_storage(&storage::SetStorageOption::new(&JsValue::from_str(&value), "k")).await?;
    let answer = storage::get_storage(&storage::GetStorageOption::new("k")).await?;
    Ok(answer.data())
}

/// Where the shadow stack is (the address of a local), to see whether a
/// panic leaves it lower than it was.
#[wasm_bindgen]
pub fn stack_depth() -> usize {
    let local = 0u8;
    std::hint::black_box(&local) as *const u8 as usize
}
