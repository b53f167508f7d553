'use strict';
// What the membrane costs a plugin's wx calls: N calls of wx.getStorageSync('k'),
// of the async wx.getStorage (callbacks) and of its promise form, from plugin
// JS, in one process for each wx-host src directory given (e.g. the code
// before the membrane and after), side by side: the best of ROUNDS runs,
// old and new taking turns (a busy machine slows both alike).
//
//   node wx-host/test-support/bench-membrane.js <old wx-host/src> <new wx-host/src> [N]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [, , ...argv] = process.argv;
const N = /^\d+$/.test(argv[argv.length - 1] || '') ? Number(argv.pop()) : 100000;
const srcs = argv.length ? argv : [path.join(__dirname, '..', 'src')];
const ROUNDS = Number(process.env.ROUNDS || 3);

const PLUGIN = `
module.exports = {
  sync(n) { for (let i = 0; i < n; i++) wx.getStorageSync('k'); },
  callbacks(n) {
    return new Promise((resolve) => {
      let left = n;
      for (let i = 0; i < n; i++) wx.getStorage({ key: 'k', success() { if (--left === 0) resolve(); } });
    });
  },
  promises(n) {
    const all = [];
    for (let i = 0; i < n; i++) all.push(wx.getStorage({ key: 'k' }));
    return Promise.all(all);
  },
};`;

async function measure(src) {
  const { createHost } = require(path.resolve(src));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-bench-'));
  fs.writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify({ main: 'index.js' }));
  fs.writeFileSync(path.join(dir, 'index.js'), PLUGIN);
  const out = {};
  for (const what of ['sync', 'callbacks', 'promises']) {
    const host = createHost({ baseVersion: '3.0.0', settleTimeout: 600000 });
    const exports = await host.load(dir);
    host.evaluate("wx.setStorageSync('k', { a: 1, b: 'two', c: [3] })");
    await exports[what](1000); // warm-up
    // CPU time (user + system) of the process: steadier than wall time on a shared machine.
    const t = process.cpuUsage();
    await exports[what](N);
    await host.settle();
    const used = process.cpuUsage(t);
    out[what] = (used.user + used.system) / 1000;
    host.dispose();
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

(async () => {
  const best = new Map(srcs.map((src) => [src, {}]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const src of srcs) {
      const r = await measure(src);
      const b = best.get(src);
      for (const [k, ms] of Object.entries(r)) b[k] = Math.min(b[k] ?? Infinity, ms);
    }
  }
  console.log(`${N} calls each, best of ${ROUNDS}: CPU ms (µs per call)`);
  const cell = (ms) => `${ms.toFixed(0)} ms (${((ms * 1000) / N).toFixed(2)} µs)`;
  for (const [src, r] of best) {
    console.log(`${src}\n  getStorageSync: ${cell(r.sync)}\n  getStorage, callbacks: ${cell(r.callbacks)}\n  getStorage, promises: ${cell(r.promises)}`);
  }
})();
