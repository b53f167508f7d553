//! Old engines: what the packaged plugin asks of the phone's JavaScript
//! and WebAssembly engines, read from the packages themselves.
//!
//! * wasm mode: the module's WebAssembly features, found with `wasmparser`
//!   (the module validated with each post-MVP feature switched off in
//!   turn). The default build is WebAssembly 1.0 only, which every engine
//!   with WXWebAssembly runs (iOS 11 on); `--wasm-features modern` gives what
//!   rustc's wasm32 target enables, pinned here; `wx-pack.json` says which
//!   (`wasmFeatures`). Exports are functions, memories and tables only: iOS
//!   WeChat's WXWebAssembly has no exported `Global` (WeChat's documentation
//!   of WXWebAssembly). The JavaScript parses as ES2017 (acorn, script goal):
//!   those engines have ES2017 but not ES2020's `?.` (iOS 13.4).
//! * wasm2js mode (base 1.9.6): every JavaScript file of the package parsed
//!   with acorn (the workspace's pinned npm package, not the tool that
//!   lowered the glue) at ECMAScript 5, and walked for post-ES5 syntax
//!   (none), and for a `require` of anything but the package's own files
//!   (none: the lowering's helpers are inlined).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use wasmparser::{Parser, Payload, Validator, WasmFeatures};
use wx_tests::e2e::{plugin, workspace};

/// The examples checked: the smallest; one with `?.` in its glue; the
/// largest (serde, tasks, the recorder). (`chat`, measured when this was
/// written: the wasm features of `requests`, the glue of `hello`.)
const EXAMPLES: [&str; 3] = ["hello", "feedback", "requests"];

/// The post-MVP features a module may use, by their proposal names.
const POST_MVP: [(&str, WasmFeatures); 15] = [
    ("mutable-global", WasmFeatures::MUTABLE_GLOBAL),
    ("nontrapping-float-to-int", WasmFeatures::SATURATING_FLOAT_TO_INT),
    ("sign-extension", WasmFeatures::SIGN_EXTENSION),
    ("reference-types", WasmFeatures::REFERENCE_TYPES),
    ("multi-value", WasmFeatures::MULTI_VALUE),
    ("bulk-memory", WasmFeatures::BULK_MEMORY),
    ("simd", WasmFeatures::SIMD),
    ("relaxed-simd", WasmFeatures::RELAXED_SIMD),
    ("threads", WasmFeatures::THREADS),
    ("tail-call", WasmFeatures::TAIL_CALL),
    ("multi-memory", WasmFeatures::MULTI_MEMORY),
    ("exceptions", WasmFeatures::EXCEPTIONS),
    ("extended-const", WasmFeatures::EXTENDED_CONST),
    ("function-references", WasmFeatures::FUNCTION_REFERENCES),
    ("gc", WasmFeatures::GC),
];

/// The post-MVP features `wasm` needs: those without which it no longer
/// validates. Checks that the MVP plus those is enough.
fn features_used(wasm: &[u8]) -> Vec<&'static str> {
    let all = POST_MVP
        .iter()
        .fold(WasmFeatures::MVP, |set, (_, feature)| set | *feature);
    let validates = |features: WasmFeatures| Validator::new_with_features(features).validate_all(wasm).is_ok();
    assert!(validates(all), "the module does not validate even with every feature");
    let used: Vec<(&str, WasmFeatures)> = POST_MVP
        .iter()
        .filter(|(_, feature)| !validates(all - *feature))
        .copied()
        .collect();
    let enough = used.iter().fold(WasmFeatures::MVP, |set, (_, feature)| set | *feature);
    assert!(validates(enough), "MVP + {used:?} is not enough for the module");
    used.into_iter().map(|(name, _)| name).collect()
}

/// The kinds of the module's exports (`func`, `memory`, `table`, `global`, `tag`).
fn export_kinds(wasm: &[u8]) -> Vec<String> {
    let mut kinds = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::ExportSection(exports) = payload.unwrap() {
            for export in exports {
                kinds.push(format!("{:?}", export.unwrap().kind).to_lowercase());
            }
        }
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

/// The names of a module's exports.
fn export_names(wasm: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::ExportSection(exports) = payload.unwrap() {
            for export in exports {
                names.push(export.unwrap().name.to_string());
            }
        }
    }
    names
}

/// The wasm module of a wasm-mode plugin folder, decompressed.
fn packaged_wasm(dir: &Path) -> Vec<u8> {
    let br = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("_bg.wasm.br"))
        .unwrap_or_else(|| panic!("no _bg.wasm.br in {}", dir.display()));
    let mut wasm = Vec::new();
    brotli::Decompressor::new(std::fs::File::open(&br).unwrap(), 4096)
        .read_to_end(&mut wasm)
        .unwrap();
    assert!(wasm.starts_with(b"\0asm"), "{} is not wasm", br.display());
    wasm
}

/// Builds `examples/<example>` in the wasm mode with more `wx-pack build`
/// flags into `target/e2e/<example>-wasm-<suffix>`.
fn build_wasm(example: &str, suffix: &str, flags: &[&str]) -> std::path::PathBuf {
    let out = workspace().join(format!("target/e2e/{example}-wasm-{suffix}"));
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args(["run", "-q", "-p", "wx-pack", "--", "build"])
        .arg(workspace().join("examples").join(example))
        .args(["--mode", "wasm"])
        .args(flags)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "wx-pack build {example} {flags:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn manifest(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("wx-pack.json")).unwrap()).unwrap()
}

#[test]
fn the_default_wasm_mode_is_webassembly_1_only_and_exports_no_global() {
    for example in EXAMPLES {
        let dir = plugin(example, "wasm");
        let wasm = packaged_wasm(&dir);
        assert_eq!(features_used(&wasm), Vec::<&str>::new(), "{example}");
        assert_eq!(export_kinds(&wasm), ["func", "memory"], "{example}");
        assert_eq!(manifest(&dir)["wasmFeatures"], "mvp", "{example}");
    }
    // `--mvp`, the flag of the time when the MVP was an opt-in, is the default.
    let dir = build_wasm("hello", "mvp", &["--mvp"]);
    assert_eq!(features_used(&packaged_wasm(&dir)), Vec::<&str>::new());
    assert_eq!(manifest(&dir)["wasmFeatures"], "mvp");
}

#[test]
fn the_modern_wasm_features_are_what_rustc_enables_and_say_so() {
    // rustc 1.95's wasm32-unknown-unknown target (LLVM's `generic` CPU)
    // enables these, and wasm-opt keeps what the code uses: WebAssembly 2.0
    // features that engines shipped from 2019 to 2021 (iOS 15 for bulk
    // memory and reference types). Both convert floats to integers: `requests`
    // for serde and its f64 options, `hello` since a `WxError` reads WeChat's
    // errno and errCode (JS numbers) as integers.
    let expected = [
        "nontrapping-float-to-int",
        "sign-extension",
        "reference-types",
        "multi-value",
        "bulk-memory",
    ];
    for example in ["hello", "requests"] {
        let dir = build_wasm(example, "modern", &["--wasm-features", "modern"]);
        let wasm = packaged_wasm(&dir);
        assert_eq!(features_used(&wasm), expected, "{example}");
        let kinds = export_kinds(&wasm);
        assert!(!kinds.contains(&"global".to_string()), "{example}: exports {kinds:?}");
        // The shadow stack is found here too, so a panic's trap leaves it whole.
        let names = export_names(&wasm);
        for name in ["__wxpack_stack_pointer", "__wxpack_set_stack_pointer"] {
            assert!(names.iter().any(|n| n == name), "{example}: no {name} in {names:?}");
        }
        assert_eq!(manifest(&dir)["wasmFeatures"], "modern", "{example}");
        // Its JavaScript is lowered as the default's is.
        let report = es_report(&dir);
        for (file, r) in &report {
            assert!(
                r["edition"].as_u64().is_some_and(|e| e <= 2017),
                "{example}/{file}: {r}"
            );
        }
    }
}

/// Parses each file with acorn: the lowest edition it parses as (script
/// goal), the ES5 parser's error, and counts of post-ES5 syntax.
const ES_CHECK: &str = r#"
const acorn = require('acorn');
const fs = require('fs');
const EDITIONS = [5, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const SYNTAX = {
  VariableDeclaration: (n) => (n.kind === 'var' ? null : n.kind),
  ArrowFunctionExpression: () => 'arrow function',
  ClassDeclaration: () => 'class',
  ClassExpression: () => 'class',
  ChainExpression: () => '?.',
  LogicalExpression: (n) => (n.operator === '??' ? '??' : null),
  TemplateLiteral: () => 'template literal',
  SpreadElement: () => 'spread',
  RestElement: () => 'rest',
  ObjectPattern: () => 'destructuring',
  ArrayPattern: () => 'destructuring',
  ForOfStatement: () => 'for-of',
  AwaitExpression: () => 'await',
  AssignmentPattern: () => 'default parameter',
  Property: (n) => (n.shorthand ? 'shorthand property' : n.method ? 'method' : n.computed ? 'computed key' : null),
};
let requires;
function walk(node, counts) {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, counts));
  if (!node || typeof node.type !== 'string') return;
  const what = SYNTAX[node.type] && SYNTAX[node.type](node);
  if (what) counts[what] = (counts[what] || 0) + 1;
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
    const arg = node.arguments[0];
    requires.add(arg && arg.type === 'Literal' ? String(arg.value) : '<computed>');
  }
  if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') {
    if (node.async) counts['async function'] = (counts['async function'] || 0) + 1;
    if (node.generator) counts['generator'] = (counts['generator'] || 0) + 1;
  }
  for (const key of Object.keys(node)) if (key !== 'type' && typeof node[key] === 'object') walk(node[key], counts);
}
const out = {};
for (const file of process.argv.slice(1)) {
  const code = fs.readFileSync(file, 'utf8');
  let es5Error = null;
  try { acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' }); } catch (e) { es5Error = e.message; }
  let es2017Error = null;
  try { acorn.parse(code, { ecmaVersion: 2017, sourceType: 'script' }); } catch (e) { es2017Error = e.message; }
  const edition = EDITIONS.find((v) => { try { acorn.parse(code, { ecmaVersion: v, sourceType: 'script' }); return true; } catch { return false; } });
  const counts = {};
  requires = new Set();
  walk(acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' }), counts);
  out[file] = { edition: edition ?? null, es5Error, es2017Error, syntax: Object.keys(counts).sort(), requires: [...requires].sort() };
}
console.log(JSON.stringify(out));
"#;

/// [`ES_CHECK`] over the JavaScript files of a plugin folder, by file name.
fn es_report(dir: &Path) -> BTreeMap<String, Value> {
    let files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "js"))
        .collect();
    let output = Command::new("node")
        .current_dir(workspace())
        .args(["-e", ES_CHECK])
        .args(&files)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: BTreeMap<String, Value> = serde_json::from_slice(&output.stdout).unwrap();
    report
        .into_iter()
        .map(|(path, v)| (Path::new(&path).file_name().unwrap().to_string_lossy().into_owned(), v))
        .collect()
}

/// The package's JavaScript file names of an example: index.js, the glue,
/// and (wasm2js) the translated code.
fn js_names(example: &str, mode: &str) -> Vec<String> {
    let stem = example.replace('-', "_");
    let mut names = vec![format!("{stem}_bg.js"), "index.js".to_string()];
    if mode == "wasm2js" {
        names.push(format!("{stem}_bg.wasm.js"));
    }
    names.sort();
    names
}

/// A file requires only files of the package (no helper package, no runtime
/// the lowering would have needed).
fn assert_own_requires(dir: &Path, file: &str, report: &Value) {
    for spec in report["requires"].as_array().unwrap() {
        let spec = spec.as_str().unwrap();
        assert!(
            spec.starts_with("./") && dir.join(spec).is_file(),
            "{}/{file} requires {spec:?}",
            dir.display()
        );
    }
}

#[test]
fn the_wasm2js_mode_is_es5_every_file() {
    for example in EXAMPLES {
        let dir = plugin(example, "wasm2js");
        let report = es_report(&dir);
        let names: Vec<String> = report.keys().cloned().collect();
        assert_eq!(
            names,
            js_names(example, "wasm2js"),
            "{example}: the package's JavaScript files"
        );
        for (file, r) in &report {
            assert_eq!(r["es5Error"], Value::Null, "{example}/{file}");
            assert_eq!(r["edition"], 5, "{example}/{file}: {r}");
            assert_eq!(r["syntax"], serde_json::json!([]), "{example}/{file}");
            assert_own_requires(&dir, file, r);
        }
        let manifest = manifest(&dir);
        assert_eq!(manifest["glueEsVersion"], 5, "{example}");
        assert_eq!(manifest["esTarget"], 5, "{example}");
        assert_eq!(manifest["wasmFeatures"], Value::Null, "{example}");
    }
}

#[test]
fn the_wasm_mode_is_es2017_every_file() {
    for example in EXAMPLES {
        let dir = plugin(example, "wasm");
        let report = es_report(&dir);
        let names: Vec<String> = report.keys().cloned().collect();
        assert_eq!(
            names,
            js_names(example, "wasm"),
            "{example}: the package's JavaScript files"
        );
        for (file, r) in &report {
            assert_eq!(r["es2017Error"], Value::Null, "{example}/{file}: {r}");
            assert!(
                r["edition"].as_u64().is_some_and(|e| e <= 2017),
                "{example}/{file}: {r}"
            );
            for later in ["?.", "??"] {
                assert!(
                    !r["syntax"].as_array().unwrap().contains(&later.into()),
                    "{example}/{file}: {r}"
                );
            }
            assert_own_requires(&dir, file, r);
        }
        let manifest = manifest(&dir);
        assert_eq!(manifest["esTarget"], 2017, "{example}");
        assert!(
            manifest["glueEsVersion"].as_u64().is_some_and(|e| e <= 2017),
            "{example}"
        );
    }
}
