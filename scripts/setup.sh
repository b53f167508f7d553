#!/usr/bin/env bash
# Installs what the workspace needs beyond Rust, Node and npm: the wasm32
# target and the pinned npm packages (typings, binaryen, acorn).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi
if ! npm ls --all >/dev/null 2>&1; then
    npm ci --no-audit --no-fund
fi
