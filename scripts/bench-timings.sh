#!/usr/bin/env bash
# Build cost, from cargo's own measurements: a cold release build of
# examples/hello for wasm32 with `cargo build --timings` in a fresh target
# directory, the share of it spent on this project's crates (goal: at most
# 25% of the summed unit time); an incremental rebuild after touching the
# plugin's own src/lib.rs; and the warm trybuild suite (run once to warm,
# then timed).
#
#   bash scripts/bench-timings.sh
set -euo pipefail
cd "$(dirname "$0")/.."

target=$PWD/target/bench-timings
rm -rf "$target"

# shellcheck source=bench-lib.sh
. scripts/bench-lib.sh

cold=$(seconds env CARGO_TARGET_DIR="$target" cargo build --release --target wasm32-unknown-unknown -p hello --timings)
report=$(ls -t "$target"/cargo-timings/cargo-timing-*.html | head -1)
# The project's crates: the workspace's members (cargo metadata), by package name.
own=$(cargo metadata --no-deps --format-version 1 | node -e '
  const m = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  console.log(m.packages.map((p) => p.name).join(","));')
node - "$report" "$own" "$cold" <<'JS'
// cargo's timing report embeds its units as `const UNIT_DATA = [...]`:
// each with name, mode (build, run-custom-build, ...) and duration (s).
const fs = require('node:fs');
const [report, ownList, cold] = process.argv.slice(2);
const html = fs.readFileSync(report, 'utf8');
const m = /const UNIT_DATA = (\[[\s\S]*?\]);\n/.exec(html);
if (!m) throw new Error(`${report}: no UNIT_DATA (cargo's timing report changed format?)`);
const units = JSON.parse(m[1]);
const own = new Set(ownList.split(','));
const sum = (list) => list.reduce((s, u) => s + u.duration, 0);
const mine = units.filter((u) => own.has(u.name));
const total = sum(units);
const share = sum(mine) / total;
console.log(`cold release build of hello (wasm32): ${cold} s wall, ${units.length} units, ${total.toFixed(1)} s of unit time`);
for (const u of mine.sort((a, b) => b.duration - a.duration)) {
  console.log(`  ${u.name}${u.target}: ${u.duration.toFixed(1)} s`);
}
const top = units.filter((u) => !own.has(u.name)).sort((a, b) => b.duration - a.duration).slice(0, 5);
console.log(`  slowest dependencies: ${top.map((u) => `${u.name} ${u.duration.toFixed(1)} s`).join(', ')}`);
console.log(`goal: the project's crates <= 25% of the unit time: ${(share * 100).toFixed(1)}%, ${share <= 0.25 ? 'met' : 'NOT met'}`);
JS

touch examples/hello/src/lib.rs
rebuild=$(seconds env CARGO_TARGET_DIR="$target" cargo build --release --target wasm32-unknown-unknown -p hello)
echo "incremental rebuild after touching examples/hello/src/lib.rs: $rebuild s"

cargo test -q -p wx-tests --test ui >/dev/null 2>&1
ui=$(seconds cargo test -q -p wx-tests --test ui)
echo "warm trybuild suite (cargo test -p wx-tests --test ui, default baseline): $ui s"
