'use strict';
// The registry of implementations: one file per API category (apis/<category>.js),
// checked against the allowlist listing at start-up.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createHost, normalizeAllowlist } = require('../src');
const { checkRegistry, loadRegistry, REGISTRY, APIS_DIR } = require('../src/wx');
const { ALLOWLIST, tempDir } = require('../test-support/kit');
const { readRealAllowlist } = require('../test-support/allowlist');

let real = null;
const realList = () => (real = real || readRealAllowlist());

// A fabricated implementation, as a category file would export it.
const fake = (over) => ({ name: 'showToast', kind: 'async', simulated: 'real', impl: () => {}, category: 'ui', file: '/x/ui.js', ...over });

test('each apis/<file>.js implements only APIs of its category, as the listing gives it', () => {
  const category = new Map(realList().map((e) => [e.name, e.category]));
  const files = fs.readdirSync(APIS_DIR).filter((f) => f.endsWith('.js')).sort();
  // The files, read here without the registry's loader, and what each holds.
  const seen = new Map();
  for (const file of files) {
    const { entries } = require(path.join(APIS_DIR, file));
    assert.ok(Array.isArray(entries) && entries.length > 0, `${file} exports its entries`);
    for (const e of entries) {
      assert.ok(category.has(e.name), `${file}: ${e.name} is on the allowlist`);
      assert.equal(file, `${category.get(e.name)}.js`, `${e.name} is in the file of its category (${category.get(e.name)})`);
      assert.ok(!seen.has(e.name), `${e.name} is implemented once (also in ${seen.get(e.name)})`);
      seen.set(e.name, file);
    }
  }
  // The categories with implementations so far, written out by hand.
  assert.deepEqual(files, ['ad.js', 'ai.js', 'base.js', 'canvas.js', 'data_analysis.js', 'device.js', 'file.js', 'location.js', 'media.js',
    'navigate.js', 'network.js', 'open_api.js', 'payment.js', 'route.js', 'share.js', 'storage.js', 'ui.js', 'worker.js', 'wxml.js']);
  // The registry is exactly those entries, each knowing its file.
  assert.deepEqual(REGISTRY.map((r) => [r.name, path.basename(r.file), `${r.category}.js`]).sort(),
    [...seen].map(([name, file]) => [name, file, file]).sort());
  // Every API of the listing has an implementation (listeners are the host's own: on* keeps, off* removes).
  const implemented = new Set(REGISTRY.map((r) => r.name));
  const listing = realList();
  assert.equal(listing.length, 287);
  assert.deepEqual(listing.filter((e) => e.kind !== 'listener' && !implemented.has(e.name)).map((e) => e.name), []);
  assert.equal(REGISTRY.length, 287 - listing.filter((e) => e.kind === 'listener').length);
  // And it agrees with the whole listing.
  assert.doesNotThrow(() => checkRegistry(normalizeAllowlist(realList())));
});

test('checkRegistry refuses an implementation the listing does not have', () => {
  const entries = normalizeAllowlist(realList());
  const registry = [...REGISTRY, fake({ name: 'getClipbordData', category: 'device', file: '/x/device.js' })];
  assert.throws(() => checkRegistry(entries, { registry }),
    (e) => e.message === "wx-host's implementations disagree with the allowlist: getClipbordData is implemented (in device.js) but is not on the allowlist");
  // An API plugins may not call (clearStorage is on the reference page of mini-programs, not plugins).
  assert.throws(() => checkRegistry(entries, { registry: [fake({ name: 'clearStorage', category: 'storage', file: '/x/storage.js' })] }),
    /clearStorage is implemented \(in storage\.js\) but is not on the allowlist/);
  // Against a hand-made subset (no categories, as tests use) only kinds are checked.
  assert.doesNotThrow(() => checkRegistry(normalizeAllowlist(ALLOWLIST), { registry }));
  assert.throws(() => checkRegistry(normalizeAllowlist(ALLOWLIST), { registry, complete: true }), /getClipbordData is implemented/);
});

test('checkRegistry refuses a kind or a category other than the listing\'s', () => {
  const entries = normalizeAllowlist(realList());
  assert.throws(() => checkRegistry(entries, { registry: [fake({ kind: 'sync' })] }),
    (e) => e.message === "wx-host's implementations disagree with the allowlist: showToast is implemented as sync but the allowlist says async");
  assert.throws(() => checkRegistry(entries, { registry: [fake({ category: 'device', file: '/x/device.js' })] }),
    (e) => e.message === "wx-host's implementations disagree with the allowlist: showToast is implemented in apis/device.js but its category is ui");
  // Every disagreement is named, not just the first.
  assert.throws(() => checkRegistry(entries, { registry: [fake({ kind: 'task' }), fake({ name: 'nope' })] }),
    /showToast is implemented as task but the allowlist says async; nope is implemented \(in ui\.js\) but is not on the allowlist/);
});

test('the host stops at start-up when the whole listing lacks an API it implements', () => {
  const list = realList().filter((e) => e.name !== 'getFileSystemManager');
  assert.throws(() => createHost({ allowlist: list }), /getFileSystemManager is implemented \(in file\.js\) but is not on the allowlist/);
  const wrongKind = realList().map((e) => (e.name === 'uploadFile' ? { ...e, kind: 'async' } : e));
  assert.throws(() => createHost({ allowlist: wrongKind }), /uploadFile is implemented as task but the allowlist says async/);
});

test('loadRegistry refuses malformed category files and an API implemented twice', (t) => {
  const write = (dir, files) => {
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const root = tempDir(t);
  const entry = (name, extra = '') => `{ name: '${name}', kind: 'async', simulated: 'real', impl: () => {}${extra} }`;
  const ok = write(path.join(root, 'ok'), {
    'ui.js': `module.exports = { entries: [${entry('showToast')}] };`,
    'device.js': `module.exports = { entries: [${entry('vibrateLong')}], events: { onX: () => {} } };`,
    'README.txt': 'not a category file',
  });
  const { registry, events } = loadRegistry(ok);
  assert.deepEqual(registry.map((r) => [r.name, r.category]), [['vibrateLong', 'device'], ['showToast', 'ui']]);
  assert.deepEqual(Object.keys(events), ['onX']);

  const cases = [
    [{ 'a.js': 'module.exports = {};' }, /a\.js must export `entries`/],
    [{ 'a.js': `module.exports = { entries: [${entry('x').replace("kind: 'async'", "kind: 'promise'")}] };` }, /a\.js entries\[0\] \(x\): "kind" must be one of async, task/],
    [{ 'a.js': `module.exports = { entries: [${entry('x').replace("simulated: 'real'", "simulated: 'yes'")}] };` }, /"simulated" must be one of real, stateful, scripted/],
    [{ 'a.js': "module.exports = { entries: [{ name: 'x', kind: 'async', simulated: 'real' }] };" }, /"impl" must be a function/],
    [{ 'a.js': `module.exports = { entries: [${entry('x')}] };`, 'b.js': `module.exports = { entries: [${entry('x')}] };` }, /x is implemented twice, in .*a\.js and .*b\.js/],
  ];
  for (const [i, [files, re]] of cases.entries()) assert.throws(() => loadRegistry(write(path.join(root, `bad${i}`), files)), re);
});
