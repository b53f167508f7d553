'use strict';
// The cost of a component written in Rust against the same component in
// careful plain JavaScript (tests/components/js), measured side by side in
// WeChat's own component simulator (the harness of tests/components):
//
//   1. bytes setData sends over a fixed script of interactions: the diffed
//      Rust component, a naive Rust variant that would send its whole data
//      each time it sends (computed from the same run: the data after each
//      interaction that sent something), and the JS component;
//   2. time from a tap to the updated render (dispatch → the node's text
//      changed), median of alternating rounds, Rust against JS;
//   3. the package: what the Rust component ships (code, glue, loader, the
//      generated component JS) against the JS component's .js.
//
// Printed, never asserted. Run by scripts/bench-components.sh, which builds
// the folders first: node bench/components.js <folder of the Rust builds>.

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { createHost } = require('../wx-host/src');
const { loadComponent } = require('../tests/components/harness');

const ROOT = path.resolve(__dirname, '..');
const BUILDS = path.resolve(process.argv[2] || path.join(ROOT, 'target', 'components'));
const JS = path.join(ROOT, 'tests', 'components', 'js');
const MODES = ['wasm2js', 'wasm'];
// `data`: the component's data fields (the same in both twins): what the
// naive variant sends whole.
const EXAMPLES = [
  { example: 'counter', name: 'counter', data: ['count'] },
  { example: 'todo', name: 'todo-list', data: ['items', 'draft'] },
  { example: 'async-status', name: 'async-status', data: ['state', 'value', 'error'] },
];

const rustDir = (example, mode) => path.join(BUILDS, `${example}-${mode}`);
const componentDir = (root, name) => path.join(root, 'components', name);
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

/** A host of `root` whose storage holds status = "all good". */
function hostFor(root, base) {
  const host = createHost({ baseVersion: base });
  host.mount(root);
  host.evaluate('wx.setStorageSync("status", "all good")');
  return host;
}

// The fixed interaction scripts: each step is one user action, then settle.
const SCRIPTS = {
  counter: async (c) => {
    for (let i = 0; i < 10; i++) await c.tap('.add');
  },
  'todo-list': async (c) => {
    for (const title of ['milk', 'eggs', 'tea', 'jam', 'bread']) {
      await c.dispatch('.draft', 'input', { detail: { value: title } });
      await c.tap('.add');
    }
    for (const i of [0, 3, 4, 3]) {
      c.component.querySelectorAll('.title')[i].dispatchEvent('tap');
      await c.settle();
    }
    c.component.querySelectorAll('.remove')[2].dispatchEvent('tap');
    await c.settle();
    c.component.querySelectorAll('.title')[1].dispatchEvent('tap');
    await c.settle();
  },
  'async-status': async (c) => {
    await c.settle(); // attached's read
    for (let i = 0; i < 3; i++) await c.tap('.reload');
  },
};

const bytes = (payloads) => payloads.reduce((n, p) => n + Buffer.byteLength(JSON.stringify(p)), 0);

/** Sets a setData path (`items[3].done`, `draft`) in `data`, as WeChat does. */
function applyPath(data, key, value) {
  const parts = [...key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  let node = data;
  for (let i = 0; i < parts.length - 1; i++) {
    if (node[parts[i]] === undefined) node[parts[i]] = typeof parts[i + 1] === 'number' ? [] : {};
    node = node[parts[i]];
  }
  node[parts[parts.length - 1]] = value;
}

/**
 * Runs a component's script; returns the payloads it sent and, for the
 * naive variant, its whole data (the `dataKeys`) after each of them.
 */
async function payloadsOf(root, name, dataKeys, mode, base) {
  const host = name === 'async-status' ? hostFor(root, base) : undefined;
  const c = loadComponent(componentDir(root, name), { mode, base, wxHost: host });
  try {
    const initial = structuredClone(Object.fromEntries(dataKeys.map((k) => [k, c.component.instance.data[k]])));
    await c.settle();
    await SCRIPTS[name](c);
    const sent = c.setDataCalls.map((s) => s.data);
    const state = initial;
    const whole = sent.map((payload) => {
      for (const [k, v] of Object.entries(payload)) applyPath(state, k, structuredClone(v));
      return structuredClone(state);
    });
    // The replay must end where the component did, or the naive figure is wrong.
    const actual = Object.fromEntries(dataKeys.map((k) => [k, c.component.instance.data[k]]));
    if (JSON.stringify(state) !== JSON.stringify(actual)) {
      throw new Error(`${name} (${mode}): replaying its setData ends at ${JSON.stringify(state)}, the component at ${JSON.stringify(actual)}`);
    }
    return { sent, whole };
  } finally {
    c.dispose();
    if (host) host.dispose();
  }
}

/** Median tap → render time (ms) of `taps` taps on the component's `selector`. */
async function tapToRender(root, name, mode, base, taps) {
  const c = loadComponent(componentDir(root, name), { mode, base });
  const times = [];
  try {
    await c.settle();
    for (let i = 0; i < taps; i++) {
      const node = c.node('.count');
      const before = node.dom.textContent;
      const t0 = now();
      c.node('.add').dispatchEvent('tap');
      let spins = 0;
      while (node.dom.textContent === before) {
        if (++spins > 10000) throw new Error(`${name} (${mode}) did not render a tap`);
        await null; // j-component dispatches a microtask later; the render is synchronous in setData
      }
      times.push(now() - t0);
    }
  } finally {
    c.dispose();
  }
  return times;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function packageSize(files) {
  return files.reduce((acc, f) => {
    const body = fs.readFileSync(f);
    acc.bytes += body.length;
    acc.gzip += zlib.gzipSync(body, { level: 9 }).length;
    return acc;
  }, { bytes: 0, gzip: 0 });
}

function rustPackage(example, name, mode) {
  const dir = rustDir(example, mode);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'wx-pack.json'), 'utf8'));
  // What runs the component: the code, the glue, the loader, the generated
  // component JS (the WXML, WXSS and JSON are the JS twin's too).
  const files = manifest.files.filter((f) => /(_bg\.(wasm\.br|wasm\.js|js)|^load\.js|^index\.js)$/.test(f.name) || f.name === `components/${name}/${name}.js`);
  const shipped = files.reduce((n, f) => n + f.shipped, 0);
  const { gzip } = packageSize(files.map((f) => path.join(dir, f.name)).filter((f) => !f.endsWith('.br')));
  const br = files.filter((f) => f.name.endsWith('.br')).reduce((n, f) => n + f.shipped, 0);
  return { shipped, gzip: gzip + br };
}

const pad = (s, n) => String(s).padStart(n);

async function main() {
  for (const { example } of EXAMPLES) {
    for (const mode of MODES) {
      if (!fs.existsSync(path.join(rustDir(example, mode), 'wx-pack.json'))) {
        throw new Error(`${rustDir(example, mode)} is not built: run bash scripts/bench-components.sh`);
      }
    }
  }

  console.log('== 1. bytes setData sends over a fixed script (sum of JSON.stringify of the payloads; calls: Rust/JS; goal: Rust <= careful JS)');
  console.log(`${'component'.padEnd(13)} ${'calls'.padStart(7)} ${'Rust diffed'.padStart(11)} ${'Rust naive'.padStart(10)} ${'careful JS'.padStart(10)}  Rust/JS`);
  for (const { example, name, data } of EXAMPLES) {
    const rust = await payloadsOf(rustDir(example, 'wasm'), name, data, 'wasm', '2.18.1');
    const js = await payloadsOf(JS, name, data, 'js', '2.18.1');
    const r = bytes(rust.sent);
    const naive = bytes(rust.whole);
    const j = bytes(js.sent);
    console.log(`${name.padEnd(13)} ${pad(`${rust.sent.length}/${js.sent.length}`, 7)} ${pad(r, 11)} ${pad(naive, 10)} ${pad(j, 10)}  ${(r / j).toFixed(2)}x`);
  }

  const rounds = 9;
  const taps = 50;
  console.log(`\n== 2. tap → render, counter (median of ${rounds} alternating rounds of ${taps} taps each; goal: Rust <= 1.5x JS)`);
  for (const mode of MODES) {
    const base = mode === 'wasm' ? '2.18.1' : '1.9.6';
    const rustMedians = [];
    const jsMedians = [];
    // One warm-up each, then alternate which goes first.
    await tapToRender(rustDir('counter', mode), 'counter', mode, base, taps);
    await tapToRender(JS, 'counter', 'js', base, taps);
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 ? ['js', 'rust'] : ['rust', 'js'];
      for (const who of order) {
        if (who === 'rust') rustMedians.push(median(await tapToRender(rustDir('counter', mode), 'counter', mode, base, taps)));
        else jsMedians.push(median(await tapToRender(JS, 'counter', 'js', base, taps)));
      }
    }
    const r = median(rustMedians);
    const j = median(jsMedians);
    console.log(`${mode.padEnd(8)} base ${base.padEnd(7)} Rust ${r.toFixed(3)} ms   JS ${j.toFixed(3)} ms   Rust/JS ${(r / j).toFixed(2)}x`);
  }

  console.log('\n== 3. package: what runs each component (Rust: code + glue + loader + index.js + generated component JS; JS: its .js), bytes');
  console.log(`${'component'.padEnd(13)} ${'mode'.padEnd(8)} ${'shipped'.padStart(9)} ${'gzip/br'.padStart(9)}   ${'JS .js'.padStart(7)} ${'gzip'.padStart(6)}`);
  for (const { example, name } of EXAMPLES) {
    const jsSize = packageSize([path.join(componentDir(JS, name), `${name}.js`)]);
    for (const mode of MODES) {
      const rust = rustPackage(example, name, mode);
      console.log(`${name.padEnd(13)} ${mode.padEnd(8)} ${pad(rust.shipped.toLocaleString('en-US'), 9)} ${pad(rust.gzip.toLocaleString('en-US'), 9)}   ${pad(jsSize.bytes.toLocaleString('en-US'), 7)} ${pad(jsSize.gzip.toLocaleString('en-US'), 6)}`);
    }
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
