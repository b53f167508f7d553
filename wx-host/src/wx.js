'use strict';
// The `wx` object a plugin sees: one function per allowed API, each with
// WeChat's calling convention for its kind. The implementations live in
// apis/<category>.js, one file per API category of the allowlist listing
// (the doc URL's path: base, ui, storage, network, media, file, device, ...);
// this file only has the conventions and builds the registry from those
// files. An API without an implementation answers "not simulated yet" in
// the shape its kind expects.

const fs = require('node:fs');
const path = require('node:path');
const { compareVersions } = require('./version');
const { Fail, fail, NOT_SIMULATED, Raw } = require('./errors');
const { typeName } = require('./validate');
const { makeObject } = require('./objects');
const { makeFaultPlan } = require('./faults');
const { USER_DATA_PATH } = require('./files/sandbox');
// The host's tasks' interfaces, for a task that never starts.
const { TASK_OBJECTS } = require('./data/tasks');

/** The allowlist's calling conventions (its `kind` field). */
const KINDS = ['async', 'task', 'sync', 'factory', 'listener', 'converter'];
/** How an implementation simulates its API (the `simulated` of a registry entry). */
const SIMULATED = ['real', 'stateful', 'scripted'];
// WeChat promisifies async APIs called without callbacks from this base on (platform.json).
const { PROMISE_SINCE } = require('./platform');

// Methods of the task objects returned by request/downloadFile/uploadFile/connectSocket.
const TASK_LISTENERS = [
  'onHeadersReceived', 'offHeadersReceived', 'onProgressUpdate', 'offProgressUpdate',
  'onOpen', 'onClose', 'onError', 'onMessage',
];

// ---- calling conventions ---------------------------------------------------

/**
 * WeChat's calling conventions bound to one host's env, so wx functions and
 * the methods of simulated objects (FileSystemManager.readFile, ...) answer
 * alike. Each maker takes the API name used in errMsg ("readFile") and, as
 * `trace`, the name recorded in the trace ("FileSystemManager.readFile").
 *
 * env: { realm, baseVersion, record(api, args) -> rec, finish(rec, outcome, field, value),
 *        schedule(label, fn, delayMs = 0), track(label) -> done, callPlugin(label, fn, ...args),
 *        listeners, faults (src/faults.js makeFaultPlan), ... }
 */
function makeConventions(env) {
  const { realm } = env;
  const promiseStyle = compareVersions(env.baseVersion, PROMISE_SINCE) >= 0;
  const asOptions = (o) => (o !== null && typeof o === 'object' ? o : {});
  const notSimulated = () => { throw fail(NOT_SIMULATED); };

  // Runs an implementation now; a Fail becomes the fail result (with its extra fields).
  // An implementation may answer later (startRecord answers when the
  // recording stops): it returns a host Promise of the fields, and the
  // outcome is a promise too.
  function outcome(api, run) {
    const failed = (e) => {
      if (!(e instanceof Fail)) throw e;
      return { ok: false, res: { errMsg: `${api}:fail ${e.reason}`, ...(e.fields || {}) } };
    };
    try {
      const fields = run();
      if (fields instanceof Raw) return { ok: true, res: fields.value };
      if (fields instanceof Promise) return fields.then((f) => ({ ok: true, res: { errMsg: `${api}:ok`, ...(f || {}) } }), failed);
      return { ok: true, res: { errMsg: `${api}:ok`, ...(fields || {}) } };
    } catch (e) {
      return failed(e);
    }
  }
  // A scenario's `fail` fault (src/faults.js) as a Fail: its reason, errno and errCode.
  const faultFail = (f) => fail(f.errMsg, f.errno === undefined && f.errCode === undefined ? undefined
    : { ...(f.errno === undefined ? {} : { errno: f.errno }), ...(f.errCode === undefined ? {} : { errCode: f.errCode }) });
  const hasCallbacks = (options) => ['success', 'fail', 'complete'].some((k) => typeof options[k] === 'function');

  /**
   * Delivers an async outcome ({ ok, res }) on a later macrotask (`delay` ms
   * later, on the host's clock): success|fail, then complete; `times` such
   * deliveries (a `twice` fault), though a promise settles once.
   */
  function deliver(api, rec, options, answer, { allowPromise, times = 1, delay = 0 }) {
    const release = hold(options);
    let settle = null;
    const promise = allowPromise && promiseStyle && !hasCallbacks(options)
      ? realm.promise((resolve, reject) => { settle = { resolve, reject }; })
      : undefined;
    if (answer instanceof Promise) {
      // A later answer: a timer-like wait (the virtual clock may skip ahead), then delivered as any.
      const done = env.track(`${api} (#${rec.seq}) answering later`, { timer: true });
      answer.then((a) => { done(); send(a); }, (e) => { done(); env.recordError(`${api} (#${rec.seq})`, e); });
    } else {
      send(answer);
    }
    return promise;
    function send({ ok, res }) {
    const settlePromise = settle && (ok ? settle.resolve : settle.reject);
    env.schedule(`${api} callbacks (#${rec.seq})`, () => {
      if (ok) env.finish(rec, 'success', 'result', res);
      else env.finish(rec, 'fail', 'errMsg', res.errMsg);
      if (settlePromise) settlePromise(realm.toRealm(res));
      // (a raw answer, see errors.js Raw, is a plain value)
      for (let i = 0; i < times; i++) {
        const r = realm.toRealm(res);
        env.callPlugin(`${api} ${ok ? 'success' : 'fail'} callback (#${rec.seq})`, options[ok ? 'success' : 'fail'], r);
        env.callPlugin(`${api} complete callback (#${rec.seq})`, options.complete, r);
      }
      release();
    }, delay);
    }
  }

  // Holds a call's success/fail/complete until delivered (the run report's pending.callbacks).
  const hold = (options) => (env.holdCallbacks ? env.holdCallbacks(options) : () => {});

  // The scenario's fault for this call (or null), noted on its trace record.
  function takeFault(fault, rec) {
    const f = fault ? fault() : null;
    if (f) rec.fault = f.fault;
    return f;
  }

  /**
   * An async function: impl(options, env) -> result fields, or throws fail(...).
   * `fault` (wx functions only) -> the scenario's fault for this call or null.
   */
  function asyncFn(api, impl, { trace = api, allowPromise = true, fault = null } = {}) {
    return function (options) {
      const rec = env.record(trace, arguments);
      const f = takeFault(fault, rec);
      const o = asOptions(options);
      const run = impl ? () => impl(o, env) : notSimulated;
      if (!f) return deliver(api, rec, o, outcome(api, run), { allowPromise });
      switch (f.fault) {
        case 'fail': return deliver(api, rec, o, outcome(api, () => { throw faultFail(f); }), { allowPromise });
        case 'throw':
          env.finish(rec, 'throw', 'errMsg', f.message);
          throw realm.error(f.message);
        case 'twice': return deliver(api, rec, o, outcome(api, run), { allowPromise, times: 2 });
        case 'late': return deliver(api, rec, o, outcome(api, run), { allowPromise, delay: f.ms });
        case 'wrongShape': return deliver(api, rec, o, { ok: true, res: f.result }, { allowPromise });
        case 'never': // nothing runs and nothing answers (its callbacks stay held); a promise stays pending
          hold(o);
          return allowPromise && promiseStyle && !hasCallbacks(o) ? realm.promise(() => {}) : undefined;
        default: throw new Error(`wx-host: fault "${f.fault}" does not apply to ${api}`);
      }
    };
  }

  // A task that never started (not simulated, or a fail / never fault): its
  // methods do nothing. The host's four tasks keep their interface's methods
  // and events (traced as "RequestTask.abort", ...).
  function idleTask(api) {
    const shape = TASK_OBJECTS[api];
    if (shape) {
      const [iface, methods, events] = shape;
      return makeObject(env, iface, Object.fromEntries(methods.map((m) => [m, () => undefined])), events).object;
    }
    const task = realm.object();
    for (const m of [...TASK_LISTENERS, 'abort', 'send', 'close']) task[m] = () => {};
    return task;
  }

  /**
   * A task (never promisified): impl(options, env) -> { task, done, aborted? }, where
   * done resolves to the success fields or rejects with a Fail or an Error
   * whose message is the reason, and `aborted` (an AbortSignal) fires when
   * the plugin calls the task's abort(). `fault` as for asyncFn: fail and never
   * start nothing; late delays the answer, unless the plugin aborts first.
   */
  function taskFn(api, impl, { fault = null } = {}) {
    return function (options) {
      const rec = env.record(api, arguments);
      const f = takeFault(fault, rec);
      const o = asOptions(options);
      if (f && f.fault === 'never') { hold(o); return idleTask(api); }
      if (f && f.fault === 'fail') {
        deliver(api, rec, o, outcome(api, () => { throw faultFail(f); }), { allowPromise: false });
        return idleTask(api);
      }
      const delay = f && f.fault === 'late' ? f.ms : 0;
      if (!impl) {
        // No-ops: the task never starts, so nothing would ever be reported.
        deliver(api, rec, o, outcome(api, notSimulated), { allowPromise: false, delay });
        return idleTask(api);
      }
      const release = hold(o);
      // ctl.waiting(bool): the task only waits (for its server or its timeout), or works again.
      let finished = null;
      let waiting = false;
      const ctl = { waiting: (w) => { waiting = !!w; if (finished) finished.waiting(waiting); } };
      const { task, done, aborted } = impl(o, env, ctl);
      finished = env.track(`${api} (#${rec.seq})`);
      if (waiting) finished.waiting(true);
      done.then(
        (res) => ({ ok: true, res: { errMsg: `${api}:ok`, ...res } }),
        (e) => ({ ok: false, res: { errMsg: `${api}:fail ${e instanceof Fail ? e.reason : e.message}`, ...((e && e.fields) || {}) } }),
      ).then(({ ok, res }) => {
        let answered = false;
        const answer = () => {
          if (answered) return;
          answered = true;
          // Aborted by the plugin before its answer was delivered (under a
          // `late` fault, while the answer waits): "fail abort" and nothing
          // else, as for a task aborted in flight.
          if (aborted && aborted.aborted) { ok = false; res = { errMsg: `${api}:fail abort` }; }
          if (ok) env.finish(rec, 'success', 'result', res);
          else env.finish(rec, 'fail', 'errMsg', res.errMsg);
          const r = realm.toRealm(res);
          env.callPlugin(`${api} ${ok ? 'success' : 'fail'} callback (#${rec.seq})`, o[ok ? 'success' : 'fail'], r);
          env.callPlugin(`${api} complete callback (#${rec.seq})`, o.complete, r);
          release();
        };
        if (delay > 0 && !(aborted && aborted.aborted)) {
          // An abort() while the late answer waits answers at once; the late timer then finds it answered.
          const later = env.track(`${api} callbacks (#${rec.seq}, late)`, { timer: true });
          const timer = env.clock.setTimeout(() => { try { answer(); } finally { later(); } }, delay);
          if (aborted) aborted.addEventListener('abort', () => { env.clock.clear(timer); try { answer(); } finally { later(); } }, { once: true });
          finished();
          return;
        }
        try { answer(); } finally { finished(); }
      });
      return task;
    };
  }

  /**
   * A sync function (also factories, converters): impl(args, env) -> value;
   * a fail throws an Error "<api>:fail ..."; `fault` as for asyncFn (fail
   * and throw, instead of running impl).
   */
  function syncFn(api, impl, { trace = api, fault = null } = {}) {
    return function (...args) {
      const rec = env.record(trace, arguments);
      const f = takeFault(fault, rec);
      try {
        if (f && f.fault === 'fail') throw faultFail(f);
        if (f && f.fault === 'throw') throw new Error(f.message);
        if (!impl) throw fail(NOT_SIMULATED);
        const value = impl(args, env);
        env.finish(rec, 'return', 'result', value);
        return realm.toRealm(value);
      } catch (e) {
        const msg = e instanceof Fail ? `${api}:fail ${e.reason}` : String(e && e.message);
        env.finish(rec, 'throw', 'errMsg', msg);
        const error = realm.error(msg);
        if (e instanceof Fail && e.fields) Object.assign(error, e.fields); // e.g. errCode, as the fail result has it
        throw error;
      }
    };
  }

  /** on* stores the callback (host.emit fires it); off* removes it. */
  function listenerFn(api) {
    const isOff = api.startsWith('off');
    const event = isOff ? `on${api.slice(3)}` : api;
    return function (callback) {
      const rec = env.record(api, arguments);
      const list = env.listeners.get(event) || [];
      if (isOff) {
        env.listeners.set(event, typeof callback === 'function' ? list.filter((f) => f !== callback) : []);
        env.finish(rec, 'unregistered');
      } else if (typeof callback === 'function') {
        env.listeners.set(event, [...list, callback]);
        env.finish(rec, 'registered');
      } else {
        env.finish(rec, 'ignored', 'errMsg', `${api}:fail parameter error: callback should be Function instead of ${typeName(callback)}`);
      }
    };
  }

  return { asyncFn, taskFn, syncFn, listenerFn };
}

// ---- registry -----------------------------------------------------------------

const APIS_DIR = path.join(__dirname, 'apis');

/**
 * Reads every apis/<category>.js: each exports `entries`, one per API it
 * implements, { name, kind, simulated, impl }, and optionally `events`
 * ({ onEvent: (payload, env) => void }, state changes when the host fires
 * that event). Returns { registry, events }; registry entries gain
 * `category` (the file's name) and `file`. Throws on a malformed entry or
 * a name implemented twice, so a mistake stops the host at load. The
 * folders under apis/ are the categories' subsystems: each category file
 * requires its own.
 */
function loadRegistry(dir = APIS_DIR) {
  const registry = [];
  const events = {};
  const where = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    const category = file.slice(0, -3);
    const full = path.join(dir, file);
    const mod = require(full);
    if (!Array.isArray(mod.entries)) throw new Error(`wx-host: ${full} must export \`entries\`, an array of { name, kind, simulated, impl }`);
    for (const [i, e] of mod.entries.entries()) {
      const at = `${full} entries[${i}]${e && typeof e.name === 'string' ? ` (${e.name})` : ''}`;
      if (!e || typeof e.name !== 'string' || e.name === '') throw new Error(`wx-host: ${at}: "name" must be an API name`);
      if (!KINDS.includes(e.kind)) throw new Error(`wx-host: ${at}: "kind" must be one of ${KINDS.join(', ')}`);
      if (!SIMULATED.includes(e.simulated)) throw new Error(`wx-host: ${at}: "simulated" must be one of ${SIMULATED.join(', ')}`);
      if (typeof e.impl !== 'function') throw new Error(`wx-host: ${at}: "impl" must be a function`);
      if (where.has(e.name)) throw new Error(`wx-host: ${e.name} is implemented twice, in ${where.get(e.name)} and ${full}`);
      where.set(e.name, full);
      registry.push({ name: e.name, kind: e.kind, simulated: e.simulated, impl: e.impl, category, file: full });
    }
    for (const [event, hook] of Object.entries(mod.events || {})) events[event] = hook;
  }
  return { registry, events };
}

const { registry: REGISTRY, events: EVENT_HOOKS } = loadRegistry();

/**
 * Whether `entries` (normalized) are the whole listing of `wx-allowlist
 * --json` rather than a hand-made subset (as tests use): the listing gives
 * every entry a `category` (null for the legacy names). Only against the
 * whole listing is an implementation missing from it a mistake.
 */
function isWholeListing(entries) {
  return entries.length > 0 && entries.every((e) => e.category !== undefined);
}

/**
 * Throws when an implementation disagrees with the allowlist: a kind
 * (calling convention) other than the allowlist's, a category file other
 * than the API's category, or — against the whole listing — a name the
 * allowlist does not have (a typo, or an API plugins may not call). The host
 * would otherwise answer an API wrongly or carry dead code.
 * `complete` defaults to isWholeListing(entries).
 */
function checkRegistry(entries, { registry = REGISTRY, complete = isWholeListing(entries) } = {}) {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const wrong = [];
  for (const r of registry) {
    const e = byName.get(r.name);
    if (!e) {
      if (complete) wrong.push(`${r.name} is implemented (in ${path.basename(r.file || '?')}) but is not on the allowlist`);
      continue;
    }
    if (e.kind !== r.kind) wrong.push(`${r.name} is implemented as ${r.kind} but the allowlist says ${e.kind}`);
    if (typeof e.category === 'string' && r.category && e.category !== r.category) {
      wrong.push(`${r.name} is implemented in apis/${r.category}.js but its category is ${e.category}`);
    }
  }
  if (wrong.length) throw new Error(`wx-host's implementations disagree with the allowlist: ${wrong.join('; ')}`);
}

/**
 * How the host simulates each API of the allowlist: { name, kind, simulated }
 * with simulated 'real', 'stateful', 'scripted' (listeners: their events come
 * from --emit) or 'not yet' (answers "<api>:fail not simulated yet").
 */
function coverage(entries) {
  const byName = new Map(REGISTRY.map((r) => [r.name, r]));
  return entries.map(({ name, kind }) => ({
    name,
    kind,
    simulated: byName.has(name) ? byName.get(name).simulated : kind === 'listener' ? 'scripted' : 'not yet',
  }));
}

/**
 * Builds the plugin's `wx`: for each exposed allowlist entry, a function in
 * the convention of its kind, backed by the registry's implementation when
 * there is one. Also sets env.conventions, which the simulated objects use
 * for their methods. `wx.env` (USER_DATA_PATH) is there too, non-enumerable
 * so that Object.keys(wx) lists exactly the exposed functions.
 */
function makeWx(entries, env) {
  const { realm } = env;
  const conventions = makeConventions(env);
  env.conventions = conventions;
  const byName = new Map(REGISTRY.map((r) => [r.name, r]));
  const plan = env.faults || makeFaultPlan();
  const wx = realm.object();
  for (const { name, kind } of entries) {
    const impl = byName.has(name) ? byName.get(name).impl : null;
    const fault = plan.active ? () => plan.next(name) : null; // the scenario's faults for this API's calls
    let fn;
    if (kind === 'async') fn = conventions.asyncFn(name, impl, { fault });
    else if (kind === 'task') fn = conventions.taskFn(name, impl, { fault });
    else if (kind === 'listener') fn = conventions.listenerFn(name);
    else fn = conventions.syncFn(name, impl, { fault }); // sync, factory, converter
    Object.defineProperty(fn, 'name', { value: name });
    wx[name] = fn;
  }
  const wxEnv = realm.toRealm({ USER_DATA_PATH });
  Object.freeze(wxEnv);
  Object.defineProperty(wx, 'env', { value: wxEnv, enumerable: false });
  return wx;
}

module.exports = {
  makeWx, makeConventions, Fail, NOT_SIMULATED, TASK_LISTENERS, KINDS, SIMULATED,
  checkRegistry, coverage, loadRegistry, isWholeListing, REGISTRY, EVENT_HOOKS, APIS_DIR,
};
