'use strict';
// wx.getFileSystemManager: the plugin's one FileSystemManager, its methods
// (src/files/methods.js) in WeChat's calling conventions, with the
// scenario's faults per method.

const { METHODS } = require('../../files/methods');

/** The plugin's one FileSystemManager (WeChat's is global and unique), made on first use. */
function getFileSystemManager(env) {
  if (env.fileSystemManager) return env.fileSystemManager;
  const { asyncFn, syncFn } = env.conventions;
  const fsm = env.realm.object();
  // The scenario's faults (src/faults.js) for "FileSystemManager.<method>": a
  // missing method is absent (traced when the manager is made), the others
  // apply per call as they do to wx functions.
  const plan = env.faults;
  const fault = (trace) => (plan && plan.active ? () => plan.next(trace) : null);
  const absent = (trace) => {
    if (!plan || !plan.missing.has(trace)) return false;
    const rec = env.record(trace, []);
    rec.fault = 'missing';
    env.finish(rec, 'absent');
    return true;
  };
  for (const [name, m] of Object.entries(METHODS)) {
    // Async methods return nothing (never a promise: the typings give them void).
    const trace = `FileSystemManager.${name}`;
    if (!absent(trace)) fsm[name] = asyncFn(name, m.run, { trace, allowPromise: false, fault: fault(trace) });
    if (!m.sync) continue;
    const syncName = `${name}Sync`;
    if (absent(`FileSystemManager.${syncName}`)) continue;
    fsm[syncName] = syncFn(syncName, (args) => {
      let o;
      if (m.sync === 'option') o = args[0] !== null && typeof args[0] === 'object' ? args[0] : {};
      else o = Object.fromEntries(m.sync.map((field, i) => [field, args[i]]).filter(([, v]) => v !== undefined));
      const res = m.run(o, env) || {};
      if (m.returns === '*') return res;
      return m.returns ? res[m.returns] : undefined;
    }, { trace: `FileSystemManager.${syncName}`, fault: fault(`FileSystemManager.${syncName}`) });
  }
  env.fileSystemManager = fsm;
  return fsm;
}

const entries = [
  { name: 'getFileSystemManager', kind: 'factory', simulated: 'stateful', impl: (args, env) => getFileSystemManager(env) },
];

module.exports = { entries, getFileSystemManager };
