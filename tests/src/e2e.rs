//! Helpers of the end-to-end tests: package an example with `wx-pack` and
//! run it in the simulated host (`wx-host`), reading its JSON report.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

/// The output modes and the base library each is run at: `WXWebAssembly`
/// exists in plugins from 2.18.1; the wasm2js output runs on 1.9.6.
pub const MODES: [(&str, &str); 2] = [("wasm", "2.18.1"), ("wasm2js", "1.9.6")];

/// The workspace root.
pub fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace")
}

/// Where the end-to-end tests write their packages and files.
pub fn e2e_dir() -> PathBuf {
    workspace().join("target/e2e")
}

/// The allowlist JSON the host enforces, written once per process.
fn allowlist_file() -> &'static Path {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        std::fs::create_dir_all(e2e_dir()).unwrap();
        let path = e2e_dir().join("allowlist.json");
        std::fs::write(&path, wx_allowlist::json_listing()).unwrap();
        path
    })
}

/// Packages `examples/<example>` in `mode` (once per process; tests running
/// in parallel wait for each other) and returns the plugin folder.
pub fn plugin(example: &str, mode: &str) -> PathBuf {
    plugin_at(&workspace().join("examples").join(example), mode)
}

/// Packages the plugin crate at `crate_dir` (an example, or a test-only
/// plugin under `tests/plugins/`) in `mode`, once per process, into
/// `target/e2e/<crate folder name>-<mode>`, and returns the plugin folder.
pub fn plugin_at(crate_dir: &Path, mode: &str) -> PathBuf {
    static BUILT: Mutex<Vec<(String, PathBuf)>> = Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    let example = crate_dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a plugin crate folder has a name");
    let key = format!("{example}-{mode}");
    if let Some((_, dir)) = built.iter().find(|(k, _)| *k == key) {
        return dir.clone();
    }
    let out = e2e_dir().join(&key);
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args(["run", "-q", "-p", "wx-pack", "--", "build"])
        .arg(crate_dir)
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

/// Runs the plugin folder in the simulated host at base library `base` and
/// returns its JSON report, asserting that everything went well: exit
/// status 0 (every call succeeded) and no error outside a call (a throw in
/// a plugin callback, an unhandled rejection). Use [`run_host_failing`]
/// where a call is meant to fail.
pub fn run_host(dir: &Path, base: &str, extra: &[&str]) -> Value {
    let (status, report) = host_report(dir, base, extra);
    assert_eq!(status, Some(0), "wx-host exited with {status:?}: {report:#}");
    assert_eq!(
        report["errors"],
        Value::Array(Vec::new()),
        "errors outside calls: {report:#}"
    );
    report
}

/// Like [`run_host`], for a run in which some call is meant to fail: asserts
/// exit status 1 (WeChat-side failures are the host's status 1) and still no
/// error outside a call.
pub fn run_host_failing(dir: &Path, base: &str, extra: &[&str]) -> Value {
    let (status, report) = host_report(dir, base, extra);
    assert_eq!(
        status,
        Some(1),
        "wx-host exited with {status:?}, expected 1: {report:#}"
    );
    assert_eq!(
        report["errors"],
        Value::Array(Vec::new()),
        "errors outside calls: {report:#}"
    );
    report
}

/// Runs the host and returns its exit status and JSON report.
pub fn host_report(dir: &Path, base: &str, extra: &[&str]) -> (Option<i32>, Value) {
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
    let report = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "wx-host printed no JSON report ({e}):\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code(), report)
}

/// The `n`th call of `export` in a host report.
pub fn call_of<'a>(report: &'a Value, export: &str, n: usize) -> &'a Value {
    report["calls"]
        .as_array()
        .expect("a report lists its calls")
        .iter()
        .filter(|c| c["export"] == export)
        .nth(n)
        .unwrap_or_else(|| panic!("no call #{n} of {export} in {report:#}"))
}

/// The result of the `n`th call of `export`, asserting it succeeded.
pub fn result_of<'a>(report: &'a Value, export: &str, n: usize) -> &'a Value {
    let call = call_of(report, export, n);
    assert_eq!(call["ok"], true, "{export} failed: {call:#}");
    &call["result"]
}

/// The trace records of one `wx` API, in order.
pub fn traced<'a>(report: &'a Value, api: &str) -> Vec<&'a Value> {
    report["trace"]
        .as_array()
        .expect("a report has a trace")
        .iter()
        .filter(|t| t["api"] == api)
        .collect()
}
