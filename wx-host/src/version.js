'use strict';
// Base-library versions ("1.9.6", "2.10.2") compare numerically, part by
// part: "1.9.94" > "1.9.6", which a string compare gets wrong. Exactly three
// parts without leading zeros, as the Rust side (semver) reads them, so that
// both sides accept the same versions.

const VERSION_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function parseVersion(v) {
  if (typeof v !== 'string' || !VERSION_RE.test(v)) {
    throw new TypeError(`not a base-library version: ${JSON.stringify(v)} (expected e.g. "2.18.1")`);
  }
  return v.split('.').map(Number);
}

/** Returns -1, 0 or 1. */
function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}

const isValidVersion = (v) => typeof v === 'string' && VERSION_RE.test(v);

module.exports = { compareVersions, parseVersion, isValidVersion };
