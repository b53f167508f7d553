#!/usr/bin/env node
// adapt.mjs — turns the ES modules that wasm-bindgen (bundler target) and binaryen's
// wasm2js write into CommonJS modules a WeChat plugin can `require`.
//
// It works on an AST (acorn), never on regular expressions over the text:
//
// - every `export` is removed by its node's span and its names are collected; the module
//   then defines them on `module.exports` as getters at the top (live bindings, and
//   hoisted functions are visible to a module that requires this one in a cycle);
// - `import` declarations of relative paths become `require` calls; a bare specifier
//   (an npm package), `import.meta`, dynamic `import()` and `export *` are errors;
// - the whole module is wrapped in a function scope, strict like an ES module, which binds
//   its own UTF-8 `TextEncoder` / `TextDecoder` (from utf8.cjs) when the module uses them:
//   WeChat phones have neither;
// - the uses of the global `wx` are not judged here: wx-pack reads them from wasm-bindgen's
//   glue and snippets with wxuses.mjs, the analysis `wx-pack check` uses, so that the build
//   and the checker agree;
// - glue: a `__wxpack_reset_memory_views()` export forgets the glue's cached views of wasm
//   memory (`cached…Memory0`); wasm2js: a `__wxpack_on_memory_grow(listener)` export is
//   called after every `memory.grow`. wasm2js grows memory by copying into a new
//   ArrayBuffer without detaching the old one, so the glue's "detached buffer" check never
//   fires there; index.js links the two.
//
// Command line (a JSON report is printed on stdout; errors go to stderr with exit code 1):
//   node adapt.mjs glue    <in.js> <out.js>   wasm-bindgen's <name>_bg.js
//   node adapt.mjs wasm2js <in.js> <out.js>   binaryen wasm2js output
//   node adapt.mjs module  <in.js> <out.js>   any other ES module (wasm-bindgen snippets)
//   node adapt.mjs entry   <in.js>            read wasm-bindgen's bundler entry <name>.js
//   node adapt.mjs lower   <in.js> <out.js> es5|es2017 [minify]
//                                             an adapted CommonJS module, its syntax lowered
//                                             to that edition with @swc/core (see `lower`),
//                                             then minified if asked (see `minifyScript`)
//   node adapt.mjs minify  <in.js> <out.js> es5|es2017 [mangle-only]
//                                             a CommonJS script of that edition, minified
//                                             (names only, with mangle-only)

// The work is done by the modules of adapt/, one job each:
//   adapt/ast.mjs       acorn, errors with places, the tree walk, declared names, editions
//   adapt/scope.mjs     free identifiers and reassigned top-level bindings
//   adapt/utf8.mjs      the UTF-8 TextEncoder/TextDecoder taken from utf8.cjs
//   adapt/protocol.mjs  the __wxpack_* names and hooks (src/protocol.rs on the Rust side)
//   adapt/commonjs.mjs  ES module → CommonJS, with the guard and the memory hooks
//   adapt/lower.mjs     @swc/core: lowering to ES5/ES2017 and minifying
//   adapt/entry.mjs     wasm-bindgen's bundler entry
// wx-pack embeds each of them (src/tools/scripts.rs), and its stage cache's key covers each.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdaptError } from './adapt/ast.mjs';
import { toCommonJS } from './adapt/commonjs.mjs';
import { readEntry } from './adapt/entry.mjs';
import { lower, minifyScript } from './adapt/lower.mjs';

export { AdaptError, parseModule, minimumEcmaVersion } from './adapt/ast.mjs';
export { utf8FunctionSource } from './adapt/utf8.mjs';
export { toCommonJS } from './adapt/commonjs.mjs';
export { LOWER_TARGETS, lower, minifyScript } from './adapt/lower.mjs';
export { readEntry } from './adapt/entry.mjs';

// ---------------------------------------------------------------------------------------
// Command line

async function main(argv) {
  const [command, input, output, target, option] = argv;
  const usage = 'usage: node adapt.mjs glue|wasm2js|module <in.js> <out.js> | entry <in.js> | lower <in.js> <out.js> es5|es2017 [minify] | minify <in.js> <out.js> es5|es2017 [mangle-only]';
  if (!command || !input) throw new AdaptError(usage);
  const source = readFileSync(input, 'utf8');
  if (command === 'entry') {
    process.stdout.write(JSON.stringify(readEntry(source)) + '\n');
    return;
  }
  if (command === 'minify') {
    if (!output || !target || (option !== undefined && option !== 'mangle-only')) throw new AdaptError(usage);
    const code = await minifyScript(source, target, { compress: option !== 'mangle-only' });
    writeFileSync(output, code);
    process.stdout.write(JSON.stringify({ bytes: Buffer.byteLength(code) }) + '\n');
    return;
  }
  if (command === 'lower') {
    if (!output || !target || (option !== undefined && option !== 'minify')) throw new AdaptError(usage);
    const { code, ...report } = await lower(source, target, { minify: option === 'minify' });
    writeFileSync(output, code);
    report.bytes = Buffer.byteLength(code);
    process.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  if (!['glue', 'wasm2js', 'module'].includes(command) || !output) throw new AdaptError(usage);
  const banner = options_banner(command, input);
  const result = toCommonJS(source, { kind: command, banner });
  writeFileSync(output, result.code);
  const { code, ...report } = result;
  report.bytes = Buffer.byteLength(code);
  process.stdout.write(JSON.stringify(report) + '\n');
}

function options_banner(kind, input) {
  const what = { glue: "wasm-bindgen's glue", wasm2js: 'wasm2js output', module: 'an ES module' }[kind];
  const base = input.split(/[\\/]/).pop();
  return `Generated by wx-pack from ${what} (${base}), as a CommonJS module for WeChat. Do not edit.`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    await main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`adapt.mjs: ${e instanceof AdaptError ? e.message : e.stack || e}\n`);
    process.exit(1);
  }
}

