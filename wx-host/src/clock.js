'use strict';
// The host's clocks: what the plugin's setTimeout / setInterval (and Date in
// the virtual case), the host's delayed deliveries and `late` faults run on.
//
// - wall: Node's timers; now() is the milliseconds since the host was made.
// - virtual: a clock that never runs slower than the wall clock and skips
//   ahead: while the host has real work pending (callbacks to deliver, HTTP
//   in flight, an open socket — anything but timers) it runs at wall speed;
//   when only timers are pending it jumps to the next one due. A plugin that
//   waits 10 minutes finishes in milliseconds, and a timer still fires in
//   its place among real I/O (a 50 ms timer before a 100 ms response).
//
// Both have the same interface: { virtual, now() (whole ms since the host
// was made), setTimeout(fn, ms),
// setInterval(fn, ms), clear(handle), update(busy), dispose() }; update(busy)
// tells the clock whether real work is pending (the host calls it whenever
// that may have changed). A network task silent for a while counts as a
// timer rather than real work (src/apis/network/tasks.js quietWatch), so its
// timeout — on this clock — can be skipped to.

const { performance } = require('node:perf_hooks');

const CLOCKS = ['wall', 'virtual'];

function createWallClock() {
  const start = Date.now();
  const live = new Set(); // what dispose() clears, so no timer keeps the process up
  return {
    virtual: false,
    now: () => Date.now() - start,
    setTimeout(fn, ms) {
      const handle = setTimeout(() => { live.delete(handle); fn(); }, ms);
      live.add(handle);
      return handle;
    },
    setInterval(fn, ms) {
      const handle = setInterval(fn, ms);
      live.add(handle);
      return handle;
    },
    clear(handle) {
      clearTimeout(handle); // also clears intervals
      live.delete(handle);
    },
    update() {},
    dispose() {
      for (const handle of live) clearTimeout(handle);
      live.clear();
    },
  };
}

function createVirtualClock() {
  let base = 0; // virtual ms at the moment busySince began (or now, when idle)
  let busySince = null; // performance.now() when real work became pending
  const timers = new Map(); // id -> { id, due, fn, every }
  let seq = 0;
  let queued = false; // a check is queued (setImmediate)
  let wake = null; // a real timer for the next due timer while busy
  let disposed = false;

  // Whole milliseconds, as Date.now() gives them.
  const now = () => Math.floor(base + (busySince === null ? 0 : performance.now() - busySince));

  function poke() {
    if (queued || disposed) return;
    queued = true;
    setImmediate(check);
  }
  function next() {
    let first = null;
    for (const t of timers.values()) if (!first || t.due < first.due || (t.due === first.due && t.id < first.id)) first = t;
    return first;
  }
  // One step: fire the first timer that is due; if none is, wait for it at
  // wall speed while busy, or jump to it when idle.
  function check() {
    queued = false;
    if (wake) { clearTimeout(wake); wake = null; }
    if (disposed) return;
    const t = next();
    if (!t) return;
    const at = now();
    if (t.due > at) {
      if (busySince !== null) { wake = setTimeout(check, Math.max(1, Math.ceil(t.due - at))); return; }
      base = t.due; // nothing but timers pending: skip ahead
    }
    if (t.every === null) timers.delete(t.id);
    else t.due += t.every;
    try { t.fn(); } finally { poke(); } // one timer per turn, so microtasks run in between
  }
  function add(fn, ms, every) {
    const id = ++seq;
    timers.set(id, { id, due: now() + ms, fn, every });
    poke();
    return id;
  }
  return {
    virtual: true,
    now,
    setTimeout: (fn, ms) => add(fn, Math.max(0, ms), null),
    // Like Node's, an interval is at least 1 ms, so time moves on.
    setInterval: (fn, ms) => add(fn, Math.max(1, ms), Math.max(1, ms)),
    clear: (id) => { timers.delete(id); },
    update(busy) {
      if (busy && busySince === null) busySince = performance.now();
      else if (!busy && busySince !== null) { base += performance.now() - busySince; busySince = null; }
      poke();
    },
    dispose() {
      disposed = true;
      timers.clear();
      if (wake) { clearTimeout(wake); wake = null; }
    },
  };
}

/** A clock of kind `kind` ("wall" or "virtual"). */
function createClock(kind = 'wall') {
  if (!CLOCKS.includes(kind)) throw new TypeError(`clock must be one of ${CLOCKS.map((c) => JSON.stringify(c)).join(', ')}, got ${JSON.stringify(kind)}`);
  return kind === 'virtual' ? createVirtualClock() : createWallClock();
}

module.exports = { createClock, CLOCKS };
