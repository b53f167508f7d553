'use strict';
// A plugin that tries every known way out of the vm sandbox (issue 19 §1;
// vm2's history of escapes) and reports, per route, what it reached. Shared
// by test/escape.test.js (library) and the CLI test there. Its index.js is
// sloppy on purpose: `arguments.callee.caller` and `fn.caller` exist only there.

const { ADD_WASM } = require('./kit');

const INDEX = String.raw`
const RealFunction = (function () {}).constructor;
const RealObjectProto = Object.prototype;
const OrigPromise = Promise;
const origThen = Promise.prototype.then;
const origMap = Array.prototype.map;
const routes = {};
const held = { payloads: [] };
const EXIT = typeof globalThis.__exitCode === 'number'; // the CLI run: call process.exit when reached

function safe(f) { try { return f(); } catch (e) { return undefined; } }
function looksLikeProcess(r) {
  return r !== null && typeof r === 'object' && safe(() => typeof r.exit === 'function' && typeof r.pid === 'number') === true;
}
function chainEnd(o) {
  let p = o;
  for (let i = 0; i < 100; i++) {
    const q = safe(() => Object.getPrototypeOf(p));
    if (q === null) return p;
    if (q === undefined) return undefined;
    p = q;
  }
  return undefined;
}
// Calls F('return process') and, if that gave a function, calls it: the
// classic escape. Only for the Function constructors (of either realm:
// Function, AsyncFunction, ...), not the plugin's own functions.
function tryConstructor(F, where, problems) {
  if (!/Function$/.test(safe(() => F.name))) return;
  let r;
  try { r = F('return process'); if (typeof r === 'function') r = r(); } catch (e) { r = e; }
  if (looksLikeProcess(r)) {
    problems.push(where + "('return process')() reached process");
    if (EXIT) r.exit(0);
  }
}
// Everything reachable from v (depth levels of own properties, getters
// included, and every prototype chain): each object's chain must end at the
// realm's Object.prototype, each constructor's constructor must be the
// realm's Function, and none may hand out process.
function check(v, problems, seen, depth, where) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return;
  if (seen.has(v)) return;
  seen.add(v);
  if (chainEnd(v) !== RealObjectProto) problems.push(where + ": its prototype chain does not end at the realm's Object.prototype");
  let o = v;
  for (let i = 0; o !== null && o !== undefined && i < 20; i++) {
    const at = where + '.__proto__'.repeat(i);
    const C = safe(() => o.constructor);
    if (typeof C === 'function') {
      tryConstructor(C, at + '.constructor', problems);
      const CC = safe(() => C.constructor);
      if (typeof CC === 'function') {
        tryConstructor(CC, at + '.constructor.constructor', problems);
        if (CC !== RealFunction) problems.push(at + ".constructor.constructor is not the realm's Function");
      }
    }
    o = safe(() => Object.getPrototypeOf(o));
  }
  if (depth <= 0) return;
  for (const k of safe(() => Reflect.ownKeys(v)) || []) {
    if (k === 'caller' || k === 'callee' || k === 'arguments') continue;
    const d = safe(() => Reflect.getOwnPropertyDescriptor(v, k));
    if (!d) continue;
    const name = where + '.' + String(k);
    check(d.value, problems, seen, depth - 1, name);
    check(d.get, problems, seen, depth - 1, name + ' (getter)');
    check(d.set, problems, seen, depth - 1, name + ' (setter)');
    if (d.get) check(safe(() => v[k]), problems, seen, depth - 1, name);
  }
}
function route(name, values, depth = 2) {
  const problems = routes[name] || (routes[name] = []);
  const seen = new Set();
  values.forEach((v, i) => check(v, problems, seen, depth, name + '[' + i + ']'));
}
const later = (start) => new OrigPromise(start);

// Frames of the stack inside a callback the host called: no frame may give
// a host function or a host this.
function frames(name) {
  const prev = Error.prepareStackTrace;
  Error.prepareStackTrace = (e, cs) => cs;
  const cs = new Error('probe').stack;
  Error.prepareStackTrace = prev;
  const values = [];
  for (const c of cs) { values.push(safe(() => c.getFunction())); values.push(safe(() => c.getThis())); }
  route(name, values, 1);
}
// Sloppy on purpose: callers are visible only to sloppy functions.
function callerProbe(name) {
  return function probe() {
    route(name, [probe.caller, arguments.callee.caller, arguments.callee.caller && arguments.callee.caller.caller]);
    frames(name + ' (call sites)');
    return { then(a, b) { route(name + ' (thenable returned to the host)', [a, b]); } };
  };
}

async function tryAll() {
  // First getStorageSync call: the scenario's throw fault.
  try { wx.getStorageSync('k'); routes['sync throw (fault)'] = ['did not throw']; } catch (e) { route('sync throw (fault)', [e]); }
  try { wx.setStorageSync(); routes['sync throw (bad argument)'] = ['did not throw']; } catch (e) { route('sync throw (bad argument)', [e]); }

  route('global object', [globalThis.constructor, Object.getPrototypeOf(globalThis)]);
  route('wx and its functions', [wx]);
  const showToastCtor = Reflect.get(Reflect.get(wx, 'showToast'), 'constructor');
  let viaReflect;
  try { viaReflect = Reflect.apply(showToastCtor, undefined, ['return process']); } catch (e) { viaReflect = e; }
  routes['Reflect.get(Reflect.get(wx, "showToast"), "constructor")'] = viaReflect instanceof EvalError ? [] : ['gave ' + (typeof viaReflect) + ', not a realm EvalError'];
  if (typeof viaReflect === 'function' && EXIT) { const p = safe(viaReflect); if (looksLikeProcess(p)) p.exit(0); }
  route('Reflect.getPrototypeOf chains', [Reflect.getPrototypeOf(wx.showToast), Reflect.getPrototypeOf(wx)]);

  route('sync result', [wx.getSystemInfoSync()]);
  const fsm = wx.getFileSystemManager();
  route('factory object and its methods', [fsm]);
  fsm.writeFileSync(wx.env.USER_DATA_PATH + '/a.txt', 'hello', 'utf8');
  route('sync result with methods (Stats)', [fsm.statSync(wx.env.USER_DATA_PATH + '/a.txt')]);
  try { fsm.readFileSync(wx.env.USER_DATA_PATH + '/none.txt'); routes['sync throw (FileSystemManager)'] = ['did not throw']; } catch (e) { route('sync throw (FileSystemManager)', [e]); }

  const task = wx.request({ url: 'https://example.invalid/x', fail: callerProbe('task fail callback') });
  route('task object and its methods', [task]);
  task.onHeadersReceived(callerProbe('task listener'));

  const ok = await later((resolve) => wx.getSystemInfo({ success: (res) => route('async success result', [res]), complete: (res) => { route('async complete result', [res]); resolve(); } }));
  await later((resolve) => wx.getStorage({ key: 'absent', fail: (res) => route('async fail result', [res]), complete: resolve }));
  await later((resolve) => wx.getSystemInfo({ success: callerProbe('async success callback'), complete: resolve }));

  const p = wx.getSystemInfo();
  route('promise', [p]);
  route('promise result', [await p]);
  const rejected = wx.getStorage({ key: 'absent' });
  route('rejected promise', [rejected]);
  route('promise rejection value', [await rejected.catch((e) => e)]);

  route('console', [console]);
  route('timers', [setTimeout, setInterval, clearTimeout, clearInterval]);
  setTimeout(callerProbe('timer callback'), 0);
  await later((resolve) => setTimeout(resolve, 5));
  try { setTimeout('not a function'); routes['host error (setTimeout)'] = ['did not throw']; } catch (e) { route('host error (setTimeout)', [e]); }

  route('require and module', [require, module, exports, require('./other.js')]);
  try { require('fs'); routes['host error (require)'] = ['did not throw']; } catch (e) { route('host error (require)', [e]); }

  route('WXWebAssembly', [WXWebAssembly]);
  const made = await WXWebAssembly.instantiate('/add.wasm', {});
  route('WXWebAssembly.instantiate result', [made, made.instance.exports.add]);
  route('WXWebAssembly.instantiate failure', [await WXWebAssembly.instantiate('relative.wasm', {}).catch((e) => e)]);

  wx.onNetworkStatusChange(callerProbe('event listener'));
  wx.onNetworkStatusChange((payload) => { held.payloads.push(payload); });

  // A plugin that patches intrinsics before calling wx sees whatever the host
  // hands them (vm2's escapes through map, then, Object.prototype, species).
  const captured = [];
  const spied = [];
  const Spy = function Spy(...args) { captured.push(...args); const r = []; spied.push(r); return r; };
  const PSpy = function PSpy(exec) { captured.push(exec); return new OrigPromise((a, b) => { captured.push(a, b); exec(a, b); }); };
  const KEYS = ['then', 'success', 'fail', 'complete', 'errMsg', 'data', 'key', 'exports', 'instance', 'toJSON'];
  Array.prototype.map = function (...args) { captured.push(this, ...args); return origMap.apply(this, args); };
  Promise.prototype.then = function (...args) { captured.push(this, ...args); return origThen.apply(this, args); };
  for (const k of KEYS) {
    Object.defineProperty(Object.prototype, k, {
      configurable: true,
      get() { captured.push(this); return undefined; },
      set(v) { captured.push(this, v); Object.defineProperty(this, k, { value: v, writable: true, enumerable: true, configurable: true }); },
    });
  }
  Object.defineProperty(Array, Symbol.species, { configurable: true, get() { return Spy; } });
  Object.defineProperty(Promise, Symbol.species, { configurable: true, get() { return PSpy; } });
  try {
    const arr = [{ a: 1 }, [2]];
    arr.constructor = { [Symbol.species]: Spy };
    wx.setStorageSync('arr', arr);
    captured.push(wx.getStorageSync('arr'));
    wx.showToast({ title: 'x', success: (r) => captured.push(r) });
    await later((resolve) => wx.getStorage({ key: 'arr', success: (r) => captured.push(r), complete: resolve }));
    captured.push(await wx.getSystemInfo());
    const sp = wx.getSystemInfo();
    sp.then((v) => captured.push(v));
    await sp;
  } finally {
    for (const k of KEYS) delete Object.prototype[k];
    delete Array[Symbol.species];
    delete Promise[Symbol.species];
    Array.prototype.map = origMap;
    Promise.prototype.then = origThen;
  }
  route('intrinsics patched by the plugin', [captured, spied], 3);

  // A proxy as options: its traps see only what the host asks (keys), never a host value.
  const trapped = [];
  const handler = {};
  for (const trap of ['get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'deleteProperty', 'getPrototypeOf', 'apply']) {
    handler[trap] = (...args) => { trapped.push(...args); return Reflect[trap](...args); };
  }
  await later((resolve) => wx.getStorage(new Proxy({ key: 'arr', success: (r) => trapped.push(r), complete: resolve }, handler)));
  wx.showToast(new Proxy({ title: 'p' }, handler));
  route('proxy as options (traps)', [trapped], 3);
  // A class instance as options: its prototype's methods are the callbacks.
  await later((resolve) => wx.getStorage(new (class Options {
    constructor() { this.key = 'arr'; }
    success(res) { route('class instance as options', [res, this]); }
    complete() { resolve(); }
  })()));

  // A stack overflow while the host runs: what the plugin catches is a realm error.
  let overflow = null;
  (function deep() { try { wx.getStorageSync('k'); deep(); } catch (e) { if (!overflow) overflow = e; } })();
  route('stack overflow inside a host call', [overflow]);
  return Object.keys(routes).length;
}

// After the host emitted onNetworkStatusChange: the payload, and the listener's callers.
function afterEvent() {
  route('event payload', held.payloads);
  return routes;
}

// What the CLI's --call hands an export: realm data only.
function probeArgs(...args) {
  const problems = [];
  args.forEach((a, i) => check(a, problems, new Set(), 3, 'argument ' + i));
  return problems;
}

module.exports = { tryAll, afterEvent, probeArgs, routes: () => routes };
`;

const FILES = {
  'index.js': INDEX,
  'other.js': 'module.exports = { other: true };',
  'add.wasm': ADD_WASM,
};

/** The routes tryAll() and afterEvent() report, each with no problem when the sandbox holds. */
const ROUTES = [
  'sync throw (fault)', 'sync throw (bad argument)', 'global object', 'wx and its functions',
  'Reflect.get(Reflect.get(wx, "showToast"), "constructor")', 'Reflect.getPrototypeOf chains',
  'sync result', 'factory object and its methods', 'sync result with methods (Stats)', 'sync throw (FileSystemManager)',
  'task object and its methods', 'async success result', 'async complete result', 'async fail result',
  'async success callback', 'async success callback (call sites)', 'async success callback (thenable returned to the host)',
  'task fail callback', 'task fail callback (call sites)', 'task fail callback (thenable returned to the host)',
  'promise', 'promise result', 'rejected promise', 'promise rejection value',
  'console', 'timers', 'timer callback', 'timer callback (call sites)', 'timer callback (thenable returned to the host)', 'host error (setTimeout)',
  'require and module', 'host error (require)',
  'WXWebAssembly', 'WXWebAssembly.instantiate result', 'WXWebAssembly.instantiate failure',
  'intrinsics patched by the plugin', 'proxy as options (traps)', 'class instance as options', 'stack overflow inside a host call',
  'event listener', 'event listener (call sites)', 'event listener (thenable returned to the host)', 'event payload',
];

/** The scenario the routes expect: getStorageSync's first call throws. */
const SCENARIO = { faults: [{ api: 'getStorageSync', call: 1, fault: 'throw', message: 'storage exploded' }] };

module.exports = { FILES, ROUTES, SCENARIO };
