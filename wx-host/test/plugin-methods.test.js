'use strict';
// Every object the host hands a plugin has exactly the methods the typings
// let plugins call (wx-allowlist/data/interfaces.json: plugin "supported", or
// "since" a base at or below the simulated one); the unsupported ones are absent.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createHost } = require('../src');
const { plain } = require('../test-support/kit');
const { WORKSPACE, readRealAllowlist } = require('../test-support/allowlist');
const { compareVersions } = require('../src/version');

const INTERFACES = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'wx-allowlist', 'data', 'interfaces.json'), 'utf8')).interfaces;
const allowed = (iface, base) => INTERFACES.find((i) => i.name === iface).methods
  .filter((m) => m.plugin === 'supported' || (m.plugin === 'since' && compareVersions(m.plugin_since, base) <= 0))
  .map((m) => m.name).sort();

// How to get each object in the plugin realm, by interface.
const MAKERS = {
  InnerAudioContext: 'wx.createInnerAudioContext()',
  BackgroundAudioManager: 'wx.getBackgroundAudioManager()',
  RecorderManager: 'wx.getRecorderManager()',
  Animation: 'wx.createAnimation()',
  SelectorQuery: 'wx.createSelectorQuery()',
  NodesRef: "wx.createSelectorQuery().select('#a')",
  IntersectionObserver: 'wx.createIntersectionObserver()',
  CanvasContext: "wx.createCanvasContext('c')",
  OffscreenCanvas: 'wx.createOffscreenCanvas()',
  VideoContext: "wx.createVideoContext('v')",
  CameraContext: 'wx.createCameraContext()',
  LivePlayerContext: "wx.createLivePlayerContext('l')",
  LivePusherContext: 'wx.createLivePusherContext()',
  MapContext: "wx.createMapContext('m')",
  AudioContext: "wx.createAudioContext('a')",
  MediaAudioPlayer: 'wx.createMediaAudioPlayer()',
  MediaContainer: 'wx.createMediaContainer()',
  MediaRecorder: 'wx.createMediaRecorder({}, {})',
  VideoDecoder: 'wx.createVideoDecoder()',
  NFCAdapter: 'wx.getNFCAdapter()',
  Ndef: 'wx.getNFCAdapter().getNdef()',
  NfcA: 'wx.getNFCAdapter().getNfcA()',
  IsoDep: 'wx.getNFCAdapter().getIsoDep()',
  MifareClassic: 'wx.getNFCAdapter().getMifareClassic()',
  UDPSocket: 'wx.createUDPSocket()',
  TCPSocket: 'wx.createTCPSocket()',
  Worker: "wx.createWorker('w.js')",
  InterstitialAd: "wx.createInterstitialAd({ adUnitId: 'a' })",
  RewardedVideoAd: "wx.createRewardedVideoAd({ adUnitId: 'a' })",
  Performance: 'wx.getPerformance()',
  RealtimeLogManager: 'wx.getRealtimeLogManager()',
  RealtimeTagLogManager: "wx.getRealtimeLogManager().tag('t')",
  VKSession: 'wx.createVKSession({})',
  InferenceSession: "wx.createInferenceSession({ model: 'm' })",
  CanvasGradient: "wx.createCanvasContext('c').createLinearGradient(0, 0, 1, 1)",
};

for (const base of ['2.20.0', '99.0.0']) {
  test(`at ${base}, each object has exactly the methods plugins may call`, async (t) => {
    const h = createHost({ allowlist: readRealAllowlist(), baseVersion: base, asReferencePage: true });
    t.after(() => h.dispose());
    for (const [iface, code] of Object.entries(MAKERS)) {
      if (iface === 'InferenceSession' && compareVersions(base, '2.30.0') < 0) continue; // createInferenceSession is newer
      const methods = plain(h.evaluate(`(() => { const o = ${code}; return Object.keys(o).filter((k) => typeof o[k] === 'function').sort(); })()`));
      assert.deepEqual(methods, allowed(iface, base), `${iface} at ${base}`);
    }
    // The BLE peripheral server (from 2.22.1) has none at all.
    assert.deepEqual(allowed('BLEPeripheralServer', base), []);
    if (compareVersions(base, '2.22.1') >= 0) assert.deepEqual(Object.keys((await h.evaluate('wx.createBLEPeripheralServer()')).server), []);
    h.evaluate('wx.createUDPSocket()'); // not bound: nothing pending
    await h.settle();
  });
}

test('the contexts the other tests do not name: media player, container, decoder answer', async (t) => {
  const h = createHost({ allowlist: readRealAllowlist(), baseVersion: '99.0.0' });
  t.after(() => h.dispose());
  assert.equal(await h.evaluate('wx.createMediaAudioPlayer().start().then(() => "started")'), 'started');
  assert.equal(h.evaluate('wx.createMediaAudioPlayer().volume'), 1);
  assert.equal(await h.evaluate('wx.createVideoDecoder().start({ source: "x.mp4" }).then(() => "decoding")'), 'decoding');
  const res = plain(await h.evaluate('new Promise((r) => wx.createMediaContainer().extractDataSource({ source: "x.mp4", success: r }))'));
  assert.deepEqual(res, { errMsg: 'extractDataSource:ok' });
  assert.deepEqual(h.state.contexts.map((c) => [c.iface, c.calls.map(([m]) => m)]),
    [['MediaAudioPlayer', ['start']], ['MediaAudioPlayer', []], ['VideoDecoder', ['start']], ['MediaContainer', ['extractDataSource']]]);
});

test('notifyBLECharacteristicValueChanged (the old name) switches notifications as the new one does', async (t) => {
  const h = createHost({ allowlist: readRealAllowlist(), baseVersion: '99.0.0', clock: 'virtual', scenario: { bluetooth: { devices: [{
    deviceId: 'd', services: [{ uuid: 's', characteristics: [{ uuid: 'c', properties: { indicate: true }, notifications: [{ at: 10, value: '07' }] }] }] }] } } });
  t.after(() => h.dispose());
  h.evaluate('globalThis.got = []; wx.onBLECharacteristicValueChange((v) => got.push(new Uint8Array(v.value)[0]))');
  await h.evaluate('wx.openBluetoothAdapter().then(() => wx.createBLEConnection({ deviceId: "d" }))');
  const r = plain(await h.evaluate("wx.notifyBLECharacteristicValueChanged({ deviceId: 'd', serviceId: 's', characteristicId: 'c', state: true })"));
  assert.deepEqual(r, { errMsg: 'notifyBLECharacteristicValueChanged:ok' });
  await h.settle();
  assert.deepEqual(plain(h.evaluate('got')), [7]);
});
