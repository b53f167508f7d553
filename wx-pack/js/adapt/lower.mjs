// lower.mjs — the syntax of an adapted CommonJS module lowered with @swc/core to ES5 (the
// wasm2js mode's old base libraries) or ES2017 (WXWebAssembly's engines), and the minifier.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { acorn, AdaptError, minimumEcmaVersion, parseScriptOrFail, walk } from './ast.mjs';

const jsString = (s) => JSON.stringify(s);

/** The editions `lower` writes, as acorn's `ecmaVersion` numbers. */
export const LOWER_TARGETS = { es5: 5, es2017: 2017 };

let swc;
/** @swc/core, loaded on first use (only `lower` needs it), from wx-pack's node_modules. */
async function loadSwc() {
  if (!swc) {
    swc = process.env.WX_PACK_NODE_MODULES
      ? createRequire(import.meta.url)(join(process.env.WX_PACK_NODE_MODULES, '@swc', 'core'))
      : createRequire(import.meta.url)('@swc/core');
  }
  return swc;
}

/** The `require('…')` specifiers of a script, sorted, duplicates kept. */
function requireSpecs(code) {
  const specs = [];
  walk(acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' }), (node) => {
    if (
      node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' &&
      node.arguments.length === 1 && node.arguments[0].type === 'Literal'
    ) {
      specs.push(String(node.arguments[0].value));
    }
  });
  return specs.sort();
}

/**
 * Lowers the syntax of a CommonJS script (adapt.mjs's output) to `target` ('es5' or
 * 'es2017') with @swc/core: `let`/`const`, arrows, classes, template literals, spread and
 * rest, `?.` and `??`... The helpers swc needs are inlined at the top (no `require` of a
 * helper package: checked), the polyfill-free way (no `regenerator-runtime`, no core-js:
 * built-ins such as `Promise`, `Symbol`, `FinalizationRegistry` are used as the code used
 * them, behind the tests the glue makes itself). Refuses an output that does not parse as
 * that edition (acorn, script goal).
 *
 * Returns { code, esVersion, helpers: [names of the inlined helper functions] }.
 */
export async function lower(source, target, { minify = false } = {}) {
  const ecmaVersion = LOWER_TARGETS[target];
  if (!ecmaVersion) throw new AdaptError(`unknown target ${jsString(target)}: expected es5 or es2017`);
  const { transformSync } = await loadSwc();
  const before = parseScriptOrFail(source, 'latest', 'the module');
  let code;
  try {
    code = transformSync(source, {
      jsc: { target, parser: { syntax: 'ecmascript' }, externalHelpers: false, loose: false },
      isModule: false,
      sourceMaps: false,
      minify: false,
      swcrc: false,
      configFile: false,
    }).code;
  } catch (e) {
    throw new AdaptError(`@swc/core could not lower the module to ${target}: ${e.message || e}`);
  }
  const after = parseScriptOrFail(code, ecmaVersion, `the ${target} output of @swc/core`);
  const was = requireSpecs(source).join('\n');
  const now = requireSpecs(code).join('\n');
  if (was !== now) throw new AdaptError(`the ${target} output requires other modules than the input: ${jsString(now)} instead of ${jsString(was)}`);
  const existing = new Set(before.body.filter((s) => s.type === 'FunctionDeclaration').map((s) => s.id.name));
  const helpers = after.body
    .filter((s) => s.type === 'FunctionDeclaration' && !existing.has(s.id.name))
    .map((s) => s.id.name);
  if (minify) code = await minifyScript(code, target);
  return { code, esVersion: minimumEcmaVersion(code), helpers };
}

/**
 * Minifies a CommonJS script already at `target` ('es5' or 'es2017') with @swc/core's
 * minifier: mangled names (top-level names and properties kept, so the module's exports
 * and the wasm's import names do not change) and, with `compress`, rewritten code. A
 * plugin counts against its host's 2 MB: this takes wasm-bindgen's glue to about a
 * third of its size, wasm2js output (mangled only) to about 40%. wasm2js output is never
 * compressed: swc's compressor broke it (tests/plugins/panics: an export trapped before
 * its first `wx` call), where mangling alone changes nothing but names. Refuses an output
 * that is not of that edition or that requires other modules than the input.
 */
export async function minifyScript(source, target, { compress = true } = {}) {
  const ecmaVersion = LOWER_TARGETS[target];
  if (!ecmaVersion) throw new AdaptError(`unknown target ${jsString(target)}: expected es5 or es2017`);
  const { minifySync } = await loadSwc();
  let code;
  try {
    code = minifySync(source, { compress, mangle: true, ecma: ecmaVersion, module: false, sourceMap: false }).code;
  } catch (e) {
    throw new AdaptError(`@swc/core could not minify the module: ${e.message || e}`);
  }
  parseScriptOrFail(code, ecmaVersion, `the minified ${target} output of @swc/core`);
  const was = requireSpecs(source).join('\n');
  const now = requireSpecs(code).join('\n');
  if (was !== now) throw new AdaptError(`the minified output requires other modules than the input: ${jsString(now)} instead of ${jsString(was)}`);
  return code;
}
