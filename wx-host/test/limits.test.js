'use strict';
// Runaway and memory-hungry plugins (issue 19 §1): plugin code that never
// gives the thread back — `while (true) {}` at load or in an export,
// `for (;;) await null`, a timer callback that loops — and an export that
// allocates without end. Each must end as a report with exit 1, naming what
// overran and the limit, keeping what happened before, within a bounded
// time; the process around it (this test runner) carries on.
//
// The bounds only catch hanging (a run that never ends, or ends when the
// machine runs out of memory after half a minute): a stopped run takes about
// the timeout plus the watchdog's second of silence.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ALLOWLIST, tempDir, writePlugin } = require('../test-support/kit');

const BIN = path.join(__dirname, '..', 'bin', 'wx-host.js');
const TIMEOUT = 1000;
const BOUND = TIMEOUT + 10000;

/** Runs the CLI without blocking this process; kills it past `killAfter` ms (a hang). */
function wxHost(args, { killAfter = BOUND + 5000 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfter);
    child.on('close', (status, signal) => {
      clearTimeout(killer);
      resolve({ status, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function plugin(t, index) {
  const dir = tempDir(t);
  const allowlist = path.join(dir, 'allowlist.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  return { dir: writePlugin(path.join(dir, 'plugin'), { 'index.js': index }), allowlist };
}

/** The CLI's JSON report of a run that must be stopped in time, with exit 1. */
async function stoppedRun(t, index, args, bound = BOUND) {
  const { dir, allowlist } = plugin(t, index);
  const r = await wxHost(['run', dir, '--allowlist', allowlist, '--json', ...args], { killAfter: bound + 5000 });
  assert.ok(r.ms < bound, `wx-host took ${r.ms} ms (killed: ${r.signal}); stderr: ${r.stderr}`);
  assert.equal(r.status, 1, `exit ${r.status} (signal ${r.signal}); stderr: ${r.stderr}`);
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout);
  assert.equal(report.ok, false);
  return report;
}

const SYSINFO = 'wx.getSystemInfoSync()';

test('while (true) {} at load: stopped after --timeout; the report names loading and keeps the console so far', async (t) => {
  const report = await stoppedRun(t, `
    ${SYSINFO};
    console.log('loading');
    while (true) {}
    module.exports = { never() {} };`, ['--timeout', String(TIMEOUT)]);
  assert.deepEqual(report.calls, []);
  assert.deepEqual(report.console, [{ level: 'log', text: 'loading' }]);
  assert.deepEqual(report.trace.map((r) => [r.api, r.outcome]), [['getSystemInfoSync', 'return']]);
  assert.equal(report.errors.length, 1);
  assert.equal(report.errors[0].source, 'load');
  assert.match(report.errors[0].message, /^loading the plugin did not end within 1000 ms \(--timeout\): plugin code kept the thread busy/);
  assert.deepEqual(report.stopped, { reason: 'timeout', phase: 'load', limitMs: TIMEOUT });
});

test('while (true) {} in an export: that call fails naming the export and the limit; the calls before it are kept', async (t) => {
  const report = await stoppedRun(t, `
    module.exports = {
      first() { console.log('first'); return ${SYSINFO}.SDKVersion; },
      spin(n) { console.log('spinning', n); while (true) {} },
      after() { return 'never called'; },
    };`, ['--timeout', String(TIMEOUT), '--call', 'first', '--call', 'spin=[3]', '--call', 'after']);
  assert.deepEqual(report.calls.map((c) => [c.export, c.ok, c.result]), [['first', true, '1.9.6'], ['spin', false, undefined]]);
  assert.deepEqual(report.calls[1].args, [3]);
  assert.match(report.calls[1].error, /^spin\(\) did not finish within 1000 ms \(--timeout\)/);
  assert.deepEqual(report.console, [{ level: 'log', text: 'first' }, { level: 'log', text: 'spinning 3' }]);
  assert.deepEqual(report.trace.map((r) => [r.api, r.outcome]), [['getSystemInfoSync', 'return']]);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.stopped, { reason: 'timeout', phase: 'call', export: 'spin', limitMs: TIMEOUT });
});

test('for (;;) await null in an async export (a microtask loop): stopped like a synchronous one', async (t) => {
  const report = await stoppedRun(t, `
    module.exports = { async churn() { wx.showToast({ title: 'x' }); for (;;) await null; } };`, ['--timeout', String(TIMEOUT)]);
  assert.equal(report.calls.length, 1);
  assert.equal(report.calls[0].export, 'churn');
  assert.equal(report.calls[0].ok, false);
  assert.match(report.calls[0].error, /^churn\(\) did not finish within 1000 ms \(--timeout\)/);
  // The toast was asked for before the loop; its answer never came (the loop starves the callbacks).
  assert.deepEqual(report.trace.map((r) => [r.api, r.outcome]), [['showToast', 'pending']]);
  assert.deepEqual(report.stopped, { reason: 'timeout', phase: 'call', export: 'churn', limitMs: TIMEOUT });
});

test('a setTimeout callback that loops forever: the call returned, settling is what overran', async (t) => {
  const report = await stoppedRun(t, `
    module.exports = { start() { setTimeout(() => { console.log('tick'); for (;;) {} }, 10); return 'started'; } };`,
  ['--timeout', String(TIMEOUT)]);
  assert.deepEqual(report.calls, [{ export: 'start', args: [], ok: true, result: 'started' }]);
  assert.deepEqual(report.console, [{ level: 'log', text: 'tick' }]);
  assert.equal(report.errors.length, 1);
  assert.equal(report.errors[0].source, 'settle');
  assert.match(report.errors[0].message, /^settling \(waiting for timers and callbacks\) after the calls did not end within 1000 ms \(--timeout\)/);
  assert.deepEqual(report.stopped, { reason: 'timeout', phase: 'settle', limitMs: TIMEOUT });
});

test('an export that allocates without end: stopped at the default memory limit, named, exit 1', async (t) => {
  // --timeout far above what filling 512 MB takes (2 s here; 8 s was not
  // always enough on a loaded 2-core machine), so memory is what stops it.
  const timeout = 60000;
  const report = await stoppedRun(t, `
    module.exports = {
      small() { return 1; },
      hog() { console.log('hogging'); const a = []; for (;;) a.push(new Array(1e6).fill(1)); },
    };`, ['--timeout', String(timeout), '--call', 'small', '--call', 'hog'], timeout + 10000);
  assert.deepEqual(report.calls[0], { export: 'small', args: [], ok: true, result: 1 });
  assert.equal(report.calls[1].ok, false);
  assert.equal(report.calls[1].error, 'hog(): the plugin ran out of its 512 MB of memory (--memory); wx-host stopped it');
  assert.deepEqual(report.console, [{ level: 'log', text: 'hogging' }]);
  assert.deepEqual(report.stopped, { reason: 'memory', phase: 'call', export: 'hog', limitMb: 512 });
});

test('--memory sets the limit; the text report says what was stopped', async (t) => {
  const { dir, allowlist } = plugin(t, 'module.exports = { hog() { const a = []; for (;;) a.push("x".repeat(1e5) + a.length); } };');
  // A long --timeout, so that memory is what stops it even on a loaded machine.
  const r = await wxHost(['run', dir, '--allowlist', allowlist, '--memory', '64', '--timeout', '60000'], { killAfter: 75000 });
  assert.ok(r.ms < 70000, `took ${r.ms} ms`);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^ {2}hog\(\) FAILED: hog\(\): the plugin ran out of its 64 MB of memory \(--memory\); wx-host stopped it$/m);
  assert.match(r.stdout, /1 call\(s\), 1 failed, 0 error\(s\): FAILED/);
});

test('runPluginIsolated: a runaway plugin in this very process ends as a report, and this process carries on', async (t) => {
  const { runPluginIsolated } = require('../src');
  const { dir } = plugin(t, `
    module.exports = {
      ok() { return 'fine'; },
      hog() { const a = []; for (;;) a.push(new Array(1e6).fill(1)); },
      spin() { for (;;) {} },
    };`);
  const memory = await runPluginIsolated({ pluginDir: dir, allowlist: ALLOWLIST, memory: 64, timeout: 60000, calls: [{ export: 'ok', args: [] }, { export: 'hog', args: [] }] });
  assert.equal(memory.ok, false);
  assert.deepEqual(memory.calls[0], { export: 'ok', args: [], ok: true, result: 'fine' });
  assert.deepEqual(memory.stopped, { reason: 'memory', phase: 'call', export: 'hog', limitMb: 64 });
  const started = Date.now();
  const time = await runPluginIsolated({ pluginDir: dir, allowlist: ALLOWLIST, timeout: TIMEOUT, calls: [{ export: 'spin', args: [] }] });
  assert.ok(Date.now() - started < BOUND);
  assert.deepEqual(time.stopped, { reason: 'timeout', phase: 'call', export: 'spin', limitMs: TIMEOUT });
  // Still here, and a normal run still works.
  const normal = await runPluginIsolated({ pluginDir: dir, allowlist: ALLOWLIST, calls: [{ export: 'ok', args: [] }] });
  assert.equal(normal.ok, true);
  assert.deepEqual(normal.pending, { callbacks: 0, tasks: 0, listeners: 0, timers: 0 });
});

test('runPluginIsolated refuses options a worker cannot take, naming the option, and a bad memory limit', async (t) => {
  const { runPluginIsolated } = require('../src');
  const { dir } = plugin(t, 'module.exports = { a() { return 1; } };');
  await assert.rejects(runPluginIsolated({ pluginDir: dir, allowlist: ALLOWLIST, scenario: { description: 'x', onEvent: () => {} } }), (e) => {
    assert.ok(e instanceof TypeError);
    assert.match(e.message, /^runPluginIsolated: options\.scenario\.onEvent is a function; the plugin runs in a worker thread, which takes only data/);
    assert.match(e.message, /Use runPlugin to run it in this thread\.$/);
    return true;
  });
  await assert.rejects(runPluginIsolated({ pluginDir: dir, calls: [{ export: 'a', args: [Symbol('s')] }] }), /options\.calls\[0\]\.args\[0\] is a symbol/);
  await assert.rejects(runPluginIsolated({ pluginDir: dir, memory: 8 }), /memory must be a whole number of MB, 16 or more, got 8/);
  // Bad input inside the worker is still the caller's UsageError, as with runPlugin.
  const { UsageError } = require('../src');
  await assert.rejects(runPluginIsolated({ pluginDir: dir, allowlist: ALLOWLIST, calls: [{ export: 'nope', args: [] }] }), (e) => e instanceof UsageError && /unknown export "nope"/.test(e.message));
});

test('runPluginIsolated gives the same report as runPlugin for a run that ends normally', async (t) => {
  const { runPlugin, runPluginIsolated } = require('../src');
  const { dir } = plugin(t, `
    module.exports = {
      save(v) { wx.setStorageSync('k', v); console.log('saved', v); return wx.getStorageSync('k'); },
      toast() { return new Promise((resolve) => wx.showToast({ title: 'hi', complete: (r) => resolve(r.errMsg) })); },
      later() { return new Promise((resolve) => setTimeout(() => resolve(Date.now() > 0), 50)); },
      boom() { throw new Error('kaboom'); },
      leave() { setTimeout(() => { throw new Error('in a timer'); }, 10); wx.onNetworkStatusChange(() => {}); },
    };`);
  for (const extra of [{}, { clock: 'virtual' }]) {
    const options = {
      pluginDir: dir, allowlist: ALLOWLIST, ...extra,
      calls: [{ export: 'save', args: [{ a: [1, 'b'] }] }, { export: 'toast', args: [] }, { export: 'later', args: [] },
        { export: 'boom', args: [] }, { export: 'leave', args: [] }, { emit: 'onNetworkStatusChange', payload: { networkType: '4g' } }],
    };
    const inProcess = await runPlugin(options);
    const isolated = await runPluginIsolated(options);
    // The virtual clock's end time is wall-speed work; anything else must match exactly.
    if (extra.clock) { assert.equal(typeof isolated.virtualTimeMs, 'number'); isolated.virtualTimeMs = inProcess.virtualTimeMs; }
    assert.equal(JSON.stringify(isolated), JSON.stringify(inProcess));
    assert.equal(isolated.ok, false);
    assert.equal(isolated.host, undefined); // the host lived in the worker
  }
});

test('a stopped run leaves no temp folder behind (the plugin\'s files, which dispose() would have removed)', async (t) => {
  const { dir, allowlist } = plugin(t, `
    module.exports = { w() { wx.getFileSystemManager().writeFileSync(wx.env.USER_DATA_PATH + '/a.txt', 'hi', 'utf8'); for (;;) {} } };`);
  const tmp = tempDir(t);
  const child = spawn(process.execPath, [BIN, 'run', dir, '--allowlist', allowlist, '--base', '2.19.2', '--timeout', String(TIMEOUT), '--json'],
    { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d) => { stdout += d; });
  const killer = setTimeout(() => child.kill('SIGKILL'), BOUND);
  const status = await new Promise((r) => child.on('close', r));
  clearTimeout(killer);
  assert.equal(status, 1);
  const report = JSON.parse(stdout);
  // (The last wx call before the loop may read "pending": nothing ran after it to write its outcome down.)
  assert.deepEqual(report.trace.map((r) => r.api), ['getFileSystemManager', 'FileSystemManager.writeFileSync']);
  assert.deepEqual(report.stopped, { reason: 'timeout', phase: 'call', export: 'w', limitMs: TIMEOUT });
  assert.deepEqual(fs.readdirSync(tmp), []);
});
