'use strict';
// The contexts of components (video, camera, live, map, audio, media):
// Objects with the typings' methods that plugins may call; what they do is
// recorded in host.state.contexts ([{ iface, id, calls: [[method, args]] }]).
// Methods taking an options object answer success (with the fields below)
// through the callbacks; the rest return undefined (or a promise where the
// typings give one).

const { makeObject } = require('../../objects');
const { DEFAULT_LOCATION } = require('../../data/location');
const { jpegBytes } = require('../../codecs/jpeg');
const { mediaState } = require('./state');

const entries = [];

const CONTEXT_METHODS = {
  VideoContext: { plain: ['exitBackgroundPlayback', 'exitCasting', 'exitFullScreen', 'hideStatusBar', 'pause', 'play', 'playbackRate', 'reconnectCasting', 'requestBackgroundPlayback', 'seek', 'sendDanmu', 'showStatusBar', 'startCasting', 'stop', 'switchCasting'], options: ['exitPictureInPicture', 'requestFullScreen'] },
  CameraContext: { options: ['setZoom', 'startRecord', 'stopRecord', 'takePhoto'] },
  LivePlayerContext: { plain: ['exitBackgroundPlayback', 'requestBackgroundPlayback'], options: ['exitCasting', 'exitFullScreen', 'exitPictureInPicture', 'mute', 'pause', 'play', 'reconnectCasting', 'requestFullScreen', 'resume', 'snapshot', 'startCasting', 'stop', 'switchCasting'] },
  LivePusherContext: { plain: ['createOffscreenCanvas', 'onCustomRendererEvent'], options: ['exitPictureInPicture', 'getMaxZoom', 'pause', 'pauseBGM', 'playBGM', 'resume', 'resumeBGM', 'sendMessage', 'setBGMVolume', 'setMICVolume', 'setZoom', 'snapshot', 'start', 'startPreview', 'stop', 'stopBGM', 'stopPreview', 'switchCamera', 'toggleTorch'] },
  MapContext: { plain: ['on'], options: ['addArc', 'addCustomLayer', 'addGroundOverlay', 'addMarkers', 'addVisualLayer', 'eraseLines', 'executeVisualLayerCommand', 'fromScreenLocation', 'getCenterLocation', 'getRegion', 'getRotate', 'getScale', 'getSkew', 'includePoints', 'initMarkerCluster', 'moveAlong', 'moveToLocation', 'openMapApp', 'removeArc', 'removeCustomLayer', 'removeGroundOverlay', 'removeMarkers', 'removeVisualLayer', 'setBoundary', 'setCenterOffset', 'setLocMarkerIcon', 'toScreenLocation', 'translateMarker', 'updateGroundOverlay'] },
  AudioContext: { plain: ['pause', 'play', 'seek', 'setSrc'] },
  MediaAudioPlayer: { promise: ['addAudioSource', 'destroy', 'removeAudioSource', 'start', 'stop'] },
  MediaContainer: { plain: ['addTrack', 'destroy', 'export', 'removeTrack'], options: ['extractDataSource'] },
  MediaRecorder: { plain: ['off', 'on'], promise: ['destroy', 'pause', 'requestFrame', 'resume', 'start', 'stop'] },
  VideoDecoder: { plain: ['getFrameData', 'off', 'on'], promise: ['remove', 'seek', 'start', 'stop'] },
};

/** The success fields of context methods that answer something (the typings' *SuccessCallbackResult). */
function contextAnswer(env, iface, method) {
  const m = mediaState(env);
  const photo = () => { m.files += 1; return env.files.writeTempNamed(`photo-${m.files}.jpg`, jpegBytes(1080, 1920)); };
  const video = () => { m.files += 1; return env.files.writeTempNamed(`camera-${m.files}.mp4`, Buffer.alloc(0)); };
  const loc = { ...DEFAULT_LOCATION, ...(env.scenario.location || {}) };
  const table = {
    'CameraContext.takePhoto': () => ({ metadata: {}, tempImagePath: photo() }),
    'CameraContext.stopRecord': () => ({ tempThumbPath: photo(), tempVideoPath: video() }),
    'CameraContext.setZoom': (o) => ({ zoom: typeof o.zoom === 'number' ? o.zoom : 1 }),
    'LivePlayerContext.snapshot': () => ({ height: '1920', tempImagePath: photo(), width: '1080' }),
    'LivePusherContext.snapshot': () => ({ height: '1920', tempImagePath: photo(), width: '1080' }),
    'LivePusherContext.getMaxZoom': () => ({ maxZoom: '1' }),
    'MapContext.getCenterLocation': () => ({ latitude: loc.latitude, longitude: loc.longitude }),
    'MapContext.getRegion': () => ({ northeast: { latitude: loc.latitude + 0.01, longitude: loc.longitude + 0.01 }, southwest: { latitude: loc.latitude - 0.01, longitude: loc.longitude - 0.01 } }),
    'MapContext.getRotate': () => ({ rotate: 0 }),
    'MapContext.getScale': () => ({ scale: 16 }),
    'MapContext.getSkew': () => ({ skew: 0 }),
    'MapContext.toScreenLocation': () => ({ x: 0, y: 0 }),
    'MapContext.fromScreenLocation': () => ({ latitude: loc.latitude, longitude: loc.longitude }),
  };
  return table[`${iface}.${method}`];
}

function makeContext(env, iface, id) {
  const record = { iface, id: id === undefined ? null : id, calls: [] };
  (env.state.contexts || (env.state.contexts = [])).push(record);
  const spec = CONTEXT_METHODS[iface];
  const object = env.realm.object();
  const { asyncFn } = env.conventions;
  for (const name of spec.options || []) {
    const answer = contextAnswer(env, iface, name);
    object[name] = asyncFn(name, (o) => { record.calls.push([name, [{ ...o }]]); return answer ? answer(o) : undefined; }, { trace: `${iface}.${name}`, allowPromise: false });
  }
  const plain = makeObject(env, iface, Object.fromEntries([
    ...(spec.plain || []).map((name) => [name, (args) => { record.calls.push([name, args]); return undefined; }]),
  ])).object;
  for (const name of spec.plain || []) object[name] = plain[name];
  for (const name of spec.promise || []) {
    object[name] = function (...args) {
      const rec = env.record(`${iface}.${name}`, arguments);
      record.calls.push([name, args]);
      env.finish(rec, 'return');
      return env.realm.promise((resolve) => resolve());
    };
  }
  if (iface === 'MediaAudioPlayer') object.volume = 1;
  return object;
}

const CONTEXT_FACTORIES = {
  createVideoContext: 'VideoContext', createCameraContext: 'CameraContext', createLivePlayerContext: 'LivePlayerContext',
  createLivePusherContext: 'LivePusherContext', createMapContext: 'MapContext', createAudioContext: 'AudioContext',
  createMediaAudioPlayer: 'MediaAudioPlayer', createMediaContainer: 'MediaContainer', createMediaRecorder: 'MediaRecorder',
  createVideoDecoder: 'VideoDecoder',
};
for (const [name, iface] of Object.entries(CONTEXT_FACTORIES)) {
  entries.push({ name, kind: 'factory', simulated: 'stateful', impl: ([id], env) => makeContext(env, iface, typeof id === 'string' ? id : undefined) });
}

module.exports = { entries, CONTEXT_METHODS };
