'use strict';
// What a host keeps alive. createHost reads its options (src/host/options.js)
// into one object; a closure of the host that used that object would keep
// the whole allowlist (the shipped one is some 170 KB of objects) alive for
// as long as the host lives, per host. A test suite keeps hosts until its
// end, so that added up to about 7 MB per 40 hosts.
const test = require('node:test');
const assert = require('node:assert/strict');
const v8 = require('node:v8');
const vm = require('node:vm');
const { createHost } = require('../src');
const { ALLOWLIST } = require('../test-support/kit');

// A gc() without starting node with --expose-gc: the flag takes effect for functions made after it.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

test('a live host does not keep the allowlist it was made from', async () => {
  let allowlist = structuredClone(ALLOWLIST);
  const ref = new WeakRef(allowlist);
  const host = createHost({ allowlist, baseVersion: '2.19.2', asReferencePage: true });
  allowlist = null;
  await new Promise((r) => setImmediate(r)); // a WeakRef's target is kept until the end of the job that made it
  gc();
  assert.equal(ref.deref(), undefined, 'the allowlist was collected');
  // The host is still alive and works.
  assert.equal(host.evaluate('typeof wx.getSystemInfoSync'), 'function');
  host.dispose();
});
