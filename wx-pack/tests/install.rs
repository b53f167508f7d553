//! wx-pack outside this checkout: `cargo install`ed into a temp root, it builds and runs a
//! plugin crate in another temp dir with none of wx-pack's overrides set, taking its
//! scripts from inside the binary and installing its npm tools into its cache with
//! `npm ci` (once); a failing npm says so, and `WX_PACK_NODE_MODULES` skips the install.
//!
//! The install reuses this test's own target dir (a `--debug` install: the dependencies
//! this test binary was built with), and the plugin builds in the fixtures' target dir
//! that `tests/pack.rs` uses, so neither is a cold build. npm reads the tarballs from the
//! user's npm cache (`npm config get cache`), so the registry is asked only for what is
//! not there.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The target dir this test was built in (`CARGO_TARGET_TMPDIR` is its `tmp/`).
fn own_target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().to_path_buf()
}

fn fixtures_target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-fixtures")
}

/// The fixture plugin crate, copied into `dir` (outside the checkout).
fn copy_fixture(dir: &Path) -> PathBuf {
    let src = fixture("wxpack-fixture");
    let krate = dir.join("my-plugin");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    for file in ["Cargo.toml", "Cargo.lock", "src/lib.rs"] {
        std::fs::copy(src.join(file), krate.join(file)).unwrap();
    }
    krate
}

/// A wx-pack command run in `cwd` with wx-pack's overrides unset, its cache in `cache`.
fn wx_pack(program: &Path, cwd: &Path, cache: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(cwd)
        .env("WX_PACK_CACHE", cache)
        .env("CARGO_TARGET_DIR", fixtures_target_dir());
    for var in [
        "WX_PACK_ROOT",
        "WX_PACK_NODE_MODULES",
        "WX_PACK_NODE",
        "WX_PACK_NPM",
        "WX_HOST",
        "NODE_PATH",
    ] {
        command.env_remove(var);
    }
    command
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn node_path() -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap())
        .map(|d| d.join("node"))
        .find(|p| p.is_file())
        .expect("node on PATH")
}

fn npm_cache() -> String {
    let out = Command::new("npm").args(["config", "get", "cache"]).output().unwrap();
    assert!(out.status.success(), "npm config get cache failed");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[cfg(unix)]
#[test]
fn an_installed_wx_pack_builds_and_runs_a_plugin_outside_the_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let tmp = tmp.path();
    let checkout = workspace_root().canonicalize().unwrap();
    assert!(
        !tmp.canonicalize().unwrap().starts_with(&checkout),
        "the temp dir must be outside the checkout"
    );

    let started = std::time::Instant::now();
    let root = tmp.join("install");
    let out = Command::new(env!("CARGO"))
        .args(["install", "--quiet", "--debug", "--locked", "--offline", "--path"])
        .arg(env!("CARGO_MANIFEST_DIR"))
        .arg("--root")
        .arg(&root)
        .env("CARGO_TARGET_DIR", own_target_dir())
        .output()
        .unwrap();
    assert!(out.status.success(), "cargo install failed:\n{}", text(&out).1);
    let installed = root.join("bin/wx-pack");
    assert!(installed.is_file());
    eprintln!("cargo install: {:.1} s", started.elapsed().as_secs_f32());

    // Every script node runs is logged: none may come from the checkout.
    let log = tmp.join("node-calls.log");
    let node = tmp.join("node");
    std::fs::write(
        &node,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            node_path().display()
        ),
    )
    .unwrap();
    let mut permissions = std::fs::metadata(&node).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&node, permissions).unwrap();

    let work = tmp.join("work");
    let krate = copy_fixture(&work);
    let cache = tmp.join("cache");
    let plugin = tmp.join("plugin");
    let run = |args: &[&str]| {
        let out = wx_pack(&installed, &work, &cache)
            .args(args)
            .env("WX_PACK_NODE", &node)
            .env("npm_config_cache", npm_cache())
            .env("npm_config_prefer_offline", "true")
            .output()
            .unwrap();
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(0), "wx-pack {args:?}:\n{stdout}\n{stderr}");
        (stdout, stderr)
    };
    let krate_arg = krate.to_str().unwrap();
    let plugin_arg = plugin.to_str().unwrap();
    let (stdout, stderr) = run(&[
        "run",
        krate_arg,
        "--mode",
        "wasm",
        "--out",
        plugin_arg,
        "--",
        "--json",
        "--call",
        "add=[2,40]",
        "--call",
        r#"measure=["中🦀"]"#,
    ]);
    let version_dir = cache.join(env!("CARGO_PKG_VERSION"));
    let progress = format!(
        "wx-pack: installing its npm tools (acorn 8.19.0, binaryen 132.0.0, ws 8.23.0) into {} with `npm ci` (once \
         per wx-pack version)\n",
        version_dir.display()
    );
    assert_eq!(stderr.matches("installing its npm tools").count(), 1, "{stderr}");
    assert!(stderr.contains(&progress), "{stderr}");

    // What it ran: the scripts written from inside the binary and the npm tools of its cache.
    for (file, source) in [("js/adapt.mjs", "js/adapt.mjs"), ("js/utf8.cjs", "js/utf8.cjs")] {
        assert_eq!(
            std::fs::read_to_string(version_dir.join(file)).unwrap(),
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(source)).unwrap()
        );
    }
    for (package, version) in [("binaryen", "132.0.0"), ("acorn", "8.19.0"), ("ws", "8.23.0")] {
        let manifest: Value = serde_json::from_str(
            &std::fs::read_to_string(version_dir.join("node_modules").join(package).join("package.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(manifest["version"], version, "{package}");
    }
    let calls = std::fs::read_to_string(&log).unwrap();
    let scripts: Vec<&str> = calls.lines().filter(|l| l.starts_with('/')).collect();
    let cache_dir = version_dir.canonicalize().unwrap();
    let in_cache = |name: &str| {
        scripts
            .iter()
            .filter(|s| Path::new(s).canonicalize().unwrap().starts_with(&cache_dir) && s.ends_with(name))
            .count()
    };
    assert!(in_cache("js/adapt.mjs") >= 2, "{calls}");
    assert!(in_cache("binaryen/bin/wasm-opt") >= 1, "{calls}");
    for script in &scripts {
        let script = Path::new(script).canonicalize().unwrap();
        let host = checkout.join("wx-host");
        assert!(
            !script.starts_with(&checkout) || script.starts_with(&host),
            "ran {} from the checkout:\n{calls}",
            script.display()
        );
    }

    // The plugin ran (in the wx-host of the checkout it was built in: no WX_HOST, no
    // `wx-host` on PATH).
    let report: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let results: Vec<&Value> = report["calls"].as_array().unwrap().iter().collect();
    assert_eq!(results.len(), 2, "{report}");
    assert!(results.iter().all(|c| c["ok"] == true), "{report}");
    assert_eq!(results[0]["result"], 42);
    assert_eq!(results[1]["result"], "7/2");
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(plugin.join("wx-pack.json")).unwrap()).unwrap();
    assert_eq!(manifest["mode"], "wasm");
    assert_eq!(manifest["crate"], "wxpack-fixture");
    assert!(plugin.join("wxpack_fixture_bg.wasm.br").is_file());

    // A second build reuses the cache: no install.
    let (_, stderr) = run(&["build", krate_arg, "--mode", "wasm", "--out", plugin_arg]);
    assert!(!stderr.contains("installing"), "{stderr}");
}

#[test]
fn a_failing_npm_names_npm_and_the_registry() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let krate = copy_fixture(tmp.path());
    // A registry that refuses connections, and an empty npm cache: npm must ask it.
    let out = wx_pack(Path::new(env!("CARGO_BIN_EXE_wx-pack")), tmp.path(), &cache)
        .args(["build", krate.to_str().unwrap()])
        .env("npm_config_registry", "http://127.0.0.1:9/")
        .env("npm_config_cache", tmp.path().join("npm-cache"))
        .env("npm_config_fetch_retries", "0")
        .env_remove("npm_config_offline")
        .env_remove("npm_config_prefer_offline")
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let dir = cache.join(env!("CARGO_PKG_VERSION"));
    assert!(stderr.contains("wx-pack: installing its npm tools"), "{stderr}");
    for expected in [
        format!("error: `npm ci` failed in {} (exit status: 1)", dir.display()),
        "npm could not install acorn 8.19.0, binaryen 132.0.0, ws 8.23.0 from the npm registry http://127.0.0.1:9/"
            .to_owned(),
        "ECONNREFUSED".to_owned(),
        "or point WX_PACK_NODE_MODULES at an existing node_modules folder".to_owned(),
    ] {
        assert!(stderr.contains(&expected), "expected {expected:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("    at "), "no npm stack trace:\n{stderr}");
    assert!(
        !stderr.contains("cargo build"),
        "it must stop before building:\n{stderr}"
    );
    assert!(!dir.join("node_modules/.wx-pack-installed-lock.json").exists());

    // No npm at all.
    let out = wx_pack(Path::new(env!("CARGO_BIN_EXE_wx-pack")), tmp.path(), &cache)
        .args(["build", krate.to_str().unwrap()])
        .env("WX_PACK_NPM", "/nonexistent/npm")
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "error: wx-pack installs its npm tools with npm, which did not start (`/nonexistent/npm`: No such file"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("install npm (it comes with Node.js 20 or later"),
        "{stderr}"
    );
}

#[test]
fn node_modules_override_skips_the_install() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let krate = copy_fixture(tmp.path());
    let out_dir = tmp.path().join("plugin");
    let out = wx_pack(Path::new(env!("CARGO_BIN_EXE_wx-pack")), tmp.path(), &cache)
        .args(["build", krate.to_str().unwrap(), "-q", "--mode", "wasm", "--out"])
        .arg(&out_dir)
        .env("WX_PACK_NODE_MODULES", workspace_root().join("node_modules"))
        .env("WX_PACK_NPM", "/nonexistent/npm") // it would fail if called
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("installing"), "{stderr}");
    let dir = cache.join(env!("CARGO_PKG_VERSION"));
    assert!(dir.join("js/adapt.mjs").is_file());
    assert!(!dir.join("node_modules").exists());
    assert!(out_dir.join("wxpack_fixture_bg.wasm.br").is_file());
}
