'use strict';
// A plugin folder as WeChat takes it: a plugin.json whose "main" names the
// plugin's main JS file.

const fs = require('node:fs');
const path = require('node:path');

/** The folder's absolute path and its plugin.json, checked; throws an Error saying what is wrong. */
function readPluginFolder(pluginDir) {
  const dir = path.resolve(pluginDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`plugin folder not found: ${pluginDir}`);
  const jsonFile = path.join(dir, 'plugin.json');
  if (!fs.existsSync(jsonFile)) throw new Error(`no plugin.json in ${pluginDir}`);
  let pj;
  try {
    pj = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  } catch (e) {
    throw new Error(`${jsonFile} is not valid JSON (${e.message})`);
  }
  if (!pj || typeof pj !== 'object' || Array.isArray(pj)) throw new Error(`${jsonFile} must hold a JSON object`);
  if (typeof pj.main !== 'string' || pj.main === '') throw new Error(`${jsonFile}: "main" must name the plugin's main JS file (e.g. "index.js")`);
  return { dir, pluginJson: pj };
}

module.exports = { readPluginFolder };
