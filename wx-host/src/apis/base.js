'use strict';
// The "base" category: system info and the base64 converters.

const { fail, typeName, isArrayBuffer, realmBuffer } = require('../errors');

/**
 * The simulated device's system info: the host's default phone, then the
 * scenario's `device` fields; SDKVersion is always the simulated base library.
 */
function systemInfo(env) {
  return {
    ...DEFAULT_DEVICE,
    ...env.device.systemInfo,
    SDKVersion: env.baseVersion,
  };
}

const DEFAULT_DEVICE = {
  brand: 'devtools', model: 'iPhone 12/13 (Pro)', pixelRatio: 3,
  screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 844,
  statusBarHeight: 47, language: 'zh_CN', version: '8.0.5', system: 'iOS 10.0.1',
  platform: 'devtools', fontSizeSetting: 16, benchmarkLevel: 1,
};

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

module.exports = { entries, systemInfo, DEFAULT_DEVICE };
