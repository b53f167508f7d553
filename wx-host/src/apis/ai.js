'use strict';
// The "ai" category, scripted: the host has no NPU, AR or face model.
// isVKSupport answers false; a VKSession has its fields and the methods
// plugins may call at the simulated base (the typings' plugin_since of each),
// but start's callback gets status 1 (no AR here), no frame ever comes
// (requestAnimationFrame never calls back, getVKFrame answers null) and the
// detections find nothing; an InferenceSession fires onLoad when its model
// file exists (onError otherwise) and run() resolves to no outputs ({});
// getInferenceEnvInfo answers a version; face detection can be started and
// stopped, and faceDetect finds no face ("no face detected") in any frame.

const fs = require('node:fs');
const { fail } = require('../errors');
const { typeName } = require('../validate');
const { isArrayBuffer } = require('../bytes');
const { makeObject } = require('../objects');
const { compareVersions } = require('../version');
const { methodsOf } = require('../platform');

// VKSession's methods and the base from which plugins may call each (the typings, through platform.json).
const VK_METHODS = Object.fromEntries(Object.entries(methodsOf('VKSession'))
  .filter(([, m]) => m.pluginSince !== null).map(([name, m]) => [name, m.pluginSince]));
const VK_ANSWERS = {
  start: ([callback], env) => { if (typeof callback === 'function') env.schedule('VKSession.start callback', () => env.callPlugin('VKSession.start callback', callback, 1)); },
  getVKFrame: () => null, hitTest: () => [], getAllMarker: () => [], getAllOSDMarker: () => [],
  requestAnimationFrame: (args, env, st) => { st.frames += 1; return st.frames; },
  addMarker: (args, env, st) => { st.markers += 1; return st.markers; },
  addOSDMarker: (args, env, st) => { st.markers += 1; return st.markers; },
};
function vkSession(env, o) {
  const st = { frames: 0, markers: 0, calls: [] };
  (env.state.vkSessions || (env.state.vkSessions = [])).push(st);
  const methods = {};
  for (const [name, since] of Object.entries(VK_METHODS)) {
    if (compareVersions(since, env.baseVersion) > 0) continue;
    methods[name] = (args) => { st.calls.push(name); return VK_ANSWERS[name] ? VK_ANSWERS[name](args, env, st) : undefined; };
  }
  const session = makeObject(env, 'VKSession', methods).object;
  session.cameraSize = env.realm.toRealm({ width: 0, height: 0 });
  session.config = env.realm.toRealm(JSON.parse(JSON.stringify(o)));
  session.state = 0; // 0: not started (the typings' VKSession.state)
  return session;
}

function inferenceSession(env, model) {
  let real = null;
  try { real = model.startsWith('wxfile://') ? env.files.locate(model).real : null; } catch { real = null; }
  const made = makeObject(env, 'InferenceSession', {
    run: () => env.realm.promise((resolve) => resolve(env.realm.object())),
    destroy: () => undefined,
  }, ['Load', 'Error']);
  env.schedule('InferenceSession load', () => {
    if (real && fs.existsSync(real)) made.emit('Load');
    else made.emit('Error', { errMsg: `model not found ${model}` });
  });
  return made.object;
}

const entries = [
  {
    name: 'isVKSupport',
    kind: 'sync',
    simulated: 'scripted',
    impl: ([version]) => {
      if (!['v1', 'v2'].includes(version)) throw fail(`parameter error: version should be one of v1, v2 instead of ${version === undefined ? 'Undefined' : JSON.stringify(version)};`);
      return false;
    },
  },
  {
    name: 'createVKSession',
    kind: 'factory',
    simulated: 'stateful',
    impl: ([options], env) => vkSession(env, options && typeof options === 'object' ? options : {}),
  },
  {
    name: 'createInferenceSession',
    kind: 'factory',
    simulated: 'stateful',
    impl: ([options], env) => {
      if (!options || typeof options.model !== 'string') throw fail(`parameter error: parameter.model should be String instead of ${typeName(options && options.model)};`);
      return inferenceSession(env, options.model);
    },
  },
  { name: 'getInferenceEnvInfo', kind: 'async', simulated: 'scripted', impl: () => ({ ver: '1.0.0' }) },
  { name: 'initFaceDetect', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.state.faceDetect = true; } },
  { name: 'stopFaceDetect', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.state.faceDetect = false; } },
  {
    name: 'faceDetect',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      if (!isArrayBuffer(o.frameBuffer)) throw fail(`parameter error: parameter.frameBuffer should be ArrayBuffer instead of ${typeName(o.frameBuffer)};`);
      for (const k of ['width', 'height']) if (typeof o[k] !== 'number') throw fail(`parameter error: parameter.${k} should be Number instead of ${typeName(o[k])};`);
      if (!env.state.faceDetect) throw fail('face detect not initialized (call initFaceDetect first)');
      throw fail('no face detected');
    },
  },
];

module.exports = { entries };
