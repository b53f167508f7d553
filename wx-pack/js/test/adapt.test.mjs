// adapt.mjs: ES module → CommonJS for WeChat, the wx API report, wasm-bindgen's entry,
// and the wasm2js memory-growth hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCommonJS, readEntry, minimumEcmaVersion, AdaptError } from '../adapt.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');

/**
 * Loads CommonJS modules given as { name: code } in a fresh context that, like a WeChat
 * phone, has no TextEncoder, TextDecoder or WebAssembly. Returns require(entry).
 */
function loadCjs(modules, entry, globals = {}) {
  const context = vm.createContext({ ...globals });
  vm.runInContext('delete globalThis.WebAssembly', context); // a V8 intrinsic: WeChat has none
  for (const name of ['TextEncoder', 'TextDecoder', 'WebAssembly']) {
    if (name in globals) continue;
    assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', `the sandbox must not have ${name}`);
  }
  const cache = new Map();
  const req = (name) => {
    const key = name.replace(/^\.\//, '');
    if (cache.has(key)) return cache.get(key).exports;
    if (!(key in modules)) throw new Error(`no module ${name}`);
    const module = { exports: {} };
    cache.set(key, module);
    vm.runInContext(`(function (module, exports, require) {${modules[key]}\n})`, context)(module, module.exports, req);
    return module.exports;
  };
  return req(entry);
}

const cjs = (source, kind = 'module') => toCommonJS(source, { kind }).code;
// Values from the sandbox realm, as plain data of this one.
const plain = (x) => JSON.parse(JSON.stringify(x));

test('export declarations, lists, defaults and classes become module.exports', () => {
  const source = `
    export function add(a, b) { return a + b; }
    export const one = 1, { two } = { two: 2 }, [three] = [3];
    let hidden = 'h';
    export { hidden as shown, hidden };
    export class Point { constructor(x) { this.x = x; } }
    export default function () { return 'default'; }
  `;
  const result = toCommonJS(source, { kind: 'module' });
  assert.deepEqual(
    result.exports.map((e) => `${e.name}:${e.kind}`).sort(),
    ['add:function', 'default:value', 'hidden:value', 'one:value', 'Point:class', 'shown:value', 'three:value', 'two:value'].sort(),
  );
  const m = loadCjs({ 'm.js': result.code }, 'm.js');
  assert.equal(m.add(2, 3), 5);
  assert.deepEqual([m.one, m.two, m.three, m.shown, m.hidden], [1, 2, 3, 'h', 'h']);
  assert.equal(new m.Point(4).x, 4);
  assert.equal(m.default(), 'default');
  assert.equal(m.__esModule, true);
  assert.doesNotMatch(result.code, /^\s*export\b/m);
});

test('exports are live bindings, and the module is strict', () => {
  const source = `
    export let counter = 0;
    export function inc() { counter++; return counter; }
    export function thisValue() { return this; }
    export function sloppy() { undeclared = 1; }
  `;
  const m = loadCjs({ 'm.js': cjs(source) }, 'm.js');
  assert.equal(m.counter, 0);
  m.inc();
  m.inc();
  assert.equal(m.counter, 2);
  assert.equal(m.thisValue.call(undefined), undefined);
  assert.throws(() => m.sloppy(), /undeclared/);
});

test('a reassigned exported function is exported through a getter', () => {
  const source = `export function f() { return 1; } export function swap() { f = function () { return 2; }; }`;
  const m = loadCjs({ 'm.js': cjs(source) }, 'm.js');
  assert.equal(m.f(), 1);
  m.swap();
  assert.equal(m.f(), 2);
});

test('imports of relative modules become requires', () => {
  const dep = cjs(`export function twice(x) { return 2 * x; } export const name = 'dep'; export default 'dflt';`);
  const main = cjs(`
    import * as ns from './dep.js';
    import { twice as double, name } from './dep.js';
    import dflt from './dep.js';
    import './side.js';
    export const value = double(21) + ns.twice(1);
    export const names = [name, dflt];
  `);
  const side = `globalThis.sideEffect = true;`;
  const m = loadCjs({ 'dep.js': dep, 'main.js': main, 'side.js': side }, 'main.js');
  assert.equal(m.value, 44);
  assert.deepEqual(plain(m.names), ['dep', 'dflt']);
});

test('what CommonJS cannot express is a clear error with a position', () => {
  const cases = [
    [`import x from 'some-package';`, /imports the package "some-package"/],
    [`export * from './x.js';`, /`export \* from` is not supported/],
    [`export const u = import.meta.url;`, /import\.meta/],
    [`export function f() { return import('./x.js'); }`, /dynamic `import\(\)`/],
    [`await Promise.resolve();`, /top-level `await`/],
    [`export const __wxpack_x = 1;`, /reserved for wx-pack/],
    [`export const a = 1; export { a };`, /cannot parse the module: Duplicate export 'a'/],
    [`export const = ;`, /cannot parse/],
  ];
  for (const [source, message] of cases) {
    assert.throws(() => toCommonJS(source), (e) => e instanceof AdaptError && message.test(e.message), source);
  }
  assert.throws(() => toCommonJS('\n\nimport x from "pkg";'), /^AdaptError: 3:15: imports the package "pkg"/);
});

test('the module gets its own TextEncoder/TextDecoder when it uses them', () => {
  const source = `
    const cachedTextEncoder = new TextEncoder();
    let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
    cachedTextDecoder.decode();
    export function roundTrip(s) {
      const bytes = cachedTextEncoder.encode(s);
      const view = new Uint8Array(bytes.length + 4);
      const { read, written } = cachedTextEncoder.encodeInto(s, view);
      return [cachedTextDecoder.decode(bytes), read, written];
    }
  `;
  const result = toCommonJS(source, { kind: 'glue' });
  assert.deepEqual(result.polyfill, { TextEncoder: true, TextDecoder: true });
  const m = loadCjs({ 'g.js': result.code }, 'g.js');
  const s = 'héllo, 世界 🦀';
  assert.deepEqual(plain(m.roundTrip(s)), [s, s.length, Buffer.byteLength(s)]);
  // Also where the host has its own (DevTools): the module still uses the bundled one.
  const refuse = function () {
    throw new Error('the host TextEncoder/TextDecoder was used');
  };
  const poisoned = loadCjs({ 'g.js': result.code }, 'g.js', { TextEncoder: refuse, TextDecoder: refuse });
  assert.deepEqual(plain(poisoned.roundTrip('ok')), ['ok', 2, 2]);
  // A module that does not use them does not get them.
  const without = toCommonJS('export const x = 1;');
  assert.deepEqual(without.polyfill, { TextEncoder: false, TextDecoder: false });
  assert.doesNotMatch(without.code, /wxPackUtf8/);
});

test('glue: __wxpack_reset_memory_views forgets the cached views of wasm memory', () => {
  const source = `
    let wasm;
    export function __wbg_set_wasm(val) { wasm = val; }
    let cachedUint8ArrayMemory0 = null;
    function getUint8ArrayMemory0() {
      if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
      return cachedUint8ArrayMemory0;
    }
    let cachedDataViewMemory0 = null;
    export function firstByte() { return getUint8ArrayMemory0()[0]; }
  `;
  const result = toCommonJS(source, { kind: 'glue' });
  assert.deepEqual(result.memoryViews, ['cachedUint8ArrayMemory0', 'cachedDataViewMemory0']);
  const glue = loadCjs({ 'g.js': result.code }, 'g.js');
  const memory = { buffer: new Uint8Array([1]).buffer };
  glue.__wbg_set_wasm({ memory });
  assert.equal(glue.firstByte(), 1);
  memory.buffer = new Uint8Array([2]).buffer; // grown by copying, old buffer not detached
  assert.equal(glue.firstByte(), 1, 'stale without a reset');
  glue.__wxpack_reset_memory_views();
  assert.equal(glue.firstByte(), 2);
});

test('glue: __wxpack_guard puts the stack pointer back when a call into the wasm throws', () => {
  const source = `
    let wasm;
    export function __wbg_set_wasm(val) { wasm = val; }
  `;
  const glue = loadCjs({ 'g.js': toCommonJS(source, { kind: 'glue' }).code }, 'g.js');
  // A fake module: "enter" moves the stack pointer down like a Rust prologue and, when
  // told to, traps before its epilogue; "call_out" re-enters through JS, as a callback does.
  let sp = 1000;
  let exports;
  exports = {
    memory: { buffer: 'first' },
    __wxpack_stack_pointer: () => sp,
    __wxpack_set_stack_pointer: (v) => { sp = v; },
    enter(trap) {
      sp -= 128;
      if (trap) throw new Error('unreachable');
      sp += 128;
      return 'ok';
    },
    call_out() {
      sp -= 64;
      try { guarded.enter(true); } catch (e) { /* the import caught it, as handleError does */ }
      const inner = sp;
      sp += 64;
      return inner;
    },
  };
  const guarded = glue.__wxpack_guard(exports);
  assert.equal(guarded.enter(false), 'ok');
  assert.equal(sp, 1000);
  assert.throws(() => guarded.enter(true), /unreachable/);
  assert.equal(sp, 1000, 'restored after the trap');
  assert.equal(guarded.call_out(), 936, 'a nested trap restores to where the nested call began');
  assert.equal(sp, 1000);
  assert.equal(guarded.memory, exports.memory, 'the memory object is shared');
  // A module without the two exports is returned as is.
  const bare = { enter() {} };
  assert.equal(glue.__wxpack_guard(bare), bare);
});

test("reads wasm-bindgen 0.2.130's bundler entry", () => {
  const entry = `import * as wasm from "./hello_bg.wasm";
import { __wbg_set_wasm } from "./hello_bg.js";

__wbg_set_wasm(wasm);
wasm.__wbindgen_start();
export {
    hello, later as afterwards
} from "./hello_bg.js";
`;
  assert.deepEqual(readEntry(entry), {
    wasmModule: './hello_bg.wasm',
    glueModule: './hello_bg.js',
    setWasm: true,
    startCalls: ['__wbindgen_start'],
    exports: [
      { name: 'hello', local: 'hello' },
      { name: 'afterwards', local: 'later' },
    ],
  });
  const noStart = entry.replace('wasm.__wbindgen_start();\n', '');
  assert.deepEqual(readEntry(noStart).startCalls, []);
  assert.throws(() => readEntry(entry + '\nconsole.log("surprise");\n'), /unexpected statement.*console\.log/);
  assert.throws(() => readEntry('export const x = 1;'), AdaptError);
});

test('minimum ECMAScript edition of generated code', () => {
  assert.equal(minimumEcmaVersion('var a = 1;'), 5);
  assert.equal(minimumEcmaVersion('let a = () => 1;'), 2015);
  assert.equal(minimumEcmaVersion('var a = b?.c;'), 2020);
});

test('wasm2js: real binaryen output becomes CommonJS and reports memory growth', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'adapt-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const wat = `(module
    (import "./env_bg.js" "log" (func $log (param i32)))
    (memory (export "memory") 1 100)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "poke") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)) (call $log (local.get 1)))
    (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
    (global $sp (mut i32) (i32.const 4096))
    (func (export "__wxpack_stack_pointer") (result i32) (global.get $sp)))`;
  writeFileSync(join(dir, 'm.wat'), wat);
  execFileSync(process.execPath, [join(ROOT, 'node_modules/binaryen/bin/wasm2js'), join(dir, 'm.wat'), '-Oz', '-o', join(dir, 'm.mjs')]);
  const source = readFileSync(join(dir, 'm.mjs'), 'utf8');
  const result = toCommonJS(source, { kind: 'wasm2js' });
  assert.equal(result.growHook, true);
  assert.deepEqual(result.requires, ['./env_bg.js']);
  assert.deepEqual(result.exports.map((e) => e.name).sort(), ['__wxpack_stack_pointer', 'grow', 'memory', 'peek', 'poke']);
  const logged = [];
  const env = `exports.log = function (x) { globalThis.logged.push(x); };`;
  const m = loadCjs({ 'm.js': result.code, 'env_bg.js': env }, 'm.js', { logged });
  assert.equal(m.__wxpack_stack_pointer(), 4096, 'the export wx-pack adds is no clash with its reserved names');
  let grown = 0;
  m.__wxpack_on_memory_grow(() => grown++);
  m.poke(10, 42);
  assert.deepEqual([...logged], [42]);
  const before = m.memory.buffer;
  assert.equal(m.grow(2), 1);
  assert.equal(grown, 1);
  assert.notEqual(m.memory.buffer, before);
  assert.equal(m.memory.buffer.byteLength, 3 * 65536);
  assert.equal(m.peek(10), 42);
  assert.throws(() => toCommonJS('export const x = 1;', { kind: 'wasm2js' }), /not wasm2js output/);
});

test('command line: converts a file and prints a JSON report; errors exit 1', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'adapt-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'in.js'), 'export function f() { wx.showModal({}); return new TextDecoder().decode(); }');
  const out = execFileSync(process.execPath, [join(HERE, '..', 'adapt.mjs'), 'glue', join(dir, 'in.js'), join(dir, 'out.js')], { encoding: 'utf8' });
  const report = JSON.parse(out);
  assert.equal(report.wxApis, undefined, 'wx uses are wxuses.mjs\'s to report');
  assert.deepEqual(report.exports, [{ name: 'f', kind: 'function' }]);
  assert.equal(report.bytes, Buffer.byteLength(readFileSync(join(dir, 'out.js'))));
  const m = loadCjs({ 'o.js': readFileSync(join(dir, 'out.js'), 'utf8') }, 'o.js', { wx: { showModal() {} } });
  assert.equal(m.f(), '');
  writeFileSync(join(dir, 'bad.js'), 'import x from "left-pad";');
  assert.throws(
    () => execFileSync(process.execPath, [join(HERE, '..', 'adapt.mjs'), 'module', join(dir, 'bad.js'), join(dir, 'o2.js')], { stdio: 'pipe' }),
    (e) => e.status === 1 && /adapt\.mjs: 1:15: imports the package "left-pad"/.test(e.stderr.toString()),
  );
});
