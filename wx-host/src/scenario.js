'use strict';
// Scenario files: what the simulated phone reports, as JSON, checked in full
// before anything runs (a half-valid scenario never runs). The schema
// (documented in wx-host/README.md, "Scenarios"):
//
//   {
//     "description": "free text",                     (optional)
//     "device": { <SystemInfo field>: value, ... },    what getSystemInfo(Sync) reports
//     "network": { "type": "4g", "signalStrength": -70,     what getNetworkType answers,
//                  "requestDomains": ["https://api.example.com"], "socketDomains": ["wss://chat.example.com"],
//                  "uploadFileDomains": [...], "downloadFileDomains": [...],   (default: requestDomains)
//                  "allowLoopback": true,                 which URLs request & co. may reach
//                  "maxConcurrentRequests": 10 },         how many request/uploadFile/downloadFile go at once
//     "clipboard": "text",                             what getClipboardData answers first
//     "screenBrightness": 0.8,                         0 to 1
//     "modal": { "answers": ["cancel", "confirm"], "default": "confirm" },
//     "faults": [{ "api": "request", "call": 2, "fault": "fail", "errMsg": "timeout" }, ...],
//     "clock": "virtual",                              or "wall" (the default): src/clock.js
//     "events": [{ "at": 30000, "emit": "onNetworkStatusChange", "payload": { ... } }],
//                                                      fired at ms after the plugin is loaded
//     "battery", "location", "bluetooth", "beacons", "wifi", "scanCode", "actionSheet",
//     "images", "videos", "nfc", "localServices", "hce", "audio", "authSetting",
//     "subscriptions", "payment", "nodes"             what sensors, radios and the user answer:
//   }                                                  their schemas are src/scenario-schemas.js
//
// Every key is optional. `device` takes the typings' SystemInfo fields the
// table below lists (SDKVersion is always the simulated base); `modal.answers`
// answer wx.showModal calls in order, then `default` does; `faults` are
// checked by src/faults.js (their shape here, and with the allowlist's kinds
// by createHost, that each names an API and applies to its kind).

const fs = require('node:fs');
const { checkFaults } = require('./faults');
const { CLOCKS } = require('./clock');

/** A scenario that cannot run: `problems` lists each one ("<file>: <path>: expected ..."). */
class ScenarioError extends Error {
  constructor(problems) {
    super(problems.join('\n'));
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

// The SystemInfo fields a scenario may set, by the shape the typings give
// them (lib.wx.api.d.ts interface SystemInfo; a test compares this table
// with wx-allowlist/data/interfaces.json).
const DEVICE_FIELDS = {
  brand: 'string', model: 'string', language: 'string', version: 'string', system: 'string',
  pixelRatio: 'number', screenWidth: 'number', screenHeight: 'number', windowWidth: 'number', windowHeight: 'number',
  statusBarHeight: 'number', fontSizeSetting: 'number', benchmarkLevel: 'number',
  albumAuthorized: 'boolean', bluetoothEnabled: 'boolean', cameraAuthorized: 'boolean', enableDebug: 'boolean',
  locationAuthorized: 'boolean', locationEnabled: 'boolean', locationReducedAccuracy: 'boolean',
  microphoneAuthorized: 'boolean', notificationAlertAuthorized: 'boolean', notificationAuthorized: 'boolean',
  notificationBadgeAuthorized: 'boolean', notificationSoundAuthorized: 'boolean', phoneCalendarAuthorized: 'boolean',
  wifiEnabled: 'boolean',
  platform: { enum: ['ios', 'android', 'ohos', 'ohos_pc', 'windows', 'mac', 'devtools'] },
  deviceOrientation: { enum: ['portrait', 'landscape'] },
  theme: { enum: ['dark', 'light'] },
  safeArea: { object: ['bottom', 'height', 'left', 'right', 'top', 'width'] }, // numbers
};
const { NETWORK_TYPES } = require('./data/network-types');
const { domainProblem } = require('./net');
// The domain lists of `network` and the scheme each takes (WeChat's four server-domain lists).
const DOMAIN_LISTS = [['requestDomains', 'https:'], ['uploadFileDomains', 'https:'], ['downloadFileDomains', 'https:'], ['socketDomains', 'wss:']];
const NETWORK_KEYS = ['type', 'signalStrength', ...DOMAIN_LISTS.map(([k]) => k), 'allowLoopback', 'maxConcurrentRequests'];
const { DEVICE_SCHEMAS } = require('./scenario-schemas');
const TOP = ['description', 'device', 'network', 'clipboard', 'screenBrightness', 'modal', 'faults', 'clock', 'events', ...Object.keys(DEVICE_SCHEMAS)];
const EVENT_KEYS = ['at', 'emit', 'payload'];
const ANSWERS = ['confirm', 'cancel'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v) => (v === undefined ? 'nothing' : JSON.stringify(v));
const key = (path, k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`);

/**
 * Checks a parsed scenario; returns it normalized ({ device, network,
 * clipboard, screenBrightness, modal, faults, clock, events, and the keys of
 * scenario-schemas.js }, absent keys undefined) or
 * throws a ScenarioError listing every problem, each naming `name` (the
 * file), the JSON path and what was expected. `kinds` (a Map of API name ->
 * the allowlist's kind) lets the faults be checked against the allowlist.
 */
function validateScenario(value, name = 'scenario', { kinds = null } = {}) {
  const problems = [];
  const bad = (path, expected, got) => problems.push(`${name}: ${path}: expected ${expected}, got ${show(got)}`);
  const unknown = (path, allowed) => problems.push(`${name}: ${path}: unknown key (expected one of ${allowed.join(', ')})`);
  if (!isObject(value)) {
    bad('$', 'a JSON object', value);
    throw new ScenarioError(problems);
  }
  for (const k of Object.keys(value)) if (!TOP.includes(k)) unknown(key('$', k), TOP);
  if (value.description !== undefined && typeof value.description !== 'string') bad('$.description', 'a string', value.description);

  if (value.device !== undefined) {
    if (!isObject(value.device)) bad('$.device', 'an object of SystemInfo fields', value.device);
    else {
      for (const [k, v] of Object.entries(value.device)) {
        const at = key('$.device', k);
        const shape = DEVICE_FIELDS[k];
        if (k === 'SDKVersion') problems.push(`${name}: ${at}: not settable (it is the simulated base library, --base)`);
        else if (!shape) unknown(at, Object.keys(DEVICE_FIELDS));
        else if (typeof shape === 'string') { if (typeof v !== shape || (shape === 'number' && !Number.isFinite(v))) bad(at, `a ${shape}`, v); }
        else if (shape.enum) { if (!shape.enum.includes(v)) bad(at, `one of ${shape.enum.map((x) => JSON.stringify(x)).join(', ')}`, v); }
        else if (!isObject(v)) bad(at, `an object of numbers (${shape.object.join(', ')})`, v);
        else {
          for (const [f, n] of Object.entries(v)) {
            if (!shape.object.includes(f)) unknown(key(at, f), shape.object);
            else if (typeof n !== 'number' || !Number.isFinite(n)) bad(key(at, f), 'a number', n);
          }
        }
      }
    }
  }

  if (value.network !== undefined) {
    if (!isObject(value.network)) bad('$.network', `an object { ${NETWORK_KEYS.join(', ')} }`, value.network);
    else {
      for (const k of Object.keys(value.network)) if (!NETWORK_KEYS.includes(k)) unknown(key('$.network', k), NETWORK_KEYS);
      const { type, signalStrength, allowLoopback } = value.network;
      if (type !== undefined && !NETWORK_TYPES.includes(type)) bad('$.network.type', `one of ${NETWORK_TYPES.map((x) => JSON.stringify(x)).join(', ')}`, type);
      if (signalStrength !== undefined && (typeof signalStrength !== 'number' || !Number.isFinite(signalStrength))) bad('$.network.signalStrength', 'a number (dBm)', signalStrength);
      if (allowLoopback !== undefined && typeof allowLoopback !== 'boolean') bad('$.network.allowLoopback', 'true or false', allowLoopback);
      const { maxConcurrentRequests: maxRequests } = value.network;
      if (maxRequests !== undefined && !(Number.isInteger(maxRequests) && maxRequests >= 1)) {
        bad('$.network.maxConcurrentRequests', 'a whole number, 1 or more (request/uploadFile/downloadFile sent at once; WeChat: 10)', maxRequests);
      }
      for (const [list, scheme] of DOMAIN_LISTS) {
        const v = value.network[list];
        if (v === undefined) continue;
        if (!Array.isArray(v)) { bad(`$.network.${list}`, `an array of ${scheme}// origins, e.g. "${scheme}//api.example.com"`, v); continue; }
        v.forEach((d, i) => { const why = domainProblem(d, scheme); if (why) bad(`$.network.${list}[${i}]`, why, d); });
      }
    }
  }
  if (value.clipboard !== undefined && typeof value.clipboard !== 'string') bad('$.clipboard', 'a string', value.clipboard);
  if (value.screenBrightness !== undefined && !(typeof value.screenBrightness === 'number' && value.screenBrightness >= 0 && value.screenBrightness <= 1)) {
    bad('$.screenBrightness', 'a number from 0 to 1', value.screenBrightness);
  }
  if (value.modal !== undefined) {
    if (!isObject(value.modal)) bad('$.modal', 'an object { answers, default }', value.modal);
    else {
      for (const k of Object.keys(value.modal)) if (!['answers', 'default'].includes(k)) unknown(key('$.modal', k), ['answers', 'default']);
      const { answers, default: dflt } = value.modal;
      if (answers !== undefined) {
        if (!Array.isArray(answers)) bad('$.modal.answers', 'an array of "confirm" / "cancel"', answers);
        else answers.forEach((a, i) => { if (!ANSWERS.includes(a)) bad(`$.modal.answers[${i}]`, '"confirm" or "cancel"', a); });
      }
      if (dflt !== undefined && !ANSWERS.includes(dflt)) bad('$.modal.default', '"confirm" or "cancel"', dflt);
    }
  }
  // The sensors', radios' and user's keys (src/scenario-schemas.js): battery, location, bluetooth, ...
  for (const [k, schema] of Object.entries(DEVICE_SCHEMAS)) {
    if (value[k] !== undefined) checkShape(value[k], schema, `$.${k}`, { bad, unknown });
  }
  if (value.clock !== undefined && !CLOCKS.includes(value.clock)) bad('$.clock', `one of ${CLOCKS.map((x) => JSON.stringify(x)).join(', ')}`, value.clock);
  const faults = value.faults === undefined ? undefined : checkFaults(value.faults, { name, problems, kinds });
  if (value.events !== undefined) {
    if (!Array.isArray(value.events)) bad('$.events', 'an array of { at, emit, payload }', value.events);
    else {
      value.events.forEach((e, i) => {
        const p = `$.events[${i}]`;
        if (!isObject(e)) { bad(p, 'an object { at, emit, payload }', e); return; }
        for (const k of Object.keys(e)) if (!EVENT_KEYS.includes(k)) unknown(key(p, k), EVENT_KEYS);
        if (!(typeof e.at === 'number' && Number.isFinite(e.at) && e.at >= 0)) bad(`${p}.at`, 'a time in ms after the plugin is loaded, 0 or more', e.at);
        if (typeof e.emit !== 'string' || !/^on[A-Z][\w$]*$/.test(e.emit)) bad(`${p}.emit`, 'an on* event name, e.g. "onNetworkStatusChange"', e.emit);
        else if (kinds && kinds.get(e.emit) !== 'listener') bad(`${p}.emit`, 'an on* listener of the allowlist', e.emit);
      });
    }
  }
  if (problems.length) throw new ScenarioError(problems);
  return {
    device: value.device,
    network: value.network,
    clipboard: value.clipboard,
    screenBrightness: value.screenBrightness,
    modal: value.modal,
    faults,
    clock: value.clock,
    events: value.events,
    ...Object.fromEntries(Object.keys(DEVICE_SCHEMAS).map((k) => [k, value[k]])),
  };
}

/** What a schema of src/scenario-schemas.js expects, in words. */
function expected(schema) {
  if (typeof schema === 'string') return { string: 'a string', number: 'a number', boolean: 'true or false', hex: 'bytes as a hex string (e.g. "0a1b")', any: 'any JSON' }[schema];
  switch (schema.type) {
    case 'range': return `a number from ${schema.min} to ${schema.max}`;
    case 'enum': return `one of ${schema.values.map((x) => JSON.stringify(x)).join(', ')}`;
    case 'array': return `an array of ${expected(schema.of).replace(/^an? /, '')}s`.replace(/ss$/, 's');
    case 'map': return `an object of ${expected(schema.of).replace(/^an? /, '')} values`;
    case 'object': return `an object { ${Object.keys(schema.fields).join(', ')} }`;
    case 'or': return schema.options.map(expected).join(' or ');
    default: return '?';
  }
}

/** Checks `v` against a schema of src/scenario-schemas.js, reporting through bad(path, expected, got) / unknown(path, allowed). */
function checkShape(v, schema, at, report) {
  const { bad, unknown } = report;
  if (typeof schema === 'string') {
    const ok = schema === 'any' ? true
      : schema === 'number' ? typeof v === 'number' && Number.isFinite(v)
        : schema === 'hex' ? typeof v === 'string' && /^(?:[0-9a-fA-F]{2})*$/.test(v)
          : typeof v === schema;
    if (!ok) bad(at, expected(schema), v);
    return;
  }
  switch (schema.type) {
    case 'range':
      if (!(typeof v === 'number' && v >= schema.min && v <= schema.max)) bad(at, expected(schema), v);
      return;
    case 'enum':
      if (!schema.values.includes(v)) bad(at, expected(schema), v);
      return;
    case 'or': {
      // The first option whose outer shape fits decides (a string vs an object).
      const fits = schema.options.find((o) => ({
        enum: () => o.values.includes(v), object: () => isObject(v), range: () => typeof v === 'number', array: () => Array.isArray(v),
      }[o.type] || (() => false))());
      if (fits) checkShape(v, fits, at, report);
      else bad(at, expected(schema), v);
      return;
    }
    case 'array':
      if (!Array.isArray(v)) { bad(at, expected(schema), v); return; }
      v.forEach((x, i) => checkShape(x, schema.of, `${at}[${i}]`, report));
      return;
    case 'map':
      if (!isObject(v)) { bad(at, expected(schema), v); return; }
      for (const [k, x] of Object.entries(v)) checkShape(x, schema.of, key(at, k), report);
      return;
    case 'object': {
      if (!isObject(v)) { bad(at, expected(schema), v); return; }
      const allowed = Object.keys(schema.fields);
      for (const k of Object.keys(v)) {
        if (!allowed.includes(k)) unknown(key(at, k), allowed);
        else checkShape(v[k], schema.fields[k], key(at, k), report);
      }
      for (const k of schema.required || []) if (v[k] === undefined) bad(key(at, k), expected(schema.fields[k]), undefined);
      return;
    }
    default: throw new Error(`wx-host: bad scenario schema at ${at}`);
  }
}

/** Reads and checks a scenario file (`options` as validateScenario's); throws a ScenarioError naming the file. */
function readScenario(file, options = {}) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError([`${file}: cannot read (${e.code || e.message})`]);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError([`${file}: not valid JSON (${e.message})`]);
  }
  return validateScenario(value, file, options);
}

module.exports = { validateScenario, readScenario, ScenarioError, DEVICE_FIELDS, DEVICE_SCHEMAS, checkShape };
