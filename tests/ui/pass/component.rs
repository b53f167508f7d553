// The component of wx_bindings::component's docs, with every kind of handler.
use serde::{Deserialize, Serialize};
use wx_bindings::component::{ComponentError, Context, Event, EventOptions, Handle};

#[derive(Serialize, Default)]
pub struct Counter {
    count: i64,
    label: String,
    #[serde(skip)]
    taps: u32,
}

#[derive(Deserialize, wx_bindings::Properties)]
#[serde(rename_all = "camelCase")]
pub struct CounterProps {
    #[property(default = 1)]
    step: i64,
    #[property(observer = "label_changed")]
    label: String,
    #[property(default = vec![String::from("a")])]
    choices: Vec<String>,
    max_count: Option<u32>,
    // A literal of another type that converts into the field's.
    #[property(default = "world")]
    greeting: String,
    #[property(default = 1)]
    ratio: f64,
}

#[wx_bindings::component(name = "counter-2", properties = CounterProps)]
impl Counter {
    #[lifetime]
    fn attached(&mut self, _cx: &Context<Self>) {}

    #[lifetime(detached)]
    fn goodbye(&mut self, _cx: &Context<Self>) {}

    #[page_lifetime]
    fn show(&mut self, _cx: &Context<Self>) {}

    #[observer("count, step")]
    fn watch(&mut self, _cx: &Context<Self>, _values: js_sys::Array) {}

    fn increment(&mut self, cx: &Context<Self>, event: Event) -> Result<(), ComponentError> {
        let _kind = event.kind();
        self.taps += 1;
        self.count += cx.properties()?.step;
        cx.trigger_event("change", &self.count, EventOptions::default())
    }

    fn label_changed(&mut self, cx: &Context<Self>) -> Result<(), wx_bindings::WxError> {
        let _ = cx.instance();
        Ok(())
    }

    async fn load(this: Handle<Self>, _event: Event) {
        let stored = wx_bindings::storage::load::<String>("label").await;
        let _ = this.update(|c, _cx| c.label = stored.ok().flatten().unwrap_or_default());
    }
}

/// No properties, no handlers but one.
#[derive(Serialize, Default)]
pub struct Empty {}

#[wx_bindings::component(name = "empty")]
impl Empty {
    fn noop(&mut self, _cx: &Context<Self>) {}
}

wx_bindings::components![Counter, Empty];

fn main() {}
