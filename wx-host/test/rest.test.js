'use strict';
// The categories simulated last: base's newer info functions, open_api,
// canvas, ai, ad, network's TCP/UDP and local discovery, worker, navigate,
// share, file's openDocument/saveFileToDisk, data_analysis, payment and
// device's NFC adapter. Expected fields are written out by hand from the
// typings (WindowInfo, DeviceInfo, AppBaseInfo, AccountInfo, LaunchOptionsApp, ...).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { createHost } = require('../src');
const { plain } = require('../test-support/kit');
const { host, call, ok, failed, realList } = require('../test-support/real-host');

const sync = (h, code) => plain(h.evaluate(code));
const throws = (h, code) => h.evaluate(`(() => { try { ${code}; return 'no throw'; } catch (e) { return e.message; } })()`);

test('base: window, device, app, setting and authorization info of the scenario\'s phone', async (t) => {
  const h = host(t, { scenario: { device: { brand: 'Xiaomi', model: 'MI 11', platform: 'android', cameraAuthorized: false, wifiEnabled: false, theme: 'dark' } } });
  assert.deepEqual(sync(h, 'wx.getWindowInfo()'), {
    pixelRatio: 3, safeArea: { top: 47, left: 0, right: 390, bottom: 844, width: 390, height: 797 }, screenHeight: 844, screenTop: 0,
    screenWidth: 390, statusBarHeight: 47, windowHeight: 844, windowWidth: 390 });
  assert.deepEqual(sync(h, 'wx.getDeviceInfo()'), {
    abi: 'arm64-v8a', benchmarkLevel: 1, brand: 'Xiaomi', cpuType: 'unknown', deviceAbi: 'arm64-v8a', memorySize: 4096, model: 'MI 11', platform: 'android', system: 'iOS 10.0.1' });
  assert.deepEqual(sync(h, 'wx.getAppBaseInfo()'), {
    PCKernelVersion: '', SDKVersion: '99.0.0', enableDebug: false, fontSizeScaleFactor: 1, fontSizeSetting: 16, host: { appId: 'wx-host' }, language: 'zh_CN', version: '8.0.5', theme: 'dark' });
  assert.deepEqual(sync(h, 'wx.getSystemSetting()'), { bluetoothEnabled: true, deviceOrientation: 'portrait', locationEnabled: true, wifiEnabled: false });
  const auth = sync(h, 'wx.getAppAuthorizeSetting()');
  assert.deepEqual(Object.keys(auth).sort(), ['albumAuthorized', 'bluetoothAuthorized', 'cameraAuthorized', 'locationAuthorized', 'locationReducedAccuracy',
    'microphoneAuthorized', 'notificationAlertAuthorized', 'notificationAuthorized', 'notificationBadgeAuthorized', 'notificationSoundAuthorized', 'phoneCalendarAuthorized']);
  assert.equal(auth.cameraAuthorized, 'denied');
  assert.equal(auth.albumAuthorized, 'authorized');
  assert.equal(auth.locationReducedAccuracy, false);
  const launch = { apiCategory: 'default', forwardMaterials: [], hostExtraData: {}, path: 'pages/index/index', query: {}, referrerInfo: {}, scene: 1001 };
  assert.deepEqual(sync(h, 'wx.getLaunchOptionsSync()'), launch);
  assert.deepEqual(sync(h, 'wx.getEnterOptionsSync()'), launch);
  const skyline = { isSupported: false, reason: 'wx-host renders with the webview only', version: '' };
  assert.deepEqual(sync(h, 'wx.getSkylineInfoSync()'), skyline);
  assert.deepEqual(await call(h, 'getSkylineInfo'), ok('getSkylineInfo', skyline));
  // getRendererUserAgent's success gets the string itself.
  assert.equal(await h.evaluate('new Promise((r) => wx.getRendererUserAgent({ success: r }))'), 'Mozilla/5.0 (wx-host) MicroMessenger/8.0.5 miniProgram');
  assert.equal(await h.evaluate('wx.getRendererUserAgent()'), 'Mozilla/5.0 (wx-host) MicroMessenger/8.0.5 miniProgram');
  for (const api of ['preloadWebview', 'preloadSkylineView', 'openAppAuthorizeSetting', 'openSystemBluetoothSetting', 'updateWeChatApp']) assert.deepEqual(await call(h, api), ok(api));
  assert.deepEqual(h.ui.opened, [{ settings: 'appAuthorize' }, { settings: 'systemBluetooth' }, { settings: 'updateWeChatApp' }]);
  h.evaluate('wx.reportPerformance(1101, 680, "custom")');
  assert.equal(throws(h, "wx.reportPerformance('1101', 1)"), 'reportPerformance:fail parameter error: id should be Number instead of String;');
  assert.deepEqual(h.ui.reports.at(-1), { performance: 1101, value: 680, dimensions: 'custom' });
  // Performance and RealtimeLogManager: every method unsupported in plugins, so none.
  assert.deepEqual(sync(h, 'Object.keys(wx.getPerformance())'), []);
  // RealtimeLogManager: only tag() is for plugins; its tag manager logs.
  assert.deepEqual(sync(h, 'Object.keys(wx.getRealtimeLogManager())'), ['tag']);
  h.evaluate("const tag = wx.getRealtimeLogManager().tag('pay'); globalThis.tagKeys = Object.keys(tag).sort(); tag.addFilterMsg('order'); tag.info('step', { n: 1 }); tag.error('failed', 'timeout')");
  assert.deepEqual(sync(h, 'tagKeys'), ['addFilterMsg', 'error', 'info', 'setFilterMsg', 'warn']);
  assert.deepEqual(h.state.realtimeLogs, [
    { tag: 'pay', level: 'info', key: 'step', value: { n: 1 }, filters: ['order'] },
    { tag: 'pay', level: 'error', key: 'failed', value: 'timeout', filters: ['order'] }]);
});

test('open_api: login codes, the anonymous user, settings, subscriptions, pickers, account info', async (t) => {
  const h = host(t, { scenario: { authSetting: { 'scope.camera': false }, subscriptions: { T2: 'reject' } } });
  assert.deepEqual(await call(h, 'login'), ok('login', { code: 'wx-host-code-1' }));
  assert.deepEqual(await call(h, 'pluginLogin'), ok('pluginLogin', { code: 'wx-host-code-2' }));
  const user = { avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132',
    city: '', country: '', gender: 0, language: '', nickName: '微信用户', province: '' };
  assert.deepEqual(await call(h, 'getUserInfo'), ok('getUserInfo', { cloudID: '', encryptedData: '', iv: '', rawData: JSON.stringify(user), signature: '', userInfo: user }));
  assert.deepEqual(await call(h, 'getUserInfo', { lang: 'fr' }), failed('getUserInfo', 'parameter error: parameter.lang should be one of en, zh_CN, zh_TW instead of "fr";'));
  const subs = { mainSwitch: true, itemSettings: {} };
  assert.deepEqual(await call(h, 'getSetting'), ok('getSetting', { authSetting: { 'scope.camera': false }, subscriptionsSetting: subs }));
  assert.deepEqual(await call(h, 'authorizeForMiniProgram', { scope: 'scope.camera' }), failed('authorizeForMiniProgram', 'auth deny'));
  assert.deepEqual(await call(h, 'authorizeForMiniProgram', { scope: 'scope.record' }), ok('authorizeForMiniProgram'));
  assert.deepEqual(await call(h, 'authorizeForMiniProgram', { scope: 'scope.userLocation' }),
    failed('authorizeForMiniProgram', 'parameter error: parameter.scope should be one of scope.record, scope.writePhotosAlbum, scope.camera instead of "scope.userLocation";'));
  assert.deepEqual(await call(h, 'openSetting'), ok('openSetting', { authSetting: { 'scope.camera': false, 'scope.record': true }, subscriptionsSetting: subs }));
  assert.deepEqual(await call(h, 'requestSubscribeMessage', { tmplIds: ['T1', 'T2'] }), ok('requestSubscribeMessage', { T1: 'accept', T2: 'reject' }));
  assert.deepEqual(await call(h, 'requestSubscribeMessage', { tmplIds: [] }), failed('requestSubscribeMessage', 'parameter error: parameter.tmplIds should not be empty;'));
  assert.deepEqual(await call(h, 'requestSubscribeDeviceMessage', { modelId: 'm', sn: 's', snTicket: 't', tmplIds: ['D1'] }), ok('requestSubscribeDeviceMessage', { D1: 'accept' }));
  assert.deepEqual(await call(h, 'chooseAddress'), ok('chooseAddress', {
    cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路397号', detailInfoNew: '新港中路397号', nationalCode: '510000',
    postalCode: '510000', provinceName: '广东省', streetName: '', telNumber: '020-81167888', userName: '张三' }));
  assert.deepEqual(await call(h, 'chooseInvoice'), ok('chooseInvoice', { invoiceInfo: [] }));
  assert.deepEqual(await call(h, 'chooseInvoiceTitle'), ok('chooseInvoiceTitle', { bankAccount: '', bankName: '', companyAddress: '', taxNumber: '', telephone: '', title: '张三', type: '1' }));
  assert.deepEqual(sync(h, 'wx.getAccountInfoSync()'), { miniProgram: { appId: 'wx-host', envVersion: 'develop', version: '' }, plugin: { appId: 'plugin', version: '' } });
  assert.deepEqual(await call(h, 'openChannelsEvent', { finderUserName: 'f', eventId: 'e' }), ok('openChannelsEvent'));
  assert.deepEqual(await call(h, 'openChannelsUserProfile', { finderUserName: 'f' }), ok('openChannelsUserProfile'));
  assert.deepEqual(h.ui.opened.slice(-2), [{ channelsEvent: 'e', finderUserName: 'f' }, { channelsUserProfile: 'f' }]);
});

test('canvas: a context recording its drawing, a real PNG out, image data kept', async (t) => {
  const h = host(t);
  h.evaluate(`globalThis.ctx = wx.createCanvasContext('c1');
    ctx.setFillStyle('#f00'); ctx.fillRect(0, 0, 10, 10); ctx.setFontSize(20);
    globalThis.width = ctx.measureText('abc').width;
    ctx.draw(true, () => heard.push('drawn'));`);
  await h.settle();
  assert.deepEqual(sync(h, 'heard'), ['drawn']);
  assert.equal(sync(h, 'width'), 36);
  assert.deepEqual(h.state.canvases.c1.ops, [['setFillStyle', ['#f00']], ['fillRect', [0, 0, 10, 10]], ['setFontSize', [20]]]);
  assert.deepEqual(sync(h, 'Object.keys(ctx.createLinearGradient(0, 0, 1, 1))'), []); // addColorStop is unsupported in plugins
  assert.equal(sync(h, 'ctx.fillStyle'), '#000000');
  assert.equal(throws(h, 'wx.createCanvasContext()'), 'createCanvasContext:fail parameter error: canvasId should be String instead of Undefined;');
  const file = await call(h, 'canvasToTempFilePath', { canvasId: 'c1', destWidth: 40, destHeight: 30 });
  assert.deepEqual(Object.keys(file.res), ['errMsg', 'tempFilePath']);
  assert.deepEqual((await call(h, 'getImageInfo', { src: file.res.tempFilePath })).res, {
    errMsg: 'getImageInfo:ok', height: 30, orientation: 'up', path: file.res.tempFilePath, type: 'png', width: 40 });
  const put = plain(await h.evaluate("call('canvasPutImageData', { canvasId: 'c1', x: 0, y: 0, width: 1, height: 1, data: new Uint8ClampedArray([1, 2, 3, 4]) })"));
  assert.deepEqual(put, ok('canvasPutImageData'));
  const got = await h.evaluate("call('canvasGetImageData', { canvasId: 'c1', x: 0, y: 0, width: 1, height: 1 })");
  assert.deepEqual(Object.keys(got.res), ['errMsg', 'data', 'height', 'width']);
  assert.deepEqual([Array.from(got.res.data), got.res.width, got.res.height], [[1, 2, 3, 4], 1, 1]);
  assert.equal(await h.evaluate("call('canvasGetImageData', { canvasId: 'c1', x: 0, y: 0, width: 1, height: 1 }).then((r) => r.res.data instanceof Uint8ClampedArray)"), true);
  assert.deepEqual(await call(h, 'canvasPutImageData', { canvasId: 'c1', x: 0, y: 0, width: 2, height: 2, data: [1] }), failed('canvasPutImageData', 'invalid data length'));
  h.evaluate("globalThis.off = wx.createOffscreenCanvas({ width: 10, height: 20 })");
  assert.deepEqual(sync(h, '[off.width, off.height, Object.keys(off).sort()]'), [10, 20, ['createImage', 'getContext', 'height', 'width']]);
  assert.equal(h.evaluate("off.getContext('2d') === off.getContext('2d') && typeof off.getContext('2d').fillRect"), 'function');
  assert.equal(h.evaluate("off.getContext('webgl')"), null);
  h.evaluate(`globalThis.img = off.createImage(); img.onload = () => heard.push(['img', img.width, img.height]); img.src = ${JSON.stringify(file.res.tempFilePath)};
    const bad = off.createImage(); bad.onerror = (e) => heard.push(e.errMsg); bad.src = 'wxfile://usr/none.png';`);
  await h.settle();
  assert.deepEqual(sync(h, 'heard.slice(1)'), [['img', 40, 30], 'load image fail wxfile://usr/none.png']);
});

test('ai, ad, worker, TCP/UDP: objects without the methods plugins may not call; face detection finds no face', async (t) => {
  const h = host(t);
  assert.equal(sync(h, "wx.isVKSupport('v2')"), false);
  assert.equal(throws(h, "wx.isVKSupport('v3')"), 'isVKSupport:fail parameter error: version should be one of v1, v2 instead of "v3";');
  h.evaluate("globalThis.vk = wx.createVKSession({ track: { plane: { mode: 3 } } })");
  assert.deepEqual(sync(h, '[vk.cameraSize, vk.config, vk.state]'), [{ width: 0, height: 0 }, { track: { plane: { mode: 3 } } }, 0]);
  // At 99.0.0 every method plugins may call is there (24); at 2.20.0 only the ones of 2.20.0.
  assert.equal(sync(h, "Object.keys(vk).filter((k) => typeof vk[k] === 'function').length"), 24);
  const early = createHost({ allowlist: realList(), baseVersion: '2.20.0' });
  t.after(() => early.dispose());
  assert.deepEqual(plain(early.evaluate("Object.keys(wx.createVKSession({})).filter((k) => k !== 'cameraSize' && k !== 'config' && k !== 'state').sort()")),
    ['cancelAnimationFrame', 'destroy', 'getVKFrame', 'hitTest', 'off', 'on', 'requestAnimationFrame', 'start', 'stop']);
  h.evaluate('vk.start((status) => heard.push(["vk", status])); vk.requestAnimationFrame(() => heard.push("frame"))');
  assert.equal(sync(h, 'vk.getVKFrame(1, 1)'), null);
  assert.deepEqual(sync(h, 'vk.hitTest(0.5, 0.5)'), []);
  // An InferenceSession loads when its model file exists; run resolves to no outputs.
  require('node:fs').writeFileSync(h.files.locate('wxfile://usr/m.onnx').real, 'model');
  h.evaluate(`const s1 = wx.createInferenceSession({ model: 'wxfile://usr/m.onnx' }); s1.onLoad(() => heard.push('loaded'));
    const s2 = wx.createInferenceSession({ model: 'wxfile://usr/none.onnx' }); s2.onError((e) => heard.push(e.errMsg));
    globalThis.ran = s1.run({ input: {} });`);
  assert.deepEqual(plain(await h.evaluate('ran')), {});
  await h.settle();
  assert.deepEqual(sync(h, 'heard'), [['vk', 1], 'loaded', 'model not found wxfile://usr/none.onnx']);
  assert.deepEqual(sync(h, "Object.keys(wx.createInferenceSession({ model: 'x' })).sort()"), ['destroy', 'offError', 'offLoad', 'onError', 'onLoad', 'run']);
  assert.deepEqual(await call(h, 'getInferenceEnvInfo'), ok('getInferenceEnvInfo', { ver: '1.0.0' }));
  const frame = "{ frameBuffer: new ArrayBuffer(4), width: 1, height: 1 }";
  assert.deepEqual(plain(await h.evaluate(`call('faceDetect', ${frame})`)), failed('faceDetect', 'face detect not initialized (call initFaceDetect first)'));
  assert.deepEqual(await call(h, 'initFaceDetect'), ok('initFaceDetect'));
  assert.deepEqual(plain(await h.evaluate(`call('faceDetect', ${frame})`)), failed('faceDetect', 'no face detected'));
  assert.deepEqual(await call(h, 'stopFaceDetect'), ok('stopFaceDetect'));
  assert.deepEqual(sync(h, "Object.keys(wx.createInterstitialAd({ adUnitId: 'adunit-1' }))"), []);
  assert.deepEqual(sync(h, "Object.keys(wx.createRewardedVideoAd({ adUnitId: 'adunit-2' }))"), []);
  assert.equal(throws(h, 'wx.createRewardedVideoAd({})'), 'createRewardedVideoAd:fail parameter error: parameter.adUnitId should be String instead of Undefined;');
  assert.deepEqual(h.state.ads, [{ kind: 'createInterstitialAd', adUnitId: 'adunit-1' }, { kind: 'createRewardedVideoAd', adUnitId: 'adunit-2' }]);
  assert.deepEqual(sync(h, "wx.createWorker('workers/index.js')"), { env: { USER_DATA_PATH: 'wxfile://usr' } });
  assert.deepEqual(sync(h, 'Object.keys(wx.createTCPSocket())'), []);
  assert.equal(throws(h, "wx.createTCPSocket({ type: 'ipx' })"), 'createTCPSocket:fail parameter error: parameter.type should be one of ipv4, ipv6 instead of "ipx";');
});

test('UDPSocket: real datagrams over loopback between two sockets, its events, close', async (t) => {
  const h = host(t, { clock: 'wall' });
  assert.deepEqual(sync(h, 'Object.keys(wx.createUDPSocket()).sort()'), ['bind', 'close', 'connect', 'offClose', 'offError', 'offListening', 'offMessage',
    'onClose', 'onError', 'onListening', 'onMessage', 'send', 'setTTL', 'write']);
  h.evaluate(`globalThis.a = wx.createUDPSocket(); globalThis.b = wx.createUDPSocket();
    a.onListening(() => heard.push('a listening'));
    b.onMessage((m) => { heard.push(['b got', String.fromCharCode(...new Uint8Array(m.message)), Object.keys(m).sort(), Object.keys(m.remoteInfo).sort(), m.remoteInfo.port === globalThis.pa]);
      b.send({ address: '127.0.0.1', port: m.remoteInfo.port, message: 'pong' }); });
    a.onMessage((m) => { heard.push(['a got', String.fromCharCode(...new Uint8Array(m.message))]); a.close(); b.close(); });
    a.onClose(() => heard.push('a closed'));
    globalThis.pa = a.bind(); globalThis.pb = b.bind();
    a.setTTL(16);
    a.connect({ address: '127.0.0.1', port: pb });
    setTimeout(() => a.write({ message: new Uint8Array([112, 105, 110, 103]).buffer }), 50);`);
  assert.equal(typeof h.evaluate('pa'), 'number');
  assert.ok(h.evaluate('pa') > 0);
  await h.settle();
  assert.deepEqual(sync(h, 'heard'), ['a listening', ['b got', 'ping', ['localInfo', 'message', 'remoteInfo'], ['address', 'family', 'port', 'size'], true], ['a got', 'pong'], 'a closed']);
  assert.equal(throws(h, 'wx.createUDPSocket().setTTL(300)'), 'setTTL:fail parameter error: ttl should be a Number from 0 to 255 instead of Number');
  assert.equal(throws(h, 'wx.createUDPSocket().write({ message: "x" })'), 'write:fail the socket is not connected (call connect first)');
  assert.deepEqual(h.pending(), []);
});

test('local service discovery: the scenario\'s services of the type, one run at a time, stop fires onLocalServiceDiscoveryStop', async (t) => {
  const h = host(t, { scenario: { localServices: [
    { serviceType: '_http._tcp.', serviceName: 'printer', ip: '192.168.1.9', port: 631, at: 100, lostAt: 500 },
    { serviceType: '_ssh._tcp.', serviceName: 'box' }] } });
  h.evaluate('wx.onLocalServiceDiscoveryStop(() => heard.push("stopped")); wx.onLocalServiceFound((s) => heard.push(s)); wx.onLocalServiceLost((s) => heard.push(s))');
  assert.deepEqual(await call(h, 'stopLocalServiceDiscovery'), failed('stopLocalServiceDiscovery', 'task not found'));
  assert.deepEqual(await call(h, 'startLocalServiceDiscovery', { serviceType: '_http._tcp.' }), ok('startLocalServiceDiscovery'));
  assert.deepEqual(await call(h, 'startLocalServiceDiscovery', { serviceType: '_http._tcp.' }), failed('startLocalServiceDiscovery', 'scan task already exist'));
  await h.evaluate('new Promise((r) => setTimeout(r, 600))');
  assert.deepEqual(await call(h, 'stopLocalServiceDiscovery'), ok('stopLocalServiceDiscovery'));
  await h.settle();
  assert.deepEqual(sync(h, 'heard'), [
    { ip: '192.168.1.9', port: 631, serviceName: 'printer', serviceType: '_http._tcp.' },
    { serviceName: 'printer', serviceType: '_http._tcp.' },
    'stopped']);
});

test('navigate and share: recorded; the share menu\'s state kept', async (t) => {
  const h = host(t);
  assert.deepEqual(await call(h, 'navigateToMiniProgram', { appId: 'wx123', path: 'pages/a', extraData: { x: 1 } }), ok('navigateToMiniProgram'));
  assert.deepEqual(await call(h, 'navigateToMiniProgram', { appId: 'wx123', envVersion: 'beta' }),
    failed('navigateToMiniProgram', 'parameter error: parameter.envVersion should be one of develop, trial, release instead of "beta";'));
  assert.deepEqual(await call(h, 'openEmbeddedMiniProgram', { appId: 'wx456' }), ok('openEmbeddedMiniProgram'));
  assert.deepEqual(await call(h, 'openOfficialAccountArticle', { url: 'https://mp.weixin.qq.com/s/x' }), ok('openOfficialAccountArticle', { cancel: false, confirm: true }));
  assert.deepEqual(await call(h, 'openOfficialAccountProfile', { username: 'gh_1' }), ok('openOfficialAccountProfile'));
  assert.deepEqual(await call(h, 'exitMiniProgram'), ok('exitMiniProgram'));
  assert.deepEqual(h.ui.opened, [
    { miniProgram: 'wx123', path: 'pages/a', extraData: { x: 1 }, envVersion: 'release' }, { embeddedMiniProgram: 'wx456', path: '' },
    { officialAccountArticle: 'https://mp.weixin.qq.com/s/x' }, { officialAccountProfile: 'gh_1' }, { exitMiniProgram: true }]);
  assert.deepEqual(await call(h, 'showShareMenu', { withShareTicket: true, menus: ['shareAppMessage', 'shareTimeline'] }), ok('showShareMenu'));
  assert.deepEqual(await call(h, 'hideShareMenu', { menus: ['shareTimeline'] }), ok('hideShareMenu'));
  assert.deepEqual(await call(h, 'updateShareMenu', { isUpdatableMessage: true, activityId: 'a1' }), ok('updateShareMenu'));
  assert.deepEqual(h.ui.shareMenu, { shown: true, withShareTicket: true, menus: ['shareAppMessage'], isUpdatableMessage: true, activityId: 'a1' });
  assert.deepEqual(await call(h, 'showShareMenu', { menus: ['shareToQQ'] }),
    failed('showShareMenu', 'parameter error: parameter.menus should be of shareAppMessage, shareTimeline instead of "shareToQQ";'));
  assert.deepEqual(await call(h, 'hideShareMenu'), ok('hideShareMenu'));
  assert.equal(h.ui.shareMenu.shown, false);
  assert.deepEqual(await call(h, 'showShareImageMenu', { path: 'wxfile://tmp/none.png' }), failed('showShareImageMenu', 'file not exist wxfile://tmp/none.png'));
  assert.deepEqual(await call(h, 'getShareInfo', { shareTicket: 'ticket' }), ok('getShareInfo', { cloudID: '', encryptedData: '', iv: '' }));
});

test('file: openDocument and saveFileToDisk need an existing file; reportAnalytics and payments are recorded', async (t) => {
  const h = host(t, { scenario: { payment: { answers: ['cancel'] } } });
  fs.writeFileSync(h.files.locate('wxfile://usr/a.pdf').real, '%PDF');
  assert.deepEqual(await call(h, 'openDocument', { filePath: 'wxfile://usr/a.pdf', showMenu: true }), ok('openDocument'));
  assert.deepEqual(await call(h, 'openDocument', { filePath: 'wxfile://usr/b.pdf' }), failed('openDocument', 'file not exist wxfile://usr/b.pdf'));
  assert.deepEqual(await call(h, 'openDocument', { filePath: 'wxfile://usr/a.pdf', fileType: 'txt' }),
    failed('openDocument', 'parameter error: parameter.fileType should be one of doc, docx, xls, xlsx, ppt, pptx, pdf instead of "txt";'));
  assert.deepEqual(await call(h, 'saveFileToDisk', { filePath: 'wxfile://usr/a.pdf' }), ok('saveFileToDisk'));
  assert.deepEqual(h.ui.opened, [{ document: 'wxfile://usr/a.pdf', fileType: 'pdf', showMenu: true }, { savedToDisk: 'wxfile://usr/a.pdf' }]);
  h.evaluate("wx.reportAnalytics('purchase', { price: 120 })");
  assert.deepEqual(h.ui.analytics, [{ eventName: 'purchase', data: { price: 120 } }]);
  const pay = { version: 'release', fee: 1, paymentArgs: { order: 'o1' } };
  assert.deepEqual(await call(h, 'requestPluginPayment', pay), failed('requestPluginPayment', 'cancel'));
  assert.deepEqual(await call(h, 'requestPluginPayment', pay), ok('requestPluginPayment'));
  assert.deepEqual(await call(h, 'requestPluginPayment', { ...pay, fee: '1' }), failed('requestPluginPayment', 'parameter error: parameter.fee should be Number instead of String;'));
  assert.deepEqual(h.ui.payments.map((p) => p.paid), [false, true]);
});

test('NFC: the adapter\'s methods, discovery state, tag objects answering', async (t) => {
  const h = host(t, { scenario: { nfc: { tags: [{ at: 2000, id: '04a1b2', techs: ['NFC-A', 'ISO-DEP'], responses: { '00a40400': '9000' } }] } } });
  h.evaluate('globalThis.nfc = wx.getNFCAdapter()');
  assert.equal(h.evaluate('nfc === wx.getNFCAdapter()'), true);
  assert.deepEqual(sync(h, 'Object.keys(nfc).sort()'), ['getIsoDep', 'getMifareClassic', 'getMifareUltralight', 'getNdef', 'getNfcA', 'getNfcB', 'getNfcF', 'getNfcV',
    'offDiscovered', 'onDiscovered', 'startDiscovery', 'stopDiscovery', 'tech']);
  assert.deepEqual(plain(await h.evaluate('new Promise((r) => nfc.stopDiscovery({ fail: r }))')), { errMsg: 'stopDiscovery:fail NFC discovery not started' });
  assert.deepEqual(plain(await h.evaluate('new Promise((r) => nfc.startDiscovery({ success: r }))')), { errMsg: 'startDiscovery:ok' });
  assert.equal(h.state.nfc.discovering, true);
  assert.deepEqual(sync(h, 'Object.keys(nfc.getNdef()).sort()'), ['close', 'connect', 'isConnected', 'offNdefMessage', 'onNdefMessage', 'setTimeout', 'writeNdefMessage']);
  assert.deepEqual(plain(await h.evaluate('new Promise((r) => nfc.getNfcA().getMaxTransceiveLength({ success: r }))')), { errMsg: 'getMaxTransceiveLength:ok', length: 253 });
  assert.deepEqual(plain(await h.evaluate('new Promise((r) => nfc.getNfcA().getSak({ success: r }))')), { errMsg: 'getSak:ok', sak: 0 });
  // The scenario's tag comes near at 2 s; transceive answers its response to the command.
  h.evaluate(`nfc.onDiscovered((e) => heard.push([Object.keys(e).sort(), Array.from(new Uint8Array(e.id)), e.techs]))`);
  await h.settle();
  assert.deepEqual(sync(h, 'heard'), [[['id', 'messages', 'techs'], [4, 161, 178], ['NFC-A', 'ISO-DEP']]]);
  const hex = await h.evaluate(`new Promise((r) => nfc.getIsoDep().transceive({ data: new Uint8Array([0, 0xa4, 4, 0]).buffer,
    success: (res) => r(Array.from(new Uint8Array(res.data), (b) => b.toString(16).padStart(2, '0')).join('')) }))`);
  assert.equal(hex, '9000');
  assert.deepEqual(plain(await h.evaluate('new Promise((r) => nfc.getIsoDep().transceive({ data: "00", fail: r }))')),
    { errMsg: 'transceive:fail parameter error: parameter.data should be ArrayBuffer instead of String;' });
  await h.evaluate("new Promise((r) => nfc.getNdef().writeNdefMessage({ uris: ['https://example.com'], success: r }))");
  assert.deepEqual(h.state.nfc.written, [{ records: [], texts: [], uris: ['https://example.com'] }]);
});
