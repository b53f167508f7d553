//! A first component in Rust: a counter. It shows a property with a
//! default (`step`), data the WXML reads (`count`), a method bound to a tap
//! (`on_add`) and an event for the page (`change`). After the tap the
//! runtime sends only what changed: `setData({count: 3})`.
//!
//! The same component in plain JavaScript is
//! `tests/components/js/components/counter`; both render the same WXML
//! (the handler is `on_add` here, `onAdd` there).

use serde::{Deserialize, Serialize};
use wx_bindings::component::{ComponentError, Context, Event, EventOptions};

/// The counter's data: what `counter.wxml` reads as `{{count}}`.
#[derive(Serialize, Default)]
pub struct Counter {
    /// The number shown.
    count: i64,
}

/// What the page passes in: `<counter step="2" bind:change="…"/>`.
#[derive(Deserialize, wx_bindings::Properties)]
pub struct CounterProps {
    /// How much a tap adds (WeChat's `Number`, default 1).
    #[property(default = 1)]
    step: i64,
}

/// The detail of the `change` event: the new count.
#[derive(Serialize)]
struct Change {
    count: i64,
}

#[wx_bindings::component(name = "counter", properties = CounterProps)]
impl Counter {
    /// `bindtap="on_add"`: adds `step` and tells the page.
    fn on_add(&mut self, cx: &Context<Self>, _event: Event) -> Result<(), ComponentError> {
        self.count += cx.properties()?.step;
        cx.trigger_event("change", &Change { count: self.count }, EventOptions::default())
    }
}

wx_bindings::components![Counter];
