'use strict';
// A test bed for plugin components in WeChat's own component test tools:
// miniprogram-simulate + j-component render the component folder, WeChat's
// Linux `wcc` (miniprogram-compiler, `compiler: 'official'`) compiles its
// WXML, jsdom stands in for the page. What the component reaches besides
// them is made to look like a phone running the plugin at a chosen base
// library: `wx` and `WXWebAssembly` are wx-host's (only the allowlisted APIs
// of that base exist, every call is traced), and the Node globals WeChat
// lacks (TextEncoder, TextDecoder, WebAssembly, Buffer, ...) are taken away
// while the component lives.
//
//   const { loadComponent } = require('./harness');
//   const c = loadComponent('path/to/plugin/components/counter', { base: '2.18.1', props: { step: 2 } });
//   try {
//     await c.tap('.add');
//     c.setDataCalls;  // [{ component: 'components/counter/counter', data: { count: 2 } }]
//     c.events;        // [{ component: ..., name: 'change', detail: { count: 2 }, options: {} }]
//   } finally { c.dispose(); }
//
// One component (with the components it uses) is live at a time: the globals
// it needs are process-wide. README.md next to this file says what the bed
// covers and what it leaves untested.

const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const ROOT = path.resolve(__dirname, '..', '..');
const WX_HOST = path.join(ROOT, 'wx-host', 'src');
const { createHost, compareVersions, isValidVersion, WXWEBASSEMBLY_SINCE } = require(WX_HOST);

// Taken before any session removes them from the global object: the harness
// itself keeps using them.
const realSetTimeout = setTimeout;
const realStructuredClone = structuredClone;

const INSTALL = 'run `bash scripts/setup.sh` (or `npm ci`) at the workspace root: package.json pins them as devDependencies';

/**
 * What is missing for the bed to run, as one message saying how to install
 * it, or null. `from`: the folder to resolve the npm packages from.
 */
function toolsProblem(from = __dirname) {
  const missing = [];
  const found = {};
  for (const name of ['miniprogram-simulate', 'j-component', 'miniprogram-compiler', 'jsdom']) {
    try {
      found[name] = require.resolve(`${name}/package.json`, { paths: [from] });
    } catch {
      missing.push(name);
    }
  }
  if (missing.length) return `the component test bed needs the npm packages ${missing.join(', ')}, not installed; ${INSTALL}`;
  if (process.platform !== 'linux') {
    return `the component test bed runs WeChat's Linux wcc (miniprogram-compiler); this is ${process.platform}`;
  }
  const wcc = path.join(path.dirname(found['miniprogram-compiler']), 'bin', 'linux', 'wcc');
  if (!fs.existsSync(wcc)) return `WeChat's WXML compiler is not at ${wcc}; ${INSTALL}`;
  try {
    fs.accessSync(wcc, fs.constants.X_OK);
  } catch {
    return `WeChat's WXML compiler ${wcc} is not executable (the npm tarball ships it without the x bit); run \`chmod +x ${wcc}\` or \`bash scripts/setup.sh\`, which does it`;
  }
  return null;
}

// The tools, loaded once per process on first use (simulate's require
// installs its own `Component`, `Behavior` and `wx` globals; the harness
// swaps `wx` for the host's while a component is live).
let tools = null;
function loadTools() {
  if (tools) return tools;
  const problem = toolsProblem();
  if (problem) throw new Error(problem);
  const { JSDOM } = require('jsdom');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  // exparser picks its DOM backend and simulate sets `Touch` on `window` when
  // they are first required: the page must be there then.
  const restore = swapGlobals(domGlobals(dom.window), []);
  let simulate;
  let exparser;
  try {
    simulate = require('miniprogram-simulate');
    exparser = require(require.resolve('miniprogram-exparser', { paths: [path.dirname(require.resolve('j-component'))] }));
  } finally {
    restore();
  }
  const g = globalThis;
  // The Component and Behavior constructors simulate put on the global object.
  const constructors = { Component: g.Component, Behavior: g.Behavior };
  delete g.Component;
  delete g.Behavior;
  delete g.wx; // simulate's mock wx: never the one a component sees here
  tools = { simulate, exparser, window: dom.window, constructors };
  return tools;
}

// What the plugin's code must not find, because a phone's plugin realm
// lacks it. wx-host's realm (a fresh vm context) has none of Node's own
// globals; the names below are those of Node 20's global object a vm
// context lacks, plus `global` and the page j-component renders into.
// wx-host itself, jsdom and j-component run in this realm and use some of
// them (wx-host: Buffer, URL, setImmediate, fetch, ...), so they stay on the
// global object and each plugin file is compiled inside a scope where these
// names are `undefined` (`typeof TextEncoder === 'undefined'`, and
// `new TextEncoder()` throws a TypeError). `globalThis.X` still reaches
// what is on the global object: see GLOBALS_REMOVED.
const HIDDEN_FROM_PLUGIN = [
  'process', 'global', 'Buffer', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone',
  'TextEncoder', 'TextDecoder', 'TextEncoderStream', 'TextDecoderStream', 'WebAssembly',
  'URL', 'URLSearchParams', 'DOMException', 'AbortController', 'AbortSignal', 'Event', 'EventTarget', 'CustomEvent',
  'atob', 'btoa', 'fetch', 'FormData', 'Headers', 'Request', 'Response', 'Blob', 'File',
  'BroadcastChannel', 'MessageChannel', 'MessagePort', 'MessageEvent',
  'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
  'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController',
  'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController',
  'ByteLengthQueuingStrategy', 'CountQueuingStrategy', 'CompressionStream', 'DecompressionStream',
  'performance', 'Performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver',
  'PerformanceObserverEntryList', 'PerformanceResourceTiming', 'crypto', 'Crypto', 'CryptoKey', 'SubtleCrypto',
  // The page: j-component needs it as globals; a plugin has no DOM.
  'window', 'document', 'TouchEvent', 'Touch', 'Element', 'HTMLElement', 'Node', 'requestAnimationFrame',
];
// Taken off the global object itself for the session: nothing the bed runs
// needs them then, and a glue that looks for them through `globalThis`
// (wasm-bindgen's does, for TextDecoder; wasm-bindgen-futures' for
// queueMicrotask, then calls the bare name) must not find them either.
const GLOBALS_REMOVED = ['TextEncoder', 'TextDecoder', 'TextEncoderStream', 'TextDecoderStream', 'WebAssembly', 'queueMicrotask'];

// The DOM names j-component and simulate use as bare globals, set to jsdom's
// for the session (Node's own Event and CustomEvent would not reach jsdom's nodes).
const DOM_GLOBALS = ['window', 'document', 'Event', 'CustomEvent', 'TouchEvent', 'Touch', 'Element', 'HTMLElement', 'Node', 'requestAnimationFrame'];
const domGlobals = (w) => Object.fromEntries(DOM_GLOBALS.map((n) => [n, n === 'window' ? w : w[n]]).filter(([, v]) => v !== undefined));

// A plugin file's source, compiled in a scope where HIDDEN_FROM_PLUGIN are
// undefined. The file's own body stays a function body of its own, so its
// "use strict" prologue and its own top-level declarations of these names
// (a polyfill's `const TextEncoder = ...`) work as written; line numbers are
// kept (the wrapper sits on the first line).
function hideGlobals(source) {
  return `(function (${HIDDEN_FROM_PLUGIN.join(', ')}) { return (function () {${source}\n}).call(this); }).call(this);`;
}

let live = null; // the session whose globals are installed

// wcc's compiled templates (simulate compiles each plugin root once per
// process) keep their expression tables and wxs modules in the global
// `__WXML_GLOBAL__`, keyed by a number that starts at 1 in every root: two
// roots sharing them would render each other's templates. Those fields are
// kept per root and swapped in for the session; the rest of the object
// (`wxs_nf_init`: wxs's non-configurable helpers, defined once per process)
// stays shared.
const WXML_PER_ROOT = ['ops_cached', 'ops_set', 'ops_init', 'modules'];
const wxmlTables = new Map();
function swapWxmlTables(root) {
  const shared = globalThis.__WXML_GLOBAL__ || (globalThis.__WXML_GLOBAL__ = {});
  if (!wxmlTables.has(root)) wxmlTables.set(root, {});
  const mine = wxmlTables.get(root);
  const put = (from) => {
    for (const k of WXML_PER_ROOT) {
      if (from[k] === undefined) delete shared[k]; else shared[k] = from[k];
    }
  };
  const saved = Object.fromEntries(WXML_PER_ROOT.map((k) => [k, shared[k]]));
  put(mine);
  return function restore() {
    for (const k of WXML_PER_ROOT) mine[k] = shared[k];
    put(saved);
  };
}

/** Swaps global names for the session; restore() puts every one back as it was. */
function swapGlobals(values, removed) {
  const g = globalThis;
  const saved = [];
  const keep = (name) => saved.push([name, Object.getOwnPropertyDescriptor(g, name)]);
  for (const [name, value] of Object.entries(values)) {
    keep(name);
    Object.defineProperty(g, name, { value, writable: true, enumerable: false, configurable: true });
  }
  for (const name of removed) {
    if (!(name in g) || name in values) continue;
    keep(name);
    delete g[name];
  }
  return function restore() {
    for (const [name, desc] of saved.reverse()) {
      if (desc) Object.defineProperty(g, name, desc); else delete g[name];
    }
  };
}

/** The folder holding plugin.json at or above `dir`, or null. */
function findPluginRoot(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'plugin.json'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** wx-pack's description of the folder (its mode and base), in the root or in the one folder below it that has one. */
function readWxPackJson(root) {
  const candidates = [path.join(root, 'wx-pack.json')];
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    if (e.isDirectory()) candidates.push(path.join(root, e.name, 'wx-pack.json'));
  }
  const found = candidates.filter((f) => fs.existsSync(f));
  if (found.length !== 1) return null;
  return JSON.parse(fs.readFileSync(found[0], 'utf8'));
}

const isInside = (root, p) => p === root || p.startsWith(root + path.sep);

/**
 * Loads, renders and attaches the component in `componentDir`
 * (`<plugin>/components/<name>`, holding `<name>.{js,json,wxml,wxss}`) and
 * returns a session:
 *
 * - `component`: the j-component root (`querySelector`, `toJSON`,
 *   `dispatchEvent`, `setData`, `triggerLifeTime`, `instance`, `data`, `dom`);
 * - `host`: the wx-host host whose `wx` the component sees (`trace`, `ui`,
 *   `storage`, `printTrace()`, ...); `wx` and `WXWebAssembly` themselves;
 * - `setDataCalls`: every `this.setData(payload)` of the plugin's components, in order,
 *   as `{ component, data }` (`component`: the path from the plugin root);
 * - `events`: every `this.triggerEvent(name, detail, options)`, as `{ component, name, detail, options }`;
 * - `errors`: what the components threw (in lifetimes, handlers, observers), as Errors;
 * - `tap(selector)`, `dispatch(selector, name, options)`: an event on a node, then settle();
 * - `settle()`: a macrotask, the host's work (wx callbacks, WXWebAssembly), a macrotask;
 *   the component's own timers are Node's and not waited for;
 * - `json()`: `component.toJSON()`; `text(selector)`: a node's text;
 * - `dispose()`: detaches the component and restores every global.
 *
 * Options:
 * - `base`: the base library (default: `base` of the folder's wx-pack.json, else wx-host's baseline);
 * - `mode`: `'js'`, `'wasm'` or `'wasm2js'` (default: wx-pack.json's `mode`, else `'js'`);
 *   `'wasm'` below the base where plugins get WXWebAssembly is an error;
 * - `wxHost`: options for wx-host's `createHost` (`scenario`, `missing`, `modal`,
 *   `storageFile`, `clock`, ...; not `baseVersion`, which `base` gives), or a host made by `createHost`,
 *   fresh or `host.mount()`ed on this plugin (the caller disposes it);
 * - `pluginRoot`: the plugin's folder (default: the nearest folder above holding plugin.json);
 * - `props`: the properties to render with; `tagName`: the root's tag (default `main`);
 * - `settleTimeout`: ms settle() waits before failing (default 5000).
 */
function loadComponent(componentDir, options = {}) {
  if (live) throw new Error(`a component (${live.name}) is still loaded: dispose() it first; the bed's globals are process-wide`);
  const t = loadTools();
  const dir = path.resolve(componentDir);
  const name = path.basename(dir);
  const main = path.join(dir, name);
  for (const ext of ['.js', '.json', '.wxml']) {
    if (!fs.existsSync(main + ext)) throw new Error(`${main}${ext} not found: a component folder holds <name>.js, <name>.json, <name>.wxml (and <name>.wxss) named after the folder`);
  }
  const root = options.pluginRoot ? path.resolve(options.pluginRoot) : findPluginRoot(dir);
  if (!root) throw new Error(`no plugin.json at or above ${dir}; pass { pluginRoot }`);
  if (!isInside(root, dir)) throw new Error(`${dir} is not inside the plugin folder ${root}`);
  const packed = readWxPackJson(root);
  const mode = options.mode ?? packed?.mode ?? 'js';
  if (!['js', 'wasm', 'wasm2js'].includes(mode)) throw new Error(`mode must be 'js', 'wasm' or 'wasm2js', not ${JSON.stringify(mode)}`);

  let host;
  let ownHost = false;
  if (options.wxHost && typeof options.wxHost.evaluate === 'function') {
    host = options.wxHost;
    if (options.base && options.base !== host.baseVersion) throw new Error(`base ${options.base} differs from the given host's ${host.baseVersion}`);
  } else {
    const hostOptions = { ...(options.wxHost || {}) };
    if ('baseVersion' in hostOptions) throw new Error('give the base library as { base }, not wxHost.baseVersion');
    const base = options.base ?? packed?.base;
    if (base !== undefined) {
      if (!isValidVersion(base)) throw new Error(`base ${JSON.stringify(base)} is not a version like "2.18.1"`);
      hostOptions.baseVersion = base;
    }
    host = createHost(hostOptions);
    ownHost = true;
  }
  const base = host.baseVersion;
  const hasWasm = compareVersions(base, WXWEBASSEMBLY_SINCE) >= 0;
  if (mode === 'wasm' && !hasWasm) {
    if (ownHost) host.dispose();
    throw new Error(`mode 'wasm' needs base ${WXWEBASSEMBLY_SINCE} or later (plugins get WXWebAssembly there); base is ${base}: build with --base ${WXWEBASSEMBLY_SINCE} or more, or as wasm2js`);
  }

  // The folder is the host's plugin (WXWebAssembly's root, storage), but
  // none of its code runs in the host's realm: load() would run plugin.json's
  // main there, a second instance of the module the components require here.
  const realRoot = fs.realpathSync(root);
  try {
    if (!host.root) host.mount(root);
    else if (host.root !== realRoot) throw new Error(`the given host has loaded ${host.root}, not this plugin (${realRoot}); give a fresh host`);
  } catch (e) {
    if (ownHost) host.dispose();
    throw e;
  }
  // wx and WXWebAssembly as the plugin sees them at this base: the host
  // realm's own objects (every call traced, WXWebAssembly's path rules).
  const wx = host.evaluate('wx');
  const WXWebAssembly = hasWasm ? host.evaluate('WXWebAssembly') : undefined;

  const session = {
    name: path.relative(root, main),
    component: null,
    host,
    wx,
    WXWebAssembly,
    mode,
    base,
    setDataCalls: [],
    events: [],
    errors: [],
  };

  // Every component the plugin defines in this session gets a behaviour that
  // records its setData and triggerEvent calls; behaviours' lifetimes run
  // before the component's own, so even `created` is seen.
  const { Component, Behavior } = t.constructors;
  const record = (target, entry) => target.push(entry);
  // True while the test sets data as the page would (component.setData): not the component's own.
  let fromPage = false;
  const copy = (v) => {
    try { return realStructuredClone(v); } catch { return v; }
  };
  const recorderFor = (component) => Behavior({
    lifetimes: {
      created() {
        const self = this;
        const setData = self.setData;
        const triggerEvent = self.triggerEvent;
        self.setData = function recordedSetData(data, callback) {
          if (!fromPage) record(session.setDataCalls, { component, data: copy(data) });
          return setData.call(this, data, callback);
        };
        self.triggerEvent = function recordedTriggerEvent(eventName, detail, opts) {
          record(session.events, { component, name: eventName, detail: copy(detail), options: copy(opts ?? {}) });
          return triggerEvent.call(this, eventName, detail, opts);
        };
      },
    },
  });
  const wrappedComponent = (definition) => {
    const file = callerFile();
    const component = file ? path.relative(root, file).replace(/\.js$/, '').split(path.sep).join('/') : '?';
    const behaviors = [recorderFor(component), ...(definition && definition.behaviors ? definition.behaviors : [])];
    return Component({ ...definition, behaviors });
  };

  // The plugin's files are required by Node here (simulate's loader); hold
  // them to WeChat's rules as wx-host's loader does: relative paths to files
  // inside the plugin folder, no node modules.
  const realRequire = Module.prototype.require;
  const cachedBefore = new Set(Object.keys(require.cache));
  Module.prototype.require = function pluginRequire(spec) {
    const from = this.filename;
    if (typeof from === 'string' && isInside(root, from)) {
      const shown = `require(${JSON.stringify(spec)}) in ${path.relative(root, from)}`;
      if (typeof spec !== 'string' || !(spec.startsWith('./') || spec.startsWith('../'))) {
        throw new Error(`${shown}: only relative paths to files inside the plugin folder are allowed; a WeChat plugin has no node modules`);
      }
      if (!isInside(root, path.resolve(path.dirname(from), spec))) throw new Error(`${shown}: the path escapes the plugin folder`);
    }
    return realRequire.call(this, spec);
  };
  const realCompile = Module.prototype._compile;
  Module.prototype._compile = function pluginCompile(content, filename) {
    return realCompile.call(this, isInside(root, filename) ? hideGlobals(content) : content, filename);
  };

  const onError = (err) => {
    session.errors.push(err instanceof Error ? err : new Error(String(err)));
    return false; // handled: exparser then does not print it too
  };
  t.exparser.addGlobalErrorListener(onError);

  const w = t.window;
  const restoreWxml = swapWxmlTables(realRoot);
  const restoreGlobals = swapGlobals({
    wx,
    ...(WXWebAssembly ? { WXWebAssembly } : {}),
    Component: wrappedComponent,
    Behavior,
    ...domGlobals(w),
  }, [...GLOBALS_REMOVED, ...(WXWebAssembly ? [] : ['WXWebAssembly'])]);
  live = session;

  let parent = null;
  let disposed = false;
  session.dispose = function dispose() {
    if (disposed) return;
    disposed = true;
    try {
      if (session.component) session.component.detach();
    } finally {
      if (parent) parent.remove();
      t.exparser.removeGlobalErrorListener(onError);
      Module.prototype.require = realRequire;
      Module.prototype._compile = realCompile;
      // The plugin's modules go with the session (a module-level wasm
      // instance or state must not leak into the next test).
      for (const key of Object.keys(require.cache)) {
        if (!cachedBefore.has(key) && isInside(root, key)) delete require.cache[key];
      }
      restoreGlobals();
      restoreWxml();
      live = null;
      if (ownHost) host.dispose();
    }
  };

  try {
    const id = t.simulate.load(main, options.tagName || 'main', { compiler: 'official', rootPath: root });
    session.component = t.simulate.render(id, options.props);
    const pageSetData = session.component.setData;
    session.component.setData = function setDataAsThePage(data, callback) {
      fromPage = true;
      try {
        return pageSetData.call(this, data, callback);
      } finally {
        fromPage = false;
      }
    };
    parent = w.document.createElement('parent-wrapper');
    w.document.body.appendChild(parent);
    session.component.attach(parent);
  } catch (e) {
    session.dispose();
    throw e;
  }

  const timeout = options.settleTimeout ?? 5000;
  session.settle = async function settle() {
    // A macrotask first: j-component dispatches events a microtask later and
    // the component's handlers may start wx work; then the host's own wait.
    await new Promise((r) => realSetTimeout(r, 0));
    await host.settle({ timeout });
    await new Promise((r) => realSetTimeout(r, 0));
  };
  session.node = function node(selector) {
    const found = session.component.querySelector(selector);
    if (!found) throw new Error(`no node matches ${JSON.stringify(selector)} in ${session.name}`);
    return found;
  };
  session.dispatch = async function dispatch(selector, eventName, eventOptions) {
    session.node(selector).dispatchEvent(eventName, eventOptions);
    await session.settle();
  };
  session.tap = (selector) => session.dispatch(selector, 'tap');
  session.text = (selector) => session.node(selector).dom.textContent;
  session.json = () => session.component.toJSON();
  return session;
}

// The file whose top level is calling Component(): simulate requires one
// component file at a time, so it is the innermost plugin file on the stack.
function callerFile() {
  const saved = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_, frames) => frames;
    const frames = new Error().stack;
    for (const f of frames) {
      const file = f.getFileName();
      if (file && file !== __filename && !file.includes(`${path.sep}node_modules${path.sep}`) && !file.startsWith('node:')) return file;
    }
    return null;
  } finally {
    Error.prepareStackTrace = saved;
  }
}

module.exports = { loadComponent, toolsProblem, HIDDEN_FROM_PLUGIN, GLOBALS_REMOVED };
