'use strict';
// The virtual clock (src/clock.js; --virtual-clock, the scenario's "clock"):
// the plugin's timers and Date, the host's delayed answers and `late` faults
// skip ahead when only timers are pending, and keep their place among real
// I/O while it is pending.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createHost, runPlugin } = require('../src');
const { ALLOWLIST, loadPlugin, plain, tempDir, writePlugin } = require('../test-support/kit');

const BIN = path.join(__dirname, '..', 'bin', 'wx-host.js');
const TEN_MINUTES = 10 * 60 * 1000;

// Waits ten minutes of setTimeout; answers what the plugin's Date saw.
const WAITER = `
  module.exports = {
    async wait() {
      const before = Date.now();
      const made = new Date();
      await new Promise((resolve) => setTimeout(resolve, ${TEN_MINUTES}));
      return { waited: Date.now() - before, dateIsClock: made.getTime() === before, isDate: new Date() instanceof Date, epoch: new Date(0).getTime() };
    },
  };`;

test('--virtual-clock: ten minutes of setTimeout finish in under 2 s wall time; the report says 600000 ms', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'p'), { 'index.js': WAITER });
  const allowlist = path.join(dir, 'a.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const started = Date.now();
  let r = spawnSync(process.execPath, [BIN, 'run', plugin, '--allowlist', allowlist, '--virtual-clock', '--json', '--call', 'wait'], { encoding: 'utf8', timeout: 30000 });
  const wall = Date.now() - started;
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.ok(wall < 2000, `took ${wall} ms of wall time`);
  const report = JSON.parse(r.stdout);
  assert.equal(report.virtualTimeMs, TEN_MINUTES);
  assert.deepEqual(report.calls, [{ export: 'wait', args: [], ok: true, result: { waited: TEN_MINUTES, dateIsClock: true, isDate: true, epoch: 0 } }]);
  assert.deepEqual(report.errors, []);

  // The text report says it too; without the flag there is no virtual time.
  r = spawnSync(process.execPath, [BIN, 'run', plugin, '--allowlist', allowlist, '--virtual-clock', '--call', 'wait'], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\nvirtual clock: 600000 ms at the end\n/);
  r = spawnSync(process.execPath, [BIN, 'run', plugin, '--allowlist', allowlist, '--json', '--call', 'wait', '--timeout', '300'], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 1, 'on the wall clock ten minutes do not pass in 300 ms');
  assert.equal(JSON.parse(r.stdout).virtualTimeMs, undefined);
  assert.equal(JSON.parse(r.stdout).calls[0].error, 'Error: export wait() did not settle within 300 ms');
});

test('the scenario\'s "clock": "virtual" does the same through runPlugin; "wall" with --virtual-clock is refused', async (t) => {
  const dir = tempDir(t);
  const pluginDir = writePlugin(path.join(dir, 'p'), { 'index.js': WAITER });
  const started = Date.now();
  const report = await runPlugin({ pluginDir, allowlist: ALLOWLIST, calls: [{ export: 'wait', args: [] }], scenario: { clock: 'virtual' } });
  assert.ok(Date.now() - started < 2000);
  assert.equal(report.ok, true, JSON.stringify(report.errors));
  assert.equal(report.virtualTimeMs, TEN_MINUTES);
  assert.equal(report.calls[0].result.waited, TEN_MINUTES);

  assert.throws(() => createHost({ allowlist: ALLOWLIST, scenario: { clock: 'sundial' }, scenarioName: 'c.json' }),
    { message: 'c.json: $.clock: expected one of "wall", "virtual", got "sundial"' });
  const file = path.join(dir, 'wall.json');
  fs.writeFileSync(file, JSON.stringify({ clock: 'wall' }));
  const allowlist = path.join(dir, 'a.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const r = spawnSync(process.execPath, [BIN, 'run', pluginDir, '--allowlist', allowlist, '--scenario', file, '--virtual-clock'], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 2);
  assert.equal(r.stderr.split('\n')[0], `wx-host: --virtual-clock and ${file}'s $.clock "wall" disagree; keep one`);
});

test('setInterval on the virtual clock: ten ticks a minute apart, then cleared', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' }, { clock: 'virtual' });
  const started = Date.now();
  host.evaluate(`
    globalThis.ticks = [];
    let n = 0;
    const t0 = Date.now();
    const id = setInterval(() => { ticks.push(Date.now() - t0); if (++n === 10) clearInterval(id); }, 60000);
    setTimeout(() => ticks.push('half past ' + (Date.now() - t0)), 90000);`);
  await host.settle();
  assert.ok(Date.now() - started < 2000);
  assert.deepEqual(plain(host.evaluate('ticks')), [60000, 'half past 90000', 120000, 180000, 240000, 300000, 360000, 420000, 480000, 540000, 600000]);
  assert.equal(host.clock.now(), 600000);
  assert.deepEqual(host.pending(), []);
});

test('a late fault and a recording run on the virtual clock: an hour late, a ten-minute recording', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' }, {
    baseVersion: '2.18.1', scenario: { clock: 'virtual', faults: [{ api: 'getNetworkType', fault: 'late', ms: 3600000 }] },
  });
  const started = Date.now();
  host.evaluate(`
    globalThis.out = [];
    const t0 = Date.now();
    wx.getNetworkType({ success: (r) => out.push(['network', r.networkType, Date.now() - t0]) });
    const rec = wx.getRecorderManager();
    rec.onStop((r) => out.push(['stop', r.duration, Date.now() - t0]));
    rec.start({ format: 'mp3' });
    setTimeout(() => rec.stop(), ${TEN_MINUTES});`);
  await host.settle();
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  const out = plain(host.evaluate('out'));
  // onStop comes a macrotask after stop(): real work, during which the clock runs at wall speed
  // (a second of slack for a busy machine; the next timer is the late answer, an hour in).
  assert.ok(out[0][2] >= TEN_MINUTES && out[0][2] < TEN_MINUTES + 1000, `onStop at ${out[0][2]}`);
  out[0][2] = TEN_MINUTES;
  assert.deepEqual(out, [['stop', TEN_MINUTES, TEN_MINUTES], ['network', 'wifi', 3600000]]);
  assert.equal(host.clock.now(), 3600000);
  assert.deepEqual(host.trace.find((r) => r.api === 'getNetworkType').fault, 'late');
});

test('while real I/O is pending the virtual clock runs at wall speed: timers keep their place among responses', async (t) => {
  const s = http.createServer((req, res) => setTimeout(() => res.end('slow answer'), 150));
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  // A quiet period far above the server's 150 ms: a stall of the event loop on a
  // busy machine must not make the answer look like silence (it did, in CI).
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' }, { clock: 'virtual', networkQuietMs: 5000 });
  const started = Date.now();
  host.evaluate(`
    globalThis.order = [];
    wx.request({ url: 'http://127.0.0.1:${s.address().port}/', dataType: 'text', success: (r) => order.push(r.data) });
    setTimeout(() => order.push('50 ms'), 50);
    setTimeout(() => order.push('10 min'), ${TEN_MINUTES});`);
  await host.settle();
  const wall = Date.now() - started;
  assert.deepEqual(plain(host.evaluate('order')), ['50 ms', 'slow answer', '10 min']);
  assert.ok(wall >= 150 && wall < 2000, `took ${wall} ms`);
  assert.equal(host.clock.now(), TEN_MINUTES);
});

test('an interval nobody clears runs the virtual clock on until the wall-clock timeout, then settle names it', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' }, { clock: 'virtual' });
  host.evaluate('globalThis.n = 0; setInterval(() => { n += 1; }, 1000);');
  await assert.rejects(host.settle({ timeout: 200 }), { message: 'settle: still pending after 200 ms: setInterval #1 (every 1000 ms)' });
  const n = host.evaluate('n');
  assert.ok(n > 100, `${n} ticks`);
  assert.equal(host.clock.now(), n * 1000);
  host.dispose();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(host.evaluate('n'), n, 'dispose stops the clock');
});

// Registers for network changes at load; notes each change with the plugin's time.
const WATCHER = `
  globalThis.t0 = Date.now();
  globalThis.changes = [];
  wx.onNetworkStatusChange((r) => changes.push([Date.now() - t0, r.networkType]));
  module.exports = { changes: () => changes, type: () => new Promise((resolve) => wx.getNetworkType({ success: (r) => resolve(r.networkType) })) };`;

test('the scenario\'s events fire at their times after load: on the virtual clock in ms, and settle waits for them', async (t) => {
  const events = [
    { at: 30000, emit: 'onNetworkStatusChange', payload: { isConnected: false, networkType: 'none' } },
    { at: 90000, emit: 'onNetworkStatusChange', payload: { isConnected: true, networkType: '4g' } },
    { at: 90000, emit: 'onCompassChange', payload: { direction: 90 } }, // the compass is off: dropped
  ];
  const { host } = await loadPlugin(t, { 'index.js': WATCHER }, { clock: 'virtual', asReferencePage: true, scenario: { events } });
  const started = Date.now();
  host.evaluate('setTimeout(() => wx.getNetworkType({ success: (r) => changes.push([Date.now() - t0, "asked: " + r.networkType]) }), 60000)');
  await host.settle();
  assert.ok(Date.now() - started < 2000);
  assert.deepEqual(plain(host.evaluate('changes')), [[30000, 'none'], [60000, 'asked: none'], [90000, '4g']]);
  assert.deepEqual(host.trace.filter((r) => r.kind === 'event').map(({ seq, ...r }) => r), [
    { api: 'onNetworkStatusChange', args: [{ isConnected: false, networkType: 'none' }], outcome: 'delivered', kind: 'event', at: 30000, listeners: 1 },
    { api: 'onNetworkStatusChange', args: [{ isConnected: true, networkType: '4g' }], outcome: 'delivered', kind: 'event', at: 90000, listeners: 1 },
    { api: 'onCompassChange', args: [{ direction: 90 }], outcome: 'dropped', kind: 'event', at: 90000, listeners: 0, reason: 'compass is off (startCompass not called)' },
  ]);
  assert.equal(host.clock.now(), 90000);
  assert.equal(host.device.networkType, '4g');
  assert.deepEqual(host.errors, []);
});

test('scenario events on the wall clock, through the CLI; bad events are refused with the rest of the file', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'p'), { 'index.js': WATCHER });
  const allowlist = path.join(dir, 'a.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const file = path.join(dir, 'events.json');
  const run = (scenario) => {
    fs.writeFileSync(file, JSON.stringify(scenario));
    return spawnSync(process.execPath, [BIN, 'run', plugin, '--allowlist', allowlist, '--scenario', file, '--json', '--call', 'type'], { encoding: 'utf8', timeout: 30000 });
  };
  const started = Date.now();
  let r = run({ events: [{ at: 0, emit: 'onNetworkStatusChange', payload: { isConnected: true, networkType: '3g' } }, { at: 150, emit: 'onNetworkStatusChange', payload: { isConnected: true, networkType: '5g' } }] });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.ok(Date.now() - started >= 150, 'the run waited for the last event');
  const report = JSON.parse(r.stdout);
  // The first call ran right after load, before the event at 0 (a macrotask later).
  assert.deepEqual(report.calls[0].result, 'wifi');
  assert.deepEqual(report.trace.map((x) => [x.api, x.kind === 'event' ? [x.at, x.args[0].networkType, x.listeners] : x.outcome]), [
    ['onNetworkStatusChange', 'registered'], ['getNetworkType', 'success'],
    ['onNetworkStatusChange', [0, '3g', 1]], ['onNetworkStatusChange', [150, '5g', 1]],
  ]);
  assert.equal(report.virtualTimeMs, undefined);

  r = run({ events: [{ at: -1, emit: 'onNetworkStatusChange' }, { at: 5, emit: 'networkChanged' }, { at: 5, emit: 'onNoSuchEvent' }, { at: 5, emit: 'offNetworkStatusChange' }, { emit: 'onCompassChange', when: 3 }, 'x'] });
  assert.equal(r.status, 2);
  assert.deepEqual(r.stderr.split('\n').slice(0, 8), [
    `wx-host: ${file}: $.events[0].at: expected a time in ms after the plugin is loaded, 0 or more, got -1`,
    `${file}: $.events[1].emit: expected an on* event name, e.g. "onNetworkStatusChange", got "networkChanged"`,
    `${file}: $.events[2].emit: expected an on* listener of the allowlist, got "onNoSuchEvent"`,
    `${file}: $.events[3].emit: expected an on* event name, e.g. "onNetworkStatusChange", got "offNetworkStatusChange"`,
    `${file}: $.events[4].when: unknown key (expected one of at, emit, payload)`,
    `${file}: $.events[4].at: expected a time in ms after the plugin is loaded, 0 or more, got nothing`,
    `${file}: $.events[5]: expected an object { at, emit, payload }, got "x"`,
    'run "wx-host --help" for usage',
  ]);
});
