'use strict';
// Shared helpers for wx-host's tests. Kept outside test/ so `node --test`
// does not run it as a test file.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createHost } = require('../src');

/** A temp dir removed when the test ends. */
function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-host-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files ({ relPath: string|Buffer }) under dir, plus a default plugin.json. */
function writePlugin(dir, files) {
  const all = { 'plugin.json': JSON.stringify({ main: 'index.js', publicComponents: {}, pages: {} }), ...files };
  for (const [rel, content] of Object.entries(all)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

const entry = (name, kind, since = '1.9.6') => ({ name, since, kind, legacy: false, rust_name: name, feature: null });

/** A small allowlist in the shape `wx-allowlist --json` prints. */
const ALLOWLIST = [
  entry('getSystemInfo', 'async'), entry('getSystemInfoSync', 'sync'),
  entry('showToast', 'async'), entry('hideToast', 'async'),
  entry('showLoading', 'async'), entry('hideLoading', 'async'), entry('showModal', 'async'),
  entry('setStorage', 'async'), entry('getStorage', 'async'), entry('removeStorage', 'async'),
  entry('setStorageSync', 'sync'), entry('getStorageSync', 'sync'), entry('removeStorageSync', 'sync'),
  entry('arrayBufferToBase64', 'converter'), entry('base64ToArrayBuffer', 'converter'),
  entry('getLocation', 'async'), entry('request', 'task'), entry('getNetworkType', 'async'),
  entry('getRecorderManager', 'factory', '1.9.94'), entry('createCanvasContext', 'factory'),
  entry('uploadFile', 'task'), entry('downloadFile', 'task'), entry('connectSocket', 'task'), entry('createInnerAudioContext', 'factory'),
  entry('onAccelerometerChange', 'listener'), entry('onCompassChange', 'listener'),
  entry('offNetworkStatusChange', 'listener', '2.9.3'), entry('onNetworkStatusChange', 'listener'),
  entry('getBatteryInfoSync', 'sync'), entry('getFileSystemManager', 'factory', '2.19.2'),
  { ...entry('pluginLogin', 'async', '2.20.1'), source: 'typings' }, // an extra field is ignored
];

/** Creates a host, loads a plugin made of `files` (index.js at least). */
async function loadPlugin(t, files, hostOptions = {}) {
  const dir = writePlugin(tempDir(t), files);
  const host = createHost({ allowlist: ALLOWLIST, ...hostOptions });
  t.after(() => host.dispose());
  const exports = await host.load(dir);
  return { host, exports, dir };
}

/** A wasm module exporting add(i32, i32) -> i32. */
const ADD_WASM = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, // type: (i32, i32) -> i32
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, // export "add"
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, // local.get 0, local.get 1, i32.add
]);

/** A wasm module importing env.f: (i32) -> i32 and exporting g(x) = f(x). */
const IMPORT_WASM = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type: (i32) -> i32
  0x02, 0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00, // import env.f
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x05, 0x01, 0x01, 0x67, 0x00, 0x01, // export "g" = func 1
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x20, 0x00, 0x10, 0x00, 0x0b, // local.get 0, call 0
]);

/** Copies sandbox-realm data into this realm, so deepStrictEqual can compare it. */
const plain = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

module.exports = { plain, tempDir, writePlugin, entry, ALLOWLIST, loadPlugin, ADD_WASM, IMPORT_WASM };
