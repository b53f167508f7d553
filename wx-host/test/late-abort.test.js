'use strict';
// A task under a `late` fault that the plugin aborts (issue 19 §5): the
// response has arrived, its answer waits out the fault's `ms`, and the plugin
// calls abort() meanwhile. As for a task aborted in flight, the plugin hears
// "<api>:fail abort" (then complete) and nothing else — not the late success.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { loadPlugin, plain } = require('../test-support/kit');

const EMPTY = { 'index.js': 'module.exports = {};' };

async function server(t) {
  const s = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"answer":42}'); });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  return `http://127.0.0.1:${s.address().port}`;
}

// The plugin's view: what each callback got and when (ms after the call).
const START = (api, url) => `
  globalThis.out = [];
  const t0 = Date.now();
  const note = (what) => (r) => out.push([what, r.errMsg, Date.now() - t0]);
  globalThis.task = wx.${api}({ url: '${url}/x', success: note('success'), fail: note('fail'), complete: note('complete') });`;

for (const api of ['request', 'downloadFile']) {
  test(`${api} under a late fault, aborted while its answer waits: fail "abort" at once, never the late success`, async (t) => {
    const url = await server(t);
    const { host } = await loadPlugin(t, EMPTY, { baseVersion: '2.19.2', scenario: { faults: [{ api, fault: 'late', ms: 1000 }] } });
    host.evaluate(`${START(api, url)}
      setTimeout(() => task.abort(), 300);`);
    await host.settle();
    const out = plain(host.evaluate('out'));
    assert.deepEqual(out.map(([what, errMsg]) => [what, errMsg]), [['fail', `${api}:fail abort`], ['complete', `${api}:fail abort`]]);
    // Answered when aborted (300 ms), not when the late answer was due (1000 ms after the response).
    assert.ok(out[0][2] < 900, `fail came ${out[0][2]} ms after the call`);
    const recs = host.trace.filter((r) => r.api === api);
    assert.deepEqual(recs.map((r) => [r.outcome, r.errMsg, r.fault]), [['fail', `${api}:fail abort`, 'late']]);
    assert.deepEqual(host.held(), { callbacks: 0, tasks: 0, listeners: 0, timers: 0 });
    assert.deepEqual(host.pending(), []);
  });
}

test('a late-fault request aborted before its response arrives answers fail "abort" at once, as without the fault', async (t) => {
  // A server that answers after 600 ms; the abort comes at 100 ms.
  const s = http.createServer((req, res) => { setTimeout(() => { res.writeHead(200); res.end('{}'); }, 600); });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  const { host } = await loadPlugin(t, EMPTY, { scenario: { faults: [{ api: 'request', fault: 'late', ms: 1000 }] } });
  host.evaluate(`${START('request', `http://127.0.0.1:${s.address().port}`)}
    setTimeout(() => task.abort(), 100);`);
  await host.settle();
  const out = plain(host.evaluate('out'));
  assert.deepEqual(out.map(([what, errMsg]) => [what, errMsg]), [['fail', 'request:fail abort'], ['complete', 'request:fail abort']]);
  assert.ok(out[0][2] < 900, `fail came ${out[0][2]} ms after the call`);
});

test('a late-fault request not aborted still answers its real success ms late; abort() after the answer changes nothing', async (t) => {
  const url = await server(t);
  const { host } = await loadPlugin(t, EMPTY, { scenario: { faults: [{ api: 'request', fault: 'late', ms: 200 }] } });
  host.evaluate(`${START('request', url)}`);
  await host.settle();
  host.evaluate('task.abort()');
  await host.settle();
  const out = plain(host.evaluate('out'));
  assert.deepEqual(out.map(([what, errMsg]) => [what, errMsg]), [['success', 'request:ok'], ['complete', 'request:ok']]);
  assert.ok(out[0][2] >= 200, `success came ${out[0][2]} ms after the call, before the fault's 200 ms`);
});
