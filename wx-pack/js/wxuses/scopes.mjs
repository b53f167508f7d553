// scopes.mjs — the scopes of one file: what each declaration binds and where, the binding
// an identifier resolves to (none: a global), how often each binding is written, and the
// calls of the file's own named functions (to follow `wx` passed to one of them).

import { FUNCTION_LIKE, SK, isAmbient, isAssignment, propertyKey, ts, unwrap } from './syntax.mjs';

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
export function collectBindings(file) {
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
export function resolve(scopes, id) {
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

/**
 * Counts the writes of each binding, and returns the calls of the file's named functions
 * (`function f(w) {}` and `const f = (w) => {}`, called as `f(...)`), by function node.
 */
export function countWritesAndCalls(file, scopes) {
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
