#!/usr/bin/env bash
# The cost of the example components in Rust against the same components in
# careful plain JavaScript (tests/components/js), side by side in WeChat's
# own component simulator: setData bytes per interaction script (diffed
# Rust, naive Rust, JS), tap → render time (median of alternating rounds),
# and package size. Figures are printed, not asserted (bench/components.js).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null

out=target/components
mkdir -p "$out"
# The same folders scripts/test.sh builds for the component tests.
for example in counter todo async-status; do
    cargo run -q -p wx-pack -- build "examples/$example" --mode wasm2js --base 1.9.6 --out "$out/$example-wasm2js" -q >/dev/null
    cargo run -q -p wx-pack -- build "examples/$example" --mode wasm --base 2.18.1 --out "$out/$example-wasm" -q >/dev/null
done
node bench/components.js "$out"
