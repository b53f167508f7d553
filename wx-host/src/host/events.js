'use strict';
// Events the host fires to the plugin's wx.on* listeners (--emit, the
// scenario's timed `events`, the simulations).

/**
 * emit(event, payload, extra) fires `event` (an `on*` name) as WeChat would:
 * every callback the plugin registered through wx.<event> (`listeners`)
 * receives `payload` (built in the plugin realm). Recorded in the trace as
 * { api: event, kind: 'event', outcome: 'delivered', listeners: n, ...extra }
 * (`extra`: more fields, a scenario event's `at`). A category's hook
 * (`hooks`, src/wx.js EVENT_HOOKS) may change state first (the network type
 * follows onNetworkStatusChange) or say the event cannot happen now (a
 * sensor event while it is stopped): then no listener hears it, and the
 * record says why. `getEnv` gives the hooks the host's env.
 */
function createEvents({ listeners, record, finish, callPlugin, realm, hooks, getEnv }) {
  function emit(event, payload, extra = {}) {
    const callbacks = [...(listeners.get(event) || [])];
    const rec = record(event, payload === undefined ? [] : [payload]);
    rec.kind = 'event';
    Object.assign(rec, extra);
    rec.listeners = callbacks.length;
    finish(rec, 'delivered');
    const why = hooks[event] ? hooks[event](payload, getEnv()) : undefined;
    if (typeof why === 'string') {
      rec.listeners = 0;
      finish(rec, 'dropped');
      rec.reason = why;
      return 0;
    }
    for (const callback of callbacks) callPlugin(`${event} listener`, callback, realm.toRealm(payload));
    return callbacks.length;
  }
  return { emit };
}

module.exports = { createEvents };
