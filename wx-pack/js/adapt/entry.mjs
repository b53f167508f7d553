// entry.mjs — wasm-bindgen's bundler entry `<name>.js` read: the glue module, the start
// calls and the exports index.js wires up.

import { fail, parseModule } from './ast.mjs';

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
