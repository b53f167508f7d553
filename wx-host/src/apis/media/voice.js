'use strict';
// The voice (the old recording and playing functions): startRecord
// answers when stopRecord is called (or after 60 s, WeChat's limit) with a
// temp file of 16 bytes per ms; playVoice answers when the voice has played
// (its recorded length, else the file's size / 16 ms, at most `duration`
// s); pauseVoice answers a playing playVoice at once and keeps its place
// for the next playVoice of that file; stopVoice answers it.

const fs = require('node:fs');
const { fail } = require('../../errors');
const { needString } = require('../../validate');

const entries = [];

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

module.exports = { entries };
