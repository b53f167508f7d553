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
