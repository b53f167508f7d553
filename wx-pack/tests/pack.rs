//! End-to-end tests of the `wx-pack` command: the fixture plugin crate
//! (`tests/fixtures/wxpack-fixture`) is packaged in both modes and run in the simulated
//! host (`wx-host/`), whose sandbox has no `WebAssembly`, `TextEncoder` or `TextDecoder`;
//! and every error a user can make gets a clear message, a non-zero exit and no panic.
//!
//! The fixture crates have workspaces of their own. They build in
//! `<target>/tmp/wx-pack-fixtures`, kept between runs, so only the first run pays for
//! compiling wasm-bindgen and friends for wasm32 (twice: normal and MVP).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn wx_pack(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wx-pack"));
    command
        .args(args)
        .current_dir(workspace_root())
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-fixtures"),
        )
        .env_remove("WX_PACK_ROOT")
        .env_remove("WX_PACK_NODE");
    command
}

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command) -> Ran {
    let Output { status, stdout, stderr } = command.output().expect("wx-pack starts");
    Ran {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
    }
}

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

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
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
        // Grows wasm memory while the glue holds views of it from the calls above.
        "--call",
        "repeat=[1000000]",
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
            "repeat",
            "measure",
            "recorder"
        ]
    );
    assert_eq!(results[0].1, format!("你好, 世界 🌏! 🦀 base {base}"));
    assert_eq!(results[1].1, 42);
    // "a", NUL, "é" (2), "中" (3), "🦀" (4) = 11 bytes, 5 chars.
    assert_eq!(results[2].1, "11/5");
    assert_eq!(results[3].1, 42);
    let repeated = results[4].1.as_str().unwrap();
    assert_eq!(repeated.chars().count(), 1_000_000);
    assert!(
        repeated.chars().all(|c| c == 'é'),
        "memory views went stale after memory.grow"
    );
    assert_eq!(results[5].1, "24/17");
    let recorder = results[6].1.as_str().unwrap();
    assert!(
        recorder == "object" || recorder.starts_with("error: getRecorderManager:fail"),
        "{recorder}"
    );

    let trace = report["trace"].as_array().unwrap();
    let toast = trace
        .iter()
        .find(|t| t["api"] == "showToast")
        .expect("a showToast call");
    assert_eq!(toast["args"][0]["title"], format!("你好, 世界 🌏! 🦀 base {base}"));
    assert_eq!(report["errors"], serde_json::json!([]));
}

fn file_names(manifest: &Value) -> Vec<String> {
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect()
}

fn check_manifest(manifest: &Value, mode: &str, min_base: &str, base: &str) {
    assert_eq!(manifest["crate"], "wxpack-fixture");
    assert_eq!(manifest["mode"], mode);
    assert_eq!(manifest["minBaseVersion"], min_base);
    assert_eq!(manifest["base"], base);
    assert_eq!(
        manifest["apis"],
        serde_json::json!(["getRecorderManager", "getSystemInfoSync", "showToast"])
    );
    assert_eq!(
        manifest["exports"],
        serde_json::json!(["add", "greet", "measure", "recorder", "repeat", "twice_later"])
    );
    for file in manifest["files"].as_array().unwrap() {
        let (bytes, gzip, shipped) = (
            file["bytes"].as_u64().unwrap(),
            file["gzip"].as_u64().unwrap(),
            file["shipped"].as_u64().unwrap(),
        );
        assert!(bytes > 0 && gzip > 0 && shipped > 0, "{file}");
    }
}

#[test]
fn wasm2js_by_default_runs_on_the_lowest_base() {
    let out = tempfile::tempdir().unwrap();
    // No --mode, no --base: the lowest base the APIs allow (getRecorderManager: 1.9.94),
    // below 2.18.1, so wasm2js.
    let (report, manifest) = run_fixture(&[], out.path());
    assert_eq!(report["base"], "1.9.94");
    check_results(&report, "1.9.94");
    check_manifest(&manifest, "wasm2js", "1.9.94", "1.9.94");
    assert_eq!(
        file_names(&manifest),
        [
            "index.js",
            "wxpack_fixture_bg.js",
            "wxpack_fixture_bg.wasm.js",
            "plugin.json"
        ]
    );
    let trace = report["trace"].as_array().unwrap();
    assert!(
        trace.iter().all(|t| t["api"] != "WXWebAssembly.instantiate"),
        "wasm2js must not use WXWebAssembly"
    );

    let dir = out.path();
    let index = std::fs::read_to_string(dir.join("index.js")).unwrap();
    assert!(!index.contains("WXWebAssembly.instantiate"), "{index}");
    assert!(!dir.join("wxpack_fixture_bg.wasm.br").exists());
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
    assert!(
        glue.contains("function wxPackUtf8()"),
        "the glue brings its own TextEncoder/TextDecoder"
    );
    let plugin: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("plugin.json")).unwrap()).unwrap();
    assert_eq!(
        plugin,
        serde_json::json!({ "main": "index.js", "publicComponents": {}, "pages": {} })
    );
}

#[test]
fn wasm_mode_runs_with_wxwebassembly() {
    let out = tempfile::tempdir().unwrap();
    let (report, manifest) = run_fixture(&["--mode", "wasm"], out.path());
    assert_eq!(report["base"], "2.18.1");
    check_results(&report, "2.18.1");
    check_manifest(&manifest, "wasm", "2.18.1", "2.18.1");
    assert_eq!(
        file_names(&manifest),
        [
            "index.js",
            "wxpack_fixture_bg.js",
            "wxpack_fixture_bg.wasm.br",
            "plugin.json"
        ]
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
    let listed = &manifest["files"][2];
    assert_eq!(listed["shipped"].as_u64().unwrap(), br.len() as u64);
    let mut wasm = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(&br), &mut wasm).unwrap();
    assert_eq!(listed["bytes"].as_u64().unwrap(), wasm.len() as u64);
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
    assert_clear_error(&ran, &["Node.js was not found", "npm ci"]);
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
