//! Hand-written pieces the generated typed layer stands on: the future of
//! a callback API ([`WxFuture`]), event subscriptions that cannot leak or
//! throw ([`Subscription`], [`EventStream`]), the object wrappers of options
//! and results ([`JsObject`]), and the small helpers that read and write
//! their fields.
//!
//! # How options and results are represented
//!
//! An options type (`ShowModalOption`) wraps a plain JS object: `new` takes
//! the fields the typings require, each builder method sets one more field
//! on the object (as web-sys dictionaries do), and what you do not set is
//! not sent, so WeChat's own defaults apply. No serializer is involved:
//! a plugin pays for the setters it calls, nothing else.
//!
//! A result type (`ShowModalSuccessCallbackResult`) wraps the object WeChat
//! answered with; its accessors read one field each. A field the typings
//! mark optional reads as an `Option`; a required one reads as its value,
//! or as the type's default (`""`, `0.0`, `false`, an empty `Vec`) if a
//! runtime leaves it out, as JavaScript code reading `undefined` would see a
//! falsy value. A string-literal field reads as `Option<Enum>`: `None` for a
//! value these typings do not list.

pub(crate) mod checked;
mod future;
mod object;
mod registry;
mod slots;
mod stream;
mod subscription;
mod task;

pub use future::{FromSuccess, WxFuture, call};
pub use object::JsObject;
pub use registry::registry_size;
pub use stream::EventStream;
pub use subscription::Subscription;
pub use task::{Task, task};

// What only the generated code calls stays inside the crate: a plugin sees
// the handles above, never the plumbing.
pub(crate) use object::{array_of, get, get_array, invoke, new_object, set, set_bool, set_f64, set_str, str_array};
pub(crate) use registry::{
    subscribe_object, subscribe_wx, subscribe_wx_checked, unsubscribe_all_object, unsubscribe_all_wx,
};
