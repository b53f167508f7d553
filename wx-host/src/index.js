'use strict';
// wx-host: a simulated WeChat mini-program plugin host.

const { createHost, shippedAllowlist, normalizeAllowlist, formatTrace, KINDS, WXWEBASSEMBLY_SINCE } = require('./host');
const { runPlugin, UsageError } = require('./run');
const { runPluginIsolated, DEFAULT_MEMORY_MB } = require('./isolate');
const { compareVersions, parseVersion, isValidVersion } = require('./version');
const { jsonSafe } = require('./jsonsafe');
const { ITEM_LIMIT, TOTAL_LIMIT } = require('./storage');

module.exports = {
  createHost, runPlugin, runPluginIsolated, DEFAULT_MEMORY_MB, shippedAllowlist, normalizeAllowlist, formatTrace,
  compareVersions, parseVersion, isValidVersion, jsonSafe,
  UsageError, KINDS, WXWEBASSEMBLY_SINCE, STORAGE_ITEM_LIMIT: ITEM_LIMIT, STORAGE_TOTAL_LIMIT: TOTAL_LIMIT,
};
