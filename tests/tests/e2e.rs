//! End to end: the example plugins are packaged by `wx-pack` in both output
//! modes and run in the simulated WeChat host (`wx-host`), which exposes
//! only the allowlisted `wx` at the chosen base library.
//!
//! Each (example, mode) pair is built once and shared by the tests below.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

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
        let path = e2e_dir().join("allowlist.json");
        std::fs::write(&path, wx_allowlist::json_listing()).unwrap();
        path
    })
}

/// Packages `example` in `mode` (once per process) and returns the folder.
fn plugin(example: &str, mode: &str) -> PathBuf {
    static BUILT: OnceLock<std::sync::Mutex<Vec<(String, PathBuf)>>> = OnceLock::new();
    let built = BUILT.get_or_init(Default::default);
    let mut built = built.lock().unwrap_or_else(|e| e.into_inner());
    let key = format!("{example}-{mode}");
    if let Some((_, dir)) = built.iter().find(|(k, _)| *k == key) {
        return dir.clone();
    }
    let out = e2e_dir().join(&key);
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args(["run", "-q", "-p", "wx-pack", "--", "build"])
        .arg(workspace().join("examples").join(example))
        .args(["--mode", mode, "--out"])
        .arg(&out)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "wx-pack build {example} --mode {mode} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    built.push((key, out.clone()));
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

/// The result of the call of `export` in a host report, asserting it succeeded.
fn result_of<'a>(report: &'a Value, export: &str) -> &'a Value {
    let call = report["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["export"] == export)
        .unwrap_or_else(|| panic!("no call of {export} in {report:#}"));
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

#[test]
fn hello_runs_in_both_modes() {
    for (mode, base) in MODES {
        let dir = plugin("hello", mode);
        let report = run_host(
            &dir,
            base,
            &[
                "--call",
                "hello",
                "--call",
                "recorder_status",
                "--call",
                "compass_listener_registered",
            ],
        );
        let greeting = result_of(&report, "hello").as_str().unwrap().to_string();
        assert!(greeting.starts_with("Hello from Rust on "), "{mode}: {greeting}");
        assert!(
            greeting.ends_with(&format!("base library {base}")),
            "{mode}: {greeting}"
        );
        // The run-time check: the recorder needs 1.9.94. Where the base has it,
        // the call goes through (and the host answers that it does not simulate it).
        let recorder = result_of(&report, "recorder_status").as_str().unwrap();
        if base == "1.9.6" {
            assert_eq!(
                recorder,
                "not on this base: wx.getRecorderManager needs base library 1.9.94 in plugins; this one is 1.9.6"
            );
        } else {
            assert!(
                recorder.contains("getRecorderManager:fail not simulated yet"),
                "{mode}: {recorder}"
            );
        }
        assert_eq!(
            result_of(&report, "compass_listener_registered"),
            &Value::Bool(true),
            "{mode}"
        );

        let toasts = traced(&report, "showToast");
        assert_eq!(toasts.len(), 1, "{mode}: {report:#}");
        assert_eq!(toasts[0]["args"][0]["title"], "Hello from Rust", "{mode}");
        assert_eq!(toasts[0]["args"][0]["icon"], "none", "{mode}");
        assert_eq!(toasts[0]["outcome"], "success", "{mode}");
        assert!(!traced(&report, "getSystemInfoSync").is_empty(), "{mode}");
        assert_eq!(traced(&report, "onCompassChange")[0]["outcome"], "registered", "{mode}");
        // The recorder is only called where the running base has it.
        assert_eq!(
            traced(&report, "getRecorderManager").len(),
            usize::from(base != "1.9.6"),
            "{mode}"
        );
    }
}

#[test]
fn an_api_missing_at_run_time_is_an_err_not_a_trap() {
    for (mode, base) in MODES {
        let dir = plugin("hello", mode);
        let report = run_host(
            &dir,
            base,
            &[
                "--missing",
                "onCompassChange",
                "--call",
                "compass_listener_registered",
                "--call",
                "hello",
            ],
        );
        assert_eq!(
            result_of(&report, "compass_listener_registered"),
            &Value::Bool(false),
            "{mode}"
        );
        // The plugin keeps working after the failed call.
        assert!(
            result_of(&report, "hello").as_str().unwrap().starts_with("Hello"),
            "{mode}"
        );
        assert!(
            traced(&report, "onCompassChange").is_empty(),
            "{mode}: wx.onCompassChange is absent"
        );
    }
}

#[test]
fn storage_persists_across_runs_in_both_modes() {
    for (mode, base) in MODES {
        let dir = plugin("storage", mode);
        let storage = e2e_dir().join(format!("storage-{mode}.json"));
        let _ = std::fs::remove_file(&storage);
        let storage_arg = storage.to_str().unwrap();

        let first = run_host(
            &dir,
            base,
            &[
                "--storage",
                storage_arg,
                "--call",
                "visit",
                "--call",
                r#"add_note=["buy milk"]"#,
            ],
        );
        assert_eq!(result_of(&first, "visit"), 1, "{mode}");
        assert_eq!(result_of(&first, "add_note"), 1, "{mode}");
        let writes = traced(&first, "setStorageSync");
        assert_eq!(writes[0]["args"][0], "visits", "{mode}");
        assert_eq!(writes[0]["args"][1], 1, "{mode}");
        assert_eq!(writes[1]["args"][0], "notes", "{mode}");
        assert_eq!(writes[1]["args"][1], serde_json::json!(["buy milk"]), "{mode}");

        let second = run_host(
            &dir,
            base,
            &[
                "--storage",
                storage_arg,
                "--call",
                "visit",
                "--call",
                r#"add_note=["call mum"]"#,
                "--call",
                "notes",
            ],
        );
        assert_eq!(result_of(&second, "visit"), 2, "{mode}: the count survived the restart");
        assert_eq!(result_of(&second, "add_note"), 2, "{mode}");
        assert_eq!(result_of(&second, "notes"), r#"["buy milk","call mum"]"#, "{mode}");
    }
}

#[test]
fn a_plugin_error_is_reported_not_a_crash() {
    let (mode, base) = MODES[1];
    let dir = plugin("storage", mode);
    let report = run_host(&dir, base, &["--call", r#"add_note=["   "]"#, "--call", "visit"]);
    let call = &report["calls"][0];
    assert_eq!(call["ok"], false, "{call:#}");
    assert!(call["error"].to_string().contains("a note needs some text"), "{call:#}");
    assert_eq!(result_of(&report, "visit"), 1);
}

#[test]
fn the_package_records_its_minimum_base_library() {
    for (mode, expected) in [("wasm", "2.18.1"), ("wasm2js", "1.9.6")] {
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(plugin("hello", mode).join("wx-pack.json")).unwrap())
                .unwrap();
        // hello calls getRecorderManager (1.9.94) only through its run-time-checked
        // companion, which does not raise the minimum; the wasm loader needs 2.18.1.
        assert_eq!(manifest["minBaseVersion"], expected, "{mode}: {manifest:#}");
        let apis: Vec<&str> = manifest["apis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert!(
            apis.contains(&"showToast") && apis.contains(&"getSystemInfoSync"),
            "{mode}: {apis:?}"
        );
    }
}
