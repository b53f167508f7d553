'use strict';
// The simulated phone's system info, which more than one category reads:
// `base` answers getSystemInfo and its newer split with it, `ui` places the
// menu button from the window, `wxml` makes the viewport of the window.
// DEFAULT_DEVICE holds the WeChat app's own version, '8.0.5' (SystemInfo.version),
// the one version-like literal test/platform.test.js allows in this file.

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

module.exports = { systemInfo, DEFAULT_DEVICE };
