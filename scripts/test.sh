#!/usr/bin/env bash
# Runs every test of the workspace: Rust unit and integration tests (among
# them the end-to-end runs of the examples in the simulated host, and the
# packager's own), the three trybuild suites (one per baseline they need),
# the wasm32 build of the bindings and examples, and the Node tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { printf '\n== %s\n' "$*"; }

step "cargo test (host): unit, integration, compile-fail and baseline compile-pass"
cargo test --workspace

step "trybuild with the 1.9.94 baseline"
cargo test -p wx-tests --features recorder --test ui

step "trybuild with the highest baseline: every binding"
cargo test -p wx-tests --features latest --test ui

step "wasm32 build of the bindings and the examples"
cargo build --target wasm32-unknown-unknown -p wx-bindings -p hello -p storage -p feedback -p listeners -p requests -p chat -p files -p scanner -p counter -p todo -p async-status -p panics -p hello-hand -p hello-typed -p ten-typed -p listener-hand -p listener-typed -p request-hand -p request-typed -p calls-hand -p calls-typed -p stress -p components
cargo build --target wasm32-unknown-unknown -p wx-bindings --all-features

step "the example components, packaged once per mode for the component tests"
# tests/components/rust-components.test.js loads these folders (and fails,
# naming these commands, when one is missing). wasm2js at the lowest base,
# wasm at the first base with WXWebAssembly.
for example in counter todo async-status; do
    cargo run -q -p wx-pack -- build "examples/$example" --mode wasm2js --base 1.9.6 --out "target/components/$example-wasm2js" -q >/dev/null
    cargo run -q -p wx-pack -- build "examples/$example" --mode wasm --base 2.18.1 --out "target/components/$example-wasm" -q >/dev/null
done

step "node tests: typings snapshot, simulated host (wx-pack's run inside cargo test), components in WeChat's own simulator"
# Files, not directories: `node --test <dir>` differs between Node releases.
node_tests=(wx-allowlist/typings/*.test.mjs wx-host/test/*.test.js wx-host/examples/*.test.js wx-plugin-typings/test/*.test.mjs tests/components/*.test.js)
for f in "${node_tests[@]}"; do
    [ -f "$f" ] || { echo "test.sh: no Node test file matches $f" >&2; exit 1; }
done
node --test "${node_tests[@]}"
