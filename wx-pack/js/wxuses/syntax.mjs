// syntax.mjs — TypeScript's parser (npm `typescript`, pinned by wx-pack) and the plain
// questions the other modules of wxuses/ ask of its nodes: which kind of script a path is,
// what an expression is below parentheses and type assertions, where a node is, whether a
// member access is called or written, which string a key or an expression always is.

import { createRequire } from 'node:module';
import { join } from 'node:path';

// wx-pack names the node_modules folder it installed or found (see adapt.mjs).
const require = createRequire(import.meta.url);
const ts = process.env.WX_PACK_NODE_MODULES
  ? require(join(process.env.WX_PACK_NODE_MODULES, 'typescript'))
  : require('typescript');

export const SK = ts.SyntaxKind;

export function scriptKind(file) {
  if (/\.[cm]?tsx?$/.test(file)) return file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return file.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

export const FUNCTION_LIKE = new Set([
  SK.FunctionDeclaration,
  SK.FunctionExpression,
  SK.ArrowFunction,
  SK.MethodDeclaration,
  SK.Constructor,
  SK.GetAccessor,
  SK.SetAccessor,
]);

// The parser marks every node inside a `declare` (and every node of a .d.ts) as ambient.
export function isAmbient(node) {
  return (node.flags & ts.NodeFlags.Ambient) !== 0;
}

export function isAssignment(node) {
  return (
    node.kind === SK.BinaryExpression &&
    node.operatorToken.kind >= SK.FirstAssignment &&
    node.operatorToken.kind <= SK.LastAssignment
  );
}

export function unwrap(node) {
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

export function position(file, node) {
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return { line: line + 1, column: character + 1 };
}

/** The expression a member access is part of, above parentheses: is it called there? */
export function isCalled(access) {
  let node = access;
  while (node.parent && node.parent.kind === SK.ParenthesizedExpression) node = node.parent;
  return node.parent !== undefined && node.parent.kind === SK.CallExpression && node.parent.expression === node;
}

/** Whether a member access is only written to (`wx.x = ...`): that is no use of `wx.x`. */
export function isWriteTarget(access) {
  const parent = access.parent;
  return parent && isAssignment(parent) && parent.operatorToken.kind === SK.EqualsToken && parent.left === access;
}

export function propertyKey(name) {
  if (!name) return undefined;
  if (name.kind === SK.Identifier || name.kind === SK.StringLiteral || name.kind === SK.NoSubstitutionTemplateLiteral) {
    return name.text;
  }
  if (name.kind === SK.ComputedPropertyName) return constantString(name.expression);
  return undefined;
}

/** The string an expression always is, when its text says: literals, and `+` of such. */
export function constantString(expr) {
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
export function isReference(id) {
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
export function valueParent(node) {
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

export { ts };
