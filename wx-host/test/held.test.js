'use strict';
// The run report's `pending` (what the host still holds for the plugin at
// the end of a run) and each call's `heapUsed` under node --expose-gc.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createHost, runPlugin } = require('../src');
const { ALLOWLIST, tempDir, writePlugin } = require('../test-support/kit');

const BIN = path.join(__dirname, '..', 'bin', 'wx-host.js');

/** A loopback server that never answers; counts the requests it has received. */
async function silentServer(t) {
  const seen = [];
  const s = http.createServer((req) => { seen.push(req.url); });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  return { url: `http://127.0.0.1:${s.address().port}`, seen };
}

// 3 listeners (2 on wx, 1 on the first task), 2 requests that get no answer
// (success + fail + complete each), a 1-hour timer; abortAll() aborts both.
const PLUGIN = (url) => ({
  'index.js': `
    const tasks = [];
    globalThis.failed = [];
    module.exports = {
      start() {
        wx.onNetworkStatusChange(() => {});
        wx.onNetworkStatusChange(() => {});
        for (const i of [1, 2]) {
          tasks.push(wx.request({ url: ${JSON.stringify(url)} + '/r' + i, success() {}, fail(r) { failed.push(r.errMsg); }, complete() {} }));
        }
        tasks[0].onHeadersReceived(() => {});
        setTimeout(() => {}, 3600000);
        return tasks.length;
      },
      abortAll() { for (const t of tasks) t.abort(); },
      failures() { return failed; },
    };`,
});

async function waitFor(cond, what) {
  const end = Date.now() + 3000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('pending counts what the host holds: 3 listeners, 2 unanswered requests (6 callbacks), 1 timer', async (t) => {
  const server = await silentServer(t);
  const dir = writePlugin(tempDir(t), PLUGIN(server.url));
  const report = await runPlugin({ pluginDir: dir, allowlist: ALLOWLIST, calls: [{ export: 'start', args: [] }], timeout: 400 });
  assert.equal(server.seen.length, 2, 'the server saw both requests');
  assert.deepEqual(report.pending, { callbacks: 6, tasks: 2, listeners: 3, timers: 1 });
  assert.equal(report.ok, false); // settle() gave up on them
  assert.equal(report.calls[0].heapUsed, undefined, 'no heapUsed without --expose-gc');
});

test('after abort: the fail "abort" callbacks are delivered, then nothing of the tasks is held', async (t) => {
  const server = await silentServer(t);
  const dir = writePlugin(tempDir(t), PLUGIN(server.url));
  const host = createHost({ allowlist: ALLOWLIST });
  t.after(() => host.dispose());
  const exp = await host.load(dir);
  exp.start();
  await waitFor(() => server.seen.length === 2, 'both requests at the server');
  assert.deepEqual(host.held(), { callbacks: 6, tasks: 2, listeners: 3, timers: 1 });
  exp.abortAll();
  await waitFor(() => host.evaluate('failed.length') === 2, 'the abort fails');
  assert.deepEqual(JSON.parse(JSON.stringify(host.evaluate('failed'))), ['request:fail abort', 'request:fail abort']);
  // The task's listener goes with its task; the wx listeners and the timer stay.
  assert.deepEqual(host.held(), { callbacks: 0, tasks: 0, listeners: 2, timers: 1 });
});

test('the CLI prints pending, and under --expose-gc each call has heapUsed', async (t) => {
  const dir = writePlugin(tempDir(t), {
    'index.js': `
      let kept = [];
      module.exports = {
        grow() { kept = new Array(2e6).fill(7); return kept.length; },
        shrink() { kept = []; return 0; },
      };`,
  });
  const args = [BIN, 'run', dir, '--call', 'grow', '--call', 'shrink', '--json'];
  const withGc = spawnSync(process.execPath, ['--expose-gc', ...args], { encoding: 'utf8' });
  assert.equal(withGc.status, 0, withGc.stderr);
  const r = JSON.parse(withGc.stdout);
  assert.deepEqual(r.pending, { callbacks: 0, tasks: 0, listeners: 0, timers: 0 });
  const [grow, shrink] = r.calls;
  assert.ok(Number.isInteger(grow.heapUsed) && grow.heapUsed > 0);
  // 2e6 numbers held (at least 8 MB as a packed array) and then let go: the heap falls by about that much.
  assert.ok(grow.heapUsed - shrink.heapUsed > 8e6, `heapUsed ${grow.heapUsed} then ${shrink.heapUsed}`);
  const without = spawnSync(process.execPath, args, { encoding: 'utf8' });
  assert.equal(without.status, 0, without.stderr);
  assert.ok(JSON.parse(without.stdout).calls.every((c) => !('heapUsed' in c)));
});
