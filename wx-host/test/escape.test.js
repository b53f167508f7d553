'use strict';
// The sandbox holds: no value the host hands the plugin leads back to Node
// (issue 19 §1). Each route of test-support/escape-plugin.js must report no
// problem: every object it reaches has the realm's prototype chain, every
// constructor's constructor is the realm's Function (which throws EvalError
// on code from strings), and nothing hands out `process`.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ALLOWLIST, loadPlugin, plain, tempDir, writePlugin } = require('../test-support/kit');
const { FILES, ROUTES, SCENARIO } = require('../test-support/escape-plugin');

const BIN = path.join(__dirname, '..', 'bin', 'wx-host.js');

test('no value the host hands the plugin reaches Node: every escape route is closed', async (t) => {
  const { host, exports } = await loadPlugin(t, FILES, { baseVersion: '3.0.0', scenario: SCENARIO });
  await exports.tryAll();
  host.emit('onNetworkStatusChange', { isConnected: true, networkType: 'wifi' });
  await host.settle();
  const routes = plain(exports.afterEvent());
  assert.deepEqual(Object.keys(routes).sort(), [...ROUTES].sort(), 'every route ran');
  const open = Object.entries(routes).filter(([, problems]) => problems.length > 0);
  assert.deepEqual(open, [], `routes that reach the host realm:\n${open.map(([r, p]) => `${r}: ${p.slice(0, 3).join('; ')}`).join('\n')}`);
  assert.deepEqual(host.errors, [], 'the plugin ran without errors');
});

test('the realm has no process and no code from strings through any constructor', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': 'module.exports = {};' }, { baseVersion: '3.0.0' });
  const attempt = (code) => host.evaluate(`(() => { try { const r = (${code}); return typeof r === 'function' ? typeof r() : typeof r; } catch (e) { return e instanceof EvalError ? 'EvalError' : e.name; } })()`);
  assert.equal(attempt("wx.showToast.constructor('return process')"), 'EvalError');
  assert.equal(attempt("wx.constructor.constructor('return process')"), 'EvalError');
  assert.equal(attempt("globalThis.constructor.constructor('return process')"), 'EvalError');
  assert.equal(attempt("console.log.constructor('return process')"), 'EvalError');
  assert.equal(attempt("setTimeout.constructor('return process')"), 'EvalError');
  assert.equal(attempt("WXWebAssembly.instantiate.constructor('return process')"), 'EvalError');
  assert.equal(attempt("wx.getFileSystemManager().readFileSync.constructor('return process')"), 'EvalError');
  assert.equal(host.evaluate('wx.showToast.constructor === (function () {}).constructor'), true);
});

test('a plugin cannot exit the host: the CLI reports its failures and exits 1', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'plugin'), {
    ...FILES,
    // Marks the CLI run: a route that reaches process calls process.exit(0) with it.
    'index.js': `globalThis.__exitCode = 0;\n${FILES['index.js']}\nmodule.exports.fails = () => { throw new Error('the plugin failed'); };`,
  });
  const allowlist = path.join(dir, 'allowlist.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const scenario = path.join(dir, 'scenario.json');
  fs.writeFileSync(scenario, JSON.stringify(SCENARIO));
  const r = spawnSync(process.execPath, [BIN, 'run', plugin, '--allowlist', allowlist, '--base', '3.0.0', '--scenario', scenario,
    '--call', 'tryAll', '--call', 'probeArgs=[{"a":[1,{"b":2}]},[3]]', '--call', 'fails', '--json'],
    // The stack-overflow route traces a wx call per frame: tens of thousands in the worker's 4 MB stack.
    { encoding: 'utf8', timeout: 60000, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 1, `exit status (stderr: ${r.stderr})`);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.calls.map((c) => [c.export, c.ok]), [['tryAll', true], ['probeArgs', true], ['fails', false]]);
  assert.deepEqual(report.calls[1].result, [], 'the arguments --call hands the export are realm data');
  assert.equal(report.calls[2].error, 'Error: the plugin failed');
});

test('every host source file is strict mode (a sloppy frame would show Error.prepareStackTrace its function and this)', () => {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) files.push(p);
    }
  };
  walk(path.join(__dirname, '..', 'src'));
  walk(path.join(__dirname, '..', 'bin'));
  assert.ok(files.length > 20, `found the sources (${files.length})`);
  // The directive must be the first statement: only comments and blank lines (and a #! line) before it.
  const sloppy = files.filter((f) => !/^(#![^\n]*\n)?(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*'use strict';/.test(fs.readFileSync(f, 'utf8')));
  assert.deepEqual(sloppy.map((f) => path.relative(path.join(__dirname, '..'), f)), []);
});

test('WXWebAssembly.instantiate hands wasm the plugin\'s own import functions: a call from wasm crosses no membrane', async (t) => {
  const { IMPORT_WASM } = require('../test-support/kit');
  const { exports } = await loadPlugin(t, {
    'g.wasm': IMPORT_WASM,
    'index.js': `
      module.exports.run = async () => {
        let stack = '';
        const f = (x) => { stack = new Error().stack; return x * 2; };
        const { instance } = await WXWebAssembly.instantiate('/g.wasm', { env: { f } });
        return { answer: instance.exports.g(21), stack, isRealm: instance instanceof Object };
      };`,
  }, { baseVersion: '2.18.1' });
  const r = plain(await exports.run());
  assert.equal(r.answer, 42);
  assert.equal(r.isRealm, true, "the instance is the realm's own");
  // Called straight from wasm: no frame of the bridge (membrane.js) or its kit between.
  assert.doesNotMatch(r.stack, /membrane\.js|wx-host-membrane-kit/);
});
