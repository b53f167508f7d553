'use strict';
// Base-library versions ("1.9.6", "2.10.2") compare numerically, part by
// part: "1.9.94" > "1.9.6", which a string compare gets wrong.

const VERSION_RE = /^\d+(\.\d+)*$/;

function parseVersion(v) {
  if (typeof v !== 'string' || !VERSION_RE.test(v)) {
    throw new TypeError(`not a base-library version: ${JSON.stringify(v)} (expected e.g. "2.18.1")`);
  }
  return v.split('.').map(Number);
}

/** Returns -1, 0 or 1. Missing parts count as 0 ("2.1" == "2.1.0"). */
function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] || 0) - (y[i] || 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

const isValidVersion = (v) => typeof v === 'string' && VERSION_RE.test(v);

module.exports = { compareVersions, parseVersion, isValidVersion };
