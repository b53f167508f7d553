'use strict';
// The plugin's JS realm: one vm context shaped like WeChat's plugin
// environment, and the membrane (src/membrane.js) every value crossing into
// or out of it goes through. Host code (src/ and its folders) builds
// plain HOST values with the helpers below; the membrane turns them into
// realm values (so `instanceof ArrayBuffer` / `instanceof Error` hold in the
// plugin, as on a phone) when they cross, and no host object ever does.

const vm = require('node:vm');
const { createMembrane } = require('./membrane');

// An ordinary global object for the context (Node >= 20.18): a contextified
// host object as the global would make `globalThis.constructor` the host's
// Object. Older Node: a null-prototype one, whose chain holds no host object.
const GLOBAL = vm.constants && vm.constants.DONT_CONTEXTIFY !== undefined ? vm.constants.DONT_CONTEXTIFY : Object.create(null);

function createRealm() {
  // WeChat runs no code from strings: eval and new Function throw
  // (EvalError), except new Function('return this'), patched back below.
  const context = vm.createContext(GLOBAL, { name: 'wx-plugin', codeGeneration: { strings: false, wasm: true } });
  const run = (code, filename) => vm.runInContext(code, context, { filename });

  // Captured before WebAssembly is hidden: WXWebAssembly compiles with the
  // realm's own WebAssembly, so instances and exports belong to the plugin.
  const realInstantiate = run(`(() => { 'use strict'; const wasm = WebAssembly; return (bytes, imports) => wasm.instantiate(bytes, imports); })()`, 'wx-host-realm.js');
  const membrane = createMembrane(context);

  // V8 gives every context a WebAssembly global (and a console); WeChat has
  // no WebAssembly, and the host installs its own console.
  run(`'use strict';
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
    })();`, 'wx-host-realm.js');

  /**
   * Makes the realm's Date read its time from `now()` (ms since the epoch):
   * Date.now() and new Date() with no arguments; every other use of Date is
   * the realm's own (the virtual clock, src/clock.js).
   */
  function setNow(now) {
    run(`(function (now) {
      'use strict';
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
    })`, 'wx-host-realm.js')(membrane.exportFunction(now));
  }

  return {
    context,
    membrane,
    // Host-side builders: what they make is a host value, converted by the
    // membrane when it crosses (a copy of data, a view of an object with methods).
    object: () => membrane.viewable({}), // tasks, managers, contexts: live views
    data: () => ({}), // plain data: copied
    array: () => [],
    error: (m) => new Error(m),
    typeError: (m) => new TypeError(m),
    // A realm promise the host settles with host values (exported as it
    // does): cheaper than a host promise the membrane would follow.
    promise: (executor) => membrane.realmPromise(executor),
    // JSON text straight into realm data (the realm's JSON.parse, captured
    // before plugin code runs): no host copy to convert, nothing to call.
    parse: (s) => membrane.kit.parse(s),
    // A host value converted now (a result handed to success and complete
    // alike, so both see the same object, as on a phone).
    toRealm: (v) => membrane.exportValue(v),
    ArrayBuffer,
    Uint8Array,
    /**
     * Compiles `bytes` with the realm's own WebAssembly, handing it the
     * plugin's import object as it is (wasm calls into the plugin's own
     * functions pay nothing for the membrane). Resolves to { instance, module }
     * of the realm.
     */
    instantiate: (bytes, imports) => membrane.importPromise(realInstantiate(membrane.exportValue(bytes), imports)),
    setNow,
    /** Makes `value` (a host value) the plugin realm's global `name`, through the membrane. */
    install(name, value) {
      Object.defineProperty(context, name, { value: membrane.exportValue(value), writable: true, enumerable: true, configurable: true });
    },
    /** Evaluates source in the realm (tests and debugging); realm values come back as they are. */
    evaluate: (code, filename = 'wx-host-eval.js') => vm.runInContext(code, context, { filename }),
  };
}

module.exports = { createRealm };
