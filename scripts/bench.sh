#!/usr/bin/env bash
# The benchmarks, one command, every figure next to its goal (issue 11).
# Everything compared is built and measured in this one run, side by side:
#   1. what the typed layer costs a plugin against hand-written twins (bench-size.sh);
#   2. every example's package in both modes: wasm, glue and loader, raw,
#      gzip and as shipped (brotli for .wasm.br);
#   3. pay only for what you call: a plugin built at the default baseline
#      and with every feature of wx-bindings enabled;
#   4. call overhead in the simulated host: plain JavaScript, hand-written
#      Rust, the typed layer (bench/calls.js);
#   5. build cost (bench-timings.sh): a cold `cargo build --timings` of
#      hello and this project's share of it, an incremental rebuild, the
#      warm trybuild suite.
# The build against an older revision has its own command:
# bash scripts/bench-build.sh (a worktree and a few cold builds).
# `--quick` shortens the call-overhead rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
quick=()
[ "${1:-}" = "--quick" ] && quick=(--quick)

printf '== 1. the typed layer against hand-written twins (wasm mode, base 2.18.1)\n'
bash scripts/bench-size.sh 2>/dev/null | grep -v '^wx-pack \['

out=target/bench
rm -rf "$out"
mkdir -p "$out"
# wx-pack's progress goes to a log, shown if a build fails.
pack() {
    cargo run -q -p wx-pack -- build "$@" >>"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
}
printf '\n== 2. every example, both modes (bytes; wasm mode at base 2.18.1, wasm2js at the lowest base its APIs allow)\n'
for example in hello storage feedback listeners requests chat files; do
    pack "examples/$example" --mode wasm --base 2.18.1 --out "$out/$example-wasm"
    pack "examples/$example" --mode wasm2js --out "$out/$example-wasm2js"
done
node - "$out" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const n = (x) => x.toLocaleString('en-US').padStart(8);
const manifest = (name) => JSON.parse(fs.readFileSync(path.join(dir, name, 'wx-pack.json'), 'utf8'));
const pick = (m, pred) => m.files.find((f) => pred(f.name)) ?? { bytes: 0, gzip: 0, shipped: 0 };
console.log(`${'example'.padEnd(10)} ${'mode'.padEnd(8)} ${'wasm/js'.padStart(8)} ${'gzip'.padStart(8)} ${'shipped'.padStart(8)} ${'glue'.padStart(8)} ${'loader'.padStart(8)} ${'glue+ldr'.padStart(8)} ${'all, gz'.padStart(8)}`);
const rows = [];
for (const example of ['hello', 'storage', 'feedback', 'listeners', 'requests', 'chat', 'files']) {
  for (const mode of ['wasm', 'wasm2js']) {
    const m = manifest(`${example}-${mode}`);
    const code = mode === 'wasm'
      ? pick(m, (f) => f.endsWith('.wasm.br') || f.endsWith('.wasm'))
      : pick(m, (f) => f.endsWith('.wasm.js'));
    const glue = pick(m, (f) => f.endsWith('_bg.js'));
    const loader = pick(m, (f) => f === 'index.js');
    const allGz = m.files.reduce((s, f) => s + (f.name.endsWith('.br') ? f.shipped : f.gzip), 0);
    rows.push({ example, mode, code, glue, loader, allGz });
    console.log(`${example.padEnd(10)} ${mode.padEnd(8)} ${n(code.bytes)} ${n(code.gzip)} ${n(code.shipped)} ${n(glue.bytes)} ${n(loader.bytes)} ${n(glue.bytes + loader.bytes)} ${n(allGz)}`);
  }
}
const hello = rows.find((r) => r.example === 'hello' && r.mode === 'wasm');
const ldr = hello.glue.bytes + hello.loader.bytes;
console.log(`goal: hello's loader + glue <= 10 KB: ${ldr.toLocaleString('en-US')} B, ${ldr <= 10240 ? 'met' : 'NOT met'}`);
for (const example of [...new Set(rows.map((r) => r.example))]) {
  const w = rows.find((r) => r.example === example && r.mode === 'wasm');
  const j = rows.find((r) => r.example === example && r.mode === 'wasm2js');
  const ratio = j.code.gzip / w.code.gzip;
  console.log(`goal: ${example} wasm2js gzip <= 1.5x the wasm's gzip: ${ratio.toFixed(2)}x, ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
}
JS

printf '\n== 3. pay only for what you call: hello-typed at the default baseline and with every feature of wx-bindings\n'
# Features are cumulative: the highest enables every one.
highest=$(grep -o '^base-[0-9-]*' wx-bindings/Cargo.toml | tail -1)
# wx-pack refuses a --base below what the code is compiled for: the
# every-feature build claims the highest base (base-3-16-2 → 3.16.2). Both
# are wasm mode, so the module is compared like for like.
highest_base=$(echo "${highest#base-}" | tr - .)
pack bench/hello-typed --base 2.18.1 --out "$out/hello-typed-default"
pack bench/hello-typed --base "$highest_base" --features "wx-bindings/$highest" --out "$out/hello-typed-all"
node - "$out" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
// The module itself (`bytes`: before brotli) and as shipped (brotli).
const sizes = (name) => {
  const file = JSON.parse(fs.readFileSync(path.join(dir, name, 'wx-pack.json'), 'utf8')).files.find((f) => f.name.endsWith('.wasm.br'));
  return { wasm: file.bytes, shipped: file.shipped };
};
const a = sizes('hello-typed-default'), b = sizes('hello-typed-all');
const n = (x) => x.toLocaleString('en-US');
console.log(`wasm: ${n(a.wasm)} B default, ${n(b.wasm)} B with every feature: ${b.wasm - a.wasm} B more (goal 0: ${b.wasm === a.wasm ? 'met' : 'NOT met'})`);
// Brotli may differ by a byte or two even for modules of one size: wasm-bindgen
// numbers its closure exports by table index, which the feature set shifts.
console.log(`as shipped (brotli): ${n(a.shipped)} B default, ${n(b.shipped)} B with every feature (${b.shipped - a.shipped >= 0 ? '+' : ''}${b.shipped - a.shipped} B)`);
JS

printf '\n== 4. call overhead in the simulated host\n'
for plugin in calls-hand calls-typed; do
    pack "bench/$plugin" --base 2.19.2 --out "$out/$plugin"
done
node bench/calls.js "$out/calls-hand" "$out/calls-typed" "${quick[@]}"

printf '\n== 5. build cost\n'
bash scripts/bench-timings.sh
