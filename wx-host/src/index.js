'use strict';
// wx-host: a simulated WeChat mini-program plugin host.

const { createHost, shippedAllowlist, normalizeAllowlist, formatTrace, KINDS, WXWEBASSEMBLY_SINCE } = require('./host');
const { runPlugin, UsageError } = require('./run');
const { compareVersions, parseVersion, isValidVersion } = require('./version');
const { jsonSafe } = require('./jsonsafe');
const { ITEM_LIMIT, TOTAL_LIMIT } = require('./storage');

module.exports = {
  createHost, runPlugin, shippedAllowlist, normalizeAllowlist, formatTrace,
  compareVersions, parseVersion, isValidVersion, jsonSafe,
  UsageError, KINDS, WXWEBASSEMBLY_SINCE, STORAGE_ITEM_LIMIT: ITEM_LIMIT, STORAGE_TOTAL_LIMIT: TOTAL_LIMIT,
};
