'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createHost } = require('../src');
const { ALLOWLIST, entry, loadPlugin, plain } = require('../test-support/kit');

const EMPTY = { 'index.js': 'module.exports = {};' };

test('async callbacks fire on a later macrotask: success then complete', async (t) => {
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate(`
    globalThis.order = [];
    wx.showToast({
      title: 'hi',
      success: (r) => order.push('success ' + r.errMsg),
      fail: () => order.push('fail'),
      complete: (r) => order.push('complete ' + r.errMsg),
    });
    order.push('returned');
    Promise.resolve().then(() => order.push('microtask'));`);
  assert.deepEqual(plain(host.evaluate('order')), ['returned']);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('order')), ['returned', 'microtask', 'success showToast:ok', 'complete showToast:ok']);
  assert.deepEqual(host.ui.toast, { title: 'hi', icon: 'success', duration: 1500 });
});

test('a failing call gets fail then complete with "<api>:fail <reason>"', async (t) => {
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate(`
    globalThis.order = [];
    wx.showToast({ success: () => order.push('success'), fail: (r) => order.push(r.errMsg), complete: (r) => order.push('complete') });`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('order')), ['showToast:fail parameter error: parameter.title should be String instead of Undefined;', 'complete']);
});

test('UI APIs: loading, hideToast, showModal answered by the modal option', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, { modal: { confirm: false } });
  host.evaluate(`
    globalThis.out = {};
    wx.showLoading({ title: 'wait', success: () => { out.loading = true; } });
    wx.showModal({ title: 'Sure?', content: 'Delete', success: (r) => { out.modal = r; } });
    wx.showModal({ title: 'OK only', showCancel: false, success: (r) => { out.okOnly = r; } });`);
  await host.settle();
  const out = plain(host.evaluate('out'));
  assert.equal(out.loading, true);
  assert.deepEqual(out.modal, { errMsg: 'showModal:ok', confirm: false, cancel: true });
  assert.deepEqual(out.okOnly, { errMsg: 'showModal:ok', confirm: true, cancel: false });
  assert.deepEqual(host.ui.loading, { title: 'wait' });
  assert.equal(host.ui.modals.length, 2);
  host.evaluate('wx.hideLoading({})');
  await host.settle();
  assert.equal(host.ui.loading, null);
});

test('getSystemInfoSync / getSystemInfo report the simulated base as SDKVersion', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, { baseVersion: '2.18.1' });
  const info = host.evaluate('wx.getSystemInfoSync()');
  assert.equal(info.SDKVersion, '2.18.1');
  for (const k of ['brand', 'model', 'pixelRatio', 'screenWidth', 'windowWidth', 'language', 'version', 'system', 'platform']) {
    assert.notEqual(info[k], undefined, k);
  }
  assert.equal(info.platform, 'devtools');
  host.evaluate('wx.getSystemInfo({ success: (r) => { globalThis.r = r; } })');
  await host.settle();
  assert.equal(host.evaluate('r.errMsg'), 'getSystemInfo:ok');
  assert.equal(host.evaluate('r.SDKVersion'), '2.18.1');
});

test('converters make sandbox ArrayBuffers and read them back', async (t) => {
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate('globalThis.buf = wx.base64ToArrayBuffer("AQID/w==")');
  assert.equal(host.evaluate('buf instanceof ArrayBuffer'), true); // the sandbox's ArrayBuffer
  assert.deepEqual([...host.evaluate('new Uint8Array(buf)')], [1, 2, 3, 255]);
  assert.equal(host.evaluate('wx.arrayBufferToBase64(buf)'), 'AQID/w==');
  assert.equal(host.evaluate('wx.arrayBufferToBase64(new Uint8Array([104, 105]).buffer)'), 'aGk=');
  assert.match(host.evaluate('(() => { try { wx.arrayBufferToBase64("x"); } catch (e) { return e.message; } })()'),
    /^arrayBufferToBase64:fail parameter error/);
  const rec = host.trace.find((r) => r.api === 'arrayBufferToBase64');
  assert.deepEqual(rec.args, [{ ArrayBuffer: 4 }]);
});

test('every other API answers "not simulated yet" in its kind\'s convention', async (t) => {
  // The real list's APIs are being implemented; made-up ones show each kind's convention.
  const allowlist = [...ALLOWLIST, entry('startFutureTask', 'task'), entry('getFutureThing', 'async'),
    entry('createFutureContext', 'factory'), entry('createFutureCanvas', 'factory'), entry('getFutureThingSync', 'sync')];
  const { host } = await loadPlugin(t, EMPTY, { baseVersion: '3.0.0', allowlist });
  host.evaluate(`
    globalThis.seen = [];
    const cb = (tag) => ({ success: () => seen.push(tag + ' success'), fail: (r) => seen.push(r.errMsg), complete: () => seen.push(tag + ' complete') });
    wx.getFutureThing(cb('getFutureThing'));                // async
    globalThis.task = wx.startFutureTask({ url: 'https://x', ...cb('startFutureTask') }); // task
    globalThis.thrown = [];
    for (const f of ['createFutureContext', 'createFutureCanvas', 'getFutureThingSync']) { // factory, sync
      try { wx[f](); thrown.push('no throw'); } catch (e) { thrown.push(e instanceof Error && e.message); }
    }
    globalThis.listenerResult = wx.onAccelerometerChange(() => seen.push('fired'));`);
  assert.equal(host.evaluate('typeof task.abort'), 'function');
  for (const m of ['onHeadersReceived', 'offHeadersReceived', 'onProgressUpdate', 'offProgressUpdate']) {
    assert.equal(host.evaluate(`typeof task.${m}`), 'function', m);
  }
  host.evaluate('task.abort(); task.onHeadersReceived(() => {})');
  assert.deepEqual(plain(host.evaluate('thrown')), [
    'createFutureContext:fail not simulated yet',
    'createFutureCanvas:fail not simulated yet',
    'getFutureThingSync:fail not simulated yet',
  ]);
  assert.equal(host.evaluate('listenerResult'), undefined);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('seen')), [
    'getFutureThing:fail not simulated yet', 'getFutureThing complete',
    'startFutureTask:fail not simulated yet', 'startFutureTask complete',
  ]);
  assert.equal(host.listeners.get('onAccelerometerChange').length, 1);
  const byApi = Object.fromEntries(host.trace.map((r) => [r.api, r]));
  assert.equal(byApi.getFutureThing.outcome, 'fail');
  assert.equal(byApi.startFutureTask.outcome, 'fail');
  assert.equal(byApi.createFutureContext.outcome, 'throw');
  assert.equal(byApi.onAccelerometerChange.outcome, 'registered');
});

test('off* removes what on* registered', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, { baseVersion: '3.0.0' });
  host.evaluate('const f = () => {}; wx.onNetworkStatusChange(f); wx.onNetworkStatusChange(() => {}); wx.offNetworkStatusChange(f);');
  assert.equal(host.listeners.get('onNetworkStatusChange').length, 1);
  assert.equal(host.trace.at(-1).outcome, 'unregistered');
});

test('promise style only from base 2.10.2, and never for tasks', async (t) => {
  const old = await loadPlugin(t, EMPTY, { baseVersion: '2.10.1' });
  assert.equal(old.host.evaluate('wx.getSystemInfo()'), undefined);
  await old.host.settle();

  const { host } = await loadPlugin(t, EMPTY, { baseVersion: '2.10.2' });
  const res = await host.evaluate('wx.getSystemInfo()');
  assert.equal(res.errMsg, 'getSystemInfo:ok');
  await assert.rejects(host.evaluate('wx.getStorage({ key: "none" })'), (r) => r.errMsg === 'getStorage:fail data not found');
  assert.equal(host.evaluate('wx.getSystemInfo({ success() {} })'), undefined); // callbacks given: no promise
  assert.equal(typeof host.evaluate('wx.request({ url: "https://x" })').then, 'undefined');
  await host.settle();
});

test('a throwing plugin callback is recorded, not fatal', async (t) => {
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate(`
    globalThis.after = false;
    wx.showToast({ title: 't', success() { throw new TypeError('cb broke'); }, complete() { globalThis.after = true; } });
    wx.hideToast({ async success() { throw new Error('async cb broke'); } });`);
  await host.settle();
  assert.equal(host.evaluate('after'), true); // complete still ran
  assert.deepEqual(host.errors.map((e) => e.message), ['TypeError: cb broke', 'Error: async cb broke']);
  assert.match(host.errors[0].source, /^showToast success callback \(#1\)$/);
});

test('the trace records args JSON-safe and outcomes as calls settle', async (t) => {
  const { host } = await loadPlugin(t, EMPTY);
  host.evaluate(`
    wx.showToast({ title: 'a', duration: 10, success() {} });
    wx.setStorageSync('k', { buf: new ArrayBuffer(8), n: 1 });
    try { wx.getStorageSync(''); } catch (e) {}
    wx.onCompassChange(function () {});`);
  assert.equal(host.trace[0].outcome, 'pending'); // async: filled in when it settles
  await host.settle();
  assert.deepEqual(host.trace, [
    { seq: 1, api: 'showToast', args: [{ title: 'a', duration: 10, success: '[Function]' }], outcome: 'success', result: { errMsg: 'showToast:ok' } },
    { seq: 2, api: 'setStorageSync', args: ['k', { buf: { ArrayBuffer: 8 }, n: 1 }], outcome: 'return' },
    { seq: 3, api: 'getStorageSync', args: [''], outcome: 'throw', errMsg: 'getStorageSync:fail parameter error: parameter.key should not be empty;' },
    { seq: 4, api: 'onCompassChange', args: ['[Function]'], outcome: 'registered' },
  ]);
  const text = host.printTrace();
  assert.match(text, /^#1 showToast\(\{"title":"a","duration":10,"success":"\[Function\]"\}\) -> success \{"errMsg":"showToast:ok"\}$/m);
  assert.match(text, /^#3 getStorageSync\(""\) -> throw "getStorageSync:fail parameter error/m);
  assert.match(text, /^#4 onCompassChange\("\[Function\]"\) -> registered$/m);
  assert.equal(createHost({ allowlist: ALLOWLIST }).printTrace(), '(no wx calls)');
});

test('with verbose on, a throwing plugin callback is recorded and echoed, not fatal', async (t) => {
  const written = [];
  const write = process.stderr.write;
  process.stderr.write = (chunk) => { written.push(String(chunk)); return true; };
  t.after(() => { process.stderr.write = write; });
  const { host } = await loadPlugin(t, EMPTY, { verbose: true });
  host.evaluate("wx.showToast({ title: 'x', success() { throw new Error('boom in success'); } })");
  await host.settle();
  process.stderr.write = write;
  assert.deepEqual(host.errors.map((e) => e.message), ['Error: boom in success']);
  assert.ok(written.some((w) => w.includes('threw Error: boom in success')), written.join(''));
});

test('an implementation whose kind disagrees with the allowlist stops the host at start-up', () => {
  const wrong = ALLOWLIST.map((e) => (e.name === 'showToast' ? { ...e, kind: 'sync' } : e));
  assert.throws(() => createHost({ allowlist: wrong }), /showToast is implemented as async but the allowlist says sync/);
});
