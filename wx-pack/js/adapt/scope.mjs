// scope.mjs — which identifiers of a module are free (global) and which top-level bindings
// are assigned again: what commonjs.mjs needs to bind its own TextEncoder/TextDecoder only
// where the module uses the global ones, and to export a function's value directly only
// when nothing reassigns it. (The uses of the global `wx` are not read here: wxuses.mjs,
// TypeScript's parser, reads them for the build and for `wx-pack check`.)

import { patternNames, lexicalNames, varNames, walk } from './ast.mjs';

/** The names a scope-creating node declares (memoised: scopes are asked once per use). */
const scopeCache = new WeakMap();
export function scopeNames(scope) {
  let names = scopeCache.get(scope);
  if (names) return names;
  names = new Set();
  const addPattern = (p) => {
    for (const n of patternNames(p)) names.add(n);
  };
  const addDecl = (decl) => {
    if (decl && decl.type === 'VariableDeclaration') for (const d of decl.declarations) addPattern(d.id);
  };
  switch (scope.type) {
    case 'Program':
      lexicalNames(scope.body, names);
      varNames(scope, names);
      break;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (scope.type === 'FunctionExpression' && scope.id) names.add(scope.id.name);
      scope.params.forEach(addPattern);
      if (scope.type !== 'ArrowFunctionExpression') names.add('arguments');
      if (scope.body.type === 'BlockStatement') varNames(scope.body, names);
      break;
    case 'BlockStatement':
    case 'StaticBlock':
      lexicalNames(scope.body, names);
      break;
    case 'SwitchStatement':
      for (const c of scope.cases) lexicalNames(c.consequent, names);
      break;
    case 'CatchClause':
      addPattern(scope.param);
      break;
    case 'ForStatement':
      addDecl(scope.init);
      break;
    case 'ForInStatement':
    case 'ForOfStatement':
      addDecl(scope.left);
      break;
    case 'ClassExpression':
      if (scope.id) names.add(scope.id.name);
      break;
    default:
      break;
  }
  scopeCache.set(scope, names);
  return names;
}

/** Is the identifier `name`, used below `ancestors`, the global one? */
export function isGlobal(name, ancestors) {
  for (let i = ancestors.length - 1; i >= 0; i--) if (scopeNames(ancestors[i]).has(name)) return false;
  return true;
}

/** Is this Identifier node used as a value (not a property key, label or declared name)? */
export function isReference(node, parent) {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node || parent.computed;
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
      return parent.value === node || (parent.computed && parent.key === node) || (parent.shorthand && parent.value === node);
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ExportSpecifier':
      return false;
    case 'MetaProperty':
      return false;
    default:
      return true;
  }
}

/** Free (global) identifiers of the module that are in `names`. */
export function usedGlobals(ast, names) {
  const found = new Set();
  walk(ast, (node, ancestors) => {
    if (node.type !== 'Identifier' || !names.has(node.name) || found.has(node.name)) return;
    const parent = ancestors[ancestors.length - 1];
    if (!isReference(node, parent)) return;
    if (isGlobal(node.name, ancestors)) found.add(node.name);
  });
  return found;
}

/** Top-level bindings that some code assigns to (`x = …`, `x++`, `for (x of …)`). */
export function assignedGlobals(ast) {
  const out = new Set();
  const top = scopeNames(ast);
  walk(ast, (node, ancestors) => {
    let targets = [];
    if (node.type === 'AssignmentExpression') targets = patternNames(node.left);
    else if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier') targets = [node.argument.name];
    else if ((node.type === 'ForInStatement' || node.type === 'ForOfStatement') && node.left.type !== 'VariableDeclaration') targets = patternNames(node.left);
    for (const t of targets) {
      if (!top.has(t)) continue;
      // Declared at the top and not shadowed on the way: a reassignment of the top binding.
      let shadowed = false;
      for (let i = ancestors.length - 1; i >= 1; i--) if (scopeNames(ancestors[i]).has(t)) shadowed = true;
      if (!shadowed) out.add(t);
    }
  });
  return out;
}
