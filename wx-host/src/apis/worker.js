'use strict';
// The "worker" category: a Worker's methods (postMessage, onMessage,
// terminate, ...) are all unsupported in plugins (the typings): createWorker
// gives an object with the `env` field only (USER_DATA_PATH), after checking
// the script path. No worker thread runs.

const { fail } = require('../errors');
const { USER_DATA_PATH } = require('../files/sandbox');
const { typeName } = require('../validate');

const entries = [
  {
    name: 'createWorker',
    kind: 'factory',
    simulated: 'stateful',
    impl: ([scriptPath], env) => {
      if (typeof scriptPath !== 'string') throw fail(`parameter error: scriptPath should be String instead of ${typeName(scriptPath)};`);
      const worker = env.realm.object();
      worker.env = env.realm.toRealm({ USER_DATA_PATH });
      (env.state.workers || (env.state.workers = [])).push(scriptPath);
      return worker;
    },
  },
];

module.exports = { entries };
