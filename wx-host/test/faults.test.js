'use strict';
// Fault injection (src/faults.js, the scenario's `faults`): each fault kind
// on an API of each kind it applies to, the exact answers the plugin sees
// and the trace records; the checks that refuse a fault; the CLI end to end.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createHost } = require('../src');
const { validateScenario, ScenarioError } = require('../src/scenario');
const { ALLOWLIST, loadPlugin, plain, tempDir, writePlugin } = require('../test-support/kit');

const BIN = path.join(__dirname, '..', 'bin', 'wx-host.js');
const EMPTY = { 'index.js': 'module.exports = {};' };
const withFaults = (faults, extra = {}) => ({ scenario: { faults }, ...extra });
/** The trace without seq and args: what each call did. */
const records = (host, api) => host.trace.filter((r) => r.api === api).map(({ seq, args, ...rest }) => rest);

async function server(t, handler) {
  const s = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(handler(req))); });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  return `http://127.0.0.1:${s.address().port}`;
}

test('async fail: per call number, "<api>:fail <reason>" with errno and errCode; other calls are real', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([
    { api: 'showToast', call: 2, fault: 'fail', errMsg: 'system busy', errno: 1001, errCode: -1 },
  ]));
  host.evaluate(`
    globalThis.out = [];
    for (const title of ['a', 'b', 'c']) {
      wx.showToast({ title, success: (r) => out.push(['success', r]), fail: (r) => out.push(['fail', r]), complete: (r) => out.push(['complete', r.errMsg]) });
    }`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out')), [
    ['success', { errMsg: 'showToast:ok' }], ['complete', 'showToast:ok'],
    ['fail', { errMsg: 'showToast:fail system busy', errno: 1001, errCode: -1 }], ['complete', 'showToast:fail system busy'],
    ['success', { errMsg: 'showToast:ok' }], ['complete', 'showToast:ok'],
  ]);
  assert.deepEqual(records(host, 'showToast'), [
    { api: 'showToast', outcome: 'success', result: { errMsg: 'showToast:ok' } },
    { api: 'showToast', outcome: 'fail', fault: 'fail', errMsg: 'showToast:fail system busy' },
    { api: 'showToast', outcome: 'success', result: { errMsg: 'showToast:ok' } },
  ]);
  assert.deepEqual(host.ui.toast, { title: 'c', icon: 'success', duration: 1500 }); // the failed call did not show "b"
});

test('async fail for every call, promise style: the promise rejects with the fail result; a call-number fault wins', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([
    { api: 'getSystemInfo', fault: 'fail', errMsg: 'no phone' },
    { api: 'getSystemInfo', call: 2, fault: 'wrongShape', result: { brand: 7 } },
  ], { baseVersion: '2.10.2' }));
  host.evaluate(`
    globalThis.out = [];
    for (let i = 0; i < 3; i++) wx.getSystemInfo().then((r) => out.push(['resolved', r]), (r) => out.push(['rejected', r]));`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out')), [
    ['rejected', { errMsg: 'getSystemInfo:fail no phone' }],
    ['resolved', { brand: 7 }],
    ['rejected', { errMsg: 'getSystemInfo:fail no phone' }],
  ]);
  assert.deepEqual(records(host, 'getSystemInfo').map((r) => [r.fault, r.outcome]), [['fail', 'fail'], ['wrongShape', 'success'], ['fail', 'fail']]);
});

test('async throw: the call throws the message synchronously and nothing is called back', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'showModal', call: 1, fault: 'throw', message: 'modal exploded' }]));
  const r = plain(host.evaluate(`
    globalThis.calls = 0;
    const cb = () => { calls += 1; };
    let caught;
    try { wx.showModal({ title: 'q', success: cb, fail: cb, complete: cb }); } catch (e) { caught = [e instanceof Error, e.message]; }
    caught`));
  assert.deepEqual(r, [true, 'modal exploded']);
  await host.settle();
  assert.equal(host.evaluate('calls'), 0);
  assert.deepEqual(host.ui.modals, []);
  assert.deepEqual(records(host, 'showModal'), [{ api: 'showModal', outcome: 'throw', fault: 'throw', errMsg: 'modal exploded' }]);
});

test('async twice: success twice and complete twice; a real fail twice too', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'showToast', fault: 'twice' }]));
  host.evaluate(`
    globalThis.out = [];
    wx.showToast({ title: 'x', success: (r) => out.push('success ' + r.errMsg), fail: (r) => out.push('fail'), complete: (r) => out.push('complete ' + r.errMsg) });
    wx.showToast({ fail: (r) => out.push('fail ' + r.errMsg), complete: () => out.push('complete') });`);
  await host.settle();
  const bad = 'showToast:fail parameter error: parameter.title should be String instead of Undefined;';
  assert.deepEqual(plain(host.evaluate('out')), [
    'success showToast:ok', 'complete showToast:ok', 'success showToast:ok', 'complete showToast:ok',
    `fail ${bad}`, 'complete', `fail ${bad}`, 'complete',
  ]);
  assert.deepEqual(records(host, 'showToast'), [
    { api: 'showToast', outcome: 'success', fault: 'twice', result: { errMsg: 'showToast:ok' } },
    { api: 'showToast', outcome: 'fail', fault: 'twice', errMsg: bad },
  ]);
});

test('async never: no callback, the promise stays pending, settle() is not stuck, the trace says pending', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'getNetworkType', fault: 'never' }], { baseVersion: '2.10.2' }));
  host.evaluate(`
    globalThis.out = [];
    wx.getNetworkType({ success: () => out.push('success'), fail: () => out.push('fail'), complete: () => out.push('complete') });
    globalThis.p = wx.getNetworkType();
    p.then(() => out.push('resolved'), () => out.push('rejected'));`);
  assert.equal(host.evaluate('typeof p.then'), 'function');
  await host.settle();
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(plain(host.evaluate('out')), []);
  assert.deepEqual(records(host, 'getNetworkType'), [
    { api: 'getNetworkType', outcome: 'pending', fault: 'never' },
    { api: 'getNetworkType', outcome: 'pending', fault: 'never' },
  ]);
  assert.match(host.printTrace(), /#1 getNetworkType\(.*\) -> pending/);
});

test('async late: the real answer comes ms later, not before', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'getNetworkType', call: 1, fault: 'late', ms: 150 }]));
  const start = Date.now();
  host.evaluate(`
    globalThis.out = [];
    wx.getNetworkType({ success: (r) => out.push(['late', r]) });
    wx.getNetworkType({ success: (r) => out.push(['prompt', r.networkType]) });`);
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(plain(host.evaluate('out')), [['prompt', 'wifi']]);
  assert.deepEqual(host.pending(), ['getNetworkType callbacks (#1)']);
  await host.settle();
  assert.ok(Date.now() - start >= 150, `answered after ${Date.now() - start} ms`);
  assert.deepEqual(plain(host.evaluate('out')), [['prompt', 'wifi'], ['late', { errMsg: 'getNetworkType:ok', networkType: 'wifi', signalStrength: 0 }]]);
  assert.deepEqual(records(host, 'getNetworkType').map((r) => [r.fault, r.outcome]), [['late', 'success'], [undefined, 'success']]);
});

test('async wrongShape: success with exactly the given object', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'getSystemInfo', fault: 'wrongShape', result: { errMsg: 'getSystemInfo:ok', pixelRatio: 'three', safeArea: null } }]));
  host.evaluate('wx.getSystemInfo({ success: (r) => { globalThis.r = r; } })');
  await host.settle();
  assert.deepEqual(plain(host.evaluate('r')), { errMsg: 'getSystemInfo:ok', pixelRatio: 'three', safeArea: null });
  assert.deepEqual(records(host, 'getSystemInfo'), [
    { api: 'getSystemInfo', outcome: 'success', fault: 'wrongShape', result: { errMsg: 'getSystemInfo:ok', pixelRatio: 'three', safeArea: null } },
  ]);
});

test('sync, factory and converter faults: fail throws "<api>:fail <reason>" with errno, throw throws the message', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([
    { api: 'getStorageSync', call: 2, fault: 'fail', errMsg: 'disk full', errno: 1300202 },
    { api: 'getSystemInfoSync', fault: 'throw', message: 'no system' },
    { api: 'base64ToArrayBuffer', fault: 'fail', errMsg: 'bad base64', errCode: 7 },
    { api: 'getRecorderManager', fault: 'throw', message: 'no microphone' },
  ], { baseVersion: '2.18.1' }));
  const out = plain(host.evaluate(`
    const attempt = (f) => { try { return ['returned', f()]; } catch (e) { return ['threw', e instanceof Error, e.message, e.errno, e.errCode]; } };
    wx.setStorageSync('k', 'v');
    [attempt(() => wx.getStorageSync('k')), attempt(() => wx.getStorageSync('k')), attempt(() => wx.getStorageSync('k')),
     attempt(() => wx.getSystemInfoSync()), attempt(() => wx.base64ToArrayBuffer('AQI=')), attempt(() => typeof wx.getRecorderManager())]`));
  assert.deepEqual(out, [
    ['returned', 'v'],
    ['threw', true, 'getStorageSync:fail disk full', 1300202, null],
    ['returned', 'v'],
    ['threw', true, 'no system', null, null],
    ['threw', true, 'base64ToArrayBuffer:fail bad base64', null, 7],
    ['threw', true, 'no microphone', null, null],
  ]); // (undefined errno / errCode read back as null)
  assert.deepEqual(records(host, 'getStorageSync'), [
    { api: 'getStorageSync', outcome: 'return', result: 'v' },
    { api: 'getStorageSync', outcome: 'throw', fault: 'fail', errMsg: 'getStorageSync:fail disk full' },
    { api: 'getStorageSync', outcome: 'return', result: 'v' },
  ]);
  assert.deepEqual(records(host, 'getSystemInfoSync'), [{ api: 'getSystemInfoSync', outcome: 'throw', fault: 'throw', errMsg: 'no system' }]);
  assert.deepEqual(records(host, 'base64ToArrayBuffer'), [{ api: 'base64ToArrayBuffer', outcome: 'throw', fault: 'fail', errMsg: 'base64ToArrayBuffer:fail bad base64' }]);
  assert.deepEqual(records(host, 'getRecorderManager'), [{ api: 'getRecorderManager', outcome: 'throw', fault: 'throw', errMsg: 'no microphone' }]);
});

test('task fail: no request is made, fail then complete, the task\'s methods are there and do nothing', async (t) => {
  let hits = 0;
  const url = await server(t, () => { hits += 1; return { ok: true }; });
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'request', call: 1, fault: 'fail', errMsg: 'net::ERR_CONNECTION_RESET', errno: 600001 }]));
  host.evaluate(`
    globalThis.out = [];
    const task = wx.request({ url: '${url}/a', success: (r) => out.push(['success', r.data]), fail: (r) => out.push(['fail', r]), complete: (r) => out.push(['complete', r.errMsg]) });
    out.push(Object.keys(task).sort().join(','));
    task.onHeadersReceived(() => out.push('headers'));
    task.abort();
    wx.request({ url: '${url}/b', success: (r) => out.push(['success', r.data]) });`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out')), [
    'abort,offChunkReceived,offHeadersReceived,onChunkReceived,onHeadersReceived',
    ['fail', { errMsg: 'request:fail net::ERR_CONNECTION_RESET', errno: 600001 }],
    ['complete', 'request:fail net::ERR_CONNECTION_RESET'],
    ['success', { ok: true }],
  ]);
  assert.equal(hits, 1, 'only the second request reached the server');
  assert.deepEqual(records(host, 'request').map((r) => [r.fault, r.outcome, r.errMsg]), [
    ['fail', 'fail', 'request:fail net::ERR_CONNECTION_RESET'], [undefined, 'success', undefined],
  ]);
  assert.deepEqual(records(host, 'RequestTask.abort'), [{ api: 'RequestTask.abort', outcome: 'return' }]);
});

test('task never: no callback, the socket never opens, settle() is not stuck, the trace says pending', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'connectSocket', fault: 'never' }]));
  host.evaluate(`
    globalThis.out = [];
    const task = wx.connectSocket({ url: 'ws://127.0.0.1:9/', success: () => out.push('success'), fail: () => out.push('fail'), complete: () => out.push('complete') });
    task.onOpen(() => out.push('open'));
    task.send({ data: 'hi', success: () => out.push('sent'), fail: () => out.push('send failed') });
    out.push(Object.keys(task).sort().join(','));`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out')), ['close,offClose,offError,offMessage,offOpen,onClose,onError,onMessage,onOpen,send']);
  assert.deepEqual(records(host, 'connectSocket'), [{ api: 'connectSocket', outcome: 'pending', fault: 'never' }]);
  assert.deepEqual(host.pending(), []);
});

test('task late: the real response, delivered ms after it arrived', async (t) => {
  const url = await server(t, (req) => ({ path: req.url }));
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'downloadFile', fault: 'late', ms: 600 }, { api: 'request', fault: 'late', ms: 800 }], { baseVersion: '2.19.2' }));
  // Delays well above the 60 ms look below: on a loaded 2-core machine a
  // timer can slip by 100 ms and more, and 120/200 ms then raced it.
  const start = Date.now();
  host.evaluate(`
    globalThis.out = [];
    wx.request({ url: '${url}/slowly', success: (r) => out.push(['request', r.data, r.statusCode]) });
    wx.downloadFile({ url: '${url}/file', success: (r) => out.push(['download', wx.getFileSystemManager().readFileSync(r.tempFilePath, 'utf8')]) });`);
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(plain(host.evaluate('out')), []);
  await host.settle();
  assert.ok(Date.now() - start >= 800, `answered after ${Date.now() - start} ms`);
  assert.deepEqual(plain(host.evaluate('out')), [['download', '{"path":"/file"}'], ['request', { path: '/slowly' }, 200]]);
  assert.deepEqual(records(host, 'request').map((r) => [r.fault, r.outcome]), [['late', 'success']]);
  assert.deepEqual(records(host, 'downloadFile').map((r) => [r.fault, r.outcome]), [['late', 'success']]);
});

test('missing: absent from wx from the start, for an async, sync, task and listener API; traced as absent', async (t) => {
  const faults = ['showToast', 'getStorageSync', 'request', 'onNetworkStatusChange'].map((api) => ({ api, fault: 'missing' }));
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = { seen: typeof wx.request };' }, withFaults(faults));
  assert.equal(host.exports.seen, 'undefined');
  assert.deepEqual(plain(host.evaluate(`['showToast', 'getStorageSync', 'request', 'onNetworkStatusChange', 'hideToast'].map((n) => [n in wx, typeof wx[n]])`)),
    [[false, 'undefined'], [false, 'undefined'], [false, 'undefined'], [false, 'undefined'], [true, 'function']]);
  for (const name of ['showToast', 'getStorageSync', 'request', 'onNetworkStatusChange']) assert.ok(!host.exposed.includes(name), name);
  assert.equal(host.exposed.length, ALLOWLIST.filter((e) => e.since === '1.9.6').length - 4);
  assert.deepEqual(host.trace.map(({ args, ...r }) => r), [
    { seq: 1, api: 'showToast', outcome: 'absent', fault: 'missing' },
    { seq: 2, api: 'getStorageSync', outcome: 'absent', fault: 'missing' },
    { seq: 3, api: 'request', outcome: 'absent', fault: 'missing' },
    { seq: 4, api: 'onNetworkStatusChange', outcome: 'absent', fault: 'missing' },
  ]);
  // An API this base does not expose anyway gets no record.
  const old = createHost({ allowlist: ALLOWLIST, scenario: { faults: [{ api: 'getFileSystemManager', fault: 'missing' }] } });
  t.after(() => old.dispose());
  assert.deepEqual(old.trace, []);
});

test('a fault that does not apply, or is malformed, is refused naming the path; nothing runs', () => {
  const faults = [
    { api: 'request', fault: 'throw', message: 'x' }, // 0: tasks take fail, never, late, missing
    { api: 'getStorageSync', fault: 'twice' }, // 1
    { api: 'onNetworkStatusChange', fault: 'late', ms: 5 }, // 2
    { api: 'getRecorderManager', fault: 'wrongShape', result: {} }, // 3
    { api: 'noSuchApi', fault: 'never' }, // 4
    { api: 'showToast', call: 2, fault: 'missing' }, // 5
    { api: 'showToast', call: 0, fault: 'fail' }, // 6
    { api: 'showToast', fault: 'fail', errMsg: 'showToast:fail busy', errno: 1.5 }, // 7
    { api: 'showToast', fault: 'late' }, // 8
    { api: 'showToast', fault: 'explode' }, // 9
    { api: 'showToast', fault: 'never', ms: 3 }, // 10
    { api: 'showToast', fault: 'wrongShape', result: [1] }, // 11
    { api: 'getNetworkType', call: 3, fault: 'never' }, // 12
    { api: 'getNetworkType', call: 3, fault: 'twice' }, // 13
    'showToast', // 14
    { fault: 'never' }, // 15
  ];
  const expected = [
    'f.json: $.faults[0].fault: "throw" does not apply to request (a task API takes fail, never, late, missing)',
    'f.json: $.faults[1].fault: "twice" does not apply to getStorageSync (a sync API takes fail, throw, missing)',
    'f.json: $.faults[2].fault: "late" does not apply to onNetworkStatusChange (a listener API takes missing)',
    'f.json: $.faults[3].fault: "wrongShape" does not apply to getRecorderManager (a factory API takes fail, throw, missing)',
    'f.json: $.faults[4].api: expected an API of the allowlist or an object\'s method ("<Interface>.<method>"), got "noSuchApi"',
    'f.json: $.faults[5].call: a "missing" fault takes no call number (the function is absent from the start)',
    'f.json: $.faults[6].call: expected a call number, 1 or more (1 = the first call), got 0',
    'f.json: $.faults[6].errMsg: expected the reason, a non-empty string (the answer is "<api>:fail <reason>"), got nothing',
    'f.json: $.faults[7].errno: expected an integer, got 1.5',
    'f.json: $.faults[7].errMsg: expected the reason only (the host writes "showToast:fail <reason>"), got "showToast:fail busy"',
    'f.json: $.faults[8].ms: expected a number of milliseconds, 0 or more, got nothing',
    'f.json: $.faults[9].fault: expected one of "fail", "throw", "twice", "never", "late", "wrongShape", "missing", got "explode"',
    'f.json: $.faults[10].ms: unknown key for a "never" fault (expected one of api, call, fault)',
    'f.json: $.faults[11].result: expected a JSON object (the success result given instead of the real one), got [1]',
    'f.json: $.faults[13]: a second fault for call 3 of getNetworkType (the first is $.faults[12])',
    'f.json: $.faults[14]: expected an object { api, call?, fault, ... }, got "showToast"',
    'f.json: $.faults[15].api: expected a wx API name, e.g. "request", or an object\'s method, "<Interface>.<method>" (e.g. "SocketTask.send"), got nothing',
  ];
  assert.throws(() => createHost({ allowlist: ALLOWLIST, scenario: { faults }, scenarioName: 'f.json' }), (e) => {
    assert.ok(e instanceof ScenarioError);
    assert.deepEqual(e.problems, expected);
    return true;
  });
  // Without the allowlist (reading the file) only what needs no allowlist is checked.
  assert.throws(() => validateScenario({ faults }, 'f.json'), (e) => {
    assert.deepEqual(e.problems, expected.filter((p) => !/does not apply|an API of the allowlist/.test(p)));
    return true;
  });
  assert.throws(() => validateScenario({ faults: { showToast: 'fail' } }, 'f.json'),
    { message: 'f.json: $.faults: expected an array of faults ({ "api": "request", "call": 2, "fault": "fail", "errMsg": "timeout" }), got {"showToast":"fail"}' });
  assert.throws(() => createHost({ allowlist: ALLOWLIST, scenario: { faults: [{ api: 'showToast', fault: 'never' }, { api: 'showToast', fault: 'twice' }] } }),
    { message: 'scenario: $.faults[1]: a second fault for every call of showToast (the first is $.faults[0])' });
});

test('the CLI runs --scenario with faults: the report\'s calls and trace show each; a bad fault exits 2 and runs nothing', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'p'), {
    'index.js': `
      wx.setStorageSync('loaded', true);
      const ask = (api, o = {}) => new Promise((resolve) => wx[api]({ ...o, success: (r) => resolve(['ok', r]), fail: (r) => resolve(['fail', r]) }));
      module.exports = {
        toast: () => ask('showToast', { title: 'hi' }),
        info: () => ask('getSystemInfo'),
        sync: () => { try { return wx.getStorageSync('loaded'); } catch (e) { return 'threw ' + e.message; } },
        has: () => typeof wx.hideToast,
        slow: () => ask('getNetworkType'),
        hang: () => { wx.getNetworkType({ success: () => { throw new Error('called back'); } }); return 'asked'; },
      };`,
  });
  const allowlist = path.join(dir, 'a.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const scenario = path.join(dir, 'faults.json');
  const run = (faults) => {
    fs.writeFileSync(scenario, JSON.stringify({ description: 'a bad day', faults }));
    return spawnSync(process.execPath, [BIN, 'run', plugin, '--allowlist', allowlist, '--json', '--scenario', scenario,
      '--call', 'toast', '--call', 'toast', '--call', 'info', '--call', 'sync', '--call', 'has', '--call', 'slow', '--call', 'hang'],
    { encoding: 'utf8', timeout: 30000 });
  };
  let r = run([
    { api: 'showToast', call: 2, fault: 'fail', errMsg: 'busy', errno: 9 },
    { api: 'getSystemInfo', fault: 'wrongShape', result: { model: 42 } },
    { api: 'getStorageSync', fault: 'throw', message: 'storage gone' },
    { api: 'hideToast', fault: 'missing' },
    { api: 'getNetworkType', call: 1, fault: 'late', ms: 100 },
    { api: 'getNetworkType', call: 2, fault: 'never' },
  ]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.calls.map((c) => c.result), [
    ['ok', { errMsg: 'showToast:ok' }],
    ['fail', { errMsg: 'showToast:fail busy', errno: 9 }],
    ['ok', { model: 42 }],
    'threw storage gone',
    'undefined',
    ['ok', { errMsg: 'getNetworkType:ok', networkType: 'wifi', signalStrength: 0 }],
    'asked',
  ]);
  assert.deepEqual(report.trace.map((x) => [x.api, x.outcome, x.fault ?? null]), [
    ['hideToast', 'absent', 'missing'],
    ['setStorageSync', 'return', null],
    ['showToast', 'success', null],
    ['showToast', 'fail', 'fail'],
    ['getSystemInfo', 'success', 'wrongShape'],
    ['getStorageSync', 'throw', 'throw'],
    ['getNetworkType', 'success', 'late'],
    ['getNetworkType', 'pending', 'never'],
  ]);
  assert.deepEqual(report.errors, []);

  // The CLI checks the file against the allowlist it was given: every problem at once.
  r = run([{ api: 'request', fault: 'twice' }, { api: 'showToast', fault: 'late', ms: -1 }, { api: 'showTost', fault: 'never' }]);
  assert.equal(r.status, 2);
  assert.deepEqual(r.stderr.split('\n').slice(0, 4), [
    `wx-host: ${scenario}: $.faults[0].fault: "twice" does not apply to request (a task API takes fail, never, late, missing)`,
    `${scenario}: $.faults[1].ms: expected a number of milliseconds, 0 or more, got -1`,
    `${scenario}: $.faults[2].api: expected an API of the allowlist or an object's method ("<Interface>.<method>"), got "showTost"`,
    'run "wx-host --help" for usage',
  ]);
  assert.equal(r.stdout, '');

  // The text report marks each fault in the trace.
  fs.writeFileSync(scenario, JSON.stringify({ faults: [{ api: 'hideToast', fault: 'missing' }] }));
  r = spawnSync(process.execPath, [BIN, 'run', plugin, '--allowlist', allowlist, '--scenario', scenario, '--call', 'has'], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\n {2}#1 hideToast\(\) -> absent \(fault: missing\)\n {2}#2 setStorageSync/);
});

test('on the real list: each kind takes its faults and no other; fail and missing work on every API', async (t) => {
  const { readRealAllowlist } = require('../test-support/allowlist');
  const list = readRealAllowlist();
  // The faults each kind takes, as documented in the README's table.
  const TAKES = {
    async: ['fail', 'throw', 'twice', 'never', 'late', 'wrongShape', 'missing'],
    task: ['fail', 'never', 'late', 'missing'],
    sync: ['fail', 'throw', 'missing'],
    factory: ['fail', 'throw', 'missing'],
    converter: ['fail', 'throw', 'missing'],
    listener: ['missing'],
  };
  const PARAMS = { fail: { errMsg: 'x' }, throw: { message: 'x' }, late: { ms: 1 }, wrongShape: { result: {} } };
  const kinds = new Map(list.map((e) => [e.name, e.kind]));
  for (const { name, kind } of list) {
    for (const fault of TAKES.async) {
      const check = () => validateScenario({ faults: [{ api: name, fault, ...PARAMS[fault] }] }, 's', { kinds });
      if (TAKES[kind].includes(fault)) assert.doesNotThrow(check, `${fault} on ${name} (${kind})`);
      else assert.throws(check, { message: `s: $.faults[0].fault: "${fault}" does not apply to ${name} (a ${kind} API takes ${TAKES[kind].join(', ')})` });
    }
  }

  // fail on every API but the listeners, which are missing instead.
  const faults = list.map(({ name, kind }) => (kind === 'listener' ? { api: name, fault: 'missing' } : { api: name, fault: 'fail', errMsg: 'injected', errno: 42 }));
  const host = createHost({ allowlist: list, baseVersion: '99.0.0', asReferencePage: true, scenario: { faults } });
  t.after(() => host.dispose());
  host.evaluate(`
    globalThis.seen = {};
    globalThis.runAll = (apis) => {
      for (const [name, kind] of apis) {
        const note = (what) => { (seen[name] = seen[name] || []).push(what); };
        if (kind === 'listener') { note(typeof wx[name]); continue; }
        const cb = { success: (r) => note(['success', r.errMsg]), fail: (r) => note(['fail', r.errMsg, r.errno]), complete: (r) => note(['complete', r.errMsg]) };
        try { const v = wx[name](kind === 'async' || kind === 'task' ? cb : undefined); if (kind === 'task') note(['task', typeof v]); }
        catch (e) { note(['threw', e.message, e.errno]); }
      }
    };`);
  host.evaluate(`runAll(${JSON.stringify(list.map((e) => [e.name, e.kind]))})`);
  await host.settle();
  const seen = plain(host.evaluate('seen'));
  for (const { name, kind } of list) {
    const msg = `${name}:fail injected`;
    const expected = {
      async: [['fail', msg, 42], ['complete', msg]],
      task: [['task', 'object'], ['fail', msg, 42], ['complete', msg]],
      listener: ['undefined'],
    }[kind] || [['threw', msg, 42]];
    assert.deepEqual(seen[name], expected, `${name} (${kind})`);
  }
  const listeners = list.filter((e) => e.kind === 'listener');
  assert.deepEqual(host.trace.filter((r) => r.outcome === 'absent').map((r) => r.api), listeners.map((e) => e.name));
  assert.equal(host.trace.filter((r) => r.fault === 'fail').length, list.length - listeners.length);
  assert.equal(host.exposed.length, list.length - listeners.length);
});

test('FileSystemManager methods take faults too: per call, with the method\'s own errMsg name; missing ones are absent', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([
    { api: 'FileSystemManager.readFile', call: 2, fault: 'fail', errMsg: 'no such file or directory wxfile://usr/a.txt', errCode: 1300002 },
    { api: 'FileSystemManager.readFileSync', fault: 'throw', message: 'disk gone' },
    { api: 'FileSystemManager.writeFile', call: 1, fault: 'never' },
    { api: 'FileSystemManager.stat', fault: 'wrongShape', result: { stats: 'not stats' } },
    { api: 'FileSystemManager.unlink', fault: 'missing' },
    { api: 'FileSystemManager.unlinkSync', fault: 'missing' },
  ], { baseVersion: '2.19.2' }));
  host.evaluate(`
    globalThis.out = [];
    const fsm = wx.getFileSystemManager();
    fsm.writeFileSync(wx.env.USER_DATA_PATH + '/a.txt', 'hello', 'utf8');
    const cb = (label) => ({ success: (r) => out.push([label, 'success', r]), fail: (r) => out.push([label, 'fail', r]) });
    for (const n of [1, 2, 3]) fsm.readFile({ filePath: wx.env.USER_DATA_PATH + '/a.txt', encoding: 'utf8', ...cb('readFile ' + n) });
    try { fsm.readFileSync(wx.env.USER_DATA_PATH + '/a.txt', 'utf8'); } catch (e) { out.push(['readFileSync', 'threw', e.message]); }
    fsm.writeFile({ filePath: wx.env.USER_DATA_PATH + '/b.txt', data: 'b', ...cb('writeFile') });
    fsm.stat({ path: wx.env.USER_DATA_PATH + '/a.txt', ...cb('stat') });
    out.push(['unlink', typeof fsm.unlink, typeof fsm.unlinkSync, typeof fsm.rmdir]);`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out')), [
    ['readFileSync', 'threw', 'disk gone'],
    ['unlink', 'undefined', 'undefined', 'function'],
    ['readFile 1', 'success', { errMsg: 'readFile:ok', data: 'hello' }],
    ['readFile 2', 'fail', { errMsg: 'readFile:fail no such file or directory wxfile://usr/a.txt', errCode: 1300002 }],
    ['readFile 3', 'success', { errMsg: 'readFile:ok', data: 'hello' }],
    ['stat', 'success', { stats: 'not stats' }],
  ]);
  assert.equal(host.evaluate(`(() => { try { wx.getFileSystemManager().accessSync(wx.env.USER_DATA_PATH + '/b.txt'); return 'there'; } catch (e) { return e.message; } })()`),
    'accessSync:fail no such file or directory wxfile://usr/b.txt', 'the never-answered writeFile wrote nothing');
  assert.deepEqual(host.trace.filter((r) => r.fault).map((r) => [r.api, r.outcome, r.fault]), [
    ['FileSystemManager.unlink', 'absent', 'missing'],
    ['FileSystemManager.unlinkSync', 'absent', 'missing'],
    ['FileSystemManager.readFile', 'fail', 'fail'],
    ['FileSystemManager.readFileSync', 'throw', 'throw'],
    ['FileSystemManager.writeFile', 'pending', 'never'],
    ['FileSystemManager.stat', 'success', 'wrongShape'],
  ]);
  // A sync method takes what sync APIs take; an unknown method is refused.
  assert.throws(() => createHost({ allowlist: ALLOWLIST, scenario: { faults: [
    { api: 'FileSystemManager.readFileSync', fault: 'late', ms: 1 },
    { api: 'FileSystemManager.readFiles', fault: 'never' },
    { api: 'FileSystemManager.readFile', fault: 'fail', errMsg: 'readFile:fail x' },
  ] } }), (e) => {
    assert.deepEqual(e.problems, [
      'scenario: $.faults[0].fault: "late" does not apply to FileSystemManager.readFileSync (a sync API takes fail, throw, missing)',
      'scenario: $.faults[1].api: expected a method of FileSystemManager plugins may call (access, accessSync, appendFile, appendFileSync, close, closeSync, copyFile, copyFileSync, ... (38 in all)), got "FileSystemManager.readFiles"',
      'scenario: $.faults[2].errMsg: expected the reason only (the host writes "readFile:fail <reason>"), got "readFile:fail x"',
    ]);
    return true;
  });
});

test('a late answer still due when the host is disposed does not keep the process alive', async (t) => {
  const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timeouts();
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'getNetworkType', fault: 'late', ms: 600000 }]));
  host.evaluate('wx.getNetworkType({}); setTimeout(() => {}, 600000)');
  await assert.rejects(host.settle({ timeout: 50 }), { message: 'settle: still pending after 50 ms: getNetworkType callbacks (#1), setTimeout #1 (600000 ms)' });
  assert.equal(timeouts(), before + 2);
  host.dispose();
  assert.equal(timeouts(), before, 'dispose cleared the late answer\'s timer and the plugin\'s');
  assert.deepEqual(records(host, 'getNetworkType'), [{ api: 'getNetworkType', outcome: 'pending', fault: 'late' }]);
});
