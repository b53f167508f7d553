// shims.mjs — wasm-bindgen's import shims (top-level functions named `__wbg_…`): the members
// they read or call on an object the wasm passes in (`getObject(arg0).name(...)`). When `wx`
// escapes into the wasm, such an object may be `wx` itself, and wx-pack judges those names.

import { FUNCTION_LIKE, SK, constantString, isCalled, isWriteTarget, position, propertyKey, ts, unwrap, valueParent } from './syntax.mjs';
import { resolve } from './scopes.mjs';

/**
 * The name a function goes by: its own (`function __wbg_x() {}`), or the variable or property
 * it is assigned to (`module.exports.__wbg_x = function () {}`, as the adapted and minified
 * glue of a package has it).
 */
function shimName(fn) {
  if (fn.name && fn.name.kind === SK.Identifier) return fn.name.text;
  const { parent } = valueParent(fn);
  if (!parent) return undefined;
  if (parent.kind === SK.VariableDeclaration && parent.name.kind === SK.Identifier) return parent.name.text;
  if (parent.kind === SK.PropertyAssignment) return propertyKey(parent.name);
  if (parent.kind === SK.BinaryExpression && parent.operatorToken.kind === SK.EqualsToken) {
    const left = unwrap(parent.left);
    if (left.kind === SK.PropertyAccessExpression) return left.name.text;
    if (left.kind === SK.ElementAccessExpression) return constantString(left.argumentExpression);
  }
  return undefined;
}

/** What wasm-bindgen's import shims in `file` read or call on an object the wasm passes in. */
export function shimReceivers(file, scopes) {
  const receivers = [];
  const shim = (fn) => {
    if (!fn.body) return;
    const params = new Set(fn.parameters.map((p) => (p.name.kind === SK.Identifier ? p.name.text : undefined)));
    // `arg0`, `getObject(arg0)`, `takeObject(arg0)`, `heap[arg0]`: a value from the wasm.
    const fromWasm = (expr) => {
      const node = unwrap(expr);
      if (node.kind === SK.Identifier) return params.has(node.text) && resolve(scopes, node)?.param?.parent === fn;
      if (node.kind === SK.CallExpression) return node.arguments.some(fromWasm);
      if (node.kind === SK.ElementAccessExpression) return fromWasm(node.argumentExpression);
      return false;
    };
    const receiver = (name, at, node) =>
      receivers.push({ name, ...position(file, at), kind: 'receiver', call: isCalled(node), guard: false, guarded: false });
    const inShim = (node) => {
      if (node.kind === SK.PropertyAccessExpression && node.name.kind === SK.Identifier && fromWasm(node.expression) && !isWriteTarget(node)) {
        receiver(node.name.text, node.name, node);
      } else if (node.kind === SK.ElementAccessExpression && fromWasm(node.expression) && !isWriteTarget(node)) {
        const name = constantString(node.argumentExpression);
        if (name !== undefined) receiver(name, unwrap(node.argumentExpression), node);
      }
      ts.forEachChild(node, inShim);
    };
    inShim(fn.body);
  };
  const findShims = (node) => {
    if (FUNCTION_LIKE.has(node.kind) && shimName(node)?.startsWith('__wbg_')) shim(node);
    else ts.forEachChild(node, findShims);
  };
  findShims(file);
  return receivers;
}
