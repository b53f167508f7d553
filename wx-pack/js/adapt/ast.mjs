// ast.mjs — acorn, and what adapt.mjs's modules ask of its trees: parsing with errors that
// point at a place, a depth-first walk, the names declarations bind, and the lowest edition
// a script parses as.

import { createRequire } from 'node:module';
import { join } from 'node:path';

// wx-pack names the node_modules folder it installed or found (its cache, or
// WX_PACK_NODE_MODULES), which need not be above this file; run by hand in the
// checkout, the usual lookup finds the workspace's node_modules.
const acorn = process.env.WX_PACK_NODE_MODULES
  ? createRequire(import.meta.url)(join(process.env.WX_PACK_NODE_MODULES, 'acorn'))
  : await import('acorn');

export { acorn };

/** An error that points at a place in the input. */
export class AdaptError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AdaptError';
  }
}

export function fail(source, pos, message) {
  if (pos !== undefined && pos !== null) {
    const { line, column } = acorn.getLineInfo(source, pos);
    throw new AdaptError(`${line}:${column + 1}: ${message}`);
  }
  throw new AdaptError(message);
}

export function parseModule(source) {
  try {
    return acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch (e) {
    throw new AdaptError(`cannot parse the module: ${e.message}`);
  }
}

const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'value', 'regex', 'bigint']);

/** Calls `visit(node, ancestors)` for every node, depth first; ancestors[0] is the root. */
export function walk(node, visit, ancestors = []) {
  visit(node, ancestors);
  ancestors.push(node);
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const child = node[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof c.type === 'string') walk(c, visit, ancestors);
    } else if (child && typeof child.type === 'string') {
      walk(child, visit, ancestors);
    }
  }
  ancestors.pop();
}

/** The names a binding pattern declares. */
export function patternNames(pattern, out = []) {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternNames(e, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    default:
      break;
  }
  return out;
}

export const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** The names a statement list declares lexically (let/const/class/function). */
export function lexicalNames(statements, out = new Set()) {
  for (const s of statements) {
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') {
      for (const d of s.declarations) for (const n of patternNames(d.id)) out.add(n);
    } else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) {
      out.add(s.id.name);
    } else if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) {
      lexicalNames([s.declaration], out);
    } else if (s.type === 'ImportDeclaration') {
      for (const sp of s.specifiers) out.add(sp.local.name);
    }
  }
  return out;
}

/** The names `var` declares inside a function body (not inside nested functions). */
export function varNames(body, out = new Set()) {
  walkNoFunctions(body, (n) => {
    if (n.type === 'VariableDeclaration' && n.kind === 'var') {
      for (const d of n.declarations) for (const name of patternNames(d.id)) out.add(name);
    }
  });
  return out;
}

export function walkNoFunctions(node, visit) {
  visit(node);
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const child = node[key];
    const kids = Array.isArray(child) ? child : [child];
    for (const c of kids) {
      if (c && typeof c.type === 'string' && !FUNCTION_TYPES.has(c.type)) walkNoFunctions(c, visit);
    }
  }
}

/** The lowest ECMAScript edition the code parses as (script goal), e.g. 5, 2015, 2020. */
export function minimumEcmaVersion(code) {
  for (const v of [5, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
    try {
      acorn.parse(code, { ecmaVersion: v, sourceType: 'script' });
      return v;
    } catch {
      // try the next edition
    }
  }
  return null;
}

/** Parses a script of `ecmaVersion`, or fails saying `what` does not parse as that edition. */
export function parseScriptOrFail(code, ecmaVersion, what) {
  try {
    return acorn.parse(code, { ecmaVersion, sourceType: 'script' });
  } catch (e) {
    throw new AdaptError(`${what} does not parse as ${ecmaVersion === 'latest' ? 'a script' : `ECMAScript ${ecmaVersion}`}: ${e.message}`);
  }
}
