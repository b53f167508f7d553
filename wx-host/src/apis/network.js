'use strict';
// The "network" category: wx.request, downloadFile, uploadFile and
// connectSocket for real (Node's fetch / http, and the `ws` package for
// WebSockets). As on WeChat, a URL is reachable only when its origin is on
// the plugin's configured domains — here the scenario's `network`
// `requestDomains` (request; uploadFile and downloadFile too unless
// `uploadFileDomains` / `downloadFileDomains` say otherwise) and
// `socketDomains` (connectSocket) — or, unless `allowLoopback: false`, when
// it is loopback (http(s)/ws(s) to 127.0.0.1, localhost, [::1]; plain http
// and ws too, unlike WeChat). Anything else fails "url not in domain list",
// as an unconfigured domain does on WeChat. Without a scenario: loopback only.

const { makeObject } = require('../objects');
const { METHODS } = require('../files/methods');
const { Fail, fail } = require('../errors');
const { typeName } = require('../validate');
const { isArrayBuffer } = require('../bytes');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
// WeChat sends at most 10 request/uploadFile/downloadFile at once (all
// three together); since base 1.4.0 it queues the others in call order and
// sends each when a slot frees. The scenario's network.maxConcurrentRequests
// changes the limit.
const MAX_CONCURRENT_REQUESTS = 10;

/**
 * The domain-list key of a URL: "<scheme>://<host>[:<port>]", the port only
 * when the URL writes one — WeChat's rule: a domain configured without a
 * port takes no URL with a port, not even :443, and one with a port takes
 * that port only. Returns null for what does not parse.
 */
function originKey(raw) {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(raw);
  if (!m) return null;
  let url;
  try { url = new URL(raw); } catch { return null; }
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(m[2].replace(/^.*@/, ''));
  if (!hostPort) return null;
  return `${url.protocol}//${url.hostname}${hostPort[2] === undefined ? '' : `:${Number(hostPort[2])}`}`;
}

/**
 * Why a domain-list entry (`scheme`: "https:" or "wss:") is not one, or
 * null when it is: an origin with that scheme, a domain name (WeChat takes
 * no IP address or localhost), an optional port, no path, query or user.
 */
function domainProblem(entry, scheme) {
  if (typeof entry !== 'string') return `a ${scheme}// origin`;
  let url;
  try { url = new URL(entry); } catch { return `a ${scheme}// origin`; }
  if (url.protocol !== scheme) return `a ${scheme}// origin`;
  if (url.username || url.password || url.search || url.hash || !/^[a-z]+:\/\/[^/?#]*\/?$/i.test(entry)) return `a ${scheme}// origin, with no path, query or user`;
  if (LOOPBACK.has(url.hostname) || /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname.startsWith('[')) {
    return `a domain name, not an IP address or localhost (loopback is "allowLoopback")`;
  }
  return null;
}

/**
 * The domain rules a host applies (env.network): the scenario's `network`
 * lists as origin keys, or loopback only. `list` is request, uploadFile,
 * downloadFile or socket.
 */
function domainRules(network = {}) {
  const keys = (list) => (list || []).map(originKey);
  const request = keys(network.requestDomains);
  return {
    allowLoopback: network.allowLoopback !== false,
    request,
    uploadFile: network.uploadFileDomains ? keys(network.uploadFileDomains) : request,
    downloadFile: network.downloadFileDomains ? keys(network.downloadFileDomains) : request,
    socket: keys(network.socketDomains),
    maxConcurrentRequests: network.maxConcurrentRequests ?? MAX_CONCURRENT_REQUESTS,
  };
}
const LOOPBACK_ONLY = domainRules();

/** Each task's object: [interface, methods, events] (also the shape of a task that never starts, src/wx.js). */
const TASK_OBJECTS = {
  request: ['RequestTask', ['abort'], ['HeadersReceived', 'ChunkReceived']],
  downloadFile: ['DownloadTask', ['abort'], ['HeadersReceived', 'ProgressUpdate']],
  uploadFile: ['UploadTask', ['abort'], ['HeadersReceived', 'ProgressUpdate']],
  connectSocket: ['SocketTask', ['send', 'close'], ['Open', 'Message', 'Error', 'Close']],
};

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

// Under the virtual clock a task in flight is real work, so the clock runs
// at wall speed; once nothing has come from (or gone to) its server for this
// long on the wall clock, it is taken to be only waiting — for an answer that
// may never come, or for its timeout — and counts as a timer: the virtual
// clock may skip ahead (to its timeout, or an earlier timer) when nothing
// else is real work. Anything that arrives makes it real work again.
// The default of createHost's networkQuietMs, which env always carries.
const QUIET_MS = 500;

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

/**
 * Starts wx.downloadFile over loopback HTTP: reports onProgressUpdate as the
 * body arrives (WeChat's fields: progress in %, totalBytesWritten,
 * totalBytesExpectedToWrite) and writes the bytes to a read-only temp file
 * of the plugin's files (apis/file.js), `wxfile://tmp/download-N`, which
 * the FileSystemManager reads back; with `filePath` (a user-file path) the
 * bytes go there instead, as on WeChat.
 */
function downloadFile(options, env, ctl) {
  const controller = new AbortController();
  const byPlugin = new AbortController(); // aborted by the plugin's abort() only (src/wx.js taskFn)
  const { object: task, emit, retire } = makeObject(env, 'DownloadTask', {
    abort: () => { controller.abort(); byPlugin.abort(); },
  }, TASK_OBJECTS.downloadFile[2]);
  const release = holdTask(env, 'downloadFile');
  const forgetDispose = (env.onDispose && env.onDispose(() => controller.abort())) || (() => {});
  const slot = requestSlot(env);
  const stopTimeout = startTimeout(env, options, controller);
  const quiet = quietWatch(env, ctl);
  const done = (async () => {
    const url = checkUrl(options.url, ['http:', 'https:'], env, 'downloadFile');
    try {
      await slot.wait(controller.signal, quiet.queued);
      const sending = fetch(url, { headers: { ...(options.header || {}) }, signal: controller.signal });
      quiet.active(); // after fetch's own set-up, as for request
      const response = await sending;
      quiet.active();
      const headers = Object.fromEntries(response.headers.entries());
      emit('HeadersReceived', { header: headers });
      const expected = Number(response.headers.get('content-length')) || 0;
      let written = 0;
      const chunks = [];
      for await (const chunk of response.body) {
        quiet.active();
        written += chunk.length;
        chunks.push(chunk);
        emit('ProgressUpdate', {
          progress: expected ? Math.floor((written * 100) / expected) : 0,
          totalBytesWritten: written,
          totalBytesExpectedToWrite: expected,
        });
      }
      const bytes = Buffer.concat(chunks);
      if (typeof options.filePath === 'string') {
        // Written by the manager's own rules: user files only, limits counted.
        METHODS.writeFile.run({ filePath: options.filePath, data: bytes }, env);
        return { filePath: options.filePath, statusCode: response.status };
      }
      const tempFilePath = env.files.writeTemp(bytes, 'download');
      return { tempFilePath, statusCode: response.status };
    } catch (e) {
      if (e instanceof Fail) throw e; // the file rules' failure, with its errCode
      if (controller.signal.aborted) throw new Error(abortReason(controller));
      throw new Error(fetchFailure(e));
    }
  })().finally(() => { quiet.stop(); stopTimeout(); slot.release(); release(); retire(); forgetDispose(); });
  return { task, done, aborted: byPlugin.signal };
}

// uploadFile's body goes out in pieces of this size, one onProgressUpdate each.
const UPLOAD_CHUNK = 16 * 1024;

/**
 * Starts wx.uploadFile over loopback HTTP: a multipart/form-data POST (the
 * encoding of Node's FormData) of the file at `filePath` (a user or temp
 * file, read by the FileSystemManager's rules) under the field `name`, after
 * the `formData` fields. onProgressUpdate reports the body as the socket
 * takes it (progress in %, totalBytesSent, totalBytesExpectedToSend);
 * onHeadersReceived the response's headers; the result is
 * { data: the response body as a string, statusCode }.
 */
function uploadFile(options, env, ctl) {
  let req = null;
  let aborted = false; // by abort() or the timeout (abortReason says which)
  const controller = new AbortController();
  controller.signal.addEventListener('abort', () => {
    aborted = true;
    if (req) req.destroy(new Error(abortReason(controller)));
  });
  const byPlugin = new AbortController(); // aborted by the plugin's abort() only (src/wx.js taskFn)
  const { object: task, emit, retire } = makeObject(env, 'UploadTask', {
    abort: () => { controller.abort(); byPlugin.abort(); },
  }, TASK_OBJECTS.uploadFile[2]);
  const release = holdTask(env, 'uploadFile');
  const forgetDispose = (env.onDispose && env.onDispose(() => controller.abort())) || (() => {});
  const slot = requestSlot(env);
  const stopTimeout = startTimeout(env, options, controller);
  const quiet = quietWatch(env, ctl);
  const done = (async () => {
    const url = checkUrl(options.url, ['http:', 'https:'], env, 'uploadFile');
    for (const field of ['filePath', 'name']) {
      if (typeof options[field] !== 'string') throw fail(`parameter error: parameter.${field} should be String instead of ${typeName(options[field])};`);
    }
    const bytes = Buffer.from(new Uint8Array(METHODS.readFile.run({ filePath: options.filePath }, env).data));
    const form = new FormData();
    const formData = options.formData !== null && typeof options.formData === 'object' ? options.formData : {};
    for (const [k, v] of Object.entries(formData)) form.append(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
    form.append(options.name, new Blob([bytes]), options.filePath.slice(options.filePath.lastIndexOf('/') + 1));
    const encoded = new Request('http://localhost/', { method: 'POST', body: form });
    const body = Buffer.from(await encoded.arrayBuffer());
    const header = {};
    for (const [k, v] of Object.entries(options.header || {})) if (k.toLowerCase() !== 'content-type') header[k] = v;
    header['content-type'] = encoded.headers.get('content-type');
    header['content-length'] = String(body.length);
    try {
      await slot.wait(controller.signal, quiet.queued);
      quiet.active();
    } catch {
      throw new Error(abortReason(controller));
    }
    return new Promise((resolve, reject) => {
      const client = url.protocol === 'https:' ? require('node:https') : require('node:http');
      req = client.request(url, { method: 'POST', headers: header }, (res) => {
        quiet.active();
        emit('HeadersReceived', { header: { ...res.headers } });
        const chunks = [];
        res.on('data', (c) => { quiet.active(); chunks.push(c); });
        res.on('end', () => resolve({ data: Buffer.concat(chunks).toString('utf8'), statusCode: res.statusCode }));
        res.on('error', (e) => reject(new Error(aborted ? abortReason(controller) : e.message)));
      });
      req.on('error', (e) => reject(new Error(aborted ? abortReason(controller) : e.code || e.message)));
      let sent = 0;
      const writeNext = () => {
        while (sent < body.length) {
          const piece = body.subarray(sent, sent + UPLOAD_CHUNK);
          sent += piece.length;
          const total = sent;
          const more = req.write(piece, () => {
            quiet.active();
            if (!aborted) {
              emit('ProgressUpdate', {
                progress: Math.floor((total * 100) / body.length),
                totalBytesSent: total,
                totalBytesExpectedToSend: body.length,
              });
            }
          });
          if (!more) { req.once('drain', writeNext); return; }
        }
        req.end();
      };
      writeNext();
    });
  })().finally(() => { quiet.stop(); stopTimeout(); slot.release(); release(); retire(); forgetDispose(); });
  return { task, done, aborted: byPlugin.signal };
}

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
  const release = holdTask(env, 'connectSocket');
  const { object: task, emit, retire } = makeObject(env, 'SocketTask', {
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
  }, TASK_OBJECTS.connectSocket[2]);
  const done = (async () => {
    const url = checkUrl(options.url, ['ws:', 'wss:'], env, 'socket');
    if (openSockets >= MAX_SOCKETS) throw new Error('exceed max socket connect count');
    openSockets += 1;
    const closed = env.track(`SocketTask to ${url}`);
    socket = new WebSocket(url, options.protocols || [], { headers: { ...(options.header || {}) } });
    // `timeout` (ConnectSocketOption, ms): not open by then, on the host's clock, the
    // connection is given up: onError "timeout", then onClose 1006.
    let connectTimer = null;
    let timedOut = false;
    if (Number(options.timeout) > 0) {
      connectTimer = env.clock.setTimeout(() => {
        connectTimer = null;
        if (socket.readyState !== WebSocket.CONNECTING) return;
        timedOut = true;
        emit('Error', { errMsg: 'timeout' });
        socket.terminate();
      }, Number(options.timeout));
    }
    const stopConnectTimer = () => { if (connectTimer !== null) { env.clock.clear(connectTimer); connectTimer = null; } };
    socket.on('open', () => { stopConnectTimer(); emit('Open', { header: {} }); });
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
    socket.on('error', (e) => { if (!timedOut) emit('Error', { errMsg: e.message }); });
    socket.on('close', (code, reason) => {
      stopConnectTimer();
      openSockets -= 1;
      emit('Close', { code, reason: reason.toString('utf8') });
      closed();
      release();
      retire();
    });
    return {};
  })();
  done.catch(() => { release(); retire(); }); // never connected
  return { task, done };
}

const entries = [
  { name: 'request', kind: 'task', simulated: 'real', impl: request },
  { name: 'downloadFile', kind: 'task', simulated: 'real', impl: downloadFile },
  { name: 'uploadFile', kind: 'task', simulated: 'real', impl: uploadFile },
  { name: 'connectSocket', kind: 'task', simulated: 'real', impl: connectSocket },
];

// ---- TCP / UDP sockets, local service discovery ---------------------------------
// TCPSocket's methods are all unsupported in plugins (the typings): the
// factory gives an object without methods and opens nothing. A UDPSocket is
// real (Node's dgram): bind (a port, 0 for any; answers the port), send /
// connect + write (message: a string or ArrayBuffer, offset/length),
// setTTL, close, and the Listening / Message / Error / Close events
// (onMessage: { message: ArrayBuffer, remoteInfo: { address, family, port,
// size }, localInfo: { address, family, port, size } }). A bound socket is
// pending work until closed. Local service discovery finds the scenario's
// `localServices` of the asked type (onLocalServiceFound / onLocalServiceLost). Local service discovery (mDNS)
// finds nothing: start succeeds, stop ends it with onLocalServiceDiscoveryStop.
const { makeObject: makeSocketObject } = require('../objects');
const { fail: netFail } = require('../errors');
const { typeName: netType, needString: netString } = require('../validate');
entries.push(
  {
    name: 'createTCPSocket',
    kind: 'factory',
    simulated: 'stateful',
    impl: ([options], env) => {
      const type = options && options.type;
      if (type !== undefined && !['ipv4', 'ipv6'].includes(type)) throw netFail(`parameter error: parameter.type should be one of ipv4, ipv6 instead of ${JSON.stringify(type)};`);
      (env.state.sockets || (env.state.sockets = [])).push({ kind: 'tcp', type: type || 'ipv4' });
      return env.realm.object();
    },
  },
  { name: 'createUDPSocket', kind: 'factory', simulated: 'real', impl: (args, env) => createUDPSocket(env) },
  {
    name: 'startLocalServiceDiscovery',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const serviceType = netString(o, 'serviceType');
      if (env.state.localDiscovery) throw netFail('scan task already exist');
      const run = { serviceType };
      env.state.localDiscovery = run;
      // The scenario's localServices of that type: onLocalServiceFound at `at`, onLocalServiceLost at `lostAt`.
      for (const sv of env.scenario.localServices || []) {
        if (sv.serviceType !== serviceType) continue;
        env.schedule(`local service ${sv.serviceName} found`, () => {
          if (env.state.localDiscovery !== run) return;
          env.emit('onLocalServiceFound', { ip: sv.ip ?? '192.168.1.20', port: sv.port ?? 80, serviceName: sv.serviceName, serviceType: sv.serviceType });
        }, sv.at || 0);
        if (sv.lostAt !== undefined) {
          env.schedule(`local service ${sv.serviceName} lost`, () => {
            if (env.state.localDiscovery !== run) return;
            env.emit('onLocalServiceLost', { serviceName: sv.serviceName, serviceType: sv.serviceType });
          }, sv.lostAt);
        }
      }
    },
  },
  {
    name: 'stopLocalServiceDiscovery',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      if (!env.state.localDiscovery) throw netFail('task not found');
      env.state.localDiscovery = null;
      env.schedule('onLocalServiceDiscoveryStop', () => env.emit('onLocalServiceDiscoveryStop'));
    },
  },
);

function createUDPSocket(env) {
  const dgram = require('node:dgram');
  const sock = dgram.createSocket('udp4');
  const st = { bound: false, closed: false, connected: null, done: null, ttl: 64 };
  (env.state.sockets || (env.state.sockets = [])).push(st);
  let emit = null;
  const bytesOf = (o) => {
    const m = o.message;
    let bytes;
    if (typeof m === 'string') bytes = Buffer.from(m, 'utf8');
    else if (Object.prototype.toString.call(m) === '[object ArrayBuffer]') bytes = Buffer.from(new Uint8Array(m));
    else throw new Error(`send:fail parameter error: parameter.message should be String or ArrayBuffer instead of ${netType(m)}`);
    const offset = typeof o.offset === 'number' ? o.offset : 0;
    const length = typeof o.length === 'number' ? o.length : bytes.length - offset;
    return bytes.subarray(offset, offset + length);
  };
  const target = (o) => {
    if (typeof o.address !== 'string') throw new Error(`parameter error: parameter.address should be String instead of ${netType(o.address)}`);
    if (typeof o.port !== 'number') throw new Error(`parameter error: parameter.port should be Number instead of ${netType(o.port)}`);
    return [o.port, o.address === 'localhost' ? '127.0.0.1' : o.address];
  };
  const finish = () => { if (st.done) { st.done(); st.done = null; } };
  sock.on('message', (msg, rinfo) => {
    const local = sock.address();
    emit('Message', { message: msg.buffer.slice(msg.byteOffset, msg.byteOffset + msg.length), remoteInfo: { address: rinfo.address, family: rinfo.family, port: rinfo.port, size: rinfo.size },
      localInfo: { address: local.address, family: local.family, port: local.port, size: msg.length } });
  });
  sock.on('error', (e) => emit('Error', { errMsg: e.message }));
  sock.on('close', () => { st.closed = true; emit('Close'); finish(); });
  const made = makeSocketObject(env, 'UDPSocket', {
    bind: ([port]) => {
      if (st.bound || st.closed) throw new Error('bind:fail socket is already bound or closed');
      // bind answers the port at once, as WeChat's does; dgram binds a moment later, so
      // without a port the host picks a free-looking one of the ephemeral range itself.
      const p = typeof port === 'number' && port > 0 ? port : 49152 + Math.floor(Math.random() * 16000);
      st.done = env.track('UDPSocket bound (until close)');
      st.bound = true;
      st.port = p;
      sock.bind(p, () => { try { sock.setTTL(st.ttl); } catch { /* default */ } emit('Listening'); });
      return p;
    },
    connect: ([o]) => { const [port, address] = target(o || {}); st.connected = { port, address }; return undefined; },
    send: ([o]) => {
      const opt = o || {};
      const [port, address] = target(opt);
      const bytes = bytesOf(opt);
      if (opt.setBroadcast) sock.setBroadcast(true);
      sock.send(bytes, port, address);
      return undefined;
    },
    write: ([o]) => {
      if (!st.connected) throw new Error('write:fail the socket is not connected (call connect first)');
      sock.send(bytesOf(o || {}), st.connected.port, st.connected.address);
      return undefined;
    },
    setTTL: ([ttl]) => {
      if (typeof ttl !== 'number' || !(ttl >= 0 && ttl <= 255)) throw new Error(`setTTL:fail parameter error: ttl should be a Number from 0 to 255 instead of ${netType(ttl)}`);
      st.ttl = ttl;
      if (st.bound) { try { sock.setTTL(ttl); } catch { /* not yet bound */ } }
      return undefined;
    },
    close: () => { if (!st.closed) { st.closed = true; if (st.bound) sock.close(); else { emit('Close'); } } return undefined; },
  }, ['Close', 'Error', 'Listening', 'Message']);
  emit = made.emit;
  env.onDispose(() => { if (!st.closed) { st.closed = true; try { sock.close(); } catch { /* closed */ } finish(); } });
  return made.object;
}

module.exports = {
  entries, request, createUDPSocket, downloadFile, uploadFile, connectSocket, LOOPBACK, MAX_SOCKETS, MAX_CONCURRENT_REQUESTS, QUIET_MS, TASK_OBJECTS, originKey, domainProblem, domainRules,
};
