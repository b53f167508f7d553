'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createHost, normalizeAllowlist, compareVersions } = require('../src');
const { ALLOWLIST } = require('../test-support/kit');

const WORKSPACE = path.resolve(__dirname, '..', '..');

test('allowlist entries keep name, since and kind; extra fields are ignored', () => {
  const [e] = normalizeAllowlist([{ name: 'showToast', since: '1.9.6', kind: 'async', legacy: false, rust_name: 'show_toast', feature: null, source: 'page', doc: 'x' }]);
  assert.deepEqual(e, { name: 'showToast', since: '1.9.6', kind: 'async' });
  assert.equal(normalizeAllowlist(ALLOWLIST).length, ALLOWLIST.length);
});

// The real list, from the project's single source of truth: { list } or { skip: reason }.
let real;
function realList() {
  if (real) return real;
  const r = spawnSync('cargo', ['run', '-q', '-p', 'wx-allowlist', '--', '--json'], {
    cwd: WORKSPACE, encoding: 'utf8', timeout: 10 * 60 * 1000, maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error && r.error.code === 'ENOENT') real = { skip: 'cargo is not on PATH' };
  else if (r.error || r.status !== 0) {
    const why = (r.error && r.error.message) || r.stderr.trim().split('\n').slice(-1)[0] || `exit ${r.status}`;
    real = { skip: `cargo run -p wx-allowlist failed: ${why}` };
  } else real = { list: JSON.parse(r.stdout) }; // not JSON: a real failure, not a skip
  return real;
}

test('the host accepts the output of `cargo run -q -p wx-allowlist -- --json`', (t) => {
  const { list, skip } = realList();
  if (skip) return t.skip(skip);
  assert.ok(Array.isArray(list) && list.length > 0, 'a non-empty JSON array');
  const entries = normalizeAllowlist(list);
  for (const base of ['1.9.6', '2.18.1', '99.0.0']) {
    const host = createHost({ allowlist: list, baseVersion: base });
    const expected = entries.filter((e) => compareVersions(e.since, base) <= 0).map((e) => e.name);
    assert.deepEqual([...host.exposed], expected, base);
    for (const name of expected) assert.equal(host.evaluate(`typeof wx.${name}`), 'function', name);
    assert.equal(host.evaluate('Object.keys(wx).length'), expected.length, base);
  }
  const at196 = createHost({ allowlist: list });
  assert.equal(at196.evaluate('typeof wx.showToast'), 'function');
  assert.equal(at196.evaluate('typeof wx.redirectTo'), 'undefined'); // not on the 1.9.6 page
  assert.equal(at196.evaluate('wx.getSystemInfoSync().SDKVersion'), '1.9.6');
});

test('every API of the real list answers in its convention, none left pending', async (t) => {
  const { list, skip } = realList();
  if (skip) return t.skip(skip);
  const host = createHost({ allowlist: list, baseVersion: '99.0.0' });
  t.after(() => host.dispose());
  // Each function called once with a fail callback (no promise style); sync/factory throw.
  host.evaluate('for (const name of Object.keys(wx)) { try { wx[name]({ fail() {} }); } catch (e) {} }');
  await host.settle();
  assert.equal(host.trace.length, host.exposed.length);
  assert.deepEqual(host.trace.filter((x) => x.outcome === 'pending'), []);
  assert.deepEqual(host.errors, []);
});
