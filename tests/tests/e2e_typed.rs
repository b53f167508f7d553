//! End to end for the typed layer (`callback`, `ui`, `storage`): the
//! `feedback` example is packaged by `wx-pack` in both output modes and run
//! in the simulated WeChat host (`wx-host`).
//!
//! The helpers are copied from `e2e.rs` (each integration test is its own
//! crate); this file's packages go to `target/e2e/typed-*`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{Value, json};

/// The base library each mode is run at: `WXWebAssembly` exists in plugins
/// from 2.18.1; the wasm2js output runs on 1.9.6.
const MODES: [(&str, &str); 2] = [("wasm", "2.18.1"), ("wasm2js", "1.9.6")];

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn e2e_dir() -> PathBuf {
    workspace().join("target/e2e")
}

/// The allowlist JSON the host enforces, written once.
fn allowlist_file() -> &'static Path {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        std::fs::create_dir_all(e2e_dir()).unwrap();
        let path = e2e_dir().join("allowlist-typed.json");
        std::fs::write(&path, wx_allowlist::json_listing()).unwrap();
        path
    })
}

/// Packages `examples/feedback` in `mode` (once per process) and returns the folder.
fn plugin(mode: &str) -> PathBuf {
    static BUILT: OnceLock<std::sync::Mutex<Vec<(String, PathBuf)>>> = OnceLock::new();
    let built = BUILT.get_or_init(Default::default);
    let mut built = built.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, dir)) = built.iter().find(|(k, _)| k == mode) {
        return dir.clone();
    }
    let out = e2e_dir().join(format!("typed-feedback-{mode}"));
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args(["run", "-q", "-p", "wx-pack", "--", "build"])
        .arg(workspace().join("examples/feedback"))
        .args(["--mode", mode, "--out"])
        .arg(&out)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "wx-pack build feedback --mode {mode} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    built.push((mode.to_string(), out.clone()));
    out
}

/// Runs the plugin folder in the simulated host and returns its JSON report.
fn run_host(dir: &Path, base: &str, extra: &[&str]) -> Value {
    let output = Command::new("node")
        .arg(workspace().join("wx-host/bin/wx-host.js"))
        .arg("run")
        .arg(dir)
        .arg("--allowlist")
        .arg(allowlist_file())
        .args(["--base", base, "--json"])
        .args(extra)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "wx-host printed no JSON report ({e}):\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The `n`th call of `export` in a host report.
fn call_of<'a>(report: &'a Value, export: &str, n: usize) -> &'a Value {
    report["calls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["export"] == export)
        .nth(n)
        .unwrap_or_else(|| panic!("no call #{n} of {export} in {report:#}"))
}

/// The result of the `n`th call of `export`, asserting it succeeded.
fn result_of<'a>(report: &'a Value, export: &str, n: usize) -> &'a Value {
    let call = call_of(report, export, n);
    assert_eq!(call["ok"], true, "{export} failed: {call:#}");
    &call["result"]
}

/// The trace records of one `wx` API.
fn traced<'a>(report: &'a Value, api: &str) -> Vec<&'a Value> {
    report["trace"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["api"] == api)
        .collect()
}

/// The APIs of the trace, in order, without the wasm loader.
fn api_sequence(report: &Value) -> Vec<&str> {
    report["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["api"].as_str().unwrap())
        .filter(|api| !api.starts_with("WXWebAssembly"))
        .collect()
}

/// Nothing the plugin did threw outside a call (in a callback, a timer or
/// an unhandled promise), as a dangling closure would.
fn assert_no_stray_errors(report: &Value, mode: &str) {
    assert_eq!(report["errors"], json!([]), "{mode}: {report:#}");
}

#[test]
fn confirm_stores_the_note_and_shows_a_toast() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--call",
                r#"confirm_and_save=["great plugin"]"#,
                "--call",
                "saved_note",
                "--call",
                "load_note",
            ],
        );
        assert_eq!(result_of(&report, "confirm_and_save", 0), &json!(true), "{mode}");
        assert_eq!(result_of(&report, "saved_note", 0), "great plugin", "{mode}");
        assert_eq!(result_of(&report, "load_note", 0), "great plugin", "{mode}");
        assert_eq!(
            api_sequence(&report),
            [
                "showModal",
                "setStorageSync",
                "showToast",
                "getStorageSync",
                "getStorage"
            ],
            "{mode}"
        );

        let modal = traced(&report, "showModal")[0];
        let options = &modal["args"][0];
        assert_eq!(options["title"], "Save feedback?", "{mode}");
        assert_eq!(options["content"], "great plugin", "{mode}");
        assert_eq!(options["showCancel"], true, "{mode}");
        assert_eq!(options["confirmText"], "Save", "{mode}");
        assert_eq!(options["cancelText"], "Discard", "{mode}");
        assert_eq!(options["success"], "[Function]", "{mode}");
        assert_eq!(options["fail"], "[Function]", "{mode}");
        assert_eq!(modal["outcome"], "success", "{mode}");

        let write = traced(&report, "setStorageSync")[0];
        assert_eq!(write["args"], json!(["feedback-note", "great plugin"]), "{mode}");

        let toast = traced(&report, "showToast")[0];
        let options = &toast["args"][0];
        assert_eq!(options["title"], "Saved", "{mode}");
        assert_eq!(options["icon"], "success", "{mode}");
        assert_eq!(options["duration"], 1500, "{mode}");
        assert_eq!(options["mask"], false, "{mode}");
        assert_eq!(toast["outcome"], "success", "{mode}");
        assert_no_stray_errors(&report, mode);
    }
}

#[test]
fn cancel_stores_nothing() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--modal-cancel",
                "--call",
                r#"confirm_and_save=["nope"]"#,
                "--call",
                "saved_note",
            ],
        );
        assert_eq!(result_of(&report, "confirm_and_save", 0), &json!(false), "{mode}");
        // A missing key reads as "" in WeChat; the typed layer makes it None (undefined → null).
        assert_eq!(result_of(&report, "saved_note", 0), &Value::Null, "{mode}");
        assert_eq!(api_sequence(&report), ["showModal", "getStorageSync"], "{mode}");
        assert_eq!(traced(&report, "showModal")[0]["result"]["cancel"], true, "{mode}");
        assert_no_stray_errors(&report, mode);
    }
}

#[test]
fn a_missing_api_rejects_the_call_and_the_plugin_keeps_working() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--missing",
                "showModal",
                "--call",
                r#"confirm_and_save=["x"]"#,
                "--call",
                "saved_note",
            ],
        );
        let call = call_of(&report, "confirm_and_save", 0);
        assert_eq!(call["ok"], false, "{mode}: {call:#}");
        let error = call["error"].to_string();
        assert!(error.contains("wx.showModal failed"), "{mode}: {error}");
        assert!(traced(&report, "setStorageSync").is_empty(), "{mode}");
        assert!(traced(&report, "showToast").is_empty(), "{mode}");
        assert_eq!(result_of(&report, "saved_note", 0), &Value::Null, "{mode}");
        assert_no_stray_errors(&report, mode);
    }
}

#[test]
fn a_fail_callback_is_an_err_with_wechats_reason() {
    for (mode, base) in MODES {
        // wx.getStorage answers a missing key with `fail` ("getStorage:fail data not
        // found"); load_note reads that reason and answers undefined.
        let report = run_host(&plugin(mode), base, &["--call", "load_note"]);
        assert_eq!(result_of(&report, "load_note", 0), &Value::Null, "{mode}");
        let read = traced(&report, "getStorage")[0];
        assert_eq!(read["outcome"], "fail", "{mode}: {read:#}");
        assert_eq!(read["errMsg"], "getStorage:fail data not found", "{mode}");
        assert_no_stray_errors(&report, mode);
    }
}

#[test]
fn a_future_dropped_early_leaves_nothing_that_traps() {
    for (mode, base) in MODES {
        // notify drops the toast's future at once; WeChat's `success` comes later.
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--call",
                r#"notify=["hi"]"#,
                "--call",
                r#"notify=["again"]"#,
                "--call",
                "saved_note",
            ],
        );
        for n in 0..2 {
            assert_eq!(result_of(&report, "notify", n), &Value::Null, "{mode}");
        }
        let toasts = traced(&report, "showToast");
        assert_eq!(toasts.len(), 2, "{mode}");
        assert!(toasts.iter().all(|t| t["outcome"] == "success"), "{mode}: {toasts:#?}");
        assert_eq!(toasts[1]["args"][0]["icon"], "none", "{mode}");
        assert_no_stray_errors(&report, mode);
    }
}

#[test]
fn the_note_persists_across_runs() {
    for (mode, base) in MODES {
        let storage = e2e_dir().join(format!("typed-storage-{mode}.json"));
        let _ = std::fs::remove_file(&storage);
        let storage = storage.to_str().unwrap();
        let first = run_host(
            &plugin(mode),
            base,
            &["--storage", storage, "--call", r#"confirm_and_save=["kept"]"#],
        );
        assert_eq!(result_of(&first, "confirm_and_save", 0), &json!(true), "{mode}");
        let second = run_host(
            &plugin(mode),
            base,
            &["--storage", storage, "--call", "saved_note", "--call", "load_note"],
        );
        assert_eq!(result_of(&second, "saved_note", 0), "kept", "{mode}");
        assert_eq!(result_of(&second, "load_note", 0), "kept", "{mode}");
    }
}
