// wxuses.mjs: which uses of the global `wx` it finds, and where (scopes, aliases, TS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanSource } from '../wxuses.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/** `name@line:column` of each use, `(call)` when called there. */
const found = (source, path = 'a.js') =>
  scanSource(path, source).uses.map((u) => `${u.name}@${u.line}:${u.column}${u.call ? '(call)' : ''}`);

test('member, optional and bracket accesses, called or read', () => {
  assert.deepEqual(found("wx.a()\nwx?.b()\nwx['c']()\nwx[`d`]\nconst x = wx.e\nwx.f?.()\n;(wx.g)()"), [
    'a@1:4(call)',
    'b@2:5(call)',
    'c@3:4(call)',
    'd@4:4',
    'e@5:14',
    'f@6:4(call)',
    'g@7:6(call)',
  ]);
});

test('a computed key is dynamic, a write is no use', () => {
  const result = scanSource('a.js', 'wx[name]()\nwx.polyfill = 1\nwx.a.b = 2');
  assert.deepEqual(result.dynamic, [{ line: 1, column: 4 }]);
  assert.deepEqual(result.uses.map((u) => u.name), ['a']);
});

test('destructuring in declarations and assignments', () => {
  assert.deepEqual(found("const { a, b: local, 'c': d, e = 1, ...rest } = wx\nlet f; ({ f } = wx)"), [
    'a@1:9',
    'b@1:12',
    'c@1:22', // a quoted key: its quote
    'e@1:30',
    'f@2:11',
  ]);
});

test('aliases that can be followed', () => {
  const source = [
    'const w = wx',
    'w.a()',
    'var v = w',
    'v.b()',
    'let r = wx',
    'r = other',
    'r.c()', // assigned again: not followed
    ';(function (x, y) { x.d(); y.e() })(wx, other)',
    ';((z) => z.f())(wx)',
    '!function (q) { q.g() }.call(this, wx)',
    'function later() { h.h() }',
    'var h = wx', // hoisted: the use above sees it
  ].join('\n');
  assert.deepEqual(found(source), ['a@2:3(call)', 'b@4:3(call)', 'd@8:23(call)', 'f@9:12(call)', 'g@10:19(call)', 'h@11:22(call)']);
});

test('a parameter that a call by name gives wx', () => {
  const source = [
    'function setup(api, w) { w.a(); api.b() }',
    'setup(other, wx)',
    'const run = (x) => x.c()',
    'run(wx)',
    'function never(y) { y.d() }',
    'never(other)',
    'function again(z) { z = other; z.e() }',
    'again(wx)',
    'const later = function (v) { v.f() }',
    'later(wx)',
  ].join('\n');
  assert.deepEqual(found(source), ['a@1:28(call)', 'c@3:22(call)', 'f@9:32(call)']);
});

test('a wx declared in the file is not the global', () => {
  const source = [
    'function f(wx) { wx.a() }',
    '{ let wx = {}; wx.b() }',
    'try {} catch (wx) { wx.c() }',
    'for (const wx of []) wx.d()',
    'class K { m() { const { wx } = this; wx.e() } }',
    'wx.f()', // the global again
  ].join('\n');
  assert.deepEqual(found(source), ['f@6:4(call)']);
  assert.deepEqual(found("import wx from './fake'\nwx.a()", 'a.mjs'), []);
});

test('TypeScript: types are no code, ambient declarations are the global', () => {
  const source = [
    'declare const wx: any',
    'interface I { wx: typeof wx.a }',
    'type T = ReturnType<typeof wx.b>',
    'const c = (wx as any).c() as I',
    'const d = wx!.d<string>()',
    'export default class { e(): void { wx.e() } }',
  ].join('\n');
  assert.deepEqual(found(source, 'a.ts'), ['c@4:23(call)', 'd@5:15(call)', 'e@6:39(call)']);
  assert.deepEqual(scanSource('a.ts', source).errors, []);
});

test('feature detection: tests are marked guard, what they guard guarded', () => {
  const marks = (source) =>
    scanSource('a.js', source).uses.map((u) => `${u.name}@${u.column}${u.guard ? ' guard' : ''}${u.guarded ? ' guarded' : ''}`);
  assert.deepEqual(marks('if (wx.a) { wx.a() } else { wx.a() }'), ['a@8 guard', 'a@16 guarded', 'a@32']);
  assert.deepEqual(marks("typeof wx.b === 'function' ? wx.b() : wx.b"), ['b@11 guard', 'b@33 guarded', 'b@42']);
  assert.deepEqual(marks('wx.c && wx.c()'), ['c@4 guard', 'c@12 guarded']);
  assert.deepEqual(marks("if ('d' in wx) wx.d()"), ['d@5 guard', 'd@19 guarded']);
  assert.deepEqual(marks("if (typeof wx.e !== 'undefined' && wx.f) { wx.e(); wx.f() }"), [
    'e@15 guard',
    'f@39 guard',
    'e@47 guarded',
    'f@55 guarded',
  ]);
  assert.deepEqual(marks('const w = wx\nif (!w.g) {} else w.g()'), ['g@8 guard', 'g@21']);
  // A value, not a test; a test of something else guards nothing.
  assert.deepEqual(marks('const v = a && wx.h\nif (wx.i) wx.j()'), ['h@19', 'i@8 guard', 'j@14']);
  assert.equal(scanSource('a.js', "'k' in wx").uses[0].kind, 'in');
});

test('syntax errors are reported with what could be found', () => {
  const result = scanSource('a.js', 'wx.a()\nfunction (\n');
  assert.deepEqual(result.uses.map((u) => u.name), ['a']);
  assert.ok(result.errors.length > 0 && result.errors[0].line === 2, JSON.stringify(result.errors));
});

test('the command line reads paths on stdin and prints one report per file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxuses-'));
  try {
    writeFileSync(join(dir, 'a.js'), 'wx.a()\n');
    writeFileSync(join(dir, 'b.ts'), 'const n: number = 1\nwx.b(n)\n');
    const out = execFileSync(process.execPath, [join(HERE, '..', 'wxuses.mjs')], {
      cwd: dir,
      input: JSON.stringify(['a.js', 'b.ts']),
    });
    const report = JSON.parse(out);
    assert.deepEqual(
      report.map((f) => [f.file, f.uses.map((u) => `${u.name}@${u.line}:${u.column}`)]),
      [
        ['a.js', ['a@1:4']],
        ['b.ts', ['b@2:4']],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true });
  }
});

// The glue's cases, which adapt.mjs's own acorn walk answered before the build used this
// analysis too: shadowing, nested members and object keys named wx are no uses of wx.
test('glue: the APIs read off the global wx only', () => {
  const source = `
    export function a(arg0) { wx.showToast(arg0); }
    export function b() { return wx.getSystemInfoSync(); }
    export function c() { return wx['getStorageSync']('k'); }
    export function d(wx) { return wx.notAnApi(); }
    export function e() { const wx = {}; return wx.alsoNot(); }
    export function f(o) { return o.wx.nested(); }
    export function g() { try { return 1; } catch (wx) { return wx.caught; } }
    export function h() { for (const wx of []) wx.loop(); return typeof wx; }
    export function i() { return { wx: 1 }.wx; }
  `;
  const result = scanSource('glue.js', source);
  assert.deepEqual([...new Set(result.uses.map((u) => u.name))].sort(), ['getStorageSync', 'getSystemInfoSync', 'showToast']);
  assert.deepEqual(result.dynamic, []);
  assert.deepEqual(result.escapes, []);
  assert.equal(scanSource('glue.js', 'export function f(k) { return wx[k](); }').dynamic.length, 1);
  assert.deepEqual(scanSource('glue.js', 'const wx = {}; wx.showToast();').uses, []);
});

test('wx through the global object, its aliases and folded keys', () => {
  const source = [
    'globalThis.wx.a()', // wasm-bindgen's js_namespace = ["globalThis", "wx"]
    "self['wx'].b()",
    'window.wx.c; global.wx.d()',
    'const g = globalThis',
    'g.wx.e()',
    "g['w' + 'x']['f' + 'g']()",
    'const { wx: w } = window',
    'w.h()',
    'globalThis.globalThis.wx.i()',
    'function own(globalThis) { globalThis.wx.no() }',
  ].join('\n');
  assert.deepEqual(found(source), ['a@1:15(call)', 'b@2:12(call)', 'c@3:11', 'd@3:24(call)', 'e@5:6(call)', 'fg@6:14(call)', 'h@8:3(call)', 'i@9:26(call)']);
});

test('what cannot be named: computed keys on wx or the global object', () => {
  const result = scanSource('a.js', "wx[k]()\nglobalThis['w' + String.fromCharCode(120)].a()\nglobalThis['Math'].max()");
  assert.deepEqual(result.dynamic, [
    { line: 1, column: 4 },
    { line: 2, column: 12 },
  ]);
});

test('escapes: wx passed on where it cannot be followed', () => {
  const at = (source) => scanSource('a.js', source).escapes.map((p) => `${p.line}:${p.column}`);
  // Followed: members, tests, aliases, calls of the file's functions, destructuring.
  assert.deepEqual(
    at("wx.a(); if (wx && typeof wx === 'object') {} const w = wx; w.b(); (function (x) { x.c() })(wx); function f(y) { y.d() } f(wx); const { e } = wx"),
    [],
  );
  assert.deepEqual(at('export default wx'), ['1:16']);
  assert.deepEqual(at('lib.init(wx)'), ['1:10']);
  assert.deepEqual(at('const o = { wx }'), ['1:13']);
  assert.deepEqual(at('let v = wx; v = 1'), ['1:9']);
  assert.deepEqual(at('const q = wx || {}'), ['1:11']);
  assert.deepEqual(at('function id(z) { return z } id(wx)'), ['1:25']);
  // wasm-bindgen's getter of a `static` bound to wx: MVP (a heap slot) and reference types.
  const heap = 'let heap = []\nfunction addHeapObject(obj) { const idx = heap.length; heap[idx] = obj; return idx }\n';
  assert.deepEqual(at(`${heap}export function __wbg_static_accessor_WX_1() { const ret = wx; return addHeapObject(ret); }`), ['2:68']);
  assert.deepEqual(at('export function __wbg_static_accessor_WX_1() { const ret = typeof wx === "undefined" ? null : wx; return ret; }'), ['1:95']);
});

test("receivers: members of objects the wasm passes to wasm-bindgen's import shims", () => {
  const source = [
    'function getObject(idx) { return heap[idx] }',
    'export function __wbg_addCard_1(arg0, arg1) { getObject(arg0).addCard(getObject(arg1)); }',
    'export function __wbg_close_2(arg0) { arg0.close(); }', // reference types: the object itself
    "export function __wbg_get_3(arg0) { return heap[arg0]['wx' + 'Name']; }",
    'export function __wbg_set_4(arg0, arg1) { getObject(arg0).field = arg1; }', // a write
    'export function helper(arg0) { arg0.notAShim(); }',
  ].join('\n');
  const result = scanSource('glue.js', source);
  assert.deepEqual(
    result.receivers.map((u) => `${u.name}@${u.line}:${u.column}${u.call ? '(call)' : ''}`),
    ['addCard@2:63(call)', 'close@3:44(call)', 'wxName@4:55'],
  );
  assert.ok(result.receivers.every((u) => u.kind === 'receiver'));
});

test('the command line reports a file it cannot analyse and goes on with the others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxuses-'));
  try {
    // TypeScript's recursive parser overflows the stack on a thousand nested parentheses.
    writeFileSync(join(dir, 'deep.js'), `const x = ${'('.repeat(1000)}1${')'.repeat(1000)}\nwx.a()\n`);
    writeFileSync(join(dir, 'plain.js'), 'wx.b()\n');
    const out = execFileSync(process.execPath, [join(HERE, '..', 'wxuses.mjs')], {
      cwd: dir,
      input: JSON.stringify(['deep.js', 'missing.js', 'plain.js']),
    });
    const report = JSON.parse(out);
    assert.deepEqual(report.map((f) => f.file), ['deep.js', 'missing.js', 'plain.js']);
    assert.match(report[0].errors[0].message, /^cannot be analysed: Maximum call stack size exceeded/);
    assert.match(report[1].errors[0].message, /^cannot be analysed: .*ENOENT/);
    assert.deepEqual(report[2].uses.map((u) => u.name), ['b']);
    assert.deepEqual(report[2].errors, []);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test("receivers: the shims of a package's adapted, minified glue too", () => {
  // As @swc/core minifies the CommonJS glue: getObject inlined as an IIFE, names mangled.
  const source = [
    'var u = [];',
    'module.exports.__wbg_getRecorderManager_6=function(e){return o((function(e){return u[e]})(e).getRecorderManager())};',
    "exports['__wbg_addCard_7']=(e,t)=>{u[e].addCard(t)};",
    'module.exports.other=function(e){(function(e){return u[e]})(e).notAShim()};',
  ].join('\n');
  assert.deepEqual(
    scanSource('glue.js', source).receivers.map((u) => `${u.name}@${u.line}`),
    ['getRecorderManager@2', 'addCard@3'],
  );
});
