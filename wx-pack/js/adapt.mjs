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

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// wx-pack names the node_modules folder it installed or found (its cache, or
// WX_PACK_NODE_MODULES), which need not be above this file; run by hand in the
// checkout, the usual lookup finds the workspace's node_modules.
const acorn = process.env.WX_PACK_NODE_MODULES
  ? createRequire(import.meta.url)(join(process.env.WX_PACK_NODE_MODULES, 'acorn'))
  : await import('acorn');

const HERE = dirname(fileURLToPath(import.meta.url));
const PREFIX = '__wxpack_';

// glue: `__wxpack_guard(exports)` wraps every function the wasm exports so that, when a
// call throws (a trap: a Rust panic with panic = "abort", or a JS exception passing
// through), the shadow-stack pointer goes back to where that call found it. Nothing else
// unwinds the frames a trap abandons. It needs the two exports wx-pack adds to the module
// (wasm.rs); without them it returns the exports unchanged. The other exports are copied
// as they are: the memory and tables are objects that stay the same (wasm2js's memory
// too: its buffer is a getter).
const WASM_EXPORTS = new Set([`${PREFIX}stack_pointer`, `${PREFIX}set_stack_pointer`]);
const GUARD = `
function ${PREFIX}guard(exports) {
  var get = exports.${PREFIX}stack_pointer, set = exports.${PREFIX}set_stack_pointer, guarded = {};
  if (!set) return exports;
  Object.keys(exports).forEach(function (name) {
    var f = exports[name];
    guarded[name] = typeof f !== 'function' ? f : function () {
      var sp = get();
      try { return f.apply(this, arguments); } catch (e) { set(sp); throw e; }
    };
  });
  return guarded;
}
`;

/** An error that points at a place in the input. */
export class AdaptError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AdaptError';
  }
}

function fail(source, pos, message) {
  if (pos !== undefined && pos !== null) {
    const { line, column } = acorn.getLineInfo(source, pos);
    throw new AdaptError(`${line}:${column + 1}: ${message}`);
  }
  throw new AdaptError(message);
}

export function parseModule(source) {
  try {
    return acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch (e) {
    throw new AdaptError(`cannot parse the module: ${e.message}`);
  }
}

// ---------------------------------------------------------------------------------------
// AST helpers

const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'value', 'regex', 'bigint']);

/** Calls `visit(node, ancestors)` for every node, depth first; ancestors[0] is the root. */
function walk(node, visit, ancestors = []) {
  visit(node, ancestors);
  ancestors.push(node);
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const child = node[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof c.type === 'string') walk(c, visit, ancestors);
    } else if (child && typeof child.type === 'string') {
      walk(child, visit, ancestors);
    }
  }
  ancestors.pop();
}

/** The names a binding pattern declares. */
function patternNames(pattern, out = []) {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternNames(e, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    default:
      break;
  }
  return out;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** The names a statement list declares lexically (let/const/class/function). */
function lexicalNames(statements, out = new Set()) {
  for (const s of statements) {
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') {
      for (const d of s.declarations) for (const n of patternNames(d.id)) out.add(n);
    } else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) {
      out.add(s.id.name);
    } else if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) {
      lexicalNames([s.declaration], out);
    } else if (s.type === 'ImportDeclaration') {
      for (const sp of s.specifiers) out.add(sp.local.name);
    }
  }
  return out;
}

/** The names `var` declares inside a function body (not inside nested functions). */
function varNames(body, out = new Set()) {
  walkNoFunctions(body, (n) => {
    if (n.type === 'VariableDeclaration' && n.kind === 'var') {
      for (const d of n.declarations) for (const name of patternNames(d.id)) out.add(name);
    }
  });
  return out;
}

function walkNoFunctions(node, visit) {
  visit(node);
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const child = node[key];
    const kids = Array.isArray(child) ? child : [child];
    for (const c of kids) {
      if (c && typeof c.type === 'string' && !FUNCTION_TYPES.has(c.type)) walkNoFunctions(c, visit);
    }
  }
}

/** The names a scope-creating node declares (memoised: scopes are asked once per use). */
const scopeCache = new WeakMap();
function scopeNames(scope) {
  let names = scopeCache.get(scope);
  if (names) return names;
  names = new Set();
  const addPattern = (p) => {
    for (const n of patternNames(p)) names.add(n);
  };
  const addDecl = (decl) => {
    if (decl && decl.type === 'VariableDeclaration') for (const d of decl.declarations) addPattern(d.id);
  };
  switch (scope.type) {
    case 'Program':
      lexicalNames(scope.body, names);
      varNames(scope, names);
      break;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (scope.type === 'FunctionExpression' && scope.id) names.add(scope.id.name);
      scope.params.forEach(addPattern);
      if (scope.type !== 'ArrowFunctionExpression') names.add('arguments');
      if (scope.body.type === 'BlockStatement') varNames(scope.body, names);
      break;
    case 'BlockStatement':
    case 'StaticBlock':
      lexicalNames(scope.body, names);
      break;
    case 'SwitchStatement':
      for (const c of scope.cases) lexicalNames(c.consequent, names);
      break;
    case 'CatchClause':
      addPattern(scope.param);
      break;
    case 'ForStatement':
      addDecl(scope.init);
      break;
    case 'ForInStatement':
    case 'ForOfStatement':
      addDecl(scope.left);
      break;
    case 'ClassExpression':
      if (scope.id) names.add(scope.id.name);
      break;
    default:
      break;
  }
  scopeCache.set(scope, names);
  return names;
}

/** Is the identifier `name`, used below `ancestors`, the global one? */
function isGlobal(name, ancestors) {
  for (let i = ancestors.length - 1; i >= 0; i--) if (scopeNames(ancestors[i]).has(name)) return false;
  return true;
}

/** Is this Identifier node used as a value (not a property key, label or declared name)? */
function isReference(node, parent) {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node || parent.computed;
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
      return parent.value === node || (parent.computed && parent.key === node) || (parent.shorthand && parent.value === node);
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ExportSpecifier':
      return false;
    case 'MetaProperty':
      return false;
    default:
      return true;
  }
}

/** Free (global) identifiers of the module that are in `names`. */
function usedGlobals(ast, names) {
  const found = new Set();
  walk(ast, (node, ancestors) => {
    if (node.type !== 'Identifier' || !names.has(node.name) || found.has(node.name)) return;
    const parent = ancestors[ancestors.length - 1];
    if (!isReference(node, parent)) return;
    if (isGlobal(node.name, ancestors)) found.add(node.name);
  });
  return found;
}

/** Top-level bindings that some code assigns to (`x = …`, `x++`, `for (x of …)`). */
function assignedGlobals(ast) {
  const out = new Set();
  const top = scopeNames(ast);
  walk(ast, (node, ancestors) => {
    let targets = [];
    if (node.type === 'AssignmentExpression') targets = patternNames(node.left);
    else if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier') targets = [node.argument.name];
    else if ((node.type === 'ForInStatement' || node.type === 'ForOfStatement') && node.left.type !== 'VariableDeclaration') targets = patternNames(node.left);
    for (const t of targets) {
      if (!top.has(t)) continue;
      // Declared at the top and not shadowed on the way: a reassignment of the top binding.
      let shadowed = false;
      for (let i = ancestors.length - 1; i >= 1; i--) if (scopeNames(ancestors[i]).has(t)) shadowed = true;
      if (!shadowed) out.add(t);
    }
  });
  return out;
}

/** The lowest ECMAScript edition the code parses as (script goal), e.g. 5, 2015, 2020. */
export function minimumEcmaVersion(code) {
  for (const v of [5, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
    try {
      acorn.parse(code, { ecmaVersion: v, sourceType: 'script' });
      return v;
    } catch {
      // try the next edition
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// The UTF-8 polyfill

let utf8Source;
/** The source text of the `wxPackUtf8` function in utf8.cjs. */
export function utf8FunctionSource() {
  if (utf8Source === undefined) {
    const text = readFileSync(join(HERE, 'utf8.cjs'), 'utf8');
    const comments = [];
    const ast = acorn.parse(text, { ecmaVersion: 5, sourceType: 'script', onComment: comments });
    const fn = ast.body.find((s) => s.type === 'FunctionDeclaration' && s.id.name === 'wxPackUtf8');
    if (!fn) throw new AdaptError('utf8.cjs has no wxPackUtf8 function');
    // Its comments (by their parsed ranges) and blank lines stay in utf8.cjs: plugins pay for size.
    let code = '';
    let at = fn.start;
    for (const c of comments.filter((c) => c.start >= fn.start && c.end <= fn.end)) {
      code += text.slice(at, c.start) + (c.type === 'Block' ? ' ' : '');
      at = c.end;
    }
    code += text.slice(at, fn.end);
    utf8Source = code
      .split('\n')
      .map((line) => line.replace(/\s+$/, ''))
      .filter((line) => line !== '')
      .join('\n');
  }
  return utf8Source;
}

// ---------------------------------------------------------------------------------------
// ES module → CommonJS

const jsString = (s) => JSON.stringify(s);

function isRelative(spec) {
  return spec.startsWith('./') || spec.startsWith('../');
}

/**
 * Converts an ES module to a CommonJS module.
 *
 * options.kind: 'glue' | 'wasm2js' | 'module'
 * options.banner: a comment line put first
 *
 * Returns { code, exports: [{name, kind}], requires, polyfill, memoryViews, growHook,
 *           esVersion }.
 */
export function toCommonJS(source, options = {}) {
  const kind = options.kind || 'module';
  const ast = parseModule(source);
  const edits = []; // { start, end, text }
  const exported = new Map(); // exported name -> { local: JS expression, kind }
  const requires = [];
  let counter = 0;

  const addExport = (name, local, exportKind, pos) => {
    if (exported.has(name)) fail(source, pos, `\`${name}\` is exported twice`);
    exported.set(name, { local, kind: exportKind });
  };

  // Our own names must not collide with the module's. wasm2js output names the exports
  // wx-pack added to the wasm module (wasm.rs): those are ours.
  const ours = kind === 'wasm2js' ? WASM_EXPORTS : new Set();
  walk(ast, (node) => {
    if (node.type === 'Identifier' && node.name.startsWith(PREFIX) && !ours.has(node.name)) {
      fail(source, node.start, `the module already uses the identifier \`${node.name}\`, reserved for wx-pack`);
    }
  });
  // What an ES module may do that CommonJS cannot.
  walk(ast, (node, ancestors) => {
    if (node.type === 'MetaProperty' && node.meta.name === 'import') fail(source, node.start, '`import.meta` has no CommonJS equivalent');
    if (node.type === 'ImportExpression') fail(source, node.start, 'dynamic `import()` is not supported in WeChat plugins');
    if (node.type === 'AwaitExpression' && !ancestors.some((a) => FUNCTION_TYPES.has(a.type))) {
      fail(source, node.start, 'top-level `await` has no CommonJS equivalent');
    }
  });

  const requireOf = (node) => {
    const spec = node.source.value;
    if (!isRelative(spec)) {
      fail(source, node.source.start, `imports the package ${jsString(spec)}: only relative modules can be packaged into a plugin`);
    }
    requires.push(spec);
    return `require(${jsString(spec)})`;
  };

  for (const node of ast.body) {
    switch (node.type) {
      case 'ImportDeclaration': {
        const req = requireOf(node);
        const parts = [];
        if (node.specifiers.length === 0) {
          parts.push(`${req};`);
        } else {
          const ns = node.specifiers.find((s) => s.type === 'ImportNamespaceSpecifier');
          const tmp = ns ? ns.local.name : `${PREFIX}import${counter++}`;
          parts.push(`var ${tmp} = ${req};`);
          for (const s of node.specifiers) {
            if (s.type === 'ImportDefaultSpecifier') {
              parts.push(`var ${s.local.name} = ${tmp} && ${tmp}.__esModule ? ${tmp}.default : ${tmp};`);
            } else if (s.type === 'ImportSpecifier') {
              const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
              parts.push(`var ${s.local.name} = ${tmp}[${jsString(imported)}];`);
            }
          }
        }
        edits.push({ start: node.start, end: node.end, text: parts.join(' ') });
        break;
      }
      case 'ExportNamedDeclaration': {
        if (node.declaration) {
          const d = node.declaration;
          edits.push({ start: node.start, end: d.start, text: '' });
          if (d.type === 'FunctionDeclaration') addExport(d.id.name, d.id.name, 'function', node.start);
          else if (d.type === 'ClassDeclaration') addExport(d.id.name, d.id.name, 'class', node.start);
          else for (const decl of d.declarations) for (const n of patternNames(decl.id)) addExport(n, n, 'value', node.start);
        } else if (node.source) {
          const tmp = `${PREFIX}reexport${counter++}`;
          edits.push({ start: node.start, end: node.end, text: `var ${tmp} = ${requireOf(node)};` });
          for (const s of node.specifiers) {
            const local = s.local.type === 'Identifier' ? s.local.name : s.local.value;
            const name = s.exported.type === 'Identifier' ? s.exported.name : s.exported.value;
            addExport(name, `${tmp}[${jsString(local)}]`, 'reexport', node.start);
          }
        } else {
          edits.push({ start: node.start, end: node.end, text: '' });
          for (const s of node.specifiers) {
            const name = s.exported.type === 'Identifier' ? s.exported.name : s.exported.value;
            addExport(name, s.local.name, 'value', node.start);
          }
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const d = node.declaration;
        if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
          edits.push({ start: node.start, end: d.start, text: '' });
          addExport('default', d.id.name, d.type === 'FunctionDeclaration' ? 'function' : 'class', node.start);
        } else {
          const tmp = `${PREFIX}default`;
          edits.push({ start: node.start, end: d.start, text: `var ${tmp} = ` });
          if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') edits.push({ start: node.end, end: node.end, text: ';' });
          addExport('default', tmp, 'value', node.start);
        }
        break;
      }
      case 'ExportAllDeclaration':
        fail(source, node.start, '`export * from` is not supported: name the re-exported bindings');
        break;
      default:
        break;
    }
  }

  // Which exports are functions, also through `export { f }` lists.
  const topFunctions = new Set(ast.body.filter((s) => s.type === 'FunctionDeclaration').map((s) => s.id.name));
  const topClasses = new Set(ast.body.filter((s) => s.type === 'ClassDeclaration').map((s) => s.id.name));
  for (const e of exported.values()) {
    if (e.kind === 'value' && topFunctions.has(e.local)) e.kind = 'function';
    if (e.kind === 'value' && topClasses.has(e.local)) e.kind = 'class';
  }

  const topNames = new Set([...lexicalNames(ast.body), ...varNames(ast)]);
  const globals = usedGlobals(ast, new Set(['TextEncoder', 'TextDecoder']));
  const polyfill = {
    TextEncoder: globals.has('TextEncoder') && !topNames.has('TextEncoder'),
    TextDecoder: globals.has('TextDecoder') && !topNames.has('TextDecoder'),
  };

  // glue: the cached views of wasm memory, to forget when wasm2js memory grows.
  const memoryViews = [];
  if (kind === 'glue') {
    for (const s of ast.body) {
      if (s.type !== 'VariableDeclaration' || s.kind === 'const') continue;
      for (const d of s.declarations) {
        if (d.id.type === 'Identifier' && /^cached\w*Memory\d*$/.test(d.id.name)) memoryViews.push(d.id.name);
      }
    }
    addExport(`${PREFIX}reset_memory_views`, `${PREFIX}reset_memory_views`, 'internal');
    addExport(`${PREFIX}guard`, `${PREFIX}guard`, 'internal');
  }

  // wasm2js: wrap `__wasm_memory_grow` inside `asmFunc` so listeners hear of every growth.
  let growHook = false;
  if (kind === 'wasm2js') {
    const asmFunc = ast.body.find((s) => s.type === 'FunctionDeclaration' && s.id.name === 'asmFunc');
    if (!asmFunc) fail(source, null, 'this is not wasm2js output: there is no top-level `function asmFunc`');
    const body = asmFunc.body.body;
    if (body.some((s) => s.type === 'FunctionDeclaration' && s.id.name === '__wasm_memory_grow')) {
      let at = asmFunc.body.start + 1;
      for (const s of body) {
        if (s.type === 'ExpressionStatement' && s.directive) at = s.end;
        else break;
      }
      edits.push({ start: at, end: at, text: `\n  __wasm_memory_grow = ${PREFIX}wrap_grow(__wasm_memory_grow);` });
      growHook = true;
    }
    addExport(`${PREFIX}on_memory_grow`, `${PREFIX}on_memory_grow`, 'internal');
  }

  // Apply the edits, last first.
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let body = source;
  let last = Infinity;
  for (const e of edits) {
    if (e.end > last) throw new AdaptError('internal error: overlapping edits');
    body = body.slice(0, e.start) + e.text + body.slice(e.end);
    last = e.start;
  }

  const out = [];
  if (options.banner) out.push(`// ${options.banner}`);
  out.push('(function () {');
  out.push("'use strict';");
  if (polyfill.TextEncoder || polyfill.TextDecoder) {
    out.push('// UTF-8 TextEncoder/TextDecoder: WeChat phones have none (see wx-pack/js/utf8.cjs).');
    out.push(`var ${PREFIX}utf8 = (${utf8FunctionSource()})();`);
    if (polyfill.TextEncoder) out.push(`var TextEncoder = ${PREFIX}utf8.TextEncoder;`);
    if (polyfill.TextDecoder) out.push(`var TextDecoder = ${PREFIX}utf8.TextDecoder;`);
  }
  if (kind === 'glue') {
    out.push(`function ${PREFIX}reset_memory_views() {${memoryViews.map((v) => ` ${v} = null;`).join('')} }`);
    out.push(GUARD.trim());
  }
  if (kind === 'wasm2js') {
    out.push(`var ${PREFIX}grow_listeners = [];`);
    out.push(`function ${PREFIX}on_memory_grow(listener) { ${PREFIX}grow_listeners.push(listener); }`);
    out.push(
      `function ${PREFIX}wrap_grow(grow) { return function (pagesToAdd) { var old = grow(pagesToAdd);` +
        ` for (var i = 0; i < ${PREFIX}grow_listeners.length; i++) ${PREFIX}grow_listeners[i](); return old; }; }`,
    );
  }
  out.push("Object.defineProperty(module.exports, '__esModule', { value: true });");
  // A function declaration is hoisted and never reassigned (checked): export its value
  // directly. Anything else gets a getter, which keeps ES module live-binding semantics.
  const reassigned = assignedGlobals(ast);
  for (const [name, e] of exported) {
    const plain = (e.kind === 'function' || e.kind === 'internal') && /^[A-Za-z_$][\w$]*$/.test(e.local) && !reassigned.has(e.local);
    if (plain) out.push(`module.exports[${jsString(name)}] = ${e.local};`);
    else out.push(`Object.defineProperty(module.exports, ${jsString(name)}, { enumerable: true, get: function () { return ${e.local}; } });`);
  }
  out.push(body.replace(/\s+$/, ''));
  out.push('})();');
  out.push('');
  const code = out.join('\n');

  return {
    code,
    exports: [...exported].filter(([, e]) => e.kind !== 'internal').map(([name, e]) => ({ name, kind: e.kind })),
    requires,
    polyfill,
    memoryViews,
    growHook,
    esVersion: minimumEcmaVersion(code),
  };
}

// ---------------------------------------------------------------------------------------
// Lowering the syntax: ES5 for the old base libraries, ES2017 for WXWebAssembly's engines

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

function parseScriptOrFail(code, ecmaVersion, what) {
  try {
    return acorn.parse(code, { ecmaVersion, sourceType: 'script' });
  } catch (e) {
    throw new AdaptError(`${what} does not parse as ${ecmaVersion === 'latest' ? 'a script' : `ECMAScript ${ecmaVersion}`}: ${e.message}`);
  }
}

// ---------------------------------------------------------------------------------------
// wasm-bindgen's bundler entry

/**
 * Reads the bundler entry `<name>.js` that wasm-bindgen writes next to the glue:
 *
 *   import * as wasm from "./<name>_bg.wasm";
 *   import { __wbg_set_wasm } from "./<name>_bg.js";
 *   __wbg_set_wasm(wasm);
 *   wasm.__wbindgen_start();
 *   export { hello, later } from "./<name>_bg.js";
 *
 * Returns { wasmModule, glueModule, setWasm, startCalls: [export names called on wasm, in
 * order], exports: [{name, local}] }. Anything else in the entry is an error, so that a
 * wasm-bindgen that initialises differently is noticed rather than silently mis-wired.
 */
export function readEntry(source) {
  const ast = parseModule(source);
  const info = { wasmModule: null, glueModule: null, setWasm: false, startCalls: [], exports: [] };
  let wasmNs = null;
  let setWasmLocal = null;
  const unexpected = (node) => fail(source, node.start, `unexpected statement in wasm-bindgen's bundler entry: \`${source.slice(node.start, node.end).split('\n')[0]}\``);
  for (const node of ast.body) {
    if (node.type === 'ImportDeclaration') {
      const spec = node.source.value;
      const ns = node.specifiers.find((s) => s.type === 'ImportNamespaceSpecifier');
      if (spec.endsWith('.wasm') && ns) {
        info.wasmModule = spec;
        wasmNs = ns.local.name;
      } else if (spec.endsWith('.js')) {
        info.glueModule = spec;
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier' && s.imported.name === '__wbg_set_wasm') setWasmLocal = s.local.name;
          else unexpected(node);
        }
      } else {
        unexpected(node);
      }
    } else if (node.type === 'ExpressionStatement' && node.expression.type === 'CallExpression') {
      const call = node.expression;
      if (call.callee.type === 'Identifier' && call.callee.name === setWasmLocal && call.arguments.length === 1 && call.arguments[0].type === 'Identifier' && call.arguments[0].name === wasmNs) {
        info.setWasm = true;
      } else if (
        call.callee.type === 'MemberExpression' && !call.callee.computed && call.callee.object.type === 'Identifier' &&
        call.callee.object.name === wasmNs && call.arguments.length === 0
      ) {
        if (!info.setWasm) unexpected(node);
        info.startCalls.push(call.callee.property.name);
      } else {
        unexpected(node);
      }
    } else if (node.type === 'ExportNamedDeclaration' && node.source && !node.declaration) {
      if (node.source.value !== info.glueModule) unexpected(node);
      for (const s of node.specifiers) {
        info.exports.push({
          name: s.exported.type === 'Identifier' ? s.exported.name : s.exported.value,
          local: s.local.type === 'Identifier' ? s.local.name : s.local.value,
        });
      }
    } else if (node.type === 'EmptyStatement') {
      // nothing
    } else {
      unexpected(node);
    }
  }
  if (!info.wasmModule || !info.glueModule || !info.setWasm) {
    fail(source, null, "wasm-bindgen's bundler entry does not import the wasm and `__wbg_set_wasm` and call it as expected");
  }
  return info;
}

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
