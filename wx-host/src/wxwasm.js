'use strict';
// WXWebAssembly as WeChat offers it to plugins (base >= 2.18.1): only
// `instantiate(path, imports)`, where path is a string absolute from the
// plugin root naming a .wasm (or brotli .wasm.br) file of the package.
// Bytes, remote and wxfile: paths and relative paths are refused.

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { types } = require('node:util');
const { isInside } = require('./loader');

const API = 'WXWebAssembly.instantiate';
// Compiled by the engine's real WebAssembly (the plugin realm's copy, which
// the plugin itself cannot reach).

/** Reads the module bytes for `p`, or throws an Error with WeChat's kind of message. */
function readWasm(root, p) {
  if (typeof p !== 'string') {
    const what = types.isAnyArrayBuffer(p) || ArrayBuffer.isView(p) ? 'bytes (ArrayBuffer) are not accepted' : `got ${p === null ? 'null' : typeof p}`;
    throw new Error(`path must be a string naming a .wasm file inside the plugin; ${what}`);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(p)) {
    throw new Error(`only files inside the code package can be instantiated; "${p}" is refused (wasm cannot be downloaded or read from wxfile: at run time)`);
  }
  if (!p.startsWith('/')) {
    throw new Error(`permission denied, "${p}" is a relative path; give it absolute from the plugin root, e.g. "/pkg/plugin_bg.wasm"`);
  }
  if (!root) throw new Error('no plugin is loaded');
  const file = path.join(root, p); // join normalises "..": check where it lands
  if (!isInside(root, file)) throw new Error(`permission denied, "${p}" is outside the plugin folder`);
  const brotli = p.endsWith('.wasm.br');
  if (!brotli && !p.endsWith('.wasm')) throw new Error(`"${p}" is not a .wasm or .wasm.br file`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`no such file in the plugin: "${p}"`);
  if (!isInside(root, fs.realpathSync(file))) throw new Error(`permission denied, "${p}" is outside the plugin folder`);
  const bytes = fs.readFileSync(file);
  if (!brotli) return bytes;
  try {
    return zlib.brotliDecompressSync(bytes);
  } catch (e) {
    throw new Error(`"${p}" is not valid brotli data (${e.message})`);
  }
}

// The import object of wasm-bindgen glue is large: trace only its shape.
function importsSummary(imports) {
  if (!imports || typeof imports !== 'object') return imports === undefined ? undefined : typeof imports;
  return Object.fromEntries(Object.keys(imports).map((k) => [k, `[${Object.keys(imports[k] || {}).length} imports]`]));
}

/** env: { realm, getRoot(), track(label) -> done, record, finish } */
function makeWXWebAssembly(env) {
  const { realm } = env;
  const WX = realm.object();
  // Takes its arguments unconverted (exportFunction's `raw`): the realm's
  // WebAssembly gets the plugin's own import functions and memories, so wasm
  // calls into the glue do not go through the membrane.
  WX.instantiate = function instantiate(p, imports) {
    const rec = env.record(API, [realm.membrane.importValue(p), importsSummary(imports)]);
    const done = env.track(`${API}(${typeof p === 'string' ? JSON.stringify(p) : typeof p}) (#${rec.seq})`);
    return realm.promise((resolve, reject) => {
      Promise.resolve()
        .then(() => realm.instantiate(readWasm(env.getRoot(), p), imports))
        .then(({ instance, module }) => {
          env.finish(rec, 'success', 'result', { instance: '[WebAssembly.Instance]', module: '[WebAssembly.Module]', exports: Object.keys(instance.exports) });
          // Real glue receives { instance, module } (the typings say Instance).
          resolve({ instance, module }); // data: the realm gets its own instance and module back
        }, (e) => {
          const msg = `${API}:fail ${e.message}`;
          env.finish(rec, 'fail', 'errMsg', msg);
          reject(realm.error(msg));
        })
        .finally(done);
    });
  };
  realm.membrane.exportFunction(WX.instantiate, { raw: true });
  return WX;
}

module.exports = { makeWXWebAssembly, readWasm };
