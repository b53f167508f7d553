//! End-to-end tests of the `wx-pack` command: the fixture plugin crate
//! (`tests/fixtures/wxpack-fixture`) is packaged in both modes and run in the simulated
//! host (`wx-host/`), whose sandbox has no `WebAssembly`, `TextEncoder` or `TextDecoder`;
//! and every error a user can make gets a clear message, a non-zero exit and no panic.
//!
//! Expected values come from outside the code under test: the files on disk, the fixture's
//! source, and the documented rules (`wx-host/README.md`, `wx-pack/README.md`).
//!
//! The fixture crates have workspaces of their own. They build in
//! `<target>/tmp/wx-pack-fixtures`, kept between runs, so only the first run pays for
//! compiling wasm-bindgen and friends for wasm32 (twice: normal and MVP).

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

mod support;
use support::{Ran, fixture, run, s, workspace_root, wx_pack};

/// A failure must be one clear `error:` message, not a panic or a backtrace.
fn assert_clear_error(ran: &Ran, expected: &[&str]) {
    assert_ne!(ran.code, Some(0), "should fail:\n{}", ran.stderr);
    assert!(ran.code.is_some(), "killed by a signal:\n{}", ran.stderr);
    assert!(
        !ran.stderr.contains("panicked") && !ran.stderr.contains("RUST_BACKTRACE"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("error: "), "{}", ran.stderr);
    for text in expected {
        assert!(ran.stderr.contains(text), "expected {text:?} in:\n{}", ran.stderr);
    }
}

/// Node, as wx-pack finds it (`WX_PACK_NODE`, else `node` on `PATH`).
fn node() -> Command {
    Command::new(std::env::var_os("WX_PACK_NODE").unwrap_or_else(|| "node".into()))
}

/// `wx-pack run <fixture> <flags> -- <calls> --json`: the host's JSON report and the
/// folder's `wx-pack.json`.
fn run_fixture(flags: &[&str], out: &Path) -> (Value, Value) {
    let fixture = fixture("wxpack-fixture");
    let mut args = vec!["run", s(&fixture), "--quiet", "--out", s(out)];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[
        "--",
        "--json",
        "--call",
        r#"greet=["世界 🌏"]"#,
        "--call",
        "add=[2,40]",
        "--call",
        r#"measure=["a\u0000é中🦀"]"#,
        "--call",
        "twice_later=[21]",
        "--call",
        "memory_size",
        // Grows wasm memory while the glue holds views of it from the calls above.
        "--call",
        "repeat=[1000000]",
        "--call",
        "memory_size",
        "--call",
        r#"measure=["after growth: 你好🦀"]"#,
        "--call",
        "recorder",
    ]);
    let ran = run(&mut wx_pack(&args));
    assert_eq!(
        ran.code,
        Some(0),
        "wx-pack run failed:\nstdout:\n{}\nstderr:\n{}",
        ran.stdout,
        ran.stderr
    );
    let report: Value = serde_json::from_str(ran.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {}", ran.stdout));
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap();
    (report, manifest)
}

fn results(report: &Value) -> Vec<(String, Value)> {
    report["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["ok"], true, "call failed: {c}");
            (c["export"].as_str().unwrap().to_owned(), c["result"].clone())
        })
        .collect()
}

/// `memory_size()`'s "pages/bytes": the wasm's own page count and the JS side's
/// `memory.buffer.byteLength`, which must agree (64 KiB pages).
fn memory_bytes(result: &Value) -> u64 {
    let text = result
        .as_str()
        .unwrap_or_else(|| panic!("memory_size returned {result}"));
    let (pages, bytes) = text.split_once('/').unwrap_or_else(|| panic!("{text}"));
    let (pages, bytes): (u64, u64) = (pages.parse().unwrap(), bytes.parse().unwrap());
    assert_eq!(
        bytes,
        pages * 65_536,
        "the JS view of memory lags the wasm's size: {text}"
    );
    bytes
}

/// What `recorder()` returns in wx-host where `wx.getRecorderManager` exists:
/// the host simulates the recorder manager (wx-host/src/apis/media/recorder.js), so
/// the call returns its object.
const RECORDER_EXISTS: &str = "object";

fn check_results(report: &Value, base: &str) {
    let results = results(report);
    let names: Vec<&str> = results.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "greet",
            "add",
            "measure",
            "twice_later",
            "memory_size",
            "repeat",
            "memory_size",
            "measure",
            "recorder"
        ]
    );
    assert_eq!(results[0].1, format!("你好, 世界 🌏! 🦀 base {base}"));
    assert_eq!(results[1].1, 42);
    // "a", NUL, "é" (2), "中" (3), "🦀" (4) = 11 bytes, 5 chars.
    assert_eq!(results[2].1, "11/5");
    assert_eq!(results[3].1, 42);
    // repeat(1000000) builds a 2,000,000-byte string inside wasm memory: memory that could
    // not hold it before must have grown to hold it.
    let (before, after) = (memory_bytes(&results[4].1), memory_bytes(&results[6].1));
    assert!(
        before < 2_000_000,
        "memory already held {before} bytes: repeat would not grow it"
    );
    assert!(
        after >= 2_000_000 && after > before,
        "memory did not grow: {before} → {after} bytes"
    );
    let repeated = results[5].1.as_str().unwrap();
    assert_eq!(repeated.chars().count(), 1_000_000);
    assert!(
        repeated.chars().all(|c| c == 'é'),
        "memory views went stale after memory.grow"
    );
    // "after growth: " (14), "你好" (6), "🦀" (4) = 24 bytes, 17 chars.
    assert_eq!(results[7].1, "24/17");
    // getRecorderManager is permitted from 1.9.94, so at every base these tests run at
    // (1.9.94, 2.18.1) it exists.
    assert_eq!(results[8].1, RECORDER_EXISTS);

    let trace = report["trace"].as_array().unwrap();
    let toast = trace
        .iter()
        .find(|t| t["api"] == "showToast")
        .expect("a showToast call");
    assert_eq!(toast["args"][0]["title"], format!("你好, 世界 🌏! 🦀 base {base}"));
    let recorder: Vec<&Value> = trace.iter().filter(|t| t["api"] == "getRecorderManager").collect();
    assert_eq!(recorder.len(), 1, "{trace:?}");
    assert_eq!(recorder[0]["outcome"], "return");
    assert_eq!(report["errors"], json!([]));
}

fn file_names(manifest: &Value) -> Vec<String> {
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect()
}

/// Every file under `dir`, as `/`-separated paths relative to it.
fn files_on_disk(dir: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
                out.insert(parts.join("/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// Gzip (level 9) size, the rule `wx-pack.json` documents for `gzip`.
fn gzip_len(data: &[u8]) -> u64 {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap().len() as u64
}

fn unbrotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(data), &mut out).unwrap();
    out
}

/// The lowest ECMAScript edition a script parses as, by acorn (the workspace's npm
/// package) straight from the file: the meaning of `glueEsVersion`.
fn lowest_es_edition(file: &Path) -> Value {
    const SCRIPT: &str = "const acorn = require(process.argv[1]); \
        const code = require('fs').readFileSync(process.argv[2], 'utf8'); \
        const ok = (v) => { try { acorn.parse(code, { ecmaVersion: v, sourceType: 'script' }); return true; } \
        catch { return false; } }; \
        const editions = [5, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]; \
        console.log(JSON.stringify(editions.find(ok) ?? null));";
    let acorn = workspace_root().join("node_modules/acorn");
    let ran = run(node().args(["-e", SCRIPT, s(&acorn), s(file)]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    serde_json::from_str(ran.stdout.trim()).unwrap()
}

/// `wx-pack.json` of the fixture, against the fixture's source and the folder on disk:
/// exact values, and each listed size equal to the size of the file as it is.
fn check_manifest(manifest: &Value, dir: &Path, mode: &str, min_base: &str, base: &str, files: &[&str]) {
    assert_eq!(manifest["crate"], "wxpack-fixture");
    assert_eq!(manifest["mode"], mode);
    assert_eq!(manifest["minBaseVersion"], min_base);
    assert_eq!(manifest["base"], base);
    // The `wx.<name>` the fixture's extern block binds, sorted.
    assert_eq!(
        manifest["apis"],
        json!(["getRecorderManager", "getSystemInfoSync", "showToast"])
    );
    // The fixture's #[wasm_bindgen] functions, sorted.
    assert_eq!(
        manifest["exports"],
        json!([
            "add",
            "greet",
            "measure",
            "memory_size",
            "recorder",
            "repeat",
            "twice_later"
        ])
    );
    // The fixture pins wasm-bindgen = "=0.2.130".
    assert_eq!(manifest["wasmBindgen"], "0.2.130");
    assert_eq!(manifest["generator"], format!("wx-pack {}", env!("CARGO_PKG_VERSION")));
    let glue = dir.join("wxpack_fixture_bg.js");
    assert_eq!(manifest["glueEsVersion"], lowest_es_edition(&glue));

    assert_eq!(file_names(manifest), files);
    for file in manifest["files"].as_array().unwrap() {
        let mut keys: Vec<&str> = file.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["bytes", "gzip", "name", "shipped"], "{file}");
        let name = file["name"].as_str().unwrap();
        let on_disk = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        // `bytes` and `gzip` are of the content, `shipped` of the file as written.
        let content = if name.ends_with(".br") {
            unbrotli(&on_disk)
        } else {
            on_disk.clone()
        };
        assert_eq!(file["bytes"], content.len() as u64, "{name}");
        assert_eq!(file["gzip"], gzip_len(&content), "{name}");
        assert_eq!(file["shipped"], on_disk.len() as u64, "{name}");
    }
    // The folder holds exactly the listed files and the manifest.
    let mut expected = set(files);
    expected.insert("wx-pack.json".to_owned());
    assert_eq!(files_on_disk(dir), expected);
}

/// The allowlist listing that `wx-pack run` hands the host, in a file.
fn allowlist_file() -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".json").tempfile().unwrap();
    file.write_all(wx_pack::apis::json_listing().as_bytes()).unwrap();
    file
}

/// `wx-host run <dir> --base <base> --json --call …`, as a user runs a folder built earlier.
fn wx_host(dir: &Path, base: &str, calls: &[&str]) -> (Ran, Value) {
    let allowlist = allowlist_file();
    let mut command = node();
    command.arg(workspace_root().join("wx-host/bin/wx-host.js")).args([
        "run",
        s(dir),
        "--allowlist",
        s(allowlist.path()),
        "--base",
        base,
        "--json",
    ]);
    for call in calls {
        command.args(["--call", call]);
    }
    let ran = run(&mut command);
    let report = serde_json::from_str(ran.stdout.trim())
        .unwrap_or_else(|e| panic!("{e}:\nstdout:\n{}\nstderr:\n{}", ran.stdout, ran.stderr));
    (ran, report)
}

#[test]
fn wasm2js_by_default_runs_on_the_lowest_base() {
    let out = tempfile::tempdir().unwrap();
    // No --mode, no --base: the lowest base the APIs allow (getRecorderManager: 1.9.94),
    // below 2.18.1, so wasm2js.
    let (report, manifest) = run_fixture(&[], out.path());
    assert_eq!(report["base"], "1.9.94");
    check_results(&report, "1.9.94");
    check_manifest(
        &manifest,
        out.path(),
        "wasm2js",
        "1.9.94",
        "1.9.94",
        &[
            "index.js",
            "wxpack_fixture_bg.js",
            "wxpack_fixture_bg.wasm.js",
            "plugin.json",
        ],
    );
    let trace = report["trace"].as_array().unwrap();
    assert!(
        trace.iter().all(|t| t["api"] != "WXWebAssembly.instantiate"),
        "wasm2js must not use WXWebAssembly"
    );

    let dir = out.path();
    let index = std::fs::read_to_string(dir.join("index.js")).unwrap();
    assert!(!index.contains("WXWebAssembly.instantiate"), "{index}");
    let code = std::fs::read_to_string(dir.join("wxpack_fixture_bg.wasm.js")).unwrap();
    assert!(code.len() < 2_000_000, "WeChat skips its ES5 pass over 2 MB");
    assert!(
        !code.contains("WebAssembly"),
        "wasm2js output must not need WebAssembly"
    );
    assert!(
        !code.contains("\nexport ") && !code.contains("\nimport "),
        "must be CommonJS"
    );
    let glue = std::fs::read_to_string(dir.join("wxpack_fixture_bg.js")).unwrap();
    // Minified, so not by name: by the message only wx-pack's UTF-8-only decoder has.
    assert!(
        glue.contains("is not supported by this UTF-8-only TextDecoder"),
        "the glue brings its own TextEncoder/TextDecoder"
    );
    let plugin: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("plugin.json")).unwrap()).unwrap();
    assert_eq!(
        plugin,
        json!({ "main": "index.js", "publicComponents": {}, "pages": {} })
    );

    // The same folder on 1.9.6, below its minBaseVersion: the host's wx has no
    // getRecorderManager there (wx-host/README.md: only APIs whose `since` <= the base), so
    // calling it throws the engine's TypeError, which the wasm side catches; the rest works.
    let (ran, report) = wx_host(dir, "1.9.6", &["recorder", "add=[2,40]"]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let results = results(&report);
    assert_eq!(results[0].1, "error: wx.getRecorderManager is not a function");
    assert_eq!(results[1].1, 42);
    assert_eq!(report["trace"], json!([]), "nothing reached wx");
}

#[test]
fn wasm_mode_runs_with_wxwebassembly() {
    let out = tempfile::tempdir().unwrap();
    let (report, manifest) = run_fixture(&["--mode", "wasm"], out.path());
    assert_eq!(report["base"], "2.18.1");
    check_results(&report, "2.18.1");
    check_manifest(
        &manifest,
        out.path(),
        "wasm",
        "2.18.1",
        "2.18.1",
        &[
            "index.js",
            "wxpack_fixture_bg.js",
            "wxpack_fixture_bg.wasm.br",
            "plugin.json",
        ],
    );
    let trace = report["trace"].as_array().unwrap();
    let instantiate = trace
        .iter()
        .find(|t| t["api"] == "WXWebAssembly.instantiate")
        .expect("instantiated");
    assert_eq!(instantiate["args"][0], "/wxpack_fixture_bg.wasm.br");
    assert_eq!(instantiate["outcome"], "success");

    // The shipped wasm: brotli, no custom sections, no exported globals (iOS has none).
    let br = std::fs::read(out.path().join("wxpack_fixture_bg.wasm.br")).unwrap();
    let wasm = unbrotli(&br);
    assert!(br.len() < wasm.len());
    assert_eq!(
        wx_pack::wasm::custom_section_names(&wasm).unwrap(),
        Vec::<String>::new()
    );
    let module = walrus::Module::from_buffer(&wasm).unwrap();
    let globals: Vec<&str> = module
        .exports
        .iter()
        .filter(|e| matches!(e.item, walrus::ExportItem::Global(_)))
        .map(|e| e.name.as_str())
        .collect();
    assert!(globals.is_empty(), "exported globals: {globals:?}");
    // The stack pointer's getter and setter, for the glue to restore it after a trap.
    for name in [wx_pack::wasm::STACK_POINTER_GET, wx_pack::wasm::STACK_POINTER_SET] {
        let export = module.exports.iter().find(|e| e.name == name);
        assert!(
            matches!(export.map(|e| &e.item), Some(walrus::ExportItem::Function(_))),
            "no function export {name}"
        );
    }

    // The same folder below 2.18.1, where plugins have no WXWebAssembly (at the lowest base
    // and just under the line): every call fails with the loader's message, and exit 1.
    for base in ["1.9.6", "2.18.0"] {
        let (ran, report) = wx_host(out.path(), base, &["add=[2,40]", r#"greet=["x"]"#]);
        assert_eq!(ran.code, Some(1), "base {base}: {}", ran.stdout);
        let calls = report["calls"].as_array().unwrap();
        assert_eq!(calls.len(), 2, "base {base}: {report}");
        for call in calls {
            assert_eq!(call["ok"], false, "base {base}: {call}");
            assert_eq!(
                call["error"], "Error: this plugin needs WXWebAssembly, which plugins have from base library 2.18.1",
                "base {base}"
            );
        }
        assert_eq!(report["trace"], json!([]), "base {base}: nothing reached wx");
        assert_eq!(report["errors"], json!([]), "base {base}");
    }
}

#[test]
fn no_minify_keeps_the_javascript_as_written_and_it_runs_the_same() {
    // Minified by default, the loader keeps only its header comment; with --no-minify the
    // loader and glue are as wx-pack and wasm-bindgen wrote them (comments, names).
    let minified = tempfile::tempdir().unwrap();
    let readable = tempfile::tempdir().unwrap();
    let (report, _) = run_fixture(&["--mode", "wasm"], minified.path());
    check_results(&report, "2.18.1");
    let (report, _) = run_fixture(&["--mode", "wasm", "--no-minify"], readable.path());
    check_results(&report, "2.18.1");
    let index = |dir: &Path| std::fs::read_to_string(dir.join("index.js")).unwrap();
    let glue = |dir: &Path| std::fs::read_to_string(dir.join("wxpack_fixture_bg.js")).unwrap();
    let (small, plain) = (index(minified.path()), index(readable.path()));
    for text in [&small, &plain] {
        assert!(text.starts_with("// Generated by wx-pack "), "{text}");
        assert!(
            text.contains("glue.__wxpack_guard("),
            "the stack guard is wired: {text}"
        );
    }
    assert!(plain.contains("// absolute from the plugin root"), "{plain}");
    assert!(!small.contains("// absolute from the plugin root"), "{small}");
    assert!(small.len() < plain.len(), "{} >= {}", small.len(), plain.len());
    assert!(glue(readable.path()).contains("function __wxpack_guard(exports) {"));
    assert!(glue(minified.path()).len() * 2 < glue(readable.path()).len());
}

#[test]
fn base_lower_than_the_apis_need_names_the_api() {
    let out = tempfile::tempdir().unwrap();
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("wxpack-fixture")),
        "-q",
        "--base",
        "1.9.6",
        "--out",
        s(out.path()),
    ]));
    assert_clear_error(
        &ran,
        &[
            "--base 1.9.6 is lower than this plugin needs",
            "wx.getRecorderManager needs 1.9.94",
        ],
    );
}

#[test]
fn not_a_cdylib() {
    let ran = run(&mut wx_pack(&["build", s(&fixture("not-cdylib"))]));
    assert_clear_error(
        &ran,
        &["`wxpack-not-cdylib` is not a cdylib", "crate-type = [\"cdylib\""],
    );
}

#[test]
fn compile_errors_show_cargos_message() {
    let out = tempfile::tempdir().unwrap();
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("broken")),
        "-q",
        "--out",
        s(out.path()),
    ]));
    assert_clear_error(
        &ran,
        &[
            "error[E0308]: mismatched types",
            "cargo could not compile `wxpack-broken`",
        ],
    );
}

#[test]
fn wasm_bindgen_version_mismatch() {
    let ran = run(&mut wx_pack(&["build", s(&fixture("old-bindgen"))]));
    assert_clear_error(
        &ran,
        &[
            "wasm-bindgen version mismatch",
            "resolves wasm-bindgen 0.2.100",
            "wasm-bindgen = \"=0.2.130\"",
        ],
    );
}

#[test]
fn bad_base_strings() {
    let fixture = fixture("wxpack-fixture");
    for bad in ["2.18", "latest", "2.18.1-beta"] {
        let ran = run(&mut wx_pack(&["build", s(&fixture), "--base", bad]));
        assert_eq!(ran.code, Some(2), "{}", ran.stderr);
        assert_clear_error(&ran, &["not a base-library version", "2.18.1"]);
    }
    let ran = run(&mut wx_pack(&["build", s(&fixture), "--base", "1.2.3"]));
    assert_clear_error(&ran, &["older than any plugin base library"]);
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture),
        "--mode",
        "wasm",
        "--base",
        "2.10.2",
    ]));
    assert_clear_error(&ran, &["--mode wasm needs base library 2.18.1"]);
}

#[test]
fn missing_crates() {
    let ran = run(&mut wx_pack(&["build", "wx-pack/tests/fixtures/no-such-crate"]));
    assert_clear_error(&ran, &["no crate at `wx-pack/tests/fixtures/no-such-crate`"]);
    let ran = run(&mut wx_pack(&["build", "no-such-package"]));
    assert_clear_error(&ran, &["no package `no-such-package` in the workspace"]);
    let ran = run(&mut wx_pack(&["build", "wx-pack/tests"]));
    assert_clear_error(&ran, &["is a directory without a Cargo.toml"]);
}

#[test]
fn missing_node_or_npm_packages() {
    let fixture = fixture("wxpack-fixture");
    let ran = run(wx_pack(&["build", s(&fixture)]).env("WX_PACK_NODE", "/nonexistent/node"));
    assert_clear_error(
        &ran,
        &[
            "Node.js was not found",
            "needs Node.js 20 or later",
            "install Node.js 20 or later",
            "npm ci",
        ],
    );
    let empty = tempfile::tempdir().unwrap();
    let ran = run(wx_pack(&["build", s(&fixture)]).env("WX_PACK_ROOT", empty.path()));
    assert_clear_error(
        &ran,
        &[
            "npm packages are not installed",
            "node_modules/binaryen",
            "run `npm ci` in",
        ],
    );
}

#[test]
fn glue_binding_a_forbidden_wx_function_is_refused() {
    // The fixture binds wx.authorize by hand; wx-allowlist marks it unsupported in plugins
    // (`cargo run -p wx-allowlist -- --lookup authorize`). It also binds the permitted
    // wx.showToast, which must not be blamed.
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("pkg");
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("forbidden")),
        "-q",
        "--out",
        s(&out),
    ]));
    assert_clear_error(
        &ran,
        &[
            "error: the plugin binds wx functions that a plugin cannot call: wx.authorize is not available to \
           plugins; a plugin's `wx` object simply lacks them at run time",
        ],
    );
    assert!(!ran.stderr.contains("showToast"), "{}", ran.stderr);
    assert!(!out.exists(), "nothing may be written for a refused plugin");
}

#[test]
fn bad_plugin_subdirs_are_refused() {
    let fixture = fixture("wxpack-fixture");
    for bad in [
        "",
        "/",
        "//",
        ".",
        "..",
        "../rust",
        "rust/..",
        "lib/../rust",
        "./rust",
        "lib/./rust",
        "lib//rust",
    ] {
        let ran = run(&mut wx_pack(&["build", s(&fixture), "--plugin-subdir", bad]));
        assert_eq!(ran.code, Some(1), "{bad:?}: {}", ran.stderr);
        assert_clear_error(
            &ran,
            &[&format!(
                "error: --plugin-subdir `{bad}`: expected a folder path inside the plugin root, like `rust` or \
                 `lib/rust`"
            )],
        );
    }
    // `run` needs the folder's own plugin.json, which a --plugin-subdir build has not: it
    // says so before building.
    let ran = run(&mut wx_pack(&["run", s(&fixture), "--plugin-subdir", "rust"]));
    assert_clear_error(
        &ran,
        &["error: `wx-pack run` cannot run a --plugin-subdir build: that folder (rust) is only part of a plugin"],
    );
    assert!(
        !ran.stderr.contains("wx-pack ["),
        "it must not build first:\n{}",
        ran.stderr
    );
}

#[test]
fn plugin_subdir_build_loads_by_absolute_path_and_writes_no_plugin_json() {
    // A plugin root of the user's own, whose plugin.json names the Rust part as its main.
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let users_plugin_json = "{ \"main\": \"lib/rust/index.js\", \"publicComponents\": {}, \"pages\": {} }\n";
    std::fs::write(root.join("plugin.json"), users_plugin_json).unwrap();
    let out = root.join("lib/rust");
    let fixture = fixture("wxpack-fixture");

    // First a plain build into that folder: it writes a plugin.json there ...
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture),
        "-q",
        "--mode",
        "wasm",
        "--out",
        s(&out),
    ]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(out.join("plugin.json").is_file());

    // ... which the --plugin-subdir build removes as a stale file of the earlier build. The
    // slashes around the value are dropped.
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture),
        "-q",
        "--mode",
        "wasm",
        "--plugin-subdir",
        "/lib/rust/",
        "--out",
        s(&out),
    ]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.contains(
            "note: no plugin.json written: in the plugin's own plugin.json, set \"main\" to \"lib/rust/index.js\" \
             (or require it from the main module)\n"
        ),
        "{}",
        ran.stdout
    );
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap();
    check_manifest(
        &manifest,
        &out,
        "wasm",
        "2.18.1",
        "2.18.1",
        &["index.js", "wxpack_fixture_bg.js", "wxpack_fixture_bg.wasm.br"],
    );
    assert!(!out.join("plugin.json").exists());
    assert_eq!(
        std::fs::read_to_string(root.join("plugin.json")).unwrap(),
        users_plugin_json
    );
    // WXWebAssembly paths are absolute from the plugin root (wx-pack/README.md).
    let index = std::fs::read_to_string(out.join("index.js")).unwrap();
    assert!(
        index.contains("WASM_PATH=\"/lib/rust/wxpack_fixture_bg.wasm.br\""),
        "{index}"
    );

    // And the host, which resolves that path from the plugin root, loads it.
    let (ran, report) = wx_host(root, "2.18.1", &["add=[2,40]", r#"measure=["中🦀"]"#]);
    assert_eq!(ran.code, Some(0), "{}", ran.stdout);
    let results = results(&report);
    assert_eq!(results[0].1, 42);
    assert_eq!(results[1].1, "7/2");
    let instantiate = &report["trace"][0];
    assert_eq!(instantiate["api"], "WXWebAssembly.instantiate");
    assert_eq!(instantiate["args"][0], "/lib/rust/wxpack_fixture_bg.wasm.br");
    assert_eq!(instantiate["outcome"], "success");
}

#[test]
fn rebuild_removes_only_the_earlier_builds_files_and_keeps_an_edited_plugin_json() {
    let tmp = tempfile::tempdir().unwrap();
    let tmp = tmp.path();
    let out = tmp.join("pkg");
    std::fs::create_dir_all(out.join("snippets/stale-0123")).unwrap();
    // What an earlier build left: its manifest lists its files, plugin.json among them, which
    // the user has edited since. Names that lead outside the folder (a damaged or hand-edited
    // manifest) must not be followed.
    let absolute = tmp.join("absolute.txt");
    let earlier = json!({
        "crate": "wxpack-fixture",
        "files": [
            { "name": "index.js" },
            { "name": "stale_bg.wasm.js" },
            { "name": "snippets/stale-0123/inline0.js" },
            { "name": "plugin.json" },
            { "name": "../outside.txt" },
            { "name": "sub/../../outside.txt" },
            { "name": s(&absolute) },
        ]
    });
    std::fs::write(out.join("wx-pack.json"), earlier.to_string()).unwrap();
    std::fs::write(out.join("stale_bg.wasm.js"), "stale").unwrap();
    std::fs::write(out.join("snippets/stale-0123/inline0.js"), "stale").unwrap();
    std::fs::write(tmp.join("outside.txt"), "not wx-pack's").unwrap();
    std::fs::write(&absolute, "not wx-pack's").unwrap();
    std::fs::write(out.join("index.js"), "stale").unwrap();
    // The user's edits of plugin.json, and a file of the user's own that no manifest lists.
    let users_plugin_json = r#"{
  "main": "index.js",
  "publicComponents": { "panel": "components/panel" },
  "pages": {}
}
"#;
    std::fs::write(out.join("plugin.json"), users_plugin_json).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();

    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("wxpack-fixture")),
        "-q",
        "--mode",
        "wasm",
        "--out",
        s(&out),
    ]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.contains(&format!(
            "note: kept the existing {} (its `main` should be \"index.js\")\n",
            out.join("plugin.json").display()
        )),
        "{}",
        ran.stdout
    );
    assert_eq!(
        std::fs::read_to_string(out.join("plugin.json")).unwrap(),
        users_plugin_json
    );
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    assert_eq!(
        std::fs::read_to_string(tmp.join("outside.txt")).unwrap(),
        "not wx-pack's"
    );
    assert_eq!(std::fs::read_to_string(&absolute).unwrap(), "not wx-pack's");
    assert!(!out.join("stale_bg.wasm.js").exists());
    assert!(!out.join("snippets").exists(), "emptied snippet folders are removed");
    let index = std::fs::read_to_string(out.join("index.js")).unwrap();
    assert!(index.contains("WXWebAssembly.instantiate(WASM_PATH,"), "{index}");

    // The new manifest lists what this build wrote, without the user's plugin.json, so the
    // next build leaves that alone too.
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap();
    assert_eq!(
        file_names(&manifest),
        ["index.js", "wxpack_fixture_bg.js", "wxpack_fixture_bg.wasm.br"]
    );
    assert_eq!(
        files_on_disk(&out),
        set(&[
            "index.js",
            "notes.txt",
            "plugin.json",
            "wx-pack.json",
            "wxpack_fixture_bg.js",
            "wxpack_fixture_bg.wasm.br",
        ])
    );
}

#[test]
fn out_that_is_a_file_is_refused_before_building() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pkg");
    std::fs::write(&out, "a file").unwrap();
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("wxpack-fixture")),
        "--out",
        s(&out),
    ]));
    assert_clear_error(
        &ran,
        &[&format!(
            "error: --out {} exists and is not a folder: wx-pack writes the plugin folder there; remove it or give \
             another folder",
            out.display()
        )],
    );
    assert!(
        !ran.stderr.contains("cargo build"),
        "it must not build first:\n{}",
        ran.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "a file");
}

#[cfg(unix)] // the stand-in rustc is a shell script
#[test]
fn missing_wasm32_target_says_how_to_add_it() {
    // A toolchain without the wasm32 standard library, simulated without uninstalling it:
    // `rustc` with an empty sysroot answers `--print target-libdir` with a folder that does
    // not exist, as rustc does for a target that was never added.
    let tmp = tempfile::tempdir().unwrap();
    let sysroot = tmp.path().join("sysroot");
    std::fs::create_dir(&sysroot).unwrap();
    let rustc = tmp.path().join("rustc");
    std::fs::write(
        &rustc,
        format!("#!/bin/sh\nexec rustc --sysroot '{}' \"$@\"\n", sysroot.display()),
    )
    .unwrap();
    let mut permissions = std::fs::metadata(&rustc).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&rustc, permissions).unwrap();

    let out = tmp.path().join("pkg");
    let ran = run(wx_pack(&["build", s(&fixture("wxpack-fixture")), "--out", s(&out)]).env("RUSTC", &rustc));
    assert_clear_error(
        &ran,
        &[
            "error: the wasm32-unknown-unknown target is not installed for this toolchain: run `rustup target add \
           wasm32-unknown-unknown`",
        ],
    );
    assert!(!out.exists());
}

#[test]
fn a_second_build_of_one_crate_waits_for_the_first() {
    // Two builds of one crate share its work folder under the target dir (wasm-bindgen's
    // output there is cleared and rewritten): hold its lock, as a first build would.
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-fixtures/wx-pack/wxpack-forbidden");
    std::fs::create_dir_all(&work).unwrap();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(work.join(".wx-pack.lock"))
        .unwrap();
    lock.lock().unwrap();

    let out = tempfile::tempdir().unwrap();
    let mut child = wx_pack(&["build", s(&fixture("forbidden")), "--out", s(&out.path().join("pkg"))])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut before = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        before.push_str(&line);
        before.push('\n');
        if line.contains("waiting for another wx-pack build") {
            break;
        }
    }
    assert!(
        before.contains(&format!(
            "waiting for another wx-pack build of `wxpack-forbidden` to finish (lock: {})",
            work.join(".wx-pack.lock").display()
        )),
        "{before}"
    );
    assert!(!before.contains("cargo build"), "it went on while locked:\n{before}");

    // Released, the second build goes on to its end (here: the forbidden-API error).
    lock.unlock().unwrap();
    let after: String = lines.map(|l| l.unwrap() + "\n").collect();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{after}");
    assert!(after.contains("cargo build"), "{after}");
    assert!(
        after.contains("error: the plugin binds wx functions that a plugin cannot call: wx.authorize"),
        "{after}"
    );
}

/// The fixture crate without its `[profile.release]`, in a temp dir, as a
/// crate made by hand from a template would be.
fn fixture_without_profile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("wxpack-fixture");
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::copy(src.join("src/lib.rs"), dir.path().join("src/lib.rs")).unwrap();
    std::fs::copy(src.join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    let manifest = std::fs::read_to_string(src.join("Cargo.toml")).unwrap();
    let start = manifest.find("[profile.release]").unwrap();
    let end = start + manifest[start..].find("\n\n").unwrap();
    let manifest = format!("{}{}", &manifest[..start], &manifest[end..]);
    assert!(!manifest.contains("[profile"), "{manifest}");
    std::fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
    dir
}

#[test]
fn a_crate_without_a_release_profile_gets_the_small_wasm_one_unless_it_opts_out() {
    let krate = fixture_without_profile();
    let wasm_bytes = |flags: &[&str], out: &Path| {
        let mut args = vec!["build", s(krate.path()), "--mode", "wasm", "--out", s(out)];
        args.extend_from_slice(flags);
        let ran = run(wx_pack(&args).env("CARGO_TARGET_DIR", krate.path().join("target")));
        assert_eq!(ran.code, Some(0), "{}", ran.stderr);
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap();
        let wasm = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"].as_str().unwrap().ends_with(".wasm.br"))
            .unwrap();
        (wasm["bytes"].as_u64().unwrap(), ran.stderr)
    };
    let out = tempfile::tempdir().unwrap();
    let (small, said) = wasm_bytes(&[], &out.path().join("small"));
    assert!(
        said.contains("no [profile.release] in the workspace: building with opt-level z, LTO, one codegen unit, panic abort (--keep-profile keeps cargo's defaults)"),
        "{said}"
    );
    let (kept, said) = wasm_bytes(&["--keep-profile"], &out.path().join("kept"));
    assert!(!said.contains("no [profile.release]"), "{said}");
    // cargo's default release profile (opt-level 3, unwinding, no LTO) makes a bigger module.
    assert!(small < kept, "small-wasm profile {small} B, cargo's default {kept} B");
}

/// `wx-pack run` of the flags fixture (wasm mode) with `flags`, in the fixtures' target
/// dir or `target`: its `value()` and `checked()`, and wx-pack's stderr.
fn flags_fixture(flags: &[&str], out: &Path, target: Option<&Path>) -> (Value, Value, String) {
    let fixture = fixture("flags");
    let mut args = vec!["run", s(&fixture), "--mode", "wasm", "--out", s(out)];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--", "--json", "--call", "value", "--call", "checked"]);
    let mut command = wx_pack(&args);
    if let Some(target) = target {
        command.env("CARGO_TARGET_DIR", target);
    }
    let ran = run(&mut command);
    assert_eq!(ran.code, Some(0), "wx-pack {flags:?}:\n{}\n{}", ran.stdout, ran.stderr);
    let report: Value = serde_json::from_str(ran.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {}", ran.stdout));
    let results = results(&report);
    assert_eq!(results.len(), 2, "{report}");
    (results[0].1.clone(), results[1].1.clone(), ran.stderr)
}

#[test]
fn cargo_features_and_profile_are_passed_on() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path();
    // tests/fixtures/flags: value() adds 1 for `one` (default), 10 for `ten`, 100 for
    // `hundred`; checked() is whether debug assertions are on (the `checked` profile).
    let (value, checked, said) = flags_fixture(&[], out, None);
    assert_eq!((value, checked), (json!(1), json!(false)));
    assert!(
        said.contains("cargo build --target wasm32-unknown-unknown --profile release -p wxpack-flags (MVP: RUSTFLAGS=-C target-cpu=mvp -C strip=symbols)\n"),
        "{said}"
    );
    for (flags, expected) in [
        (&["--features", "ten"][..], 11),
        (&["--features", "ten hundred"][..], 111),
        (&["-F", "ten,hundred", "--no-default-features"][..], 110),
        (&["--no-default-features"][..], 0),
        (&["--all-features"][..], 111),
    ] {
        let mut args = vec!["-q"];
        args.extend_from_slice(flags);
        let (value, checked, _) = flags_fixture(&args, out, None);
        assert_eq!((value, checked), (json!(expected), json!(false)), "{flags:?}");
    }
    let (value, checked, said) = flags_fixture(&["--profile", "checked"], out, None);
    assert_eq!((value, checked), (json!(1), json!(true)));
    assert!(
        said.contains("cargo build --target wasm32-unknown-unknown --profile checked -p wxpack-flags (MVP: RUSTFLAGS=-C target-cpu=mvp -C strip=symbols)\n"),
        "{said}"
    );

    // What cargo refuses, it says; wx-pack adds which crate.
    let flags = s(&fixture("flags")).to_owned();
    let ran = run(&mut wx_pack(&["build", &flags, "-q", "--profile", "nope"]));
    assert_clear_error(
        &ran,
        &[
            "profile `nope` is not defined",
            "cargo could not compile `wxpack-flags`",
        ],
    );
    let ran = run(&mut wx_pack(&["build", &flags, "-q", "--features", "nope"]));
    assert_clear_error(
        &ran,
        &[
            "does not contain this feature: nope",
            "cargo could not compile `wxpack-flags`",
        ],
    );
}

#[test]
fn the_wasm2js_build_shares_the_target_dir_and_its_host_crates() {
    // A cold target dir: the wasm build (`--wasm-features modern`: rustc's default CPU, as
    // the wasm mode's default is the MVP build the wasm2js mode uses) compiles everything;
    // the wasm2js build after it
    // recompiles the wasm32 crates (with -C target-cpu=mvp) but none of the build scripts and
    // proc-macros, and writes no target dir of its own; the wasm build after that finds its
    // own wasm32 crates still there and recompiles only the plugin.
    let target = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let compiled = |said: &str| -> BTreeSet<String> {
        said.lines()
            .filter_map(|l| l.trim().strip_prefix("Compiling "))
            .map(|l| l.split(' ').next().unwrap().to_owned())
            .collect()
    };
    let (_, _, said) = flags_fixture(&["--wasm-features", "modern"], out.path(), Some(target.path()));
    let first = compiled(&said);
    for krate in [
        "proc-macro2",
        "syn",
        "wasm-bindgen-macro",
        "wasm-bindgen",
        "wxpack-flags",
    ] {
        assert!(first.contains(krate), "{krate} not compiled cold:\n{said}");
    }

    let wasm2js = out.path().join("wasm2js");
    let mut command = wx_pack(&["build", s(&fixture("flags")), "--mode", "wasm2js", "--out", s(&wasm2js)]);
    let ran = run(command.env("CARGO_TARGET_DIR", target.path()));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let second = compiled(&ran.stderr);
    assert!(
        ran.stderr
            .contains("(MVP: RUSTFLAGS=-C target-cpu=mvp -C strip=symbols)"),
        "{}",
        ran.stderr
    );
    for krate in ["wasm-bindgen", "wxpack-flags"] {
        assert!(
            second.contains(krate),
            "{krate} not rebuilt for the MVP:\n{}",
            ran.stderr
        );
    }
    for krate in ["proc-macro2", "syn", "wasm-bindgen-macro", "wasm-bindgen-macro-support"] {
        assert!(!second.contains(krate), "{krate} rebuilt:\n{}", ran.stderr);
    }
    assert!(!target.path().join("wx-pack-mvp").exists());
    let (host, _) = wx_host(&wasm2js, "1.9.6", &["value"]);
    assert_eq!(host.code, Some(0), "{}", host.stdout);

    let (value, _, said) = flags_fixture(&["--wasm-features", "modern"], out.path(), Some(target.path()));
    assert_eq!(value, json!(1));
    assert_eq!(compiled(&said), set(&["wxpack-flags"]), "{said}");
}
