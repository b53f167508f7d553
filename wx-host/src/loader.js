'use strict';
// A CommonJS loader confined to the plugin folder. WeChat's `require` only
// reaches files of the code package: no node modules, no escaping `..`.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const isInside = (root, p) => p === root || p.startsWith(root + path.sep);
const isFile = (p) => { try { return fs.statSync(p).isFile(); } catch { return false; } };

function createLoader({ root, realm }) {
  root = fs.realpathSync(root);
  const cache = new Map();

  function resolve(fromDir, spec) {
    const shown = `require(${JSON.stringify(spec)})`;
    if (typeof spec !== 'string' || !(spec.startsWith('./') || spec.startsWith('../'))) {
      throw realm.error(`${shown}: only relative paths to files inside the plugin folder are allowed ("./x.js"); a WeChat plugin has no node modules`);
    }
    const target = path.resolve(fromDir, spec);
    if (!isInside(root, target)) throw realm.error(`${shown}: the path escapes the plugin folder`);
    for (const candidate of [target, `${target}.js`, path.join(target, 'index.js')]) {
      if (!isFile(candidate)) continue;
      // A symlink inside the folder must not lead out of it either.
      if (!isInside(root, fs.realpathSync(candidate))) throw realm.error(`${shown}: the path escapes the plugin folder`);
      return candidate;
    }
    throw realm.error(`${shown}: no such file in the plugin folder (from ${path.relative(root, fromDir) || '.'})`);
  }

  const { membrane } = realm;
  // `require` as the plugin sees it: a bridge wrapper; the module's exports
  // (a realm value the host only read) go back unconverted.
  const makeRequire = (dir) => membrane.exportFunction(function require(spec) { return membrane.realmValue(load(resolve(dir, spec))); });

  function load(file) {
    const cached = cache.get(file);
    if (cached) return cached.exports; // cycles see the partial exports, as in Node
    // The module objects are the realm's own.
    const module = membrane.kit.obj();
    Object.defineProperty(module, 'exports', { value: membrane.kit.obj(), writable: true, enumerable: true, configurable: true });
    cache.set(file, module);
    try {
      const fn = vm.compileFunction(fs.readFileSync(file, 'utf8'), ['module', 'exports', 'require'], {
        parsingContext: realm.context,
        filename: file,
      });
      Reflect.apply(fn, module.exports, [module, module.exports, makeRequire(path.dirname(file))]);
    } catch (e) {
      cache.delete(file);
      throw e;
    }
    return module.exports;
  }

  return {
    root,
    /** Loads `main` (a path relative to the plugin root) and returns its exports. */
    loadMain(main) {
      const spec = main.startsWith('./') || main.startsWith('../') ? main : `./${main}`;
      const file = resolve(root, spec);
      try {
        return load(file);
      } catch (e) {
        throw loadError(e, root, file);
      }
    },
  };
}

/**
 * The error a plugin file threw (or failed to parse with) while loading, as
 * a host Error naming the file and line: "<message> (at lib/x.js:3:5)". The
 * place comes from the error's stack: a parse error's starts with
 * "<file>:<line>" over a caret; a thrown error's first frame in the plugin
 * folder is where it was thrown. A host Error (a bad require path) is kept.
 */
function loadError(e, root, mainFile) {
  if (e instanceof Error) return e; // the host's own (a bad require path) already says what is wrong
  let name = 'Error';
  let message;
  let stack = '';
  try {
    if (e !== null && typeof e === 'object') {
      name = String(e.name);
      message = String(e.message);
      stack = typeof e.stack === 'string' ? e.stack : ''; // may run the plugin's Error.prepareStackTrace: it is plugin code
    } else {
      name = 'Error';
      message = `the plugin threw ${typeof e === 'string' ? JSON.stringify(e) : String(e)}`;
    }
  } catch {
    message = 'the plugin threw a value wx-host cannot describe';
  }
  const rel = (f) => path.relative(root, f) || path.basename(f);
  let where = null;
  const parse = /^(.+?):(\d+)\n(.*)\n( *)\^/.exec(stack);
  if (parse && isInside(root, parse[1])) {
    where = `${rel(parse[1])}:${parse[2]}:${parse[4].length + 1}`;
  } else {
    for (const line of stack.split('\n')) {
      const m = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
      if (m && isInside(root, m[1])) { where = `${rel(m[1])}:${m[2]}:${m[3]}`; break; }
    }
  }
  const err = new Error(`${message} (at ${where || `${rel(mainFile)}, while loading`})`);
  err.name = name;
  return err;
}

module.exports = { createLoader, isInside, loadError };
