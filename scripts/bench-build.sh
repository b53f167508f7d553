#!/usr/bin/env bash
# What the bindings cost a plugin: builds the hello example twice side by
# side, once against the reference page's 104 APIs only and once against
# the whole allowlist (page + the APIs the typings open to plugins later),
# each from a cold target directory, and prints build times and wasm sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null

bench_root=target/bench-build
rm -rf "$bench_root"
mkdir -p "$bench_root"

measure() { # variant, extra env
    local variant=$1 target_dir=$bench_root/$1
    shift
    local start end cold rebuild
    start=$(date +%s.%N)
    env "$@" CARGO_TARGET_DIR="$target_dir" cargo build -q --release --target wasm32-unknown-unknown -p hello
    end=$(date +%s.%N)
    cold=$(awk "BEGIN { print $end - $start }")
    # Rebuild just wx-bindings and hello: isolates what the bindings cost to compile.
    touch wx-bindings/src/lib.rs
    start=$(date +%s.%N)
    env "$@" CARGO_TARGET_DIR="$target_dir" cargo build -q --release --target wasm32-unknown-unknown -p hello
    end=$(date +%s.%N)
    rebuild=$(awk "BEGIN { print $end - $start }")
    local wasm=$target_dir/wasm32-unknown-unknown/release/hello.wasm
    local size
    size=$(stat -c %s "$wasm")
    local packed="-"
    if cargo run -q -p wx-pack -- --help >/dev/null 2>&1; then
        local out=$bench_root/$variant-plugin
        env "$@" CARGO_TARGET_DIR="$target_dir" cargo run -q -p wx-pack -- build examples/hello --mode wasm --out "$out" >/dev/null
        packed=$(stat -c %s "$out"/*.wasm.br 2>/dev/null | head -1 || echo "-")
    fi
    printf '%-10s cold build %6.1f s   wx-bindings+hello rebuild %5.1f s   hello.wasm %7s B (cargo)   %6s B (packaged .wasm.br)\n' \
        "$variant" "$cold" "$rebuild" "$size" "$packed"
    echo "$variant $cold $rebuild $size $packed" >> "$bench_root/results.txt"
}

measure page-only WX_BENCH_REFERENCE_PAGE_ONLY=1
measure full WX_BENCH_NOTHING=1
read -r _ cold_a rebuild_a size_a _ < <(sed -n 1p "$bench_root/results.txt")
read -r _ cold_b rebuild_b size_b _ < <(sed -n 2p "$bench_root/results.txt")
awk -v ca="$cold_a" -v cb="$cold_b" -v ra="$rebuild_a" -v rb="$rebuild_b" -v sa="$size_a" -v sb="$size_b" \
    'BEGIN { printf "full / page-only: cold build %.2fx, bindings rebuild %.2fx, wasm size %.3fx\n", cb / ca, rb / ra, sb / sa }'
