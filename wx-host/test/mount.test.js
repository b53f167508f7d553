'use strict';
// host.mount(): the plugin folder becomes the host's (WXWebAssembly's root,
// plugin.json, storage) while none of its code runs — for a harness whose
// own loader runs the plugin's files against this host's wx
// (tests/components/harness.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const { createHost } = require('../src');
const { ADD_WASM, ALLOWLIST, tempDir, writePlugin } = require('../test-support/kit');

function mounted(t, options = {}) {
  const dir = writePlugin(tempDir(t), {
    'index.js': "throw new Error('main must not run');",
    'pkg/add.wasm': ADD_WASM,
  });
  const host = createHost({ allowlist: ALLOWLIST, baseVersion: '2.18.1', ...options });
  t.after(() => host.dispose());
  return { host, dir, pluginJson: host.mount(dir) };
}

test('mount reads plugin.json and runs no plugin code', (t) => {
  const { host, pluginJson } = mounted(t);
  assert.deepEqual(pluginJson, { main: 'index.js', publicComponents: {}, pages: {} });
  assert.equal(host.pluginJson, pluginJson);
  assert.equal(host.exports, undefined);
  assert.deepEqual(host.errors, []);
});

test("after mount, WXWebAssembly instantiates by absolute path from the folder, in the host's trace", async (t) => {
  const { host } = mounted(t);
  host.evaluate('wx.getStorageSync("k")');
  const sum = await host.evaluate("WXWebAssembly.instantiate('/pkg/add.wasm', {}).then((r) => r.instance.exports.add(2, 3))");
  assert.equal(sum, 5);
  host.evaluate('wx.getStorageSync("k")');
  await host.settle();
  assert.deepEqual(host.trace.map((r) => [r.seq, r.api, r.outcome]), [
    [1, 'getStorageSync', 'return'], [2, 'WXWebAssembly.instantiate', 'success'], [3, 'getStorageSync', 'return'],
  ]);
});

test("mount starts the scenario's events; a second mount or load is refused", async (t) => {
  const { host, dir } = mounted(t, { scenario: { events: [{ at: 0, emit: 'onNetworkStatusChange', payload: { isConnected: false, networkType: 'none' } }] } });
  await host.settle();
  assert.deepEqual(host.trace.map((r) => [r.api, r.outcome]), [['onNetworkStatusChange', 'delivered']]);
  assert.throws(() => host.mount(dir), /this host has already loaded a plugin; create a new host/);
  await assert.rejects(host.load(dir), /this host has already loaded a plugin; create a new host/);
});
