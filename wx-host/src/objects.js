'use strict';
// Objects a simulated API returns (tasks, managers): methods traced as
// "<Interface>.<method>", and on*/off* events the simulation fires.

/**
 * An object of interface `iface` in the plugin realm, with `methods`
 * ({ name: (args, object) => value }) and the events `events` (names
 * without on/off: "HeadersReceived" gives onHeadersReceived and
 * offHeadersReceived; `off: false` for interfaces with on* only, as
 * BackgroundAudioManager). Returns { object, emit(event, payload),
 * retire() }: retire() says the host will fire no more events on it (a
 * finished task), so its listeners no longer count as held
 * (env.heldObjects, the run report's `pending.listeners`).
 */
function makeObject(env, iface, methods, events = [], { off = true } = {}) {
  const object = env.realm.object();
  const listeners = new Map(events.map((e) => [e, []]));
  const held = env.heldObjects; // the host's live objects' listener maps (src/host.js held())
  if (held && events.length) held.add(listeners);
  for (const [name, impl] of Object.entries(methods)) {
    object[name] = function (...args) {
      const rec = env.record(`${iface}.${name}`, arguments);
      try {
        const value = impl(args, object);
        env.finish(rec, 'return', 'result', value);
        return value === undefined ? undefined : env.realm.toRealm(value);
      } catch (e) {
        env.finish(rec, 'throw', 'errMsg', String(e && e.message));
        throw env.realm.error(String(e && e.message));
      }
    };
  }
  for (const event of events) {
    object[`on${event}`] = function (callback) {
      const rec = env.record(`${iface}.on${event}`, arguments);
      if (typeof callback === 'function') listeners.get(event).push(callback);
      env.finish(rec, typeof callback === 'function' ? 'registered' : 'ignored');
    };
    if (off) object[`off${event}`] = function (callback) {
      const rec = env.record(`${iface}.off${event}`, arguments);
      const list = listeners.get(event);
      listeners.set(event, typeof callback === 'function' ? list.filter((f) => f !== callback) : []);
      env.finish(rec, 'unregistered');
    };
  }
  function emit(event, payload) {
    const callbacks = [...(listeners.get(event) || [])];
    const rec = env.record(`${iface}.on${event}`, payload === undefined ? [] : [payload]);
    rec.kind = 'event';
    rec.listeners = callbacks.length;
    env.finish(rec, 'delivered');
    for (const callback of callbacks) env.callPlugin(`${iface}.on${event} listener`, callback, env.realm.toRealm(payload));
  }
  const retire = () => { if (held) held.delete(listeners); };
  return { object, emit, retire };
}

module.exports = { makeObject };
