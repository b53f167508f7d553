//! The listeners plugin: watches the network status through a typed
//! subscription, and streams the same events. Dropping a subscription stops
//! delivery at once, also on bases without `wx.offNetworkStatusChange`
//! (before 2.9.3); WeChat holds one JS callback per event, however often the
//! plugin subscribes and unsubscribes.

use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::pin::Pin;

use futures_core::Stream;
use wasm_bindgen::prelude::*;
use wx_bindings::device::{self, OnNetworkStatusChangeListenerResult};
use wx_bindings::runtime::{EventStream, Subscription, registry_size};

thread_local! {
    static WATCH: RefCell<Option<Subscription>> = const { RefCell::new(None) };
    static SEEN: Cell<u32> = const { Cell::new(0) };
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
    static STREAMED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
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
        while let Some(event) = poll_fn(|cx| Pin::new(&mut events).poll_next(cx)).await {
            STREAMED.with_borrow_mut(|s| s.push(describe(&event)));
        }
    });
    Ok(())
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

/// The wasm memory's size in 64 KiB pages.
fn memory_pages() -> usize {
    #[cfg(target_arch = "wasm32")]
    return core::arch::wasm32::memory_size::<0>();
    #[cfg(not(target_arch = "wasm32"))]
    return 0;
}
