// node --test wx-allowlist/typings/extract.test.mjs
// Holds the committed snapshots to a fresh extraction, and the extraction to
// the counts and entries read by hand on miniprogram-api-typings 5.2.3.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { INTERFACES, SNAPSHOT, extract, serialize, serializeInterfaces } from './extract.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fresh = extract();
const byName = new Map(fresh.functions.map((f) => [f.name, f]));

const pageNames = new Set(
  fs.readFileSync(path.resolve(here, '../data/reference-page.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t')[0]),
);

// Base-library versions compare numerically: 1.9.94 > 1.9.6.
const cmp = (a, b) => {
  const x = a.split('.').map(Number), y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
};
// The base from which a plugin may call f, or null.
const pluginMin = (f) =>
  f.plugin === 'since' ? (f.since && cmp(f.since, f.plugin_since) > 0 ? f.since : f.plugin_since)
    : f.plugin === 'supported' ? f.since
      : null;

test('committed snapshots equal a fresh extraction', () => {
  assert.equal(fs.readFileSync(SNAPSHOT, 'utf8'), serialize(fresh),
    'wx-allowlist/data/typings.json is stale: run `npm run extract-typings`');
  assert.equal(fs.readFileSync(INTERFACES, 'utf8'), serializeInterfaces(fresh),
    'wx-allowlist/data/interfaces.json is stale: run `npm run extract-typings`');
});

const iface = new Map(fresh.interfaces.map((i) => [i.name, i]));
const getIface = (n) => iface.get(n) ?? assert.fail(`interface ${n} missing`);
const field = (i, f) => getIface(i).fields.find((x) => x.name === f) ?? assert.fail(`${i}.${f} missing`);
const method = (i, m) => getIface(i).methods.find((x) => x.name === m) ?? assert.fail(`${i}.${m} missing`);

test('interfaces: what permitted functions reach, and nothing dangling', () => {
  // Regression counts of this extraction (typings 5.2.3): a change means the
  // typings or the extractor changed; read the diff of interfaces.json.
  assert.equal(fresh.interfaces.length, 653);
  assert.equal(fresh.interfaces.reduce((n, i) => n + i.fields.length, 0), 2552);
  assert.equal(fresh.interfaces.reduce((n, i) => n + i.methods.length, 0), 619);
  const names = fresh.interfaces.map((i) => i.name);
  assert.deepEqual(names, [...names].sort());
  // Every interface a shape names is in the snapshot.
  const dangling = [];
  const walk = (shape, where) => {
    if (!shape || typeof shape !== 'object') return;
    if ('object' in shape && !iface.has(shape.object)) dangling.push(`${where} -> ${shape.object}`);
    if ('array' in shape) walk(shape.array, where);
    if ('function' in shape) walk(shape.function, where);
  };
  for (const i of fresh.interfaces) {
    for (const f of i.fields) walk(f.shape, `${i.name}.${f.name}`);
    for (const m of i.methods) {
      m.params.forEach((p) => walk(p.shape, `${i.name}.${m.name}`));
      walk(m.returns, `${i.name}.${m.name}`);
    }
  }
  for (const f of fresh.functions) {
    for (const k of ['returns_shape', 'success', 'fail', 'payload']) walk(f[k], `${f.name}.${k}`);
    (f.params ?? []).forEach((p) => walk(p.shape, `${f.name}(${p.name})`));
  }
  assert.deepEqual(dangling, []);
});

test('fields, values and methods read by hand from lib.wx.api.d.ts', () => {
  // ShowModalOption: `editable?: boolean` and `placeholderText?: string`, both 需要基础库 2.17.1.
  assert.deepEqual(field('ShowModalOption', 'editable'),
    { name: 'editable', shape: 'boolean', optional: true, since: '2.17.1', doc: '是否显示输入框' });
  assert.equal(field('ShowModalOption', 'placeholderText').since, '2.17.1');
  assert.equal(field('ShowModalOption', 'title').since, null);
  // ShowToastOption: `title: string` is required; icon's values in declaration order,
  // 'none' from 1.9.0 (its 可选值 line), 'error' from 2.14.1 (the doc page, VALUE_SINCE_OVERRIDES).
  assert.equal(field('ShowToastOption', 'title').optional, false);
  assert.deepEqual(field('ShowToastOption', 'icon').shape.enum.map((v) => [v.value, v.since]),
    [['success', null], ['error', '2.14.1'], ['loading', null], ['none', '1.9.0']]);
  // RequestOption: the fields with their own 需要基础库 lines.
  assert.deepEqual(
    getIface('RequestOption').fields.filter((f) => f.since).map((f) => `${f.name}@${f.since}`),
    ['enableCache@2.10.4', 'enableChunked@2.20.2', 'enableHttp2@2.10.4', 'enableHttpDNS@2.19.1',
      'enableHttpDNSFallback@3.16.2', 'enableQuic@2.10.4', 'forceCellularNetwork@2.21.0',
      'httpDNSServiceId@2.19.1', 'httpDNSTimeout@3.8.9', 'redirect@3.2.2', 'responseType@1.7.0',
      'timeout@2.10.0', 'useHighPerformanceMode@3.3.3']);
  assert.deepEqual(field('RequestOption', 'method').shape.enum.map((v) => v.value),
    ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT']);
  // Methods carry their own plugin notes: CameraContext.onCameraFrame 不支持 (2.7.0),
  // every TCPSocket method 不支持, UDPSocket's 需要基础库 2.11.1, RecorderManager.onError 支持.
  assert.deepEqual([method('CameraContext', 'onCameraFrame').plugin, method('CameraContext', 'onCameraFrame').since],
    ['unsupported', '2.7.0']);
  assert.ok(getIface('TCPSocket').methods.every((m) => m.plugin === 'unsupported'));
  assert.deepEqual([method('UDPSocket', 'connect').plugin, method('UDPSocket', 'connect').plugin_since,
    method('UDPSocket', 'connect').since], ['since', '2.11.1', '2.15.0']);
  assert.equal(method('RecorderManager', 'onError').plugin, 'supported');
  assert.deepEqual(method('RequestTask', 'onHeadersReceived').params[0].shape,
    { function: { object: 'RequestTaskOnHeadersReceivedListenerResult' } });
});

test('functions link to their options, results, payloads and off* counterparts', () => {
  const get = (n) => byName.get(n) ?? assert.fail(`${n} missing`);
  assert.deepEqual(get('showModal').params[0].shape, { object: 'ShowModalOption' });
  assert.deepEqual(get('showModal').success, { object: 'ShowModalSuccessCallbackResult' });
  assert.deepEqual(get('showModal').fail, { object: 'GeneralCallbackResult' });
  assert.deepEqual(get('request').returns_shape, { object: 'RequestTask' });
  assert.deepEqual(get('request').fail, { object: 'RequestFailCallbackErr' });
  assert.ok(field('RequestFailCallbackErr', 'errno'));
  assert.deepEqual(get('getSystemInfoSync').returns_shape, { object: 'SystemInfo' });
  assert.deepEqual(get('getRecorderManager').returns_shape, { object: 'RecorderManager' });
  assert.deepEqual(get('onNetworkStatusChange').payload, { object: 'OnNetworkStatusChangeListenerResult' });
  assert.equal(get('onNetworkStatusChange').off, 'offNetworkStatusChange');
  assert.equal(get('onCompassChange').off, 'offCompassChange');
  // Forbidden functions carry no links.
  assert.equal(get('authorize').success, undefined);
});

test('snapshot is sorted and has the pinned source', () => {
  assert.deepEqual(fresh.source, {
    package: 'miniprogram-api-typings', version: '5.2.3',
    file: 'types/wx/lib.wx.api.d.ts', interface: 'WechatMiniprogram.Wx',
  });
  const names = fresh.functions.map((f) => f.name);
  assert.deepEqual(names, [...names].sort());
});

test('counts match the hand count on typings 5.2.3', () => {
  assert.equal(fresh.functions.length, 495);
  assert.equal(pageNames.size, 104);
  const outside = fresh.functions.filter((f) => !pageNames.has(f.name));
  const usable = outside.filter(pluginMin);
  assert.equal(usable.length, 183);
  const versions = [...new Set(usable.map(pluginMin))].sort(cmp);
  assert.equal(versions.length, 46);
  assert.equal(versions[0], '2.1.0');
  assert.equal(versions.at(-1), '3.15.1');
  assert.ok(usable.some((f) => f.name === 'pluginLogin'));
  assert.ok(usable.some((f) => f.name === 'requestPluginPayment'));
  assert.equal(outside.filter((f) => f.plugin === 'unsupported').length, 210);
});

test('known entries', () => {
  const get = (n) => byName.get(n) ?? assert.fail(`${n} missing`);
  const obj = [{ name: 'option', type: 'object', optional: false }];

  assert.deepEqual(get('showToast'), {
    name: 'showToast', since: null, plugin: 'since', plugin_since: '1.9.6', kind: 'async',
    params: [{ ...obj[0], shape: { object: 'ShowToastOption' } }], returns: 'void', summary: '显示消息提示框',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/api/ui/interaction/wx.showToast.html',
    returns_shape: 'void', success: { object: 'GeneralCallbackResult' }, fail: { object: 'GeneralCallbackResult' },
  });
  for (const n of ['request', 'downloadFile', 'uploadFile', 'connectSocket']) {
    assert.equal(get(n).kind, 'task', n);
    assert.equal(get(n).returns, 'object', n);
  }
  assert.equal(get('getStorageSync').kind, 'sync');
  assert.deepEqual(get('getStorageSync').params, [{ name: 'key', type: 'string', optional: false, shape: 'string' }]);
  assert.equal(get('createCanvasContext').kind, 'factory');
  assert.equal(get('getRecorderManager').plugin_since, '1.9.94');
  assert.equal(get('onSocketOpen').kind, 'listener');
  assert.equal(get('onSocketOpen').params[0].type, 'function');
  assert.equal(get('offNetworkStatusChange').kind, 'listener');

  const a2b = get('arrayBufferToBase64');
  assert.equal(a2b.kind, 'converter');
  assert.deepEqual(a2b.params.map((p) => p.type), ['arraybuffer']);
  assert.equal(a2b.returns, 'string');
  assert.equal(get('base64ToArrayBuffer').returns, 'arraybuffer');

  const login = get('pluginLogin');
  assert.equal(login.plugin, 'since');
  assert.equal(login.plugin_since, '2.20.1');
  assert.equal(login.kind, 'async');
  assert.equal(get('createTCPSocket').plugin, 'supported');
  assert.equal(get('createTCPSocket').since, '2.18.0');
  assert.equal(get('getSetting').since, '1.2.0');
  assert.equal(get('getStorageInfoSync').plugin, 'unsupported');
  // The signature contains a link of its own; the doc URL is the outer one.
  assert.equal(get('request').doc, 'https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html');
});
