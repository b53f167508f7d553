//! Components in Rust: a plugin component's data, properties, methods,
//! lifetimes and observers, with the view state sent to WeChat as diffed
//! `setData` paths.
//!
//! A component is a struct whose serialized form **is** its data (what the
//! WXML reads), an `impl` block of handlers marked with
//! [`#[component]`](macro@crate::component), and optionally a struct of the
//! properties the page passes in, derived with
//! [`Properties`](derive@crate::Properties):
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use wx_bindings::component::{ComponentError, Context, Event, EventOptions, Handle};
//!
//! /// The component's data IS the struct: it is serialized for `setData`;
//! /// Rust-only state is `#[serde(skip)]`.
//! #[derive(Serialize, Default)]
//! pub struct Counter {
//!     count: i64,
//!     label: String,
//!     #[serde(skip)]
//!     taps: u32,
//! }
//!
//! /// What the page passes in (`<counter step="2"/>`).
//! #[derive(Deserialize, wx_bindings::Properties)]
//! pub struct CounterProps {
//!     #[property(default = 1)]
//!     step: i64,
//!     #[property(observer = "label_changed")]
//!     label: String,
//! }
//!
//! #[wx_bindings::component(name = "counter", properties = CounterProps)]
//! impl Counter {
//!     #[lifetime]
//!     fn attached(&mut self, _cx: &Context<Self>) {
//!         self.count = 0;
//!     }
//!
//!     #[page_lifetime]
//!     fn show(&mut self, _cx: &Context<Self>) {}
//!
//!     #[observer("count, step")]
//!     fn watch(&mut self, _cx: &Context<Self>) {}
//!
//!     /// Every other fn is a method WXML can bind (`bindtap="increment"`).
//!     fn increment(&mut self, cx: &Context<Self>, _event: Event) -> Result<(), ComponentError> {
//!         self.taps += 1;
//!         self.count += cx.properties()?.step;
//!         cx.trigger_event("change", &self.count, EventOptions::default())
//!     }
//!
//!     fn label_changed(&mut self, cx: &Context<Self>) -> Result<(), ComponentError> {
//!         self.label = cx.properties()?.label.to_uppercase();
//!         Ok(())
//!     }
//!
//!     /// async: gets a 'static handle instead of &mut self; each `update`
//!     /// applies, diffs and sends setData at once.
//!     async fn load(this: Handle<Self>, _event: Event) {
//!         let stored = wx_bindings::storage::load::<String>("label").await;
//!         // Err(Detached) after detach: nothing sent, nothing leaked.
//!         let _ = this.update(|c, _cx| c.label = stored.ok().flatten().unwrap_or_default());
//!     }
//! }
//!
//! wx_bindings::components![Counter]; // the crate root: the four exports
//! # fn main() {}
//! ```
//!
//! # Handlers
//!
//! * `#[lifetime]`: `created`, `attached`, `ready`, `moved`, `detached`,
//!   `error` (the fn's name, or `#[lifetime(attached)]` on another name);
//!   `#[page_lifetime]`: `show`, `hide`, `resize`; `#[observer("a, b.c")]`:
//!   a key of `Component({ observers })`. Every other fn is a method the
//!   WXML can bind; a property's own observer
//!   (`#[property(observer = "…")]`) is one of them.
//! * A sync handler is `fn(&mut self, cx: &Context<Self>)` with at most one
//!   more argument, of a type implementing [`FromHandlerArgs`]: an
//!   [`Event`], or the handler's raw JS arguments as a `js_sys::Array` (an
//!   observer's new values, a lifetime's arguments).
//! * An async handler is `async fn(this: Handle<Self>)` with the same
//!   optional argument: it runs after the call returns, so it gets a
//!   [`Handle`] instead of `&mut self`, and changes the data with
//!   [`Handle::update`].
//! * A handler returns `()` or `Result<(), E>` with `E: Display`. An `Err`
//!   is reported with `console.error`, naming the component and the
//!   handler; it is never thrown into WeChat.
//!
//! # What is sent
//!
//! After every sync handler and every [`Handle::update`], the data is
//! serialized (serde), diffed against what was last sent and sent with
//! `setData` as WeChat's path keys: `count`, `user.name`, `items[3].done`.
//! The rules (an array that shrank is sent whole, a number JavaScript cannot
//! hold exactly or a payload over 1,024 kB is an error and nothing is sent,
//! nothing changed is no call) are WeChat's; see the protocol in
//! `docs/component-protocol.md`. During `created`, when WeChat does not
//! allow `setData`, and after `detached`, nothing is sent: what `created`
//! changed goes out with the next handler.
//!
//! # Panics
//!
//! Plugins are built with `panic = "abort"`: a panic traps, and wx-pack's
//! guard puts the wasm stack back. The runtime holds no borrow while a
//! handler runs, so the component's later events and the plugin's other
//! components keep working; the panicking component keeps its data as the
//! handler left it.

mod context;
mod diff;
mod event;
mod handle;
mod registry;

use std::fmt::Display;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use context::{Context, EventOptions};
pub use event::Event;
pub use handle::Handle;

use crate::WxError;

/// A component: its data type, with the handlers `#[component]` found.
/// Implemented by [`#[component]`](macro@crate::component); not by hand.
pub trait Component: Serialize + Default + Sized + 'static {
    /// The properties the page passes in ([`NoProperties`] when the
    /// component takes none).
    type Properties: Properties;

    /// The component's name (`plugin.json`'s `publicComponents` key).
    const NAME: &'static str;

    #[doc(hidden)]
    fn __shape() -> __private::Shape;

    #[doc(hidden)]
    fn __handler(kind: __private::Kind, name: &str) -> Option<__private::Handler<Self>>;
}

/// A component's properties, read from WeChat's `this.properties` with
/// serde. Derive it with [`#[derive(Properties)]`](derive@crate::Properties).
pub trait Properties: DeserializeOwned + 'static {
    #[doc(hidden)]
    fn __describe() -> Vec<__private::PropertyShape>;
}

/// The properties of a component that takes none.
#[derive(serde::Deserialize, Debug, Default, Clone, Copy)]
pub struct NoProperties {}

impl Properties for NoProperties {
    fn __describe() -> Vec<__private::PropertyShape> {
        Vec::new()
    }
}

/// What a handler takes after `&Context<Self>` (or after `Handle<Self>`):
/// read from the handler's JS arguments.
#[diagnostic::on_unimplemented(
    message = "a component handler cannot take `{Self}`",
    label = "not an argument a handler can take",
    note = "after `cx: &Context<Self>` a handler takes nothing, a `wx_bindings::component::Event` \
            (a method's event) or a `js_sys::Array` (the raw JS arguments)"
)]
pub trait FromHandlerArgs: Sized {
    /// Reads the argument, or says why it cannot.
    fn from_args(args: &js_sys::Array) -> Result<Self, ComponentError>;
}

impl FromHandlerArgs for js_sys::Array {
    fn from_args(args: &js_sys::Array) -> Result<Self, ComponentError> {
        Ok(args.clone())
    }
}

/// What a handler returns: `()`, or `Result<(), E>` with `E: Display`.
#[diagnostic::on_unimplemented(
    message = "a component handler cannot return `{Self}`",
    label = "handlers return `()` or `Result<(), E>` where `E: Display`",
    note = "an `Err` is reported with console.error, naming the component and the handler"
)]
pub trait HandlerResult {
    /// `Err` with the error's text.
    fn into_result(self) -> Result<(), String>;
}

impl HandlerResult for () {
    fn into_result(self) -> Result<(), String> {
        Ok(())
    }
}

impl<E: Display> HandlerResult for Result<(), E> {
    fn into_result(self) -> Result<(), String> {
        self.map_err(|e| e.to_string())
    }
}

/// Why a component operation did not succeed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ComponentError {
    /// The component was detached (and dropped) while an async handler
    /// awaited: nothing was sent.
    Detached,
    /// The component is running another handler (`running`): a handler
    /// called back into its own component, e.g. through an event its
    /// `trigger_event` raised.
    Busy {
        /// The handler that runs.
        running: String,
    },
    /// A value could not be read or written with serde (properties, an
    /// event's fields, the data); the message names the field.
    Data(String),
    /// `setData` or `triggerEvent` threw, or the data's changes could not
    /// be sent (a number JavaScript cannot hold, a payload over 1,024 kB).
    Send(String),
    /// A `wx` call failed inside the handler.
    Wx(WxError),
}

impl Display for ComponentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ComponentError::Detached => f.write_str("the component was detached; nothing was sent"),
            ComponentError::Busy { running } => write!(
                f,
                "the component is running its handler `{running}`: a handler cannot call back into its own component"
            ),
            ComponentError::Data(message) | ComponentError::Send(message) => f.write_str(message),
            ComponentError::Wx(error) => Display::fmt(error, f),
        }
    }
}

impl std::error::Error for ComponentError {}

impl From<WxError> for ComponentError {
    fn from(error: WxError) -> Self {
        ComponentError::Wx(error)
    }
}

impl From<ComponentError> for wasm_bindgen::JsValue {
    fn from(error: ComponentError) -> Self {
        match error {
            ComponentError::Wx(error) => error.into(),
            other => js_sys::Error::new(&other.to_string()).into(),
        }
    }
}

/// What `#[component]`, `#[derive(Properties)]` and `components!` expand
/// to. Not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use super::registry::{
        ComponentEntry, Handler, Kind, PropertyShape, Shape, call, create, describe, drop_instance, entry,
        live_instances, spawn,
    };
    pub use js_sys::Array;
    pub use serde_json::Value;

    /// A property's default, serialized. It is converted into the field's
    /// type first, so `default = "world"` works for a `String` field and
    /// `default = 1` for an `f64`, and a default that does not convert is a
    /// compile error at the expression.
    pub fn property_default<T: serde::Serialize>(value: impl PropertyDefault<T>) -> Result<Value, String> {
        super::diff::tree(&value.into_default())
    }

    /// A value that can be the default of a `T` property: anything that
    /// converts into `T`. A trait of its own for the compile error's words.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be the default of a `{T}` property",
        label = "not a `{T}`",
        note = "a default converts into the field's type with `Into`: `\"text\"` for a `String`, `1` for an `f64`"
    )]
    pub trait PropertyDefault<T> {
        /// The default as the field's type.
        fn into_default(self) -> T;
    }

    #[diagnostic::do_not_recommend]
    impl<T, V: Into<T>> PropertyDefault<T> for V {
        fn into_default(self) -> T {
            self.into()
        }
    }
}
