'use strict';
// Network timeouts on the host's clock (src/clock.js): under the virtual
// clock a request that only waits for its timeout lets the clock skip
// ahead, so a 60 s timeout against a silent server takes well under 2 s of
// wall time; on the wall clock a short timeout still times out for real.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const net = require('node:net');
const { loadPlugin, plain, tempDir, writePlugin, ALLOWLIST } = require('../test-support/kit');
const { runPlugin } = require('../src');
const { QUIET_MS } = require('../src/net');

/** A loopback HTTP server answering {"ok":1} after `delay` ms, or never (delay null); counts requests. */
async function server(t, delay) {
  const st = { seen: 0 };
  const s = http.createServer((req, res) => {
    st.seen += 1;
    if (delay !== null) setTimeout(() => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":1}'); }, delay);
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  st.url = `http://127.0.0.1:${s.address().port}/`;
  return st;
}

test('virtual clock: the default 60 s timeout of request and downloadFile against a silent server fails "timeout" in well under 2 s', async (t) => {
  const s = await server(t, null);
  const dir = writePlugin(tempDir(t), {
    'index.js': `
      module.exports = {
        go: () => new Promise((resolve) => {
          const out = [];
          const t0 = Date.now();
          const done = (api) => (r) => { out.push([api, r.errMsg, Date.now() - t0 >= 60000]); if (out.length === 2) resolve(out); };
          wx.request({ url: ${JSON.stringify(s.url)}, fail: done('request') });
          wx.downloadFile({ url: ${JSON.stringify(s.url)}, fail: done('downloadFile') });
        }),
      };`,
  });
  const started = Date.now();
  const report = await runPlugin({ pluginDir: dir, allowlist: ALLOWLIST, clock: 'virtual', calls: [{ export: 'go', args: [] }], timeout: 5000 });
  const wall = Date.now() - started;
  assert.ok(wall < 2000, `took ${wall} ms of wall time`);
  assert.equal(s.seen, 2, 'both reached the server');
  assert.deepEqual(plain(report.calls[0].result), [['request', 'request:fail timeout', true], ['downloadFile', 'downloadFile:fail timeout', true]]);
  assert.ok(report.virtualTimeMs >= 60000, `virtual time ${report.virtualTimeMs}`);
  assert.deepEqual(report.pending, { callbacks: 0, tasks: 0, listeners: 0, timers: 0 });
});

test('virtual clock: an answer that comes within the quiet period is not skipped over', async (t) => {
  // A tenth of a quiet period ten times the default: no event-loop stall on a busy machine
  // makes the answer look like silence.
  const s = await server(t, QUIET_MS);
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' }, { clock: 'virtual', networkQuietMs: QUIET_MS * 10 });
  host.evaluate(`globalThis.out = []; wx.request({ url: ${JSON.stringify(s.url)}, timeout: 60000, success: (r) => out.push(r.data), fail: (r) => out.push(r.errMsg) });`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out')), [{ ok: 1 }]);
  assert.ok(host.clock.now() < 60000, `virtual time ${host.clock.now()}`);
});

test('virtual clock: networkQuietMs sets the quiet period, and a bad one is refused', async (t) => {
  const s = await server(t, null);
  // A silent server and a 1 s timeout: with the default quiet period the clock would skip
  // to the timeout after 0.5 s of wall time; with 10 s it runs at wall speed to it.
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' }, { clock: 'virtual', networkQuietMs: 10000 });
  const started = Date.now();
  host.evaluate(`globalThis.out = []; wx.request({ url: ${JSON.stringify(s.url)}, timeout: 1000, fail: (r) => out.push(r.errMsg) });`);
  await host.settle();
  const wall = Date.now() - started;
  assert.deepEqual(plain(host.evaluate('out')), ['request:fail timeout']);
  assert.ok(wall >= 995, `took ${wall} ms: skipped ahead before the quiet period ended`);
  for (const bad of [0, -1, NaN, '500']) {
    await assert.rejects(loadPlugin(t, { 'index.js': 'module.exports = {};' }, { networkQuietMs: bad }), {
      name: 'TypeError',
      message: `networkQuietMs must be a positive number of milliseconds, got ${JSON.stringify(bad)}`,
    });
  }
});

test('wall clock: a 150 ms timeout still times out, after 150 ms of wall time', async (t) => {
  const s = await server(t, null);
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' });
  const started = Date.now();
  host.evaluate(`globalThis.out = []; wx.request({ url: ${JSON.stringify(s.url)}, timeout: 150, fail: (r) => out.push(r.errMsg) });`);
  await host.settle();
  const wall = Date.now() - started;
  assert.deepEqual(plain(host.evaluate('out')), ['request:fail timeout']);
  assert.ok(wall >= 145 && wall < 2000, `took ${wall} ms`);
  assert.equal(s.seen, 1);
});

test('connectSocket timeout: a server that never finishes the handshake gives onError "timeout", then onClose', async (t) => {
  const sockets = [];
  const tcp = net.createServer((c) => { sockets.push(c); }); // accepts, never answers the upgrade
  await new Promise((r) => tcp.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { for (const c of sockets) c.destroy(); tcp.close(r); }));
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' });
  const started = Date.now();
  host.evaluate(`
    globalThis.out = [];
    const task = wx.connectSocket({ url: 'ws://127.0.0.1:${tcp.address().port}/', timeout: 200 });
    task.onOpen(() => out.push('open'));
    task.onError((e) => out.push(['error', e.errMsg]));
    task.onClose((e) => out.push(['close', e.code]));`);
  await host.settle();
  const wall = Date.now() - started;
  assert.equal(sockets.length, 1, 'the server saw the connection');
  assert.deepEqual(plain(host.evaluate('out')), [['error', 'timeout'], ['close', 1006]]);
  assert.ok(wall >= 195 && wall < 2000, `took ${wall} ms`);
});
