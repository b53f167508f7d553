'use strict';
// The base-library facts the host needs, read from platform.json, which
// `cargo run -p wx-gen` generates from wx-allowlist (and its drift test
// holds to the data), so no version number is copied here by hand:
//   baseline            the lowest base of the listing (the default --base)
//   promiseSince        async APIs called without callbacks return a promise from here
//   wxWebAssemblySince  plugins have WXWebAssembly from here
//   interfaces          per interface of the typings, per method:
//                       { pluginSince: base from which plugins may call it, or null; unsupported }

const fs = require('node:fs');
const path = require('node:path');

const PLATFORM_FILE = path.join(__dirname, '..', 'platform.json');
const PLATFORM = JSON.parse(fs.readFileSync(PLATFORM_FILE, 'utf8'));

/** The methods of `iface` ({ name: { pluginSince, unsupported } }), or null for an interface the typings lack. */
function methodsOf(iface) {
  return Object.prototype.hasOwnProperty.call(PLATFORM.interfaces, iface) ? PLATFORM.interfaces[iface] : null;
}

module.exports = {
  PLATFORM,
  PLATFORM_FILE,
  BASELINE: PLATFORM.baseline,
  PROMISE_SINCE: PLATFORM.promiseSince,
  WXWEBASSEMBLY_SINCE: PLATFORM.wxWebAssemblySince,
  methodsOf,
};
