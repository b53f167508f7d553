// A handler's argument and return type, and a property's default, are checked by the compiler
// with messages in the component's words.
use serde::{Deserialize, Serialize};
use wx_bindings::component::Context;

#[derive(Serialize, Default)]
pub struct Counter {
    count: i64,
}

#[derive(Deserialize, wx_bindings::Properties)]
pub struct CounterProps {
    #[property(default = "one")]
    step: i64,
}

#[wx_bindings::component(name = "counter", properties = CounterProps)]
impl Counter {
    fn takes_a_number(&mut self, _cx: &Context<Self>, _n: u32) {}

    fn returns_a_number(&mut self, _cx: &Context<Self>) -> u32 {
        1
    }
}

fn main() {}
