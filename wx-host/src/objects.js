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
  const held = env.heldObjects; // the host's live objects' listener maps (src/host/held.js)
  if (held && events.length) held.add(listeners);
  const faults = objectFaults(env, iface);
  for (const [name, impl] of Object.entries(methods)) {
    if (faults.absent(name)) continue;
    object[name] = function (...args) {
      const rec = env.record(`${iface}.${name}`, arguments);
      const f = faults.take(name, rec);
      if (f && f.fault !== 'late' && f.fault !== 'twice') return faults.instead(name, rec, f, args[0]);
      if (f) args = [faults.wrap(name, rec, f, args[0]), ...args.slice(1)];
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
    if (!faults.absent(`on${event}`)) object[`on${event}`] = function (callback) {
      const rec = env.record(`${iface}.on${event}`, arguments);
      const f = faults.take(`on${event}`, rec);
      if (f) return faults.instead(`on${event}`, rec, f); // throw: the only fault an on* takes
      if (typeof callback === 'function') listeners.get(event).push(callback);
      env.finish(rec, typeof callback === 'function' ? 'registered' : 'ignored');
    };
    if (off && !faults.absent(`off${event}`)) object[`off${event}`] = function (callback) {
      const rec = env.record(`${iface}.off${event}`, arguments);
      const f = faults.take(`off${event}`, rec);
      if (f) return faults.instead(`off${event}`, rec, f);
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

/**
 * The scenario's faults for the methods of one object of `iface`
 * (src/faults.js; "<Interface>.<method>", checked at load against
 * platform.json): absent(name) — a `missing` fault, traced when the object
 * is made; take(name, rec) — this call's fault (noted on its trace record)
 * or null; instead(name, rec, f, options) — what a throw / fail / never
 * fault does instead of the method; wrap(name, rec, f, options) — the
 * options with their success/fail/complete delivered `ms` later (late) or
 * twice (twice), for the method to run with.
 */
// The API name WeChat puts in the errMsg of an object method whose answers
// are not "<method>:…" (SocketTask's send and close answer as the old global
// sendSocketMessage / closeSocket did; apis/network/socket.js answers the same).
const ERRMSG_NAME = { 'SocketTask.send': 'sendSocketMessage', 'SocketTask.close': 'closeSocket' };

function objectFaults(env, iface) {
  const plan = env.faults;
  const { realm } = env;
  const key = (name) => `${iface}.${name}`;
  const isOptions = (o) => o !== null && typeof o === 'object';
  return {
    absent(name) {
      if (!plan || !plan.missing.has(key(name))) return false;
      const rec = env.record(key(name), []);
      rec.fault = 'missing';
      env.finish(rec, 'absent');
      return true;
    },
    take(name, rec) {
      const f = plan && plan.active ? plan.next(key(name)) : null;
      if (f) rec.fault = f.fault;
      return f;
    },
    instead(name, rec, f, options) {
      const o = isOptions(options) ? options : {};
      switch (f.fault) {
        case 'throw':
          env.finish(rec, 'throw', 'errMsg', f.message);
          throw realm.error(f.message);
        case 'fail': {
          // "<method>:fail <reason>" (plus errno / errCode) to fail and complete, on a later macrotask.
          const res = { errMsg: `${ERRMSG_NAME[key(name)] || name}:fail ${f.errMsg}` };
          if (f.errno !== undefined) res.errno = f.errno;
          if (f.errCode !== undefined) res.errCode = f.errCode;
          const release = env.holdCallbacks ? env.holdCallbacks(o) : () => {};
          env.schedule(`${key(name)} callbacks (#${rec.seq})`, () => {
            env.finish(rec, 'fail', 'errMsg', res.errMsg);
            env.callPlugin(`${key(name)} fail callback (#${rec.seq})`, o.fail, realm.toRealm(res));
            env.callPlugin(`${key(name)} complete callback (#${rec.seq})`, o.complete, realm.toRealm(res));
            release();
          });
          return undefined;
        }
        case 'never': // nothing runs and nothing answers: the record stays pending, the callbacks held
          if (env.holdCallbacks) env.holdCallbacks(o);
          return undefined;
        default: throw new Error(`wx-host: fault "${f.fault}" does not apply to ${key(name)}`);
      }
    },
    wrap(name, rec, f, options) {
      if (!isOptions(options)) return options;
      const w = realm.object();
      for (const k of Object.keys(options)) w[k] = options[k];
      for (const k of ['success', 'fail', 'complete']) {
        const fn = options[k];
        if (typeof fn !== 'function') continue;
        const label = `${key(name)} ${k} callback (#${rec.seq}, ${f.fault})`;
        w[k] = f.fault === 'late'
          ? (...a) => { env.schedule(label, () => env.callPlugin(label, fn, ...a), f.ms); }
          : (...a) => { env.callPlugin(label, fn, ...a); env.callPlugin(label, fn, ...a); };
      }
      return w;
    },
  };
}

module.exports = { makeObject };
