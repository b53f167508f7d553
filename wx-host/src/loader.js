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

  function load(file) {
    const cached = cache.get(file);
    if (cached) return cached.exports; // cycles see the partial exports, as in Node
    const module = realm.object();
    module.exports = realm.object();
    cache.set(file, module);
    try {
      const fn = vm.compileFunction(fs.readFileSync(file, 'utf8'), ['module', 'exports', 'require'], {
        parsingContext: realm.context,
        filename: file,
      });
      const dir = path.dirname(file);
      fn.call(module.exports, module, module.exports, (spec) => load(resolve(dir, spec)));
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
      return load(resolve(root, spec));
    },
  };
}

module.exports = { createLoader, isInside };
