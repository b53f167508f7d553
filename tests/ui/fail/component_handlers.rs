// Every handler mistake #[component] refuses, reported together, each at its span.
use serde::Serialize;
use wx_bindings::component::{Context, Handle};

#[derive(Serialize, Default)]
pub struct Counter {
    count: i64,
}

#[wx_bindings::component(name = "counter")]
impl Counter {
    #[lifetime]
    fn atached(&mut self, _cx: &Context<Self>) {}

    #[page_lifetime(shwo)]
    fn on_show(&mut self, _cx: &Context<Self>) {}

    #[lifetime]
    fn ready(&mut self, _cx: &Context<Self>) {}

    #[lifetime(ready)]
    fn also_ready(&mut self, _cx: &Context<Self>) {}

    fn reads_only(&self, _cx: &Context<Self>) {}

    fn no_context(&mut self) {}

    fn two_args(&mut self, _cx: &Context<Self>, _a: js_sys::Array, _b: js_sys::Array) {}

    async fn borrows(&mut self) {}

    async fn fine(_this: Handle<Self>) {}
}

fn main() {}
