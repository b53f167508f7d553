'use strict';
// WeChat's limit of 10 request/uploadFile/downloadFile at once (together),
// the FIFO queue past it, abort and timeout of a queued task, and the
// scenario's network.maxConcurrentRequests. The loopback server counts what
// it is serving at once itself.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { validateScenario, ScenarioError } = require('../src/scenario');
const { loadPlugin, plain } = require('../test-support/kit');

/**
 * A server answering GET /?i=N with {"i":N} after `delay` ms (or, with
 * hold, not until release()). It records the arrival order, the most
 * requests it was serving at once, and how many it had answered when each arrived.
 */
async function countingServer(t, { delay = 20, hold = false } = {}) {
  const st = { inFlight: 0, maxInFlight: 0, arrivals: [], answeredAtArrival: [], answered: 0, held: [] };
  const s = http.createServer((req, res) => {
    const i = Number(new URL(req.url, 'http://x').searchParams.get('i'));
    st.inFlight += 1;
    st.maxInFlight = Math.max(st.maxInFlight, st.inFlight);
    st.arrivals.push(i);
    st.answeredAtArrival.push(st.answered);
    const answer = () => {
      st.inFlight -= 1;
      st.answered += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ i }));
    };
    if (hold) st.held.push(answer);
    else setTimeout(answer, delay);
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  st.url = `http://127.0.0.1:${s.address().port}/`;
  st.release = () => { for (const a of st.held.splice(0)) a(); };
  return st;
}
const EMPTY = { 'index.js': 'module.exports = {};' };

test('40 requests and downloads: at most 10 at the server at once, each answered with its own body, sent in call order', async (t) => {
  const server = await countingServer(t);
  const { host } = await loadPlugin(t, EMPTY, { baseVersion: '2.19.2' });
  host.evaluate(`
    globalThis.got = [];
    const fsm = wx.getFileSystemManager();
    for (let i = 0; i < 40; i++) {
      const url = ${JSON.stringify(server.url)} + '?i=' + i;
      if (i % 4 === 3) {
        wx.downloadFile({ url, success: (r) => got.push([i, JSON.parse(fsm.readFileSync(r.tempFilePath, 'utf8')).i]), fail: (r) => got.push([i, r.errMsg]) });
      } else {
        wx.request({ url, success: (r) => got.push([i, r.data.i]), fail: (r) => got.push([i, r.errMsg]) });
      }
    }`);
  await host.settle({ timeout: 10000 });
  assert.equal(server.maxInFlight, 10);
  assert.equal(server.arrivals.length, 40);
  const got = plain(host.evaluate('got')).sort((a, b) => a[0] - b[0]);
  assert.deepEqual(got, Array.from({ length: 40 }, (_, i) => [i, i]));
  // FIFO: the first ten sent at once are calls 0..9; call i (i >= 10) was
  // sent only once i - 9 answers had freed slots; and no call overtook an
  // earlier one by more than the ten sent together.
  assert.deepEqual([...server.arrivals.slice(0, 10)].sort((a, b) => a - b), [...Array(10).keys()]);
  server.arrivals.forEach((i, k) => { if (i >= 10) assert.ok(server.answeredAtArrival[k] >= i - 9, `call ${i} arrived with ${server.answeredAtArrival[k]} answered`); });
  assert.deepEqual([...server.arrivals].sort((a, b) => a - b), [...Array(40).keys()]);
});

test('maxConcurrentRequests 1: strictly one at a time, in call order', async (t) => {
  const server = await countingServer(t, { delay: 2 });
  const { host } = await loadPlugin(t, EMPTY, { scenario: { network: { maxConcurrentRequests: 1 } } });
  host.evaluate(`
    globalThis.got = [];
    for (let i = 0; i < 8; i++) wx.request({ url: ${JSON.stringify(server.url)} + '?i=' + i, success: (r) => got.push(r.data.i) });`);
  await host.settle();
  assert.equal(server.maxInFlight, 1);
  assert.deepEqual(server.arrivals, [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(plain(host.evaluate('got')), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('a queued task: abort() takes it out unsent (fail "abort"); its timeout counts from the call', async (t) => {
  const server = await countingServer(t, { hold: true });
  const { host } = await loadPlugin(t, EMPTY, { scenario: { network: { maxConcurrentRequests: 1 } } });
  host.evaluate(`
    globalThis.got = [];
    const u = (i) => ${JSON.stringify(server.url)} + '?i=' + i;
    const cb = (i) => ({ success: (r) => got.push([i, r.data.i]), fail: (r) => got.push([i, r.errMsg]) });
    wx.request({ url: u(0), ...cb(0) });
    globalThis.queued = wx.request({ url: u(1), ...cb(1) });
    wx.request({ url: u(2), timeout: 150, ...cb(2) });
    wx.request({ url: u(3), ...cb(3) });`);
  while (server.arrivals.length < 1) await new Promise((r) => setTimeout(r, 5));
  host.evaluate('queued.abort()');
  await new Promise((r) => setTimeout(r, 300)); // call 2 times out in the queue meanwhile
  assert.deepEqual(plain(host.evaluate('got')), [[1, 'request:fail abort'], [2, 'request:fail timeout']]);
  assert.deepEqual(server.arrivals, [0]);
  server.release();
  while (server.arrivals.length < 2) await new Promise((r) => setTimeout(r, 5));
  server.release();
  await host.settle();
  assert.deepEqual(server.arrivals, [0, 3]); // 1 and 2 were never sent
  assert.deepEqual(plain(host.evaluate('got')), [[1, 'request:fail abort'], [2, 'request:fail timeout'], [0, 0], [3, 3]]);
  assert.equal(host.held().tasks, 0);
});

test('network.maxConcurrentRequests is checked', () => {
  for (const bad of [0, -1, 2.5, '10', null]) {
    assert.throws(() => validateScenario({ network: { maxConcurrentRequests: bad } }, 'phone.json'), (e) => e instanceof ScenarioError
      && /^phone\.json: \$\.network\.maxConcurrentRequests: expected a whole number, 1 or more/.test(e.message));
  }
  assert.equal(validateScenario({ network: { maxConcurrentRequests: 3 } }, 'phone.json').network.maxConcurrentRequests, 3);
});
