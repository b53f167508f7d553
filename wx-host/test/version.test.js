'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { compareVersions, parseVersion, isValidVersion } = require('../src');

test('versions compare numerically, part by part', () => {
  assert.equal(compareVersions('1.9.94', '1.9.6'), 1); // a string compare says -1
  assert.equal(compareVersions('1.9.6', '1.9.94'), -1);
  assert.equal(compareVersions('2.10.2', '2.9.9'), 1);
  assert.equal(compareVersions('2.18.1', '2.18.1'), 0);
  assert.equal(compareVersions('3.0.0', '2.99.99'), 1);
  assert.equal(compareVersions('10.0.0', '9.0.0'), 1);
});

test('malformed versions are refused', () => {
  assert.deepEqual(parseVersion('2.18.1'), [2, 18, 1]);
  // Three parts, no leading zeros: what the Rust side's semver accepts.
  for (const bad of ['', '1..2', 'v1.2.3', '1.2.x', null, 1.9, '2.1', '2.1.0.0', '2.01.0']) {
    assert.equal(isValidVersion(bad), false, String(bad));
    assert.throws(() => compareVersions(bad, '1.0.0'), /not a base-library version/);
  }
});
