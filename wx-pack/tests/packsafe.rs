//! What `wx-pack build` may claim and what it may touch:
//!
//! - a package never claims a lower base library than the one its code was compiled for
//!   (wx-bindings' highest `base-*` feature), nor a base above the newest the data knows;
//! - `--out` writes only where wx-pack made the folder, overwrites or deletes only what its
//!   own `wx-pack.json` lists, never through a symbolic link;
//! - a setting from `[package.metadata.wx-pack]` is named as that key in errors.
//!
//! Expected values come from the fixtures (`tests/fixtures/gated` enables
//! `wx-bindings/base-2-17-1`, its feature `newer` `base-2-18-1`), the files on disk and the
//! rules of `wx-pack/README.md`. Refusals made before compiling are checked to come before
//! the build: nothing is compiled (no `cargo build` step in the log).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

mod support;
use support::{Ran, fixture, run, s, workspace_root, wx_pack};

/// A failure must be one clear `error:` message with `expected` in it, not a panic.
fn assert_refused(ran: &Ran, expected: &[&str]) {
    assert_ne!(ran.code, Some(0), "should fail:\n{}\n{}", ran.stdout, ran.stderr);
    assert!(ran.code.is_some(), "killed by a signal:\n{}", ran.stderr);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    assert!(ran.stderr.contains("error: "), "{}", ran.stderr);
    for text in expected {
        assert!(ran.stderr.contains(text), "expected {text:?} in:\n{}", ran.stderr);
    }
}

/// Refused before compiling: the verbose log never reached its `cargo build` step.
fn assert_refused_before_compiling(ran: &Ran, expected: &[&str]) {
    assert_refused(ran, expected);
    assert!(
        !ran.stderr.contains("cargo build --target"),
        "it compiled first:\n{}",
        ran.stderr
    );
}

fn manifest(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("wx-pack.json")).unwrap()).unwrap()
}

/// Every entry under `dir` (not following links) with its content: a file's bytes, a
/// link's target, or a folder marker — to show nothing there changed.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(path, format!("link → {}", target.display()).into_bytes());
            } else if meta.is_dir() {
                out.insert(path.clone(), b"folder".to_vec());
                walk(&path, out);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, &mut out);
    out
}

/// A copy of a fixture crate in a temp dir, with `extra` appended to its Cargo.toml; its
/// relative path to wx-bindings made absolute.
fn fixture_copy(name: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture(name);
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::copy(src.join("src/lib.rs"), dir.path().join("src/lib.rs")).unwrap();
    std::fs::copy(src.join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    let bindings = workspace_root().join("wx-bindings");
    let manifest = std::fs::read_to_string(src.join("Cargo.toml"))
        .unwrap()
        .replace("\"../../../../wx-bindings\"", &format!("{:?}", s(&bindings)));
    let manifest = match extra {
        "" => manifest,
        extra => format!("{manifest}\n{extra}\n"),
    };
    std::fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
    dir
}

#[test]
fn a_base_below_the_compiled_baseline_is_refused_before_compiling() {
    let gated = fixture("gated");
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("pkg");
    // ShowModalOption::editable needs 2.17.1 and exists only with `base-2-17-1`; wx.showModal
    // itself is 1.9.6, so the glue alone would allow --base 1.9.6.
    let ran = run(&mut wx_pack(&["build", s(&gated), "--base", "1.9.6", "--out", s(&out)]));
    assert_refused_before_compiling(
        &ran,
        &[
            "error: --base 1.9.6 is lower than the base library the crate is compiled for",
            "wx-bindings has the cargo feature `base-2-17-1`",
            "use --base 2.17.1 or later, or lower that feature",
            s(&gated.join("Cargo.toml")),
        ],
    );
    assert!(!out.exists());

    // A feature raising it further, passed to wx-pack: resolved as the build resolves it.
    let ran = run(&mut wx_pack(&[
        "build",
        s(&gated),
        "--features",
        "newer",
        "--base",
        "2.17.1",
        "--out",
        s(&out),
    ]));
    assert_refused_before_compiling(
        &ran,
        &[
            "error: --base 2.17.1 is lower than the base library the crate is compiled for",
            "`base-2-18-1`",
            "use --base 2.18.1 or later",
        ],
    );

    // The same base from the crate's [package.metadata.wx-pack] is named as that key.
    let krate = fixture_copy("gated", "[package.metadata.wx-pack]\nbase = \"2.10.0\"");
    let ran = run(&mut wx_pack(&["build", s(krate.path()), "--out", s(&out)]));
    let key = format!(
        "error: `[package.metadata.wx-pack] base` in {}: 2.10.0 is lower than the base library the crate is \
         compiled for",
        krate.path().canonicalize().unwrap().join("Cargo.toml").display()
    );
    assert_refused_before_compiling(&ran, &[&key, "set that `base` to \"2.17.1\" or later (or pass --base)"]);
    assert!(!ran.stderr.contains("--base 2.10.0"), "{}", ran.stderr);
}

#[test]
fn the_compiled_baseline_is_the_packages_minimum_base() {
    let gated = fixture("gated");
    let out = tempfile::tempdir().unwrap();
    // No --base: the glue binds only wx.showModal (1.9.6), wx-bindings is compiled with
    // `base-2-17-1`, so the package runs from 2.17.1: below 2.18.1, the wasm2js mode.
    let dir = out.path().join("default");
    let ran = run(&mut wx_pack(&["build", s(&gated), "-q", "--out", s(&dir)]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.starts_with(&format!(
            "wxpack-gated → {} (wasm2js mode, base library 2.17.1 and later)\n",
            dir.display()
        )),
        "{}",
        ran.stdout
    );
    let m = manifest(&dir);
    assert_eq!(
        (&m["mode"], &m["minBaseVersion"], &m["base"], &m["apis"]),
        (
            &json!("wasm2js"),
            &json!("2.17.1"),
            &json!("2.17.1"),
            &json!(["showModal"])
        )
    );
    let index = std::fs::read_to_string(dir.join("index.js")).unwrap();
    assert!(index.contains("Runs on base library 2.17.1 and later."), "{index}");

    // --features newer: `base-2-18-1`, so 2.18.1 and the wasm mode.
    let dir = out.path().join("newer");
    let ran = run(&mut wx_pack(&[
        "build",
        s(&gated),
        "-q",
        "--features",
        "newer",
        "--out",
        s(&dir),
    ]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.contains("(wasm mode, base library 2.18.1 and later)"),
        "{}",
        ran.stdout
    );
    let m = manifest(&dir);
    assert_eq!(
        (&m["mode"], &m["minBaseVersion"], &m["base"]),
        (&json!("wasm"), &json!("2.18.1"), &json!("2.18.1"))
    );
}

#[test]
fn a_base_above_the_newest_the_data_knows_is_refused() {
    // The allowlist's newest version, read from its data (the highest gated version): one
    // patch above it is unknown.
    let newest = wx_allowlist::Allowlist::get()
        .gated_versions()
        .into_iter()
        .max()
        .unwrap();
    let above = format!("{}.{}.{}", newest.major, newest.minor, newest.patch + 1);
    let fixture = fixture("wxpack-fixture");
    for base in ["9.9.9", above.as_str()] {
        let ran = run(&mut wx_pack(&["build", s(&fixture), "--base", base]));
        assert_eq!(ran.code, Some(2), "{}", ran.stderr); // a usage error, as other bad --base values
        assert_refused_before_compiling(
            &ran,
            &[&format!(
                "base library {base} is newer than any base library wx-pack knows: the newest in its data \
                 (wx-allowlist) is {newest}"
            )],
        );
    }
    let krate = fixture_copy("wxpack-fixture", "[package.metadata.wx-pack]\nbase = \"9.9.9\"");
    let ran = run(&mut wx_pack(&["build", s(krate.path())]));
    assert_refused_before_compiling(
        &ran,
        &[
            "error: `[package.metadata.wx-pack] base` in",
            "base library 9.9.9 is newer than any base library wx-pack knows",
        ],
    );
}

#[test]
fn out_onto_a_folder_of_the_users_is_refused_unless_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("index.js"), "module.exports = 'the user's own main module';\n").unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let before = snapshot(tmp.path());
    let fixture = fixture("wxpack-fixture");
    let ran = run(&mut wx_pack(&["build", s(&fixture), "--out", s(&out)]));
    assert_refused_before_compiling(
        &ran,
        &[
            &format!(
                "error: --out {} has files and no wx-pack.json, so wx-pack did not make it",
                out.display()
            ),
            "give an empty or new folder, or pass --overwrite-out",
        ],
    );
    assert_eq!(snapshot(tmp.path()), before, "the user's folder changed");

    // Asked to: it writes there, replacing the file named like one of its own, and leaves
    // the others.
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture),
        "-q",
        "--overwrite-out",
        "--out",
        s(&out),
    ]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    let index = std::fs::read_to_string(out.join("index.js")).unwrap();
    assert!(index.starts_with("// Generated by wx-pack"), "{index}");
    assert_eq!(manifest(&out)["crate"], "wxpack-fixture");
}

#[test]
fn out_at_the_crates_own_folder_or_above_is_refused_unless_asked() {
    let krate = fixture_copy("wxpack-fixture", "");
    let before = snapshot(krate.path());
    let sub = krate.path().join("src");
    for out in [krate.path(), krate.path().parent().unwrap()] {
        let ran = run(&mut wx_pack(&["build", s(krate.path()), "--out", s(out)]));
        assert_refused_before_compiling(
            &ran,
            &["is the crate's own folder or a folder above it", "--overwrite-out"],
        );
    }
    // src/ is below the crate, but has files and no wx-pack.json.
    let ran = run(&mut wx_pack(&["build", s(krate.path()), "--out", s(&sub)]));
    assert_refused_before_compiling(&ran, &["has files and no wx-pack.json"]);
    assert_eq!(snapshot(krate.path()), before);

    // The same from the crate's metadata is named as its key.
    let krate = fixture_copy("wxpack-fixture", "[package.metadata.wx-pack]\nout = \".\"");
    let ran = run(&mut wx_pack(&["build", s(krate.path())]));
    let manifest = krate.path().canonicalize().unwrap().join("Cargo.toml");
    assert_refused_before_compiling(
        &ran,
        &[&format!(
            "error: `[package.metadata.wx-pack] out` in {}: {}/. is the crate's own folder",
            manifest.display(),
            manifest.parent().unwrap().display()
        )],
    );
}

#[test]
fn out_at_a_file_system_root_or_the_home_folder_is_refused_without_writing() {
    // The crate does not compile: a refusal that came after compiling would show its error
    // instead. These are refused even with --overwrite-out.
    let broken = fixture("broken");
    let root_before: Vec<_> = std::fs::read_dir("/")
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for flags in [&[][..], &["--overwrite-out"][..]] {
        let mut args = vec!["build", s(&broken), "--out", "/"];
        args.extend_from_slice(flags);
        let ran = run(&mut wx_pack(&args));
        assert_refused_before_compiling(
            &ran,
            &["error: --out / is the root of the file system: wx-pack writes the plugin's files there"],
        );
        assert!(!ran.stderr.contains("mismatched types"), "{}", ran.stderr);
        let root_after: Vec<_> = std::fs::read_dir("/")
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(root_after, root_before);

        let home = tempfile::tempdir().unwrap();
        let home = home.path().canonicalize().unwrap();
        let mut args = vec!["build", s(&broken), "--out", s(&home)];
        args.extend_from_slice(flags);
        // wx-pack reads the home folder from HOME; cargo and rustup keep theirs.
        let real_home = PathBuf::from(std::env::var_os("HOME").unwrap());
        let cargo_home = std::env::var_os("CARGO_HOME").map_or_else(|| real_home.join(".cargo"), PathBuf::from);
        let rustup_home = std::env::var_os("RUSTUP_HOME").map_or_else(|| real_home.join(".rustup"), PathBuf::from);
        let ran = run(wx_pack(&args)
            .env("HOME", &home)
            .env("CARGO_HOME", cargo_home)
            .env("RUSTUP_HOME", rustup_home));
        assert_refused_before_compiling(&ran, &[&format!("error: --out {} is your home folder", home.display())]);
        assert_eq!(std::fs::read_dir(&home).unwrap().count(), 0);
    }
}

#[cfg(unix)]
#[test]
fn a_forged_manifest_cannot_reach_outside_through_links() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(outside.join("snips/empty")).unwrap();
    std::fs::write(outside.join("secret.txt"), "not wx-pack's").unwrap();
    std::fs::write(outside.join("other.txt"), "not wx-pack's either").unwrap();
    let out = tmp.path().join("pkg");
    std::fs::create_dir(&out).unwrap();
    // A folder component that is a link, a listed file that is a link, and a link named
    // snippets (whose empty folders wx-pack tidies away).
    symlink(&outside, out.join("link")).unwrap();
    symlink(outside.join("other.txt"), out.join("evil.txt")).unwrap();
    symlink(outside.join("snips"), out.join("snippets")).unwrap();
    let forged = json!({
        "crate": "wxpack-fixture",
        "files": [
            { "name": "link/secret.txt" },
            { "name": "evil.txt" },
            { "name": "snippets/empty/x.js" },
        ]
    });
    std::fs::write(out.join("wx-pack.json"), forged.to_string()).unwrap();
    let outside_before = snapshot(&outside);

    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("wxpack-fixture")),
        "-q",
        "--out",
        s(&out),
    ]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(snapshot(&outside), outside_before, "a file outside --out changed");
    // The links are no files wx-pack wrote: left as they are.
    for link in ["link", "evil.txt", "snippets"] {
        assert!(
            std::fs::symlink_metadata(out.join(link))
                .unwrap()
                .file_type()
                .is_symlink(),
            "{link}"
        );
    }
    assert_eq!(manifest(&out)["crate"], "wxpack-fixture");
}

#[cfg(unix)]
#[test]
fn a_link_at_a_name_wx_pack_writes_is_not_written_through() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("target.js");
    std::fs::write(&target, "// not wx-pack's\n").unwrap();
    let out = tmp.path().join("pkg");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("wx-pack.json"), json!({ "files": [] }).to_string()).unwrap();
    symlink(&target, out.join("index.js")).unwrap();
    let before = snapshot(tmp.path());

    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("wxpack-fixture")),
        "-q",
        "--out",
        s(&out),
    ]));
    assert_refused(
        &ran,
        &[&format!(
            "error: {} is a symbolic link: wx-pack writes index.js there and does not write through links",
            out.join("index.js").display()
        )],
    );
    assert_eq!(snapshot(tmp.path()), before, "nothing may change");
}

#[test]
fn a_file_of_the_users_named_like_one_wx_pack_writes_is_not_replaced() {
    // A folder wx-pack made (its wx-pack.json), where the user has since put an index.js of
    // their own that the manifest does not list.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pkg");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(
        out.join("wx-pack.json"),
        json!({ "files": [{ "name": "old_bg.js" }] }).to_string(),
    )
    .unwrap();
    std::fs::write(out.join("old_bg.js"), "stale").unwrap();
    std::fs::write(out.join("index.js"), "// the user's\n").unwrap();
    let before = snapshot(tmp.path());
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("wxpack-fixture")),
        "-q",
        "--out",
        s(&out),
    ]));
    assert_refused(
        &ran,
        &[&format!(
            "error: {} has files that its wx-pack.json does not list, so wx-pack did not write them, with names of \
             the files it writes: index.js; move them away, or pass --overwrite-out to replace them",
            out.display()
        )],
    );
    assert_eq!(
        snapshot(tmp.path()),
        before,
        "nothing may change, not even the stale file"
    );
}

#[test]
fn metadata_errors_name_the_key() {
    let krate = fixture_copy(
        "wxpack-fixture",
        "[package.metadata.wx-pack]\nplugin-subdir = \"../up\"",
    );
    let ran = run(&mut wx_pack(&["build", s(krate.path())]));
    let manifest = krate.path().canonicalize().unwrap().join("Cargo.toml");
    assert_refused_before_compiling(
        &ran,
        &[&format!(
            "error: `[package.metadata.wx-pack] plugin-subdir` in {}: `../up`: expected a folder path inside the \
             plugin root",
            manifest.display()
        )],
    );
    assert!(!ran.stderr.contains("--plugin-subdir"), "{}", ran.stderr);

    let krate = fixture_copy("wxpack-fixture", "[package.metadata.wx-pack]\nbase = \"2.10.0\"");
    let manifest = krate.path().canonicalize().unwrap().join("Cargo.toml");
    let ran = run(&mut wx_pack(&["build", s(krate.path()), "--mode", "wasm"]));
    assert_refused_before_compiling(
        &ran,
        &[&format!(
            "error: --mode wasm needs base library 2.18.1 or later (plugins have WXWebAssembly from 2.18.1), but \
             `[package.metadata.wx-pack] base` in {}: 2.10.0: drop --mode",
            manifest.display()
        )],
    );
    assert!(!ran.stderr.contains("--base 2.10.0"), "{}", ran.stderr);

    let krate = fixture_copy("wxpack-fixture", "[package.metadata.wx-pack]\nplugin-subdir = 5");
    let ran = run(&mut wx_pack(&["build", s(krate.path())]));
    assert_refused_before_compiling(
        &ran,
        &["`[package.metadata.wx-pack] plugin-subdir` in", "must be a string"],
    );
}

#[test]
fn the_baseline_is_resolved_for_the_crate_built_as_cargo_builds_it() {
    // A workspace: `plugin` gets `base-2-17-1` through a crate it depends on (`helper`), and
    // a sibling member it does not depend on enables `base-2-19-2`, which cargo does not
    // unify into the plugin's build (resolver 2; `cargo metadata`'s resolve would).
    let ws = tempfile::tempdir().unwrap();
    let bindings = format!("{:?}", s(&workspace_root().join("wx-bindings")));
    let write = |path: &str, text: &str| {
        let path = ws.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"plugin\", \"helper\", \"sibling\"]\nresolver = \"3\"\n",
    );
    let package = |name: &str| format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n");
    write(
        "plugin/Cargo.toml",
        &format!(
            "{}\n[lib]\ncrate-type = [\"cdylib\"]\n\n[dependencies]\nwasm-bindgen = \"=0.2.130\"\n\
             wx-bindings = {{ path = {bindings} }}\nhelper = {{ path = \"../helper\" }}\n",
            package("plugin")
        ),
    );
    write(
        "helper/Cargo.toml",
        &format!(
            "{}\n[dependencies]\nwx-bindings = {{ path = {bindings}, features = [\"base-2-17-1\"] }}\n",
            package("helper")
        ),
    );
    write(
        "sibling/Cargo.toml",
        &format!(
            "{}\n[dependencies]\nwx-bindings = {{ path = {bindings}, features = [\"base-2-19-2\"] }}\n",
            package("sibling")
        ),
    );
    for krate in ["plugin", "helper", "sibling"] {
        write(&format!("{krate}/src/lib.rs"), "");
    }
    std::fs::copy(fixture("gated").join("Cargo.lock"), ws.path().join("Cargo.lock")).unwrap();

    let ran = run(&mut wx_pack(&[
        "build",
        s(&ws.path().join("plugin")),
        "--base",
        "2.10.0",
    ]));
    assert_refused_before_compiling(
        &ran,
        &[
            "error: --base 2.10.0 is lower than the base library the crate is compiled for",
            "`base-2-17-1`",
            "use --base 2.17.1 or later",
        ],
    );
    assert!(!ran.stderr.contains("2.19.2"), "{}", ran.stderr);
}
