'use strict';
// The `wx` object a plugin sees: one function per allowed API, each with
// WeChat's calling convention for its kind. A few APIs behave for real;
// every other one answers "not simulated yet" in the shape its kind expects.

const { compareVersions } = require('./version');
const network = require('./apis/network');
const media = require('./apis/media');

/** A WeChat failure: becomes "<api>:fail <reason>". */
class Fail extends Error {
  constructor(reason) { super(reason); this.reason = reason; }
}
const fail = (reason) => new Fail(reason);
const NOT_SIMULATED = 'not simulated yet';

function typeName(v) {
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'Array';
  const t = typeof v;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function needString(options, field) {
  const v = options[field];
  if (typeof v !== 'string') throw fail(`parameter error: parameter.${field} should be String instead of ${typeName(v)};`);
  return v;
}

function needKey(key) {
  if (typeof key !== 'string') throw fail(`parameter error: parameter.key should be String instead of ${typeName(key)};`);
  if (key === '') throw fail('parameter error: parameter.key should not be empty;');
  return key;
}

function toJson(data) {
  let json;
  try { json = JSON.stringify(data); } catch (e) { throw fail(`parameter error: parameter.data is not JSON data (${e.message})`); }
  if (json === undefined) throw fail(`parameter error: parameter.data should be JSON data instead of ${typeName(data)};`);
  return json;
}

function isArrayBuffer(v) {
  return Object.prototype.toString.call(v) === '[object ArrayBuffer]';
}

// ---- real implementations ------------------------------------------------
// async: (options, env) => result fields (or throw fail(...))
// sync:  (args, env) => return value

function systemInfo(env) {
  return {
    brand: 'devtools', model: 'iPhone 12/13 (Pro)', pixelRatio: 3,
    screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 844,
    statusBarHeight: 47, language: 'zh_CN', version: '8.0.5', system: 'iOS 10.0.1',
    platform: 'devtools', fontSizeSetting: 16, SDKVersion: env.baseVersion, benchmarkLevel: 1,
  };
}

function storageSet(env, key, data) {
  const reason = env.storage.set(needKey(key), toJson(data));
  if (reason) throw fail(reason);
}

const ASYNC = {
  getSystemInfo: (o, env) => systemInfo(env),
  showToast: (o, env) => {
    env.ui.toast = { title: needString(o, 'title'), icon: o.icon || 'success', duration: o.duration || 1500 };
    env.ui.loading = null; // WeChat shows one of the two at a time
  },
  hideToast: (o, env) => { env.ui.toast = null; },
  showLoading: (o, env) => {
    env.ui.loading = { title: needString(o, 'title') };
    env.ui.toast = null;
  },
  hideLoading: (o, env) => { env.ui.loading = null; },
  showModal: (o, env) => {
    // The answer is scripted by the host's `modal` option; without a cancel
    // button the user can only confirm.
    const confirm = o.showCancel === false || env.modal.confirm !== false;
    env.ui.modals.push({ title: o.title || '', content: o.content || '', confirm });
    return { confirm, cancel: !confirm };
  },
  setStorage: (o, env) => { storageSet(env, o.key, o.data); },
  getStorage: (o, env) => {
    const json = env.storage.get(needKey(o.key));
    if (json === undefined) throw fail('data not found');
    return { data: env.realm.parse(json) };
  },
  removeStorage: (o, env) => { env.storage.remove(needKey(o.key)); },
  clearStorage: (o, env) => { env.storage.clear(); },
  getStorageInfo: (o, env) => env.storage.info(),
};

const SYNC = {
  getSystemInfoSync: (args, env) => systemInfo(env),
  getRecorderManager: (args, env) => media.getRecorderManager(env),
  setStorageSync: ([key, data], env) => { storageSet(env, key, data); },
  getStorageSync: ([key], env) => {
    const json = env.storage.get(needKey(key));
    return json === undefined ? '' : env.realm.parse(json);
  },
  removeStorageSync: ([key], env) => { env.storage.remove(needKey(key)); },
  clearStorageSync: (args, env) => { env.storage.clear(); },
  getStorageInfoSync: (args, env) => env.storage.info(),
  arrayBufferToBase64: ([buf]) => {
    if (!isArrayBuffer(buf)) throw fail(`parameter error: arrayBuffer should be ArrayBuffer instead of ${typeName(buf)};`);
    return Buffer.from(buf).toString('base64');
  },
  base64ToArrayBuffer: ([b64], env) => {
    if (typeof b64 !== 'string') throw fail(`parameter error: base64 should be String instead of ${typeName(b64)};`);
    const bytes = Buffer.from(b64, 'base64');
    const ab = new env.realm.ArrayBuffer(bytes.length); // a sandbox-realm ArrayBuffer
    new env.realm.Uint8Array(ab).set(bytes);
    return ab;
  },
};

// Methods of the task objects returned by request/downloadFile/uploadFile/connectSocket.
const TASK_LISTENERS = [
  'onHeadersReceived', 'offHeadersReceived', 'onProgressUpdate', 'offProgressUpdate',
  'onOpen', 'onClose', 'onError', 'onMessage',
];

// ---- calling conventions ---------------------------------------------------

/**
 * env: { realm, storage, baseVersion, modal, ui, listeners,
 *        record(api, args) -> rec, finish(rec, outcome, field, value),
 *        schedule(label, fn), track(label) -> done, callPlugin(label, fn, ...args) }
 */
function makeWx(entries, env) {
  const { realm } = env;
  const promiseStyle = compareVersions(env.baseVersion, '2.10.2') >= 0;

  // Delivers an async outcome on the next macrotask: success|fail, then complete.
  function deliver(api, rec, options, run, { allowPromise }) {
    let res;
    let ok = true;
    try {
      res = { errMsg: `${api}:ok`, ...(run() || {}) };
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      ok = false;
      res = { errMsg: `${api}:fail ${e.reason}` };
    }
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

  const asOptions = (o) => (o !== null && typeof o === 'object' ? o : {});
  const notSimulated = () => { throw fail(NOT_SIMULATED); };

  function asyncFn(api, impl) {
    return function (options) {
      const rec = env.record(api, arguments);
      const o = asOptions(options);
      return deliver(api, rec, o, impl ? () => impl(o, env) : notSimulated, { allowPromise: true });
    };
  }

  // Task APIs are never promisified; they return a task object at once.
  const TASKS = { request: network.request, downloadFile: network.downloadFile, connectSocket: network.connectSocket };
  function taskFn(api) {
    if (TASKS[api]) {
      return function (options) {
        const rec = env.record(api, arguments);
        const o = asOptions(options);
        const { task, done } = TASKS[api](o, env);
        const finished = env.track(`${api} (#${rec.seq})`);
        done.then(
          (res) => ({ ok: true, res: { errMsg: `${api}:ok`, ...res } }),
          (e) => ({ ok: false, res: { errMsg: `${api}:fail ${e.message}` } }),
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
    return function (options) {
      const rec = env.record(api, arguments);
      deliver(api, rec, asOptions(options), notSimulated, { allowPromise: false });
      const task = realm.object();
      task.abort = () => {};
      // No-ops: the task never starts, so nothing would ever be reported.
      for (const m of [...TASK_LISTENERS, 'send', 'close']) task[m] = () => {};
      return task;
    };
  }

  function syncFn(api, impl) {
    return function (...args) {
      const rec = env.record(api, arguments);
      try {
        if (!impl) throw fail(NOT_SIMULATED);
        const value = impl(args, env);
        env.finish(rec, 'return', 'result', value);
        return realm.toRealm(value);
      } catch (e) {
        const msg = e instanceof Fail ? `${api}:fail ${e.reason}` : String(e && e.message);
        env.finish(rec, 'throw', 'errMsg', msg);
        throw realm.error(msg);
      }
    };
  }

  // on* stores the callback (nothing fires it); off* removes it.
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

  const wx = realm.object();
  for (const { name, kind } of entries) {
    let fn;
    if (SYNC[name]) fn = syncFn(name, SYNC[name]);
    else if (ASYNC[name]) fn = asyncFn(name, ASYNC[name]);
    else if (kind === 'async') fn = asyncFn(name, null);
    else if (kind === 'task') fn = taskFn(name);
    else if (kind === 'listener') fn = listenerFn(name);
    else fn = syncFn(name, null); // sync, factory, unknown converter
    Object.defineProperty(fn, 'name', { value: name });
    wx[name] = fn;
  }
  return wx;
}

// ---- registry -----------------------------------------------------------------

// What each implemented API is on WeChat, and how the host simulates it:
// 'real' does the real thing here, 'stateful' is a simulated object with state.
const KIND_OF_SYNC = { arrayBufferToBase64: 'converter', base64ToArrayBuffer: 'converter', getRecorderManager: 'factory' };
const STATEFUL = new Set(['getRecorderManager']);
const REGISTRY = [
  ...Object.keys(ASYNC).map((name) => ({ name, kind: 'async', simulated: 'real' })),
  ...Object.keys(SYNC).map((name) => ({ name, kind: KIND_OF_SYNC[name] || 'sync', simulated: STATEFUL.has(name) ? 'stateful' : 'real' })),
  ...['request', 'downloadFile', 'connectSocket'].map((name) => ({ name, kind: 'task', simulated: 'real' })),
];

/**
 * Throws when an implementation disagrees with the allowlist about an
 * API's calling convention (its kind): the host would answer it wrongly.
 */
function checkRegistry(entries) {
  const kinds = new Map(entries.map((e) => [e.name, e.kind]));
  const wrong = REGISTRY.filter((r) => kinds.has(r.name) && kinds.get(r.name) !== r.kind)
    .map((r) => `${r.name} is implemented as ${r.kind} but the allowlist says ${kinds.get(r.name)}`);
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

module.exports = { makeWx, Fail, NOT_SIMULATED, TASK_LISTENERS, checkRegistry, coverage, REGISTRY };
