//! A test-only plugin with three components, driven by
//! `tests/tests/e2e_components.rs` through the four exports of the
//! component protocol with a fake WeChat instance (`setData` and
//! `triggerEvent` recorded): a counter (a property, a tap, an event, a
//! panic), a todo list (diffed paths) and a loader (an async handler that
//! awaits a `wx` call).

use serde::{Deserialize, Serialize};
use wx_bindings::component::{ComponentError, Context, Event, EventOptions, Handle};

/// A counter: `count` is shown, `taps` is Rust-only.
#[derive(Serialize, Default)]
pub struct Counter {
    count: i64,
    label: String,
    #[serde(skip)]
    taps: u32,
}

/// What the page passes to the counter.
#[derive(Deserialize, wx_bindings::Properties)]
pub struct CounterProps {
    #[property(default = 1)]
    step: i64,
    #[property(observer = "label_changed")]
    label: String,
}

#[wx_bindings::component(name = "counter", properties = CounterProps)]
impl Counter {
    #[lifetime]
    fn attached(&mut self, _cx: &Context<Self>) {
        self.label = "ready".into();
    }

    fn increment(&mut self, cx: &Context<Self>, _event: Event) -> Result<(), ComponentError> {
        self.taps += 1;
        self.count += cx.properties()?.step;
        cx.trigger_event(
            "change",
            &self.count,
            EventOptions {
                bubbles: true,
                ..EventOptions::default()
            },
        )
    }

    fn label_changed(&mut self, cx: &Context<Self>) -> Result<(), ComponentError> {
        self.label = cx.properties()?.label.to_uppercase();
        Ok(())
    }

    /// Counts the tap, then panics.
    fn explode(&mut self, _cx: &Context<Self>) {
        self.taps += 1;
        self.count = 1000;
        panic!("the counter exploded");
    }

    /// Sets a number JavaScript cannot hold.
    fn overflow(&mut self, _cx: &Context<Self>) {
        self.count = i64::MAX;
    }

    /// Puts the count back to what JavaScript can hold.
    fn reset(&mut self, _cx: &Context<Self>) {
        self.count = 0;
    }

    fn taps(&mut self, cx: &Context<Self>) -> Result<(), ComponentError> {
        cx.trigger_event("taps", &self.taps, EventOptions::default())
    }
}

/// One todo.
#[derive(Serialize, Deserialize, Clone)]
pub struct Todo {
    title: String,
    done: bool,
}

/// A todo list.
#[derive(Serialize, Default)]
pub struct TodoList {
    items: Vec<Todo>,
}

/// `data-index` of a tapped item.
#[derive(Deserialize)]
struct Index {
    index: usize,
}

/// An input's detail.
#[derive(Deserialize)]
struct Input {
    value: String,
}

#[wx_bindings::component(name = "todo-list")]
impl TodoList {
    fn add(&mut self, _cx: &Context<Self>, event: Event) -> Result<(), ComponentError> {
        let input: Input = event.detail()?;
        self.items.push(Todo {
            title: input.value,
            done: false,
        });
        Ok(())
    }

    fn toggle(&mut self, _cx: &Context<Self>, event: Event) -> Result<(), ComponentError> {
        let Index { index } = event.dataset()?;
        let item = self
            .items
            .get_mut(index)
            .ok_or(ComponentError::Data(format!("no item {index}")))?;
        item.done = !item.done;
        Ok(())
    }

    fn remove(&mut self, _cx: &Context<Self>, event: Event) -> Result<(), ComponentError> {
        let Index { index } = event.dataset()?;
        if index < self.items.len() {
            self.items.remove(index);
        }
        Ok(())
    }
}

/// Loads a stored value, asynchronously.
#[derive(Serialize, Default)]
pub struct Loader {
    state: String,
    value: Option<String>,
}

#[wx_bindings::component(name = "loader")]
impl Loader {
    async fn load(this: Handle<Self>) -> Result<(), ComponentError> {
        this.update(|l, _| l.state = "loading".into())?;
        let stored = wx_bindings::storage::load::<String>("greeting").await;
        this.update(|l, _| match stored {
            Ok(value) => {
                l.state = "done".into();
                l.value = value;
            }
            Err(e) => l.state = format!("error: {e}"),
        })
    }
}

wx_bindings::components![Counter, TodoList, Loader];

/// How many component instances are alive, for the test's leak check.
#[wx_bindings::__private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = wx_bindings::__private::wasm_bindgen)]
pub fn live_instances() -> usize {
    wx_bindings::component::__private::live_instances()
}
