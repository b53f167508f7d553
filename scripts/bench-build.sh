#!/usr/bin/env bash
# What the bindings cost a plugin's build, side by side in one run: the
# working tree against an earlier revision (default: the last commit before
# the generated typed layer), each from a cold target directory. Prints the
# cold release build of examples/hello, a rebuild of wx-bindings + hello,
# the cold build of wx-bindings with every feature on, and hello's wasm.
#
#   bash scripts/bench-build.sh [REV]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
rev=${1:-511077b}

root=$PWD/target/bench-build
rm -rf "$root"
mkdir -p "$root"
git worktree add --detach "$root/before-src" "$rev" >/dev/null 2>&1
trap 'git worktree remove --force "$root/before-src" >/dev/null 2>&1 || true' EXIT

# shellcheck source=bench-lib.sh
. scripts/bench-lib.sh

measure() { # label, source dir
    local label=$1 src=$2 target=$root/$1-target
    local cold rebuild all wasm
    cold=$(cd "$src" && seconds env CARGO_TARGET_DIR="$target" cargo build --release --target wasm32-unknown-unknown -p hello)
    touch "$src/wx-bindings/src/lib.rs"
    rebuild=$(cd "$src" && seconds env CARGO_TARGET_DIR="$target" cargo build --release --target wasm32-unknown-unknown -p hello)
    wasm=$(stat -c %s "$target/wasm32-unknown-unknown/release/hello.wasm")
    all=$(cd "$src" && seconds env CARGO_TARGET_DIR="$target-all" cargo build --release --target wasm32-unknown-unknown -p wx-bindings --all-features)
    printf '%-8s hello cold %6s s   wx-bindings+hello rebuild %5s s   wx-bindings --all-features cold %6s s   hello.wasm %8s B\n' \
        "$label" "$cold" "$rebuild" "$all" "$wasm"
    echo "$label $cold $rebuild $all $wasm" >> "$root/results.txt"
}

measure before "$root/before-src"
measure after "$PWD"
read -r _ cold_a rebuild_a all_a wasm_a < <(sed -n 1p "$root/results.txt")
read -r _ cold_b rebuild_b all_b wasm_b < <(sed -n 2p "$root/results.txt")
awk -v ca="$cold_a" -v cb="$cold_b" -v ra="$rebuild_a" -v rb="$rebuild_b" -v aa="$all_a" -v ab="$all_b" -v wa="$wasm_a" -v wb="$wasm_b" \
    'BEGIN { printf "after / before: hello cold %.2fx, rebuild %.2fx, all features %.2fx, hello.wasm %.3fx\n", cb / ca, rb / ra, ab / aa, wb / wa }'
