#!/usr/bin/env bash
# The main job: build the hello example plugin for wasm32 and show which
# wx functions it binds (each checked against the allowlist at compile time).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

cargo build --release --target wasm32-unknown-unknown -p hello
wasm=target/wasm32-unknown-unknown/release/hello.wasm
cargo run -q -p wx-allowlist -- --json > target/allowlist.json
node - "$wasm" target/allowlist.json <<'JS'
const fs = require('fs');
const [wasmPath, listPath] = process.argv.slice(2);
const allowlist = new Map(JSON.parse(fs.readFileSync(listPath, 'utf8')).map((api) => [api.name, api]));
const imports = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasmPath)));
// wasm-bindgen names each import `__wbg_<jsName>_<hash>`.
const bound = [...new Set(imports.map((i) => i.name.split('_')[3]).filter((n) => allowlist.has(n)))].sort();
console.log(`${wasmPath}: ${fs.statSync(wasmPath).size} bytes before wasm-bindgen`);
console.log('wx functions it binds:');
for (const name of bound) {
  const api = allowlist.get(name);
  console.log(`  wx.${name.padEnd(24)} since ${api.since.padEnd(7)} ${api.kind}`);
}
JS
