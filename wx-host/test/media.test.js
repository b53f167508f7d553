'use strict';
// The media category (apis/media.js): players on the host's clock, the old
// voice functions, the pickers writing real temp files, image info from the
// files' headers, the component contexts. Expected result fields are written
// out by hand from the typings (lib.wx.api.d.ts: ChooseImageSuccessCallbackResult,
// MediaFile, GetImageInfoSuccessCallbackResult, ...).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { plain, tempDir, writePlugin } = require('../test-support/kit');
const { host, call, ok, failed } = require('../test-support/real-host');

const realPath = (h, p) => h.files.locate(p).real;

test('InnerAudioContext: the typings\' fields and methods; play, pause, seek, stop and end on the clock, with events', async (t) => {
  const h = host(t, { scenario: { audio: { 'https://example.com/a.mp3': { duration: 2 }, 'bad.mp3': { error: 10004 } } } });
  h.evaluate(`globalThis.a = wx.createInnerAudioContext();
    for (const e of ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'Seeking', 'Seeked', 'Error', 'Waiting'])
      a['on' + e]((r) => heard.push([e, Math.round(a.currentTime * 10) / 10, r === undefined ? null : r])); // in tenths of a second: the clock runs at wall speed while events are delivered
    globalThis.ticks = 0; a.onTimeUpdate(() => { ticks += 1; });`);
  assert.deepEqual(plain(h.evaluate('Object.keys(a).sort()')), [
    'autoplay', 'buffered', 'currentTime', 'destroy', 'duration', 'loop', 'obeyMuteSwitch',
    'offCanplay', 'offEnded', 'offError', 'offPause', 'offPlay', 'offSeeked', 'offSeeking', 'offStop', 'offTimeUpdate', 'offWaiting',
    'onCanplay', 'onEnded', 'onError', 'onPause', 'onPlay', 'onSeeked', 'onSeeking', 'onStop', 'onTimeUpdate', 'onWaiting',
    'pause', 'paused', 'play', 'playbackRate', 'referrerPolicy', 'seek', 'src', 'startTime', 'stop', 'volume']);
  assert.deepEqual(plain(h.evaluate('[a.src, a.paused, a.currentTime, a.duration, a.volume, a.loop]')), ['', true, 0, 0, 1, false]);
  h.evaluate("a.src = 'https://example.com/a.mp3'; a.play(); setTimeout(() => a.pause(), 500); setTimeout(() => a.seek(1.5), 600); setTimeout(() => a.play(), 700)");
  await h.settle();
  assert.deepEqual(plain(h.evaluate('heard')), [
    ['Canplay', 0, null], ['Play', 0, null], ['Pause', 0.5, null], ['Seeking', 1.5, null], ['Seeked', 1.5, null], ['Play', 1.5, null], ['Ended', 2, null],
  ]);
  assert.ok(plain(h.evaluate('ticks')) >= 3);
  assert.ok(h.clock.now() >= 1200 && h.clock.now() < 1500, String(h.clock.now()));
  assert.deepEqual(plain(h.evaluate('[a.paused, a.currentTime, a.duration]')), [true, 0, 2]);
  // stop, an error source, destroy.
  h.evaluate("heard.length = 0; a.play(); setTimeout(() => a.stop(), 100)");
  await h.settle();
  assert.deepEqual(plain(h.evaluate('heard.map(([e, s]) => [e, s])')), [['Play', 0], ['Stop', 0]]);
  h.evaluate("heard.length = 0; a.src = 'bad.mp3'; a.play()");
  await h.settle();
  assert.deepEqual(plain(h.evaluate('heard')), [['Error', 0, { errCode: 10004, errMsg: 'format error' }]]);
  h.evaluate("heard.length = 0; a.destroy(); a.src = 'https://example.com/a.mp3'; a.play()");
  await h.settle();
  assert.deepEqual(plain(h.evaluate('heard')), []);
  // autoplay starts when src is set; loop starts over.
  h.evaluate("globalThis.b = wx.createInnerAudioContext(); b.autoplay = true; b.loop = true; globalThis.ends = 0; b.onEnded(() => { ends += 1; if (ends === 2) b.stop(); }); b.src = 'https://example.com/a.mp3'");
  await h.settle();
  assert.equal(plain(h.evaluate('ends')), 2);
  assert.ok(h.trace.some((r) => r.api === 'InnerAudioContext.play'));
});

test('BackgroundAudioManager: one player, src starts it, on* only; the old background functions drive it', async (t) => {
  const h = host(t, { asReferencePage: true, scenario: { audio: { 'https://example.com/song.mp3': { duration: 180 } } } });
  h.evaluate(`globalThis.m = wx.getBackgroundAudioManager();
    m.onPlay(() => heard.push('play')); m.onPause(() => heard.push('pause')); m.onStop(() => heard.push('stop'));
    wx.onBackgroundAudioPlay(() => heard.push('legacy play')); wx.onBackgroundAudioStop(() => heard.push('legacy stop'));`);
  assert.equal(h.evaluate('m === wx.getBackgroundAudioManager()'), true);
  assert.deepEqual(plain(h.evaluate("Object.keys(m).filter((k) => k.startsWith('off'))")), []);
  assert.deepEqual(plain(h.evaluate("Object.keys(m).filter((k) => typeof m[k] === 'function').sort()")), [
    'onCanplay', 'onEnded', 'onError', 'onNext', 'onPause', 'onPlay', 'onPrev', 'onSeeked', 'onSeeking', 'onStop', 'onTimeUpdate', 'onWaiting',
    'pause', 'play', 'seek', 'stop']);
  assert.deepEqual(plain(h.evaluate("Object.keys(m).filter((k) => typeof m[k] !== 'function').sort()")), [
    'audioType', 'buffered', 'coverImgUrl', 'currentTime', 'duration', 'epname', 'paused', 'playbackRate', 'protocol',
    'referrerPolicy', 'singer', 'src', 'startTime', 'title', 'webUrl']);
  assert.deepEqual(await call(h, 'getBackgroundAudioPlayerState'),
    ok('getBackgroundAudioPlayerState', { currentPosition: 0, dataUrl: '', downloadPercent: 0, duration: 0, status: 2 }));
  assert.deepEqual(await call(h, 'playBackgroundAudio', { dataUrl: 'https://example.com/song.mp3', title: 'Song' }), ok('playBackgroundAudio'));
  assert.equal(h.evaluate('m.title'), 'Song');
  h.evaluate('setTimeout(() => wx.pauseBackgroundAudio(), 10000)');
  await new Promise((r) => setTimeout(r, 50));
  await h.evaluate('new Promise((r) => setTimeout(r, 10001))');
  assert.deepEqual(await call(h, 'getBackgroundAudioPlayerState'),
    ok('getBackgroundAudioPlayerState', { currentPosition: 10, dataUrl: 'https://example.com/song.mp3', downloadPercent: 100, duration: 180, status: 0 }));
  assert.deepEqual(await call(h, 'seekBackgroundAudio', { position: '5' }),
    failed('seekBackgroundAudio', 'parameter error: parameter.position should be Number instead of String;'));
  assert.deepEqual(await call(h, 'seekBackgroundAudio', { position: 60 }), ok('seekBackgroundAudio'));
  assert.equal(h.evaluate('m.currentTime'), 60);
  assert.deepEqual(await call(h, 'stopBackgroundAudio'), ok('stopBackgroundAudio'));
  await h.settle();
  assert.deepEqual(plain(h.evaluate('heard')), ['play', 'legacy play', 'pause', 'stop', 'legacy stop']);
});

test('startRecord answers when stopRecord is called; playVoice when the voice has played', async (t) => {
  const h = host(t);
  h.evaluate("globalThis.rec = call('startRecord'); setTimeout(() => wx.stopRecord(), 1500)");
  const r = plain(await h.evaluate('rec'));
  assert.deepEqual(Object.keys(r.res), ['errMsg', 'tempFilePath']);
  assert.equal(r.res.errMsg, 'startRecord:ok');
  assert.equal(fs.statSync(realPath(h, r.res.tempFilePath)).size, 1500 * 16);
  const t0 = h.clock.now();
  assert.deepEqual(await call(h, 'playVoice', { filePath: r.res.tempFilePath }), ok('playVoice'));
  assert.equal(h.clock.now() - t0, 1500);
  assert.deepEqual(await call(h, 'playVoice', {}), failed('playVoice', 'parameter error: parameter.filePath should be String instead of Undefined;'));
  assert.deepEqual(await call(h, 'playVoice', { filePath: 'wxfile://tmp/none.silk' }), failed('playVoice', 'file not exist wxfile://tmp/none.silk'));
  // pauseVoice answers the playing call; the next playVoice of the file goes on from there.
  h.evaluate(`globalThis.p = call('playVoice', { filePath: ${JSON.stringify(r.res.tempFilePath)} }); setTimeout(() => wx.pauseVoice(), 1000)`);
  assert.deepEqual(plain(await h.evaluate('p')), ok('playVoice'));
  const t1 = h.clock.now();
  assert.deepEqual(await call(h, 'playVoice', { filePath: r.res.tempFilePath }), ok('playVoice'));
  assert.equal(h.clock.now() - t1, 500);
  // Without stopRecord, the recording stops at 60 s.
  const long = plain(await h.evaluate("call('startRecord')"));
  assert.equal(fs.statSync(realPath(h, long.res.tempFilePath)).size, 60000 * 16);
  assert.deepEqual(await call(h, 'stopVoice'), ok('stopVoice'));
});

test('chooseImage / chooseMedia / chooseVideo pick the scenario\'s images and videos as real temp files', async (t) => {
  const h = host(t, { scenario: {
    images: [{ name: 'cat.png', width: 64, height: 48 }, { width: 30, height: 20, type: 'jpeg', size: 2048 }, { width: 5, height: 7, type: 'gif' }],
    videos: [{ name: 'clip.mp4', width: 1280, height: 720, duration: 12.5, size: 4096 }],
  } });
  const r = await call(h, 'chooseImage', { count: 2 });
  assert.deepEqual(Object.keys(r.res), ['errMsg', 'tempFilePaths', 'tempFiles']);
  assert.equal(r.res.tempFilePaths.length, 2);
  assert.match(r.res.tempFilePaths[0], /^wxfile:\/\/tmp\/pick-1-cat\.png$/);
  assert.deepEqual(r.res.tempFiles.map((f) => Object.keys(f)), [['path', 'size'], ['path', 'size']]);
  assert.equal(r.res.tempFiles[0].size, fs.statSync(realPath(h, r.res.tempFilePaths[0])).size);
  assert.equal(r.res.tempFiles[1].size, 2048);
  assert.deepEqual(await call(h, 'getImageInfo', { src: r.res.tempFilePaths[0] }),
    ok('getImageInfo', { height: 48, orientation: 'up', path: r.res.tempFilePaths[0], type: 'png', width: 64 }));
  assert.deepEqual((await call(h, 'getImageInfo', { src: r.res.tempFilePaths[1] })).res, {
    errMsg: 'getImageInfo:ok', height: 20, orientation: 'up', path: r.res.tempFilePaths[1], type: 'jpeg', width: 30 });
  const m = await call(h, 'chooseMedia', { count: 9 });
  assert.deepEqual(Object.keys(m.res), ['errMsg', 'tempFiles', 'type']);
  assert.equal(m.res.type, 'mix');
  assert.deepEqual(m.res.tempFiles.map((f) => Object.keys(f).sort()), Array(2).fill(['duration', 'fileType', 'height', 'size', 'tempFilePath', 'thumbTempFilePath', 'width']));
  assert.deepEqual(m.res.tempFiles.map((f) => [f.fileType, f.width, f.height, f.duration]), [['image', 5, 7, 0], ['video', 1280, 720, 12.5]]);
  assert.equal(fs.statSync(realPath(h, m.res.tempFiles[1].tempFilePath)).size, 4096);
  assert.deepEqual((await call(h, 'getImageInfo', { src: m.res.tempFiles[1].thumbTempFilePath })).res.width, 1280);
  assert.deepEqual(await call(h, 'getVideoInfo', { src: m.res.tempFiles[1].tempFilePath }), ok('getVideoInfo', {
    bitrate: 3, duration: 12.5, fps: 30, height: 720, orientation: 'up', size: 4, type: 'mp4', width: 1280 }));
  // Nothing left: the user cancels.
  assert.deepEqual(await call(h, 'chooseImage'), failed('chooseImage', 'cancel'));
  assert.deepEqual(await call(h, 'chooseVideo'), failed('chooseVideo', 'cancel'));
  assert.deepEqual(await call(h, 'chooseMedia', { mediaType: ['audio'] }),
    failed('chooseMedia', 'parameter error: parameter.mediaType should be one of image, video, mix instead of "audio";'));
  assert.deepEqual(await call(h, 'chooseImage', { count: 'two' }), failed('chooseImage', 'parameter error: parameter.count should be Number instead of String;'));
});

test('chooseVideo\'s fields; compressVideo and openVideoEditor write new temp files', async (t) => {
  const h = host(t, { scenario: { videos: [{ width: 640, height: 360, duration: 3, size: 3000 }] } });
  const v = await call(h, 'chooseVideo');
  assert.deepEqual(Object.keys(v.res).sort(), ['duration', 'errMsg', 'height', 'size', 'tempFilePath', 'width']);
  assert.deepEqual([v.res.duration, v.res.height, v.res.size, v.res.width], [3, 360, 3000, 640]);
  const c = await call(h, 'compressVideo', { src: v.res.tempFilePath, quality: 'low' });
  assert.deepEqual(Object.keys(c.res), ['errMsg', 'size', 'tempFilePath']);
  assert.equal(fs.statSync(realPath(h, c.res.tempFilePath)).size, 1500);
  assert.deepEqual(await call(h, 'compressVideo', { src: v.res.tempFilePath }),
    failed('compressVideo', 'parameter error: parameter.bitrate should be Number instead of Undefined;'));
  const e = await call(h, 'openVideoEditor', { filePath: v.res.tempFilePath, minDuration: 1, maxDuration: 3 });
  assert.deepEqual(Object.keys(e.res), ['errMsg', 'duration', 'size', 'tempFilePath', 'tempThumbPath']);
  assert.deepEqual([e.res.duration, e.res.size], [3000, 3000]);
});

test('getImageInfo reads the plugin\'s own and user files; compressImage scales; album and previews are recorded', async (t) => {
  const h = host(t);
  const { pngBytes } = require('../src/codecs/png');
  const dir = writePlugin(tempDir(t), { 'index.js': '', 'img/logo.png': pngBytes(12, 34) });
  await h.load(dir);
  assert.deepEqual(await call(h, 'getImageInfo', { src: '/img/logo.png' }), ok('getImageInfo', { height: 34, orientation: 'up', path: '/img/logo.png', type: 'png', width: 12 }));
  assert.deepEqual(await call(h, 'getImageInfo', { src: 'img/none.png' }), failed('getImageInfo', 'file not exist img/none.png'));
  assert.deepEqual(await call(h, 'getImageInfo', { src: '/index.js' }), failed('getImageInfo', 'invalid image'));
  assert.deepEqual(await call(h, 'getImageInfo', {}), failed('getImageInfo', 'parameter error: parameter.src should be String instead of Undefined;'));
  fs.writeFileSync(realPath(h, 'wxfile://usr/a.png'), pngBytes(200, 100));
  const c = await call(h, 'compressImage', { src: 'wxfile://usr/a.png', quality: 50, compressedWidth: 100 });
  assert.deepEqual(Object.keys(c.res), ['errMsg', 'tempFilePath']);
  assert.deepEqual((await call(h, 'getImageInfo', { src: c.res.tempFilePath })).res, {
    errMsg: 'getImageInfo:ok', height: 50, orientation: 'up', path: c.res.tempFilePath, type: 'png', width: 100 });
  assert.deepEqual(await call(h, 'compressImage', { src: 'wxfile://usr/a.png', quality: 101 }),
    failed('compressImage', 'parameter error: parameter.quality should be between 0 and 100 instead of 101;'));
  assert.deepEqual(await call(h, 'saveImageToPhotosAlbum', { filePath: c.res.tempFilePath }), ok('saveImageToPhotosAlbum'));
  assert.deepEqual(await call(h, 'saveImageToPhotosAlbum', { filePath: 'wxfile://usr/gone.png' }), failed('saveImageToPhotosAlbum', 'file not exist wxfile://usr/gone.png'));
  assert.deepEqual(await call(h, 'saveVideoToPhotosAlbum', { filePath: 'wxfile://usr/a.png' }), ok('saveVideoToPhotosAlbum'));
  assert.deepEqual(h.ui.album, [{ kind: 'image', filePath: c.res.tempFilePath }, { kind: 'video', filePath: 'wxfile://usr/a.png' }]);
  assert.deepEqual(await call(h, 'previewImage', { urls: ['https://x/1.png', 'https://x/2.png'], current: 'https://x/2.png' }), ok('previewImage'));
  assert.deepEqual(await call(h, 'previewImage', { urls: 'https://x/1.png' }), failed('previewImage', 'parameter error: parameter.urls should be Array instead of String;'));
  assert.deepEqual(await call(h, 'previewMedia', { sources: [{ url: 'https://x/v.mp4', type: 'video' }] }), ok('previewMedia'));
  assert.deepEqual(h.ui.previews, [{ urls: ['https://x/1.png', 'https://x/2.png'], current: 'https://x/2.png' }, { sources: [{ url: 'https://x/v.mp4', type: 'video' }], current: 0 }]);
});

test('audio options and sources, HEVC, VoIP state', async (t) => {
  const h = host(t);
  assert.deepEqual(await call(h, 'setInnerAudioOption', { obeyMuteSwitch: false }), ok('setInnerAudioOption'));
  assert.deepEqual(h.device.innerAudioOption, { mixWithOther: true, obeyMuteSwitch: false, speakerOn: true });
  assert.deepEqual(await call(h, 'setInnerAudioOption', { speakerOn: 1 }), failed('setInnerAudioOption', 'parameter error: parameter.speakerOn should be Boolean instead of Number;'));
  assert.deepEqual(await call(h, 'getAvailableAudioSources'), ok('getAvailableAudioSources', { audioSources: ['auto', 'buildInMic', 'headsetMic'] }));
  assert.deepEqual(await call(h, 'checkDeviceSupportHevc'), ok('checkDeviceSupportHevc', { supportHevc: true }));
  assert.deepEqual(await call(h, 'exitVoIPChat'), failed('exitVoIPChat', 'not in a chat'));
  assert.deepEqual(await call(h, 'joinVoIPChat', { groupId: 'g', nonceStr: 'n', signature: 's', timeStamp: 1 }), ok('joinVoIPChat', { errCode: 0, openIdList: [] }));
  assert.deepEqual(await call(h, 'updateVoIPChatMuteConfig', { muteConfig: { muteMicrophone: true } }), ok('updateVoIPChatMuteConfig'));
  assert.deepEqual(await call(h, 'subscribeVoIPVideoMembers', { openIdList: ['o1'] }), ok('subscribeVoIPVideoMembers'));
  assert.deepEqual(await call(h, 'makeVoIPCall', { roomType: 'voice' }), ok('makeVoIPCall'));
  assert.deepEqual(h.state.voip.muteConfig, { muteMicrophone: true, muteEarphone: false });
  assert.deepEqual(await call(h, 'exitVoIPChat'), ok('exitVoIPChat'));
  assert.deepEqual(await call(h, 'joinVoIPChat', { groupId: 'g', nonceStr: 'n', signature: 's' }),
    failed('joinVoIPChat', 'parameter error: parameter.timeStamp should be Number instead of Undefined;'));
});

test('component contexts carry the typings\' plugin methods only, record their calls, and answer', async (t) => {
  const h = host(t);
  const keys = (f) => plain(h.evaluate(`Object.keys(wx.${f}('x')).sort()`));
  assert.deepEqual(keys('createCameraContext'), ['setZoom', 'startRecord', 'stopRecord', 'takePhoto']); // no onCameraFrame (unsupported in plugins)
  assert.deepEqual(keys('createAudioContext'), ['pause', 'play', 'seek', 'setSrc']);
  assert.ok(!keys('createLivePusherContext').includes('applyFilter'), 'LivePusherContext.applyFilter is unsupported in plugins');
  assert.equal(keys('createLivePusherContext').length, 21);
  assert.equal(keys('createMapContext').length, 30);
  assert.equal(keys('createVideoContext').length, 17);
  assert.equal(keys('createLivePlayerContext').length, 15);
  h.evaluate("globalThis.cam = wx.createCameraContext(); globalThis.map = wx.createMapContext('m'); wx.createVideoContext('v').seek(3)");
  const photo = plain(await h.evaluate('new Promise((r) => cam.takePhoto({ quality: "high", success: r }))'));
  assert.deepEqual(Object.keys(photo), ['errMsg', 'metadata', 'tempImagePath']);
  assert.equal(photo.errMsg, 'takePhoto:ok');
  assert.deepEqual((await call(h, 'getImageInfo', { src: photo.tempImagePath })).res.width, 1080);
  assert.deepEqual(plain(await h.evaluate('new Promise((r) => map.getCenterLocation({ success: r }))')), { errMsg: 'getCenterLocation:ok', latitude: 39.9087, longitude: 116.3975 });
  assert.deepEqual(plain(await h.evaluate('new Promise((r) => map.getScale({ success: r }))')), { errMsg: 'getScale:ok', scale: 16 });
  assert.deepEqual(plain(await h.evaluate('new Promise((r) => cam.setZoom({ zoom: 2, success: r }))')), { errMsg: 'setZoom:ok', zoom: 2 });
  assert.equal(await h.evaluate('wx.createMediaRecorder({}, {}).start().then(() => "started")'), 'started');
  const v = h.state.contexts.find((c) => c.iface === 'VideoContext' && c.id === 'v');
  assert.deepEqual(v.calls, [['seek', [3]]]);
  assert.ok(h.trace.some((r) => r.api === 'CameraContext.takePhoto' && r.outcome === 'success'));
});

test('the context method tables are the typings\' methods supported in plugins', () => {
  const { CONTEXT_METHODS } = require('../src/apis/media/contexts');
  const { WORKSPACE } = require('../test-support/allowlist');
  const interfaces = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'wx-allowlist', 'data', 'interfaces.json'), 'utf8')).interfaces;
  for (const [iface, spec] of Object.entries(CONTEXT_METHODS)) {
    const i = interfaces.find((x) => x.name === iface);
    const supported = i.methods.filter((m) => m.plugin === 'supported').map((m) => m.name).sort();
    assert.deepEqual([...(spec.plain || []), ...(spec.options || []), ...(spec.promise || [])].sort(), supported, iface);
  }
});
