'use strict';
// The players: InnerAudioContext and BackgroundAudioManager are one player
// model on the host's clock: play/pause/stop/seek move it between states and fire the
// typings' events; currentTime follows the clock while playing (times
// playbackRate); onTimeUpdate every 250 ms of playing; onEnded at the end
// (or it starts over with `loop`). A source's duration (seconds) is the
// scenario's `audio[src].duration`, else 60; `audio[src].error` (an errCode of
// the typings' 10001..10004, -1) makes it fail with onError instead.

const { fail } = require('../../errors');
const { typeName, needString } = require('../../validate');
const { makeObject } = require('../../objects');

const entries = [];

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

module.exports = { entries, makePlayer };
