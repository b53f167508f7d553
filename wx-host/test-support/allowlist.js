'use strict';
// The real allowlist for wx-host's tests, read from the project's single
// source of truth (`cargo run -q -p wx-allowlist -- --json`), and an
// independent reading of the data files it is made from. Kept outside test/
// so `node --test` does not run it as a test file.
//
// Getting the real list never skips: a missing cargo, a failing build or CLI
// and output that is not a JSON array are errors naming the reason, so the
// tests that need the list fail.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const WORKSPACE = path.resolve(__dirname, '..', '..');
const CARGO_ARGS = ['run', '-q', '-p', 'wx-allowlist', '--', '--json'];
const COMMAND = `cargo ${CARGO_ARGS.join(' ')}`;

/** The last `lines` non-empty lines of a process's stderr, indented. */
function stderrTail(stderr, lines = 15) {
  const all = String(stderr || '').split('\n').filter((l) => l.trim() !== '');
  if (all.length === 0) return '  (stderr was empty)';
  return all.slice(-lines).map((l) => `  ${l}`).join('\n');
}

/**
 * Runs the allowlist CLI and returns its parsed JSON array; throws an Error
 * saying why when it cannot. `env` and `cargo` are there so tests can break it.
 */
function readRealAllowlist({ cwd = WORKSPACE, env = process.env, cargo = 'cargo', timeout = 10 * 60 * 1000 } = {}) {
  const r = spawnSync(cargo, CARGO_ARGS, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error && r.error.code === 'ENOENT') {
    throw new Error(`\`${COMMAND}\` could not start: cargo is not on PATH (PATH=${env.PATH || ''}); the allowlist tests need Rust's cargo`);
  }
  if (r.error) throw new Error(`\`${COMMAND}\` failed to run: ${r.error.message}`);
  if (r.status !== 0) {
    const how = r.status === null ? `was killed by ${r.signal}` : `exited with status ${r.status}`;
    throw new Error(`\`${COMMAND}\` ${how}; its stderr ends with:\n${stderrTail(r.stderr)}`);
  }
  let list;
  try {
    list = JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`\`${COMMAND}\` printed something that is not JSON (${e.message}); stdout starts with ${JSON.stringify(r.stdout.slice(0, 200))}`);
  }
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error(`\`${COMMAND}\` printed JSON that is not a non-empty array: ${JSON.stringify(r.stdout.slice(0, 200))}`);
  }
  return list;
}

// Base-library versions, compared here without the host's compareVersions
// so the expectations do not share its code.
function versionLe(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) < (y[i] || 0);
  }
  return true;
}
const laterOf = (a, b) => (versionLe(a, b) ? b : a);

/**
 * name -> minimum base library, read straight from the two data files
 * (wx-allowlist/data/reference-page.tsv and typings.json) rather than from the
 * CLI's output: the page's rows at the page's version; every other function
 * the typings let plugins call at the later of its plugin note's version and
 * its general minimum ("supported" with no version: its general minimum, or
 * 1.9.6); the rest are not allowed.
 */
function sinceFromDataFiles(root = WORKSPACE) {
  const data = path.join(root, 'wx-allowlist', 'data');
  const since = new Map();
  for (const line of fs.readFileSync(path.join(data, 'reference-page.tsv'), 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [name, version] = line.split('\t');
    since.set(name, version);
  }
  const { functions } = JSON.parse(fs.readFileSync(path.join(data, 'typings.json'), 'utf8'));
  for (const f of functions) {
    if (since.has(f.name)) continue;
    if (f.plugin === 'since') since.set(f.name, f.since ? laterOf(f.since, f.plugin_since) : f.plugin_since);
    else if (f.plugin === 'supported') since.set(f.name, f.since || '1.9.6');
  }
  return since;
}

module.exports = { WORKSPACE, COMMAND, readRealAllowlist, sinceFromDataFiles, versionLe, stderrTail };
