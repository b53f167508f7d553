//! `wx-pack doctor`: on this machine (which `scripts/setup.sh` prepared) it finds
//! everything; without `node` on `PATH`, with an empty `node_modules`, or with a `WX_HOST`
//! that is not there, it names exactly what is missing with the command that fixes it, and
//! exits with 1; outside the checkout it points at its cache, which `--fix` fills.
//!
//! Expected versions come from outside the code under test: `node --version`,
//! `npm --version`, and the workspace's `package.json` files.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// `wx-pack doctor` in the workspace, with none of wx-pack's overrides set.
fn doctor() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wx-pack"));
    command.arg("doctor").current_dir(workspace_root());
    for var in [
        "WX_PACK_ROOT",
        "WX_PACK_NODE",
        "WX_PACK_NPM",
        "WX_PACK_NODE_MODULES",
        "WX_PACK_CACHE",
        "WX_HOST",
        "RUSTC",
    ] {
        command.env_remove(var);
    }
    command
}

fn output(command: &mut Command) -> (Option<i32>, String) {
    let out = command.output().expect("wx-pack starts");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

fn version_of(program: &str) -> String {
    let out = Command::new(program).arg("--version").output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn pinned(manifest: &str, section: &str, package: &str) -> String {
    let text = std::fs::read_to_string(workspace_root().join(manifest)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value[section][package]
        .as_str()
        .unwrap_or_else(|| panic!("{manifest} pins no {package}"))
        .to_owned()
}

/// The report's line for `name`: its status word and the rest.
fn line<'a>(report: &'a str, name: &str) -> (&'a str, &'a str) {
    report
        .lines()
        .find_map(|l| {
            let mut words = l.split_whitespace();
            let status = words.next()?;
            let rest = l[status.len()..].trim_start();
            let rest = rest.strip_prefix(name)?;
            (rest.starts_with("  ") && (status == "ok" || status == "MISSING")).then_some((status, rest.trim()))
        })
        .unwrap_or_else(|| panic!("no line for {name}:\n{report}"))
}

/// The `fix:` line right after `name`'s line.
fn fix<'a>(report: &'a str, name: &str) -> &'a str {
    let lines: Vec<&str> = report.lines().collect();
    let (status, detail) = line(report, name);
    let at = lines
        .iter()
        .position(|l| l.starts_with(status) && l.contains(detail))
        .unwrap();
    lines[at + 1]
        .trim()
        .strip_prefix("fix: ")
        .unwrap_or_else(|| panic!("no fix after {name}:\n{report}"))
}

const NAMES: [&str; 10] = [
    "node",
    "npm",
    "@swc/core",
    "acorn",
    "binaryen",
    "typescript",
    "ws",
    "wasm32-unknown-unknown target",
    "wasm-bindgen",
    "wx-host",
];

#[test]
fn doctor_finds_everything_on_this_machine() {
    let (code, report) = output(&mut doctor());
    assert_eq!(code, Some(0), "{report}");
    for name in NAMES {
        assert_eq!(line(&report, name).0, "ok", "{name}:\n{report}");
    }
    assert!(!report.contains("MISSING") && !report.contains("fix:"), "{report}");
    assert!(report.ends_with("\neverything wx-pack needs is here\n"), "{report}");
    // Inside the checkout, its node_modules (what setup.sh's `npm ci` installed).
    let root = workspace_root();
    assert!(
        report.contains(&format!(
            "npm tools and scripts: the wx checkout {} (wx-pack runs inside it)\n",
            root.display()
        )),
        "{report}"
    );
    let node = version_of("node");
    assert!(
        line(&report, "node").1.starts_with(&format!("Node.js {node} ")),
        "{report}"
    );
    assert!(line(&report, "node").1.contains("need 20 or later"), "{report}");
    assert!(
        line(&report, "npm")
            .1
            .starts_with(&format!("npm {} ", version_of("npm"))),
        "{report}"
    );
    for (package, version) in [
        ("@swc/core", pinned("package.json", "devDependencies", "@swc/core")),
        ("acorn", pinned("package.json", "devDependencies", "acorn")),
        ("binaryen", pinned("package.json", "devDependencies", "binaryen")),
        ("typescript", pinned("package.json", "devDependencies", "typescript")),
        ("ws", pinned("wx-host/package.json", "dependencies", "ws")),
    ] {
        let place = root.join("node_modules").join(package);
        assert!(
            line(&report, package)
                .1
                .starts_with(&format!("{version} at {} ", place.display())),
            "{package}:\n{report}"
        );
    }
    assert!(
        line(&report, "wx-host")
            .1
            .starts_with(&root.join("wx-host/bin/wx-host.js").display().to_string()),
        "{report}"
    );
    assert!(line(&report, "wasm-bindgen").1.contains("=0.2.130"), "{report}");
    // Each tool's purpose reads as "(for <what it is for>)": a noun phrase, not a verb.
    for purpose in report.split("(for ").skip(1) {
        let first = purpose.split_whitespace().next().unwrap_or_default();
        assert!(!first.ends_with('s'), "(for {first} ...: {report}");
    }
}

/// The folder on `PATH` that has `program`.
fn dir_on_path(program: &str) -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap())
        .find(|d| d.join(program).is_file())
        .unwrap_or_else(|| panic!("{program} is not on PATH"))
}

#[cfg(unix)]
#[test]
fn doctor_without_node_on_path_names_node_and_npm() {
    // A PATH with rustc (and rustup, which it is) but no node, hence no working npm.
    let bin = tempfile::tempdir().unwrap();
    for program in ["rustc", "rustup"] {
        std::os::unix::fs::symlink(dir_on_path(program).join(program), bin.path().join(program)).unwrap();
    }
    let (code, report) = output(doctor().env("PATH", bin.path()));
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(line(&report, "node").0, "MISSING", "{report}");
    assert!(line(&report, "node").1.starts_with("`node` was not found"), "{report}");
    assert_eq!(
        fix(&report, "node"),
        "install Node.js 20 or later (https://nodejs.org/, or `nvm install 20`), or set WX_PACK_NODE to its `node`"
    );
    assert_eq!(line(&report, "npm").0, "MISSING", "{report}");
    assert!(fix(&report, "npm").starts_with("install npm (it comes with Node.js 20 or later"));
    for name in &NAMES[2..] {
        assert_eq!(line(&report, name).0, "ok", "{name}:\n{report}");
    }
    assert!(report.ends_with("\nmissing: node, npm\n"), "{report}");
}

#[test]
fn doctor_with_an_empty_node_modules_names_each_package_and_the_install_command() {
    let tmp = tempfile::tempdir().unwrap();
    let node_modules = tmp.path().join("node_modules");
    std::fs::create_dir(&node_modules).unwrap();
    let (code, report) = output(
        doctor()
            .env("WX_PACK_NODE_MODULES", &node_modules)
            .env("WX_PACK_CACHE", tmp.path().join("cache")),
    );
    assert_eq!(code, Some(1), "{report}");
    let install = format!(
        "run `npm install --no-save --prefix {} @swc/core@{} acorn@{} binaryen@{} typescript@{} ws@{}`, or unset \
         WX_PACK_NODE_MODULES to let wx-pack install them in its cache",
        tmp.path().display(),
        pinned("package.json", "devDependencies", "@swc/core"),
        pinned("package.json", "devDependencies", "acorn"),
        pinned("package.json", "devDependencies", "binaryen"),
        pinned("package.json", "devDependencies", "typescript"),
        pinned("wx-host/package.json", "dependencies", "ws"),
    );
    for package in ["@swc/core", "acorn", "binaryen", "typescript", "ws"] {
        assert_eq!(line(&report, package).0, "MISSING", "{report}");
        assert!(
            line(&report, package)
                .1
                .contains(&format!("is not installed at {}", node_modules.join(package).display())),
            "{report}"
        );
        assert_eq!(fix(&report, package), install, "{report}");
    }
    for name in [
        "node",
        "npm",
        "wasm32-unknown-unknown target",
        "wasm-bindgen",
        "wx-host",
    ] {
        assert_eq!(line(&report, name).0, "ok", "{name}:\n{report}");
    }
    assert!(
        report.ends_with("\nmissing: @swc/core, acorn, binaryen, typescript, ws\n"),
        "{report}"
    );
    // doctor only looks: it wrote nothing.
    assert_eq!(std::fs::read_dir(&node_modules).unwrap().count(), 0);
    assert!(!tmp.path().join("cache").exists());
}

#[test]
fn doctor_names_a_wx_host_override_that_is_not_there() {
    let (code, report) = output(doctor().env("WX_HOST", "/nonexistent/wx-host"));
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(line(&report, "wx-host").0, "MISSING", "{report}");
    assert!(
        line(&report, "wx-host").1.starts_with(
            "WX_HOST is /nonexistent/wx-host, but /nonexistent/wx-host does not exist: set WX_HOST to a wx-host \
             package folder"
        ),
        "{report}"
    );
    assert!(
        fix(&report, "wx-host").starts_with("install it with `npm install -g <wx checkout>/wx-host`"),
        "{report}"
    );
    assert!(report.ends_with("\nmissing: wx-host\n"), "{report}");
}

#[test]
fn doctor_outside_the_checkout_points_at_its_cache_and_fix_installs_there() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let dir = cache.join(env!("CARGO_PKG_VERSION"));
    let npm_cache = Command::new("npm").args(["config", "get", "cache"]).output().unwrap();
    let outside = || {
        let mut command = doctor();
        command
            .current_dir(tmp.path())
            .env("WX_PACK_CACHE", &cache)
            .env("npm_config_cache", String::from_utf8_lossy(&npm_cache.stdout).trim())
            .env("npm_config_prefer_offline", "true");
        command
    };
    let (code, report) = output(&mut outside());
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains(&format!("npm tools and scripts: wx-pack's cache {}\n", dir.display())),
        "{report}"
    );
    for package in ["@swc/core", "acorn", "binaryen", "typescript", "ws"] {
        assert_eq!(line(&report, package).0, "MISSING", "{report}");
        assert_eq!(
            fix(&report, package),
            format!(
                "run `wx-pack doctor --fix` (or any `wx-pack build`), which runs `npm ci` in {}",
                dir.display()
            )
        );
    }
    assert!(
        report.ends_with("\nmissing: @swc/core, acorn, binaryen, typescript, ws\n"),
        "{report}"
    );

    let (code, report) = output(outside().arg("--fix"));
    assert_eq!(code, Some(0), "{report}");
    for package in ["@swc/core", "acorn", "binaryen", "typescript", "ws"] {
        assert_eq!(line(&report, package).0, "ok", "{report}");
        assert!(
            line(&report, package)
                .1
                .contains(&format!(" at {} ", dir.join("node_modules").join(package).display())),
            "{report}"
        );
    }
    assert!(dir.join("js/adapt.mjs").is_file());
}
