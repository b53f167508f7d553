'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createHost, normalizeAllowlist } = require('../src');
const { ALLOWLIST, plain, tempDir } = require('../test-support/kit');
const { WORKSPACE, COMMAND, readRealAllowlist, sinceFromDataFiles, versionLe } = require('../test-support/allowlist');

test('allowlist entries keep name, since and kind; extra fields are ignored', () => {
  const [e] = normalizeAllowlist([{ name: 'showToast', since: '1.9.6', kind: 'async', legacy: false, rust_name: 'show_toast', feature: null, source: 'page', doc: 'x' }]);
  assert.deepEqual(e, { name: 'showToast', since: '1.9.6', kind: 'async', unsupportedToday: false });
  const [c] = normalizeAllowlist([{ name: 'onCompassChange', since: '1.9.6', kind: 'listener', unsupported_today: true }]);
  assert.equal(c.unsupportedToday, true);
  assert.equal(normalizeAllowlist(ALLOWLIST).length, ALLOWLIST.length);
  // The listing's category is kept (the registry check compares it with the implementation's file).
  assert.deepEqual(normalizeAllowlist([{ name: 'request', since: '1.9.6', kind: 'task', category: 'network' }])[0].category, 'network');
  assert.equal(normalizeAllowlist([{ name: 'makeVoIPCall', since: '1.9.6', kind: 'async', category: null }])[0].category, null);
  assert.throws(() => normalizeAllowlist([{ name: 'x', since: '1.9.6', kind: 'async', category: 7 }]), /entry 0 \(x\): "category" must be a string or null/);
});

// ---- getting the real list: a failure is a failure, never a skip -----------

/** A fake `cargo` (a shell script) in a temp dir. */
function fakeCargo(t, body) {
  const file = path.join(tempDir(t), 'cargo');
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

test('reading the real list fails, naming the reason, when the allowlist CLI cannot give it', (t) => {
  const emptyDir = tempDir(t);
  assert.throws(() => readRealAllowlist({ env: { ...process.env, PATH: emptyDir } }),
    (e) => e.message === `\`${COMMAND}\` could not start: cargo is not on PATH (PATH=${emptyDir}); the allowlist tests need Rust's cargo`);

  const broken = fakeCargo(t, 'echo "   Compiling wx-allowlist v0.1.0" >&2; echo "error[E0425]: cannot find value \\`x\\`" >&2; echo "error: could not compile \\`wx-allowlist\\`" >&2; exit 101');
  assert.throws(() => readRealAllowlist({ cargo: broken }), (e) => {
    assert.equal(e.message, [
      `\`${COMMAND}\` exited with status 101; its stderr ends with:`,
      '     Compiling wx-allowlist v0.1.0',
      '  error[E0425]: cannot find value `x`',
      '  error: could not compile `wx-allowlist`',
    ].join('\n'));
    return true;
  });
  const silent = fakeCargo(t, 'exit 3');
  assert.throws(() => readRealAllowlist({ cargo: silent }), /exited with status 3; its stderr ends with:\n {2}\(stderr was empty\)$/);
  const killed = fakeCargo(t, 'kill -9 $$');
  assert.throws(() => readRealAllowlist({ cargo: killed }), /`cargo run -q -p wx-allowlist -- --json` was killed by SIGKILL/);

  const chatty = fakeCargo(t, 'echo "warning: unused import"; echo "[]"');
  assert.throws(() => readRealAllowlist({ cargo: chatty }), /printed something that is not JSON \(.*\); stdout starts with "warning: unused import\\n\[\]\\n"$/);
  const object = fakeCargo(t, 'echo "{}"');
  assert.throws(() => readRealAllowlist({ cargo: object }), /printed JSON that is not a non-empty array: "\{\}\\n"$/);
  const empty = fakeCargo(t, 'echo "[]"');
  assert.throws(() => readRealAllowlist({ cargo: empty }), /printed JSON that is not a non-empty array: "\[\]\\n"$/);

  const good = fakeCargo(t, `echo '[{"name":"showToast","since":"1.9.6","kind":"async"}]'`);
  assert.deepEqual(readRealAllowlist({ cargo: good }), [{ name: 'showToast', since: '1.9.6', kind: 'async' }]);
});

// The real list, from the project's single source of truth. Read once; when
// that fails, every test that needs it fails with the same reason.
let real;
function realList() {
  if (!real) {
    try {
      real = { list: readRealAllowlist() };
    } catch (error) {
      real = { error };
    }
  }
  if (real.error) throw real.error;
  return real.list;
}

// ---- what each base library exposes: expectations that do not come from host.js

// Counted by hand from wx-allowlist/data/reference-page.tsv (104 rows, all at
// 1.9.6 but getRecorderManager at 1.9.94) and the typings' plugin notes
// (typings.json: `plugin_since`, or `since` for "supported"); the last test of
// this block recounts them from those files by a route of its own.
const PINNED = {
  '1.9.6': {
    count: 103,
    present: ['showToast', 'getSystemInfoSync', 'setStorageSync', 'request', 'arrayBufferToBase64',
      'makeVoIPCall', 'onBLEConnectionStateChanged'], // the last two: legacy spellings, on the page only
    absent: ['getRecorderManager', 'navigateBack', 'redirectTo', 'pluginLogin', 'authorize', 'clearStorage'],
  },
  '1.9.94': { count: 104, present: ['getRecorderManager'], absent: ['navigateBack', 'redirectTo'] },
  '2.2.2': { count: 123, present: ['redirectTo', 'navigateTo', 'getAccountInfoSync', 'navigateBack'], absent: ['getUserInfo', 'login'] },
  '2.18.1': {
    count: 228,
    present: ['createWorker', 'navigateToMiniProgram', 'createTCPSocket'],
    absent: ['getFileSystemManager', 'pluginLogin'],
  },
  '2.20.1': { count: 235, present: ['pluginLogin', 'getBLEMTU', 'getFileSystemManager'], absent: ['openChannelsUserProfile'] },
  '99.0.0': { count: 287, present: ['openOfficialAccountArticle', 'openChannelsUserProfile'], absent: ['authorize', 'clearStorage', 'getStorageInfoSync'] },
};

const sorted = (names) => [...names].sort();

test('the real list: 287 APIs, 104 of them from the reference page, each at the version the data files give', () => {
  const list = realList();
  assert.equal(list.length, 287);
  assert.equal(new Set(list.map((e) => e.name)).size, 287, 'names are unique');
  const fromPage = list.filter((e) => Array.isArray(e.source) && e.source.includes('reference-page'));
  assert.equal(fromPage.length, 104);
  assert.deepEqual(sorted(list.filter((e) => e.source.length === 1 && e.source[0] === 'reference-page').map((e) => e.name)),
    ['makeVoIPCall', 'notifyBLECharacteristicValueChanged', 'onBLEConnectionStateChanged']);
  const pinnedSince = { getRecorderManager: '1.9.94', redirectTo: '2.2.2', pluginLogin: '2.20.1', createWorker: '2.18.1', showToast: '1.9.6' };
  for (const [name, since] of Object.entries(pinnedSince)) {
    assert.equal(list.find((e) => e.name === name).since, since, name);
  }
  // The CLI's output agrees, API by API, with a reading of the data files.
  const cli = Object.fromEntries(list.map((e) => [e.name, e.since]));
  assert.deepEqual(cli, Object.fromEntries(sinceFromDataFiles()));
});

test('the data files, read directly, give the pinned counts at each base', () => {
  const since = [...sinceFromDataFiles().values()];
  const counts = Object.fromEntries(Object.keys(PINNED).map((base) => [base, since.filter((s) => versionLe(s, base)).length]));
  assert.deepEqual(counts, Object.fromEntries(Object.entries(PINNED).map(([base, p]) => [base, p.count])));
});

test('at each base the host exposes exactly the pinned number of APIs, the data files\' ones (as the reference page has it)', () => {
  const list = realList();
  const since = sinceFromDataFiles();
  for (const [base, { count, present, absent }] of Object.entries(PINNED)) {
    const host = createHost({ allowlist: list, baseVersion: base, asReferencePage: true });
    assert.equal(host.exposed.length, count, `${base}: how many APIs wx holds`);
    assert.equal(host.evaluate('Object.keys(wx).length'), count, base);
    const expected = sorted([...since].filter(([, s]) => versionLe(s, base)).map(([name]) => name));
    assert.deepEqual(sorted(host.exposed), expected, base);
    assert.deepEqual(sorted(plain(host.evaluate('Object.keys(wx)'))), expected, base);
    for (const name of present) assert.equal(host.evaluate(`typeof wx.${name}`), 'function', `${base}: wx.${name}`);
    for (const name of absent) assert.equal(host.evaluate(`typeof wx.${name}`), 'undefined', `${base}: wx.${name}`);
    assert.equal(host.evaluate('wx.getSystemInfoSync().SDKVersion'), base);
  }
  // The default base is the lowest on the list.
  const byDefault = createHost({ allowlist: list, asReferencePage: true });
  assert.equal(byDefault.exposed.length, 103);
  assert.equal(byDefault.evaluate('typeof wx.redirectTo'), 'undefined');
});

// The page's APIs that today's typings mark 在插件中使用：不支持, read by hand.
const UNSUPPORTED_TODAY = ['onAccelerometerChange', 'onBackgroundAudioPause', 'onBackgroundAudioPlay',
  'onBackgroundAudioStop', 'onCompassChange', 'onUserCaptureScreen'];

test('by default the host is today\'s WeChat: the page\'s APIs unsupported in plugins today are absent', () => {
  const list = realList();
  // The data files, read directly, agree with the hand list.
  const { functions } = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'wx-allowlist', 'data', 'typings.json'), 'utf8'));
  const fromData = functions.filter((f) => f.plugin === 'unsupported' && list.some((e) => e.name === f.name)).map((f) => f.name);
  assert.deepEqual(sorted(fromData), UNSUPPORTED_TODAY);
  for (const [base, { count }] of Object.entries(PINNED)) {
    const host = createHost({ allowlist: list, baseVersion: base });
    assert.equal(host.exposed.length, count - UNSUPPORTED_TODAY.length, base);
    for (const name of UNSUPPORTED_TODAY) assert.equal(host.evaluate(`typeof wx.${name}`), 'undefined', `${base}: wx.${name}`);
  }
  assert.equal(createHost({ allowlist: list }).evaluate('typeof wx.onNetworkStatusChange'), 'function');
});

// ---- every API of the real list, called, answers in its kind's convention --

// What the host does for real, written out by hand (wx-host/README.md: system
// info, toast/loading/modal, the base64 converters, storage, the device
// state, files). Every other API must answer "<api>:fail not simulated yet".
const OK = 'ok';
const noTitle = 'fail parameter error: parameter.title should be String instead of Undefined;';
const noKey = 'fail parameter error: parameter.key should be String instead of Undefined;';
/** Async APIs the host simulates: what each answers when called with no options. */
const noDeviceId = 'fail parameter error: parameter.deviceId should be String instead of Undefined;';
const noCharacteristicId = 'fail parameter error: parameter.characteristicId should be String instead of Undefined;';
const noSrc = 'fail parameter error: parameter.src should be String instead of Undefined;';
const noFilePath = 'fail parameter error: parameter.filePath should be String instead of Undefined;';
const noFamily = 'fail parameter error: parameter.family should be String instead of Undefined;';
const noUrl = 'fail parameter error: parameter.url should be String instead of Undefined;';
const noCanvasId = 'fail parameter error: parameter.canvasId should be String instead of Undefined;';
// getRendererUserAgent's success gets the user agent string itself (the typings), not a result object.
const RAW = 'raw';
const REAL_ASYNC = {
  getSystemInfo: OK, showToast: noTitle, hideToast: OK, showLoading: noTitle, hideLoading: OK, showModal: OK,
  setStorage: noKey, getStorage: noKey, removeStorage: noKey,
  // The device's simple state (apis/device.js): required fields missing fail as WeChat's parameter errors.
  setClipboardData: 'fail parameter error: parameter.data should be String instead of Undefined;',
  getClipboardData: OK,
  setScreenBrightness: 'fail parameter error: parameter.value should be Number instead of Undefined;',
  getScreenBrightness: OK,
  setKeepScreenOn: 'fail parameter error: parameter.keepScreenOn should be Boolean instead of Undefined;',
  getNetworkType: OK,
  vibrateShort: OK,
  vibrateLong: OK,
  makePhoneCall: 'fail parameter error: parameter.phoneNumber should be String instead of Undefined;',
  // Sensors, battery, radios, scans (apis/device.js), scripted from the scenario (here: none). The
  // list is called in its order (alphabetical), twice: closeBluetoothAdapter always succeeds, so
  // getBluetooth* (before openBluetoothAdapter) fail "not init" both times, start/stopBluetoothDevicesDiscovery
  // (after it) succeed; getWifiList and getConnectedWifi come before startWifi, stopWifi after it.
  startAccelerometer: OK, stopAccelerometer: OK, startCompass: OK, stopCompass: OK, startGyroscope: OK, stopGyroscope: OK,
  startDeviceMotionListening: OK, stopDeviceMotionListening: OK, getBatteryInfo: OK,
  openBluetoothAdapter: OK, closeBluetoothAdapter: OK, startBluetoothDevicesDiscovery: OK, stopBluetoothDevicesDiscovery: OK,
  getBluetoothAdapterState: 'fail not init', getBluetoothDevices: 'fail not init',
  getConnectedBluetoothDevices: 'fail parameter error: parameter.services should be Array instead of Undefined;',
  createBLEConnection: noDeviceId, closeBLEConnection: noDeviceId, getBLEDeviceServices: noDeviceId,
  getBLEDeviceCharacteristics: noDeviceId, getBLEDeviceRSSI: noDeviceId, getBLEMTU: noDeviceId, setBLEMTU: noDeviceId,
  isBluetoothDevicePaired: noDeviceId, makeBluetoothPair: noDeviceId,
  readBLECharacteristicValue: noCharacteristicId, writeBLECharacteristicValue: noCharacteristicId,
  notifyBLECharacteristicValueChange: noCharacteristicId, notifyBLECharacteristicValueChanged: noCharacteristicId,
  createBLEPeripheralServer: OK,
  getBeacons: 'fail not startBeaconDiscovery', stopBeaconDiscovery: 'fail not startBeaconDiscovery',
  startBeaconDiscovery: 'fail parameter error: parameter.uuids should be Array instead of Undefined;',
  startWifi: OK, stopWifi: OK, getWifiList: 'fail not init', getConnectedWifi: 'fail not init',
  connectWifi: 'fail parameter error: parameter.SSID should be String instead of Undefined;',
  setWifiList: 'fail parameter error: parameter.wifiList should be Array instead of Undefined;',
  startHCE: 'fail parameter error: parameter.aid_list should be Array instead of Undefined;', stopHCE: 'fail HCE not started',
  getHCEState: OK, sendHCEMessage: 'fail parameter error: parameter.data should be ArrayBuffer instead of Undefined;',
  scanCode: 'fail cancel', // no scenario answer: the user cancels
  addPhoneContact: 'fail parameter error: parameter.firstName should be String instead of Undefined;',
  getLocalIPAddress: OK, hideKeyboard: OK, setVisualEffectOnCapture: OK,
  // The location (apis/location.js): the default place.
  getLocation: OK, getFuzzyLocation: OK, chooseLocation: OK, startLocationUpdate: OK, stopLocationUpdate: OK,
  openLocation: 'fail parameter error: parameter.latitude should be Number instead of Undefined;',
  // Media (apis/media.js). startRecord answers when stopRecord (next in the list) stops it; nothing to pick: cancel.
  playBackgroundAudio: 'fail parameter error: parameter.dataUrl should be String instead of Undefined;',
  pauseBackgroundAudio: OK, stopBackgroundAudio: OK, getBackgroundAudioPlayerState: OK,
  seekBackgroundAudio: 'fail parameter error: parameter.position should be Number instead of Undefined;',
  setInnerAudioOption: OK, getAvailableAudioSources: OK, checkDeviceSupportHevc: OK,
  startRecord: OK, stopRecord: OK, pauseVoice: OK, stopVoice: OK,
  playVoice: 'fail parameter error: parameter.filePath should be String instead of Undefined;',
  chooseImage: 'fail cancel', chooseMedia: 'fail cancel', chooseVideo: 'fail cancel',
  getImageInfo: noSrc, compressImage: noSrc, getVideoInfo: noSrc, compressVideo: noSrc,
  previewImage: 'fail parameter error: parameter.urls should be Array instead of Undefined;',
  previewMedia: 'fail parameter error: parameter.sources should be Array instead of Undefined;',
  saveImageToPhotosAlbum: noFilePath, saveVideoToPhotosAlbum: noFilePath, openVideoEditor: noFilePath,
  joinVoIPChat: 'fail parameter error: parameter.groupId should be String instead of Undefined;',
  exitVoIPChat: 'fail not in a chat', makeVoIPCall: OK,
  updateVoIPChatMuteConfig: 'fail parameter error: parameter.muteConfig should be Object instead of Undefined;',
  subscribeVoIPVideoMembers: 'fail parameter error: parameter.openIdList should be Array instead of Undefined;',
  // ui (apis/ui.js): recorded in host.ui.
  showActionSheet: 'fail parameter error: parameter.itemList should be Array instead of Undefined;',
  setNavigationBarTitle: noTitle, setNavigationBarColor: 'fail parameter error: parameter.frontColor should be String instead of Undefined;',
  showNavigationBarLoading: OK, hideNavigationBarLoading: OK, setBackgroundColor: OK,
  setBackgroundTextStyle: 'fail parameter error: parameter.textStyle should be String instead of Undefined;',
  startPullDownRefresh: OK, stopPullDownRefresh: OK,
  pageScrollTo: 'fail parameter error: parameter.scrollTop or parameter.selector is required;',
  loadFontFace: noFamily, loadBuiltInFontFace: noFamily,
  // route (apis/route.js): the stack has one page, so navigateBack fails.
  navigateTo: noUrl, redirectTo: noUrl, reLaunch: noUrl, switchTab: noUrl, rewriteRoute: noUrl,
  navigateBack: 'fail cannot navigate back at first page.',
  // base (apis/base.js)
  getSkylineInfo: OK, getRendererUserAgent: RAW, preloadWebview: OK, preloadSkylineView: OK,
  openAppAuthorizeSetting: OK, openSystemBluetoothSetting: OK, updateWeChatApp: OK,
  // open_api (apis/open_api.js): an anonymous user, codes, settings
  login: OK, pluginLogin: OK, getUserInfo: OK, getSetting: OK, openSetting: OK,
  chooseAddress: OK, chooseInvoice: OK, chooseInvoiceTitle: OK,
  authorizeForMiniProgram: 'fail parameter error: parameter.scope should be String instead of Undefined;',
  requestSubscribeMessage: 'fail parameter error: parameter.tmplIds should be Array instead of Undefined;',
  requestSubscribeDeviceMessage: 'fail parameter error: parameter.modelId should be String instead of Undefined;',
  openChannelsEvent: 'fail parameter error: parameter.eventId should be String instead of Undefined;',
  openChannelsUserProfile: 'fail parameter error: parameter.finderUserName should be String instead of Undefined;',
  // canvas, ai, network, navigate, share, file, payment
  canvasToTempFilePath: noCanvasId, canvasGetImageData: noCanvasId, canvasPutImageData: noCanvasId,
  getInferenceEnvInfo: OK, initFaceDetect: OK, stopFaceDetect: OK,
  faceDetect: 'fail parameter error: parameter.frameBuffer should be ArrayBuffer instead of Undefined;',
  startLocalServiceDiscovery: 'fail parameter error: parameter.serviceType should be String instead of Undefined;',
  stopLocalServiceDiscovery: 'fail task not found',
  exitMiniProgram: OK, navigateToMiniProgram: 'fail parameter error: parameter.appId or parameter.shortLink is required;',
  openEmbeddedMiniProgram: 'fail parameter error: parameter.appId should be String instead of Undefined;',
  openOfficialAccountArticle: noUrl,
  openOfficialAccountProfile: 'fail parameter error: parameter.username should be String instead of Undefined;',
  showShareMenu: OK, hideShareMenu: OK, updateShareMenu: OK,
  showShareImageMenu: 'fail parameter error: parameter.path should be String instead of Undefined;',
  getShareInfo: 'fail parameter error: parameter.shareTicket should be String instead of Undefined;',
  openDocument: noFilePath, saveFileToDisk: noFilePath,
  requestPluginPayment: 'fail parameter error: parameter.version should be String instead of Undefined;',
};
/** Sync APIs and converters the host simulates: what each does when called with no arguments. */
const REAL_SYNC = {
  getSystemInfoSync: { returns: 'object' },
  getRecorderManager: { returns: 'object' },
  getFileSystemManager: { returns: 'object' },
  getBatteryInfoSync: { returns: 'object' },
  createInnerAudioContext: { returns: 'object' }, getBackgroundAudioManager: { returns: 'object' },
  createAudioContext: { returns: 'object' }, createCameraContext: { returns: 'object' }, createLivePlayerContext: { returns: 'object' },
  createLivePusherContext: { returns: 'object' }, createMapContext: { returns: 'object' }, createMediaAudioPlayer: { returns: 'object' },
  createMediaContainer: { returns: 'object' }, createMediaRecorder: { returns: 'object' }, createVideoContext: { returns: 'object' },
  createVideoDecoder: { returns: 'object' },
  createAnimation: { returns: 'object' }, getMenuButtonBoundingClientRect: { returns: 'object' },
  nextTick: { throws: 'nextTick:fail parameter error: callback should be Function instead of Undefined;' },
  createSelectorQuery: { returns: 'object' }, createIntersectionObserver: { returns: 'object' },
  getWindowInfo: { returns: 'object' }, getDeviceInfo: { returns: 'object' }, getAppBaseInfo: { returns: 'object' },
  getSystemSetting: { returns: 'object' }, getAppAuthorizeSetting: { returns: 'object' }, getLaunchOptionsSync: { returns: 'object' },
  getEnterOptionsSync: { returns: 'object' }, getSkylineInfoSync: { returns: 'object' }, getPerformance: { returns: 'object' },
  getRealtimeLogManager: { returns: 'object' }, getAccountInfoSync: { returns: 'object' }, createOffscreenCanvas: { returns: 'object' },
  createTCPSocket: { returns: 'object' }, createUDPSocket: { returns: 'object' }, createVKSession: { returns: 'object' },
  getNFCAdapter: { returns: 'object' },
  reportPerformance: { throws: 'reportPerformance:fail parameter error: id should be Number instead of Undefined;' },
  reportAnalytics: { throws: 'reportAnalytics:fail parameter error: eventName should be String instead of Undefined;' },
  createCanvasContext: { throws: 'createCanvasContext:fail parameter error: canvasId should be String instead of Undefined;' },
  createInferenceSession: { throws: 'createInferenceSession:fail parameter error: parameter.model should be String instead of Undefined;' },
  createInterstitialAd: { throws: 'createInterstitialAd:fail parameter error: parameter.adUnitId should be String instead of Undefined;' },
  createRewardedVideoAd: { throws: 'createRewardedVideoAd:fail parameter error: parameter.adUnitId should be String instead of Undefined;' },
  createWorker: { throws: 'createWorker:fail parameter error: scriptPath should be String instead of Undefined;' },
  isVKSupport: { throws: 'isVKSupport:fail parameter error: version should be one of v1, v2 instead of Undefined;' },
  setStorageSync: { throws: `setStorageSync:${noKey}` },
  getStorageSync: { throws: `getStorageSync:${noKey}` },
  removeStorageSync: { throws: `removeStorageSync:${noKey}` },
  arrayBufferToBase64: { throws: 'arrayBufferToBase64:fail parameter error: arrayBuffer should be ArrayBuffer instead of Undefined;' },
  base64ToArrayBuffer: { throws: 'base64ToArrayBuffer:fail parameter error: base64 should be String instead of Undefined;' },
};
const TASK_METHODS = 'abort,close,offHeadersReceived,offProgressUpdate,onClose,onError,onHeadersReceived,onMessage,onOpen,onProgressUpdate,send';
/** Tasks the host runs for real (wx.request, over loopback HTTP): their methods, and the answer to no url. */
const REAL_TASK = {
  request: {
    methods: 'abort,offChunkReceived,offHeadersReceived,onChunkReceived,onHeadersReceived',
    answer: 'fail parameter error: parameter.url should be String instead of Undefined;',
  },
  downloadFile: {
    methods: 'abort,offHeadersReceived,offProgressUpdate,onHeadersReceived,onProgressUpdate',
    answer: 'fail parameter error: parameter.url should be String instead of Undefined;',
  },
  uploadFile: {
    methods: 'abort,offHeadersReceived,offProgressUpdate,onHeadersReceived,onProgressUpdate',
    answer: 'fail parameter error: parameter.url should be String instead of Undefined;',
  },
  connectSocket: {
    methods: 'close,offClose,offError,offMessage,offOpen,onClose,onError,onMessage,onOpen,send',
    answer: 'fail parameter error: parameter.url should be String instead of Undefined;',
  },
};
// Counted by hand in the real list's `kind` fields; pinned so that no kind's
// assertions below can pass by having nothing to check.
const KIND_COUNTS = { async: 162, task: 4, sync: 19, factory: 29, listener: 71, converter: 2 };

// Runs in the plugin realm: calls wx APIs and notes, per API, what came back
// and which callbacks fired with which errMsg.
const HARNESS = `
  globalThis.seen = {};
  globalThis.listener = function listener() {};
  const note = (name, what) => { (seen[name] = seen[name] || []).push(what); };
  const shape = (v) => (v === undefined ? 'undefined' : v === null ? 'null' : typeof v.then === 'function' ? 'promise' : typeof v);
  const call = (name, args) => {
    let v;
    try { v = wx[name](...args); } catch (e) { note(name, ['threw', e instanceof Error ? 'Error' : typeof e, e && e.message]); return undefined; }
    note(name, ['returned', shape(v)]);
    return v;
  };
  const callbacks = (name) => ({
    success: (r) => note(name, ['success', r.errMsg]),
    fail: (r) => note(name, ['fail', r.errMsg]),
    complete: (r) => note(name, ['complete', r.errMsg]),
  });
  // First pass: callbacks; sync-like kinds with no arguments; on* with a function.
  globalThis.firstPass = (apis) => {
    for (const [name, kind] of apis) {
      if (kind === 'async') call(name, [callbacks(name)]);
      else if (kind === 'task') {
        const task = call(name, [callbacks(name)]);
        if (task) note(name, ['task methods', Object.keys(task).filter((k) => typeof task[k] === 'function').sort().join(',')]);
      } else if (kind === 'listener') { if (name.startsWith('on')) call(name, [listener]); }
      else call(name, []);
    }
  };
  // Second pass: no callbacks (promise style from 2.10.2, never for tasks); off* with that function, on* with none.
  globalThis.secondPass = (apis) => {
    for (const [name, kind] of apis) {
      if (kind === 'async') {
        const p = call(name, [{}]);
        if (p && typeof p.then === 'function') p.then((r) => note(name, ['resolved', r.errMsg]), (r) => note(name, ['rejected', r.errMsg]));
      } else if (kind === 'task') call(name, [{}]);
      else if (kind === 'listener') call(name, name.startsWith('off') ? [listener] : []);
    }
  };`;

/** What the harness should note for one API, and the host's trace outcomes for it. */
function expectedOutcome(name, kind) {
  const notSimulated = `${name}:fail not simulated yet`;
  if (kind === 'async') {
    // Every async API of the list is simulated now: none may answer "not simulated yet".
    assert.ok(name in REAL_ASYNC, `${name}: its answer to no options is written in REAL_ASYNC`);
    const answer = REAL_ASYNC[name];
    if (answer === RAW) {
      return {
        seen: [['returned', 'undefined'], ['success', null], ['complete', null], ['returned', 'promise'], ['resolved', null]],
        trace: [['success', undefined], ['success', undefined]],
      };
    }
    const ok = answer === OK;
    const msg = `${name}:${answer}`;
    return {
      seen: [['returned', 'undefined'], [ok ? 'success' : 'fail', msg], ['complete', msg], ['returned', 'promise'], [ok ? 'resolved' : 'rejected', msg]],
      trace: [[ok ? 'success' : 'fail', msg], [ok ? 'success' : 'fail', msg]],
    };
  }
  if (kind === 'task') {
    const real = REAL_TASK[name];
    const msg = real ? `${name}:${real.answer}` : notSimulated;
    return {
      seen: [['returned', 'object'], ['task methods', real ? real.methods : TASK_METHODS], ['fail', msg], ['complete', msg], ['returned', 'object']],
      trace: [['fail', msg], ['fail', msg]],
    };
  }
  if (kind === 'listener') {
    if (name.startsWith('off')) return { seen: [['returned', 'undefined']], trace: [['unregistered', undefined]] };
    return {
      seen: [['returned', 'undefined'], ['returned', 'undefined']],
      trace: [['registered', undefined], ['ignored', `${name}:fail parameter error: callback should be Function instead of Undefined`]],
    };
  }
  // sync, factory, converter
  const real = REAL_SYNC[name];
  assert.ok(real, `${name}: what it does with no arguments is written in REAL_SYNC`);
  if (real && real.returns) return { seen: [['returned', real.returns]], trace: [['return', undefined]] };
  const msg = real ? real.throws : notSimulated;
  return { seen: [['threw', 'Error', msg]], trace: [['throw', msg]] };
}

test('every API of the real list answers in its kind\'s convention, API by API', async (t) => {
  const list = realList();
  const counts = {};
  for (const e of list) counts[e.kind] = (counts[e.kind] || 0) + 1;
  assert.deepEqual(counts, KIND_COUNTS);
  const kindOf = new Map(list.map((e) => [e.name, e.kind]));
  for (const name of Object.keys(REAL_ASYNC)) assert.equal(kindOf.get(name), 'async', `${name} is on the list, as an async API`);
  for (const name of Object.keys(REAL_SYNC)) assert.ok(['sync', 'converter', 'factory'].includes(kindOf.get(name)), `${name} is on the list, as sync, converter or factory`);
  for (const name of Object.keys(REAL_TASK)) assert.equal(kindOf.get(name), 'task', `${name} is on the list, as a task`);
  const listeners = list.filter((e) => e.kind === 'listener').map((e) => e.name);
  assert.deepEqual(listeners.filter((n) => !/^o(n|ff)[A-Z]/.test(n)), [], 'every listener is an on* or an off*');

  const host = createHost({ allowlist: list, baseVersion: '99.0.0', asReferencePage: true });
  t.after(() => host.dispose());
  const apis = JSON.stringify(list.map((e) => [e.name, e.kind]));
  host.evaluate(HARNESS);
  host.evaluate(`firstPass(${apis})`);
  await host.settle();
  // on* stored the function, once per event, and nothing has fired it.
  for (const name of listeners.filter((n) => n.startsWith('on'))) {
    assert.equal(host.listeners.get(name).length, 1, `${name} registered its callback`);
    // The host holds its wrapper of the plugin's function; the membrane maps it back to the original.
    assert.equal(host.realm.membrane.exportValue(host.listeners.get(name)[0]), host.evaluate('listener'), name);
  }
  host.evaluate(`secondPass(${apis})`);
  await host.settle();

  const seen = plain(host.evaluate('seen'));
  for (const { name, kind } of list) {
    const expected = expectedOutcome(name, kind);
    assert.deepEqual(seen[name] || [], expected.seen, `${name} (${kind}): what the plugin saw`);
    const trace = host.trace.filter((r) => r.api === name && r.kind !== 'event') // the simulations' events (onBluetoothAdapterStateChange, ...) apart
      .map((r) => [r.outcome, 'errMsg' in r ? r.errMsg : r.result && r.result.errMsg]);
    assert.deepEqual(trace, expected.trace, `${name} (${kind}): its trace`);
  }
  // off* removed the function of its on* (offDeviceMotionChange has no on* on the list: nothing to remove).
  for (const name of listeners.filter((n) => n.startsWith('off'))) {
    assert.deepEqual(host.listeners.get(`on${name.slice(3)}`), [], `${name} removed the callback`);
  }
  assert.equal(host.evaluate('wx.getSystemInfoSync().SDKVersion'), '99.0.0');
  assert.deepEqual(host.trace.filter((r) => r.outcome === 'pending'), []);
  assert.deepEqual(host.errors, []);
  assert.deepEqual(host.pending(), []);
});

test('coverage lists every API of the real list with how the host simulates it', () => {
  const { coverage } = require('../src/wx');
  const rows = coverage(normalizeAllowlist(realList()));
  assert.equal(rows.length, 287);
  const counts = {};
  for (const r of rows) counts[r.simulated] = (counts[r.simulated] || 0) + 1;
  // Counted by hand. real: getSystemInfo, showToast, hideToast, showLoading,
  // hideLoading, showModal, setStorage, getStorage, removeStorage (9 async),
  // getSystemInfoSync, setStorageSync, getStorageSync, removeStorageSync (4 sync),
  // arrayBufferToBase64, base64ToArrayBuffer (2 converters), request,
  // downloadFile, uploadFile, connectSocket (4 tasks) = 19. stateful: the
  // recorder and file system managers (2 factories) and the 9 device APIs
  // (set/getClipboardData, set/getScreenBrightness, setKeepScreenOn,
  // getNetworkType, vibrateShort, vibrateLong, makePhoneCall) = 11, then
  // createBLEPeripheralServer, addPhoneContact, hideKeyboard,
  // setVisualEffectOnCapture (device) and openLocation (location) = 16.
  // scripted: the 71 listeners, fired by --emit, then in device: the 8
  // sensor start/stop, getBatteryInfo(Sync) 2, bluetooth 20 (open/close
  // adapter, its state, start/stop discovery, getBluetoothDevices,
  // getConnectedBluetoothDevices, create/closeBLEConnection, services,
  // characteristics, read, write, both notify names, RSSI, get/setBLEMTU,
  // makeBluetoothPair, isBluetoothDevicePaired), beacons 3, wifi 6, HCE 4,
  // scanCode, getLocalIPAddress = 45; location: getLocation, getFuzzyLocation,
  // chooseLocation, start/stopLocationUpdate = 5; 71 + 45 + 5 = 121.
  // Media: real getImageInfo (reads the file's header) = 20 real; stateful
  // the players (createInnerAudioContext, getBackgroundAudioManager, play/
  // pause/stop/seekBackgroundAudio, getBackgroundAudioPlayerState,
  // setInnerAudioOption: 8), voice (start/stopRecord, play/pause/stopVoice: 5),
  // compressImage, previewImage, previewMedia, saveImage/VideoToPhotosAlbum,
  // compressVideo (6), VoIP (join/exitVoIPChat, updateVoIPChatMuteConfig,
  // subscribeVoIPVideoMembers, makeVoIPCall: 5) and the 10 context factories
  // = 34, so 16 + 34 = 50; scripted getAvailableAudioSources,
  // checkDeviceSupportHevc, chooseImage, chooseMedia, chooseVideo,
  // getVideoInfo, openVideoEditor = 7, so 121 + 7 = 128.
  // ui: real nextTick = 21 real; stateful the navigation bar's title, color
  // and loading (4), setBackgroundColor, setBackgroundTextStyle, start/
  // stopPullDownRefresh, pageScrollTo, loadFontFace, loadBuiltInFontFace,
  // createAnimation (12) and route's navigateTo, redirectTo, navigateBack,
  // reLaunch, switchTab, rewriteRoute (6), so 50 + 18 = 68; scripted
  // showActionSheet, getMenuButtonBoundingClientRect and wxml's
  // createSelectorQuery, createIntersectionObserver, so 128 + 4 = 132.
  // The rest: base real getWindowInfo, getDeviceInfo, getAppBaseInfo,
  // getSystemSetting, getAppAuthorizeSetting (5) and network's
  // createUDPSocket (real datagrams) = 27 real; stateful in base
  // preloadWebview, preloadSkylineView, openAppAuthorizeSetting,
  // openSystemBluetoothSetting, updateWeChatApp, reportPerformance,
  // getPerformance, getRealtimeLogManager (8), open_api getSetting,
  // openSetting, authorizeForMiniProgram, openChannelsEvent,
  // openChannelsUserProfile (5), canvas all 5, ai createVKSession,
  // createInferenceSession, initFaceDetect, stopFaceDetect (4), ad 2,
  // network createTCPSocket (1), worker 1, navigate 5,
  // share showShareMenu, hideShareMenu, updateShareMenu, showShareImageMenu
  // (4), file openDocument, saveFileToDisk (2), data_analysis 1, device
  // getNFCAdapter (1) = 39, so 68 + 39 = 107; scripted in base
  // getLaunchOptionsSync, getEnterOptionsSync, getSkylineInfo(Sync),
  // getRendererUserAgent (5), open_api login, pluginLogin, getUserInfo,
  // requestSubscribeMessage, requestSubscribeDeviceMessage, chooseAddress,
  // chooseInvoice, chooseInvoiceTitle, getAccountInfoSync (9), ai isVKSupport,
  // getInferenceEnvInfo, faceDetect (3), network start/stopLocalServiceDiscovery
  // (2), share getShareInfo (1), payment requestPluginPayment (1) = 21, so
  // 132 + 21 = 153. Nothing is left "not yet".
  // (Before the file system and device APIs: 18 real, 1 stateful, 71
  // scripted, 197 not yet; before the sensors and radios: 19, 11, 71, 186;
  // before media: 19, 16, 121, 131; before ui/route/wxml: 20, 50, 128, 89;
  // before the rest: 21, 68, 132, 66.)
  assert.deepEqual(counts, { real: 27, stateful: 107, scripted: 153 });
  assert.equal(27 + 107 + 153, 287);
  const by = Object.fromEntries(rows.map((r) => [r.name, r]));
  assert.deepEqual(by.request, { name: 'request', kind: 'task', simulated: 'real' });
  assert.deepEqual(by.getRecorderManager, { name: 'getRecorderManager', kind: 'factory', simulated: 'stateful' });
  assert.deepEqual(by.getFileSystemManager, { name: 'getFileSystemManager', kind: 'factory', simulated: 'stateful' });
  assert.deepEqual(by.uploadFile, { name: 'uploadFile', kind: 'task', simulated: 'real' });
  assert.deepEqual(by.getClipboardData, { name: 'getClipboardData', kind: 'async', simulated: 'stateful' });
  assert.deepEqual(by.getLocation, { name: 'getLocation', kind: 'async', simulated: 'scripted' });
});
