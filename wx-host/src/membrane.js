'use strict';
// The membrane between the host realm (Node) and the plugin realm (the vm
// context). A `vm` context is no security boundary: any host object the
// plugin can reach leads to Node (`hostFn.constructor('return process')()`).
// So host code deals only in host values, plugin code only in realm values,
// and every value that crosses goes through exportValue (host -> realm) or
// importValue (realm -> host) here.
//
// Host functions reach the realm only as wrappers made by a small kit
// evaluated in the realm (strict mode, before any plugin code runs): each
// wrapper calls ONE host function, `bridge`, held in the kit's closure.
// The bridge imports the arguments, runs the host function, and writes
// [threw, exported value] into a realm record; it never throws into the
// realm. What the realm hands the host is copied (plain data), wrapped
// (functions, promises) or passed as is (buffers, errors, wasm objects).

const vm = require('node:vm');
const { types } = require('node:util');

// Evaluated once in the realm. It captures the intrinsics it needs, so a
// plugin that later patches Promise.prototype.then or Reflect cannot change
// what the kit does; it holds no host value but `bridge`.
const KIT_SOURCE = `(function kit(bridge) {
  'use strict';
  const apply = Reflect.apply;
  const P = Promise;
  const then = P.prototype.then;
  const parse = JSON.parse;
  const RealRangeError = RangeError;
  const errors = { __proto__: null, Error, TypeError, RangeError, EvalError, SyntaxError, ReferenceError, URIError };
  const wasm = typeof WebAssembly === 'object' ? WebAssembly : null;
  return {
    __proto__: null,
    ObjectProto: Object.prototype,
    FunctionProto: Function.prototype,
    ArrayProto: Array.prototype,
    Date,
    buffers: {
      __proto__: null, ArrayBuffer, DataView, Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
      Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
    },
    wasmProtos: wasm ? [wasm.Module.prototype, wasm.Instance.prototype, wasm.Memory.prototype, wasm.Table.prototype, wasm.Global.prototype] : [],
    obj: () => ({}),
    arr: () => [],
    parse: (text) => parse(text),
    error: (kind, message) => new (errors[kind] || errors.Error)(message),
    // A realm function that calls the host through the bridge. Method syntax:
    // not a constructor, no prototype, and the computed key names it.
    fn: (name) => {
      const f = { [name](...args) {
        const rec = [false, undefined];
        // The bridge catches everything; what still escapes it (a stack
        // overflow while it ran) is never bound here, so no host error
        // reaches plugin code.
        try { bridge(f, this, args, rec); } catch { throw new RealRangeError('wx-host: the host could not complete this call (stack overflow?)'); }
        if (rec[0]) throw rec[1];
        return rec[1];
      } }[name];
      return f;
    },
    deferred: () => {
      let resolve;
      let reject;
      const promise = new P((a, b) => { resolve = a; reject = b; });
      return { __proto__: null, promise, resolve, reject };
    },
    // Observes a plugin promise through the ORIGINAL then: the plugin's own
    // .then (or a patched Promise.prototype.then) never sees these handlers,
    // which are realm functions anyway.
    observe: (p, settle) => {
      apply(then, p, [(v) => { try { settle(false, v); } catch {} }, (e) => { try { settle(true, e); } catch {} }]);
    },
  };
})`;

/** A realm value the host read straight from realm objects (module.exports): exported as it is. */
class RealmValue {
  constructor(value) { this.value = value; }
}

const HOST_ERRORS = [
  [TypeError, 'TypeError'], [RangeError, 'RangeError'], [EvalError, 'EvalError'], [SyntaxError, 'SyntaxError'],
  [ReferenceError, 'ReferenceError'], [URIError, 'URIError'],
];

const isObject = (v) => v !== null && (typeof v === 'object' || typeof v === 'function');
const DATA = { value: undefined, writable: true, enumerable: true, configurable: true };

/**
 * Sets an own data property of a fresh object, `__proto__` as a plain key.
 * A plain assignment (defineProperty across realms costs twice as much): on
 * a realm object a setter the plugin put on its Object.prototype may run,
 * but it only ever sees realm values.
 */
function put(o, k, v) {
  if (k !== '__proto__') {
    o[k] = v;
    return;
  }
  DATA.value = v;
  Reflect.defineProperty(o, k, DATA);
  DATA.value = undefined;
}

/**
 * The membrane for one vm context. Returns { exportValue, importValue,
 * exportFunction(fn, { raw }), importPromise, realmValue, kit }.
 */
function createMembrane(context) {
  const toRealm = new WeakMap(); // host value -> its realm view / wrapper, or a realm original it wraps
  const toHost = new WeakMap(); // realm value -> its host wrapper, or the host original it views
  const rawArgs = new WeakSet(); // host functions that take their arguments unconverted (WXWebAssembly.instantiate)
  const viewable = new WeakSet(); // host objects always handed over as live views (realm.object())

  function bridge(f, thisArg, args, rec) {
    try {
      const fn = toHost.get(f);
      const n = args.length;
      const a = new Array(n);
      if (rawArgs.has(fn)) {
        for (let i = 0; i < n; i++) a[i] = args[i];
      } else {
        for (let i = 0; i < n; i++) a[i] = importValue(args[i]);
      }
      rec[1] = exportValue(Reflect.apply(fn, importValue(thisArg), a));
    } catch (e) {
      rec[0] = true;
      rec[1] = exportValue(e);
    }
  }

  const kit = vm.runInContext(KIT_SOURCE, context, { filename: 'wx-host-membrane-kit.js' })(bridge);
  const { ObjectProto, FunctionProto, ArrayProto } = kit;
  // Copied into a host Set now: calling a realm array's methods later would run whatever the plugin put there.
  const wasmProtos = new Set();
  for (let i = 0; i < kit.wasmProtos.length; i++) wasmProtos.add(kit.wasmProtos[i]);

  // ---- classification -------------------------------------------------------

  /** The last object of v's prototype chain, or null when a proxy is on the way (its trap would run plugin code). */
  function chainEnd(v) {
    let p = v;
    for (;;) {
      if (types.isProxy(p)) return null;
      const q = Object.getPrototypeOf(p);
      if (q === null) return p;
      p = q;
    }
  }
  /** Made by the host: its chain ends at the host's Object.prototype. Plugin code cannot forge that, holding no host object. */
  function isHostMade(v) {
    const p = Object.getPrototypeOf(v);
    if (p === Object.prototype || p === Function.prototype || p === Array.prototype) return !types.isProxy(v);
    if (p === ObjectProto || p === FunctionProto || p === ArrayProto || p === null) return false;
    return chainEnd(v) === Object.prototype;
  }
  /** Provably a realm value: its chain ends at the realm's Object.prototype. */
  function isRealmMade(v) {
    const p = Object.getPrototypeOf(v);
    if (p === ObjectProto || p === FunctionProto || p === ArrayProto) return !types.isProxy(v);
    if (p === Object.prototype || p === Function.prototype || p === Array.prototype || p === null) return false;
    return chainEnd(v) === ObjectProto;
  }
  /** Realm objects the host takes as they are: bytes, errors, dates, wasm objects. */
  function isOpaqueBuiltin(v) {
    if (types.isAnyArrayBuffer(v) || ArrayBuffer.isView(v) || types.isNativeError(v) || types.isDate(v)) return true;
    for (let p = Object.getPrototypeOf(v); p !== null && !types.isProxy(p); p = Object.getPrototypeOf(p)) {
      if (wasmProtos.has(p)) return true;
    }
    return false;
  }

  // ---- realm -> host --------------------------------------------------------

  function importValue(v, seen) {
    if (!isObject(v)) return v;
    const known = toHost.get(v);
    if (known !== undefined) return known;
    const proxy = types.isProxy(v); // never asked anything: its traps would run plugin code
    if (typeof v === 'function') return proxy || !isHostMade(v) ? importFunction(v) : v;
    if (!proxy) {
      // Test code calls realm wrappers with host values: those stay as they are.
      if (isHostMade(v)) return v;
      if (types.isPromise(v)) return importPromise(v);
      if (isOpaqueBuiltin(v)) return v;
    }
    // Plain data, arrays, proxies, class instances: copied, so the host never
    // holds a plugin object whose methods it might call with host values.
    return importCopy(v, seen);
  }

  // `seen` (cycles and shared parts) is made only once a nested object shows up.
  function importCopy(v, seen) {
    const done = seen === undefined ? undefined : seen.get(v);
    if (done !== undefined) return done;
    const array = Array.isArray(v);
    const out = array ? [] : {};
    if (seen !== undefined) seen.set(v, out);
    const child = (x) => {
      if (x === null || typeof x !== 'object') return typeof x === 'function' ? importNested(x) : x;
      if (seen === undefined) seen = new Map([[v, out]]);
      return importValue(x, seen);
    };
    if (array) {
      const n = v.length;
      for (let i = 0; i < n; i++) out.push(child(v[i]));
      return out;
    }
    const p = types.isProxy(v) ? null : Object.getPrototypeOf(v);
    if (p === ObjectProto || p === null) {
      for (const k of Object.keys(v)) put(out, k, child(v[k]));
      return out;
    }
    // A class instance: its own enumerable keys, plus the methods and
    // accessors of its prototypes (read through it), up to Object.prototype.
    const taken = new Set();
    for (let level = v; level !== null && level !== ObjectProto && !types.isProxy(level); level = Object.getPrototypeOf(level)) {
      for (const k of level === v ? Object.keys(v) : Object.getOwnPropertyNames(level)) {
        if (taken.has(k) || (level !== v && k === 'constructor')) continue;
        taken.add(k);
        put(out, k, child(v[k]));
      }
    }
    return out;
  }

  /**
   * A host function calling the realm function `f`. Cached both ways (the
   * same plugin function gives the same host function: wx.offX(f) finds
   * what wx.onX(f) stored) unless `cache` is false: a callback inside an
   * options object (success, fail, complete) is new at every call, and two
   * WeakMap entries for each would cost a third of an async call.
   */
  function importFunction(f, cache = true) {
    const w = function (...args) {
      const n = args.length;
      const a = new Array(n);
      for (let i = 0; i < n; i++) a[i] = exportValue(args[i]);
      return importValue(Reflect.apply(f, exportValue(this), a));
    };
    if (cache) {
      toHost.set(f, w);
      toRealm.set(w, f);
    }
    return w;
  }
  /** A function found inside data the host copies: the cached wrapper if there is one, else an uncached one. */
  function importNested(f) {
    const known = toHost.get(f);
    if (known !== undefined) return known;
    return types.isProxy(f) || !isHostMade(f) ? importFunction(f, false) : f;
  }

  /** A host promise that follows a realm promise (observed through the realm's original then). */
  function importPromise(p) {
    const hp = new Promise((resolve, reject) => {
      const settle = (threw, v) => (threw ? reject : resolve)(v);
      try {
        kit.observe(p, exportFunction(settle));
      } catch (e) {
        reject(e); // e.g. a plugin `constructor` getter threw: a realm error, as a rejection
      }
    });
    toHost.set(p, hp);
    toRealm.set(hp, p);
    return hp;
  }

  // ---- host -> realm --------------------------------------------------------

  function exportValue(v, seen) {
    if (!isObject(v)) return v;
    const known = toRealm.get(v);
    if (known !== undefined) return known;
    // The host makes no proxies, and one it got from the plugin cannot be
    // proven to be the plugin's: its data is copied, a function refused.
    if (types.isProxy(v)) {
      if (typeof v === 'function') throw new TypeError('wx-host: a proxy function cannot be handed to the plugin');
      return exportCopy(v, seen);
    }
    if (Object.getPrototypeOf(v) === RealmValue.prototype) return v.value;
    if (isRealmMade(v)) return v;
    if (typeof v === 'function') return exportFunction(v);
    if (types.isPromise(v)) return exportPromise(v);
    if (types.isNativeError(v) || v instanceof Error) return exportError(v);
    if (types.isAnyArrayBuffer(v)) return copyBuffer(v);
    if (ArrayBuffer.isView(v)) return copyView(v);
    if (types.isDate(v)) return new kit.Date(v.getTime());
    if (Array.isArray(v) || isPlainData(v)) return exportCopy(v, seen);
    return makeView(v);
  }

  /** A deep copy in the realm: arrays, and objects of plain data (frozen stays frozen). */
  function exportCopy(v, seen) {
    const done = seen === undefined ? undefined : seen.get(v);
    if (done !== undefined) return done;
    const array = Array.isArray(v);
    const out = array ? kit.arr() : kit.obj();
    if (seen !== undefined) seen.set(v, out);
    const child = (x) => {
      if (x === null || typeof x !== 'object') return typeof x === 'function' ? exportValue(x) : x;
      if (seen === undefined) seen = new Map([[v, out]]);
      return exportValue(x, seen);
    };
    if (array) {
      const n = v.length;
      for (let i = 0; i < n; i++) put(out, i, child(v[i]));
      return out;
    }
    for (const k of Object.keys(v)) put(out, k, child(v[k]));
    if (!types.isProxy(v) && Object.isFrozen(v)) Object.freeze(out);
    return out;
  }

  /**
   * A host object of plain data: Object.prototype or no prototype, not made
   * by realm.object() (tasks, managers, Image: see `viewable`), no function
   * among its enumerable values. An accessor is read once, as data.
   */
  function isPlainData(v) {
    if (viewable.has(v)) return false;
    const p = Object.getPrototypeOf(v);
    if (p !== Object.prototype && p !== null) return false;
    for (const k of Object.keys(v)) if (typeof v[k] === 'function') return false;
    return true;
  }

  function exportFunction(fn, { raw = false } = {}) {
    const known = toRealm.get(fn);
    if (known !== undefined) return known;
    let name = '';
    try { name = typeof fn.name === 'string' ? fn.name : ''; } catch { /* unnamed */ }
    const f = kit.fn(name);
    Object.defineProperty(f, 'length', { value: typeof fn.length === 'number' ? fn.length : 0 });
    if (raw) rawArgs.add(fn);
    toRealm.set(fn, f);
    toHost.set(f, fn);
    return f;
  }

  /** A realm promise settled with the exported outcome of a host promise. */
  function exportPromise(hp) {
    // Read by key: destructuring would run the realm's (patchable) array iterator.
    const { promise: p, resolve, reject } = kit.deferred();
    toRealm.set(hp, p);
    toHost.set(p, hp);
    const send = (ok, v) => {
      let x;
      try {
        x = exportValue(v);
      } catch {
        reject(kit.error('RangeError', 'wx-host: the host could not hand over a value (stack overflow?)'));
        return;
      }
      (ok ? resolve : reject)(x);
    };
    hp.then((v) => send(true, v), (e) => send(false, e));
    return p;
  }

  /**
   * A realm promise whose executor is host code: `resolve` and `reject` take
   * host values and export them. Returned marked as a realm value.
   */
  function realmPromise(executor) {
    const d = kit.deferred();
    const send = (settle) => (v) => {
      let x;
      try {
        x = exportValue(v);
      } catch {
        d.reject(kit.error('RangeError', 'wx-host: the host could not hand over a value (stack overflow?)'));
        return;
      }
      settle(x);
    };
    const resolve = send(d.resolve);
    const reject = send(d.reject);
    try {
      executor(resolve, reject);
    } catch (e) {
      reject(e);
    }
    return d.promise;
  }

  /** A realm error of the same kind: name, message and own data fields (errMsg, errno, errCode, ...). */
  function exportError(e) {
    let kind = 'Error';
    for (const [C, name] of HOST_ERRORS) if (e instanceof C) { kind = name; break; }
    const r = kit.error(kind, String(e.message));
    if (typeof e.name === 'string' && e.name !== kind) put(r, 'name', e.name);
    for (const k of Object.keys(e)) {
      if (k === 'stack' || k === 'message') continue;
      put(r, k, exportValue(e[k]));
    }
    return r;
  }

  function copyBuffer(b) {
    const ab = new kit.buffers.ArrayBuffer(b.byteLength);
    new Uint8Array(ab).set(new Uint8Array(b));
    return ab;
  }
  function copyView(v) {
    const ab = new kit.buffers.ArrayBuffer(v.byteLength);
    new Uint8Array(ab).set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    if (types.isDataView(v)) return new kit.buffers.DataView(ab);
    // A Node Buffer becomes a Uint8Array: the realm has no Buffer.
    const type = types.isUint8Array(v) ? 'Uint8Array' : Object.prototype.toString.call(v).slice(8, -1);
    const C = kit.buffers[type] || kit.buffers.Uint8Array;
    return new C(ab, 0, v.byteLength / (C.BYTES_PER_ELEMENT || 1));
  }

  /**
   * A realm view of a host object with methods or accessors (wx, tasks,
   * managers, console): methods are bridge wrappers (called with the host
   * object as `this`), other properties read and write the host object live
   * (a property both non-writable and non-configurable is copied once).
   */
  function makeView(h) {
    const o = kit.obj();
    toRealm.set(h, o);
    toHost.set(o, h);
    const taken = new Set();
    for (let level = h; level !== null && level !== Object.prototype && level !== Function.prototype; level = Object.getPrototypeOf(level)) {
      for (const k of Reflect.ownKeys(level)) {
        if (typeof k === 'symbol' || taken.has(k) || (level !== h && k === 'constructor')) continue;
        taken.add(k);
        const d = Reflect.getOwnPropertyDescriptor(level, k);
        const flags = { enumerable: level === h ? d.enumerable : false, configurable: d.configurable };
        if ('value' in d && (typeof d.value === 'function' || (!d.writable && !d.configurable))) {
          Object.defineProperty(o, k, { ...flags, value: exportValue(d.value), writable: d.writable });
        } else {
          const readable = 'value' in d || d.get !== undefined;
          const writable = 'value' in d ? d.writable : d.set !== undefined;
          Object.defineProperty(o, k, {
            ...flags,
            get: readable ? exportFunction({ [`get ${k}`]() { return h[k]; } }[`get ${k}`]) : undefined,
            set: writable ? exportFunction({ [`set ${k}`](x) { h[k] = x; } }[`set ${k}`]) : undefined,
          });
        }
      }
    }
    if (Object.isFrozen(h)) Object.freeze(o);
    else if (!Object.isExtensible(h)) Object.preventExtensions(o);
    return o;
  }

  return {
    kit,
    exportValue,
    importValue,
    exportFunction,
    importPromise,
    realmPromise,
    /** Marks a host object to cross as a live view even while it holds only data (an Image before its onload is set). */
    viewable: (o) => { viewable.add(o); return o; },
    /** Marks a value the host read from realm objects, so exportValue hands it back unchanged. */
    realmValue: (v) => new RealmValue(v),
  };
}

module.exports = { createMembrane, RealmValue };
