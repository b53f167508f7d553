//! Both sides of every version gate. For the default baseline and each
//! cargo feature of `wx-bindings`, a probe crate checks that an API of that
//! version compiles and that an API of the next version is the error naming
//! the next version and its feature. One `cargo check` per gate, sharing a
//! target directory (a few seconds each).

use std::path::{Path, PathBuf};
use std::process::Command;

use wx_allowlist::{Allowlist, Version, baseline, feature_for};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// The Rust name of one API that needs exactly `version`.
fn api_at(version: &Version) -> &'static str {
    let list = Allowlist::get();
    list.iter()
        .find(|api| &api.since == version)
        .map(|api| api.rust_name.as_str())
        .unwrap()
}

/// Writes the probe crate for `feature` naming `open` and `closed`, checks
/// it, and returns (success, stderr).
fn check_probe(dir: &Path, feature: Option<&str>, open: &str, closed: Option<&str>) -> (bool, String) {
    let features = feature.map(|f| format!(", features = [\"{f}\"]")).unwrap_or_default();
    let manifest = format!(
        "[package]\nname = \"gate-probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nwx-bindings = {{ path = {:?}{features} }}\n\n[workspace]\n",
        workspace().join("wx-bindings")
    );
    let mut main = format!("fn main() {{\n    let _ = wx_bindings::raw::{open};\n");
    if let Some(closed) = closed {
        main.push_str(&format!("    let _ = wx_bindings::raw::{closed};\n"));
    }
    main.push_str("}\n");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace().join("target/gate-probe-target"))
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_gate_opens_at_its_version_and_not_before() {
    let dir: PathBuf = workspace().join("target/gate-probe");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Pin the probe's dependencies to the workspace's versions.
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let mut levels: Vec<Version> = vec![baseline()];
    levels.extend(Allowlist::get().gated_versions());
    let mut failures = Vec::new();
    for (index, version) in levels.iter().enumerate() {
        let feature = feature_for(version);
        let next = levels.get(index + 1);
        let open = api_at(version);
        let closed = next.map(api_at);
        let (success, stderr) = check_probe(&dir, feature.as_deref(), open, closed);
        let label = feature.clone().unwrap_or_else(|| "the default baseline".into());
        match next {
            None if !success => failures.push(format!("{label}: `{open}` does not compile:\n{stderr}")),
            None => {}
            Some(next) => {
                let expected = format!(
                    "`wx.{}` needs WeChat base library {next} or later",
                    Allowlist::get().lookup_rust(closed.unwrap()).unwrap().name
                );
                let next_feature = feature_for(next).unwrap();
                if success {
                    failures.push(format!("{label}: `{}` (needs {next}) compiled", closed.unwrap()));
                } else if !stderr.contains(&expected) || !stderr.contains(&format!("`{next_feature}`")) {
                    failures.push(format!(
                        "{label}: expected \"{expected}\" naming `{next_feature}`:\n{stderr}"
                    ));
                } else if stderr.matches("error[E").count() != 1 {
                    failures.push(format!("{label}: `{open}` should compile; errors:\n{stderr}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} gates wrong:\n{}",
        failures.len(),
        levels.len(),
        failures.join("\n")
    );
}
