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
const { Fail, fail, NOT_SIMULATED, typeName } = require('./errors');

/** The allowlist's calling conventions (its `kind` field). */
const KINDS = ['async', 'task', 'sync', 'factory', 'listener', 'converter'];
/** How an implementation simulates its API (the `simulated` of a registry entry). */
const SIMULATED = ['real', 'stateful', 'scripted'];
// WeChat promisifies async APIs called without callbacks from this base on.
const PROMISE_SINCE = '2.10.2';

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
 *        schedule(label, fn), track(label) -> done, callPlugin(label, fn, ...args), listeners, ... }
 */
function makeConventions(env) {
  const { realm } = env;
  const promiseStyle = compareVersions(env.baseVersion, PROMISE_SINCE) >= 0;
  const asOptions = (o) => (o !== null && typeof o === 'object' ? o : {});
  const notSimulated = () => { throw fail(NOT_SIMULATED); };

  // Runs an implementation now; a Fail becomes the fail result (with its extra fields).
  function outcome(api, run) {
    try {
      return { ok: true, res: { errMsg: `${api}:ok`, ...(run() || {}) } };
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      return { ok: false, res: { errMsg: `${api}:fail ${e.reason}`, ...(e.fields || {}) } };
    }
  }

  // Delivers an async outcome on the next macrotask: success|fail, then complete.
  function deliver(api, rec, options, run, { allowPromise }) {
    const { ok, res } = outcome(api, run);
    const hasCallbacks = ['success', 'fail', 'complete'].some((k) => typeof options[k] === 'function');
    let settlePromise = null;
    const promise = allowPromise && promiseStyle && !hasCallbacks
      ? realm.promise((resolve, reject) => { settlePromise = ok ? resolve : reject; })
      : undefined;
    env.schedule(`${api} callbacks (#${rec.seq})`, () => {
      if (ok) env.finish(rec, 'success', 'result', res);
      else env.finish(rec, 'fail', 'errMsg', res.errMsg);
      const r = realm.toRealm(res);
      if (settlePromise) settlePromise(r);
      env.callPlugin(`${api} ${ok ? 'success' : 'fail'} callback (#${rec.seq})`, options[ok ? 'success' : 'fail'], r);
      env.callPlugin(`${api} complete callback (#${rec.seq})`, options.complete, r);
    });
    return promise;
  }

  /** An async function: impl(options, env) -> result fields, or throws fail(...). */
  function asyncFn(api, impl, { trace = api, allowPromise = true } = {}) {
    return function (options) {
      const rec = env.record(trace, arguments);
      const o = asOptions(options);
      return deliver(api, rec, o, impl ? () => impl(o, env) : notSimulated, { allowPromise });
    };
  }

  /**
   * A task (never promisified): impl(options, env) -> { task, done }, where
   * done resolves to the success fields or rejects with a Fail or an Error
   * whose message is the reason.
   */
  function taskFn(api, impl) {
    if (!impl) {
      return function (options) {
        const rec = env.record(api, arguments);
        deliver(api, rec, asOptions(options), notSimulated, { allowPromise: false });
        const task = realm.object();
        // No-ops: the task never starts, so nothing would ever be reported.
        for (const m of [...TASK_LISTENERS, 'abort', 'send', 'close']) task[m] = () => {};
        return task;
      };
    }
    return function (options) {
      const rec = env.record(api, arguments);
      const o = asOptions(options);
      const { task, done } = impl(o, env);
      const finished = env.track(`${api} (#${rec.seq})`);
      done.then(
        (res) => ({ ok: true, res: { errMsg: `${api}:ok`, ...res } }),
        (e) => ({ ok: false, res: { errMsg: `${api}:fail ${e instanceof Fail ? e.reason : e.message}`, ...((e && e.fields) || {}) } }),
      ).then(({ ok, res }) => {
        try {
          if (ok) env.finish(rec, 'success', 'result', res);
          else env.finish(rec, 'fail', 'errMsg', res.errMsg);
          const r = realm.toRealm(res);
          env.callPlugin(`${api} ${ok ? 'success' : 'fail'} callback (#${rec.seq})`, o[ok ? 'success' : 'fail'], r);
          env.callPlugin(`${api} complete callback (#${rec.seq})`, o.complete, r);
        } finally {
          finished();
        }
      });
      return task;
    };
  }

  /** A sync function (also factories, converters): impl(args, env) -> value; a fail throws an Error "<api>:fail ...". */
  function syncFn(api, impl, { trace = api } = {}) {
    return function (...args) {
      const rec = env.record(trace, arguments);
      try {
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
 * a name implemented twice, so a mistake stops the host at load.
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
  const wx = realm.object();
  for (const { name, kind } of entries) {
    const impl = byName.has(name) ? byName.get(name).impl : null;
    let fn;
    if (kind === 'async') fn = conventions.asyncFn(name, impl);
    else if (kind === 'task') fn = conventions.taskFn(name, impl);
    else if (kind === 'listener') fn = conventions.listenerFn(name);
    else fn = conventions.syncFn(name, impl); // sync, factory, converter
    Object.defineProperty(fn, 'name', { value: name });
    wx[name] = fn;
  }
  const { USER_DATA_PATH } = require('./apis/file');
  const wxEnv = realm.toRealm({ USER_DATA_PATH });
  Object.freeze(wxEnv);
  Object.defineProperty(wx, 'env', { value: wxEnv, enumerable: false });
  return wx;
}

module.exports = {
  makeWx, makeConventions, Fail, NOT_SIMULATED, TASK_LISTENERS, KINDS, SIMULATED,
  checkRegistry, coverage, loadRegistry, isWholeListing, REGISTRY, EVENT_HOOKS, APIS_DIR,
};
