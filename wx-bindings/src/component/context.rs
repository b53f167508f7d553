//! What a sync handler gets besides `&mut self`: the component's WeChat
//! side (properties, events, the instance object).

use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::JsValue;

use super::registry::Entry;
use super::{Component, ComponentError, Handle};
use crate::runtime;

/// The component's WeChat side, given to every sync handler (and to
/// [`Handle::update`]'s closure) next to `&mut self`.
pub struct Context<C> {
    entry: Rc<Entry<C>>,
}

/// How an event raised with [`Context::trigger_event`] travels
/// (`triggerEvent`'s options): WeChat's defaults are all false.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EventOptions {
    /// Whether the event bubbles up the tree.
    pub bubbles: bool,
    /// Whether it crosses the component's boundary (into the page).
    pub composed: bool,
    /// Whether it has a capture phase.
    pub capture_phase: bool,
}

impl<C: Component> Context<C> {
    pub(crate) fn new(entry: Rc<Entry<C>>) -> Self {
        Context { entry }
    }

    /// The properties the page passes in (`this.properties`), read with
    /// serde; an error names the property that did not fit.
    pub fn properties(&self) -> Result<C::Properties, ComponentError> {
        let value = runtime::get(&self.entry.instance, "properties");
        let what = format_args!("the properties of component `{}` do not fit their type", C::NAME);
        crate::extras::from_json_value(value, what).map_err(ComponentError::Data)
    }

    /// Raises the event `name` (`this.triggerEvent(name, detail, options)`),
    /// which the page handles with `bind:<name>`; `detail` is serialized
    /// with serde.
    pub fn trigger_event<T: Serialize + ?Sized>(
        &self,
        name: &str,
        detail: &T,
        options: EventOptions,
    ) -> Result<(), ComponentError> {
        let what = format_args!("the detail of event `{name}` cannot be sent");
        let detail = crate::extras::to_json_value(detail, what).map_err(ComponentError::Data)?;
        let js_options = runtime::new_object();
        runtime::set_bool(&js_options, "bubbles", options.bubbles);
        runtime::set_bool(&js_options, "composed", options.composed);
        runtime::set_bool(&js_options, "capturePhase", options.capture_phase);
        runtime::invoke(
            &self.entry.instance,
            "triggerEvent",
            &[JsValue::from_str(name), detail, js_options],
        )
        .map(drop)
        .map_err(|e| ComponentError::Send(format!("this.triggerEvent(\"{name}\") threw: {e:?}")))
    }

    /// WeChat's component instance (`this`), for what this module does not
    /// cover yet. Its `setData` bypasses the diff: what it sets, the next
    /// diff does not know about.
    pub fn instance(&self) -> &JsValue {
        &self.entry.instance
    }

    /// A handle to this component that outlives the handler: give it to a
    /// future, and change the data later with [`Handle::update`].
    pub fn handle(&self) -> Handle<C> {
        Handle::new(Rc::downgrade(&self.entry))
    }

    /// The instance's id (the protocol's; unique while the plugin runs).
    pub fn id(&self) -> u32 {
        self.entry.id
    }
}
