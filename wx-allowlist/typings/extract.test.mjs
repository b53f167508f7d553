// node --test wx-allowlist/typings/
// Holds the committed snapshot to a fresh extraction, and the extraction to
// the counts taken by hand on miniprogram-api-typings 5.2.3.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { SNAPSHOT, extract, serialize } from './extract.mjs';

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

test('committed snapshot equals a fresh extraction', () => {
  assert.equal(fs.readFileSync(SNAPSHOT, 'utf8'), serialize(fresh),
    'wx-allowlist/data/typings.json is stale: run `npm run extract-typings`');
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
    params: obj, returns: 'void', summary: '显示消息提示框',
    doc: 'https://developers.weixin.qq.com/miniprogram/dev/api/ui/interaction/wx.showToast.html',
  });
  for (const n of ['request', 'downloadFile', 'uploadFile', 'connectSocket']) {
    assert.equal(get(n).kind, 'task', n);
    assert.equal(get(n).returns, 'object', n);
  }
  assert.equal(get('getStorageSync').kind, 'sync');
  assert.deepEqual(get('getStorageSync').params, [{ name: 'key', type: 'string', optional: false }]);
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
