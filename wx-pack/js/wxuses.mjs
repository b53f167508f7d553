#!/usr/bin/env node
// wxuses.mjs — THE analysis of "a use of the global `wx`", shared by `wx-pack check` (a
// JavaScript/TypeScript plugin's files) and `wx-pack build` (wasm-bindgen's glue and the
// plugin's JS snippets): one parser, one scope resolution, so both tools find the same uses
// and wx-pack judges them with the same Rust code. It only extracts: every decision (which
// name is permitted, forbidden or too new) is wx-pack's, from the wx-allowlist data, so
// this file names no wx function.
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

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

// wx-pack names the node_modules folder it installed or found (see adapt.mjs).
const require = createRequire(import.meta.url);
const ts = process.env.WX_PACK_NODE_MODULES
  ? require(join(process.env.WX_PACK_NODE_MODULES, 'typescript'))
  : require('typescript');

const SK = ts.SyntaxKind;
const GLOBAL = 'wx';
// The names of the global object itself, in the environments whose code a plugin may carry.
const GLOBAL_OBJECTS = new Set(['globalThis', 'self', 'window', 'global']);

function scriptKind(file) {
  if (/\.[cm]?tsx?$/.test(file)) return file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return file.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

const FUNCTION_LIKE = new Set([
  SK.FunctionDeclaration,
  SK.FunctionExpression,
  SK.ArrowFunction,
  SK.MethodDeclaration,
  SK.Constructor,
  SK.GetAccessor,
  SK.SetAccessor,
]);

/** Whether a node opens a scope for `let`/`const`/`class` (and the function-likes for all). */
function isScope(node) {
  switch (node.kind) {
    case SK.SourceFile:
    case SK.Block:
    case SK.ModuleBlock:
    case SK.CaseBlock:
    case SK.ForStatement:
    case SK.ForInStatement:
    case SK.ForOfStatement:
    case SK.CatchClause:
    case SK.ClassDeclaration:
    case SK.ClassExpression:
      return true;
    default:
      return FUNCTION_LIKE.has(node.kind);
  }
}

// The parser marks every node inside a `declare` (and every node of a .d.ts) as ambient.
function isAmbient(node) {
  return (node.flags & ts.NodeFlags.Ambient) !== 0;
}

/** The identifiers a binding name (an identifier or a destructuring pattern) declares. */
function boundNames(name, out = []) {
  if (!name) return out;
  if (name.kind === SK.Identifier) out.push(name);
  else if (name.kind === SK.ObjectBindingPattern || name.kind === SK.ArrayBindingPattern) {
    for (const element of name.elements) if (element.kind === SK.BindingElement) boundNames(element.name, out);
  }
  return out;
}

function scopeOf(node, { functionLevel }) {
  for (let p = node.parent; p; p = p.parent) {
    if (functionLevel ? FUNCTION_LIKE.has(p.kind) || p.kind === SK.SourceFile || p.kind === SK.ModuleBlock : isScope(p)) {
      return p;
    }
  }
  return undefined;
}

/** The scopes of one file: each scope node's declared names → binding. */
function collectBindings(file) {
  const scopes = new Map();
  const declare = (scope, id, binding) => {
    if (!scope) return;
    let names = scopes.get(scope);
    if (!names) scopes.set(scope, (names = new Map()));
    binding.writes = 0;
    names.set(id.text, binding);
  };
  const visit = (node) => {
    if (ts.isTypeNode(node) || node.kind === SK.InterfaceDeclaration || node.kind === SK.TypeAliasDeclaration) return;
    switch (node.kind) {
      case SK.VariableDeclaration: {
        if (isAmbient(node)) break;
        const list = node.parent;
        if (list.kind === SK.CatchClause) {
          for (const id of boundNames(node.name)) declare(list, id, { kind: 'catch' });
          break;
        }
        const blockScoped = (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0;
        const constant = (list.flags & ts.NodeFlags.Const) !== 0;
        const scope = scopeOf(list, { functionLevel: !blockScoped });
        const ids = boundNames(node.name);
        const init = node.name.kind === SK.Identifier ? node.initializer : undefined;
        const kind = constant ? 'const' : 'var';
        for (const id of ids) {
          // `const { wx } = globalThis`: the element's key and what it is taken from.
          const element = id.parent;
          const from =
            node.initializer && element.kind === SK.BindingElement && element.parent === node.name &&
            node.name.kind === SK.ObjectBindingPattern && !element.dotDotDotToken
              ? { source: node.initializer, key: propertyKey(element.propertyName ?? element.name) }
              : undefined;
          declare(scope, id, { kind, init, from });
        }
        break;
      }
      case SK.Parameter:
        for (const id of boundNames(node.name)) declare(node.parent, id, { kind: 'param', param: node });
        break;
      case SK.FunctionDeclaration:
        if (node.name && !isAmbient(node)) {
          declare(scopeOf(node, { functionLevel: false }), node.name, { kind: 'function', fn: node });
        }
        break;
      case SK.FunctionExpression:
      case SK.ClassExpression:
        if (node.name) declare(node, node.name, { kind: 'function' });
        break;
      case SK.ClassDeclaration:
      case SK.EnumDeclaration:
      case SK.ModuleDeclaration:
        if (node.name && node.name.kind === SK.Identifier && !isAmbient(node)) {
          declare(scopeOf(node, { functionLevel: false }), node.name, { kind: 'declaration' });
        }
        break;
      case SK.ImportClause:
        if (node.name) declare(file, node.name, { kind: 'import' });
        break;
      case SK.NamespaceImport:
      case SK.ImportSpecifier:
      case SK.ImportEqualsDeclaration:
        declare(file, node.name, { kind: 'import' });
        break;
      default:
        break;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return scopes;
}

/** The binding an identifier reference resolves to, or undefined for a global. */
function resolve(scopes, id) {
  for (let p = id.parent; p; p = p.parent) {
    const binding = scopes.get(p)?.get(id.text);
    if (binding) return binding;
  }
  return undefined;
}

/** The identifiers an assignment target writes (`x = `, `[x, {y}] = `, `x++`, `for (x of ...)`). */
function assignedIds(target, out = []) {
  if (!target) return out;
  switch (target.kind) {
    case SK.Identifier:
      out.push(target);
      break;
    case SK.ParenthesizedExpression:
      assignedIds(target.expression, out);
      break;
    case SK.ArrayLiteralExpression:
      for (const e of target.elements) assignedIds(e.kind === SK.SpreadElement ? e.expression : e, out);
      break;
    case SK.ObjectLiteralExpression:
      for (const p of target.properties) {
        if (p.kind === SK.ShorthandPropertyAssignment) out.push(p.name);
        else if (p.kind === SK.PropertyAssignment) assignedIds(p.initializer, out);
        else if (p.kind === SK.SpreadAssignment) assignedIds(p.expression, out);
      }
      break;
    case SK.BinaryExpression:
      if (target.operatorToken.kind === SK.EqualsToken) assignedIds(target.left, out);
      break;
    default:
      break;
  }
  return out;
}

function isAssignment(node) {
  return (
    node.kind === SK.BinaryExpression &&
    node.operatorToken.kind >= SK.FirstAssignment &&
    node.operatorToken.kind <= SK.LastAssignment
  );
}

/**
 * Counts the writes of each binding, and returns the calls of the file's named functions
 * (`function f(w) {}` and `const f = (w) => {}`, called as `f(...)`), by function node.
 */
function countWritesAndCalls(file, scopes) {
  const calls = new Map();
  const write = (id) => {
    const binding = resolve(scopes, id);
    if (binding) binding.writes += 1;
  };
  const visit = (node) => {
    if (node.kind === SK.CallExpression) {
      const callee = unwrap(node.expression);
      const binding = callee.kind === SK.Identifier ? resolve(scopes, callee) : undefined;
      const init = binding && binding.kind === 'const' ? unwrap(binding.init) : undefined;
      const fn =
        binding?.fn ??
        (init && (init.kind === SK.FunctionExpression || init.kind === SK.ArrowFunction) ? init : undefined);
      if (fn) {
        if (calls.has(fn)) calls.get(fn).push(node);
        else calls.set(fn, [node]);
      }
    }
    if (isAssignment(node)) assignedIds(node.left).forEach(write);
    else if (
      (node.kind === SK.PrefixUnaryExpression || node.kind === SK.PostfixUnaryExpression) &&
      (node.operator === SK.PlusPlusToken || node.operator === SK.MinusMinusToken)
    ) {
      assignedIds(node.operand).forEach(write);
    } else if ((node.kind === SK.ForInStatement || node.kind === SK.ForOfStatement) && node.initializer.kind !== SK.VariableDeclarationList) {
      assignedIds(node.initializer).forEach(write);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return calls;
}

function unwrap(node) {
  while (
    node &&
    (node.kind === SK.ParenthesizedExpression ||
      node.kind === SK.AsExpression ||
      node.kind === SK.NonNullExpression ||
      node.kind === SK.TypeAssertionExpression ||
      node.kind === SK.SatisfiesExpression)
  ) {
    node = node.expression;
  }
  return node;
}

/**
 * What an expression is, as far as the file shows: `'wx'` (the global `wx`, or an alias of it
 * that can be followed), `'global'` (the global object: `globalThis`, `self`, `window`,
 * `global`, or an alias of one), or undefined (anything else, or unknown).
 */
function makeClassify(scopes, calls) {
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

function position(file, node) {
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return { line: line + 1, column: character + 1 };
}

/** The expression a member access is part of, above parentheses: is it called there? */
function isCalled(access) {
  let node = access;
  while (node.parent && node.parent.kind === SK.ParenthesizedExpression) node = node.parent;
  return node.parent !== undefined && node.parent.kind === SK.CallExpression && node.parent.expression === node;
}

/**
 * Whether a member access that is not called is a test of the member's presence: the
 * operand of `typeof` or `!`, the condition of an `if` or `?:`, the left of `&&`, `||`, `??`
 * (and their right when the whole is a test).
 */
function isTest(access) {
  let node = access;
  while (node.parent && node.parent.kind === SK.ParenthesizedExpression) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.kind) {
    case SK.TypeOfExpression:
      return true;
    case SK.PrefixUnaryExpression:
      return parent.operator === SK.ExclamationToken;
    case SK.IfStatement:
      return parent.expression === node;
    case SK.ConditionalExpression:
      return parent.condition === node;
    case SK.BinaryExpression:
      if (![SK.AmpersandAmpersandToken, SK.BarBarToken, SK.QuestionQuestionToken].includes(parent.operatorToken.kind)) {
        return false;
      }
      // The left side is tested; the right one too when the whole is (`if (a && wx.name)`).
      return parent.left === node || isTest(parent);
    default:
      return false;
  }
}

/** The `wx` member a member access names, if it is one (`wx.name`, `wx['name']`, on an alias too). */
function memberName(expr, isWx) {
  const node = unwrap(expr);
  if (node.kind === SK.PropertyAccessExpression && node.name.kind === SK.Identifier && isWx(node.expression)) {
    return node.name.text;
  }
  if (node.kind === SK.ElementAccessExpression && isWx(node.expression)) {
    return constantString(node.argumentExpression);
  }
  return undefined;
}

/**
 * The `wx` members a condition makes sure are there where it holds: `wx.name`,
 * `typeof wx.name === 'function'` (or `!== 'undefined'`), `'name' in wx`, and `&&` of those.
 */
function guardNames(condition, isWx) {
  const node = unwrap(condition);
  const direct = memberName(node, isWx);
  if (direct !== undefined) return [direct];
  if (node.kind !== SK.BinaryExpression) return [];
  const op = node.operatorToken.kind;
  if (op === SK.AmpersandAmpersandToken) return [...guardNames(node.left, isWx), ...guardNames(node.right, isWx)];
  if (op === SK.InKeyword && isWx(node.right)) {
    const name = constantString(node.left);
    return name === undefined ? [] : [name];
  }
  const equal = op === SK.EqualsEqualsEqualsToken || op === SK.EqualsEqualsToken;
  const unequal = op === SK.ExclamationEqualsEqualsToken || op === SK.ExclamationEqualsToken;
  if (!equal && !unequal) return [];
  for (const [a, b] of [
    [node.left, node.right],
    [node.right, node.left],
  ]) {
    const type = unwrap(a);
    const literal = unwrap(b);
    if (type.kind !== SK.TypeOfExpression || literal.kind !== SK.StringLiteral) continue;
    const name = memberName(type.expression, isWx);
    if (name === undefined) continue;
    if ((equal && literal.text === 'function') || (unequal && literal.text === 'undefined')) return [name];
  }
  return [];
}

/** Whether a member access is only written to (`wx.x = ...`): that is no use of `wx.x`. */
function isWriteTarget(access) {
  const parent = access.parent;
  return parent && isAssignment(parent) && parent.operatorToken.kind === SK.EqualsToken && parent.left === access;
}

function propertyKey(name) {
  if (!name) return undefined;
  if (name.kind === SK.Identifier || name.kind === SK.StringLiteral || name.kind === SK.NoSubstitutionTemplateLiteral) {
    return name.text;
  }
  if (name.kind === SK.ComputedPropertyName) return constantString(name.expression);
  return undefined;
}

/** The string an expression always is, when its text says: literals, and `+` of such. */
function constantString(expr) {
  const node = unwrap(expr);
  if (!node) return undefined;
  if (node.kind === SK.StringLiteral || node.kind === SK.NoSubstitutionTemplateLiteral) return node.text;
  if (node.kind === SK.NumericLiteral) return String(Number(node.text));
  if (node.kind === SK.BinaryExpression && node.operatorToken.kind === SK.PlusToken) {
    const left = constantString(node.left);
    const right = left === undefined ? undefined : constantString(node.right);
    return right === undefined ? undefined : left + right;
  }
  return undefined;
}

/** Whether an identifier node is a reference to a binding (not a declared name, a key or a label). */
function isReference(id) {
  const parent = id.parent;
  if (!parent) return false;
  switch (parent.kind) {
    case SK.PropertyAccessExpression:
      return parent.expression === id;
    case SK.QualifiedName:
      return false;
    case SK.VariableDeclaration:
    case SK.Parameter:
    case SK.FunctionDeclaration:
    case SK.FunctionExpression:
    case SK.ClassDeclaration:
    case SK.ClassExpression:
    case SK.MethodDeclaration:
    case SK.PropertyDeclaration:
    case SK.GetAccessor:
    case SK.SetAccessor:
    case SK.EnumDeclaration:
    case SK.EnumMember:
    case SK.ModuleDeclaration:
    case SK.PropertyAssignment:
    case SK.PropertySignature:
    case SK.MethodSignature:
      return parent.name !== id;
    case SK.BindingElement:
      return parent.initializer === id;
    case SK.LabeledStatement:
    case SK.BreakStatement:
    case SK.ContinueStatement:
    case SK.ImportClause:
    case SK.ImportSpecifier:
    case SK.NamespaceImport:
    case SK.ImportEqualsDeclaration:
    case SK.ExportSpecifier:
    case SK.NamespaceExport:
      return false;
    default:
      return true;
  }
}

/** The parent above parentheses and TypeScript's type assertions, and the child below it. */
function valueParent(node) {
  let child = node;
  while (
    child.parent &&
    [SK.ParenthesizedExpression, SK.AsExpression, SK.NonNullExpression, SK.TypeAssertionExpression, SK.SatisfiesExpression].includes(
      child.parent.kind,
    )
  ) {
    child = child.parent;
  }
  return { child, parent: child.parent };
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
function staysFollowed(node, scopes, classify) {
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

/** The uses of the global `wx` in one file's text (`path` chooses JS or TS by extension). */
export function scanSource(path, text) {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  const errors = file.parseDiagnostics.map((d) => ({
    ...position(file, { getStart: () => d.start }),
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
  const scopes = collectBindings(file);
  const calls = countWritesAndCalls(file, scopes);
  const classify = makeClassify(scopes, calls);
  const isWx = (expr) => classify(expr) === 'wx';
  const uses = [];
  const dynamic = [];
  const escapes = [];
  const receivers = [];
  // The names that the conditions around the node being visited test for (`if (wx.name)`).
  const guards = new Map();
  const withGuards = (names, visitInside) => {
    for (const name of names) guards.set(name, (guards.get(name) ?? 0) + 1);
    visitInside();
    for (const name of names) guards.set(name, guards.get(name) - 1);
  };
  const use = (name, node, kind, call, access = node) =>
    uses.push({
      name,
      ...position(file, node),
      kind,
      call,
      guard: kind === 'in' || (!call && isTest(access)),
      guarded: (guards.get(name) ?? 0) > 0,
    });
  const destructure = (pattern) => {
    // `{ name }`, `{ name: local }`, `{ name = fallback }`, `{ 'name': local }`
    const elements = pattern.kind === SK.ObjectBindingPattern ? pattern.elements : pattern.properties;
    for (const element of elements) {
      if (element.kind === SK.BindingElement) {
        if (element.dotDotDotToken) continue;
        const key = element.propertyName ?? element.name;
        const name = propertyKey(key);
        if (name !== undefined) use(name, key, 'destructure', false);
        else if (element.propertyName?.kind === SK.ComputedPropertyName) dynamic.push(position(file, key));
      } else if (element.kind === SK.ShorthandPropertyAssignment) {
        use(element.name.text, element.name, 'destructure', false);
      } else if (element.kind === SK.PropertyAssignment) {
        const name = propertyKey(element.name);
        if (name !== undefined) use(name, element.name, 'destructure', false);
        else dynamic.push(position(file, element.name));
      } else if (element.kind === SK.SpreadAssignment) {
        escapes.push(position(file, element));
      }
    }
  };
  // The value `wx` itself (an identifier, an alias, `globalThis.wx`) stands at `node`.
  const wxValue = (node) => {
    if (!staysFollowed(node, scopes, classify)) escapes.push(position(file, node));
  };
  const visit = (node) => {
    if (ts.isTypeNode(node) || node.kind === SK.InterfaceDeclaration || node.kind === SK.TypeAliasDeclaration) return;
    if (isAmbient(node) && node.kind !== SK.SourceFile) return;
    // Feature detection: what a condition tests for is guarded where the condition holds.
    if (node.kind === SK.IfStatement) {
      visit(node.expression);
      withGuards(guardNames(node.expression, isWx), () => visit(node.thenStatement));
      if (node.elseStatement) visit(node.elseStatement);
      return;
    }
    if (node.kind === SK.ConditionalExpression) {
      visit(node.condition);
      withGuards(guardNames(node.condition, isWx), () => visit(node.whenTrue));
      visit(node.whenFalse);
      return;
    }
    if (node.kind === SK.BinaryExpression && node.operatorToken.kind === SK.AmpersandAmpersandToken) {
      visit(node.left);
      withGuards(guardNames(node.left, isWx), () => visit(node.right));
      return;
    }
    if (node.kind === SK.BinaryExpression && node.operatorToken.kind === SK.InKeyword && isWx(node.right)) {
      const name = constantString(node.left);
      if (name !== undefined) use(name, unwrap(node.left), 'in', false);
    }
    switch (node.kind) {
      case SK.Identifier:
        if (isReference(node) && isWx(node)) wxValue(node);
        break;
      case SK.PropertyAccessExpression:
        if (node.name.kind === SK.Identifier && isWx(node.expression) && !isWriteTarget(node)) {
          use(node.name.text, node.name, 'member', isCalled(node), node);
        } else if (isWx(node)) {
          wxValue(node); // `globalThis.wx`
        }
        break;
      case SK.ElementAccessExpression:
        if (isWx(node.expression) && !isWriteTarget(node)) {
          const name = constantString(node.argumentExpression);
          if (name !== undefined) use(name, unwrap(node.argumentExpression), 'bracket', isCalled(node), node);
          else dynamic.push(position(file, node.argumentExpression));
        } else if (isWx(node)) {
          wxValue(node); // `globalThis['wx']`
        } else if (classify(node.expression) === 'global' && constantString(node.argumentExpression) === undefined) {
          dynamic.push(position(file, node.argumentExpression)); // `globalThis[name]` may be wx
        }
        break;
      case SK.VariableDeclaration:
        if (node.name.kind === SK.ObjectBindingPattern && node.initializer && isWx(node.initializer)) {
          destructure(node.name);
        }
        break;
      case SK.BinaryExpression:
        if (
          node.operatorToken.kind === SK.EqualsToken &&
          unwrap(node.left).kind === SK.ObjectLiteralExpression &&
          isWx(node.right)
        ) {
          destructure(unwrap(node.left));
        }
        break;
      default:
        break;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  // wasm-bindgen's import shims: what they read or call on an object the wasm passes in.
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
  return { file: path, uses, dynamic, escapes, receivers, errors };
}

/** `scanSource` of a file on disk; a file that cannot be read or analysed gets an error. */
export function scanFile(path) {
  try {
    return scanSource(path, readFileSync(path, 'utf8'));
  } catch (e) {
    // A stack overflow in the parser or the walk, or a file that cannot be read: this file
    // is not analysed, the others still are.
    const why = e instanceof RangeError ? `${e.message} (nested too deeply to analyse)` : e.message || String(e);
    return {
      file: path,
      uses: [],
      dynamic: [],
      escapes: [],
      receivers: [],
      errors: [{ line: 1, column: 1, message: `cannot be analysed: ${why}` }],
    };
  }
}

if (process.argv[1] && resolvePath(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = JSON.parse(readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(files.map(scanFile)));
}
