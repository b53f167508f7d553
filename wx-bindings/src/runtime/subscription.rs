//! [`Subscription`], the handle of one subscriber of an event.

use super::registry::unsubscribe;

/// A subscriber of one event: what every typed `on_*` function (and an
/// object's event method) returns.
///
/// * Dropping it stops delivery to it at once, whatever the base library;
///   [`forget`](Subscription::forget) keeps it for the life of the plugin.
/// * WeChat holds **one** JS callback per event, however many subscribe;
///   it fans out to the Rust subscribers. When the last one goes, `off*` is
///   called if the running base has it (looked up at run time, so using an
///   `on*` does not make a plugin need the base of its `off*`) and the
///   callback is freed. Without `off*` (most events before 2.9.x) the
///   callback stays registered and swallows the events nobody listens to;
///   the next subscriber reuses it. Nothing is kept per subscription, and an
///   event never reaches a freed closure (which would throw into WeChat).
/// * A handler may subscribe or unsubscribe (itself included) while it runs.
#[must_use = "`let _ = …` drops the Subscription at once, which unsubscribes: no event reaches the listener. \
              Bind it for as long as you want events (`let _sub = …`), or call `.forget()` to keep it for good"]
#[derive(Debug)]
pub struct Subscription {
    pub(super) channel: u64,
    pub(super) subscriber: u64,
}

impl Subscription {
    /// Keeps the subscription for the life of the plugin.
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        unsubscribe(self.channel, Some(self.subscriber));
    }
}
