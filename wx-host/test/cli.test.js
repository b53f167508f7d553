'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ALLOWLIST, tempDir, writePlugin } = require('../test-support/kit');
const { readRealAllowlist } = require('../test-support/allowlist');

const BIN = path.join(__dirname, '..', 'bin', 'wx-host.js');
const wxHost = (args, input) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, timeout: 30000 });

// A JS-only plugin: what a packaged plugin's main module looks like to the host.
const INDEX = `
  module.exports = {
    greet(name = 'world') {
      wx.showToast({ title: 'hello ' + name });
      wx.setStorageSync('greeted', name);
      console.log('greeted', name);
      return { greeted: name, sdk: wx.getSystemInfoSync().SDKVersion };
    },
    async later() {
      await new Promise((r) => setTimeout(r, 5));
      return wx.getStorageSync('greeted');
    },
    boom() { throw new Error('kaboom'); },
  };`;

function fixture(t) {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'plugin'), { 'index.js': INDEX });
  const allowlist = path.join(dir, 'allowlist.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  return { dir, plugin, allowlist };
}

test('--json prints one report object; exit 0 when every call succeeds', (t) => {
  const { dir, plugin, allowlist } = fixture(t);
  const traceFile = path.join(dir, 'trace.json');
  const r = wxHost(['run', plugin, '--allowlist', allowlist, '--call', 'greet=["Ada"]', '--call', 'later', '--json', '--trace-json', traceFile]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(report), ['base', 'exposed', 'calls', 'trace', 'console', 'errors', 'pending', 'ok']);
  assert.equal(report.ok, true);
  assert.deepEqual(report.pending, { callbacks: 0, tasks: 0, listeners: 0, timers: 0 }); // everything settled
  assert.equal(report.base, '1.9.6');
  assert.equal(report.exposed, ALLOWLIST.filter((e) => e.since === '1.9.6').length);
  assert.deepEqual(report.calls, [
    { export: 'greet', args: ['Ada'], ok: true, result: { greeted: 'Ada', sdk: '1.9.6' } },
    { export: 'later', args: [], ok: true, result: 'Ada' },
  ]);
  assert.deepEqual(report.trace.map((x) => [x.api, x.outcome]), [
    ['showToast', 'success'], ['setStorageSync', 'return'], ['getSystemInfoSync', 'return'], ['getStorageSync', 'return'],
  ]);
  assert.deepEqual(report.console, [{ level: 'log', text: 'greeted Ada' }]);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(JSON.parse(fs.readFileSync(traceFile, 'utf8')), report.trace);
});

test('the default run calls every export; a throwing export gives exit 1', (t) => {
  const { plugin, allowlist } = fixture(t);
  const r = wxHost(['run', plugin, '--allowlist', allowlist, '--base', '2.18.1']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /base library 2\.18\.1, \d+ wx functions exposed/);
  assert.match(r.stdout, /greet\(\) -> \{"greeted":"world","sdk":"2\.18\.1"\}/);
  assert.match(r.stdout, /boom\(\) FAILED: Error: kaboom/);
  assert.match(r.stdout, /#1 showToast\(\{"title":"hello world"\}\) -> success/);
  assert.match(r.stdout, /\[log\] greeted world/);
  assert.doesNotMatch(r.stdout + r.stderr, /at .*\.js:\d+/); // no stack trace

  const json = JSON.parse(wxHost(['run', plugin, '--allowlist', allowlist, '--json']).stdout);
  assert.deepEqual(json.calls.map((c) => [c.export, c.ok]), [['greet', true], ['later', true], ['boom', false]]);
  assert.equal(json.calls[2].error, 'Error: kaboom');
});

test('storage persists between runs with --storage; --allowlist - reads stdin', (t) => {
  const { dir, plugin, allowlist } = fixture(t);
  const storage = path.join(dir, 'storage.json');
  assert.equal(wxHost(['run', plugin, '--allowlist', allowlist, '--storage', storage, '--call', 'greet=["Bo"]', '--quiet']).status, 0);
  const r = wxHost(['run', plugin, '--allowlist', '-', '--storage', storage, '--call', 'later', '--json'], fs.readFileSync(allowlist, 'utf8'));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).calls[0].result, 'Bo');
  const other = wxHost(['run', plugin, '--allowlist', allowlist, '--storage', storage, '--plugin-id', 'other', '--call', 'later', '--json']);
  assert.equal(JSON.parse(other.stdout).calls[0].result, '');
});

test('--quiet prints nothing on success and the failure otherwise', (t) => {
  const { plugin, allowlist } = fixture(t);
  const ok = wxHost(['run', plugin, '--allowlist', allowlist, '--call', 'greet', '--quiet']);
  assert.equal(ok.status, 0);
  assert.equal(ok.stdout, '');
  const bad = wxHost(['run', plugin, '--allowlist', allowlist, '--call', 'greet', '--call', 'boom', '--quiet']);
  assert.equal(bad.status, 1);
  assert.doesNotMatch(bad.stdout, /greet/);
  assert.match(bad.stdout, /boom\(\) FAILED: Error: kaboom/);
});

test('--missing leaves an API out', (t) => {
  const { plugin, allowlist } = fixture(t);
  const r = wxHost(['run', plugin, '--allowlist', allowlist, '--missing', 'showToast', '--call', 'greet', '--json']);
  assert.equal(r.status, 1);
  assert.match(JSON.parse(r.stdout).calls[0].error, /^TypeError: wx\.showToast is not a function/);
});

test('--json always has a top-level ok: true when every call succeeded, false on a failed call or a load failure', (t) => {
  const { dir, plugin, allowlist } = fixture(t);
  const ok = wxHost(['run', plugin, '--allowlist', allowlist, '--call', 'greet', '--json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).ok, true);
  const failed = wxHost(['run', plugin, '--allowlist', allowlist, '--call', 'greet', '--call', 'boom', '--json']);
  assert.equal(failed.status, 1);
  assert.equal(JSON.parse(failed.stdout).ok, false);
  const throwsAtLoad = writePlugin(path.join(dir, 'throws'), { 'index.js': 'throw new Error("broken at load");' });
  const load = wxHost(['run', throwsAtLoad, '--allowlist', allowlist, '--json']);
  assert.equal(load.status, 1);
  const report = JSON.parse(load.stdout);
  assert.equal(report.ok, false);
  assert.deepEqual(report.errors, [{ source: 'load', message: 'Error: broken at load (at index.js:1:7)' }]);
});

test('--missing refuses a name that is not on the allowlist (exit 2, the closest name); one above --base is fine', (t) => {
  const { plugin, allowlist } = fixture(t);
  const typo = wxHost(['run', plugin, '--allowlist', allowlist, '--missing', 'showTost', '--call', 'greet']);
  assert.equal(typo.status, 2);
  assert.equal(typo.stdout, '');
  assert.equal(typo.stderr, 'wx-host: --missing showTost: no such API on the allowlist (did you mean showToast?)\nrun "wx-host --help" for usage\n');
  const made = wxHost(['run', plugin, '--allowlist', allowlist, '--missing', 'notAnApi', '--json']);
  assert.equal(made.status, 2);
  assert.equal(made.stdout, '');
  assert.match(made.stderr, /^wx-host: --missing notAnApi: no such API on the allowlist \(did you mean \w+\?\)\n/);
  // getFileSystemManager is on the kit's allowlist from 2.19.2: absent at 1.9.6 anyway, not a mistake.
  const above = wxHost(['run', plugin, '--allowlist', allowlist, '--missing', 'getFileSystemManager', '--call', 'greet', '--json']);
  assert.equal(above.status, 0, above.stderr);
  assert.equal(above.stderr, '');
  assert.equal(JSON.parse(above.stdout).ok, true);
});

test('bad usage exits 2 with a one-line message and no stack trace', (t) => {
  const { dir, plugin, allowlist } = fixture(t);
  const badJson = path.join(dir, 'bad.json');
  fs.writeFileSync(badJson, '[{"name": ');
  const cases = [
    [[], /missing command "run"/],
    [['walk', plugin], /unknown command "walk"/],
    [['run'], /missing <pluginDir>/],
    [['run', plugin, '--allowlist', allowlist, '--frobnicate'], /Unknown option '--frobnicate'/],
    [['run', plugin, '--allowlist', badJson], /--allowlist .*bad\.json: not valid JSON/],
    [['run', plugin, '--allowlist', path.join(dir, 'none.json')], /--allowlist .*none\.json: cannot read \(ENOENT\)/],
    [['run', plugin, '--allowlist', allowlist, '--base', 'latest'], /--base latest: not a version/],
    [['run', plugin, '--allowlist', allowlist, '--call', 'greet=[1'], /--call greet=\.\.\.: arguments are not valid JSON/],
    [['run', plugin, '--allowlist', allowlist, '--call', 'greet={"a":1}'], /--call greet=\.\.\.: arguments must be a JSON array/],
    [['run', plugin, '--allowlist', allowlist, '--call', 'nope'], /unknown export "nope" \(the plugin exports: greet, later, boom\)/],
  ];
  for (const [args, re] of cases) {
    const r = wxHost(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.split('\n')[0], new RegExp(`^wx-host: ${re.source}`), args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /, args.join(' '));
    assert.equal(r.stdout, '');
  }
  const bad = path.join(dir, 'wrong-shape.json');
  fs.writeFileSync(bad, JSON.stringify([{ name: 'showToast' }]));
  assert.match(wxHost(['run', plugin, '--allowlist', bad]).stderr, /^wx-host: allowlist entry 0 \(showToast\): "since" must be a version/);
  const help = wxHost(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage: wx-host run <pluginDir> \[--allowlist <file\|->\]/);
});

test('a missing plugin folder is bad usage: exit 2, one line naming it, nothing run', (t) => {
  const { dir, plugin, allowlist } = fixture(t);
  const nowhere = path.join(dir, 'nowhere');
  for (const args of [['run', nowhere], ['run', nowhere, '--json']]) {
    const r = wxHost([...args, '--allowlist', allowlist]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `wx-host: plugin folder not found: ${nowhere} (ENOENT)\nrun "wx-host --help" for usage\n`);
  }
  // A file where the folder should be is the same mistake.
  const file = wxHost(['run', path.join(plugin, 'index.js'), '--allowlist', allowlist]);
  assert.equal(file.status, 2);
  assert.match(file.stderr, /index\.js is not a folder: give the plugin folder \(the one with plugin\.json\)/);
});

test('a bad plugin.json fails loading with exit 1, no stack trace', (t) => {
  const { dir, allowlist } = fixture(t);
  const broken = writePlugin(path.join(dir, 'broken'), { 'plugin.json': '{"main": 1}' });
  const r = wxHost(['run', broken, '--allowlist', allowlist, '--json']);
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.calls, []);
  assert.match(report.errors[0].message, /"main" must name/);
  assert.equal(report.ok, false);
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at /);
});

test('errors in callbacks and unhandled rejections make the run fail (exit 1)', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'p'), {
    'index.js': `module.exports = {
      cb() { wx.showToast({ title: 'x', success() { throw new Error('in callback'); } }); return 'returned'; },
      rej() { Promise.reject(new Error('nobody catches')); return 'returned'; },
    };`,
  });
  const allowlist = path.join(dir, 'a.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const r = wxHost(['run', plugin, '--allowlist', allowlist, '--json']);
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  assert.ok(report.calls.every((c) => c.ok));
  assert.deepEqual(report.errors.map((e) => e.message).sort(), ['Error: in callback', 'Error: nobody catches']);
});

test('a plugin interval still running is reported and does not hang the CLI', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'p'), { 'index.js': 'module.exports = { start() { setInterval(() => {}, 1000); } };' });
  const allowlist = path.join(dir, 'a.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const r = wxHost(['run', plugin, '--allowlist', allowlist, '--timeout', '200', '--json']);
  assert.equal(r.status, 1);
  assert.match(JSON.parse(r.stdout).errors[0].message, /still pending after 200 ms: setInterval #1 \(every 1000 ms\)/);
});

test('--emit fires an event to the listeners registered so far, in order among the --calls', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'plugin'), {
    'index.js': `
      const seen = [];
      const listener = (e) => seen.push(e.networkType);
      module.exports = {
        watch() { wx.onNetworkStatusChange(listener); },
        unwatch() { wx.offNetworkStatusChange(listener); },
        seen() { return seen.join(','); },
      };`,
  });
  const allowlist = path.join(dir, 'allowlist.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const r = wxHost(['run', plugin, '--allowlist', allowlist, '--base', '2.18.1', '--json',
    '--emit', 'onNetworkStatusChange={"networkType":"2g"}',
    '--call', 'watch', '--emit', 'onNetworkStatusChange={"networkType":"wifi"}',
    '--call', 'unwatch', '--emit', 'onNetworkStatusChange={"networkType":"4g"}', '--call', 'seen']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  // Only the event between watch and unwatch arrived.
  assert.equal(report.calls.at(-1).result, 'wifi');
  const events = report.trace.filter((x) => x.kind === 'event');
  assert.deepEqual(events.map((x) => [x.api, x.listeners, x.args[0].networkType]),
    [['onNetworkStatusChange', 0, '2g'], ['onNetworkStatusChange', 1, 'wifi'], ['onNetworkStatusChange', 0, '4g']]);
  assert.deepEqual(report.errors, []);
});

test('--emit refuses what is not an on* event or not JSON', (t) => {
  const { plugin, allowlist } = fixture(t);
  let r = wxHost(['run', plugin, '--allowlist', allowlist, '--emit', 'networkChange']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--emit networkChange: expected an on\* event name, e\.g\. onNetworkStatusChange/);
  r = wxHost(['run', plugin, '--allowlist', allowlist, '--emit', 'onNetworkStatusChange={x']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--emit onNetworkStatusChange=\.\.\.: the payload is not valid JSON/);
});

test('coverage prints one row per API (a table, or JSON with --json)', (t) => {
  const { allowlist } = fixture(t);
  let r = wxHost(['coverage', '--allowlist', allowlist, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout);
  assert.equal(rows.length, ALLOWLIST.length);
  assert.deepEqual(rows.find((x) => x.name === 'showToast'), { name: 'showToast', kind: 'async', simulated: 'real' });
  assert.deepEqual(rows.find((x) => x.name === 'getLocation'), { name: 'getLocation', kind: 'async', simulated: 'scripted' });
  r = wxHost(['coverage', '--allowlist', allowlist]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^showToast\s+async\s+real$/m);
  assert.match(r.stdout, /^getFileSystemManager\s+factory\s+stateful$/m);
  // The kit's 31 APIs, counted by hand: real are the 2 system-info, 5 ui, 6 storage
  // and 2 converter functions and request, uploadFile, downloadFile, connectSocket (19);
  // stateful getNetworkType, getRecorderManager, getFileSystemManager, createInnerAudioContext,
  // createCanvasContext (5); scripted getLocation, getBatteryInfoSync, pluginLogin and the 4
  // listeners (7); nothing "not yet". In order of first appearance:
  assert.equal(ALLOWLIST.length, 31);
  assert.equal(r.stdout.trimEnd().split('\n').at(-1), '19 real, 7 scripted, 5 stateful');
  // The whole listing (counted by hand in allowlist.test.js): 107 stateful, 27 real, 153 scripted,
  // in order of first appearance (addPhoneContact is stateful).
  const listing = path.join(tempDir(t), 'listing.json');
  fs.writeFileSync(listing, JSON.stringify(readRealAllowlist()));
  r = wxHost(['coverage', '--allowlist', listing]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n').at(-1), '107 stateful, 27 real, 153 scripted');
  const rowsAll = JSON.parse(wxHost(['coverage', '--allowlist', listing, '--json']).stdout);
  assert.equal(rowsAll.length, 287);
  assert.deepEqual(Object.keys(rowsAll[0]), ['name', 'kind', 'simulated']);
  // Without --allowlist: the listing wx-host ships, which is the whole listing.
  r = wxHost(['coverage']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n').at(-1), '107 stateful, 27 real, 153 scripted');
});
