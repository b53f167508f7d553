//! The listeners plugin: watches the network status through a typed
//! subscription, and streams the same events. Dropping a subscription stops
//! delivery at once, also on bases without `wx.offNetworkStatusChange`
//! (before 2.9.3); WeChat holds one JS callback per event, however often the
//! plugin subscribes and unsubscribes.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wx_bindings::device::{self, OnNetworkStatusChangeListenerResult};
use wx_bindings::runtime::{EventStream, Subscription, registry_size};
use wx_bindings::storage;

thread_local! {
    static WATCH: RefCell<Option<Subscription>> = const { RefCell::new(None) };
    static SEEN: Cell<u32> = const { Cell::new(0) };
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
    static STREAMED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static ONCE: RefCell<Option<Subscription>> = const { RefCell::new(None) };
    static ONCE_SEEN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static ASKING: RefCell<Option<Subscription>> = const { RefCell::new(None) };
    static FIRST: RefCell<String> = const { RefCell::new(String::new()) };
}

fn describe(event: &OnNetworkStatusChangeListenerResult) -> String {
    let kind = event.network_type().map_or("unlisted", |t| t.as_str());
    format!("{kind}{}", if event.is_connected() { "" } else { " (offline)" })
}

/// Starts watching the network status (again, if it was stopped).
#[wasm_bindgen]
pub fn watch() -> Result<(), JsValue> {
    let subscription = device::on_network_status_change(|event| {
        SEEN.set(SEEN.get() + 1);
        LAST.replace(describe(&event));
    })?;
    WATCH.replace(Some(subscription));
    Ok(())
}

/// Stops watching: the subscription is dropped.
#[wasm_bindgen]
pub fn unwatch() {
    WATCH.take();
}

/// How many events the watch has seen, and the last one.
#[wasm_bindgen]
pub fn seen() -> String {
    format!("{} {}", SEEN.get(), LAST.with_borrow(String::clone))
}

/// Streams the network events in a task of its own, collecting them.
#[wasm_bindgen]
pub fn start_stream() -> Result<(), JsValue> {
    let mut events = EventStream::new(device::on_network_status_change)?;
    wasm_bindgen_futures::spawn_local(async move {
        while let Some(event) = events.next().await {
            STREAMED.with_borrow_mut(|s| s.push(describe(&event)));
        }
    });
    Ok(())
}

/// Waits, in a task of its own, for the next network event only: the
/// stream is dropped after one, which unsubscribes.
#[wasm_bindgen]
pub fn await_one() -> Result<(), JsValue> {
    let mut events = EventStream::new(device::on_network_status_change)?;
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(event) = events.next().await {
            FIRST.replace(describe(&event));
        }
    });
    Ok(())
}

/// The event `await_one` got, and what the registry holds afterwards.
#[wasm_bindgen]
pub fn first() -> String {
    let (callbacks, subscribers) = registry_size();
    format!(
        "[{}] {callbacks} callbacks, {subscribers} subscribers",
        FIRST.with_borrow(String::clone)
    )
}

/// What the stream has collected so far.
#[wasm_bindgen]
pub fn streamed() -> String {
    STREAMED.with_borrow(|s| s.join(", "))
}

/// Subscribes and drops `n` times, then reports what is held: JS callbacks
/// registered with WeChat, Rust subscribers, and wasm memory pages.
#[wasm_bindgen]
pub fn churn(n: u32) -> Result<String, JsValue> {
    for _ in 0..n {
        drop(device::on_network_status_change(|_| {})?);
    }
    let (callbacks, subscribers) = registry_size();
    Ok(format!(
        "{callbacks} callbacks, {subscribers} subscribers, {} pages",
        memory_pages()
    ))
}

/// Subscribes a handler that drops its own subscription while WeChat is
/// calling it: it sees the first event only.
#[wasm_bindgen]
pub fn watch_once() -> Result<(), JsValue> {
    let subscription = device::on_network_status_change(|event| {
        ONCE_SEEN.with_borrow_mut(|s| s.push(describe(&event)));
        drop(ONCE.take()); // its own handle, dropped from inside the event
    })?;
    ONCE.replace(Some(subscription));
    Ok(())
}

/// The events `watch_once`'s handler saw, whether its handle is still
/// held, and what the registry holds.
#[wasm_bindgen]
pub fn once_seen() -> String {
    let (callbacks, subscribers) = registry_size();
    let held = ONCE.with_borrow(Option::is_some);
    format!(
        "[{}] held {held}, {callbacks} callbacks, {subscribers} subscribers",
        ONCE_SEEN.with_borrow(|s| s.join(", "))
    )
}

/// Subscribes a handler that calls `wx` again from inside the event: it
/// stores the event's network type (`wx.setStorageSync("network", ..)`,
/// answered at once) and calls `wx.getNetworkType`, whose answer a task
/// stores in turn (`wx.setStorageSync("asked", "<event>: <answer>")`).
#[wasm_bindgen]
pub fn watch_and_ask() -> Result<(), JsValue> {
    let subscription = device::on_network_status_change(|event| {
        let kind = describe(&event);
        let stored = storage::set_storage_sync("network", &JsValue::from_str(&kind));
        let answer = device::get_network_type();
        wasm_bindgen_futures::spawn_local(async move {
            let asked = match answer.await {
                Ok(answer) => answer.network_type().map_or("unlisted", |t| t.as_str()).to_string(),
                Err(error) => format!("error: {error}"),
            };
            let line = format!("{kind}: {asked}{}", if stored.is_ok() { "" } else { " (not stored)" });
            let _ = storage::set_storage_sync("asked", &JsValue::from_str(&line));
        });
    })?;
    ASKING.replace(Some(subscription));
    Ok(())
}

/// The wasm memory's size in 64 KiB pages.
fn memory_pages() -> usize {
    #[cfg(target_arch = "wasm32")]
    return core::arch::wasm32::memory_size::<0>();
    #[cfg(not(target_arch = "wasm32"))]
    return 0;
}
