'use strict';
// wx-host as an npm package: what `npm pack` ships, the allowlist it
// carries (so an installed host needs no cargo), and the README's
// mini-program test, which must be the file that runs here.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'bin', 'wx-host.js');
const notesPlugin = path.join(root, 'examples', 'notes-plugin');

test('npm pack ships the CLI, the sources and the allowlist, not the tests', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' });
  const files = JSON.parse(out)[0].files.map((f) => f.path).sort();
  for (const needed of ['allowlist.json', 'platform.json', 'src/platform.js', 'bin/wx-host.js', 'package.json', 'README.md', 'src/index.js', 'src/host.js', 'src/wx.js']) {
    assert.ok(files.includes(needed), `${needed} missing from ${files.join(', ')}`);
  }
  assert.deepEqual(files.filter((f) => f.startsWith('test') || f.startsWith('examples')), []);
  // Everything required from src/ is shipped: no file outside the list.
  const required = fs.readdirSync(path.join(root, 'src'), { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => `src/${f}`);
  for (const f of required) assert.ok(files.includes(f), `${f} not shipped`);
});

test('without --allowlist the CLI enforces the shipped listing', () => {
  const run = (extra) => spawnSync(process.execPath, [cli, 'run', notesPlugin, '--base', '2.18.1', '--call', 'save=["milk"]', '--json', ...extra], { encoding: 'utf8' });
  const shipped = run([]);
  assert.equal(shipped.status, 0, shipped.stderr);
  const explicit = run(['--allowlist', path.join(root, 'allowlist.json')]);
  assert.equal(explicit.status, 0, explicit.stderr);
  const a = JSON.parse(shipped.stdout);
  const b = JSON.parse(explicit.stdout);
  assert.equal(a.exposed, b.exposed);
  // 228 at 2.18.1 on the whole listing (allowlist.test.js pins the counts by hand),
  // less the six the page lists that today's WeChat leaves out of plugins.
  assert.equal(a.exposed, 228 - 6);
  assert.deepEqual(a.calls[0], { export: 'save', args: ['milk'], ok: true, result: 1 });
});

test('the README shows the mini-program test that runs here, verbatim', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const example = fs.readFileSync(path.join(root, 'examples', 'notes.test.js'), 'utf8');
  assert.ok(readme.includes(`\`\`\`js\n${example}\`\`\``), 'README.md must quote examples/notes.test.js in a js block');
});
