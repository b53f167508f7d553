//! A todo-list component in Rust: a list rendered with `wx:for` keyed by
//! `wx:key`, an input, and add / toggle / remove. The handlers only change
//! the Rust data; the runtime works out what to send, with WeChat's path
//! keys: toggling item 3 sends exactly `{"items[3].done": true}`, adding
//! one to a list of two sends `{"draft": "", "items[2]": {...}}`, and
//! removing one sends the shorter list whole (`setData` cannot delete).
//!
//! The same component in plain JavaScript is
//! `tests/components/js/components/todo-list`; both render the same WXML
//! (the handlers are `on_input`, `on_add`, `on_toggle`, `on_remove` here).

use serde::{Deserialize, Serialize};
use wx_bindings::component::{ComponentError, Context, Event, EventOptions};

/// One item of the list.
#[derive(Serialize, Clone)]
pub struct Todo {
    /// Unique within the list: the `wx:key`, so WeChat moves an item's node
    /// instead of rebuilding the ones after a removal.
    id: u32,
    /// What to do.
    title: String,
    /// Whether it is done (the item gets the class `done`).
    done: bool,
}

/// The list's data: what `todo-list.wxml` reads.
#[derive(Serialize)]
pub struct TodoList {
    /// The items, in order.
    items: Vec<Todo>,
    /// The text of the input, not yet added.
    draft: String,
    /// The id of the next item: Rust-only state, never sent.
    #[serde(skip)]
    next_id: u32,
}

impl Default for TodoList {
    fn default() -> Self {
        TodoList {
            items: Vec::new(),
            draft: String::new(),
            next_id: 1,
        }
    }
}

/// An input event's detail.
#[derive(Deserialize)]
struct Input {
    value: String,
}

/// `data-index="{{index}}"` of the tapped item.
#[derive(Deserialize)]
struct Index {
    index: usize,
}

/// The detail of the `change` event: how many items there are now.
#[derive(Serialize)]
struct Change {
    count: usize,
}

#[wx_bindings::component(name = "todo-list")]
impl TodoList {
    /// `bindinput="on_input"`: keeps the draft.
    fn on_input(&mut self, _cx: &Context<Self>, event: Event) -> Result<(), ComponentError> {
        self.draft = event.detail::<Input>()?.value;
        Ok(())
    }

    /// `bindtap="on_add"`: adds the draft (unless blank) and clears it.
    fn on_add(&mut self, cx: &Context<Self>, _event: Event) -> Result<(), ComponentError> {
        let title = self.draft.trim();
        if title.is_empty() {
            return Ok(());
        }
        let todo = Todo {
            id: self.next_id,
            title: title.to_string(),
            done: false,
        };
        self.next_id += 1;
        self.items.push(todo);
        self.draft.clear();
        self.changed(cx)
    }

    /// `bindtap="on_toggle"` on an item's title: flips its `done`.
    fn on_toggle(&mut self, _cx: &Context<Self>, event: Event) -> Result<(), ComponentError> {
        let Index { index } = event.dataset()?;
        let item = self
            .items
            .get_mut(index)
            .ok_or_else(|| ComponentError::Data(format!("no item {index} to toggle")))?;
        item.done = !item.done;
        Ok(())
    }

    /// `bindtap="on_remove"` on an item's ×: removes it.
    fn on_remove(&mut self, cx: &Context<Self>, event: Event) -> Result<(), ComponentError> {
        let Index { index } = event.dataset()?;
        if index >= self.items.len() {
            return Err(ComponentError::Data(format!("no item {index} to remove")));
        }
        self.items.remove(index);
        self.changed(cx)
    }
}

impl TodoList {
    /// Tells the page how many items there are.
    fn changed(&self, cx: &Context<Self>) -> Result<(), ComponentError> {
        let count = self.items.len();
        cx.trigger_event("change", &Change { count }, EventOptions::default())
    }
}

wx_bindings::components![TodoList];
