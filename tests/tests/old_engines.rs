//! Old engines: what the packaged plugin asks of the phone's JavaScript
//! and WebAssembly engines, read from the packages themselves.
//!
//! * wasm mode: the module's WebAssembly features, found with `wasmparser`
//!   (the module validated with each post-MVP feature switched off in
//!   turn). `--mvp` must give a module of WebAssembly 1.0 only; the default
//!   build uses what rustc's wasm32 target enables, pinned here. Exports
//!   are functions, memories and tables only: iOS WeChat's WXWebAssembly
//!   has no exported `Global` (WeChat's documentation of WXWebAssembly).
//! * wasm2js mode (base 1.9.6): every JavaScript file parsed with acorn
//!   (the workspace's pinned npm package) at ECMAScript 5, then at each
//!   later edition until it parses; the post-ES5 syntax it holds, counted.
//!   The glue is not ES5 today (wasm-bindgen's `let`/`const`, arrows, and
//!   `?.` in some plugins): pinned here, so a change either way is seen.

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

#[test]
fn the_default_wasm_mode_uses_what_rustc_enables_and_exports_no_global() {
    // rustc 1.95's wasm32-unknown-unknown target (LLVM's `generic` CPU)
    // enables these, and wasm-opt keeps what the code uses: WebAssembly 2.0
    // features that engines shipped from 2019 to 2021 (Safari 15 for bulk
    // memory and reference types). wx-pack's --mvp builds without them.
    let always = ["sign-extension", "reference-types", "multi-value", "bulk-memory"];
    // Where the code converts floats to integers (serde, f64 options).
    let with_float_to_int = ["nontrapping-float-to-int"]
        .iter()
        .chain(&always)
        .copied()
        .collect::<Vec<_>>();
    let expected: Vec<(&str, Vec<&str>)> = vec![
        ("hello", always.to_vec()),
        ("feedback", with_float_to_int.clone()),
        ("requests", with_float_to_int),
    ];
    let mut found = Vec::new();
    for example in EXAMPLES {
        let wasm = packaged_wasm(&plugin(example, "wasm"));
        found.push((example, features_used(&wasm)));
        let kinds = export_kinds(&wasm);
        assert!(!kinds.contains(&"global".to_string()), "{example}: exports {kinds:?}");
    }
    assert_eq!(found, expected);
}

#[test]
fn the_mvp_wasm_mode_is_webassembly_1_only() {
    let out = workspace().join("target/e2e/hello-wasm-mvp");
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args(["run", "-q", "-p", "wx-pack", "--", "build"])
        .arg(workspace().join("examples/hello"))
        .args(["--mode", "wasm", "--mvp", "--out"])
        .arg(&out)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "wx-pack build --mvp failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let wasm = packaged_wasm(&out);
    assert_eq!(features_used(&wasm), Vec::<&str>::new());
    assert_eq!(export_kinds(&wasm), ["func", "memory"]);
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
function walk(node, counts) {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, counts));
  if (!node || typeof node.type !== 'string') return;
  const what = SYNTAX[node.type] && SYNTAX[node.type](node);
  if (what) counts[what] = (counts[what] || 0) + 1;
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
  const edition = EDITIONS.find((v) => { try { acorn.parse(code, { ecmaVersion: v, sourceType: 'script' }); return true; } catch { return false; } });
  const counts = {};
  walk(acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' }), counts);
  out[file] = { edition: edition ?? null, es5Error, syntax: Object.keys(counts).sort() };
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

#[test]
fn the_wasm2js_mode_is_es5_but_for_the_glue() {
    // What each example's glue holds beyond ES5 today (wasm-bindgen 0.2.130's
    // output, kept as it is by wx-pack's CommonJS conversion).
    let glue: [(&str, u64, &[&str]); 3] = [
        ("hello", 2015, &["arrow function", "const", "let", "rest", "spread"]),
        (
            "feedback",
            2020,
            &[
                "?.",
                "arrow function",
                "const",
                "let",
                "rest",
                "spread",
                "template literal",
            ],
        ),
        (
            "requests",
            2020,
            &[
                "?.",
                "arrow function",
                "const",
                "let",
                "rest",
                "spread",
                "template literal",
            ],
        ),
    ];
    let mut found: Vec<(&str, u64, Vec<String>)> = Vec::new();
    assert_eq!(glue.map(|(example, ..)| example), EXAMPLES);
    for (example, edition, _) in glue {
        let dir = plugin(example, "wasm2js");
        let report = es_report(&dir);
        let names: Vec<&str> = report.keys().map(String::as_str).collect();
        let stem = example.replace('-', "_");
        let mut expected_names = [
            format!("{stem}_bg.js"),
            format!("{stem}_bg.wasm.js"),
            "index.js".to_string(),
        ];
        expected_names.sort();
        assert_eq!(names, expected_names, "{example}: the package's JavaScript files");
        // The loader and wasm2js's translation of the code: ES5.
        for file in ["index.js".to_string(), format!("{stem}_bg.wasm.js")] {
            let r = &report[&file];
            assert_eq!(r["edition"], 5, "{example}/{file}: {r}");
            assert_eq!(r["es5Error"], Value::Null, "{example}/{file}");
            assert_eq!(r["syntax"], serde_json::json!([]), "{example}/{file}");
        }
        // The glue: not ES5.
        let r = &report[&format!("{stem}_bg.js")];
        assert!(
            r["es5Error"].as_str().is_some_and(|e| !e.is_empty()),
            "{example} glue: {r}"
        );
        let syntax = r["syntax"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string());
        found.push((example, r["edition"].as_u64().unwrap(), syntax.collect()));
        // wx-pack's manifest says the same edition.
        let manifest: Value = serde_json::from_slice(&std::fs::read(dir.join("wx-pack.json")).unwrap()).unwrap();
        assert_eq!(manifest["glueEsVersion"], edition, "{example}");
    }
    let expected: Vec<(&str, u64, Vec<String>)> = glue
        .iter()
        .map(|(example, edition, syntax)| (*example, *edition, syntax.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(found, expected);
}
