//! The registry behind event listeners: one JS callback per event, fanned
//! out to Rust subscribers, so that listeners cannot leak or throw.
//!
//! WeChat's `on*` functions (and the `on*` methods of its objects) take a
//! callback and keep it; on old base libraries most have no `off*`, so a
//! registration lasts as long as the plugin. Handing WeChat a Rust closure
//! per subscription would leak one closure each, and freeing one that WeChat
//! still holds makes its next event throw "closure invoked after being
//! dropped" into WeChat.
//!
//! So each event is registered **once** on the JS side, with one closure
//! that fans out to the Rust subscribers of a small registry:
//!
//! * [`Subscription`] is the handle of one subscriber. Dropping it stops
//!   delivery to it at once, whatever the base library; [`Subscription::forget`]
//!   keeps it for the life of the plugin.
//! * When the last subscriber of an event goes, the registry calls `off*`
//!   if the running base has it (looked up at run time: using an `on*` does
//!   not make a plugin need the base of its `off*`) and then frees the
//!   closure. Without `off*`, the closure stays registered and swallows the
//!   events nobody listens to; the next subscriber reuses it. At most one
//!   closure per event is ever kept, never one per subscription.
//! * An event that arrives when nobody listens is dropped quietly; a
//!   subscriber may subscribe or unsubscribe (itself included) from inside
//!   its handler.
//! * [`EventStream`](super::EventStream) turns any subscription into a stream of events: await
//!   [`EventStream::next`](super::EventStream::next), or use it as a `futures_core::Stream`.

use std::cell::RefCell;

use js_sys::{Function, Object};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::slots::Slots;
use super::subscription::Subscription;
use crate::WxError;

/// A subscriber's handler. It is taken out of its slot while it runs, so a
/// handler is never re-entered and the registry is never borrowed while
/// plugin code runs.
type Handler = Box<dyn FnMut(JsValue)>;

/// Where an event comes from: the global `wx`, or an object WeChat gave
/// (a task, a context, a manager).
enum Source {
    Wx,
    Object(JsValue),
}

impl Source {
    fn value(&self) -> JsValue {
        match self {
            Source::Wx => crate::runtime::checked::wx(),
            Source::Object(object) => object.clone(),
        }
    }

    fn is(&self, other: &Source) -> bool {
        match (self, other) {
            (Source::Wx, Source::Wx) => true,
            (Source::Object(a), Source::Object(b)) => Object::is(a, b),
            _ => false,
        }
    }
}

/// One event of one source, registered once with WeChat.
struct Channel {
    id: u64,
    source: Source,
    on: &'static str,
    off: Option<&'static str>,
    /// The closure WeChat holds, while it holds it.
    closure: Option<Closure<dyn FnMut(JsValue)>>,
    subscribers: Slots<Handler>,
}

struct Registry {
    next_id: u64,
    channels: Vec<Channel>,
}

thread_local! {
    // `const`: no lazy initialisation code and no "accessed during
    // destruction" panic path in every plugin.
    static REGISTRY: RefCell<Registry> = const {
        RefCell::new(Registry {
            next_id: 0,
            channels: Vec::new(),
        })
    };
}

/// Runs `f` on the registry. It is only ever borrowed for the length of
/// `f`, which never calls into JS or plugin code; should it be borrowed
/// anyway, nothing happens (`None`) rather than a panic inside an event.
fn with_registry<R>(f: impl FnOnce(&mut Registry) -> R) -> Option<R> {
    REGISTRY.with(|r| r.try_borrow_mut().ok().map(|mut r| f(&mut r)))
}

impl Registry {
    fn next(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn channel(&mut self, id: u64) -> Option<&mut Channel> {
        self.channels.iter_mut().find(|c| c.id == id)
    }

    fn find(&self, on: &str, source: &Source) -> Option<&Channel> {
        self.channels.iter().find(|c| c.on == on && c.source.is(source))
    }
}

/// Delivers one event to every subscriber of `channel` (none: swallowed).
/// Each handler is taken out of its slot, run with the registry free (it may
/// subscribe or unsubscribe, itself included), and put back if its
/// subscription still exists; one already running (an event raised from
/// inside itself) is skipped.
fn dispatch(channel: u64, event: JsValue) {
    let ids: Vec<u64> =
        with_registry(|r| r.channel(channel).map(|c| c.subscribers.ids()).unwrap_or_default()).unwrap_or_default();
    for id in ids {
        let Some(mut handler) = with_registry(|r| r.channel(channel)?.subscribers.take(id)).flatten() else {
            continue;
        };
        handler(event.clone());
        // Put back; if it unsubscribed while running, it is dropped here,
        // outside the borrow (its captures may unsubscribe in turn).
        let unsubscribed = with_registry(|r| match r.channel(channel) {
            Some(c) => c.subscribers.put_back(id, handler),
            None => Some(handler),
        });
        drop(unsubscribed);
    }
}

/// Subscribes `handler` to the event `on` of the global `wx`, registered
/// through `register` (the raw binding, so that the packaged plugin's
/// minimum base counts it) the first time; `off` is the JS name of the
/// matching `off*`, looked up when the last subscriber goes.
pub fn subscribe_wx(
    on: &'static str,
    off: Option<&'static str>,
    register: fn(&Function) -> Result<(), JsValue>,
    handler: impl FnMut(JsValue) + 'static,
) -> Result<Subscription, WxError> {
    subscribe(Source::Wx, on, off, &mut |f| register(f), Box::new(handler))
}

/// [`subscribe_wx`] for an `on*` above the enabled baseline: checks the
/// running version, then looks `wx.<on>` up at run time.
pub fn subscribe_wx_checked(
    running: &crate::version::RunningVersion,
    since: crate::version::Version,
    on: &'static str,
    off: Option<&'static str>,
    handler: impl FnMut(JsValue) + 'static,
) -> Result<Subscription, WxError> {
    running.require(on, since)?;
    let wx = crate::runtime::checked::wx();
    subscribe(
        Source::Wx,
        on,
        off,
        &mut |f| call_method(&wx, on, Some(f)),
        Box::new(handler),
    )
}

/// Subscribes `handler` to the event method `on` of a WeChat object (a
/// task, context or manager); `off` is its `off*` method, if it has one.
pub fn subscribe_object(
    object: &JsValue,
    on: &'static str,
    off: Option<&'static str>,
    handler: impl FnMut(JsValue) + 'static,
) -> Result<Subscription, WxError> {
    subscribe(
        Source::Object(object.clone()),
        on,
        off,
        &mut |f| call_method(object, on, Some(f)),
        Box::new(handler),
    )
}

/// `object[name](callback)`, or a `TypeError` if it is not a function.
fn call_method(object: &JsValue, name: &str, callback: Option<&Function>) -> Result<(), JsValue> {
    let argument = callback.map_or(JsValue::UNDEFINED, |f| f.clone().into());
    super::object::invoke(object, name, &[argument]).map(drop)
}

/// The registry was borrowed when it should not be: never happens, as no
/// borrow spans a call out; reported as an error rather than a panic.
fn busy(on: &'static str) -> WxError {
    WxError::data(on, "the listener registry is busy")
}

fn subscribe(
    source: Source,
    on: &'static str,
    off: Option<&'static str>,
    register: &mut dyn FnMut(&Function) -> Result<(), JsValue>,
    handler: Handler,
) -> Result<Subscription, WxError> {
    // The channel of this event, made if it is new, and whether WeChat holds its closure.
    let (channel, registered) = with_registry(|r| match r.find(on, &source) {
        Some(c) => (c.id, c.closure.is_some()),
        None => {
            let id = r.next();
            r.channels.push(Channel {
                id,
                source,
                on,
                off,
                closure: None,
                subscribers: Slots::new(),
            });
            (id, false)
        }
    })
    .ok_or_else(|| busy(on))?;
    if !registered {
        let closure = Closure::<dyn FnMut(JsValue)>::new(move |event| dispatch(channel, event));
        if let Err(error) = register(closure.as_ref().unchecked_ref()) {
            // WeChat did not take it (missing function, bad base): nothing holds it.
            with_registry(|r| r.channels.retain(|c| c.id != channel || !c.subscribers.is_empty()));
            return Err(WxError::js(on, error));
        }
        with_registry(|r| {
            if let Some(c) = r.channel(channel) {
                c.closure = Some(closure);
            }
        });
    }
    with_registry(|r| {
        let id = r.next();
        let c = r.channel(channel)?;
        c.subscribers.push(id, handler);
        Some(Subscription {
            channel,
            subscriber: id,
        })
    })
    .flatten()
    .ok_or_else(|| busy(on))
}

/// Removes one subscriber (or all, with `None`); when none is left, calls
/// `off*` if there is one and then frees the closure WeChat no longer holds.
pub(super) fn unsubscribe(channel: u64, subscriber: Option<u64>) {
    // The handlers removed are dropped after the borrow ends: what they
    // capture (a stream, another subscription) may unsubscribe in turn.
    let mut removed = Vec::new();
    let released = with_registry(|r| {
        let c = r.channel(channel)?;
        removed = c.subscribers.remove(subscriber);
        if !c.subscribers.is_empty() {
            return None;
        }
        // Who can take the closure back? Only an off* that exists.
        let off = c.off?;
        let source = c.source.value();
        let closure = c.closure.take()?;
        Some((off, source, closure))
    })
    .flatten();
    drop(removed);
    let Some((off, source, closure)) = released else {
        return;
    };
    let unregistered = call_method(&source, off, Some(closure.as_ref().unchecked_ref())).is_ok();
    with_registry(|r| {
        if unregistered {
            // WeChat let go of it: free it, and forget the channel unless
            // someone subscribed meanwhile (from inside `off*`).
            r.channels.retain(|c| c.id != channel || !c.subscribers.is_empty());
            drop(closure);
        } else if let Some(c) = r.channel(channel) {
            // No off* at run time after all: keep it registered, swallowing.
            c.closure = Some(closure);
        }
    });
}

/// Drops every Rust subscriber of `on` on the global `wx` (what the typed
/// `off*` functions do before calling WeChat's).
pub fn unsubscribe_all_wx(on: &'static str) {
    unsubscribe_all(Source::Wx, on);
}

/// Drops every Rust subscriber of the event method `on` of `object` (what
/// the typed `off*` methods do before calling WeChat's).
pub fn unsubscribe_all_object(object: &JsValue, on: &'static str) {
    unsubscribe_all(Source::Object(object.clone()), on);
}

fn unsubscribe_all(source: Source, on: &'static str) {
    if let Some(channel) = with_registry(|r| r.find(on, &source).map(|c| c.id)).flatten() {
        unsubscribe(channel, None);
    }
}

/// How many events have a closure registered with WeChat, and how many
/// subscribers they have in all (for leak checks).
pub fn registry_size() -> (usize, usize) {
    with_registry(|r| {
        (
            r.channels.iter().filter(|c| c.closure.is_some()).count(),
            r.channels.iter().map(|c| c.subscribers.len()).sum(),
        )
    })
    .unwrap_or_default()
}
