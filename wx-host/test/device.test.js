'use strict';
// The device's simple state (apis/device.js), on the real allowlist: each
// result's field names are checked against the typings' result interfaces
// (wx-allowlist/data/interfaces.json), values against hand-written expectations.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createHost } = require('../src');
const { plain, tempDir, writePlugin } = require('../test-support/kit');
const { WORKSPACE, readRealAllowlist } = require('../test-support/allowlist');

let real = null;
const realList = () => (real = real || readRealAllowlist());
const INTERFACES = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'wx-allowlist', 'data', 'interfaces.json'), 'utf8')).interfaces;
const iface = (name) => INTERFACES.find((i) => i.name === name);

// The APIs of this file, with the typings' success result of each (GeneralCallbackResult: errMsg only).
const DEVICE = {
  setClipboardData: 'GeneralCallbackResult', getClipboardData: 'GetClipboardDataSuccessCallbackOption',
  setScreenBrightness: 'GeneralCallbackResult', getScreenBrightness: 'GetScreenBrightnessSuccessCallbackOption',
  setKeepScreenOn: 'GeneralCallbackResult', getNetworkType: 'GetNetworkTypeSuccessCallbackResult',
  vibrateShort: 'GeneralCallbackResult', vibrateLong: 'GeneralCallbackResult', makePhoneCall: 'GeneralCallbackResult',
};

function host(t, options = {}) {
  const h = createHost({ allowlist: realList(), baseVersion: '2.10.2', ...options });
  t.after(() => h.dispose());
  h.evaluate(`globalThis.call = (api, options = {}) => new Promise((resolve) => {
    wx[api](Object.assign({}, options, { success: (res) => resolve({ via: 'success', res }), fail: (res) => resolve({ via: 'fail', res }) }));
  });`);
  return h;
}
const call = async (h, api, options) => plain(await h.evaluate(`call(${JSON.stringify(api)}, ${JSON.stringify(options || {})})`));

test('the device APIs are on the allowlist, async, in the device category; their options and results are the typings\'', async (t) => {
  const list = new Map(realList().map((e) => [e.name, e]));
  for (const name of Object.keys(DEVICE)) {
    assert.deepEqual([list.get(name) && list.get(name).kind, list.get(name) && list.get(name).category], ['async', 'device'], name);
  }
  const h = host(t);
  h.evaluate('wx.setClipboardData({ data: "x" }); wx.setScreenBrightness({ value: 0.2 }); wx.setKeepScreenOn({ keepScreenOn: true })');
  for (const [name, result] of Object.entries(DEVICE)) {
    const options = { setClipboardData: { data: 'c' }, setScreenBrightness: { value: 0.3 }, setKeepScreenOn: { keepScreenOn: false },
      vibrateShort: { type: 'light' }, makePhoneCall: { phoneNumber: '10086' } }[name];
    const r = await call(h, name, options);
    assert.equal(r.via, 'success', `${name}: ${JSON.stringify(r)}`);
    const fields = result === 'GeneralCallbackResult' ? ['errMsg'] : iface(result).fields.map((f) => f.name);
    for (const k of Object.keys(r.res)) assert.ok(fields.includes(k), `${name}: ${k} is a field of ${result}`);
    assert.equal(r.res.errMsg, `${name}:ok`);
  }
});

test('the clipboard keeps what was set; the data must be a string', async (t) => {
  const h = host(t);
  assert.deepEqual(await call(h, 'getClipboardData'), { via: 'success', res: { errMsg: 'getClipboardData:ok', data: '' } });
  assert.deepEqual(await call(h, 'setClipboardData', { data: '复制 me' }), { via: 'success', res: { errMsg: 'setClipboardData:ok' } });
  assert.deepEqual(await call(h, 'getClipboardData'), { via: 'success', res: { errMsg: 'getClipboardData:ok', data: '复制 me' } });
  assert.equal(h.device.clipboard, '复制 me');
  assert.deepEqual(await call(h, 'setClipboardData', { data: 5 }),
    { via: 'fail', res: { errMsg: 'setClipboardData:fail parameter error: parameter.data should be String instead of Number;' } });
  // Promise style (from 2.10.2), as any async API.
  assert.equal((await h.evaluate('wx.getClipboardData()')).data, '复制 me');
});

test('screen brightness: 0 to 1, kept; keep-screen-on kept', async (t) => {
  const h = host(t);
  assert.deepEqual(await call(h, 'getScreenBrightness'), { via: 'success', res: { errMsg: 'getScreenBrightness:ok', value: 0.5 } });
  await call(h, 'setScreenBrightness', { value: 1 });
  assert.equal((await call(h, 'getScreenBrightness')).res.value, 1);
  await call(h, 'setScreenBrightness', { value: 0 });
  assert.equal((await call(h, 'getScreenBrightness')).res.value, 0);
  assert.deepEqual(await call(h, 'setScreenBrightness', { value: 1.5 }),
    { via: 'fail', res: { errMsg: 'setScreenBrightness:fail parameter error: parameter.value should be between 0 and 1 instead of 1.5;' } });
  assert.deepEqual(await call(h, 'setScreenBrightness', { value: '1' }),
    { via: 'fail', res: { errMsg: 'setScreenBrightness:fail parameter error: parameter.value should be Number instead of String;' } });
  assert.equal(h.device.screenBrightness, 0);
  assert.equal(h.device.keepScreenOn, false);
  await call(h, 'setKeepScreenOn', { keepScreenOn: true });
  assert.equal(h.device.keepScreenOn, true);
  assert.deepEqual(await call(h, 'setKeepScreenOn', { keepScreenOn: 'yes' }),
    { via: 'fail', res: { errMsg: 'setKeepScreenOn:fail parameter error: parameter.keepScreenOn should be Boolean instead of String;' } });
});

test('getNetworkType answers wifi, then what the last onNetworkStatusChange said', async (t) => {
  const { NETWORK_TYPES } = require('../src/data/network-types');
  const typings = iface('GetNetworkTypeSuccessCallbackResult').fields.find((f) => f.name === 'networkType').shape.enum.map((v) => v.value);
  assert.deepEqual(NETWORK_TYPES, typings);
  assert.deepEqual(typings, ['wifi', '2g', '3g', '4g', '5g', 'unknown', 'none']);
  const h = host(t);
  assert.deepEqual(await call(h, 'getNetworkType'), { via: 'success', res: { errMsg: 'getNetworkType:ok', networkType: 'wifi', signalStrength: 0 } });
  h.evaluate('globalThis.heard = []; wx.onNetworkStatusChange((e) => heard.push(e.networkType))');
  h.emit('onNetworkStatusChange', { isConnected: true, networkType: '4g' });
  assert.equal((await call(h, 'getNetworkType')).res.networkType, '4g');
  h.emit('onNetworkStatusChange', { isConnected: false, networkType: 'none' });
  assert.equal((await call(h, 'getNetworkType')).res.networkType, 'none');
  h.emit('onNetworkStatusChange', { isConnected: true, networkType: 'carrier-pigeon' }); // not a type the typings know: ignored
  assert.equal((await call(h, 'getNetworkType')).res.networkType, 'none');
  assert.deepEqual(plain(h.evaluate('heard')), ['4g', 'none', 'carrier-pigeon']);
});

test('vibration and phone calls are recorded in host.ui', async (t) => {
  const h = host(t);
  await call(h, 'vibrateShort', { type: 'heavy' });
  await call(h, 'vibrateLong');
  await call(h, 'vibrateShort');
  assert.deepEqual(await call(h, 'vibrateShort', { type: 'hard' }),
    { via: 'fail', res: { errMsg: 'vibrateShort:fail parameter error: parameter.type should be one of heavy, medium, light instead of "hard";' } });
  assert.deepEqual(h.ui.vibrations, [{ kind: 'short', type: 'heavy' }, { kind: 'long' }, { kind: 'short', type: null }]);
  await call(h, 'makePhoneCall', { phoneNumber: '+86 10086' });
  assert.deepEqual(await call(h, 'makePhoneCall', {}),
    { via: 'fail', res: { errMsg: 'makePhoneCall:fail parameter error: parameter.phoneNumber should be String instead of Undefined;' } });
  assert.deepEqual(h.ui.phoneCalls, [{ phoneNumber: '+86 10086' }]);
});

test('from the command line, --emit onNetworkStatusChange changes what getNetworkType answers', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'p'), {
    'index.js': `module.exports = { type: () => new Promise((resolve) => wx.getNetworkType({ success: (r) => resolve(r.networkType) })) };`,
  });
  const allowlist = path.join(dir, 'a.json');
  fs.writeFileSync(allowlist, JSON.stringify(realList()));
  const r = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'wx-host.js'), 'run', plugin, '--allowlist', allowlist, '--json',
    '--call', 'type', '--emit', 'onNetworkStatusChange={"isConnected":true,"networkType":"3g"}', '--call', 'type'], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(JSON.parse(r.stdout).calls.map((c) => c.result), ['wifi', '3g']);
});
