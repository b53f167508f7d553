'use strict';
// wx.request: real HTTP with Node's fetch, JSON bodies both ways.

const { isArrayBuffer } = require('../../bytes');
const { makeObject } = require('../../objects');
const { TASK_OBJECTS } = require('../../data/tasks');
const { requestSlot, fetchFailure, abortReason, startTimeout, quietWatch, holdTask, checkUrl } = require('./tasks');

function queryString(data) {
  return Object.entries(data)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

/**
 * Starts wx.request; returns { task, done } where done is a promise of the
 * success fields, or rejects with a reason string (errMsg "request:fail <reason>").
 */
function request(options, env, ctl) {
  const controller = new AbortController();
  const byPlugin = new AbortController(); // aborted by the plugin's abort() only (src/wx.js taskFn)
  const { object: task, emit, retire } = makeObject(env, 'RequestTask', {
    abort: () => { controller.abort(); byPlugin.abort(); },
  }, TASK_OBJECTS.request[2]);
  const release = holdTask(env, 'request');
  const forgetDispose = (env.onDispose && env.onDispose(() => controller.abort())) || (() => {});
  const slot = requestSlot(env);
  const stopTimeout = startTimeout(env, options, controller);
  const quiet = quietWatch(env, ctl);
  const done = (async () => {
    const url = checkUrl(options.url, ['http:', 'https:'], env, 'request');
    const method = String(options.method || 'GET').toUpperCase();
    const header = { ...(options.header || {}) };
    const hasType = Object.keys(header).some((k) => k.toLowerCase() === 'content-type');
    let body;
    const data = options.data;
    if (data !== undefined && data !== null) {
      if (method === 'GET' && typeof data === 'object' && !isArrayBuffer(data)) {
        const q = queryString(data);
        if (q) url.search += (url.search ? '&' : '') + q;
      } else if (typeof data === 'string') {
        body = data;
      } else if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') {
        body = Buffer.from(data);
      } else {
        body = JSON.stringify(data);
        if (!hasType) header['content-type'] = 'application/json';
      }
    }
    let response;
    try {
      await slot.wait(controller.signal, quiet.queued);
      const sending = fetch(url, { method, headers: header, body, signal: controller.signal });
      quiet.active(); // after fetch's own set-up (slow the first time), so it does not count as silence
      response = await sending;
      quiet.active();
      const headers = Object.fromEntries(response.headers.entries());
      emit('HeadersReceived', { header: headers, statusCode: response.status });
      let payload;
      if (options.responseType === 'arraybuffer') {
        const bytes = new Uint8Array(await response.arrayBuffer());
        payload = new env.realm.ArrayBuffer(bytes.length);
        new env.realm.Uint8Array(payload).set(bytes);
      } else {
        const text = await response.text();
        payload = text;
        if ((options.dataType ?? 'json') === 'json') {
          try { payload = JSON.parse(text); } catch { payload = text; }
        }
      }
      return { data: payload, statusCode: response.status, header: headers, cookies: [] };
    } catch (e) {
      if (controller.signal.aborted) throw new Error(abortReason(controller));
      throw new Error(fetchFailure(e));
    }
  })().finally(() => { quiet.stop(); stopTimeout(); slot.release(); release(); retire(); forgetDispose(); });
  return { task, done, aborted: byPlugin.signal };
}

const entries = [{ name: 'request', kind: 'task', simulated: 'real', impl: request }];

module.exports = { entries };
