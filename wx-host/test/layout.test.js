'use strict';
// The layout of src/ (issue 21 §4): an API category (apis/<category>.js and
// the subsystem files under apis/<category>/) requires only its own files
// and shared infrastructure, never another category; nothing outside apis/
// requires a category (the registry, src/wx.js, loads them by listing the
// folder), with no exception (what categories share lives in shared modules,
// such as data/system-info.js); the modules' requires form no cycle; and no
// source file grows past 400 lines without a reason written here.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const SRC = path.join(__dirname, '..', 'src');
const APIS = path.join(SRC, 'apis');
// Longer files, each with its reason.
const LONG = {
  'membrane.js': 'the membrane stays one file, read and reviewed as a whole (README, Sandbox)',
};

function sources(dir = SRC, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) sources(full, out);
    else if (e.name.endsWith('.js')) out.push(full);
  }
  return out;
}
const rel = (f) => path.relative(SRC, f).split(path.sep).join('/');

/** The src/ files `file` requires by a relative path, resolved as Node would. */
function localRequires(file) {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/require\('(\.{1,2}\/[^']*)'\)/g)].map((m) => require.resolve(path.resolve(path.dirname(file), m[1])));
}

/** The category a file implements ('device' for apis/device.js and apis/device/*), or null for infrastructure. */
function categoryOf(file) {
  const r = path.relative(APIS, file);
  if (r.startsWith('..')) return null;
  return r.split(path.sep)[0].replace(/\.js$/, '');
}

const FILES = sources();

test('a category requires only its own files and shared infrastructure; infrastructure requires no category', () => {
  const wrong = [];
  for (const file of FILES) {
    const own = categoryOf(file);
    for (const dep of localRequires(file)) {
      const theirs = categoryOf(dep);
      const edge = `${rel(file)} -> ${rel(dep)}`;
      if (theirs !== null && theirs !== own) wrong.push(edge);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the modules of src/ require each other without a cycle', () => {
  const graph = new Map(FILES.map((f) => [f, localRequires(f)]));
  const state = new Map(); // file -> 'open' | 'done'
  const cycles = [];
  const visit = (f, trail) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') { cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(' -> ')); return; }
    state.set(f, 'open');
    for (const d of graph.get(f) || []) visit(d, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of FILES) visit(f, []);
  assert.deepEqual(cycles, []);
});

test('no source file is over 400 lines unless LONG says why', () => {
  const long = FILES.map((f) => [rel(f), fs.readFileSync(f, 'utf8').split('\n').length - 1]).filter(([f, n]) => n > 400 && !LONG[f]);
  assert.deepEqual(long, []);
});
