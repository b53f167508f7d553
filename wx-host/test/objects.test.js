'use strict';
// The APIs that return objects: wx.request over loopback HTTP (a real
// server in this process) and the stateful wx.getRecorderManager.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { loadPlugin, plain } = require('../test-support/kit');

const EMPTY = { 'index.js': 'module.exports = {};' };

/** A loopback server answering `handler(req, body) -> { status, headers, body, delay }`. */
async function server(t, handler) {
  const s = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const { status = 200, headers = {}, body: out = '', delay = 0 } = handler(req, body);
      setTimeout(() => { res.writeHead(status, headers); res.end(out); }, delay);
    });
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  return `http://127.0.0.1:${s.address().port}`;
}

test('wx.request does real HTTP on loopback: JSON both ways, headers event, status and header', async (t) => {
  const url = await server(t, (req, body) => ({
    status: 201,
    headers: { 'content-type': 'application/json', 'x-served-by': 'test' },
    body: JSON.stringify({ method: req.method, path: req.url, got: body ? JSON.parse(body) : null, type: req.headers['content-type'] }),
  }));
  const { host } = await loadPlugin(t, EMPTY, { baseVersion: '2.18.1' });
  host.evaluate(`
    globalThis.out = {};
    const task = wx.request({
      url: '${url}/notes', method: 'POST', data: { text: '中文' },
      success: (r) => { out.success = r; }, fail: (r) => { out.fail = r.errMsg; },
    });
    task.onHeadersReceived((h) => { out.headers = h.header['x-served-by']; out.status = h.statusCode; });`);
  await host.settle();
  const out = plain(host.evaluate('out'));
  assert.equal(out.fail, undefined);
  assert.equal(out.success.errMsg, 'request:ok');
  assert.equal(out.success.statusCode, 201);
  assert.deepEqual(out.success.data, { method: 'POST', path: '/notes', got: { text: '中文' }, type: 'application/json' });
  assert.equal(out.success.header['x-served-by'], 'test');
  assert.deepEqual([out.headers, out.status], ['test', 201]);
  const rec = host.trace.find((r) => r.api === 'request');
  assert.equal(rec.outcome, 'success');
  assert.deepEqual(host.trace.filter((r) => r.api === 'RequestTask.onHeadersReceived').map((r) => r.kind || r.outcome), ['registered', 'event']);
});

test('GET data becomes the query string; text stays text when dataType is not json', async (t) => {
  const url = await server(t, (req) => ({ body: `you asked ${req.url}` }));
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate(`
    globalThis.out = {};
    wx.request({ url: '${url}/q', data: { a: 1, b: 'x y' }, dataType: 'text', success: (r) => { out.data = r.data; } });`);
  await host.settle();
  assert.equal(host.evaluate('out.data'), 'you asked /q?a=1&b=x%20y');
});

test('abort fails the request with "request:fail abort"; a foreign domain is refused', async (t) => {
  const url = await server(t, () => ({ body: 'late', delay: 2000 }));
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate(`
    globalThis.out = [];
    const task = wx.request({ url: '${url}/slow', fail: (r) => out.push(r.errMsg), success: () => out.push('success') });
    task.abort();
    wx.request({ url: 'https://example.com/', fail: (r) => out.push(r.errMsg) });`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out')).sort(), ['request:fail abort', 'request:fail url not in domain list']);
  assert.ok(host.trace.some((r) => r.api === 'RequestTask.abort' && r.outcome === 'return'));
});

test('the recorder manager is one stateful object: start, pause, resume, stop with a result', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, { baseVersion: '2.18.1' });
  host.evaluate(`
    globalThis.events = [];
    const r = wx.getRecorderManager();
    globalThis.same = r === wx.getRecorderManager();
    r.onStart(() => events.push('start'));
    r.onPause(() => events.push('pause'));
    r.onResume(() => events.push('resume'));
    r.onStop((res) => events.push('stop ' + res.tempFilePath + ' ' + typeof res.duration));
    r.start({ format: 'mp3' }); r.pause(); r.resume(); r.stop();`);
  await host.settle();
  assert.equal(host.evaluate('same'), true);
  assert.deepEqual(plain(host.evaluate('events')), ['start', 'pause', 'resume', 'stop wxfile://tmp/recording-1.mp3 number']);
  assert.deepEqual(host.trace.filter((r) => r.api === 'RecorderManager.start').map((r) => r.outcome), ['return']);
  // The file it names exists, a temp file of the size it reports.
  const stop = host.trace.find((r) => r.api === 'RecorderManager.onStop' && r.kind === 'event').args[0];
  const real = path.join(host.files.root(), 'tmp', 'recording-1.mp3');
  assert.equal(fs.statSync(real).size, stop.fileSize);
});

test('wx.downloadFile reports progress as the body arrives, then a temp file path', async (t) => {
  const s = http.createServer((req, res) => {
    res.writeHead(200, { 'content-length': '300' });
    res.write('a'.repeat(100));
    setTimeout(() => { res.write('b'.repeat(100)); setTimeout(() => res.end('c'.repeat(100)), 20); }, 20);
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate(`
    globalThis.out = { progress: [] };
    const task = wx.downloadFile({ url: 'http://127.0.0.1:${s.address().port}/f', success: (r) => { out.path = r.tempFilePath; out.status = r.statusCode; } });
    task.onProgressUpdate((p) => out.progress.push([p.progress, p.totalBytesWritten, p.totalBytesExpectedToWrite]));`);
  await host.settle();
  const out = plain(host.evaluate('out'));
  assert.deepEqual([out.path, out.status], ['wxfile://tmp/download-1', 200]);
  assert.deepEqual(out.progress.at(-1), [100, 300, 300]);
  assert.ok(out.progress.length >= 2, JSON.stringify(out.progress));
  for (const [p, written] of out.progress) assert.equal(p, Math.floor((written * 100) / 300));
});

test('wx.connectSocket is a real WebSocket: open, messages both ways, close with a code', async (t) => {
  const { WebSocketServer } = require('ws');
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => server.on('listening', r));
  server.on('connection', (ws) => {
    ws.on('message', (data, binary) => ws.send(binary ? data : `echo ${data}`, { binary }));
  });
  t.after(() => new Promise((r) => server.close(r)));
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate(`
    globalThis.log = [];
    const task = wx.connectSocket({ url: 'ws://127.0.0.1:${server.address().port}/chat', success: (r) => log.push(r.errMsg) });
    task.onOpen(() => {
      log.push('open');
      task.send({ data: 'hi', success: (r) => log.push(r.errMsg) });
    });
    task.onMessage((m) => {
      log.push('message ' + m.data);
      task.close({ code: 1000 });
    });
    task.onClose((c) => log.push('close ' + c.code));`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('log')), ['connectSocket:ok', 'open', 'sendSocketMessage:ok', 'message echo hi', 'close 1000']);
});

test('wx.connectSocket refuses a foreign domain and a sixth socket', async (t) => {
  const { WebSocketServer } = require('ws');
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => server.on('listening', r));
  t.after(() => new Promise((r) => server.close(r)));
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate(`
    globalThis.log = [];
    wx.connectSocket({ url: 'wss://example.com/', fail: (r) => log.push(r.errMsg) });
    globalThis.tasks = [];
    for (let i = 0; i < 6; i++) {
      tasks.push(wx.connectSocket({ url: 'ws://127.0.0.1:${server.address().port}/', success: (r) => log.push(i + ' ' + r.errMsg), fail: (r) => log.push(i + ' ' + r.errMsg) }));
    }
    let opened = 0;
    for (const task of tasks) task.onOpen(() => { if (++opened === 5) for (const t of tasks) t.close({}); });`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('log')).sort(), [
    '0 connectSocket:ok', '1 connectSocket:ok', '2 connectSocket:ok', '3 connectSocket:ok', '4 connectSocket:ok',
    '5 connectSocket:fail exceed max socket connect count',
    'connectSocket:fail url not in domain list',
  ]);
});
