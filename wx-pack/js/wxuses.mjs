#!/usr/bin/env node
// wxuses.mjs — THE analysis of "a use of the global `wx`", shared by `wx-pack check` (a
// JavaScript/TypeScript plugin's files) and `wx-pack build` (wasm-bindgen's glue and the
// plugin's JS snippets): one parser, one scope resolution, so both tools find the same uses
// and wx-pack judges them with the same Rust code. It only extracts: every decision (which
// name is permitted, forbidden or too new) is wx-pack's, from the wx-allowlist data, so
// these files name no wx function.
//
// It parses each file with the TypeScript compiler's parser (npm `typescript`, pinned by
// wx-pack; no type checking, so no typings and no tsconfig are needed). TypeScript rather
// than acorn: the checker must read TypeScript plugins, which acorn cannot parse, and the
// glue and snippets are plain ES modules, which TypeScript's parser reads as well. It reports:
//
// - `wx.name` and `wx?.name` (kind `member`), `wx['name']` with a key that folds to a string
//   (`bracket`; `'a' + 'b'` and template literals without substitutions fold);
// - `const { name, other: local } = wx` and `({ name } = wx)` (`destructure`: the place of
//   the property name in the pattern);
// - the same on an alias of `wx` that can be followed: a `const w = wx` (or a `let`/`var`
//   never assigned again) in scope, the parameter of a function called on the spot with
//   `wx` as its argument (`(function (w) { ... })(wx)`, as bundlers write), and the parameter
//   of a function of the file that some call of it by name gives `wx` (`f(wx)`);
// - `wx` reached through the global object: `globalThis.wx`, `self.wx`, `window.wx`,
//   `global.wx` (wasm-bindgen writes `globalThis.wx.name(...)` for
//   `js_namespace = ["globalThis", "wx"]`), also through an alias of the global object;
// - a `wx` that a declaration of the file shadows (a parameter, a `let wx`, an import) is
//   not the global and is not followed; TypeScript's ambient `declare const wx` is the global.
//
// What cannot be followed is reported too, for wx-pack to warn about (the uses are not
// checked) or, in wasm-bindgen's glue, to judge conservatively:
//
// - `dynamic`: `wx[expr]` (and `globalThis[expr]`) with a key that does not fold to a string;
// - `escapes`: `wx` used as a value that leaves what this file can follow (returned, stored,
//   passed to a function of another module): wasm-bindgen's getter of a `static` bound to
//   `wx` (`const ret = wx; return addHeapObject(ret)`) is one;
// - `receivers`: in wasm-bindgen's import shims (top-level functions named `__wbg_…`), the
//   members read or called on an object the wasm passes in (`getObject(arg0).name(...)`,
//   `arg0.name(...)` with reference types). When `wx` escapes into the wasm, such an object
//   may be `wx` itself (a `method` import on a `static` bound to `wx`): wx-pack judges those
//   names then.
//
// Feature detection is marked, for wx-pack to judge: a use that only tests whether a member
// is there (`if (wx.name)`, `typeof wx.name`, `wx.name && ...`, `'name' in wx`) has
// `guard: true`; a use where such a condition holds (`if (wx.name) { wx.name() }`,
// `wx.name && wx.name()`, `typeof wx.name === 'function' ? wx.name() : ...`) has
// `guarded: true`.
//
// Command line: `node wxuses.mjs` reads a JSON array of file paths on stdin and prints one
// JSON array on stdout, one element per file, in order:
//   {file, uses: [{name, line, column, kind, call, guard, guarded}], dynamic: [{line, column}],
//    escapes: [{line, column}], receivers: [{name, line, column, kind, call, guard, guarded}],
//    errors: [{line, column, message}]}
// `line` and `column` are 1-based, the column in UTF-16 code units (as editors and ESLint
// count); `call` says whether the use is called right there (`wx.name(...)`). A file that
// cannot be read, parsed or analysed (TypeScript's recursive parser overflows the stack on
// about a thousand nested parentheses) gets an error of its own, and the other files are
// still analysed.

// The work is done by the modules of wxuses/, one job each:
//   wxuses/syntax.mjs   TypeScript's parser, and plain questions of its nodes (keys, places)
//   wxuses/scopes.mjs   declarations, resolution, writes, calls of the file's own functions
//   wxuses/aliases.mjs  what an expression is (wx, the global object, an alias), escapes
//   wxuses/guards.mjs   feature detection: tests of a member, the guards of a condition
//   wxuses/shims.mjs    wasm-bindgen's import shims: members used on objects from the wasm
//   wxuses/scan.mjs     one file's uses, the walk that puts the above together
// wx-pack embeds each of them (src/tools/scripts.rs) and writes them to its cache with it.

import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanFile } from './wxuses/scan.mjs';

export { scanFile, scanSource } from './wxuses/scan.mjs';

if (process.argv[1] && resolvePath(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = JSON.parse(readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(files.map(scanFile)));
}
