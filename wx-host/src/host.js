'use strict';
// createHost(): a simulated WeChat plugin host. It owns the plugin's realm,
// the `wx` object built from the allowlist, the trace of every wx call, the
// plugin's console, and the bookkeeping of pending timers and callbacks.

const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const { compareVersions, isValidVersion } = require('./version');
const { jsonSafe } = require('./jsonsafe');
const { createRealm } = require('./realm');
const { createLoader } = require('./loader');
const { Storage } = require('./storage');
const { makeWx, checkRegistry, KINDS, EVENT_HOOKS } = require('./wx');
const { createFiles, USER_DATA_LIMIT, FILE_SIZE_LIMIT } = require('./files/sandbox');
const { makeWXWebAssembly } = require('./wxwasm');
const { validateScenario } = require('./scenario');
const { makeFaultPlan, faultKinds } = require('./faults');
const { domainRules, QUIET_MS } = require('./net');
const { createClock } = require('./clock');

// Plugins have WXWebAssembly from this base; the default base is the listing's lowest (platform.json).
const { WXWEBASSEMBLY_SINCE, BASELINE } = require('./platform');

/**
 * Checks the `wx-allowlist --json` array; returns [{ name, since, kind,
 * unsupportedToday, category }] (category: undefined when the entry has
 * none, as in a hand-made allowlist; the registry check uses it).
 */
function normalizeAllowlist(allowlist) {
  if (!Array.isArray(allowlist)) throw new TypeError('allowlist must be a JSON array of { name, since, kind } entries');
  return allowlist.map((e, i) => {
    const where = `allowlist entry ${i}${e && typeof e.name === 'string' ? ` (${e.name})` : ''}`;
    if (!e || typeof e !== 'object') throw new TypeError(`${where} is not an object`);
    if (typeof e.name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(e.name)) throw new TypeError(`${where}: "name" must be an identifier`);
    if (!isValidVersion(e.since)) throw new TypeError(`${where}: "since" must be a version like "1.9.6", got ${JSON.stringify(e.since)}`);
    if (!KINDS.includes(e.kind)) throw new TypeError(`${where}: "kind" must be one of ${KINDS.join(', ')}, got ${JSON.stringify(e.kind)}`);
    if (e.category !== undefined && e.category !== null && typeof e.category !== 'string') throw new TypeError(`${where}: "category" must be a string or null`);
    const out = { name: e.name, since: e.since, kind: e.kind, unsupportedToday: e.unsupported_today === true };
    if (e.category !== undefined) out.category = e.category;
    return out;
  });
}

/**
 * A simulated plugin host: a fresh realm whose `wx` holds the allowlist's
 * functions exposed at `baseVersion`, with the trace, console, errors, UI
 * and device state a test reads back. Throws on a bad allowlist, version,
 * plugin id or scenario, before any plugin code runs.
 */
/** The allowlist listing shipped with wx-host (`allowlist.json`). */
function shippedAllowlist() {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'allowlist.json'), 'utf8'));
}

function createHost(options = {}) {
  const {
    // Default: the listing wx-host ships (allowlist.json, generated from
    // wx-allowlist's data), so a mini-program's own tests need no Rust.
    allowlist = shippedAllowlist(),
    baseVersion = BASELINE,
    storageFile = null,
    pluginId = 'plugin',
    missing = [],
    // The reference page lists a few APIs today's typings mark unsupported in
    // plugins; today's WeChat leaves them out. `asReferencePage` puts them back.
    asReferencePage = false,
    modal = { confirm: true },
    verbose = false, // echo the plugin's console to stderr as it happens
    settleTimeout = 5000,
    // The plugin's files (wx.getFileSystemManager, downloadFile's temp files):
    // null, a fresh temp directory removed by dispose(); a path, kept.
    filesDir = null,
    userDataLimit = USER_DATA_LIMIT, // all user files together, bytes
    fileSizeLimit = FILE_SIZE_LIMIT, // one file, bytes
    // A scenario (src/scenario.js): what the phone reports. Checked in full
    // here, so a bad one stops the host before any plugin code runs.
    scenario = null,
    scenarioName = 'scenario', // how errors name it (the CLI: the file)
    // "wall" or "virtual" (src/clock.js); default: the scenario's `clock`, else "wall".
    clock: clockOption = undefined,
    // On the virtual clock, how long (wall ms) a network task may hear nothing
    // from its server before it counts as only waiting (src/apis/network.js
    // quietWatch); longer for a slow test server or a busy machine.
    networkQuietMs = QUIET_MS,
  } = options;
  if (!isValidVersion(baseVersion)) throw new TypeError(`baseVersion must be a version like "2.18.1", got ${JSON.stringify(baseVersion)}`);
  if (typeof pluginId !== 'string' || pluginId === '') throw new TypeError('pluginId must be a non-empty string');
  if (!(Number.isFinite(networkQuietMs) && networkQuietMs > 0)) throw new TypeError(`networkQuietMs must be a positive number of milliseconds, got ${JSON.stringify(networkQuietMs)}`);
  const entries = normalizeAllowlist(allowlist);
  checkRegistry(entries);
  // The scenario's faults are checked against the allowlist's kinds too.
  const sc = scenario === null ? {} : validateScenario(scenario, scenarioName, { kinds: faultKinds(entries) });
  const faults = makeFaultPlan(sc.faults || []);
  const clock = createClock(clockOption ?? sc.clock ?? 'wall');
  const skip = new Set(missing);
  // What this base exposes: allowed by version, minus what today's bases dropped.
  const available = entries.filter((e) => compareVersions(e.since, baseVersion) <= 0 && !skip.has(e.name)
    && (asReferencePage || !e.unsupportedToday));
  // ... minus the scenario's `missing` faults (traced below, once the trace exists).
  const exposed = available.filter((e) => !faults.missing.has(e.name));

  const realm = createRealm();
  const storage = new Storage({ file: storageFile, pluginId });
  let root = null;

  const host = {
    baseVersion, pluginId, realm, storage, clock,
    exposed: exposed.map((e) => e.name),
    trace: [], // { seq, api, args, outcome, result | errMsg }
    console: [], // { level, text }
    errors: [], // { source, message }: plugin exceptions the host caught
    listeners: new Map(), // event name -> callbacks registered through wx.on*
    ui: { toast: null, loading: null, modals: [], vibrations: [], phoneCalls: [], scans: [], contacts: [], keyboard: false, openedLocations: [], previews: [], album: [],
      actionSheets: [], navigationBar: { title: '', frontColor: '#000000', backgroundColor: '#ffffff', loading: false },
      background: {}, pullDownRefresh: false, scrollTop: 0, fonts: [], pages: ['pages/index/index'], routes: [],
      opened: [], shareMenu: { shown: true, withShareTicket: false, menus: ['shareAppMessage'] }, analytics: [], payments: [], reports: [] },
    // What the simulated phone reports and keeps (apis/device.js).
    device: {
      clipboard: sc.clipboard ?? '',
      screenBrightness: sc.screenBrightness ?? 0.5,
      keepScreenOn: false,
      networkType: (sc.network && sc.network.type) || 'wifi',
      signalStrength: (sc.network && sc.network.signalStrength) ?? 0,
      systemInfo: { ...(sc.device || {}) }, // over the host's default device
    },
    pluginJson: null,
    exports: undefined,
  };

  // ---- trace ----
  let seq = 0;
  function record(api, args) {
    const rec = { seq: ++seq, api, args: jsonSafe(Array.from(args)) ?? [], outcome: 'pending' };
    host.trace.push(rec);
    return rec;
  }
  function finish(rec, outcome, field, value) {
    rec.outcome = outcome;
    const v = jsonSafe(value);
    if (field && v !== undefined) rec[field] = v;
  }

  // ---- pending work (what settle() waits for) ----
  // Each entry is real work (the virtual clock runs at wall speed while
  // there is some) or a timer on the clock (the virtual clock may skip to it).
  const pending = new Map(); // id -> { label, timer }
  let pendingSeq = 0;
  let busy = 0;
  // track() returns done(); done.waiting(true) turns real work into a wait
  // the virtual clock may skip over (a request only waiting for its server
  // or its timeout, apis/network.js), done.waiting(false) back.
  function track(label, { timer = false } = {}) {
    const id = ++pendingSeq;
    const entry = { label, timer };
    pending.set(id, entry);
    if (!timer) { busy += 1; clock.update(true); }
    const done = () => {
      if (!pending.delete(id) || entry.timer) return;
      busy -= 1;
      clock.update(busy > 0);
    };
    done.waiting = (w) => {
      if (!pending.has(id) || entry.timer === !!w) return;
      entry.timer = !!w;
      busy += w ? -1 : 1;
      clock.update(busy > 0);
    };
    return done;
  }
  /** Runs fn on the next macrotask, or `ms` milliseconds later on the host's clock; settle() waits for it. */
  function schedule(label, fn, ms = 0) {
    const done = track(label, { timer: ms > 0 });
    const run = () => { try { fn(); } finally { done(); } };
    if (ms > 0) clock.setTimeout(run, ms);
    else setImmediate(run); // the next macrotask
  }
  // ---- what the host holds for the plugin (the run report's `pending`) ----
  // Callbacks (success/fail/complete) of async and task calls not yet
  // delivered or dropped; tasks (request, downloadFile, uploadFile, sockets)
  // in flight or queued; the live objects' listener maps (src/objects.js).
  let heldCallbacks = 0;
  const heldTasks = new Set();
  const heldObjects = new Set();
  /** Holds the callbacks of `options`; returns release() (idempotent). */
  function holdCallbacks(options) {
    const n = ['success', 'fail', 'complete'].filter((k) => options && typeof options[k] === 'function').length;
    heldCallbacks += n;
    let released = false;
    return () => { if (!released) { released = true; heldCallbacks -= n; } };
  }
  /** Holds a task (label: what it is); returns release() (idempotent). */
  function holdTask(label) {
    const t = { label };
    heldTasks.add(t);
    return () => { heldTasks.delete(t); };
  }
  function recordError(source, e) {
    const message = errorText(e);
    host.errors.push({ source, message });
    if (verbose) process.stderr.write(`[wx-host] ${source} threw ${message}\n`);
  }
  /** Runs plugin code the host calls back (callbacks, timers): an exception is recorded, never fatal. */
  function callPlugin(source, fn, ...args) {
    if (typeof fn !== 'function') return undefined;
    try {
      const r = fn(...args);
      if (r && typeof r.then === 'function') r.then(undefined, (e) => recordError(source, e));
      return r;
    } catch (e) {
      recordError(source, e);
      return undefined;
    }
  }
  host.recordError = recordError;

  /**
   * Fires `event` (an `on*` name) as WeChat would: every callback the plugin
   * registered through wx.<event> receives `payload` (built in the plugin
   * realm). Recorded in the trace as { api: event, kind: 'event',
   * outcome: 'delivered', listeners: n }.
   */
  host.emit = (event, payload) => emitEvent(event, payload);
  // `extra`: more fields of the trace record (a scenario event's `at`).
  function emitEvent(event, payload, extra = {}) {
    const callbacks = [...(host.listeners.get(event) || [])];
    const rec = record(event, payload === undefined ? [] : [payload]);
    rec.kind = 'event';
    Object.assign(rec, extra);
    rec.listeners = callbacks.length;
    finish(rec, 'delivered');
    // A hook may change state (the network type follows onNetworkStatusChange)
    // or say the event cannot happen now (a sensor event while it is stopped):
    // then no listener hears it, and the record says why.
    const why = EVENT_HOOKS[event] ? EVENT_HOOKS[event](payload, env) : undefined;
    if (typeof why === 'string') {
      rec.listeners = 0;
      finish(rec, 'dropped');
      rec.reason = why;
      return 0;
    }
    for (const callback of callbacks) callPlugin(`${event} listener`, callback, realm.toRealm(payload));
    return callbacks.length;
  }

  // ---- globals of the plugin realm ----
  const files = createFiles({ dir: filesDir, userDataLimit, fileSizeLimit });
  host.files = files;
  // showModal's answers: the scenario's, in order, then its default (or the `modal` option's).
  const modalAnswers = sc.modal
    ? { confirm: sc.modal.default !== 'cancel', answers: [...(sc.modal.answers || [])] }
    : { ...modal, answers: [] };
  const env = {
    realm, storage, files, baseVersion, modal: modalAnswers, ui: host.ui, device: host.device, listeners: host.listeners,
    record, finish, schedule, track, callPlugin, faults, clock, recordError, holdCallbacks, holdTask, heldObjects,
    networkQuietMs,
    pluginId, pluginJson: () => host.pluginJson,
    pluginRoot: () => root, // the loaded plugin's folder (package paths: getImageInfo, ...)
    network: domainRules(sc.network), // which URLs request, uploadFile, downloadFile, connectSocket may reach
    scenario: sc, // what the phone's sensors, radios and user answer (apis/*.js read their keys)
    emit: (event, payload) => emitEvent(event, payload), // a simulation fires a wx.on* event
    state: {}, // per-category simulated state (apis/*.js), e.g. state.bluetooth
    // Runs fn when the host is disposed (e.g. a UDP socket the plugin left
    // open); returns what unregisters it, for work that ends before (a
    // finished request must not keep its closure, and its scope, alive).
    onDispose: (fn) => { disposers.add(fn); return () => { disposers.delete(fn); }; },
  };
  const disposers = new Set();
  host.state = env.state;
  // A `missing` fault takes an API the base would expose out of wx; the trace says so first.
  for (const e of available) {
    if (!faults.missing.has(e.name)) continue;
    const rec = record(e.name, []);
    rec.fault = 'missing';
    finish(rec, 'absent');
  }
  // Every global goes in through the membrane (src/membrane.js): the plugin
  // sees realm views and wrappers, never a host object.
  realm.install('wx', makeWx(exposed, env));
  if (compareVersions(baseVersion, WXWEBASSEMBLY_SINCE) >= 0) {
    realm.install('WXWebAssembly', makeWXWebAssembly({ realm, getRoot: () => root, track, record, finish }));
  }

  const sandboxConsole = realm.object();
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    sandboxConsole[level] = (...args) => {
      // customInspect off: a plugin object's [util.inspect.custom] would be handed Node's inspect.
      const text = util.formatWithOptions({ customInspect: false }, ...args);
      host.console.push({ level, text });
      if (verbose) process.stderr.write(`[plugin ${level}] ${text}\n`);
    };
  }
  realm.install('console', sandboxConsole);

  // Timers get WeChat's numeric ids and are tracked so settle() can wait;
  // they run on the host's clock (wall or virtual).
  const timers = new Map();
  let timerSeq = 0;
  function addTimer(kind, fn, ms, args) {
    if (typeof fn !== 'function') throw realm.typeError(`${kind}: callback must be a function`);
    const id = ++timerSeq;
    const delay = Math.max(0, Number(ms) || 0);
    const label = kind === 'setInterval' ? `setInterval #${id} (every ${delay} ms)` : `setTimeout #${id} (${delay} ms)`;
    const done = track(label, { timer: true });
    const fire = () => {
      if (kind === 'setTimeout') { timers.delete(id); done(); }
      callPlugin(`${label} callback`, fn, ...args);
    };
    const handle = kind === 'setInterval' ? clock.setInterval(fire, delay) : clock.setTimeout(fire, delay);
    timers.set(id, { handle, done });
    return id;
  }
  function clearTimer(id) {
    const t = timers.get(id);
    if (!t) return;
    clock.clear(t.handle); // also clears intervals
    t.done();
    timers.delete(id);
  }
  // On the virtual clock the plugin's Date follows it too (from the wall time the host was made).
  if (clock.virtual) {
    const epoch = Date.now();
    realm.setNow(() => epoch + clock.now());
  }
  realm.install('setTimeout', function setTimeout(fn, ms, ...args) { return addTimer('setTimeout', fn, ms, args); });
  realm.install('setInterval', function setInterval(fn, ms, ...args) { return addTimer('setInterval', fn, ms, args); });
  realm.install('clearTimeout', function clearTimeout(id) { clearTimer(id); });
  realm.install('clearInterval', function clearInterval(id) { clearTimer(id); });

  // ---- public methods ----

  /** Loads pluginDir/plugin.json and its main module; resolves to module.exports. */
  host.load = async function load(pluginDir) {
    if (root) throw new Error('this host has already loaded a plugin; create a new host');
    const dir = path.resolve(pluginDir);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`plugin folder not found: ${pluginDir}`);
    const jsonFile = path.join(dir, 'plugin.json');
    if (!fs.existsSync(jsonFile)) throw new Error(`no plugin.json in ${pluginDir}`);
    let pj;
    try {
      pj = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    } catch (e) {
      throw new Error(`${jsonFile} is not valid JSON (${e.message})`);
    }
    if (!pj || typeof pj !== 'object' || Array.isArray(pj)) throw new Error(`${jsonFile} must hold a JSON object`);
    if (typeof pj.main !== 'string' || pj.main === '') throw new Error(`${jsonFile}: "main" must name the plugin's main JS file (e.g. "index.js")`);
    host.pluginJson = pj;
    storage.load();
    const loader = createLoader({ root: dir, realm });
    root = loader.root;
    host.root = root;
    host.exports = loader.loadMain(pj.main);
    // The scenario's events, `at` ms from now on the host's clock; settle() waits for them.
    for (const e of sc.events || []) {
      schedule(`scenario event ${e.emit} at ${e.at} ms`, () => emitEvent(e.emit, e.payload, { at: e.at }), e.at);
    }
    return host.exports;
  };

  /** Waits until no timers, callbacks or instantiations are pending; rejects after `timeout` ms naming them. */
  host.settle = async function settle({ timeout = settleTimeout } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      await new Promise((r) => setImmediate(r)); // lets microtasks and due callbacks run
      if (pending.size === 0) {
        await new Promise((r) => setImmediate(r));
        if (pending.size === 0) return;
      }
      if (Date.now() >= deadline) {
        throw new Error(`settle: still pending after ${timeout} ms: ${host.pending().join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  };

  /**
   * What the host still holds for the plugin, as counts: callbacks of
   * async/task calls not yet delivered, tasks in flight or queued, on*
   * listeners (on wx and on live objects), plugin timers not fired or cleared.
   */
  host.held = () => {
    let listeners = 0;
    for (const list of host.listeners.values()) listeners += list.length;
    for (const map of heldObjects) for (const list of map.values()) listeners += list.length;
    return { callbacks: heldCallbacks, tasks: heldTasks.size, listeners, timers: timers.size };
  };

  /** Pending work, as labels. */
  host.pending = () => [...pending.values()].map((p) => p.label);

  /** Clears the plugin's timers so the process can exit, and removes its files unless `filesDir` keeps them. */
  host.dispose = function dispose() {
    const pendingDisposers = [...disposers];
    disposers.clear();
    for (const fn of pendingDisposers) { try { fn(); } catch { /* disposing anyway */ } }
    for (const id of [...timers.keys()]) clearTimer(id);
    clock.dispose();
    files.dispose();
  };

  /**
   * Calls the plugin's export `name` with `args` (host data, handed over
   * through the membrane); returns its result imported into the host (a
   * plugin promise becomes a host promise). Throws what the export throws.
   */
  host.callExport = function callExport(name, args = []) {
    const { exportValue, importValue } = realm.membrane;
    const exports = host.exports;
    const fn = exports[name];
    if (typeof fn !== 'function') throw new TypeError(`the plugin has no exported function "${name}"`);
    return importValue(Reflect.apply(fn, exports, args.map((a) => exportValue(a))));
  };

  /** Evaluates code in the plugin realm (for tests and debugging). */
  host.evaluate = (code) => realm.evaluate(code);

  host.printTrace = () => formatTrace(host.trace);

  return host;
}

/**
 * "Name: message" for errors from any realm, String() for other thrown
 * values. A plugin value's getters or toString run plugin code, which may
 * throw: that must not crash the host.
 */
function errorText(e) {
  try {
    return e && typeof e === 'object' && 'message' in e ? `${e.name || 'Error'}: ${e.message}` : String(e);
  } catch {
    return 'a thrown value wx-host cannot describe (its name, message or toString threw)';
  }
}

function short(json, max = 300) {
  return json.length > max ? `${json.slice(0, max)}…` : json;
}

/** The readable text form of a trace. */
function formatTrace(trace) {
  if (trace.length === 0) return '(no wx calls)';
  return trace.map((r) => {
    const args = r.args.map((a) => short(JSON.stringify(a) ?? 'undefined', 200)).join(', ');
    let tail = r.outcome;
    if ('result' in r) tail += ` ${short(JSON.stringify(r.result))}`;
    if ('errMsg' in r) tail += ` ${JSON.stringify(r.errMsg)}`;
    if (r.fault) tail += ` (fault: ${r.fault})`;
    return `#${r.seq} ${r.api}(${args}) -> ${tail}`;
  }).join('\n');
}

module.exports = {
  shippedAllowlist, createHost, normalizeAllowlist, formatTrace, errorText, KINDS, WXWEBASSEMBLY_SINCE };
