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
  const info = host.storage.info();
  assert.equal(info.keys.length, values.length - 1);
  assert.equal(info.limitSize, 10240);
  host.storage.clear(); // clearStorage* are not on the plugin allowlist
  assert.equal(host.storage.info().keys.length, 0);
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
  assert.deepEqual(plain(host.storage.info()), { keys: [], currentSize: 0, limitSize: 10240 });
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

const MB = 1024 * 1024;

test('a value over 1 MB and a total over 10 MB are refused', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': CALL });
  // An entry counts its key's bytes and those of its value's JSON form (the
  // text plus two quotes, for a string): 'max' + 1 MB - 3 is exactly 1 MB.
  host.evaluate(`wx.setStorageSync('max', 'x'.repeat(${MB} - 5))`);
  assert.equal(host.evaluate(`wx.getStorageSync('max').length`), MB - 5);
  const big = await host.evaluate(`call('setStorage', { key: 'big', data: 'x'.repeat(${MB} - 4) })`);
  assert.deepEqual(plain(big), { via: 'fail', res: { errMsg: 'setStorage:fail exceed storage item max length' } });
  const bigSync = host.evaluate(`trySync(() => wx.setStorageSync('big', 'x'.repeat(${MB})))`);
  assert.deepEqual(plain(bigSync), { thrown: true, message: 'setStorageSync:fail exceed storage item max length' });
  assert.equal(host.evaluate(`wx.getStorageSync('big')`), '');

  for (let i = 0; i < 9; i++) host.evaluate(`wx.setStorageSync('chunk${i}', 'y'.repeat(${MB} - 100))`);
  const full = await host.evaluate(`call('setStorage', { key: 'one-more', data: 'z'.repeat(2000) })`);
  assert.deepEqual(plain(full), { via: 'fail', res: { errMsg: 'setStorage:fail exceed storage max size 10MB' } });
  const fullSync = host.evaluate(`trySync(() => wx.setStorageSync('one-more', 'z'.repeat(2000)))`);
  assert.deepEqual(plain(fullSync), { thrown: true, message: 'setStorageSync:fail exceed storage max size 10MB' });
  // Replacing a key counts its new size, not both.
  host.evaluate(`wx.setStorageSync('max', 'small')`);
  host.evaluate(`wx.setStorageSync('one-more', 'z'.repeat(2000))`);
  assert.equal(host.evaluate(`wx.getStorageSync('one-more').length`), 2000);
  assert.equal(host.storage.info().currentSize <= 10240, true);
});

// Stores `data` (an expression evaluated in the plugin) under `key`, first
// with setStorageSync, then with setStorage; resolves to the two outcomes:
// 'stored' or the thrown message, and the callback that fired with its errMsg.
async function setBoth(host, key, data) {
  const k = JSON.stringify(key);
  const sync = plain(host.evaluate(`trySync(() => wx.setStorageSync(${k}, ${data}))`));
  const async_ = await host.evaluate(`call('setStorage', { key: ${k}, data: ${data} })`);
  return [sync.thrown ? sync.message : 'stored', `${async_.via} ${async_.res.errMsg}`];
}
const STORED = ['stored', 'success setStorage:ok'];
const TOO_LONG = ['setStorageSync:fail exceed storage item max length', 'fail setStorage:fail exceed storage item max length'];
const FULL = ['setStorageSync:fail exceed storage max size 10MB', 'fail setStorage:fail exceed storage max size 10MB'];

test('the 1 MB of one key counts UTF-8 bytes of the key and of the value\'s JSON, not characters', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': CALL });
  // '中' is 1 UTF-16 unit and 3 UTF-8 bytes: 1 (key) + 2 (quotes) + 3 * 349524 + 1 = 1 MB exactly,
  // in 349525 characters; one more ASCII character is one byte too many.
  assert.deepEqual(await setBoth(host, 'k', `'中'.repeat(349524) + 'x'`), STORED);
  assert.equal(host.storage.info().currentSize, 1024);
  assert.deepEqual(await setBoth(host, 'k', `'中'.repeat(349524) + 'xy'`), TOO_LONG);
  assert.deepEqual(await setBoth(host, 'k', `'中'.repeat(349525)`), TOO_LONG); // 349525 characters, 1 MB + 2 bytes
  // A refused write leaves the key as it was.
  assert.equal(host.evaluate(`wx.getStorageSync('k') === '中'.repeat(349524) + 'x'`), true);

  // '😀' is 2 UTF-16 units and 4 UTF-8 bytes: 1 + 2 + 4 * 262143 + 1 = 1 MB.
  assert.deepEqual(await setBoth(host, 'e', `'😀'.repeat(262143) + 'x'`), STORED);
  assert.deepEqual(await setBoth(host, 'e', `'😀'.repeat(262143) + 'xy'`), TOO_LONG);

  // The key counts too, in UTF-8: '键' is 3 bytes, so 3 + 2 + (1 MB - 5) is 1 MB and '键a' one byte more.
  assert.deepEqual(await setBoth(host, '键', `'x'.repeat(${MB - 5})`), STORED);
  assert.deepEqual(await setBoth(host, '键a', `'x'.repeat(${MB - 5})`), TOO_LONG);
  assert.equal(host.evaluate(`wx.getStorageSync('键a')`), '');

  // What counts is the JSON text: a newline is stored as the two characters \n.
  assert.deepEqual(await setBoth(host, 'n', `'\\n'.repeat(524286) + 'x'`), STORED); // 1 + 2 + 2 * 524286 + 1
  assert.deepEqual(await setBoth(host, 'n', `'\\n'.repeat(524287)`), TOO_LONG);
  // An object's JSON: {"a":"…"} is 8 bytes around the text; 1 + 8 + 3 * 349522 + 1 = 1 MB.
  assert.deepEqual(await setBoth(host, 'o', `({ a: '中'.repeat(349522) + 'x' })`), STORED);
  assert.deepEqual(await setBoth(host, 'o', `({ a: '中'.repeat(349522) + 'xy' })`), TOO_LONG);
});

test('10 MB in all: a write that lands exactly on the limit succeeds, one byte more fails', async (t) => {
  const { host } = await loadPlugin(t, { 'index.js': CALL });
  // Nine entries of exactly 1 MB ('c0' + the JSON of 1 MB - 4 characters) and one of 1 MB - 6 bytes:
  // 10 MB - 6 bytes in all.
  for (let i = 0; i < 9; i++) host.evaluate(`wx.setStorageSync('c${i}', 'y'.repeat(${MB - 4}))`);
  host.evaluate(`wx.setStorageSync('c9', 'y'.repeat(${MB - 10}))`);
  assert.equal(host.storage.info().currentSize, 10240); // KB, rounded up

  // A new key of 7 bytes ('zz' + '"中"') is one byte over.
  assert.deepEqual(await setBoth(host, 'zz', `'中'`), FULL);
  assert.equal(host.evaluate(`wx.getStorageSync('zz')`), '');
  // A new key of 6 bytes ('z' + '"中"') lands exactly on 10 MB.
  assert.deepEqual(await setBoth(host, 'z', `'中'`), STORED);
  assert.equal(host.evaluate(`wx.getStorageSync('z')`), '中');
  assert.deepEqual(plain(host.storage.info()).currentSize, 10240);
  // Replacing it with a value one byte longer is over, and leaves the old value.
  assert.deepEqual(await setBoth(host, 'z', `'中x'`), FULL);
  assert.equal(host.evaluate(`wx.getStorageSync('z')`), '中');
  // Replacing it with a value of the same size is fine: its old size is not counted twice.
  assert.deepEqual(await setBoth(host, 'z', `'文'`), STORED);
  // Freeing one byte makes room for exactly one byte more.
  host.evaluate(`wx.setStorageSync('c9', 'y'.repeat(${MB - 11}))`);
  assert.deepEqual(await setBoth(host, 'z', `'文x'`), STORED);
  assert.deepEqual(await setBoth(host, 'z', `'文xy'`), FULL);
  assert.equal(host.evaluate(`wx.getStorageSync('z')`), '文x');
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
