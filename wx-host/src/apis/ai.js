'use strict';
// The "ai" category, scripted: the host has no NPU, AR or face model.
// isVKSupport answers false; a VKSession has its fields but no methods (all
// unsupported in plugins), as has an InferenceSession; getInferenceEnvInfo
// answers a version; face detection can be started and stopped, and
// faceDetect finds no face ("no face detected") in any frame.

const { fail, typeName, isArrayBuffer } = require('../errors');

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
    impl: ([options], env) => {
      const o = options && typeof options === 'object' ? options : {};
      const session = env.realm.object();
      session.cameraSize = env.realm.toRealm({ width: 0, height: 0 });
      session.config = env.realm.toRealm(JSON.parse(JSON.stringify(o)));
      session.state = 0; // 0: not started (the typings' VKSession.state)
      return session;
    },
  },
  {
    name: 'createInferenceSession',
    kind: 'factory',
    simulated: 'stateful',
    impl: ([options], env) => {
      if (!options || typeof options.model !== 'string') throw fail(`parameter error: parameter.model should be String instead of ${typeName(options && options.model)};`);
      return env.realm.object();
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
