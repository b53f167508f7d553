'use strict';
// Pending work, what settle() waits for. Each entry is real work (the
// virtual clock runs at wall speed while there is some) or a timer on the
// clock (the virtual clock may skip to it).

/**
 * The host's pending work on `clock`: track(label, { timer }) -> done();
 * done.waiting(true) turns real work into a wait the virtual clock may skip
 * over (a request only waiting for its server or its timeout,
 * apis/network/tasks.js), done.waiting(false) back. schedule(label, fn, ms)
 * runs fn later as tracked work; settle(timeout) waits until none is left;
 * labels() names what is pending.
 */
function createWork(clock) {
  const pending = new Map(); // id -> { label, timer }
  let pendingSeq = 0;
  let busy = 0;
  function track(label, { timer = false } = {}) {
    const id = ++pendingSeq;
    const entry = { label, timer };
    pending.set(id, entry);
    if (!timer) { busy += 1; clock.update(true); }
    const done = () => {
      if (!pending.delete(id) || entry.timer) return;
      busy -= 1;
      clock.update(busy > 0);
    };
    done.waiting = (w) => {
      if (!pending.has(id) || entry.timer === !!w) return;
      entry.timer = !!w;
      busy += w ? -1 : 1;
      clock.update(busy > 0);
    };
    return done;
  }
  /** Runs fn on the next macrotask, or `ms` milliseconds later on the host's clock; settle() waits for it. */
  function schedule(label, fn, ms = 0) {
    const done = track(label, { timer: ms > 0 });
    const run = () => { try { fn(); } finally { done(); } };
    if (ms > 0) clock.setTimeout(run, ms);
    else setImmediate(run); // the next macrotask
  }
  /** Pending work, as labels. */
  const labels = () => [...pending.values()].map((p) => p.label);
  /** Waits until nothing is pending; rejects after `timeout` ms naming what still is. */
  async function settle(timeout) {
    const deadline = Date.now() + timeout;
    for (;;) {
      await new Promise((r) => setImmediate(r)); // lets microtasks and due callbacks run
      if (pending.size === 0) {
        await new Promise((r) => setImmediate(r));
        if (pending.size === 0) return;
      }
      if (Date.now() >= deadline) {
        throw new Error(`settle: still pending after ${timeout} ms: ${labels().join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  return { track, schedule, settle, labels };
}

module.exports = { createWork };
