#!/usr/bin/env node
// wxuses.mjs — finds where JavaScript and TypeScript files use the global `wx`, for
// `wx-pack check`. It only extracts: every decision (which name is permitted, forbidden or
// too new) is wx-pack's, from the wx-allowlist data, so this file names no wx function.
//
// It parses each file with the TypeScript compiler's parser (npm `typescript`, pinned by
// wx-pack; no type checking, so no typings and no tsconfig are needed) and reports:
//
// - `wx.name` and `wx?.name` (kind `member`), `wx['name']` with a string key (`bracket`);
// - `const { name, other: local } = wx` and `({ name } = wx)` (`destructure`: the place of
//   the property name in the pattern);
// - the same on an alias of `wx` that can be followed: a `const w = wx` (or a `let`/`var`
//   never assigned again) in scope, the parameter of a function called on the spot with
//   `wx` as its argument (`(function (w) { ... })(wx)`, as bundlers write), and the parameter
//   of a function of the file that some call of it by name gives `wx` (`f(wx)`);
// - a `wx` that a declaration of the file shadows (a parameter, a `let wx`, an import) is
//   not the global and is not followed; TypeScript's ambient `declare const wx` is the global.
//
// `wx[expr]` with a computed key is reported as `dynamic`: its name is unknown.
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
//    errors: [{line, column, message}]}
// `line` and `column` are 1-based, the column in UTF-16 code units (as editors and ESLint
// count); `call` says whether the use is called right there (`wx.name(...)`).

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
        for (const id of ids) declare(scope, id, { kind: constant ? 'const' : 'var', init });
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

/** Whether an expression is the global `wx`, or an alias of it that can be followed. */
function makeIsWx(scopes, calls) {
  const memo = new Map();
  const bindingIsWx = (binding) => {
    if (memo.has(binding)) return memo.get(binding);
    memo.set(binding, false); // a cycle (`var a = b, b = a`) is no alias
    let result = false;
    if (binding.kind === 'const' || (binding.kind === 'var' && binding.writes === 0)) {
      result = binding.init !== undefined && isWx(binding.init);
    } else if (binding.kind === 'param' && binding.writes === 0) {
      result = iifeArgumentIsWx(binding.param) || calledWithWx(binding.param);
    }
    memo.set(binding, result);
    return result;
  };
  // `(function (w) {...})(wx)`, `((w) => {...})(wx)`, `!function (w) {...}(wx)`: the
  // parameter is the argument at its position.
  const iifeArgumentIsWx = (param) => {
    if (param.name.kind !== SK.Identifier || param.dotDotDotToken) return false;
    const fn = param.parent;
    if (fn.kind !== SK.FunctionExpression && fn.kind !== SK.ArrowFunction) return false;
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
    if (!call || call.kind !== SK.CallExpression || call.expression !== callee) return false;
    const index = fn.parameters.indexOf(param) + shift;
    const arg = call.arguments[index];
    return arg !== undefined && arg.kind !== SK.SpreadElement && isWx(arg);
  };
  // `function f(w) { w.name() }` (or `const f = (w) => ...`) called as `f(wx)` somewhere in
  // the file: then `w` is `wx` in that call, and what it does with `w` a plugin does with wx.
  const calledWithWx = (param) => {
    if (param.name.kind !== SK.Identifier || param.dotDotDotToken) return false;
    const fn = param.parent;
    const index = fn.parameters.indexOf(param);
    return (calls.get(fn) ?? []).some((call) => {
      const arg = call.arguments[index];
      return arg !== undefined && arg.kind !== SK.SpreadElement && isWx(arg);
    });
  };
  const isWx = (expr) => {
    const node = unwrap(expr);
    if (!node || node.kind !== SK.Identifier) return false;
    const binding = resolve(scopes, node);
    if (!binding) return node.text === GLOBAL;
    return bindingIsWx(binding);
  };
  return isWx;
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
    const key = unwrap(node.argumentExpression);
    if (key.kind !== SK.Identifier) return propertyKey(key);
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
    const key = unwrap(node.left);
    const name = key.kind === SK.Identifier ? undefined : propertyKey(key);
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
  if (name.kind === SK.ComputedPropertyName) return propertyKey(unwrap(name.expression));
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
  const isWx = makeIsWx(scopes, calls);
  const uses = [];
  const dynamic = [];
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
      }
    }
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
    if (
      node.kind === SK.BinaryExpression &&
      node.operatorToken.kind === SK.InKeyword &&
      isWx(node.right) &&
      propertyKey(unwrap(node.left)) !== undefined &&
      unwrap(node.left).kind !== SK.Identifier
    ) {
      use(propertyKey(unwrap(node.left)), unwrap(node.left), 'in', false);
    }
    switch (node.kind) {
      case SK.PropertyAccessExpression:
        if (node.name.kind === SK.Identifier && isWx(node.expression) && !isWriteTarget(node)) {
          use(node.name.text, node.name, 'member', isCalled(node), node);
        }
        break;
      case SK.ElementAccessExpression:
        if (isWx(node.expression) && !isWriteTarget(node)) {
          const key = unwrap(node.argumentExpression);
          const name = propertyKey(key);
          if (name !== undefined && key.kind !== SK.Identifier) use(name, key, 'bracket', isCalled(node), node);
          else dynamic.push(position(file, node.argumentExpression));
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
  return { file: path, uses, dynamic, errors };
}

if (process.argv[1] && resolvePath(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = JSON.parse(readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(files.map((path) => scanSource(path, readFileSync(path, 'utf8')))));
}
