'use strict';
// What wx.request, downloadFile and uploadFile share: the request queue
// (WeChat's limit of requests at once), the timeout, the virtual clock's
// quiet watch, the held-task count, the domain check of a URL, and the
// reason a failed fetch gives.

const { fail } = require('../../errors');
const { typeName } = require('../../validate');
const { LOOPBACK, LOOPBACK_ONLY, originKey } = require('../../net');

/**
 * A place in the host's request queue (env.state.requestSlots): wait(signal)
 * resolves when the request may be sent (at once while fewer than the limit
 * are in flight, else in FIFO order as slots free) and rejects when `signal`
 * aborts first (the request leaves the queue unsent); release() frees the
 * slot (or the place in the queue) once the request is over.
 */
function requestSlot(env) {
  const max = (env.network || LOOPBACK_ONLY).maxConcurrentRequests;
  const q = env.state.requestSlots || (env.state.requestSlots = { active: 0, queue: [], maxActive: 0, sent: 0 });
  let state = 'new'; // new -> queued -> active -> done
  let grant = null;
  const next = () => {
    while (q.active < max && q.queue.length) q.queue.shift()();
  };
  return {
    wait(signal, onQueued = () => {}) {
      return new Promise((resolve, reject) => {
        const go = () => {
          signal.removeEventListener('abort', onAbort);
          state = 'active';
          q.active += 1;
          q.sent += 1;
          q.maxActive = Math.max(q.maxActive, q.active);
          resolve();
        };
        const onAbort = () => {
          if (state !== 'queued') return;
          state = 'done';
          q.queue.splice(q.queue.indexOf(grant), 1);
          reject(signal.reason);
        };
        if (signal.aborted) { state = 'done'; reject(signal.reason); return; }
        if (q.active < max && q.queue.length === 0) { go(); return; }
        state = 'queued';
        onQueued();
        grant = go;
        q.queue.push(go);
        signal.addEventListener('abort', onAbort);
      });
    },
    release() {
      if (state === 'active') { q.active -= 1; next(); }
      else if (state === 'queued') q.queue.splice(q.queue.indexOf(grant), 1);
      state = 'done';
    },
  };
}

/**
 * The reason of a failed fetch as the README promises it: Node's error code
 * (ECONNREFUSED, ENOTFOUND), found on the cause or, when Node tried several
 * addresses (localhost: ::1 and 127.0.0.1), on the first of its errors; else
 * the cause's own words ("bad port" for a port fetch refuses, such as 6000),
 * never undici's bare "fetch failed".
 */
function fetchFailure(e) {
  const cause = e && e.cause;
  if (cause && cause.code) return cause.code;
  const inner = cause && Array.isArray(cause.errors) ? cause.errors.find((x) => x && x.code) : undefined;
  if (inner) return inner.code;
  if (cause && cause.message) return cause.message;
  return (e && e.message) || 'network error';
}

/** "timeout" when the controller aborted for the task's timeout, else "abort". */
const abortReason = (controller) => (controller.signal.reason instanceof Error && controller.signal.reason.message === 'timeout' ? 'timeout' : 'abort');

/**
 * The task's timeout (options.timeout ms, default 60000), counted from the
 * call, time in the queue included, on the host's clock (src/clock.js: on
 * the virtual clock it may come in a moment, see quietWatch); returns stop().
 */
function startTimeout(env, options, controller) {
  const ms = Number(options.timeout) > 0 ? Number(options.timeout) : 60000;
  const timer = env.clock.setTimeout(() => controller.abort(new Error('timeout')), ms);
  return () => env.clock.clear(timer);
}

// Under the virtual clock a task in flight is real work until it has been
// quiet for env.networkQuietMs (src/net.js QUIET_MS, the default).
/**
 * The quiet-period watch of one task (ctl: the `waiting` handle src/wx.js
 * taskFn gives): queued() when it has to wait in the request queue (for
 * other tasks), active() on each sign of life (sent, headers, a chunk),
 * stop() at the end.
 */
function quietWatch(env, ctl) {
  if (!ctl || !env.clock.virtual) return { queued() {}, active() {}, stop() {} };
  let timer = null;
  const clear = () => { if (timer) { clearTimeout(timer); timer = null; } };
  return {
    queued() { clear(); ctl.waiting(true); },
    active() {
      clear();
      ctl.waiting(false);
      timer = setTimeout(() => { timer = null; ctl.waiting(true); }, env.networkQuietMs);
    },
    stop() { clear(); },
  };
}

/** Holds a task for the run report's pending.tasks; returns release(). */
const holdTask = (env, label) => (env.holdTask ? env.holdTask(label) : () => {});

/**
 * A URL of one of `protocols` that env.network's `list` (request,
 * uploadFile, downloadFile, socket) or loopback allows, or WeChat's reason
 * for refusing it.
 */
function checkUrl(value, protocols, env, list) {
  if (typeof value !== 'string') throw fail(`parameter error: parameter.url should be String instead of ${typeName(value)};`);
  let url;
  try { url = new URL(value); } catch { throw fail('invalid url'); }
  if (!protocols.includes(url.protocol)) throw fail('invalid url');
  const rules = env.network || LOOPBACK_ONLY;
  const allowed = LOOPBACK.has(url.hostname) ? rules.allowLoopback : rules[list].includes(originKey(value));
  if (!allowed) throw fail('url not in domain list');
  return url;
}

module.exports = { requestSlot, fetchFailure, abortReason, startTimeout, quietWatch, holdTask, checkUrl };
