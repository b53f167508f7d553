'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { ADD_WASM, IMPORT_WASM, loadPlugin } = require('../test-support/kit');

// The plugin tries one instantiate call and reports what happened, from inside the sandbox.
const PROBE = `
  module.exports = {
    async probe(path, kind) {
      let arg = path;
      if (kind === 'bytes') arg = new Uint8Array([0, 97, 115, 109]).buffer;
      if (kind === 'view') arg = new Uint8Array([0, 97, 115, 109]);
      try {
        const r = await WXWebAssembly.instantiate(arg, {});
        // Instances belong to the plugin's realm, like everything else it sees.
        const sameRealm = r instanceof Object && r.instance instanceof Object && r.instance.exports.add instanceof Function;
        return { ok: true, keys: Object.keys(r), add: r.instance.exports.add(2, 3), sameRealm };
      } catch (e) {
        return { ok: false, isError: e instanceof Error, message: e.message };
      }
    },
    async withImports() {
      const { instance } = await WXWebAssembly.instantiate('/pkg/import.wasm', { env: { f: (x) => x * 10 } });
      return instance.exports.g(4);
    },
  };`;

async function wasmPlugin(t) {
  return loadPlugin(t, {
    'index.js': PROBE,
    'pkg/plugin_bg.wasm': ADD_WASM,
    'pkg/plugin_bg.wasm.br': zlib.brotliCompressSync(ADD_WASM),
    'pkg/import.wasm': IMPORT_WASM,
    'pkg/bad.wasm.br': Buffer.from('not brotli at all'),
    'pkg/data.bin': ADD_WASM,
  }, { baseVersion: '2.18.1' });
}

test('instantiate resolves to { instance, module } for a .wasm and a .wasm.br path', async (t) => {
  const { host, exports } = await wasmPlugin(t);
  for (const p of ['/pkg/plugin_bg.wasm', '/pkg/plugin_bg.wasm.br', '/pkg/../pkg/plugin_bg.wasm']) {
    const r = await exports.probe(p);
    assert.equal(r.ok, true, `${p}: ${r.message}`);
    assert.deepEqual([...r.keys], ['instance', 'module']);
    assert.equal(r.add, 5);
    assert.equal(r.sameRealm, true);
  }
  assert.equal(await exports.withImports(), 40); // imports from the sandbox reach the module
  const rec = host.trace.find((r) => r.api === 'WXWebAssembly.instantiate');
  assert.equal(rec.outcome, 'success');
  assert.deepEqual(rec.result.exports, ['add']);
  await host.settle();
});

test('instantiate refuses what WeChat refuses', async (t) => {
  const { exports } = await wasmPlugin(t);
  const cases = [
    ['pkg/plugin_bg.wasm', /permission denied/],
    ['./pkg/plugin_bg.wasm', /permission denied/],
    ['/../outside.wasm', /permission denied.*outside the plugin folder/],
    ['/pkg/../../x/plugin_bg.wasm', /outside the plugin folder/],
    ['http://example.com/a.wasm', /only files inside the code package/],
    ['wxfile://usr/a.wasm', /only files inside the code package/],
    ['/pkg/data.bin', /not a \.wasm or \.wasm\.br file/],
    ['/pkg/none.wasm', /no such file/],
    ['/pkg/bad.wasm.br', /not valid brotli data/],
  ];
  for (const [p, re] of cases) {
    const r = await exports.probe(p);
    assert.equal(r.ok, false, p);
    assert.equal(r.isError, true, p);
    assert.match(r.message, /^WXWebAssembly\.instantiate:fail /, p);
    assert.match(r.message, re, p);
  }
  for (const kind of ['bytes', 'view']) {
    const r = await exports.probe(null, kind);
    assert.equal(r.ok, false);
    assert.match(r.message, /path must be a string .*bytes \(ArrayBuffer\) are not accepted/);
  }
});
