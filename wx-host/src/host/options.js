'use strict';
// createHost's options: the allowlist listing (shipped or given) and the
// defaults and checks of the rest, all before anything is made.

const fs = require('node:fs');
const path = require('node:path');
const { isValidVersion } = require('../version');
const { KINDS } = require('../wx');
const { USER_DATA_LIMIT, FILE_SIZE_LIMIT } = require('../files/sandbox');
const { QUIET_MS } = require('../net');
// The default base is the listing's lowest (platform.json).
const { BASELINE } = require('../platform');

/** The allowlist listing shipped with wx-host (`allowlist.json`). */
function shippedAllowlist() {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'allowlist.json'), 'utf8'));
}

/**
 * Checks the `wx-allowlist --json` array; returns [{ name, since, kind,
 * unsupportedToday, category }] (category: undefined when the entry has
 * none, as in a hand-made allowlist; the registry check uses it).
 */
function normalizeAllowlist(allowlist) {
  if (!Array.isArray(allowlist)) throw new TypeError('allowlist must be a JSON array of { name, since, kind } entries');
  return allowlist.map((e, i) => {
    const where = `allowlist entry ${i}${e && typeof e.name === 'string' ? ` (${e.name})` : ''}`;
    if (!e || typeof e !== 'object') throw new TypeError(`${where} is not an object`);
    if (typeof e.name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(e.name)) throw new TypeError(`${where}: "name" must be an identifier`);
    if (!isValidVersion(e.since)) throw new TypeError(`${where}: "since" must be a version like "1.9.6", got ${JSON.stringify(e.since)}`);
    if (!KINDS.includes(e.kind)) throw new TypeError(`${where}: "kind" must be one of ${KINDS.join(', ')}, got ${JSON.stringify(e.kind)}`);
    if (e.category !== undefined && e.category !== null && typeof e.category !== 'string') throw new TypeError(`${where}: "category" must be a string or null`);
    const out = { name: e.name, since: e.since, kind: e.kind, unsupportedToday: e.unsupported_today === true };
    if (e.category !== undefined) out.category = e.category;
    return out;
  });
}

/**
 * createHost's options with their defaults (README, "Library"); throws a
 * TypeError on a bad base version, plugin id or quiet period. The
 * allowlist and scenario are checked by the caller, against each other.
 */
function readOptions(options) {
  const {
    // Default: the listing wx-host ships (allowlist.json, generated from
    // wx-allowlist's data), so a mini-program's own tests need no Rust.
    allowlist = shippedAllowlist(),
    baseVersion = BASELINE,
    storageFile = null,
    pluginId = 'plugin',
    missing = [],
    // The reference page lists a few APIs today's typings mark unsupported in
    // plugins; today's WeChat leaves them out. `asReferencePage` puts them back.
    asReferencePage = false,
    modal = { confirm: true },
    verbose = false, // echo the plugin's console to stderr as it happens
    settleTimeout = 5000,
    // The plugin's files (wx.getFileSystemManager, downloadFile's temp files):
    // null, a fresh temp directory removed by dispose(); a path, kept.
    filesDir = null,
    userDataLimit = USER_DATA_LIMIT, // all user files together, bytes
    fileSizeLimit = FILE_SIZE_LIMIT, // one file, bytes
    // A scenario (src/scenario.js): what the phone reports. Checked in full
    // by createHost, so a bad one stops the host before any plugin code runs.
    scenario = null,
    scenarioName = 'scenario', // how errors name it (the CLI: the file)
    // "wall" or "virtual" (src/clock.js); default: the scenario's `clock`, else "wall".
    clock = undefined,
    // On the virtual clock, how long (wall ms) a network task may hear nothing
    // from its server before it counts as only waiting (apis/network/tasks.js
    // quietWatch); longer for a slow test server or a busy machine.
    networkQuietMs = QUIET_MS,
  } = options;
  if (!isValidVersion(baseVersion)) throw new TypeError(`baseVersion must be a version like "2.18.1", got ${JSON.stringify(baseVersion)}`);
  if (typeof pluginId !== 'string' || pluginId === '') throw new TypeError('pluginId must be a non-empty string');
  if (!(Number.isFinite(networkQuietMs) && networkQuietMs > 0)) throw new TypeError(`networkQuietMs must be a positive number of milliseconds, got ${JSON.stringify(networkQuietMs)}`);
  return {
    allowlist, baseVersion, storageFile, pluginId, missing, asReferencePage, modal, verbose, settleTimeout,
    filesDir, userDataLimit, fileSizeLimit, scenario, scenarioName, clock, networkQuietMs,
  };
}

module.exports = { shippedAllowlist, normalizeAllowlist, readOptions };
