'use strict';
// wx.request for real, over loopback HTTP (Node's fetch). A plugin's
// request domains are its own and HTTPS in production; here only
// http(s)://127.0.0.1, localhost and [::1] are reachable, anything else
// fails as an unconfigured domain does on WeChat.

const { makeObject } = require('./objects');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function queryString(data) {
  return Object.entries(data)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

/**
 * Starts wx.request; returns { task, done } where done is a promise of the
 * success fields, or rejects with a reason string (errMsg "request:fail <reason>").
 */
function request(options, env) {
  const controller = new AbortController();
  const { object: task, emit } = makeObject(env, 'RequestTask', {
    abort: () => { controller.abort(); },
  }, ['HeadersReceived', 'ChunkReceived']);
  const done = (async () => {
    if (typeof options.url !== 'string') {
      const type = options.url === null ? 'Null' : typeof options.url;
      throw new Error(`parameter error: parameter.url should be String instead of ${type.charAt(0).toUpperCase()}${type.slice(1)};`);
    }
    let url;
    try {
      url = new URL(options.url);
    } catch {
      throw new Error('invalid url');
    }
    if (!['http:', 'https:'].includes(url.protocol)) throw new Error('invalid url');
    if (!LOOPBACK.has(url.hostname)) throw new Error('url not in domain list');
    const method = String(options.method || 'GET').toUpperCase();
    const header = { ...(options.header || {}) };
    const hasType = Object.keys(header).some((k) => k.toLowerCase() === 'content-type');
    let body;
    const data = options.data;
    if (data !== undefined && data !== null) {
      if (method === 'GET' && typeof data === 'object' && !(data instanceof env.realm.ArrayBuffer)) {
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
    const timeout = Number(options.timeout) > 0 ? Number(options.timeout) : 60000;
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeout);
    let response;
    try {
      response = await fetch(url, { method, headers: header, body, signal: controller.signal });
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
      if (controller.signal.aborted) {
        throw new Error(controller.signal.reason instanceof Error && controller.signal.reason.message === 'timeout' ? 'timeout' : 'abort');
      }
      throw new Error(e && e.cause && e.cause.code ? e.cause.code : (e && e.message) || 'network error');
    } finally {
      clearTimeout(timer);
    }
  })();
  return { task, done };
}

let downloads = 0;

/**
 * Starts wx.downloadFile over loopback HTTP: reports onProgressUpdate as the
 * body arrives (WeChat's fields: progress in %, totalBytesWritten,
 * totalBytesExpectedToWrite) and answers a temp file path (the bytes are
 * kept nowhere: the host has no file system for plugins).
 */
function downloadFile(options, env) {
  const controller = new AbortController();
  const { object: task, emit } = makeObject(env, 'DownloadTask', {
    abort: () => { controller.abort(); },
  }, ['HeadersReceived', 'ProgressUpdate']);
  const done = (async () => {
    if (typeof options.url !== 'string') {
      const type = options.url === null ? 'Null' : typeof options.url;
      throw new Error(`parameter error: parameter.url should be String instead of ${type.charAt(0).toUpperCase()}${type.slice(1)};`);
    }
    let url;
    try { url = new URL(options.url); } catch { throw new Error('invalid url'); }
    if (!['http:', 'https:'].includes(url.protocol)) throw new Error('invalid url');
    if (!LOOPBACK.has(url.hostname)) throw new Error('url not in domain list');
    const timeout = Number(options.timeout) > 0 ? Number(options.timeout) : 60000;
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeout);
    try {
      const response = await fetch(url, { headers: { ...(options.header || {}) }, signal: controller.signal });
      const headers = Object.fromEntries(response.headers.entries());
      emit('HeadersReceived', { header: headers });
      const expected = Number(response.headers.get('content-length')) || 0;
      let written = 0;
      for await (const chunk of response.body) {
        written += chunk.length;
        emit('ProgressUpdate', {
          progress: expected ? Math.floor((written * 100) / expected) : 0,
          totalBytesWritten: written,
          totalBytesExpectedToWrite: expected,
        });
      }
      downloads += 1;
      const tempFilePath = options.filePath || `wxfile://tmp/download-${downloads}`;
      return { tempFilePath, filePath: options.filePath || '', statusCode: response.status };
    } catch (e) {
      if (controller.signal.aborted) {
        throw new Error(controller.signal.reason instanceof Error && controller.signal.reason.message === 'timeout' ? 'timeout' : 'abort');
      }
      throw new Error(e && e.cause && e.cause.code ? e.cause.code : (e && e.message) || 'network error');
    } finally {
      clearTimeout(timer);
    }
  })();
  return { task, done };
}

// At most 5 sockets at once, as on WeChat.
const MAX_SOCKETS = 5;
let openSockets = 0;

/**
 * Starts wx.connectSocket: a real WebSocket client (the `ws` package) to a
 * loopback server. `success` means the call was taken, as on WeChat; the
 * task's onOpen/onMessage/onError/onClose report the connection, and its
 * send/close take WeChat's options with their own callbacks.
 */
function connectSocket(options, env) {
  const WebSocket = require('ws');
  let socket = null;
  const later = (label, fn) => env.schedule(label, fn);
  const answer = (api, o, error) => {
    const res = { errMsg: error ? `${api}:fail ${error}` : `${api}:ok` };
    later(`${api} callbacks`, () => {
      const r = env.realm.toRealm(res);
      env.callPlugin(`${api} ${error ? 'fail' : 'success'} callback`, o && o[error ? 'fail' : 'success'], r);
      env.callPlugin(`${api} complete callback`, o && o.complete, r);
    });
  };
  const { object: task, emit } = makeObject(env, 'SocketTask', {
    send: ([o]) => {
      const data = o && o.data;
      if (!socket || socket.readyState !== WebSocket.OPEN) return answer('sendSocketMessage', o, 'socket is not connected');
      const payload = Object.prototype.toString.call(data) === '[object ArrayBuffer]' ? Buffer.from(data) : String(data);
      socket.send(payload, (e) => answer('sendSocketMessage', o, e ? e.message : null));
    },
    close: ([o]) => {
      const code = o && o.code !== undefined ? Number(o.code) : 1000;
      if (socket && socket.readyState <= WebSocket.OPEN) socket.close(code, (o && o.reason) || '');
      answer('closeSocket', o, null);
    },
  }, ['Open', 'Message', 'Error', 'Close']);
  const done = (async () => {
    if (typeof options.url !== 'string') {
      const type = options.url === null ? 'Null' : typeof options.url;
      throw new Error(`parameter error: parameter.url should be String instead of ${type.charAt(0).toUpperCase()}${type.slice(1)};`);
    }
    let url;
    try { url = new URL(options.url); } catch { throw new Error('invalid url'); }
    if (!['ws:', 'wss:'].includes(url.protocol)) throw new Error('invalid url');
    if (!LOOPBACK.has(url.hostname)) throw new Error('url not in domain list');
    if (openSockets >= MAX_SOCKETS) throw new Error('exceed max socket connect count');
    openSockets += 1;
    const closed = env.track(`SocketTask to ${url}`);
    socket = new WebSocket(url, options.protocols || [], { headers: { ...(options.header || {}) } });
    socket.on('open', () => emit('Open', { header: {} }));
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        const bytes = new Uint8Array(data);
        const ab = new env.realm.ArrayBuffer(bytes.length);
        new env.realm.Uint8Array(ab).set(bytes);
        emit('Message', { data: ab });
      } else {
        emit('Message', { data: data.toString('utf8') });
      }
    });
    socket.on('error', (e) => emit('Error', { errMsg: e.message }));
    socket.on('close', (code, reason) => {
      openSockets -= 1;
      emit('Close', { code, reason: reason.toString('utf8') });
      closed();
    });
    return {};
  })();
  return { task, done };
}

module.exports = { request, downloadFile, connectSocket, LOOPBACK, MAX_SOCKETS };
