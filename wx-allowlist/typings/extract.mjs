// Extracts every function member of `WechatMiniprogram.Wx` from the pinned
// official typings (npm `miniprogram-api-typings`) into a deterministic JSON
// snapshot, wx-allowlist/data/typings.json, and every interface a permitted
// function reaches (options, results, fail results, returned objects with
// their methods and events, listener payloads) into
// wx-allowlist/data/interfaces.json.
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
export const INTERFACES = path.resolve(here, '../data/interfaces.json');
const PAGE_TSV = path.resolve(here, '../data/reference-page.tsv');
const PKG = 'miniprogram-api-typings';
const API_FILE = 'types/wx/lib.wx.api.d.ts';

// The only hand table: kinds no type-level rule can tell (keep it tiny).
// Every other kind comes from the rules in extract() below.
const KIND_OVERRIDES = {
  // Plain sync functions by type, but bound as converters (ArrayBuffer <-> base64).
  arrayBufferToBase64: 'converter',
  base64ToArrayBuffer: 'converter',
};

// Minimum bases of single string-literal values that the typings do not
// state, from the official documentation page of the API (the value's row
// in its 合法值 table). Keep it tiny; everything else comes from the typings.
const VALUE_SINCE_OVERRIDES = {
  // https://developers.weixin.qq.com/miniprogram/dev/api/ui/interaction/wx.showToast.html
  // 合法值 error: 显示失败图标，此时 title 文本最多显示 7 个汉字长度 (2.14.1).
  'ShowToastOption.icon.error': '2.14.1',
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

// ---- shapes: the types of fields, parameters and results --------------------
//
// A shape is a small JSON value a code generator can map to a Rust type:
//   "string" | "number" | "boolean" | "arraybuffer" | "any" | "void" | "promise"
//   "record"                      a plain object with any keys (IAnyObject)
//   {"enum": [{value, doc, since}]}   a union of string literals
//   {"object": "Name"}            an interface of interfaces.json
//   {"array": shape}              an array of ...
//   {"function": shape|null}      a callback, with the shape of its first argument
//   {"typedarray": "Uint8Array"}  a typed array of the standard library

// "- 'value': description;" lines of a "可选值：" list; a value's own minimum
// base is written "[x.y.z](…compatibility.html)及以上版本支持".
const VALUE_LINE_RE = /^-\s*'([^']*)'\s*:\s*(.*?);?\s*$/;
const VALUE_SINCE_RE = /\[(\d+(?:\.\d+)+)\]\([^)]*compatibility[^)]*\)\s*及以上版本支持/;

function valueDocs(lines) {
  const docs = new Map();
  for (const line of lines) {
    const m = VALUE_LINE_RE.exec(line);
    if (!m) continue;
    const since = VALUE_SINCE_RE.exec(m[2]);
    docs.set(m[1], { doc: m[2].replace(LINK_RE, '$1').trim(), since: since ? since[1] : null });
  }
  return docs;
}

const pascal = (name) => name.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_, __, c) => c.toUpperCase());

function makeShaper(checker, program, typer, sf) {
  const F = ts.TypeFlags;
  const interfaces = new Map(); // name -> { type, owner } (to expand)
  const isLib = (t) =>
    (t.symbol?.declarations ?? []).some((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()));
  const resolve = (t) =>
    t.flags & F.TypeParameter
      ? checker.getBaseConstraintOfType(t) ?? checker.getDefaultFromTypeParameter(t) ?? t
      : t;

  /** The name under which an object type is recorded (its interface, or a name made from where it sits). */
  function objectName(t, hint) {
    const sym = t.aliasSymbol ?? t.symbol;
    const named = sym && sym.name !== '__type' && sym.name !== '__object' && !isLib(t);
    const name = named ? sym.name : hint;
    const known = interfaces.get(name);
    if (known && known.type !== t && checker.typeToString(known.type) !== checker.typeToString(t)) {
      // Two different types under one name (generic instantiations print alike and are one interface).
      if (!named) throw new Error(`two anonymous object types would both be named ${name}`);
    }
    if (!known) interfaces.set(name, { type: t });
    return name;
  }

  // `where` ("Interface.field") names the place for VALUE_SINCE_OVERRIDES;
  // `node` is the declared type, whose literal order is the typings' own.
  function shape(type, hint, docLinesForValues = [], where = hint, node = undefined) {
    const t = resolve(type);
    if (t.flags & (F.Any | F.Unknown | F.Never | F.TypeParameter)) return 'any';
    if (t.flags & (F.Void | F.Undefined | F.Null)) return 'void';
    if (t.flags & F.BooleanLike) return 'boolean';
    if (t.flags & F.StringLiteral) return enumShape([t.value], where, docLinesForValues, node);
    if (t.flags & F.StringLike) return 'string';
    if (t.flags & F.NumberLike) return 'number';
    if (t.isUnion()) {
      const members = t.types.filter((m) => !(m.flags & (F.Void | F.Undefined | F.Null)));
      if (members.length === 1) return shape(members[0], hint, docLinesForValues, where, node);
      if (members.every((m) => m.flags & F.StringLiteral)) {
        return enumShape(members.map((m) => m.value), where, docLinesForValues, node);
      }
      if (members.every((m) => m.flags & F.StringLike)) return 'string';
      if (members.every((m) => m.flags & F.NumberLike)) return 'number';
      if (members.every((m) => m.flags & F.BooleanLike)) return 'boolean';
      return 'any';
    }
    if (t.flags & (F.Object | F.Intersection)) {
      if (typer.category(t) === 'arraybuffer') return 'arraybuffer';
      if (typer.category(t) === 'promise') return 'promise';
      if (checker.isArrayType(t)) {
        const [element] = checker.getTypeArguments(t);
        return { array: shape(element, hint) };
      }
      if (checker.isTupleType(t)) return 'any';
      if (isLib(t)) {
        // Standard objects: typed arrays keep their name; others (Function, Date, Error...) are what they are in JS.
        const lib = t.symbol?.name ?? '';
        if (/^(Uint8|Uint8Clamped|Int8|Uint16|Int16|Uint32|Int32|Float32|Float64)Array$/.test(lib)) return { typedarray: lib };
        if (lib === 'Function') return { function: null };
        return 'any';
      }
      const calls = checker.getSignaturesOfType(t, ts.SignatureKind.Call);
      const props = checker.getPropertiesOfType(t);
      if (calls.length && !props.length) {
        const [first] = calls[0].parameters;
        return { function: first ? shape(checker.getTypeOfSymbol(first), `${hint}Result`) : null };
      }
      if (!props.length) return 'record'; // Record<string, any>, index signatures, {}
      return { object: objectName(t, hint) };
    }
    return 'any';
  }

  function enumShape(values, where, lines, node) {
    const docs = valueDocs(lines);
    // The checker orders union members by type id; the declaration's order is the one people read.
    const declared = [];
    (function visit(n) {
      if (!n) return;
      if (ts.isLiteralTypeNode(n) && ts.isStringLiteral(n.literal)) declared.push(n.literal.text);
      ts.forEachChild(n, visit);
    })(node);
    const position = (v) => (declared.includes(v) ? declared.indexOf(v) : declared.length);
    const ordered = [...new Set(values)].sort((a, b) => position(a) - position(b));
    return {
      enum: ordered.map((value) => ({
        value,
        doc: docs.get(value)?.doc ?? '',
        since: VALUE_SINCE_OVERRIDES[`${where}.${value}`] ?? docs.get(value)?.since ?? null,
      })),
    };
  }

  // The JSDoc lines of a property or method declaration.
  const memberDoc = (sym) => {
    const decl = sym.declarations?.[0];
    return decl ? docLines(decl, decl.getSourceFile()) : [];
  };

  /** Expands every recorded interface (and those its members reach) into plain data. */
  function expandAll() {
    const out = new Map();
    for (let pending = [...interfaces.keys()]; pending.length; pending = [...interfaces.keys()].filter((n) => !out.has(n))) {
      if (out.size > 3000) throw new Error(`runaway: ${pending.slice(0, 20).join(", ")}`);
      for (const name of pending) out.set(name, expand(name, interfaces.get(name).type));
    }
    return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  function expand(name, type) {
    const fields = [], methods = [];
    for (const sym of checker.getPropertiesOfType(type)) {
      const decl = sym.declarations?.[0];
      const lines = memberDoc(sym);
      const d = readDoc(lines);
      const member = sym.name;
      const propType = checker.getTypeOfSymbolAtLocation(sym, decl ?? sf);
      if (decl && ts.isMethodSignature(decl)) {
        const sig = checker.getSignaturesOfType(checker.getNonNullableType(propType), ts.SignatureKind.Call)[0];
        methods.push({
          name: member,
          since: d.since, plugin: d.plugin, plugin_since: d.pluginSince,
          params: (sig?.parameters ?? []).map((p, i) => {
            const pd = p.declarations?.[0];
            return {
              name: p.name,
              shape: shape(checker.getTypeOfSymbolAtLocation(p, pd ?? sf), `${name}${pascal(member)}${pascal(p.name)}`),
              optional: Boolean(pd && (pd.questionToken || pd.initializer || pd.dotDotDotToken)),
            };
          }),
          returns: sig ? shape(checker.getReturnTypeOfSignature(sig), `${name}${pascal(member)}Result`) : 'void',
          summary: d.summary, doc: d.doc,
        });
      } else {
        fields.push({
          name: member,
          shape: shape(propType, `${name}${pascal(member)}`, lines, `${name}.${member}`, decl?.type),
          optional: Boolean(sym.flags & ts.SymbolFlags.Optional),
          since: d.since,
          doc: d.summary,
        });
      }
    }
    return { name, fields, methods };
  }

  return { shape, expandAll };
}

/** Names of the functions a plugin may call: the page's rows (and the modern spellings of its legacy ones) and what the typings open to plugins. */
function permittedNames(functions) {
  const names = new Set();
  for (const line of fs.readFileSync(PAGE_TSV, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [name, , extra] = line.split('\t');
    names.add(name);
    const modern = extra?.split(/\s+/)[2];
    if (modern && modern !== '-') names.add(modern);
  }
  for (const f of functions.values()) if (f.plugin === 'since' || f.plugin === 'supported') names.add(f.name);
  return names;
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
  const signatures = new Map(); // name -> the first declaration's signature
  for (const member of findWx(sf).members) {
    // Overloads: keep the first declaration. Properties (cloud, env...) are not functions.
    if (!ts.isMethodSignature(member) || functions.has(member.name.text)) continue;
    const name = member.name.text;
    const sig = checker.getSignatureFromDeclaration(member);
    signatures.set(name, sig);
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

  // The shapes of what permitted functions take and give, and the
  // interfaces those reach.
  const shaper = makeShaper(checker, program, typer, sf);
  const F = ts.TypeFlags;
  const nonNullable = (t) => checker.getNonNullableType(t);
  const callbackArg = (optionsType, prop) => {
    const types = optionsType.isUnion() ? optionsType.types : [optionsType];
    for (const t of types) {
      const sym = checker.getPropertyOfType(t, prop);
      if (!sym) continue;
      const shape = shaper.shape(nonNullable(checker.getTypeOfSymbol(sym)), `${prop}`);
      return shape && typeof shape === 'object' && 'function' in shape ? shape.function : 'any';
    }
    return null;
  };
  for (const name of [...permittedNames(functions)].sort()) {
    const f = functions.get(name);
    if (!f) continue; // a legacy spelling the typings no longer carry
    const sig = signatures.get(name);
    const base = name[0].toUpperCase() + name.slice(1);
    const shapes = sig.parameters.map((p) => shaper.shape(checker.getTypeOfSymbol(p), `${base}${pascal(p.name)}`));
    f.params = f.params.map((p, i) => ({ ...p, shape: shapes[i] }));
    const ret = checker.getReturnTypeOfSignature(sig);
    f.returns_shape = f.returns === 'void' ? 'void' : shaper.shape(ret, `${base}Result`);
    if (f.kind === 'async' || f.kind === 'task') {
      let options = checker.getTypeOfSymbol(sig.parameters[0]);
      if (options.flags & F.TypeParameter) options = checker.getBaseConstraintOfType(options) ?? options;
      f.success = callbackArg(nonNullable(options), 'success');
      f.fail = callbackArg(nonNullable(options), 'fail');
    }
    if (f.kind === 'listener' && name.startsWith('on')) {
      f.payload = shapes[0] && typeof shapes[0] === 'object' && 'function' in shapes[0] ? shapes[0].function : null;
      const off = `off${name.slice(2)}`;
      f.off = functions.has(off) ? off : null;
    }
  }

  return {
    source: { package: PKG, version, file: API_FILE, interface: 'WechatMiniprogram.Wx' },
    // Code-unit order, not locale order: the same on every machine.
    functions: [...functions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    interfaces: shaper.expandAll(),
  };
}

/** typings.json: the source and the functions, pretty-printed. */
export const serialize = (snapshot) =>
  JSON.stringify({ source: snapshot.source, functions: snapshot.functions }, null, 2) + '\n';

/** interfaces.json: one line per field and per method, so a diff shows what changed. */
export function serializeInterfaces(snapshot) {
  const line = (x) => JSON.stringify(x);
  const list = (items) => (items.length ? `[\n${items.map((x) => `        ${line(x)}`).join(',\n')}\n      ]` : '[]');
  const body = snapshot.interfaces
    .map((i) => `    {\n      "name": ${line(i.name)},\n      "fields": ${list(i.fields)},\n      "methods": ${list(i.methods)}\n    }`)
    .join(',\n');
  return `{\n  "source": ${line(snapshot.source)},\n  "interfaces": [\n${body}\n  ]\n}\n`;
}

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
  const snapshot = extract();
  const outputs = [
    [SNAPSHOT, serialize(snapshot), (text) => diffSummary(JSON.parse(text), snapshot)],
    [INTERFACES, serializeInterfaces(snapshot), () => 'interfaces differ (regenerate the file)'],
  ];
  if (process.argv.includes('--check')) {
    let stale = false;
    for (const [file, fresh, describe] of outputs) {
      const rel = path.relative(process.cwd(), file);
      const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      if (old === fresh) continue;
      stale = true;
      let summary = `${rel} is missing`;
      if (old !== null) {
        try { summary = describe(old); } catch { summary = `${rel} is not valid JSON`; }
      }
      console.error(`${rel} is out of date with the installed typings; run \`npm run extract-typings\`.\n${summary}`);
    }
    process.exit(stale ? 1 : 0);
  }
  for (const [file, fresh] of outputs) {
    fs.writeFileSync(file, fresh);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
