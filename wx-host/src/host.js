'use strict';
// createHost(): a simulated WeChat plugin host. It owns the plugin's realm,
// the `wx` object built from the allowlist, the trace of every wx call, the
// plugin's console, and the bookkeeping of pending timers and callbacks.
// Each of those is a module of src/host/; this file puts them together.

const fs = require('node:fs');
const { compareVersions } = require('./version');
const { createRealm } = require('./realm');
const { createLoader } = require('./loader');
const { Storage } = require('./storage');
const { makeWx, checkRegistry, KINDS, EVENT_HOOKS } = require('./wx');
const { createFiles } = require('./files/sandbox');
const { makeWXWebAssembly } = require('./wxwasm');
const { validateScenario } = require('./scenario');
const { makeFaultPlan, faultKinds } = require('./faults');
const { createClock } = require('./clock');
const { shippedAllowlist, normalizeAllowlist, readOptions } = require('./host/options');
const { createTrace, formatTrace } = require('./host/trace');
const { createWork } = require('./host/work');
const { createHeld } = require('./host/held');
const { createCapture, errorText } = require('./host/capture');
const { createEvents } = require('./host/events');
const { initialUi, initialDevice, modalAnswers } = require('./host/state');
const { createEnv } = require('./host/env');
const { installConsole } = require('./host/console');
const { installTimers } = require('./host/timers');
const { readPluginFolder } = require('./host/plugin-folder');

// Plugins have WXWebAssembly from this base (platform.json).
const { WXWEBASSEMBLY_SINCE } = require('./platform');

/**
 * A simulated plugin host: a fresh realm whose `wx` holds the allowlist's
 * functions exposed at `baseVersion`, with the trace, console, errors, UI
 * and device state a test reads back. Throws on a bad allowlist, version,
 * plugin id or scenario, before any plugin code runs.
 */
function createHost(options = {}) {
  const o = readOptions(options);
  // No closure may use `o` itself: one that did would keep it, and the whole
  // allowlist with it, alive as long as the host.
  const { baseVersion, pluginId, verbose, settleTimeout, asReferencePage } = o;
  const entries = normalizeAllowlist(o.allowlist);
  checkRegistry(entries);
  // The scenario's faults are checked against the allowlist's kinds too.
  const sc = o.scenario === null ? {} : validateScenario(o.scenario, o.scenarioName, { kinds: faultKinds(entries) });
  const faults = makeFaultPlan(sc.faults || []);
  const clock = createClock(o.clock ?? sc.clock ?? 'wall');
  const skip = new Set(o.missing);
  // What this base exposes: allowed by version, minus what today's bases dropped.
  const available = entries.filter((e) => compareVersions(e.since, baseVersion) <= 0 && !skip.has(e.name)
    && (asReferencePage || !e.unsupportedToday));
  // ... minus the scenario's `missing` faults (traced below, once the trace exists).
  const exposed = available.filter((e) => !faults.missing.has(e.name));

  const realm = createRealm();
  const storage = new Storage({ file: o.storageFile, pluginId });
  let root = null; // the loaded plugin's folder

  const host = {
    baseVersion, pluginId, realm, storage, clock,
    exposed: exposed.map((e) => e.name),
    trace: [], // { seq, api, args, outcome, result | errMsg }
    console: [], // { level, text }
    errors: [], // { source, message }: plugin exceptions the host caught
    listeners: new Map(), // event name -> callbacks registered through wx.on*
    ui: initialUi(),
    device: initialDevice(sc), // what the simulated phone reports and keeps (apis/device/state.js)
    pluginJson: null,
    exports: undefined,
  };

  const trace = createTrace(host.trace);
  const work = createWork(clock);
  const held = createHeld();
  const capture = createCapture({ errors: host.errors, verbose });
  host.recordError = capture.recordError;
  let env = null;
  const events = createEvents({
    listeners: host.listeners, record: trace.record, finish: trace.finish, callPlugin: capture.callPlugin, realm, hooks: EVENT_HOOKS, getEnv: () => env,
  });
  host.emit = (event, payload) => events.emit(event, payload);

  // ---- globals of the plugin realm ----
  const files = createFiles({ dir: o.filesDir, userDataLimit: o.userDataLimit, fileSizeLimit: o.fileSizeLimit });
  host.files = files;
  const made = createEnv({
    host,
    parts: { realm, storage, files, baseVersion, modal: modalAnswers(sc, o.modal), faults, clock, networkQuietMs: o.networkQuietMs, pluginId, scenario: sc },
    trace, work, capture, held, pluginRoot: () => root, emit: events.emit,
  });
  env = made.env;
  host.state = env.state;
  // A `missing` fault takes an API the base would expose out of wx; the trace says so first.
  for (const e of available) {
    if (!faults.missing.has(e.name)) continue;
    const rec = trace.record(e.name, []);
    rec.fault = 'missing';
    trace.finish(rec, 'absent');
  }
  // Every global goes in through the membrane (src/membrane.js): the plugin
  // sees realm views and wrappers, never a host object.
  realm.install('wx', makeWx(exposed, env));
  if (compareVersions(baseVersion, WXWEBASSEMBLY_SINCE) >= 0) {
    realm.install('WXWebAssembly', makeWXWebAssembly({ realm, getRoot: () => root, track: work.track, record: trace.record, finish: trace.finish }));
  }
  installConsole(realm, host.console, verbose);
  const timers = installTimers({ realm, clock, track: work.track, callPlugin: capture.callPlugin });

  // ---- public methods ----

  // The folder becomes the plugin's: plugin.json read, storage loaded,
  // WXWebAssembly rooted there. No plugin code runs.
  function mountFolder(pluginDir) {
    if (root) throw new Error('this host has already loaded a plugin; create a new host');
    const { dir, pluginJson } = readPluginFolder(pluginDir);
    host.pluginJson = pluginJson;
    storage.load();
    root = fs.realpathSync(dir);
    host.root = root;
    return pluginJson;
  }
  // The scenario's events, `at` ms from now on the host's clock; settle() waits for them.
  function scheduleEvents() {
    for (const e of sc.events || []) {
      work.schedule(`scenario event ${e.emit} at ${e.at} ms`, () => events.emit(e.emit, e.payload, { at: e.at }), e.at);
    }
  }

  /** Loads pluginDir/plugin.json and its main module; resolves to module.exports. */
  host.load = async function load(pluginDir) {
    const pluginJson = mountFolder(pluginDir);
    const loader = createLoader({ root, realm });
    host.exports = loader.loadMain(pluginJson.main);
    scheduleEvents();
    return host.exports;
  };

  /**
   * Takes pluginDir as the plugin's folder (plugin.json, storage,
   * WXWebAssembly's root) and starts the scenario's events, without running
   * its main module: for a harness whose own loader runs the plugin's files
   * against this host's `wx` (tests/components/harness.js), where load()
   * would make a second instance of the module they share. Returns plugin.json.
   */
  host.mount = function mount(pluginDir) {
    const pluginJson = mountFolder(pluginDir);
    scheduleEvents();
    return pluginJson;
  };

  /** Waits until no timers, callbacks or instantiations are pending; rejects after `timeout` ms naming them. */
  host.settle = async function settle({ timeout = settleTimeout } = {}) {
    return work.settle(timeout);
  };

  /**
   * What the host still holds for the plugin, as counts: callbacks of
   * async/task calls not yet delivered, tasks in flight or queued, on*
   * listeners (on wx and on live objects), plugin timers not fired or cleared.
   */
  host.held = () => held.count(host.listeners, timers.count());

  /** Pending work, as labels. */
  host.pending = () => work.labels();

  /** Clears the plugin's timers so the process can exit, and removes its files unless `filesDir` keeps them. */
  host.dispose = function dispose() {
    made.dispose();
    timers.clearAll();
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

module.exports = {
  shippedAllowlist, createHost, normalizeAllowlist, formatTrace, errorText, KINDS, WXWEBASSEMBLY_SINCE };
