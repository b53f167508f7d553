'use strict';
// The plugin's JS realm: one vm context shaped like WeChat's plugin
// environment. Values handed to plugin code are built with this realm's own
// constructors so `instanceof ArrayBuffer` / `instanceof Error` hold inside
// the plugin, as they would on a phone.

const vm = require('node:vm');
const { types } = require('node:util');

function createRealm() {
  // WeChat runs no code from strings: eval and new Function throw
  // (EvalError), except new Function('return this'), patched back below.
  const context = vm.createContext({}, { name: 'wx-plugin', codeGeneration: { strings: false, wasm: true } });

  // Captured before they are hidden, so plugin code that patches globals
  // cannot break the host. The realm's own WebAssembly is kept here for
  // WXWebAssembly, so instances and exports belong to the plugin's realm.
  const intr = vm.runInContext(`(() => {
    const parse = JSON.parse;
    const wasm = WebAssembly;
    return {
      instantiate: (bytes, imports) => wasm.instantiate(bytes, imports),
      object: () => ({}),
      array: () => [],
      error: (m) => new Error(m),
      typeError: (m) => new TypeError(m),
      promise: (executor) => new Promise(executor),
      parse: (s) => parse(s),
      ArrayBuffer, Uint8Array,
    };
  })()`, context);

  // V8 gives every context a WebAssembly global (and a console); WeChat has
  // no WebAssembly, and the host installs its own console.
  vm.runInContext(`
    delete globalThis.WebAssembly;
    delete globalThis.console;
    (() => {
      const RealFunction = Function;
      const global = globalThis;
      const Function_ = function Function(...args) {
        if (args.length === 1 && String(args[0]).trim() === 'return this') return function () { return global; };
        return RealFunction(...args); // EvalError: code generation from strings disallowed
      };
      Function_.prototype = RealFunction.prototype; // instanceof Function still holds
      Object.defineProperty(global, 'Function', { value: Function_, writable: true, configurable: true });
    })();`, context);

  /** Deep-copies plain host data into the realm (functions and realm objects pass as they are). */
  function toRealm(v) {
    if (v === null || typeof v !== 'object') return v;
    if (types.isArrayBuffer(v)) {
      if (v instanceof intr.ArrayBuffer) return v;
      const ab = new intr.ArrayBuffer(v.byteLength);
      new intr.Uint8Array(ab).set(new Uint8Array(v));
      return ab;
    }
    if (Array.isArray(v)) {
      if (!(v instanceof Array)) return v; // already a realm array
      const a = intr.array();
      for (const x of v) a.push(toRealm(x));
      return a;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype) return v;
    const o = intr.object();
    for (const k of Object.keys(v)) o[k] = toRealm(v[k]);
    return o;
  }

  /**
   * Makes the realm's Date read its time from `now()` (ms since the epoch):
   * Date.now() and new Date() with no arguments; every other use of Date is
   * the realm's own (the virtual clock, src/clock.js).
   */
  function setNow(now) {
    vm.runInContext(`(function (now) {
      const RealDate = Date;
      const ClockDate = function Date(...args) {
        if (!new.target) return new RealDate(now()).toString();
        return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
      };
      ClockDate.prototype = RealDate.prototype; // instanceof Date still holds
      ClockDate.now = function now_() { return now(); };
      ClockDate.parse = RealDate.parse;
      ClockDate.UTC = RealDate.UTC;
      Object.defineProperty(globalThis, 'Date', { value: ClockDate, writable: true, configurable: true });
    })`, context)(now);
  }

  return {
    context,
    ...intr,
    toRealm,
    setNow,
    /** Evaluates source in the realm (tests and debugging). */
    evaluate: (code, filename = 'wx-host-eval.js') => vm.runInContext(code, context, { filename }),
  };
}

module.exports = { createRealm };
