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
cargo build --target wasm32-unknown-unknown -p wx-bindings -p hello -p storage -p feedback
cargo build --target wasm32-unknown-unknown -p wx-bindings --features wx-bindings/base-3-15-1

step "node tests: typings snapshot and simulated host (wx-pack's run inside cargo test)"
node --test wx-allowlist/typings/ wx-host/test/
