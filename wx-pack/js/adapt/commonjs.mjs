// commonjs.mjs — an ES module → a CommonJS module a WeChat plugin can `require`, on acorn's
// tree (edits by node spans, never regular expressions over the text): exports collected and
// defined on `module.exports` at the top, relative imports as `require`s, the whole wrapped in
// a strict function scope with its own UTF-8 TextEncoder/TextDecoder where used, and the
// `__wxpack_*` hooks of protocol.mjs: the glue's guard and memory-view reset, wasm2js's
// memory-growth listeners.

import {
  AdaptError,
  fail,
  FUNCTION_TYPES,
  lexicalNames,
  minimumEcmaVersion,
  parseModule,
  patternNames,
  varNames,
  walk,
} from './ast.mjs';
import { assignedGlobals, usedGlobals } from './scope.mjs';
import { utf8FunctionSource } from './utf8.mjs';
import {
  GUARD,
  GUARD_SOURCE,
  growHookSource,
  ON_MEMORY_GROW,
  PREFIX,
  RESET_MEMORY_VIEWS,
  resetMemoryViewsSource,
  WASM_EXPORTS,
  WRAP_GROW,
} from './protocol.mjs';

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
    addExport(RESET_MEMORY_VIEWS, RESET_MEMORY_VIEWS, 'internal');
    addExport(GUARD, GUARD, 'internal');
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
      edits.push({ start: at, end: at, text: `\n  __wasm_memory_grow = ${WRAP_GROW}(__wasm_memory_grow);` });
      growHook = true;
    }
    addExport(ON_MEMORY_GROW, ON_MEMORY_GROW, 'internal');
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
    out.push(resetMemoryViewsSource(memoryViews));
    out.push(GUARD_SOURCE.trim());
  }
  if (kind === 'wasm2js') {
    out.push(...growHookSource());
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
