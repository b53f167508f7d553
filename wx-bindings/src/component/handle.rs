//! What an async handler gets instead of `&mut self`.

use std::rc::Weak;

use super::registry::Entry;
use super::{Component, ComponentError, Context};

/// A component, held by an async handler (or anything else) across
/// awaits. It does not keep the component alive: after WeChat detaches it,
/// [`update`](Self::update) answers [`ComponentError::Detached`] and sends
/// nothing, and the component's memory is already free.
pub struct Handle<C> {
    entry: Weak<Entry<C>>,
}

impl<C> Clone for Handle<C> {
    fn clone(&self) -> Self {
        Handle {
            entry: Weak::clone(&self.entry),
        }
    }
}

impl<C: Component> Handle<C> {
    pub(crate) fn new(entry: Weak<Entry<C>>) -> Self {
        Handle { entry }
    }

    /// Runs `f` on the component's data, then sends what it changed with
    /// `setData` at once (diffed, as after a sync handler).
    ///
    /// `Err(Detached)` when the component is gone (nothing ran);
    /// `Err(Busy)` when called from inside one of its own handlers; an
    /// error sending the changes (`f` ran) otherwise.
    pub fn update<R>(&self, f: impl FnOnce(&mut C, &Context<C>) -> R) -> Result<R, ComponentError> {
        let entry = self.entry.upgrade().ok_or(ComponentError::Detached)?;
        entry.run("update", true, f)
    }

    /// Whether the component is still attached.
    pub fn is_attached(&self) -> bool {
        self.entry.strong_count() > 0
    }
}
