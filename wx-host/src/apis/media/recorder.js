'use strict';
// wx.getRecorderManager, stateful: start/pause/resume/stop move it between
// states and fire the matching events; stop reports a temp file path, the
// recorded duration (ms, on the host's clock) and a size, and writes that many zero
// bytes to the temp file it names (the FileSystemManager reads it). It
// records no sound.

const { makeObject } = require('../../objects');

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

module.exports = { entries, getRecorderManager };
