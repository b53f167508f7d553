'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createHost } = require('../src');
const { ALLOWLIST, loadPlugin, plain, tempDir, writePlugin } = require('../test-support/kit');

// Calls an async wx API from the sandbox and resolves to { via, res } of the
// callback that fired (success or fail).
const CALL = `
  globalThis.call = (api, options) => new Promise((resolve) => {
    wx[api](Object.assign({}, options, {
      success: (res) => resolve({ via: 'success', res }),
      fail: (res) => resolve({ via: 'fail', res }),
    }));
  });
  globalThis.trySync = (f) => { try { return { value: f() }; } catch (e) { return { thrown: e instanceof Error, message: e.message }; } };
  module.exports = {};`;

test('sync storage round-trips JSON data; missing keys give ""', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': CALL });
  const values = [{ a: [1, 'x', { b: null }] }, [1, 2], 'text', 0, 3.5, true, false, ''];
  for (const [i, v] of values.entries()) {
    host.evaluate(`wx.setStorageSync('k${i}', ${JSON.stringify(v)})`);
    assert.deepEqual(plain(host.evaluate(`wx.getStorageSync('k${i}')`)), v);
  }
  // A value read back is a sandbox object and a fresh copy.
  assert.equal(host.evaluate('wx.getStorageSync("k0") instanceof Object'), true);
  assert.equal(host.evaluate('wx.getStorageSync("k0") === wx.getStorageSync("k0")'), false);
  assert.equal(host.evaluate('wx.getStorageSync("nope")'), '');
  host.evaluate('wx.removeStorageSync("k0")');
  assert.equal(host.evaluate('wx.getStorageSync("k0")'), '');
  const info = host.evaluate('wx.getStorageInfoSync()');
  assert.equal(info.keys.length, values.length - 1);
  assert.equal(info.limitSize, 10240);
  host.evaluate('wx.clearStorageSync()');
  assert.equal(host.evaluate('wx.getStorageInfoSync().keys.length'), 0);
});

test('async storage: set, get, remove, missing key fails "data not found"', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': CALL });
  const ok = await host.evaluate('call("setStorage", { key: "user", data: { name: "Li", n: 3 } })');
  assert.equal(ok.via, 'success');
  assert.equal(ok.res.errMsg, 'setStorage:ok');
  const got = await host.evaluate('call("getStorage", { key: "user" })');
  assert.deepEqual(plain(got), { via: 'success', res: { errMsg: 'getStorage:ok', data: { name: 'Li', n: 3 } } });
  assert.equal((await host.evaluate('call("removeStorage", { key: "user" })')).res.errMsg, 'removeStorage:ok');
  const missing = await host.evaluate('call("getStorage", { key: "user" })');
  assert.deepEqual(plain(missing), { via: 'fail', res: { errMsg: 'getStorage:fail data not found' } });
  const info = await host.evaluate('call("getStorageInfo", {})');
  assert.deepEqual(plain(info.res), { errMsg: 'getStorageInfo:ok', keys: [], currentSize: 0, limitSize: 10240 });
});

test('keys must be non-empty strings', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': CALL });
  const r1 = await host.evaluate('call("setStorage", { data: 1 })');
  assert.equal(r1.via, 'fail');
  assert.match(r1.res.errMsg, /^setStorage:fail parameter error: parameter\.key should be String instead of Undefined/);
  const r2 = await host.evaluate('call("getStorage", { key: "" })');
  assert.match(r2.res.errMsg, /^getStorage:fail parameter error: parameter\.key should not be empty/);
  const r3 = host.evaluate('trySync(() => wx.setStorageSync(42, "x"))');
  assert.equal(r3.thrown, true);
  assert.match(r3.message, /^setStorageSync:fail parameter error: parameter\.key should be String instead of Number/);
  const r4 = host.evaluate('trySync(() => wx.setStorageSync("k", undefined))');
  assert.match(r4.message, /parameter\.data should be JSON data/);
});

test('a value over 1 MB and a total over 10 MB are refused', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': CALL });
  // The JSON form of a string is its text plus two quotes.
  host.evaluate(`wx.setStorageSync('max', 'x'.repeat(1024 * 1024 - 2))`);
  const big = await host.evaluate(`call('setStorage', { key: 'big', data: 'x'.repeat(1024 * 1024 - 1) })`);
  assert.deepEqual(plain(big), { via: 'fail', res: { errMsg: 'setStorage:fail exceed storage item max length' } });
  const bigSync = host.evaluate(`trySync(() => wx.setStorageSync('big', 'x'.repeat(1024 * 1024)))`);
  assert.deepEqual(plain(bigSync), { thrown: true, message: 'setStorageSync:fail exceed storage item max length' });
  assert.equal(host.evaluate(`wx.getStorageSync('big')`), '');

  for (let i = 0; i < 9; i++) host.evaluate(`wx.setStorageSync('chunk${i}', 'y'.repeat(1024 * 1024 - 100))`);
  const full = await host.evaluate(`call('setStorage', { key: 'one-more', data: 'z'.repeat(2000) })`);
  assert.deepEqual(plain(full), { via: 'fail', res: { errMsg: 'setStorage:fail exceed storage max size 10MB' } });
  const fullSync = host.evaluate(`trySync(() => wx.setStorageSync('one-more', 'z'.repeat(2000)))`);
  assert.equal(fullSync.message, 'setStorageSync:fail exceed storage max size 10MB');
  // Replacing a key counts its new size, not both.
  host.evaluate(`wx.setStorageSync('max', 'small')`);
  host.evaluate(`wx.setStorageSync('one-more', 'z'.repeat(2000))`);
  assert.equal(host.evaluate(`wx.getStorageInfoSync().currentSize`) <= 10240, true);
});

test('storage persists in storageFile across hosts, separately per plugin', async (t) => {
  const dir = tempDir(t);
  const pluginDir = writePlugin(path.join(dir, 'plugin'), { 'index.js': 'module.exports = {};' });
  const storageFile = path.join(dir, 'storage.json');
  const run = async (pluginId) => {
    const host = createHost({ allowlist: ALLOWLIST, storageFile, pluginId });
    await host.load(pluginDir);
    return host;
  };
  const first = await run('wx-a');
  first.evaluate('wx.setStorageSync("count", 1); wx.setStorageSync("list", [1, 2])');
  const other = await run('wx-b');
  assert.equal(other.evaluate('wx.getStorageSync("count")'), ''); // another plugin's data is not visible
  other.evaluate('wx.setStorageSync("count", 100)');

  const second = await run('wx-a');
  assert.equal(second.evaluate('wx.getStorageSync("count")'), 1);
  assert.deepEqual(plain(second.evaluate('wx.getStorageSync("list")')), [1, 2]);
  second.evaluate('wx.setStorageSync("count", wx.getStorageSync("count") + 1)');

  assert.deepEqual(JSON.parse(fs.readFileSync(storageFile, 'utf8')), {
    'wx-a': { count: 2, list: [1, 2] },
    'wx-b': { count: 100 },
  });
  fs.writeFileSync(storageFile, '{oops');
  await assert.rejects(run('wx-a'), /storage file .* is not valid JSON/);
});

test('without storageFile, storage lives in memory only', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': CALL });
  host.evaluate('wx.setStorageSync("k", 1)');
  const { host: again } = await loadPlugin(t, { 'index.js': CALL });
  assert.equal(again.evaluate('wx.getStorageSync("k")'), '');
});
