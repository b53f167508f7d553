//! The event a method bound in WXML receives.

use js_sys::Array;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::{ComponentError, FromHandlerArgs};
use crate::runtime;

/// The event object WeChat passes a method (`bindtap="increment"`), with
/// its fields read through serde. An error names the field that did not
/// fit (``the event's detail at `value`: invalid type ...``).
#[derive(Debug, Clone)]
pub struct Event {
    raw: JsValue,
}

impl Event {
    /// Wraps an event object.
    pub fn from_js(raw: JsValue) -> Self {
        Event { raw }
    }

    /// The event's type (`"tap"`, `"input"`, a custom event's name).
    pub fn kind(&self) -> String {
        runtime::get(&self.raw, "type").as_string().unwrap_or_default()
    }

    /// `event.detail` (an input's `{ value }`, a custom event's detail).
    pub fn detail<T: DeserializeOwned>(&self) -> Result<T, ComponentError> {
        self.read(runtime::get(&self.raw, "detail"), "the event's detail")
    }

    /// `event.currentTarget.dataset`: the `data-*` attributes of the node
    /// the handler is bound on (`data-index="{{i}}"` is `index`).
    pub fn dataset<T: DeserializeOwned>(&self) -> Result<T, ComponentError> {
        let target = runtime::get(&self.raw, "currentTarget");
        self.read(runtime::get(&target, "dataset"), "the event's currentTarget.dataset")
    }

    /// `event.mark` (base library 2.7.1): the `mark:*` attributes from the
    /// target up to the component; an empty object on older bases.
    pub fn mark<T: DeserializeOwned>(&self) -> Result<T, ComponentError> {
        let mark = runtime::get(&self.raw, "mark");
        let mark = if mark.is_undefined() {
            runtime::new_object()
        } else {
            mark
        };
        self.read(mark, "the event's mark")
    }

    /// The event object as WeChat gave it.
    pub fn raw(&self) -> &JsValue {
        &self.raw
    }

    fn read<T: DeserializeOwned>(&self, value: JsValue, what: &str) -> Result<T, ComponentError> {
        crate::extras::from_json_value(value, what).map_err(ComponentError::Data)
    }
}

impl FromHandlerArgs for Event {
    fn from_args(args: &Array) -> Result<Self, ComponentError> {
        Ok(Event::from_js(args.get(0)))
    }
}
