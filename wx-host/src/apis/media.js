'use strict';
// The "media" category. wx.getRecorderManager, stateful: start/pause/resume/stop move it between
// states and fire the matching events; stop reports a temp file path, the
// recorded duration (ms, on the host's clock) and a size, and writes that many zero
// bytes to the temp file it names (the FileSystemManager reads it). It
// records no sound.

const fs = require('node:fs');
const path = require('node:path');
const { makeObject } = require('../objects');
const { fail } = require('../errors');
const { typeName, needString, needArray, needEnum } = require('../validate');
const { DEFAULT_LOCATION } = require('./location');
const { jpegBytes } = require('../codecs/jpeg');
const { pngBytes } = require('../codecs/png');
const { IMAGE_MAKERS, EXT, imageSize } = require('../codecs/image');

/** The plugin's one RecorderManager (WeChat's is global and unique), made on first use. */
function getRecorderManager(env) {
  if (env.recorder) return env.recorder; // WeChat's is global and unique
  let state = 'idle';
  let started = 0;
  let elapsed = 0;
  let files = 0;
  const later = (fn) => env.schedule('RecorderManager event', fn);
  const { object, emit } = makeObject(env, 'RecorderManager', {
    start: ([options]) => {
      if (state !== 'idle') { later(() => emit('Error', { errMsg: 'operateRecorder:fail recorder is recording' })); return; }
      state = 'recording';
      started = env.clock.now();
      elapsed = 0;
      const format = (options && options.format) || 'aac';
      object.__format = format;
      later(() => emit('Start'));
    },
    pause: () => {
      if (state !== 'recording') return;
      elapsed += env.clock.now() - started;
      state = 'paused';
      later(() => emit('Pause'));
    },
    resume: () => {
      if (state !== 'paused') return;
      started = env.clock.now();
      state = 'recording';
      later(() => emit('Resume'));
    },
    stop: () => {
      if (state === 'idle') return;
      if (state === 'recording') elapsed += env.clock.now() - started;
      state = 'idle';
      files += 1;
      const fileSize = elapsed * 16;
      // A temp file of fileSize zero bytes, so the plugin can read or upload "the recording".
      const tempFilePath = env.files.writeTempNamed(`recording-${files}.${object.__format || 'aac'}`, Buffer.alloc(fileSize));
      const result = { tempFilePath, duration: elapsed, fileSize };
      later(() => emit('Stop', result));
    },
  }, ['Start', 'Pause', 'Resume', 'Stop', 'Error', 'FrameRecorded', 'InterruptionBegin', 'InterruptionEnd'], { off: false }); // the typings give RecorderManager on* only
  env.recorder = object;
  return object;
}

const entries = [
  { name: 'getRecorderManager', kind: 'factory', simulated: 'stateful', impl: (args, env) => getRecorderManager(env) },
];

// ---- players ------------------------------------------------------------------
// InnerAudioContext and BackgroundAudioManager are one player model on the
// host's clock: play/pause/stop/seek move it between states and fire the
// typings' events; currentTime follows the clock while playing (times
// playbackRate); onTimeUpdate every 250 ms of playing; onEnded at the end
// (or it starts over with `loop`). A source's duration (seconds) is the
// scenario's `audio[src].duration`, else 60; `audio[src].error` (an errCode of
// the typings' 10001..10004, -1) makes it fail with onError instead.

const TICK_MS = 250;
const AUDIO_ERRORS = { 10001: 'system error', 10002: 'network error', 10003: 'file error', 10004: 'format error', '-1': 'unknown error' };

/**
 * A player object of interface `iface` with `events`; `autoplayOnSrc`: setting
 * src starts playback (the background manager). `hooks` ({ play, pause, stop })
 * run on those transitions (the legacy background-audio listeners).
 */
function makePlayer(env, iface, { events, off = true, fields, autoplayOnSrc = false, hooks = {} }) {
  const st = { src: '', playing: false, position: 0, startedAt: 0, generation: 0, destroyed: false, ready: false };
  const props = { ...fields };
  const audio = () => (env.scenario.audio && env.scenario.audio[st.src]) || {};
  const duration = () => (st.src ? audio().duration ?? 60 : 0);
  const rate = () => (typeof props.playbackRate === 'number' && props.playbackRate > 0 ? props.playbackRate : 1);
  const now = () => Math.min(duration(), st.position + (st.playing ? ((env.clock.now() - st.startedAt) / 1000) * rate() : 0));
  const later = (fn, ms = 0) => env.schedule(`${iface} event`, fn, ms);
  let emit = null;
  function run() {
    const generation = ++st.generation;
    const tick = () => {
      if (st.generation !== generation || !st.playing) return;
      if (now() >= duration()) {
        st.playing = false;
        st.position = 0;
        if (props.loop) { start(); emit('Ended'); return; } // started again first, so an onEnded listener may stop it
        st.position = duration();
        emit('TimeUpdate');
        emit('Ended');
        st.position = 0;
        if (hooks.stop) hooks.stop();
        return;
      }
      emit('TimeUpdate');
      const left = ((duration() - now()) / rate()) * 1000;
      env.schedule(`${iface} playing ${st.src}`, tick, Math.max(1, Math.min(TICK_MS, Math.ceil(left))));
    };
    env.schedule(`${iface} playing ${st.src}`, tick, TICK_MS);
  }
  function start() {
    if (st.destroyed) return;
    if (!st.src) { later(() => emit('Error', { errCode: 10003, errMsg: 'src is empty' })); return; }
    if (audio().error !== undefined) {
      const errCode = audio().error;
      later(() => emit('Error', { errCode, errMsg: AUDIO_ERRORS[errCode] || 'unknown error' }));
      return;
    }
    if (st.playing) return;
    st.playing = true;
    st.startedAt = env.clock.now();
    if (!st.ready) { st.ready = true; later(() => emit('Canplay')); }
    later(() => emit('Play'));
    if (hooks.play) hooks.play();
    run();
  }
  function pause() {
    if (!st.playing) return;
    st.position = now();
    st.playing = false;
    st.generation += 1;
    later(() => emit('Pause'));
    if (hooks.pause) hooks.pause();
  }
  function stop() {
    if (st.destroyed || (!st.playing && st.position === 0 && !st.ready)) return;
    st.playing = false;
    st.position = 0;
    st.generation += 1;
    later(() => emit('Stop'));
    if (hooks.stop) hooks.stop();
  }
  function seek(position) {
    if (typeof position !== 'number' || !Number.isFinite(position)) throw new Error(`${iface}.seek: position should be Number instead of ${typeName(position)}`);
    const playing = st.playing;
    st.position = Math.max(0, Math.min(duration(), position));
    st.startedAt = env.clock.now();
    later(() => { emit('Seeking'); emit('Seeked'); });
    if (playing) run();
  }
  const methods = {
    play: () => start(), pause: () => pause(), stop: () => stop(), seek: ([position]) => seek(position),
  };
  if (iface === 'InnerAudioContext') methods.destroy = () => { stop(); st.destroyed = true; st.generation += 1; };
  const made = makeObject(env, iface, methods, events, { off });
  emit = made.emit;
  const { object } = made;
  for (const [k, v] of Object.entries(props)) {
    Object.defineProperty(object, k, { get: () => props[k], set: (x) => { props[k] = x; }, enumerable: true, configurable: true });
    void v;
  }
  Object.defineProperty(object, 'src', {
    enumerable: true,
    get: () => st.src,
    set: (v) => {
      const wasPlaying = st.playing;
      st.playing = false;
      st.generation += 1;
      st.src = String(v ?? '');
      st.position = typeof props.startTime === 'number' ? props.startTime : 0;
      st.ready = false;
      if (st.src && (autoplayOnSrc || props.autoplay || wasPlaying)) start();
    },
  });
  const readOnly = { currentTime: () => now(), duration: () => duration(), paused: () => !st.playing, buffered: () => duration() };
  for (const [k, get] of Object.entries(readOnly)) Object.defineProperty(object, k, { get, enumerable: true });
  return { object, st, start, pause, stop, seek, now, duration };
}

const INNER_AUDIO_EVENTS = ['Canplay', 'Ended', 'Error', 'Pause', 'Play', 'Seeked', 'Seeking', 'Stop', 'TimeUpdate', 'Waiting'];
const BACKGROUND_EVENTS = ['Canplay', 'Ended', 'Error', 'Next', 'Pause', 'Play', 'Prev', 'Seeked', 'Seeking', 'Stop', 'TimeUpdate', 'Waiting'];

function createInnerAudioContext(env) {
  const list = env.state.innerAudio || (env.state.innerAudio = []);
  const p = makePlayer(env, 'InnerAudioContext', {
    events: INNER_AUDIO_EVENTS,
    fields: { autoplay: false, loop: false, obeyMuteSwitch: true, playbackRate: 1, referrerPolicy: 'origin', startTime: 0, volume: 1 },
  });
  list.push(p);
  return p.object;
}

/** The one background player (WeChat's is global), behind getBackgroundAudioManager and the legacy *BackgroundAudio functions. */
function backgroundPlayer(env) {
  if (env.state.background) return env.state.background;
  const p = makePlayer(env, 'BackgroundAudioManager', {
    events: BACKGROUND_EVENTS,
    off: false,
    autoplayOnSrc: true,
    fields: { audioType: 'music', coverImgUrl: '', epname: '', playbackRate: 1, protocol: 'http', referrerPolicy: 'origin', singer: '', startTime: 0, title: '', webUrl: '' },
    hooks: {
      play: () => env.schedule('onBackgroundAudioPlay', () => env.emit('onBackgroundAudioPlay')),
      pause: () => env.schedule('onBackgroundAudioPause', () => env.emit('onBackgroundAudioPause')),
      stop: () => env.schedule('onBackgroundAudioStop', () => env.emit('onBackgroundAudioStop')),
    },
  });
  env.state.background = p;
  return p;
}

entries.push(
  { name: 'createInnerAudioContext', kind: 'factory', simulated: 'stateful', impl: (args, env) => createInnerAudioContext(env) },
  { name: 'getBackgroundAudioManager', kind: 'factory', simulated: 'stateful', impl: (args, env) => backgroundPlayer(env).object },
  {
    name: 'playBackgroundAudio',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const dataUrl = needString(o, 'dataUrl');
      const p = backgroundPlayer(env);
      if (o.title !== undefined) p.object.title = String(o.title);
      if (o.coverImgUrl !== undefined) p.object.coverImgUrl = String(o.coverImgUrl);
      p.object.src = dataUrl;
    },
  },
  { name: 'pauseBackgroundAudio', kind: 'async', simulated: 'stateful', impl: (o, env) => { backgroundPlayer(env).pause(); } },
  { name: 'stopBackgroundAudio', kind: 'async', simulated: 'stateful', impl: (o, env) => { backgroundPlayer(env).stop(); } },
  {
    name: 'seekBackgroundAudio',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      if (typeof o.position !== 'number') throw fail(`parameter error: parameter.position should be Number instead of ${typeName(o.position)};`);
      backgroundPlayer(env).seek(o.position);
    },
  },
  {
    name: 'getBackgroundAudioPlayerState',
    kind: 'async',
    simulated: 'stateful',
    // status: 0 paused, 1 playing, 2 no music (the typings').
    impl: (o, env) => {
      const p = backgroundPlayer(env);
      const status = !p.st.src ? 2 : p.st.playing ? 1 : 0;
      return { currentPosition: Math.floor(p.now()), dataUrl: p.st.src, downloadPercent: p.st.src ? 100 : 0, duration: Math.floor(p.duration()), status };
    },
  },
  {
    name: 'setInnerAudioOption',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      for (const k of ['mixWithOther', 'obeyMuteSwitch', 'speakerOn']) {
        if (o[k] !== undefined && typeof o[k] !== 'boolean') throw fail(`parameter error: parameter.${k} should be Boolean instead of ${typeName(o[k])};`);
      }
      env.device.innerAudioOption = { mixWithOther: o.mixWithOther ?? true, obeyMuteSwitch: o.obeyMuteSwitch ?? true, speakerOn: o.speakerOn ?? true };
    },
  },
  { name: 'getAvailableAudioSources', kind: 'async', simulated: 'scripted', impl: () => ({ audioSources: ['auto', 'buildInMic', 'headsetMic'] }) },
  { name: 'checkDeviceSupportHevc', kind: 'async', simulated: 'scripted', impl: () => ({ supportHevc: true }) },
);

// ---- voice (the old recording and playing functions) --------------------------
// startRecord answers when stopRecord is called (or after 60 s, WeChat's
// limit) with a temp file of 16 bytes per ms; playVoice answers when the
// voice has played (its recorded length, else the file's size / 16 ms, at
// most `duration` s); pauseVoice answers a playing playVoice at once and
// keeps its place for the next playVoice of that file; stopVoice answers it.

const VOICE_LIMIT_MS = 60000;
/** A timer on the host's clock that settle() waits for, and its cancel function. */
function timer(env, label, fn, ms) {
  const done = env.track(label, { timer: true });
  const handle = env.clock.setTimeout(() => { done(); fn(); }, ms);
  return () => { env.clock.clear(handle); done(); };
}
function voice(env) {
  return env.state.voice || (env.state.voice = { recording: null, playing: null, lengths: new Map(), paused: new Map(), files: 0 });
}
function endRecording(env) {
  const v = voice(env);
  const r = v.recording;
  if (!r) return;
  v.recording = null;
  r.cancel();
  const ms = Math.min(VOICE_LIMIT_MS, env.clock.now() - r.started);
  v.files += 1;
  const tempFilePath = env.files.writeTempNamed(`voice-${v.files}.silk`, Buffer.alloc(ms * 16));
  v.lengths.set(tempFilePath, ms);
  r.resolve({ tempFilePath });
}
function voiceLength(env, filePath) {
  const v = voice(env);
  if (v.lengths.has(filePath)) return v.lengths.get(filePath);
  const { real } = env.files.locate(filePath);
  if (!fs.existsSync(real)) throw fail(`file not exist ${filePath}`);
  return Math.floor(fs.statSync(real).size / 16);
}
function endVoice(env) {
  const v = voice(env);
  const p = v.playing;
  if (!p) return null;
  v.playing = null;
  p.cancel();
  p.resolve({});
  return p;
}
entries.push(
  {
    name: 'startRecord',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const v = voice(env);
      if (v.recording) throw fail('is recording');
      return new Promise((resolve) => {
        v.recording = { started: env.clock.now(), resolve };
        v.recording.cancel = timer(env, 'startRecord limit (60 s)', () => endRecording(env), VOICE_LIMIT_MS);
      });
    },
  },
  { name: 'stopRecord', kind: 'async', simulated: 'stateful', impl: (o, env) => { endRecording(env); } },
  {
    name: 'playVoice',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const filePath = needString(o, 'filePath');
      const max = (typeof o.duration === 'number' ? o.duration : 60) * 1000;
      const v = voice(env);
      const length = Math.min(max, voiceLength(env, filePath));
      endVoice(env);
      const from = v.paused.get(filePath) || 0;
      v.paused.delete(filePath);
      return new Promise((resolve) => {
        const p = { filePath, started: env.clock.now() - from, resolve };
        v.playing = p;
        p.cancel = timer(env, `playVoice ${filePath}`, () => endVoice(env), Math.max(1, length - from));
      });
    },
  },
  {
    name: 'pauseVoice',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const v = voice(env);
      const p = v.playing;
      if (!p) return;
      v.paused.set(p.filePath, env.clock.now() - p.started);
      endVoice(env);
    },
  },
  { name: 'stopVoice', kind: 'async', simulated: 'stateful', impl: (o, env) => { const p = endVoice(env); if (p) voice(env).paused.delete(p.filePath); } },
);

// ---- images and videos ----------------------------------------------------------
// The scenario's `images` / `videos` are what the user picks, in order (one
// queue each); each pick is written into the plugin's temp files as a real
// file: a PNG of that size (grey), or a JPEG / GIF whose header says that
// size; a video of `size` zero bytes. getImageInfo reads the size from the
// file's header (PNG, JPEG, GIF), for temp and user files and the plugin's
// own package files. With nothing left to pick the user cancels.

function media(env) {
  return env.state.media || (env.state.media = { images: 0, videos: 0, files: 0, videoInfo: new Map(), album: [], previews: [] });
}
/** Writes the next picked image as a temp file: { path, size, width, height, type }. */
function pickImage(env, compressed) {
  const m = media(env);
  const list = env.scenario.images || [];
  if (m.images >= list.length) return null;
  const img = list[m.images++];
  const type = img.type || 'png';
  m.files += 1;
  const base = (img.name || `image-${m.files}.${EXT[type]}`).replace(/[\\/]/g, '_');
  const bytes = IMAGE_MAKERS[type](img.width, img.height);
  const p = env.files.writeTempNamed(`pick-${m.files}-${base}`, bytes);
  return { path: p, size: img.size ?? bytes.length, width: img.width, height: img.height, type, compressed };
}
function pickVideo(env) {
  const m = media(env);
  const list = env.scenario.videos || [];
  if (m.videos >= list.length) return null;
  const v = list[m.videos++];
  m.files += 1;
  const base = (v.name || `video-${m.files}.mp4`).replace(/[\\/]/g, '_');
  const size = v.size ?? 0;
  const p = env.files.writeTempNamed(`pick-${m.files}-${base}`, Buffer.alloc(size));
  const thumb = env.files.writeTempNamed(`pick-${m.files}-thumb.jpg`, jpegBytes(v.width, v.height));
  const info = { duration: v.duration, height: v.height, size, width: v.width, thumb };
  m.videoInfo.set(p, info);
  return { path: p, ...info };
}
function checkCount(o, max) {
  if (o.count === undefined) return max;
  if (typeof o.count !== 'number') throw fail(`parameter error: parameter.count should be Number instead of ${typeName(o.count)};`);
  return Math.max(1, Math.min(max, Math.floor(o.count)));
}
/** The real file behind a local path: user or temp files, or the plugin's own package files. */
function localFile(env, src) {
  if (src.startsWith('wxfile://')) return env.files.locate(src).real;
  if (/^[a-z]+:\/\//i.test(src)) return null;
  const root = env.pluginRoot();
  if (!root) return null;
  const real = path.resolve(root, src.replace(/^\/+/, ''));
  return real.startsWith(root) ? real : null;
}
function readLocal(env, src, api) {
  const real = localFile(env, src);
  if (!real || !fs.existsSync(real) || !fs.statSync(real).isFile()) throw fail(`file not exist ${src}`);
  void api;
  return fs.readFileSync(real);
}

entries.push(
  {
    name: 'chooseImage',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const count = checkCount(o, 9);
      const picked = [];
      for (let i = 0; i < count; i++) { const img = pickImage(env); if (!img) break; picked.push(img); }
      if (!picked.length) throw fail('cancel');
      return { tempFilePaths: picked.map((p) => p.path), tempFiles: picked.map((p) => ({ path: p.path, size: p.size })) };
    },
  },
  {
    name: 'chooseMedia',
    kind: 'async',
    simulated: 'scripted',
    // mediaType ['image'] picks images, ['video'] videos, both (the default) images first, then videos.
    impl: (o, env) => {
      const count = checkCount(o, 9);
      const types = o.mediaType === undefined ? ['image', 'video'] : needArray(o, 'mediaType');
      for (const t of types) if (!['image', 'video', 'mix'].includes(t)) throw fail(`parameter error: parameter.mediaType should be one of image, video, mix instead of ${JSON.stringify(t)};`);
      const wantImage = types.includes('image') || types.includes('mix');
      const wantVideo = types.includes('video') || types.includes('mix');
      const files = [];
      while (files.length < count) {
        const img = wantImage ? pickImage(env) : null;
        if (img) {
          files.push({ duration: 0, fileType: 'image', height: img.height, size: img.size, tempFilePath: img.path, thumbTempFilePath: '', width: img.width });
          continue;
        }
        const v = wantVideo ? pickVideo(env) : null;
        if (!v) break;
        files.push({ duration: v.duration, fileType: 'video', height: v.height, size: v.size, tempFilePath: v.path, thumbTempFilePath: v.thumb, width: v.width });
      }
      if (!files.length) throw fail('cancel');
      const kinds = new Set(files.map((f) => f.fileType));
      return { tempFiles: files, type: kinds.size > 1 ? 'mix' : [...kinds][0] };
    },
  },
  {
    name: 'chooseVideo',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const v = pickVideo(env);
      if (!v) throw fail('cancel');
      return { duration: v.duration, height: v.height, size: v.size, tempFilePath: v.path, width: v.width };
    },
  },
  {
    name: 'getImageInfo',
    kind: 'async',
    simulated: 'real',
    impl: (o, env) => {
      const src = needString(o, 'src');
      const info = imageSize(readLocal(env, src, 'getImageInfo'));
      if (!info) throw fail('invalid image');
      return { height: info.height, orientation: 'up', path: src, type: info.type, width: info.width };
    },
  },
  {
    name: 'compressImage',
    kind: 'async',
    simulated: 'stateful',
    // A new temp file of the same kind; compressedWidth / compressedHeight scale it (keeping the ratio when one is given).
    impl: (o, env) => {
      const src = needString(o, 'src');
      if (o.quality !== undefined && !(typeof o.quality === 'number' && o.quality >= 0 && o.quality <= 100)) throw fail(`parameter error: parameter.quality should be between 0 and 100 instead of ${JSON.stringify(o.quality)};`);
      const info = imageSize(readLocal(env, src, 'compressImage'));
      if (!info) throw fail('invalid image');
      let { width, height } = info;
      if (o.compressedWidth && o.compressedHeight) { width = o.compressedWidth; height = o.compressedHeight; }
      else if (o.compressedWidth) { height = Math.round((height * o.compressedWidth) / width); width = o.compressedWidth; }
      else if (o.compressedHeight) { width = Math.round((width * o.compressedHeight) / height); height = o.compressedHeight; }
      const m = media(env);
      m.files += 1;
      return { tempFilePath: env.files.writeTempNamed(`compressed-${m.files}.${EXT[info.type]}`, IMAGE_MAKERS[info.type](width, height)) };
    },
  },
  {
    name: 'previewImage',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const urls = Array.from(needArray(o, 'urls'), String);
      if (o.current !== undefined && typeof o.current !== 'string') throw fail(`parameter error: parameter.current should be String instead of ${typeName(o.current)};`);
      env.ui.previews.push({ urls, current: o.current ?? urls[0] ?? '' });
    },
  },
  {
    name: 'previewMedia',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const sources = Array.from(needArray(o, 'sources'), (x) => ({ url: String(x && x.url), type: (x && x.type) || 'image' }));
      env.ui.previews.push({ sources, current: o.current ?? 0 });
    },
  },
  {
    name: 'saveImageToPhotosAlbum',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { const filePath = needString(o, 'filePath'); readLocal(env, filePath); env.ui.album.push({ kind: 'image', filePath }); },
  },
  {
    name: 'saveVideoToPhotosAlbum',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { const filePath = needString(o, 'filePath'); readLocal(env, filePath); env.ui.album.push({ kind: 'video', filePath }); },
  },
  {
    name: 'getVideoInfo',
    kind: 'async',
    simulated: 'scripted',
    // What the scenario said of a picked video; other files: their size, the rest 0.
    impl: (o, env) => {
      const src = needString(o, 'src');
      const bytes = readLocal(env, src);
      const v = media(env).videoInfo.get(src) || { duration: 0, height: 0, width: 0, size: bytes.length };
      return { bitrate: v.duration ? Math.round((v.size * 8) / v.duration / 1000) : 0, duration: v.duration, fps: 30, height: v.height, orientation: 'up', size: Math.round(v.size / 1024), type: 'mp4', width: v.width };
    },
  },
  {
    name: 'compressVideo',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const src = needString(o, 'src');
      for (const k of ['bitrate', 'fps', 'resolution']) {
        if (o.quality === undefined && typeof o[k] !== 'number') throw fail(`parameter error: parameter.${k} should be Number instead of ${typeName(o[k])};`);
      }
      needEnum(o, 'quality', ['low', 'medium', 'high']);
      const bytes = readLocal(env, src);
      const m = media(env);
      m.files += 1;
      const size = Math.floor(bytes.length / 2);
      const tempFilePath = env.files.writeTempNamed(`compressed-${m.files}.mp4`, Buffer.alloc(size));
      const info = m.videoInfo.get(src);
      if (info) m.videoInfo.set(tempFilePath, { ...info, size });
      return { size: Math.round(size / 1024), tempFilePath };
    },
  },
  {
    name: 'openVideoEditor',
    kind: 'async',
    simulated: 'scripted',
    // The user keeps the video as it is: a copy, and a thumbnail.
    impl: (o, env) => {
      const filePath = needString(o, 'filePath');
      const bytes = readLocal(env, filePath);
      const m = media(env);
      m.files += 1;
      const info = m.videoInfo.get(filePath) || { duration: 0, width: 0, height: 0 };
      const tempFilePath = env.files.writeTempNamed(`edited-${m.files}.mp4`, bytes);
      const tempThumbPath = env.files.writeTempNamed(`edited-${m.files}-thumb.jpg`, jpegBytes(info.width || 1, info.height || 1));
      m.videoInfo.set(tempFilePath, { ...info, size: bytes.length });
      return { duration: info.duration * 1000, size: bytes.length, tempFilePath, tempThumbPath };
    },
  },
);

// ---- VoIP ------------------------------------------------------------------
// A chat room of one (host.state.voip): joining answers the plugin's own openid list
// (empty: the host has no user); the others are recorded.
const voipState = (env) => env.state.voip || (env.state.voip = { room: null, muteConfig: null, subscribed: [], calls: [] });
entries.push(
  {
    name: 'joinVoIPChat',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      for (const k of ['groupId', 'nonceStr', 'signature']) needString(o, k);
      if (typeof o.timeStamp !== 'number') throw fail(`parameter error: parameter.timeStamp should be Number instead of ${typeName(o.timeStamp)};`);
      const v = voipState(env);
      v.room = { groupId: o.groupId, roomType: o.roomType || 'voice' };
      v.muteConfig = { muteMicrophone: false, muteEarphone: false, ...(o.muteConfig || {}) };
      return { errCode: 0, openIdList: [] };
    },
  },
  {
    name: 'exitVoIPChat',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { const v = voipState(env); if (!v.room) throw fail('not in a chat'); v.room = null; },
  },
  {
    name: 'updateVoIPChatMuteConfig',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      if (!o.muteConfig || typeof o.muteConfig !== 'object') throw fail(`parameter error: parameter.muteConfig should be Object instead of ${typeName(o.muteConfig)};`);
      const v = voipState(env);
      if (!v.room) throw fail('not in a chat');
      v.muteConfig = { ...v.muteConfig, ...o.muteConfig };
    },
  },
  {
    name: 'subscribeVoIPVideoMembers',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const list = Array.from(needArray(o, 'openIdList'), String);
      const v = voipState(env);
      if (!v.room) throw fail('not in a chat');
      v.subscribed = list;
    },
  },
  { name: 'makeVoIPCall', kind: 'async', simulated: 'stateful', impl: (o, env) => { voipState(env).calls.push({ ...o }); } },
);

// ---- contexts of components (video, camera, live, map, audio, media) -----------------
// Objects with the typings' methods that plugins may call; what they do is
// recorded in host.state.contexts ([{ iface, id, calls: [[method, args]] }]).
// Methods taking an options object answer success (with the fields below)
// through the callbacks; the rest return undefined (or a promise where the
// typings give one).

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
  const m = media(env);
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

module.exports = { entries, getRecorderManager, makePlayer, imageSize, pngBytes, CONTEXT_METHODS };
