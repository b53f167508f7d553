// scan.mjs — one file's uses of the global `wx`: the walk that finds member accesses,
// destructurings and `in` tests on `wx` (or an alias), the dynamic keys, the escapes and
// the feature detection around each use, with wasm-bindgen's shims' receivers added.

import { readFileSync } from 'node:fs';
import { makeClassify, staysFollowed } from './aliases.mjs';
import { guardNames, isTest } from './guards.mjs';
import { collectBindings, countWritesAndCalls } from './scopes.mjs';
import { shimReceivers } from './shims.mjs';
import {
  SK,
  constantString,
  isAmbient,
  isCalled,
  isReference,
  isWriteTarget,
  position,
  propertyKey,
  scriptKind,
  ts,
  unwrap,
} from './syntax.mjs';

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
  const receivers = shimReceivers(file, scopes);
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
