// guards.mjs — feature detection: whether a member access only tests that the member is
// there (`typeof wx.name`, `if (wx.name)`), and which members a condition makes sure are
// there where it holds.

import { SK, constantString, unwrap } from './syntax.mjs';

/**
 * Whether a member access that is not called is a test of the member's presence: the
 * operand of `typeof` or `!`, the condition of an `if` or `?:`, the left of `&&`, `||`, `??`
 * (and their right when the whole is a test).
 */
export function isTest(access) {
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
export function guardNames(condition, isWx) {
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
