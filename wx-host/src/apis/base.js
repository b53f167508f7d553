'use strict';
// The "base" category: system info and the base64 converters.

const { fail, raw } = require('../errors');
const { makeObject } = require('../objects');
const { typeName } = require('../validate');
const { isArrayBuffer, realmBuffer } = require('../bytes');
const { systemInfo } = require('../data/system-info');

const entries = [
  { name: 'getSystemInfo', kind: 'async', simulated: 'real', impl: (o, env) => systemInfo(env) },
  { name: 'getSystemInfoSync', kind: 'sync', simulated: 'real', impl: (args, env) => systemInfo(env) },
  {
    name: 'arrayBufferToBase64',
    kind: 'converter',
    simulated: 'real',
    impl: ([buf]) => {
      if (!isArrayBuffer(buf)) throw fail(`parameter error: arrayBuffer should be ArrayBuffer instead of ${typeName(buf)};`);
      return Buffer.from(buf).toString('base64');
    },
  },
  {
    name: 'base64ToArrayBuffer',
    kind: 'converter',
    simulated: 'real',
    impl: ([b64], env) => {
      if (typeof b64 !== 'string') throw fail(`parameter error: base64 should be String instead of ${typeName(b64)};`);
      return realmBuffer(env.realm, Buffer.from(b64, 'base64'));
    },
  },
];

// ---- the newer split of getSystemInfo, app info, launch options ------------
// getWindowInfo, getDeviceInfo, getAppBaseInfo, getSystemSetting and
// getAppAuthorizeSetting answer the same phone as getSystemInfo (the
// scenario's `device`), each with its own interface's fields (the typings'
// WindowInfo, DeviceInfo, AppBaseInfo, SystemSetting, AppAuthorizeSetting).
const authorized = (v) => (v === false ? 'denied' : 'authorized');
const LAUNCH = { apiCategory: 'default', forwardMaterials: [], hostExtraData: {}, path: 'pages/index/index', query: {}, referrerInfo: {}, scene: 1001 };

entries.push(
  {
    name: 'getWindowInfo',
    kind: 'sync',
    simulated: 'real',
    impl: (args, env) => {
      const i = systemInfo(env);
      const safeArea = i.safeArea || { top: i.statusBarHeight, left: 0, right: i.windowWidth, bottom: i.windowHeight, width: i.windowWidth, height: i.windowHeight - i.statusBarHeight };
      return { pixelRatio: i.pixelRatio, safeArea, screenHeight: i.screenHeight, screenTop: 0, screenWidth: i.screenWidth, statusBarHeight: i.statusBarHeight, windowHeight: i.windowHeight, windowWidth: i.windowWidth };
    },
  },
  {
    name: 'getDeviceInfo',
    kind: 'sync',
    simulated: 'real',
    impl: (args, env) => {
      const i = systemInfo(env);
      return { abi: 'arm64-v8a', benchmarkLevel: i.benchmarkLevel, brand: i.brand, cpuType: 'unknown', deviceAbi: 'arm64-v8a', memorySize: 4096, model: i.model, platform: i.platform, system: i.system };
    },
  },
  {
    name: 'getAppBaseInfo',
    kind: 'sync',
    simulated: 'real',
    impl: (args, env) => {
      const i = systemInfo(env);
      return { PCKernelVersion: '', SDKVersion: i.SDKVersion, enableDebug: i.enableDebug === true, fontSizeScaleFactor: 1, fontSizeSetting: i.fontSizeSetting, host: { appId: 'wx-host' }, language: i.language, version: i.version, theme: i.theme || 'light' };
    },
  },
  {
    name: 'getSystemSetting',
    kind: 'sync',
    simulated: 'real',
    impl: (args, env) => {
      const i = systemInfo(env);
      return { bluetoothEnabled: i.bluetoothEnabled !== false, deviceOrientation: i.deviceOrientation || 'portrait', locationEnabled: i.locationEnabled !== false, wifiEnabled: i.wifiEnabled !== false };
    },
  },
  {
    name: 'getAppAuthorizeSetting',
    kind: 'sync',
    simulated: 'real',
    impl: (args, env) => {
      const i = systemInfo(env);
      return {
        albumAuthorized: authorized(i.albumAuthorized), bluetoothAuthorized: authorized(i.bluetoothEnabled), cameraAuthorized: authorized(i.cameraAuthorized),
        locationAuthorized: authorized(i.locationAuthorized), locationReducedAccuracy: i.locationReducedAccuracy === true,
        microphoneAuthorized: authorized(i.microphoneAuthorized), notificationAlertAuthorized: authorized(i.notificationAlertAuthorized),
        notificationAuthorized: authorized(i.notificationAuthorized), notificationBadgeAuthorized: authorized(i.notificationBadgeAuthorized),
        notificationSoundAuthorized: authorized(i.notificationSoundAuthorized), phoneCalendarAuthorized: authorized(i.phoneCalendarAuthorized),
      };
    },
  },
  // Launched from the home screen (scene 1001) on the first page, no query.
  { name: 'getLaunchOptionsSync', kind: 'sync', simulated: 'scripted', impl: () => ({ ...LAUNCH }) },
  { name: 'getEnterOptionsSync', kind: 'sync', simulated: 'scripted', impl: () => ({ ...LAUNCH }) },
  // No Skyline renderer here (webview only).
  { name: 'getSkylineInfo', kind: 'async', simulated: 'scripted', impl: () => ({ isSupported: false, reason: 'wx-host renders with the webview only', version: '' }) },
  { name: 'getSkylineInfoSync', kind: 'sync', simulated: 'scripted', impl: () => ({ isSupported: false, reason: 'wx-host renders with the webview only', version: '' }) },
  { name: 'getRendererUserAgent', kind: 'async', simulated: 'scripted', impl: (o, env) => raw(`Mozilla/5.0 (wx-host) MicroMessenger/${systemInfo(env).version} miniProgram`) },
  { name: 'preloadWebview', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.reports.push({ preload: 'webview' }); } },
  { name: 'preloadSkylineView', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.reports.push({ preload: 'skylineView' }); } },
  { name: 'openAppAuthorizeSetting', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.opened.push({ settings: 'appAuthorize' }); } },
  { name: 'openSystemBluetoothSetting', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.opened.push({ settings: 'systemBluetooth' }); } },
  { name: 'updateWeChatApp', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.opened.push({ settings: 'updateWeChatApp' }); } },
  {
    name: 'reportPerformance',
    kind: 'sync',
    simulated: 'stateful',
    impl: ([id, value, dimensions], env) => {
      if (typeof id !== 'number') throw fail(`parameter error: id should be Number instead of ${typeName(id)};`);
      if (typeof value !== 'number') throw fail(`parameter error: value should be Number instead of ${typeName(value)};`);
      env.ui.reports.push({ performance: id, value, dimensions: dimensions ?? null });
    },
  },
  // Performance's methods are all unsupported in plugins (the typings): an object without methods.
  { name: 'getPerformance', kind: 'factory', simulated: 'stateful', impl: (args, env) => env.realm.object() },
  { name: 'getRealtimeLogManager', kind: 'factory', simulated: 'stateful', impl: (args, env) => realtimeLogManager(env) },
);

/**
 * The RealtimeLogManager: of its methods plugins may call only tag(name)
 * (from 2.16.0), whose RealtimeTagLogManager logs info/warn/error and keeps
 * filter messages, all recorded in host.state.realtimeLogs.
 */
function realtimeLogManager(env) {
  const logs = env.state.realtimeLogs || (env.state.realtimeLogs = []);
  return makeObject(env, 'RealtimeLogManager', {
    tag: ([tagName]) => {
      if (typeof tagName !== 'string') throw new Error(`tag:fail parameter error: tagName should be String instead of ${typeName(tagName)}`);
      const filters = [];
      const log = (level) => ([key, value]) => { logs.push({ tag: tagName, level, key: String(key), value: JSON.parse(JSON.stringify(value ?? null)), filters: [...filters] }); };
      return makeObject(env, 'RealtimeTagLogManager', {
        info: log('info'), warn: log('warn'), error: log('error'),
        setFilterMsg: ([msg]) => { filters.splice(0, filters.length, String(msg)); },
        addFilterMsg: ([msg]) => { filters.push(String(msg)); },
      }).object;
    },
  }).object;
}

module.exports = { entries };
