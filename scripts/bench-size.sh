#!/usr/bin/env bash
# What the typed layer costs a plugin, measured side by side in one run:
# plugins written by hand (plain #[wasm_bindgen] externs, Reflect, JsFuture,
# a kept Closure) against the same on wx_bindings — hello (system info + an
# awaited toast), a listener, a request — and a plugin using ten typed APIs
# against the one using one. Each is packaged by wx-pack for base
# 2.18.1 (wasm mode: wasm-opt -Oz, brotli) and its files are measured.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null

out=target/bench-size
rm -rf "$out"
mkdir -p "$out"
for plugin in hello-hand hello-typed ten-typed listener-hand listener-typed request-hand request-typed; do
    cargo run -q -p wx-pack -- build "bench/$plugin" --base 2.18.1 --out "$out/$plugin" >/dev/null
done
node - "$out" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const sizes = (name) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, name, 'wx-pack.json'), 'utf8'));
  const file = (pred) => manifest.files.find((f) => pred(f.name)) ?? { bytes: 0, gzip: 0, shipped: 0 };
  const wasm = file((n) => n.endsWith('.wasm.br') || n.endsWith('.wasm'));
  const glue = file((n) => n.endsWith('_bg.js'));
  const loader = file((n) => n === 'index.js');
  return { wasm: wasm.bytes, wasmShipped: wasm.shipped, glue: glue.bytes, glueGzip: glue.gzip, loader: loader.bytes };
};
const n = (x) => x.toLocaleString('en-US');
const row = (label, a, b, goal) =>
  console.log(`${label.padEnd(34)} ${n(a).padStart(9)} ${n(b).padStart(9)} ${(b / a).toFixed(2).padStart(7)}x   ${goal}`);
for (const [title, handName, typedName] of [
  ['hello (system info + awaited toast)', 'hello-hand', 'hello-typed'],
  ['a network-status listener', 'listener-hand', 'listener-typed'],
  ['a request', 'request-hand', 'request-typed'],
]) {
  const hand = sizes(handName), typed = sizes(typedName);
  console.log(`${title.padEnd(34)} ${'hand'.padStart(9)} ${'typed'.padStart(9)} ${'ratio'.padStart(8)}   goal`);
  row('  wasm, after wasm-opt (bytes)', hand.wasm, typed.wasm, '<= 1.10x');
  row('  wasm, brotli as shipped (bytes)', hand.wasmShipped, typed.wasmShipped, '');
  row('  glue (bytes)', hand.glue, typed.glue, '<= 1.10x');
  row('  glue, gzip (bytes)', hand.glueGzip, typed.glueGzip, '');
}
const typed = sizes('hello-typed'), ten = sizes('ten-typed');
console.log('');
console.log(`one typed API vs ten: +${n(ten.wasm - typed.wasm)} B wasm, +${n(ten.glue - typed.glue)} B glue for 9 more wrappers ` +
  `(${n(Math.round((ten.wasm - typed.wasm) / 9))} B wasm and ${n(Math.round((ten.glue - typed.glue) / 9))} B glue each)`);
JS
