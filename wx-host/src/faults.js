'use strict';
// Fault injection: the scenario's `faults` section (wx-host/README.md,
// "Faults"). Each fault names a wx API or a method of an object the host
// returns ("<Interface>.<method>": "FileSystemManager.readFile",
// "SocketTask.send", checked against the shipped interface data,
// platform.json), optionally one call of it (the 1-based
// count of that API's calls), and what goes wrong instead of the real
// answer. This file checks the section (its shape without the
// allowlist; with it, that the API exists and the fault applies to its
// kind) and makes the plan the calling conventions (wx.js) consult.

const { PLATFORM } = require('./platform');
const { METHODS } = require('./files/methods');

/**
 * The faults, their parameters ({ key: [required, check, expected] }) and
 * what they do:
 *   fail       the answer is "<api>:fail <errMsg>" (plus errno / errCode)
 *   throw      the call throws an Error with `message`, synchronously
 *   twice      the real answer (success or fail) is delivered twice, complete twice
 *   never      no callback ever; the trace record stays "pending"
 *   late       the real answer is delivered `ms` milliseconds later
 *   wrongShape success with `result` (a JSON object) instead of the real result
 *   missing    the function is absent from wx from the start
 */
const isInt = (v) => Number.isInteger(v);
const FAULTS = {
  fail: {
    errMsg: [true, (v) => typeof v === 'string' && v !== '', 'the reason, a non-empty string (the answer is "<api>:fail <reason>")'],
    errno: [false, isInt, 'an integer'],
    errCode: [false, isInt, 'an integer'],
  },
  throw: { message: [true, (v) => typeof v === 'string', 'a string (the thrown Error\'s message)'] },
  twice: {},
  never: {},
  late: { ms: [true, (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a number of milliseconds, 0 or more'] },
  wrongShape: { result: [true, (v) => v !== null && typeof v === 'object' && !Array.isArray(v), 'a JSON object (the success result given instead of the real one)'] },
  missing: {},
};
const FAULT_NAMES = Object.keys(FAULTS);

/** Which faults apply to which calling convention (the allowlist's kind). */
const APPLIES = {
  async: ['fail', 'throw', 'twice', 'never', 'late', 'wrongShape', 'missing'],
  task: ['fail', 'never', 'late', 'missing'],
  sync: ['fail', 'throw', 'missing'],
  factory: ['fail', 'throw', 'missing'],
  converter: ['fail', 'throw', 'missing'],
  listener: ['missing'],
  // Methods of the objects the host returns (src/objects.js), by their shape
  // in the typings: with an options object of success/fail callbacks, or not.
  'callback method': ['fail', 'throw', 'twice', 'never', 'late', 'missing'],
  method: ['throw', 'missing'],
};

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const API_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)?$/;

/**
 * What a fault may name, with its kind: the allowlist's APIs ([{ name,
 * kind }]); every method plugins may call of the typings' interfaces
 * (platform.json), "<Interface>.<method>", as a 'callback method' (an
 * options object with success/fail) or a 'method'; and, when
 * getFileSystemManager is among the APIs, the manager's methods with the
 * kinds of their calling conventions ("FileSystemManager.readFile" async,
 * "...readFileSync" sync). A method the typings mark unsupported in plugins
 * is there as 'unsupported' (no fault applies).
 */
function faultKinds(entries) {
  const kinds = new Map(entries.map((e) => [e.name, e.kind]));
  for (const [iface, methods] of Object.entries(PLATFORM.interfaces)) {
    for (const [name, m] of Object.entries(methods)) {
      kinds.set(`${iface}.${name}`, m.unsupported ? 'unsupported' : m.callbacks ? 'callback method' : 'method');
    }
  }
  if (kinds.has('getFileSystemManager')) {
    for (const [name, m] of Object.entries(METHODS)) {
      kinds.set(`FileSystemManager.${name}`, 'async');
      if (m.sync) kinds.set(`FileSystemManager.${name}Sync`, 'sync');
    }
  }
  return kinds;
}

/** The methods faults may name on `iface` (from `kinds`), sorted. */
function methodNames(kinds, iface) {
  return [...kinds.keys()].filter((k) => k.startsWith(`${iface}.`) && kinds.get(k) !== 'unsupported').map((k) => k.slice(iface.length + 1)).sort();
}
const show = (v) => (v === undefined ? 'nothing' : JSON.stringify(v));

/**
 * Checks `value` (the scenario's `faults`, at JSON path `at`) and pushes
 * each problem onto `problems` as "<name>: <path>: ...". `kinds` (a Map of
 * API name -> kind, from the allowlist) adds the checks that need it.
 * Returns the normalized faults ([{ api, call, fault, ...params }]).
 */
function checkFaults(value, { name, at = '$.faults', problems, kinds = null }) {
  const bad = (path, expected, got) => problems.push(`${name}: ${path}: expected ${expected}, got ${show(got)}`);
  if (!Array.isArray(value)) {
    bad(at, 'an array of faults ({ "api": "request", "call": 2, "fault": "fail", "errMsg": "timeout" })', value);
    return [];
  }
  const out = [];
  const seen = new Map(); // "api#call" -> where
  value.forEach((f, i) => {
    const p = `${at}[${i}]`;
    if (!isObject(f)) { bad(p, 'an object { api, call?, fault, ... }', f); return; }
    let ok = true;
    if (typeof f.api !== 'string' || !API_NAME.test(f.api)) { bad(`${p}.api`, 'a wx API name, e.g. "request", or an object\'s method, "<Interface>.<method>" (e.g. "SocketTask.send")', f.api); ok = false; }
    if (f.call !== undefined && !(Number.isInteger(f.call) && f.call >= 1)) { bad(`${p}.call`, 'a call number, 1 or more (1 = the first call)', f.call); ok = false; }
    if (!FAULT_NAMES.includes(f.fault)) {
      bad(`${p}.fault`, `one of ${FAULT_NAMES.map((x) => JSON.stringify(x)).join(', ')}`, f.fault);
      return;
    }
    const params = FAULTS[f.fault];
    const allowed = ['api', 'call', 'fault', ...Object.keys(params)];
    for (const k of Object.keys(f)) {
      if (!allowed.includes(k)) { problems.push(`${name}: ${p}.${k}: unknown key for a "${f.fault}" fault (expected one of ${allowed.join(', ')})`); ok = false; }
    }
    for (const [k, [required, check, expected]] of Object.entries(params)) {
      if (f[k] === undefined ? required : !check(f[k])) { bad(`${p}.${k}`, expected, f[k]); ok = false; }
    }
    const answerName = typeof f.api === 'string' ? f.api.slice(f.api.lastIndexOf('.') + 1) : ''; // readFile's errMsg is "readFile:..."
    if (f.fault === 'fail' && typeof f.errMsg === 'string' && answerName && f.errMsg.startsWith(`${answerName}:`)) {
      bad(`${p}.errMsg`, `the reason only (the host writes "${answerName}:fail <reason>")`, f.errMsg);
      ok = false;
    }
    if (f.fault === 'missing' && f.call !== undefined) {
      problems.push(`${name}: ${p}.call: a "missing" fault takes no call number (the function is absent from the start)`);
      ok = false;
    }
    if (typeof f.api === 'string' && kinds) {
      const kind = kinds.get(f.api);
      const dot = f.api.indexOf('.');
      const iface = dot < 0 ? null : f.api.slice(0, dot);
      const known = iface !== null && methodNames(kinds, iface);
      if (kind === 'unsupported') {
        problems.push(`${name}: ${p}.api: ${f.api} is unsupported in plugins (the typings), so the host's ${iface} has no such method to fault`);
        ok = false;
      } else if (!kind && iface !== null && known.length > 0) {
        const list = known.length > 8 ? `${known.slice(0, 8).join(', ')}, ... (${known.length} in all)` : known.join(', ');
        bad(`${p}.api`, `a method of ${iface} plugins may call (${list})`, f.api);
        ok = false;
      } else if (!kind && iface !== null) {
        bad(`${p}.api`, 'an object\'s method "<Interface>.<method>" of an interface the typings give methods (e.g. "SocketTask.send")', f.api);
        ok = false;
      } else if (!kind) { bad(`${p}.api`, 'an API of the allowlist or an object\'s method ("<Interface>.<method>")', f.api); ok = false; }
      else if (!APPLIES[kind].includes(f.fault)) {
        const what = kind === 'callback method' ? 'a method with success/fail callbacks' : kind === 'method' ? 'a method without success/fail callbacks' : `a ${kind} API`;
        problems.push(`${name}: ${p}.fault: "${f.fault}" does not apply to ${f.api} (${what} takes ${APPLIES[kind].join(', ')})`);
        ok = false;
      }
    }
    if (!ok) return;
    const id = `${f.api}#${f.call === undefined ? '*' : f.call}`;
    if (seen.has(id)) {
      problems.push(`${name}: ${p}: ${f.call === undefined ? `a second fault for every call of ${f.api}` : `a second fault for call ${f.call} of ${f.api}`} (the first is ${seen.get(id)})`);
      return;
    }
    seen.set(id, p);
    const norm = { api: f.api, call: f.call, fault: f.fault };
    for (const k of Object.keys(params)) if (f[k] !== undefined) norm[k] = f[k];
    out.push(norm);
  });
  return out;
}

/**
 * The plan a host follows: `missing` (a Set of API names absent from wx)
 * and next(api) -> the fault of that API's next call, or null. A fault for
 * one call number wins over one for every call of the API.
 */
function makeFaultPlan(faults = []) {
  const missing = new Set(faults.filter((f) => f.fault === 'missing').map((f) => f.api));
  const every = new Map();
  const byCall = new Map();
  for (const f of faults) {
    if (f.fault === 'missing') continue;
    if (f.call === undefined) every.set(f.api, f);
    else byCall.set(`${f.api}#${f.call}`, f);
  }
  const counts = new Map();
  return {
    missing,
    active: every.size + byCall.size > 0,
    next(api) {
      const n = (counts.get(api) || 0) + 1;
      counts.set(api, n);
      return byCall.get(`${api}#${n}`) || every.get(api) || null;
    },
  };
}

module.exports = { FAULTS, FAULT_NAMES, APPLIES, checkFaults, makeFaultPlan, faultKinds };
