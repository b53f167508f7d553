// A component name is a folder and a plugin.json key: lower-case letters, digits and `-`.
use serde::Serialize;
use wx_bindings::component::Context;

#[derive(Serialize, Default)]
pub struct TodoList {}

#[wx_bindings::component(name = "TodoList")]
impl TodoList {
    fn add(&mut self, _cx: &Context<Self>) {}
}

fn main() {}
