'use strict';
// Call overhead in the simulated host, side by side in one run: the same
// plugin in plain JavaScript (bench/calls-js), written by hand in Rust
// (bench/calls-hand) and on the typed layer (bench/calls-typed). Each
// measure runs `n` calls inside one export, in rounds that alternate the
// three plugins, and reports the median time per call.
//
// usage: node bench/calls.js <hand plugin dir> <typed plugin dir> [--quick]

const http = require('node:http');
const path = require('node:path');
const { createHost } = require('../wx-host/src/index');

const allowlist = require('../wx-host/allowlist.json');
const BASE = '2.19.2'; // the file system manager's base in plugins
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 7;

async function plugin(dir) {
  const host = createHost({ allowlist, baseVersion: BASE });
  const exports = await host.load(dir);
  await host.settle();
  host.storage.set('k', JSON.stringify('a stored string'));
  return { name: path.basename(dir), host, exports };
}

// Awaits the export's answer and checks it, so a broken plugin cannot look fast.
async function timed(p, run, expected) {
  p.host.trace.length = 0; // the host records every call; keep rounds alike
  const start = process.hrtime.bigint();
  const answer = await run(p);
  const ns = Number(process.hrtime.bigint() - start);
  if (answer !== expected) throw new Error(`${p.name}: expected ${expected}, got ${answer}`);
  return ns;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const [handDir, typedDir] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!handDir || !typedDir) throw new Error('usage: node bench/calls.js <hand plugin dir> <typed plugin dir> [--quick]');
  const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('ok'); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const plugins = {
    js: await plugin(path.join(__dirname, 'calls-js')),
    hand: await plugin(handDir),
    typed: await plugin(typedDir),
  };
  for (const p of Object.values(plugins)) await p.exports.listen();
  const scale = quick ? 0.1 : 1;
  const measures = [
    { name: 'getStorageSync (sync, short string)', n: 20000 * scale, run: (p, n) => p.exports.sync_calls(n), expect: (n) => n },
    { name: 'getStorage (async, awaited)', n: 2000 * scale, run: (p, n) => p.exports.async_calls(n), expect: (n) => n },
    {
      name: 'an onNetworkStatusChange event',
      n: 20000 * scale,
      // (A packaged plugin's exports answer promises: it may still be instantiating.)
      run: async (p, n) => {
        const before = await p.exports.events();
        for (let i = 0; i < n; i++) p.host.emit('onNetworkStatusChange', { isConnected: true, networkType: 'wifi' });
        return (await p.exports.events()) - before;
      },
      expect: (n) => n,
    },
    { name: 'request round trip (loopback)', n: 300 * scale, run: (p, n) => p.exports.requests(url, n), expect: (n) => 200 * n },
    { name: '64 KiB ArrayBuffer both ways (fs)', n: 500 * scale, run: (p, n) => p.exports.buffers(n), expect: (n) => 65536 * n },
  ];
  const rows = [];
  for (const m of measures) {
    const n = Math.max(1, Math.round(m.n));
    const warm = Math.max(1, Math.round(n / 10));
    for (const p of Object.values(plugins)) await timed(p, (q) => m.run(q, warm), m.expect(warm));
    const times = { js: [], hand: [], typed: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const [kind, p] of Object.entries(plugins)) times[kind].push(await timed(p, (q) => m.run(q, n), m.expect(n)) / n);
    }
    rows.push({ name: m.name, n, js: median(times.js), hand: median(times.hand), typed: median(times.typed) });
  }
  server.close();
  for (const p of Object.values(plugins)) p.host.dispose();

  const f = (ns) => (Math.abs(ns) >= 10000 ? `${(ns / 1000).toFixed(1)} µs` : `${Math.round(ns)} ns`).padStart(10);
  console.log(`call overhead at base ${BASE}, median of ${ROUNDS} rounds per call (plain JS, hand-written Rust, typed layer)`);
  console.log(`${'per call'.padEnd(38)} ${'plain JS'.padStart(10)} ${'hand'.padStart(10)} ${'typed'.padStart(10)} ${'typed/hand'.padStart(11)} ${'typed/JS'.padStart(9)} ${'typed-JS'.padStart(10)}   goal`);
  for (const r of rows) {
    const ratio = r.typed / r.hand;
    console.log(`${r.name.padEnd(38)} ${f(r.js)} ${f(r.hand)} ${f(r.typed)} ${`${ratio.toFixed(2)}x`.padStart(11)} ${`${(r.typed / r.js).toFixed(1)}x`.padStart(9)} ${f(r.typed - r.js)}   typed <= 1.10x hand: ${ratio <= 1.1 ? 'met' : 'NOT met'}`);
  }
}

main().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
