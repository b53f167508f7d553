// aliases.mjs — what an expression is as far as the file shows: the global `wx`, the global
// object, or an alias of either that can be followed (a constant, a parameter given `wx`);
// and whether a place where `wx` stands keeps it within what can be followed (else it escapes).

import { SK, constantString, unwrap, valueParent } from './syntax.mjs';
import { resolve } from './scopes.mjs';
import { isTest } from './guards.mjs';

const GLOBAL = 'wx';
// The names of the global object itself, in the environments whose code a plugin may carry.
const GLOBAL_OBJECTS = new Set(['globalThis', 'self', 'window', 'global']);

/**
 * What an expression is, as far as the file shows: `'wx'` (the global `wx`, or an alias of it
 * that can be followed), `'global'` (the global object: `globalThis`, `self`, `window`,
 * `global`, or an alias of one), or undefined (anything else, or unknown).
 */
export function makeClassify(scopes, calls) {
  const memo = new Map();
  const bindingClass = (binding) => {
    if (memo.has(binding)) return memo.get(binding);
    memo.set(binding, undefined); // a cycle (`var a = b, b = a`) is no alias
    let result;
    if (binding.kind === 'const' || (binding.kind === 'var' && binding.writes === 0)) {
      if (binding.init !== undefined) result = classify(binding.init);
      else if (binding.from && binding.from.key !== undefined && classify(binding.from.source) === 'global') {
        result = memberClass(binding.from.key);
      }
    } else if (binding.kind === 'param' && binding.writes === 0) {
      result = iifeArgument(binding.param) ?? calledWith(binding.param);
    }
    memo.set(binding, result);
    return result;
  };
  // `globalThis.wx` is wx; `window.self` is the global object again.
  const memberClass = (name) => (name === GLOBAL ? 'wx' : GLOBAL_OBJECTS.has(name) ? 'global' : undefined);
  // `(function (w) {...})(wx)`, `((w) => {...})(wx)`, `!function (w) {...}(wx)`: the
  // parameter is the argument at its position.
  const iifeArgument = (param) => {
    if (param.name.kind !== SK.Identifier || param.dotDotDotToken) return undefined;
    const fn = param.parent;
    if (fn.kind !== SK.FunctionExpression && fn.kind !== SK.ArrowFunction) return undefined;
    const call = iifeCall(fn);
    if (!call) return undefined;
    const arg = call.node.arguments[fn.parameters.indexOf(param) + call.shift];
    return arg !== undefined && arg.kind !== SK.SpreadElement ? classify(arg) : undefined;
  };
  // `function f(w) { w.name() }` (or `const f = (w) => ...`) called as `f(wx)` somewhere in
  // the file: then `w` is `wx` in that call, and what it does with `w` a plugin does with wx.
  const calledWith = (param) => {
    if (param.name.kind !== SK.Identifier || param.dotDotDotToken) return undefined;
    const fn = param.parent;
    const index = fn.parameters.indexOf(param);
    let result;
    for (const call of calls.get(fn) ?? []) {
      const arg = call.arguments[index];
      const what = arg !== undefined && arg.kind !== SK.SpreadElement ? classify(arg) : undefined;
      if (what === 'wx') return 'wx';
      result ??= what;
    }
    return result;
  };
  const classify = (expr) => {
    const node = unwrap(expr);
    if (!node) return undefined;
    if (node.kind === SK.Identifier) {
      const binding = resolve(scopes, node);
      if (!binding) return node.text === GLOBAL ? 'wx' : GLOBAL_OBJECTS.has(node.text) ? 'global' : undefined;
      return bindingClass(binding);
    }
    if (node.kind === SK.PropertyAccessExpression && node.name.kind === SK.Identifier) {
      return classify(node.expression) === 'global' ? memberClass(node.name.text) : undefined;
    }
    if (node.kind === SK.ElementAccessExpression) {
      const key = constantString(node.argumentExpression);
      return key !== undefined && classify(node.expression) === 'global' ? memberClass(key) : undefined;
    }
    return undefined;
  };
  return classify;
}

/** The call that runs a function expression on the spot, and how many arguments come before its parameters. */
function iifeCall(fn) {
  let callee = fn;
  while (callee.parent && callee.parent.kind === SK.ParenthesizedExpression) callee = callee.parent;
  let call = callee.parent;
  // `(function (w) {}).call(this, wx)`: the arguments after `this`.
  let shift = 0;
  if (call && call.kind === SK.PropertyAccessExpression && call.expression === callee && call.name.text === 'call') {
    callee = call;
    call = call.parent;
    shift = 1;
  }
  if (!call || call.kind !== SK.CallExpression || call.expression !== callee) return undefined;
  return { node: call, shift };
}

const COMPARISONS = new Set([
  SK.EqualsEqualsEqualsToken,
  SK.ExclamationEqualsEqualsToken,
  SK.EqualsEqualsToken,
  SK.ExclamationEqualsToken,
  SK.InstanceOfKeyword,
]);

/**
 * Whether a place where the value `wx` (or an alias) stands keeps it within what the
 * analysis follows: a member access on it, a test of it, an alias that is followed, the
 * argument of a function whose parameter is followed, a destructuring of it. Anything else
 * (returned, stored, passed elsewhere) is an escape.
 */
export function staysFollowed(node, scopes, classify) {
  const { child, parent } = valueParent(node);
  if (!parent) return true;
  switch (parent.kind) {
    case SK.PropertyAccessExpression:
    case SK.ElementAccessExpression:
      return parent.expression === child;
    case SK.TypeOfExpression:
    case SK.ExpressionStatement:
    case SK.VoidExpression:
      return true;
    case SK.PrefixUnaryExpression:
      return parent.operator === SK.ExclamationToken;
    case SK.IfStatement:
    case SK.WhileStatement:
    case SK.DoStatement:
      return parent.expression === child;
    case SK.ConditionalExpression:
      return parent.condition === child;
    case SK.BinaryExpression: {
      const op = parent.operatorToken.kind;
      if (COMPARISONS.has(op)) return true;
      if (op === SK.InKeyword) return parent.right === child;
      if (op === SK.AmpersandAmpersandToken || op === SK.BarBarToken || op === SK.QuestionQuestionToken) {
        // A test (`wx && …`, `if (a || wx)`); `x = wx || {}` and `a && wx` give the value on.
        return (parent.left === child && op === SK.AmpersandAmpersandToken) || isTest(parent);
      }
      if (op === SK.EqualsToken && parent.right === child) {
        return unwrap(parent.left).kind === SK.ObjectLiteralExpression; // `({ name } = wx)`
      }
      return false;
    }
    case SK.VariableDeclaration: {
      if (parent.initializer !== child) return true;
      if (parent.name.kind === SK.ObjectBindingPattern) return true; // `const { name } = wx`
      if (parent.name.kind !== SK.Identifier) return false;
      // An alias: followed if it is never assigned again.
      return classify(parent.name) !== undefined;
    }
    case SK.CallExpression: {
      if (parent.expression === child) return false; // `wx()`: wx is no function
      const index = parent.arguments.indexOf(child);
      const callee = unwrap(parent.expression);
      let fn;
      let shift = 0;
      if (callee.kind === SK.FunctionExpression || callee.kind === SK.ArrowFunction) fn = callee;
      else if (
        callee.kind === SK.PropertyAccessExpression &&
        callee.name.text === 'call' &&
        [SK.FunctionExpression, SK.ArrowFunction].includes(unwrap(callee.expression).kind)
      ) {
        fn = unwrap(callee.expression);
        shift = 1;
      } else if (callee.kind === SK.Identifier) {
        const binding = resolve(scopes, callee);
        const init = binding && binding.kind === 'const' ? unwrap(binding.init) : undefined;
        fn = binding?.fn ?? (init && (init.kind === SK.FunctionExpression || init.kind === SK.ArrowFunction) ? init : undefined);
      }
      const param = fn?.parameters[index - shift];
      return (
        param !== undefined &&
        param.name.kind === SK.Identifier &&
        !param.dotDotDotToken &&
        classify(param.name) !== undefined
      );
    }
    default:
      return false;
  }
}
