//! The fixture packaged in each mode and run in the simulated host: wasm2js at the lowest
//! base, wasm with `WXWebAssembly` from 2.18.1, and `--no-minify`.

use std::path::Path;

use serde_json::{Value, json};

use crate::package::{check_manifest, check_results, results, run_fixture, unbrotli, wx_host};

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
