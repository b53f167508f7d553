'use strict';
// The harness itself: that a component in it meets the phone's limits (the
// base library's wx, WXWebAssembly and its path rules, no Node globals, no
// node modules) and that nothing of one component leaks into the next.
// Each test writes a small plugin folder of its own.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadComponent, toolsProblem, GLOBALS_REMOVED } = require('./harness');

/** A plugin folder in a temp dir: { 'components/x/x.js': '...', ... }; plugin.json is added. */
function plugin(t, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-components-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const all = { 'plugin.json': JSON.stringify({ main: 'index.js', publicComponents: {} }), 'index.js': 'module.exports = {};', ...files };
  for (const [name, content] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** One component `probe` whose JS is `js` and whose view shows `{{out}}`. */
function probePlugin(t, js, extra = {}) {
  return plugin(t, {
    'components/probe/probe.json': '{"component": true}',
    'components/probe/probe.wxml': '<text class="out">{{out}}</text><button class="go" bindtap="go">go</button>',
    'components/probe/probe.js': js,
    ...extra,
  });
}

const open = (t, dir, options) => {
  const c = loadComponent(path.join(dir, 'components', 'probe'), options);
  t.after(() => c.dispose());
  return c;
};

test('a component calling an API newer than the base fails as on a phone; at that base it works', async (t) => {
  // getAppBaseInfo: plugins from base 2.21.3 (the allowlist's feature table in README.md).
  const dir = probePlugin(t, `
    Component({
      data: { out: '' },
      lifetimes: { attached: function () { this.setData({ out: wx.getAppBaseInfo().SDKVersion }); } },
    });`);
  const old = open(t, dir, { base: '2.21.2' });
  assert.equal(old.errors.length, 1);
  assert.match(old.errors[0].message, /wx\.getAppBaseInfo is not a function/);
  assert.deepEqual(old.setDataCalls, []);
  old.dispose();
  const now = open(t, dir, { base: '2.21.3' });
  assert.deepEqual(now.errors, []);
  assert.equal(now.text('.out'), '2.21.3');
  assert.deepEqual(now.host.trace.map((r) => [r.api, r.outcome]), [['getAppBaseInfo', 'return']]);
});

test("WXWebAssembly is wx-host's from 2.18.1: absolute paths from the plugin root load, relative ones are refused", async (t) => {
  // (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
  const add = Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,
    0x03, 0x02, 0x01, 0x00,
    0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
  ]);
  const dir = probePlugin(t, `
    Component({
      properties: { wasm: { type: String, value: '/pkg/add.wasm' } },
      data: { out: typeof WXWebAssembly },
      methods: {
        go: function () {
          var self = this;
          WXWebAssembly.instantiate(this.data.wasm, {}).then(function (r) {
            self.setData({ out: String(r.instance.exports.add(2, 3)) });
          }, function (e) {
            self.setData({ out: e.message });
          });
        },
      },
    });`, { 'pkg/add.wasm': add });
  const c = open(t, dir, { base: '2.18.1', mode: 'wasm' });
  assert.equal(c.text('.out'), 'object');
  await c.tap('.go');
  assert.equal(c.text('.out'), '5');
  assert.deepEqual(c.host.trace.map((r) => [r.api, r.args[0], r.outcome]), [['WXWebAssembly.instantiate', '/pkg/add.wasm', 'success']]);
  c.dispose();

  const relative = open(t, dir, { base: '2.18.1', props: { wasm: 'pkg/add.wasm' } });
  await relative.tap('.go');
  assert.match(relative.text('.out'), /^WXWebAssembly\.instantiate:fail permission denied, "pkg\/add\.wasm" is a relative path/);
  relative.dispose();

  const old = open(t, dir, { base: '2.17.1' });
  assert.equal(old.text('.out'), 'undefined');
  old.dispose();
  assert.throws(() => loadComponent(path.join(dir, 'components', 'probe'), { base: '2.17.1', mode: 'wasm' }),
    /mode 'wasm' needs base 2\.18\.1 or later/);
});

test('Node globals a phone lacks are not there for the component, and come back after dispose', async (t) => {
  const names = ['TextEncoder', 'TextDecoder', 'WebAssembly', 'Buffer', 'process', 'global', 'setImmediate', 'URL', 'window', 'document'];
  const dir = probePlugin(t, `
    'use strict';
    var seen = {};
    ${JSON.stringify(names)}.forEach(function (n) { seen[n] = typeof eval(n); });
    var onGlobal = {};
    ['TextEncoder', 'TextDecoder', 'WebAssembly'].forEach(function (n) { onGlobal[n] = typeof globalThis[n]; });
    Component({
      data: { out: '' },
      lifetimes: { attached: function () { this.setData({ seen: seen, onGlobal: onGlobal, timer: typeof setTimeout, wx: typeof wx }); } },
      methods: { go: function () { new TextEncoder().encode('a'); } },
    });`);
  const before = Object.fromEntries(GLOBALS_REMOVED.map((n) => [n, globalThis[n]]));
  const c = open(t, dir);
  assert.deepEqual(c.setDataCalls[0].data, {
    seen: Object.fromEntries(names.map((n) => [n, 'undefined'])),
    onGlobal: { TextEncoder: 'undefined', TextDecoder: 'undefined', WebAssembly: 'undefined' },
    timer: 'function',
    wx: 'object',
  });
  await c.tap('.go');
  assert.equal(c.errors.length, 1);
  assert.equal(c.errors[0].name, 'TypeError'); // a glue without its own TextEncoder fails here, not on a phone
  c.dispose();
  for (const n of GLOBALS_REMOVED) assert.equal(globalThis[n], before[n], `${n} restored`);
  assert.equal(globalThis.wx, undefined);
  assert.equal(globalThis.WXWebAssembly, undefined);
  assert.equal(globalThis.Component, undefined);
  assert.equal(globalThis.window, undefined);
  assert.equal(typeof new TextEncoder().encode, 'function');
});

test('queueMicrotask is absent from the global object too, so a glue that looks there first falls back as on a phone', async (t) => {
  // wasm-bindgen-futures' glue asks the global object for queueMicrotask
  // and then calls the bare name; with it hidden in scope only, an async
  // Rust handler threw a TypeError here where a phone takes the Promise way.
  const dir = probePlugin(t, `
    function later(f) {
      if (typeof globalThis.queueMicrotask === 'function') queueMicrotask(f);
      else Promise.resolve().then(f);
    }
    Component({
      data: { out: '' },
      methods: { go: function () { var self = this; later(function () { self.setData({ out: 'later' }); }); } },
    });`);
  const c = open(t, dir);
  await c.tap('.go');
  assert.deepEqual(c.errors, []);
  assert.equal(c.text('.out'), 'later');
});

test("the component's own polyfill of a hidden name works as written", async (t) => {
  const dir = probePlugin(t, `
    'use strict';
    const TextEncoder = function TextEncoder() {};
    TextEncoder.prototype.encode = function (s) { return s.length; };
    Component({ data: { out: String(new TextEncoder().encode('abc')) } });`);
  const c = open(t, dir);
  assert.equal(c.text('.out'), '3');
});

test('plugin files require each other by relative paths (outside the component folder too), never node modules', async (t) => {
  const dir = probePlugin(t, `
    var shared = require('../../lib/shared.js');
    Component({ data: { out: shared.greet('plugin') } });`, {
    'lib/shared.js': 'exports.greet = function (who) { return "hello, " + who; };',
  });
  const c = open(t, dir);
  assert.equal(c.text('.out'), 'hello, plugin');
  c.dispose();

  const bad = probePlugin(t, "var fs = require('fs'); Component({ data: { out: typeof fs } });");
  assert.throws(() => loadComponent(path.join(bad, 'components', 'probe')),
    /require\("fs"\) in components\/probe\/probe\.js: only relative paths to files inside the plugin folder are allowed/);
  const escape = probePlugin(t, "require('../../../x.js'); Component({});");
  assert.throws(() => loadComponent(path.join(escape, 'components', 'probe')), /require\("\.\.\/\.\.\/\.\.\/x\.js"\) in components\/probe\/probe\.js: the path escapes the plugin folder/);
});

test("a plugin's modules are fresh in each session: no state leaks from one test into the next", async (t) => {
  const dir = probePlugin(t, `
    var state = require('../../lib/state.js');
    Component({ data: { out: '' }, methods: { go: function () { state.n += 1; this.setData({ out: String(state.n) }); } } });`, {
    'lib/state.js': 'exports.n = 0;',
  });
  for (let i = 0; i < 2; i++) {
    const c = open(t, dir);
    await c.tap('.go');
    assert.equal(c.text('.out'), '1');
    c.dispose();
  }
});

test('one component at a time: a second load before dispose says so', (t) => {
  const dir = probePlugin(t, 'Component({ data: { out: "" } });');
  open(t, dir);
  assert.throws(() => loadComponent(path.join(dir, 'components', 'probe')), /a component \(components\/probe\/probe\) is still loaded: dispose\(\) it first/);
});

test('a host given for another plugin folder is refused, saying so', (t) => {
  const { createHost } = require('../../wx-host/src');
  const dir = probePlugin(t, 'Component({ data: { out: "" } });');
  const other = probePlugin(t, 'Component({});');
  const host = createHost({ baseVersion: '2.18.1' });
  t.after(() => host.dispose());
  host.mount(other);
  assert.throws(() => loadComponent(path.join(dir, 'components', 'probe'), { wxHost: host }),
    new RegExp(`the given host has loaded ${fs.realpathSync(other)}, not this plugin`));
  const c = open(t, dir); // and nothing of the refused load is left behind
  assert.equal(c.text('.out'), '');
});

test("base and mode default to the folder's wx-pack.json", (t) => {
  const dir = probePlugin(t, 'Component({ data: { out: typeof WXWebAssembly } });', {
    'wx-pack.json': JSON.stringify({ mode: 'wasm', base: '2.19.2', minBaseVersion: '2.18.1' }),
  });
  const c = open(t, dir);
  assert.equal(c.base, '2.19.2');
  assert.equal(c.mode, 'wasm');
  assert.equal(c.text('.out'), 'object');
});

test('without the npm packages the bed fails with how to install them', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-no-tools-'));
  try {
    assert.equal(
      toolsProblem(empty),
      'the component test bed needs the npm packages miniprogram-simulate, j-component, miniprogram-compiler, jsdom, not installed; '
        + 'run `bash scripts/setup.sh` (or `npm ci`) at the workspace root: package.json pins them as devDependencies',
    );
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
  assert.equal(toolsProblem(), null); // and here they are
});

test("two plugin folders in one process each render their own WXML (wcc's compiled templates share a global)", (t) => {
  // Each folder's templates are compiled on their own, numbered from 1 in
  // each, and wcc's output caches them in the global __WXML_GLOBAL__ by that
  // number: without one global per folder, the second folder rendered the
  // first one's template.
  const one = (name, text) => plugin(t, {
    [`components/${name}/${name}.json`]: '{"component": true}',
    [`components/${name}/${name}.wxml`]: `<text class="out">${text} {{${name}}}</text>`,
    [`components/${name}/${name}.js`]: `Component({ data: { ${name}: '${name}!' } });`,
  });
  const first = one('first', 'one');
  const second = one('second', 'two');
  for (const [dir, name, shown] of [[first, 'first', 'one first!'], [second, 'second', 'two second!'], [first, 'first', 'one first!']]) {
    const c = loadComponent(path.join(dir, 'components', name));
    try {
      assert.equal(c.text('.out'), shown);
    } finally {
      c.dispose();
    }
  }
});
