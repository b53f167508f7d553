'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createHost } = require('../src');
const { ALLOWLIST, entry, loadPlugin, plain, tempDir, writePlugin } = require('../test-support/kit');

test('wx holds only allowlisted functions whose since <= base', () => {
  const at196 = createHost({ allowlist: ALLOWLIST });
  const wx = at196.evaluate('wx');
  assert.equal(typeof wx.showToast, 'function');
  assert.equal(typeof wx.getRecorderManager, 'undefined'); // since 1.9.94
  assert.equal(typeof wx.offNetworkStatusChange, 'undefined'); // since 2.9.3
  assert.equal(at196.evaluate('typeof wx.redirectTo'), 'undefined'); // not on the list
  assert.equal(at196.evaluate('typeof wx.canIUse'), 'undefined');
  assert.equal(at196.exposed.length, ALLOWLIST.filter((e) => e.since === '1.9.6').length);
  assert.deepEqual(Object.keys(wx).sort(), [...at196.exposed].sort());

  const at1994 = createHost({ allowlist: ALLOWLIST, baseVersion: '1.9.94' });
  assert.equal(at1994.evaluate('typeof wx.getRecorderManager'), 'function');
  const at3 = createHost({ allowlist: ALLOWLIST, baseVersion: '3.0.0' });
  assert.equal(at3.exposed.length, ALLOWLIST.length);
});

test('`missing` leaves allowed APIs out', () => {
  const host = createHost({ allowlist: ALLOWLIST, missing: ['onAccelerometerChange', 'showToast'] });
  assert.equal(host.evaluate('typeof wx.onAccelerometerChange'), 'undefined');
  assert.equal(host.evaluate('typeof wx.showToast'), 'undefined');
  assert.equal(host.evaluate('typeof wx.onCompassChange'), 'function');
});

test('a bad allowlist or option is refused with a clear message', () => {
  assert.throws(() => createHost({ allowlist: {} }), /must be a JSON array/);
  assert.throws(() => createHost({ allowlist: [{ name: 'x', since: '1.9.6', kind: 'weird' }] }), /entry 0 \(x\): "kind" must be one of/);
  assert.throws(() => createHost({ allowlist: [{ name: 'x', since: 'soon', kind: 'sync' }] }), /"since" must be a version/);
  // Two parts are not a version on the Rust side either.
  assert.throws(() => createHost({ allowlist: [{ name: 'x', since: '1.9', kind: 'sync' }] }), /"since" must be a version like "1.9.6", got "1.9"/);
  assert.throws(() => createHost({ allowlist: [entry('a', 'sync')], baseVersion: 'latest' }), /baseVersion/);
});

test('the sandbox has no WebAssembly, TextEncoder/Decoder, process, Buffer, require', () => {
  const host = createHost({ allowlist: ALLOWLIST, baseVersion: '3.0.0' });
  for (const name of ['WebAssembly', 'TextEncoder', 'TextDecoder', 'process', 'Buffer', 'require', 'module', 'global', 'setImmediate']) {
    assert.equal(host.evaluate(`typeof ${name}`), 'undefined', name);
  }
  for (const name of ['wx', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'WXWebAssembly']) {
    assert.notEqual(host.evaluate(`typeof ${name}`), 'undefined', name);
  }
});

test('no code from strings, as in WeChat: eval and new Function throw, except new Function("return this")', () => {
  const host = createHost({ allowlist: ALLOWLIST });
  const attempt = (code) => host.evaluate(`(() => { try { return typeof (${code}); } catch (e) { return e.name; } })()`);
  assert.equal(attempt('eval("1 + 1")'), 'EvalError');
  assert.equal(attempt('new Function("a", "return a")'), 'EvalError');
  assert.equal(attempt('Function("return 1")'), 'EvalError');
  assert.equal(host.evaluate('new Function("return this")() === globalThis'), true);
  assert.equal(host.evaluate('(() => {}) instanceof Function'), true);
});

test('WXWebAssembly exists from base 2.18.1 only, with instantiate alone', () => {
  assert.equal(createHost({ allowlist: ALLOWLIST, baseVersion: '2.18.0' }).evaluate('typeof WXWebAssembly'), 'undefined');
  assert.equal(createHost({ allowlist: ALLOWLIST }).evaluate('typeof WXWebAssembly'), 'undefined');
  const host = createHost({ allowlist: ALLOWLIST, baseVersion: '2.18.1' });
  assert.deepEqual(plain(host.evaluate('Object.keys(WXWebAssembly)')), ['instantiate']);
});

test('plugin code requires relative files only, inside the folder', async (t) => {
  const { exports } = await loadPlugin(t, {
    'index.js': `
      const util = require('./lib/util.js');
      const again = require('./lib/util'); // .js may be left out; modules are cached
      const tryReq = (spec) => { try { require(spec); return 'loaded'; } catch (e) { return (e instanceof Error) + ' ' + e.message; } };
      module.exports = { same: util === again, answer: util.answer, fs: tryReq('fs'), up: tryReq('../outside.js'), abs: tryReq('/etc/passwd'), gone: tryReq('./nope.js') };`,
    'lib/util.js': 'exports.answer = require("./deep/x.js").v + 1;',
    'lib/deep/x.js': 'module.exports = { v: 41 };',
  });
  assert.equal(exports.same, true);
  assert.equal(exports.answer, 42);
  assert.match(exports.fs, /^true require\("fs"\): only relative paths .* no node modules/);
  assert.match(exports.up, /require\("\.\.\/outside\.js"\): the path escapes the plugin folder/);
  assert.match(exports.abs, /only relative paths/);
  assert.match(exports.gone, /no such file in the plugin folder/);
});

test('load() reports a missing folder, a bad plugin.json and a throwing main', async (t) => {
  const host = () => createHost({ allowlist: ALLOWLIST });
  const dir = tempDir(t);
  await assert.rejects(host().load(`${dir}/none`), /plugin folder not found/);
  await assert.rejects(host().load(dir), /no plugin\.json/);
  writePlugin(dir, { 'plugin.json': '{ main: ' });
  await assert.rejects(host().load(dir), /plugin\.json is not valid JSON/);
  writePlugin(dir, { 'plugin.json': '{"pages": {}}' });
  await assert.rejects(host().load(dir), /"main" must name/);
  writePlugin(dir, { 'plugin.json': '{"main": "../x.js"}' });
  await assert.rejects(host().load(dir), /escapes the plugin folder/);
  writePlugin(dir, { 'plugin.json': '{"main": "index.js"}', 'index.js': 'throw new Error("bad main")' });
  await assert.rejects(host().load(dir), /bad main/);
});

test('all plugin modules share one realm; the plugin console is captured', async (t) => {
  const { host, exports } = await loadPlugin(t, {
    'index.js': 'globalThis.shared = 1; console.log("n=%d", 5, { a: 1 }); console.warn("w"); module.exports = require("./b.js");',
    'b.js': 'module.exports = { seen: shared };',
  });
  assert.equal(exports.seen, 1);
  assert.deepEqual(host.console, [{ level: 'log', text: 'n=5 { a: 1 }' }, { level: 'warn', text: 'w' }]);
});

test('timers are tracked: settle() waits for them and names what is stuck', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' });
  host.evaluate('globalThis.log = []; setTimeout((a) => log.push(a), 30, "late"); const id = setTimeout(() => log.push("never"), 10); clearTimeout(id);');
  assert.equal(typeof host.evaluate('setTimeout(() => {}, 0)'), 'number'); // WeChat ids are numbers
  await host.settle();
  assert.deepEqual(plain(host.evaluate('log')), ['late']);

  host.evaluate('globalThis.tick = setInterval(() => {}, 1000)');
  await assert.rejects(host.settle({ timeout: 50 }), /settle: still pending after 50 ms: setInterval #\d+ \(every 1000 ms\)/);
  host.evaluate('clearInterval(tick)');
  await host.settle();

  host.evaluate('setTimeout(() => { throw new Error("timer oops"); }, 0)');
  await host.settle();
  assert.match(host.errors[0].message, /timer oops/);
});

test('a load error names the plugin file and line: a throw, a parse error, a throw in a required file', async (t) => {
  const { tempDir: mk } = require('../test-support/kit');
  const load = async (files) => {
    const dir = writePlugin(mk(t), files);
    const host = createHost({ allowlist: ALLOWLIST });
    t.after(() => host.dispose());
    return host.load(dir).then(() => 'loaded', (e) => `${e.name}: ${e.message}`);
  };
  // Lines and columns counted by hand from the sources below (1-based).
  assert.equal(await load({ 'index.js': 'const a = 1;\n\n    throw new TypeError("bad main");' }), 'TypeError: bad main (at index.js:3:11)');
  assert.equal(await load({ 'index.js': 'let a = 1;\nlet b = 2;\n  a b;' }), "SyntaxError: Unexpected identifier 'b' (at index.js:3:5)");
  assert.equal(await load({ 'index.js': 'require("./lib/x.js");', 'lib/x.js': '\nnull.f();' }),
    "TypeError: Cannot read properties of null (reading 'f') (at lib/x.js:2:6)");
  assert.equal(await load({ 'index.js': 'throw "just a string";' }), 'Error: the plugin threw "just a string" (at index.js, while loading)');
});
