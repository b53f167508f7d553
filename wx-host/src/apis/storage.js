'use strict';
// The "storage" category: wx.*Storage* over the host's Storage (src/storage.js),
// which keeps WeChat's per-plugin namespace and 1 MB / 10 MB limits.
// clearStorage* and getStorageInfo* are not on the plugin allowlist, so the
// host has no implementation of them (the registry check would refuse one).

const { fail } = require('../errors');
const { typeName } = require('../validate');

function needKey(key) {
  if (typeof key !== 'string') throw fail(`parameter error: parameter.key should be String instead of ${typeName(key)};`);
  if (key === '') throw fail('parameter error: parameter.key should not be empty;');
  return key;
}

function toJson(data) {
  let json;
  try { json = JSON.stringify(data); } catch (e) { throw fail(`parameter error: parameter.data is not JSON data (${e.message})`); }
  if (json === undefined) throw fail(`parameter error: parameter.data should be JSON data instead of ${typeName(data)};`);
  return json;
}

function storageSet(env, key, data) {
  const reason = env.storage.set(needKey(key), toJson(data));
  if (reason) throw fail(reason);
}

const entries = [
  { name: 'setStorage', kind: 'async', simulated: 'real', impl: (o, env) => { storageSet(env, o.key, o.data); } },
  {
    name: 'getStorage',
    kind: 'async',
    simulated: 'real',
    impl: (o, env) => {
      const json = env.storage.get(needKey(o.key));
      if (json === undefined) throw fail('data not found');
      return { data: env.realm.parse(json) };
    },
  },
  { name: 'removeStorage', kind: 'async', simulated: 'real', impl: (o, env) => { env.storage.remove(needKey(o.key)); } },
  { name: 'setStorageSync', kind: 'sync', simulated: 'real', impl: ([key, data], env) => { storageSet(env, key, data); } },
  {
    name: 'getStorageSync',
    kind: 'sync',
    simulated: 'real',
    impl: ([key], env) => {
      const json = env.storage.get(needKey(key));
      return json === undefined ? '' : env.realm.parse(json);
    },
  },
  { name: 'removeStorageSync', kind: 'sync', simulated: 'real', impl: ([key], env) => { env.storage.remove(needKey(key)); } },
];

module.exports = { entries };
