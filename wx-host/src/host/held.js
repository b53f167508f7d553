'use strict';
// What the host holds for the plugin (the run report's `pending`, host.held()):
// callbacks (success/fail/complete) of async and task calls not yet
// delivered or dropped; tasks (request, downloadFile, uploadFile, sockets)
// in flight or queued; the live objects' listener maps (src/objects.js).

function createHeld() {
  let heldCallbacks = 0;
  const heldTasks = new Set();
  const heldObjects = new Set();
  /** Holds the callbacks of `options`; returns release() (idempotent). */
  function holdCallbacks(options) {
    const n = ['success', 'fail', 'complete'].filter((k) => options && typeof options[k] === 'function').length;
    heldCallbacks += n;
    let released = false;
    return () => { if (!released) { released = true; heldCallbacks -= n; } };
  }
  /** Holds a task (label: what it is); returns release() (idempotent). */
  function holdTask(label) {
    const t = { label };
    heldTasks.add(t);
    return () => { heldTasks.delete(t); };
  }
  /**
   * The counts: callbacks, tasks, on* listeners (`listeners`: those on wx,
   * plus those of live objects) and `timers` (the plugin's, not fired or cleared).
   */
  function count(listenerMap, timers) {
    let listeners = 0;
    for (const list of listenerMap.values()) listeners += list.length;
    for (const map of heldObjects) for (const list of map.values()) listeners += list.length;
    return { callbacks: heldCallbacks, tasks: heldTasks.size, listeners, timers };
  }
  return { holdCallbacks, holdTask, heldObjects, count };
}

module.exports = { createHeld };
