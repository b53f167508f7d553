// Extracts every function member of `WechatMiniprogram.Wx` from the pinned
// official typings (npm `miniprogram-api-typings`) into a deterministic JSON
// snapshot, wx-allowlist/data/typings.json.
//
//   node wx-allowlist/typings/extract.mjs           rewrite the snapshot
//   node wx-allowlist/typings/extract.mjs --check   exit 1 if it is stale
//
// Structure and types come from the TypeScript compiler API (the checker
// resolves aliases, type-parameter constraints and callbacks for us); only
// the free-text JSDoc lines (versions, plugin notes, summary) are read as text,
// because that is all they are.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SNAPSHOT = path.resolve(here, '../data/typings.json');
const PKG = 'miniprogram-api-typings';
const API_FILE = 'types/wx/lib.wx.api.d.ts';

// The only hand table: kinds no type-level rule can tell (keep it tiny).
// Every other kind comes from the rules in extract() below.
const KIND_OVERRIDES = {
  // Plain sync functions by type, but bound as converters (ArrayBuffer <-> base64).
  arrayBufferToBase64: 'converter',
  base64ToArrayBuffer: 'converter',
};

// ---- JSDoc text ------------------------------------------------------------

const VERSION = '`\\s*(\\d+(?:\\.\\d+)+)\\s*`';
// "在插件中使用：需要基础库 `x.y.z`" / "：支持" / "：不支持" (either colon, any spacing).
const PLUGIN_RE = new RegExp(`^在插件中使用\\s*[：:]\\s*(?:需要基础库\\s*[：:]?\\s*${VERSION}|(不支持)|(支持))`);
// The general minimum: "需要基础库： `x.y.z`" (colon optional), on its own line.
const SINCE_RE = new RegExp(`^需要基础库\\s*[：:]?\\s*${VERSION}`);
const LINK_RE = /\[([^\][]*)\]\([^)\s]*\)/g;

/** The function-level JSDoc as plain lines (comment markers stripped). */
function docLines(node, sf) {
  return (node.jsDoc ?? [])
    .map((d) => sf.text.slice(d.getStart(sf), d.end))
    .join('\n')
    .replace(/^\/\*\*|\*\/$/gm, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\*(?!\*)\s?/, '').trim());
}

function readDoc(lines) {
  // The first line is "[<signature>](<doc url>)"; the signature may itself
  // contain links (`[[RequestTask](..) wx.request(..)](url)`): take the last.
  const firstIdx = lines.findIndex((l) => l !== '');
  const url = /^\[.*\]\((https?:\/\/[^)\s]+)\)$/.exec(lines[firstIdx] ?? '');
  let since = null, plugin = 'unspecified', pluginSince = null, summary = '';
  let inTag = false;
  for (const [i, line] of lines.entries()) {
    if (line === '') { inTag = false; continue; }
    if (i === firstIdx && url) continue;
    let m;
    if ((m = SINCE_RE.exec(line))) { since ??= m[1]; continue; }
    if ((m = PLUGIN_RE.exec(line))) {
      if (plugin === 'unspecified') {
        [plugin, pluginSince] = m[1] ? ['since', m[1]] : m[2] ? ['unsupported', null] : ['supported', null];
      }
      continue;
    }
    // Plugin usage notes ("在插件中使用时，…") and @tags (@deprecated, @warning:
    // one paragraph each) are not the description.
    if (line.startsWith('在插件中使用') || line.startsWith('@')) { inTag = true; continue; }
    if (inTag || summary) continue;
    summary = line.replace(LINK_RE, '$1').replace(/\*\*|__/g, '').split('。')[0].trim();
  }
  return { since, plugin, pluginSince, summary, doc: url ? url[1] : null };
}

// ---- types -----------------------------------------------------------------

function makeTyper(checker, program) {
  const F = ts.TypeFlags;
  const isLib = (t, name) =>
    t.symbol?.name === name &&
    (t.symbol.declarations ?? []).some((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()));

  // Type parameters stand for their constraint (or default): `option: T`
  // with `T extends ShowToastOption` is a ShowToastOption.
  const resolve = (t) => {
    if (t.flags & F.TypeParameter) {
      return checker.getBaseConstraintOfType(t) ?? checker.getDefaultFromTypeParameter(t) ?? t;
    }
    return t;
  };

  function category(type) {
    const t = resolve(type);
    if (t.flags & (F.Any | F.Unknown | F.Never | F.TypeParameter)) return 'any';
    if (t.flags & (F.Void | F.Undefined | F.Null)) return 'void';
    if (t.flags & F.BooleanLike) return 'boolean'; // before unions: `boolean` is true|false
    if (t.flags & F.StringLike) return 'string';
    if (t.flags & F.NumberLike) return 'number';
    if (t.isUnion()) {
      // `string | undefined` is a string; `string | string[]` is not one thing.
      const cats = new Set(t.types.map(category).filter((c) => c !== 'void'));
      return cats.size === 1 ? [...cats][0] : cats.size === 0 ? 'void' : 'any';
    }
    if (t.flags & (F.Object | F.Intersection)) {
      if (isLib(t, 'ArrayBuffer')) return 'arraybuffer';
      if (isLib(t, 'Promise')) return 'promise';
      // A callback: callable and nothing else.
      if (checker.getSignaturesOfType(t, ts.SignatureKind.Call).length && !checker.getPropertiesOfType(t).length) {
        return 'function';
      }
      return 'object';
    }
    return 'any'; // conditional, indexed access, unresolved generics...
  }

  // An object "with methods" (a context, manager, task...), not plain data.
  function hasMethods(type) {
    const t = resolve(type);
    if (category(t) !== 'object' || checker.isArrayType(t) || checker.isTupleType(t)) return false;
    return checker.getPropertiesOfType(t).some((p) => {
      const pt = checker.getTypeOfSymbol(p);
      return checker.getSignaturesOfType(checker.getNonNullableType(pt), ts.SignatureKind.Call).length > 0;
    });
  }

  // Does an (optional, generic) options parameter take a `success` callback?
  const hasSuccess = (type) =>
    (type.isUnion() ? type.types : [type])
      .map(resolve)
      .some((p) => p.flags & F.Object && checker.getPropertyOfType(p, 'success'));

  return { category, hasMethods, hasSuccess };
}

// ---- extraction ------------------------------------------------------------

function findWx(sf) {
  let found;
  (function visit(n) {
    if (found) return;
    if (ts.isModuleDeclaration(n) && n.name.text === 'WechatMiniprogram') {
      for (const s of n.body?.statements ?? []) {
        if (ts.isInterfaceDeclaration(s) && s.name.text === 'Wx') found = s;
      }
    }
    ts.forEachChild(n, visit);
  })(sf);
  if (!found) throw new Error(`interface WechatMiniprogram.Wx not found in ${API_FILE}`);
  return found;
}

/** Reads the installed typings and returns the snapshot object. */
export function extract() {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve(`${PKG}/package.json`));
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  // Compile the whole package (the API file uses types from its siblings and
  // from the ES lib: ArrayBuffer, Promise).
  const program = ts.createProgram([path.join(pkgDir, 'index.d.ts')], {
    noEmit: true, target: ts.ScriptTarget.ES2020, lib: ['lib.es2020.d.ts'], types: [], strict: true,
  });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(path.join(pkgDir, API_FILE));
  const typer = makeTyper(checker, program);

  const functions = new Map();
  for (const member of findWx(sf).members) {
    // Overloads: keep the first declaration. Properties (cloud, env...) are not functions.
    if (!ts.isMethodSignature(member) || functions.has(member.name.text)) continue;
    const name = member.name.text;
    const sig = checker.getSignatureFromDeclaration(member);
    const params = member.parameters.map((p, i) => ({
      name: p.name.getText(sf),
      type: typer.category(checker.getTypeOfSymbol(sig.parameters[i])),
      optional: Boolean(p.questionToken || p.initializer || p.dotDotDotToken),
    }));
    const ret = checker.getReturnTypeOfSignature(sig);
    // `PromisifySuccessResult<T, XOption>` is void when callbacks are passed,
    // and plugins on old bases only have the callback form.
    const promisified = ret.aliasSymbol?.name === 'PromisifySuccessResult';
    const returns = promisified ? 'void' : typer.category(ret);
    const success = sig.parameters.length > 0 && typer.hasSuccess(checker.getTypeOfSymbol(sig.parameters[0]));

    let kind;
    if (/^o(n|ff)[A-Z]/.test(name)) kind = 'listener';
    else if (KIND_OVERRIDES[name]) kind = KIND_OVERRIDES[name];
    else if (success && returns === 'object') kind = 'task';
    else if (success) kind = 'async';
    else if (name.endsWith('Sync')) kind = 'sync';
    else if (typer.hasMethods(ret)) kind = 'factory';
    else kind = 'sync';

    const d = readDoc(docLines(member, sf));
    functions.set(name, {
      name, since: d.since, plugin: d.plugin, plugin_since: d.pluginSince, kind,
      params, returns, summary: d.summary, doc: d.doc,
    });
  }
  return {
    source: { package: PKG, version, file: API_FILE, interface: 'WechatMiniprogram.Wx' },
    // Code-unit order, not locale order: the same on every machine.
    functions: [...functions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

export const serialize = (snapshot) => JSON.stringify(snapshot, null, 2) + '\n';

/** A few human-readable lines saying how `old` and `fresh` differ. */
export function diffSummary(old, fresh) {
  const out = [];
  if (JSON.stringify(old.source) !== JSON.stringify(fresh.source)) {
    out.push(`source: ${JSON.stringify(old.source)} -> ${JSON.stringify(fresh.source)}`);
  }
  const byName = (s) => new Map((s.functions ?? []).map((f) => [f.name, f]));
  const a = byName(old), b = byName(fresh);
  const added = [...b.keys()].filter((n) => !a.has(n));
  const removed = [...a.keys()].filter((n) => !b.has(n));
  const changed = [...b.keys()].filter((n) => a.has(n) && JSON.stringify(a.get(n)) !== JSON.stringify(b.get(n)));
  const list = (xs) => xs.slice(0, 20).join(', ') + (xs.length > 20 ? `, ... (${xs.length - 20} more)` : '');
  if (added.length) out.push(`added (${added.length}): ${list(added)}`);
  if (removed.length) out.push(`removed (${removed.length}): ${list(removed)}`);
  for (const n of changed.slice(0, 20)) {
    const fields = Object.keys(b.get(n)).filter((k) => JSON.stringify(a.get(n)[k]) !== JSON.stringify(b.get(n)[k]));
    out.push(`changed ${n}: ${fields.map((k) => `${k} ${JSON.stringify(a.get(n)[k])} -> ${JSON.stringify(b.get(n)[k])}`).join('; ')}`);
  }
  if (changed.length > 20) out.push(`... and ${changed.length - 20} more changed`);
  if (!out.length) out.push('formatting differs (regenerate the file)');
  return out.join('\n');
}

// ---- CLI -------------------------------------------------------------------

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fresh = serialize(extract());
  const rel = path.relative(process.cwd(), SNAPSHOT);
  if (process.argv.includes('--check')) {
    const old = fs.existsSync(SNAPSHOT) ? fs.readFileSync(SNAPSHOT, 'utf8') : null;
    if (old === fresh) process.exit(0);
    let summary = `${rel} is missing`;
    if (old !== null) {
      try { summary = diffSummary(JSON.parse(old), JSON.parse(fresh)); } catch { summary = `${rel} is not valid JSON`; }
    }
    console.error(`${rel} is out of date with the installed typings; run \`npm run extract-typings\`.\n${summary}`);
    process.exit(1);
  }
  fs.writeFileSync(SNAPSHOT, fresh);
  console.log(`wrote ${rel}`);
}
