//! [`EventStream`]: the events of a subscription, queued until awaited.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::subscription::Subscription;
use crate::WxError;

/// The events of a subscription: await [`next`](EventStream::next) for
/// each, or poll it as a `futures_core::Stream`. Events queue until taken;
/// dropping the stream unsubscribes.
#[must_use = "`let _ = …` drops the EventStream at once, which unsubscribes: no event is queued. \
              Bind it (`let mut events = …`) and await `events.next()`"]
pub struct EventStream<T> {
    queue: Rc<RefCell<Queue<T>>>,
    _subscription: Subscription,
}

struct Queue<T> {
    items: VecDeque<T>,
    waker: Option<Waker>,
}

impl<T: 'static> EventStream<T> {
    /// Subscribes through `subscribe` (any typed `on_*` function, or an
    /// object's event method) and streams what it delivers:
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), wx_bindings::WxError> {
    /// use wx_bindings::runtime::EventStream;
    /// let changes = EventStream::new(wx_bindings::device::on_network_status_change)?;
    /// # Ok(()) }
    /// ```
    #[must_use = "`let _ = …` drops the EventStream at once, which unsubscribes: no event is queued. \
                  Bind it (`let mut events = …?`) and await `events.next()`"]
    pub fn new<F>(subscribe: F) -> Result<Self, WxError>
    where
        F: FnOnce(Box<dyn FnMut(T)>) -> Result<Subscription, WxError>,
    {
        let queue = Rc::new(RefCell::new(Queue {
            items: VecDeque::new(),
            waker: None,
        }));
        let sink = queue.clone();
        let subscription = subscribe(Box::new(move |item| {
            let mut queue = sink.borrow_mut();
            queue.items.push_back(item);
            if let Some(waker) = queue.waker.take() {
                waker.wake();
            }
        }))?;
        Ok(EventStream {
            queue,
            _subscription: subscription,
        })
    }
}

impl<T> EventStream<T> {
    /// The next event already received, without waiting (`None` when none
    /// is queued).
    pub fn try_next(&mut self) -> Option<T> {
        self.queue.borrow_mut().items.pop_front()
    }

    /// Waits for the next event: the oldest one queued, else the next one
    /// WeChat delivers. No other crate is needed to await one:
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), wx_bindings::WxError> {
    /// use wx_bindings::{device, runtime::EventStream};
    /// let mut changes = EventStream::new(device::on_network_status_change)?;
    /// while let Some(change) = changes.next().await {
    ///     if change.is_connected() {
    ///         break; // dropping `changes` unsubscribes
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// The subscription lasts as long as the stream, so the answer is never
    /// `None` in practice; it is an `Option` to read as the
    /// [`Stream`](futures_core::Stream) impl does. Dropping the future
    /// before it is ready loses no event: it stays queued.
    pub async fn next(&mut self) -> Option<T> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    /// The oldest queued event, or `Pending` with `cx`'s waker kept for the
    /// next one.
    fn poll_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut queue = self.queue.borrow_mut();
        match queue.items.pop_front() {
            Some(item) => Poll::Ready(Some(item)),
            None => {
                queue.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl<T> futures_core::Stream for EventStream<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.get_mut().poll_event(cx)
    }
}

impl<T> std::fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream")
            .field("queued", &self.queue.borrow().items.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Wake;

    use futures_core::Stream;

    use super::*;

    /// A waker that counts its wakes.
    struct Counter(AtomicUsize);

    impl Wake for Counter {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    type Sink = Rc<RefCell<Option<Box<dyn FnMut(u32)>>>>;

    /// A stream over a fake subscription whose handler the test keeps: no
    /// JS involved (its channel is not in the registry, so dropping it
    /// unsubscribes nothing).
    fn stream() -> (EventStream<u32>, Sink) {
        let sink: Sink = Rc::new(RefCell::new(None));
        let keep = sink.clone();
        let stream = EventStream::new(move |handler| {
            *keep.borrow_mut() = Some(handler);
            Ok(Subscription {
                channel: 0,
                subscriber: 0,
            })
        })
        .unwrap();
        (stream, sink)
    }

    fn deliver(sink: &Sink, value: u32) {
        (sink.borrow_mut().as_mut().unwrap())(value);
    }

    #[test]
    fn events_queue_in_order_until_taken() {
        let (mut stream, sink) = stream();
        assert_eq!(stream.try_next(), None);
        for v in [1, 2, 3] {
            deliver(&sink, v);
        }
        assert_eq!(stream.try_next(), Some(1));
        assert_eq!(stream.try_next(), Some(2));
        assert_eq!(stream.try_next(), Some(3));
        assert_eq!(stream.try_next(), None);
    }

    #[test]
    fn a_pending_poll_is_woken_by_the_next_event() {
        let (mut stream, sink) = stream();
        let counter = Arc::new(Counter(AtomicUsize::new(0)));
        let waker = Waker::from(counter.clone());
        let mut cx = Context::from_waker(&waker);
        assert_eq!(Pin::new(&mut stream).poll_next(&mut cx), Poll::Pending);
        assert_eq!(counter.0.load(Ordering::SeqCst), 0);
        deliver(&sink, 42);
        assert_eq!(counter.0.load(Ordering::SeqCst), 1, "woken once");
        assert_eq!(Pin::new(&mut stream).poll_next(&mut cx), Poll::Ready(Some(42)));
        // An event with nobody waiting wakes nothing.
        deliver(&sink, 43);
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
        assert_eq!(Pin::new(&mut stream).poll_next(&mut cx), Poll::Ready(Some(43)));
    }

    #[test]
    fn next_waits_for_an_event_and_takes_queued_ones_first() {
        let (mut stream, sink) = stream();
        let counter = Arc::new(Counter(AtomicUsize::new(0)));
        let waker = Waker::from(counter.clone());
        let mut cx = Context::from_waker(&waker);
        {
            let mut next = std::pin::pin!(stream.next());
            assert_eq!(next.as_mut().poll(&mut cx), Poll::Pending, "nothing queued yet");
            deliver(&sink, 7);
            assert_eq!(counter.0.load(Ordering::SeqCst), 1, "the event wakes the waiting task");
            assert_eq!(next.as_mut().poll(&mut cx), Poll::Ready(Some(7)));
        }
        deliver(&sink, 8);
        deliver(&sink, 9);
        let mut next = std::pin::pin!(stream.next());
        assert_eq!(
            next.as_mut().poll(&mut cx),
            Poll::Ready(Some(8)),
            "queued events first, in order"
        );
    }

    #[test]
    fn a_next_dropped_while_waiting_loses_no_event() {
        let (mut stream, sink) = stream();
        let waker = Waker::from(Arc::new(Counter(AtomicUsize::new(0))));
        let mut cx = Context::from_waker(&waker);
        {
            let mut next = std::pin::pin!(stream.next());
            assert_eq!(next.as_mut().poll(&mut cx), Poll::Pending);
        }
        deliver(&sink, 5);
        assert_eq!(stream.try_next(), Some(5));
    }

    #[test]
    fn a_failed_subscription_is_an_err() {
        let failed = EventStream::<u32>::new(|_| Err(WxError::data("onX", "refused")));
        assert!(matches!(failed, Err(WxError::Data { api: "onX", .. })));
    }
}
