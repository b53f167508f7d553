#!/usr/bin/env bash
# The main job: package the hello example plugin and run it in the simulated
# WeChat plugin host, printing its results, the trace of its wx calls and
# the package sizes. Twice: as wasm2js JavaScript for base library 1.9.6,
# and as brotli-compressed wasm for 2.18.1 (where plugins get WXWebAssembly).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

printf '== hello, for the lowest base its APIs allow (wasm2js)\n'
cargo run -q -p wx-pack -- run examples/hello

printf '\n== hello, for base library 2.18.1 (WXWebAssembly)\n'
cargo run -q -p wx-pack -- run examples/hello --base 2.18.1 --out target/wx-plugin/hello-wasm
