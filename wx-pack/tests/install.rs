//! wx-pack outside this checkout: `cargo install`ed into a temp root, it creates a project
//! with `wx-pack new`, builds and runs it in temp dirs with none of wx-pack's overrides set
//! (in a wx-host that npm installed from its package), taking its scripts from inside the
//! binary and installing its npm tools into its cache with `npm ci` (once); a failing npm
//! says so, and `WX_PACK_NODE_MODULES` skips the install.
//!
//! The install reuses this test's own target dir (a `--debug` install: the dependencies
//! this test binary was built with), and the plugins build in target dirs other tests use
//! too, so none is a cold build. npm reads the tarballs from the user's npm cache
//! (`npm config get cache`), so the registry is asked only for what is not there.

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

/// An executable shell script.
#[cfg(unix)]
fn script(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(path, permissions).unwrap();
}

fn ok(command: &mut Command, what: &str) -> (String, String) {
    let out = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{what}:\n{stdout}\n{stderr}");
    (stdout, stderr)
}

/// The whole path of a plugin author, in temp dirs outside the checkout: `cargo install`
/// wx-pack, `npm pack` + `npm install -g` wx-host, `wx-pack new`, `wx-pack build` (the npm
/// tools installed into the cache, none taken from the checkout), `wx-pack run` (in the
/// npm-installed wx-host, found on PATH).
#[cfg(unix)]
#[test]
fn an_installed_wx_pack_makes_builds_and_runs_a_project_outside_the_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let tmp = tmp.path();
    let checkout = workspace_root().canonicalize().unwrap();
    assert!(
        !tmp.canonicalize().unwrap().starts_with(&checkout),
        "the temp dir must be outside the checkout"
    );

    let started = std::time::Instant::now();
    let root = tmp.join("install");
    ok(
        Command::new(env!("CARGO"))
            .args(["install", "--quiet", "--debug", "--locked", "--offline", "--path"])
            .arg(env!("CARGO_MANIFEST_DIR"))
            .arg("--root")
            .arg(&root)
            .env("CARGO_TARGET_DIR", own_target_dir()),
        "cargo install",
    );
    let installed = root.join("bin/wx-pack");
    assert!(installed.is_file());
    eprintln!("cargo install: {:.1} s", started.elapsed().as_secs_f32());

    // wx-host as npm installs it from its package: on PATH as `wx-host`.
    let npm_cache = npm_cache();
    let npm = |args: &[&str], cwd: &Path| {
        let mut command = Command::new("npm");
        command
            .args(args)
            .current_dir(cwd)
            .env("npm_config_cache", &npm_cache)
            .env("npm_config_prefer_offline", "true");
        ok(&mut command, &format!("npm {args:?}"))
    };
    let packs = tmp.join("packs");
    std::fs::create_dir(&packs).unwrap();
    let (tarball, _) = npm(
        &["pack", "--silent", "--pack-destination", packs.to_str().unwrap()],
        &workspace_root().join("wx-host"),
    );
    let tarball = packs.join(tarball.trim());
    let global = tmp.join("npm-global");
    npm(
        &[
            "install",
            "--global",
            "--no-audit",
            "--no-fund",
            "--prefix",
            global.to_str().unwrap(),
            tarball.to_str().unwrap(),
        ],
        tmp,
    );
    assert!(global.join("bin/wx-host").exists());
    let path = std::env::join_paths(
        std::iter::once(global.join("bin")).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();

    // Every script node runs is logged: none may come from the checkout.
    let log = tmp.join("node-calls.log");
    let node = tmp.join("node");
    script(
        &node,
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            node_path().display()
        ),
    );

    let cache = tmp.join("cache");
    let wx_pack = |cwd: &Path, args: &[&str]| {
        let mut command = self::wx_pack(&installed, cwd, &cache);
        command
            .args(args)
            .env("PATH", &path)
            .env("WX_PACK_NODE", &node)
            .env("npm_config_cache", &npm_cache)
            .env("npm_config_prefer_offline", "true")
            // The project's crate builds where tests/new.rs builds its twin (same depth
            // below a temp dir, so the same relative path to wx-bindings): warm.
            .env(
                "CARGO_TARGET_DIR",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-new"),
            )
            .env("CARGO_NET_OFFLINE", "true");
        ok(&mut command, &format!("wx-pack {args:?}"))
    };
    let (stdout, _) = wx_pack(
        tmp,
        &["new", "my-plugin", "--path-to-bindings", checkout.to_str().unwrap()],
    );
    assert!(
        stdout.starts_with("created the WeChat DevTools plugin project"),
        "{stdout}"
    );
    let project = tmp.join("my-plugin");

    let (_, stderr) = wx_pack(&project, &["build"]);
    let version_dir = cache.join(env!("CARGO_PKG_VERSION"));
    let progress = format!(
        "wx-pack: installing its npm tools (@swc/core 1.16.22, acorn 8.19.0, binaryen 132.0.0, typescript 5.9.3, ws 8.23.0) into {} with `npm \
         ci` (once per wx-pack version)\n",
        version_dir.display()
    );
    assert_eq!(stderr.matches("installing its npm tools").count(), 1, "{stderr}");
    assert!(stderr.contains(&progress), "{stderr}");
    let built = project.join("plugin/rust");
    assert!(built.join("my_plugin_bg.wasm.br").is_file());

    // What it ran: the scripts written from inside the binary and the npm tools of its cache.
    // wxuses.mjs imports its modules from js/wxuses/: each of them is there too.
    let wxuses = wx_pack::tools::wxuses_scripts().map(|(name, _)| name);
    for name in ["adapt.mjs", "utf8.cjs"].into_iter().chain(wxuses) {
        let file = Path::new("js").join(name);
        assert_eq!(
            std::fs::read_to_string(version_dir.join(&file)).unwrap(),
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&file)).unwrap(),
            "{name}"
        );
    }
    for (package, version) in [
        ("binaryen", "132.0.0"),
        ("acorn", "8.19.0"),
        ("@swc/core", "1.16.22"),
        ("typescript", "5.9.3"),
        ("ws", "8.23.0"),
    ] {
        let manifest: Value = serde_json::from_str(
            &std::fs::read_to_string(version_dir.join("node_modules").join(package).join("package.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(manifest["version"], version, "{package}");
    }

    // The demo page's calls, in the npm-installed wx-host.
    let (stdout, stderr) = wx_pack(
        &project,
        &[
            "run",
            "-q",
            "--",
            "--json",
            "--call",
            r#"hello=["WeChat"]"#,
            "--call",
            "add=[2,40]",
        ],
    );
    assert!(!stderr.contains("installing"), "the cache is reused:\n{stderr}");
    let report: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let calls = report["calls"].as_array().unwrap();
    assert_eq!(calls.len(), 2, "{report}");
    assert!(calls.iter().all(|c| c["ok"] == true), "{report}");
    assert!(
        calls[0]["result"]
            .as_str()
            .unwrap()
            .starts_with("Hello, WeChat! From Rust on "),
        "{report}"
    );
    assert_eq!(calls[1]["result"], 42);

    // The installed binary keeps the wasm-bindgen check: a plugin on another version is
    // told what to change, before anything is compiled.
    let old = tmp.join("old-bindgen");
    std::fs::create_dir_all(old.join("src")).unwrap();
    for file in ["Cargo.toml", "Cargo.lock", "src/lib.rs"] {
        std::fs::copy(fixture("old-bindgen").join(file), old.join(file)).unwrap();
    }
    // Online: the old wasm-bindgen's index entries (its wasm-bindgen-backend, which
    // today's wasm-bindgen no longer has) are in no cache on a fresh machine, and
    // `cargo metadata` needs them to read the lock file; CI failed here offline.
    let out = self::wx_pack(&installed, tmp, &cache)
        .args(["build", old.to_str().unwrap()])
        .env("PATH", &path)
        .env_remove("CARGO_NET_OFFLINE")
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "error: wasm-bindgen version mismatch: `wxpack-old-bindgen` resolves wasm-bindgen 0.2.100, but wx-pack \
             generates glue with wasm-bindgen 0.2.130"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("cargo build"), "{stderr}");

    // The installed binary's `check`, with the typescript of its cache.
    let plugin = tmp.join("check-plugin");
    std::fs::create_dir_all(&plugin).unwrap();
    std::fs::copy(fixture("check-config/plugin/index.js"), plugin.join("index.js")).unwrap();
    let out = self::wx_pack(&installed, tmp, &cache)
        .args(["check", plugin.to_str().unwrap(), "--base", "2.18.1"])
        .env("PATH", &path)
        .env("WX_PACK_NODE", &node)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stdout,
        "index.js:5:15: needs-base: wx.getFileSystemManager needs base library 2.19.2 in plugins, above the minimum \
         base 2.18.1\n"
    );
    assert!(!stderr.contains("installing"), "the cache is reused:\n{stderr}");

    let logged = std::fs::read_to_string(&log).unwrap();
    let scripts: Vec<PathBuf> = logged
        .lines()
        .filter(|l| l.starts_with('/'))
        .map(|l| Path::new(l).canonicalize().unwrap())
        .collect();
    let cache_dir = version_dir.canonicalize().unwrap();
    let count = |under: &Path, name: &str| {
        scripts
            .iter()
            .filter(|s| s.starts_with(under) && s.ends_with(name))
            .count()
    };
    assert!(count(&cache_dir, "js/adapt.mjs") >= 2, "{logged}");
    assert!(count(&cache_dir, "binaryen/bin/wasm-opt") >= 1, "{logged}");
    // The builds read the glue's uses of wx with it too, as `check` does.
    assert!(count(&cache_dir, "js/wxuses.mjs") >= 2, "{logged}");
    let npm_host = global.canonicalize().unwrap();
    assert_eq!(count(&npm_host, "wx-host/bin/wx-host.js"), 1, "{logged}");
    for script in &scripts {
        assert!(
            !script.starts_with(&checkout),
            "ran {} from the checkout:\n{logged}",
            script.display()
        );
    }
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
        "npm could not install @swc/core 1.16.22, acorn 8.19.0, binaryen 132.0.0, typescript 5.9.3, ws 8.23.0 from the npm registry \
         http://127.0.0.1:9/"
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
