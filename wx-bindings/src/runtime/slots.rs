//! The subscribers of one event: ids with handlers, each taken out of its
//! slot while it runs. Plain Rust, apart from the JS side of the registry,
//! so that its rules are unit-tested on the host:
//!
//! * a handler that is running is not there to be run again (an event
//!   raised from inside its own handler skips it);
//! * a subscriber removed while its handler runs gets its handler back
//!   from [`Slots::put_back`], to be dropped by the caller;
//! * removed handlers are handed back, not dropped inside, so the caller
//!   drops them when it no longer borrows the registry (what they capture
//!   may unsubscribe in turn).

/// The subscribers of one event, in subscription order.
pub(crate) struct Slots<H> {
    items: Vec<(u64, Option<H>)>,
}

impl<H> Slots<H> {
    /// No subscribers.
    pub(crate) const fn new() -> Self {
        Slots { items: Vec::new() }
    }

    /// Adds subscriber `id` with its handler, last.
    pub(crate) fn push(&mut self, id: u64, handler: H) {
        self.items.push((id, Some(handler)));
    }

    /// The subscribers' ids, in order (what one event is delivered to).
    pub(crate) fn ids(&self) -> Vec<u64> {
        self.items.iter().map(|(id, _)| *id).collect()
    }

    /// Takes `id`'s handler to run it: `None` when `id` is gone or its
    /// handler is already running.
    pub(crate) fn take(&mut self, id: u64) -> Option<H> {
        self.items.iter_mut().find(|(i, _)| *i == id)?.1.take()
    }

    /// Puts `id`'s handler back after it ran. When `id` left meanwhile the
    /// handler is given back, for the caller to drop.
    pub(crate) fn put_back(&mut self, id: u64, handler: H) -> Option<H> {
        match self.items.iter_mut().find(|(i, _)| *i == id) {
            Some((_, slot)) => {
                *slot = Some(handler);
                None
            }
            None => Some(handler),
        }
    }

    /// Removes subscriber `id` (every one with `None`) and hands back the
    /// handlers removed (none for one that is running: its runner gets it
    /// back from `put_back`).
    pub(crate) fn remove(&mut self, id: Option<u64>) -> Vec<H> {
        let mut removed = Vec::new();
        let mut index = 0;
        while let Some((i, _)) = self.items.get(index) {
            if id.is_none_or(|id| id == *i) {
                let (_, handler) = self.items.remove(index);
                removed.extend(handler);
            } else {
                index += 1;
            }
        }
        removed
    }

    /// How many subscribers there are.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is none.
    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handlers_run_in_order_and_come_back() {
        let mut slots = Slots::new();
        slots.push(1, "a");
        slots.push(2, "b");
        assert_eq!(slots.ids(), [1, 2]);
        assert_eq!(slots.take(1), Some("a"));
        assert_eq!(slots.put_back(1, "a"), None);
        assert_eq!(slots.take(1), Some("a"), "back in its slot");
    }

    #[test]
    fn a_running_handler_is_not_run_again() {
        let mut slots = Slots::new();
        slots.push(7, "h");
        assert_eq!(slots.take(7), Some("h"));
        assert_eq!(slots.take(7), None, "an event raised from inside the handler skips it");
        assert_eq!(slots.len(), 1, "it is still subscribed");
    }

    #[test]
    fn a_subscriber_removed_while_running_gets_its_handler_back_to_drop() {
        let mut slots = Slots::new();
        slots.push(1, String::from("self-unsubscribing"));
        let running = slots.take(1).unwrap();
        // It unsubscribes itself: nothing to hand back, its runner holds it.
        assert_eq!(slots.remove(Some(1)), Vec::<String>::new());
        assert!(slots.is_empty());
        assert_eq!(slots.put_back(1, running), Some(String::from("self-unsubscribing")));
        assert!(slots.is_empty(), "not resurrected");
    }

    #[test]
    fn removing_hands_the_handlers_back_in_order() {
        let mut slots = Slots::new();
        for (id, h) in [(1, "a"), (2, "b"), (3, "c")] {
            slots.push(id, h);
        }
        assert_eq!(slots.remove(Some(2)), ["b"]);
        assert_eq!(slots.ids(), [1, 3]);
        assert_eq!(
            slots.remove(Some(9)),
            Vec::<&str>::new(),
            "an unknown id removes nothing"
        );
        assert_eq!(slots.remove(None), ["a", "c"]);
        assert!(slots.is_empty());
        assert_eq!(slots.take(1), None);
    }
}
