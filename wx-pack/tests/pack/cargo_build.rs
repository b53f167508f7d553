//! What wx-pack asks of cargo: one build of a crate at a time, the small-wasm release profile
//! unless the crate has one or opts out, features and `--profile` passed on, and the wasm2js
//! build sharing the target dir.

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::Stdio;

use serde_json::{Value, json};

use crate::assert_clear_error;
use crate::package::{results, set, wx_host};
use crate::support::{fixture, run, s, wx_pack};

#[test]
fn a_second_build_of_one_crate_waits_for_the_first() {
    // Two builds of one crate share its work folder under the target dir (wasm-bindgen's
    // output there is cleared and rewritten): hold its lock, as a first build would.
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-fixtures/wx-pack/wxpack-forbidden");
    std::fs::create_dir_all(&work).unwrap();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(work.join(".wx-pack.lock"))
        .unwrap();
    lock.lock().unwrap();

    let out = tempfile::tempdir().unwrap();
    let mut child = wx_pack(&["build", s(&fixture("forbidden")), "--out", s(&out.path().join("pkg"))])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut before = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        before.push_str(&line);
        before.push('\n');
        if line.contains("waiting for another wx-pack build") {
            break;
        }
    }
    assert!(
        before.contains(&format!(
            "waiting for another wx-pack build of `wxpack-forbidden` to finish (lock: {})",
            work.join(".wx-pack.lock").display()
        )),
        "{before}"
    );
    assert!(!before.contains("cargo build"), "it went on while locked:\n{before}");

    // Released, the second build goes on to its end (here: the forbidden-API error).
    lock.unlock().unwrap();
    let after: String = lines.map(|l| l.unwrap() + "\n").collect();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{after}");
    assert!(after.contains("cargo build"), "{after}");
    assert!(
        after.contains("error: the plugin binds wx functions that a plugin cannot call: wx.authorize"),
        "{after}"
    );
}

/// The fixture crate without its `[profile.release]`, in a temp dir, as a
/// crate made by hand from a template would be.
fn fixture_without_profile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("wxpack-fixture");
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::copy(src.join("src/lib.rs"), dir.path().join("src/lib.rs")).unwrap();
    std::fs::copy(src.join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    let manifest = std::fs::read_to_string(src.join("Cargo.toml")).unwrap();
    let start = manifest.find("[profile.release]").unwrap();
    let end = start + manifest[start..].find("\n\n").unwrap();
    let manifest = format!("{}{}", &manifest[..start], &manifest[end..]);
    assert!(!manifest.contains("[profile"), "{manifest}");
    std::fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
    dir
}

#[test]
fn a_crate_without_a_release_profile_gets_the_small_wasm_one_unless_it_opts_out() {
    let krate = fixture_without_profile();
    let wasm_bytes = |flags: &[&str], out: &Path| {
        let mut args = vec!["build", s(krate.path()), "--mode", "wasm", "--out", s(out)];
        args.extend_from_slice(flags);
        let ran = run(wx_pack(&args).env("CARGO_TARGET_DIR", krate.path().join("target")));
        assert_eq!(ran.code, Some(0), "{}", ran.stderr);
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap();
        let wasm = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"].as_str().unwrap().ends_with(".wasm.br"))
            .unwrap();
        (wasm["bytes"].as_u64().unwrap(), ran.stderr)
    };
    let out = tempfile::tempdir().unwrap();
    let (small, said) = wasm_bytes(&[], &out.path().join("small"));
    assert!(
        said.contains("no [profile.release] in the workspace: building with opt-level z, LTO, one codegen unit, panic abort (--keep-profile keeps cargo's defaults)"),
        "{said}"
    );
    let (kept, said) = wasm_bytes(&["--keep-profile"], &out.path().join("kept"));
    assert!(!said.contains("no [profile.release]"), "{said}");
    // cargo's default release profile (opt-level 3, unwinding, no LTO) makes a bigger module.
    assert!(small < kept, "small-wasm profile {small} B, cargo's default {kept} B");
}

/// `wx-pack run` of the flags fixture (wasm mode) with `flags`, in the fixtures' target
/// dir or `target`: its `value()` and `checked()`, and wx-pack's stderr.
fn flags_fixture(flags: &[&str], out: &Path, target: Option<&Path>) -> (Value, Value, String) {
    let fixture = fixture("flags");
    let mut args = vec!["run", s(&fixture), "--mode", "wasm", "--out", s(out)];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--", "--json", "--call", "value", "--call", "checked"]);
    let mut command = wx_pack(&args);
    if let Some(target) = target {
        command.env("CARGO_TARGET_DIR", target);
    }
    let ran = run(&mut command);
    assert_eq!(ran.code, Some(0), "wx-pack {flags:?}:\n{}\n{}", ran.stdout, ran.stderr);
    let report: Value = serde_json::from_str(ran.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {}", ran.stdout));
    let results = results(&report);
    assert_eq!(results.len(), 2, "{report}");
    (results[0].1.clone(), results[1].1.clone(), ran.stderr)
}

#[test]
fn cargo_features_and_profile_are_passed_on() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path();
    // tests/fixtures/flags: value() adds 1 for `one` (default), 10 for `ten`, 100 for
    // `hundred`; checked() is whether debug assertions are on (the `checked` profile).
    let (value, checked, said) = flags_fixture(&[], out, None);
    assert_eq!((value, checked), (json!(1), json!(false)));
    assert!(
        said.contains("cargo build --target wasm32-unknown-unknown --profile release -p wxpack-flags (MVP: RUSTFLAGS=-C target-cpu=mvp -C strip=symbols)\n"),
        "{said}"
    );
    for (flags, expected) in [
        (&["--features", "ten"][..], 11),
        (&["--features", "ten hundred"][..], 111),
        (&["-F", "ten,hundred", "--no-default-features"][..], 110),
        (&["--no-default-features"][..], 0),
        (&["--all-features"][..], 111),
    ] {
        let mut args = vec!["-q"];
        args.extend_from_slice(flags);
        let (value, checked, _) = flags_fixture(&args, out, None);
        assert_eq!((value, checked), (json!(expected), json!(false)), "{flags:?}");
    }
    let (value, checked, said) = flags_fixture(&["--profile", "checked"], out, None);
    assert_eq!((value, checked), (json!(1), json!(true)));
    assert!(
        said.contains("cargo build --target wasm32-unknown-unknown --profile checked -p wxpack-flags (MVP: RUSTFLAGS=-C target-cpu=mvp -C strip=symbols)\n"),
        "{said}"
    );

    // What cargo refuses, it says; wx-pack adds which crate.
    let flags = s(&fixture("flags")).to_owned();
    let ran = run(&mut wx_pack(&["build", &flags, "-q", "--profile", "nope"]));
    assert_clear_error(
        &ran,
        &[
            "profile `nope` is not defined",
            "cargo could not compile `wxpack-flags`",
        ],
    );
    let ran = run(&mut wx_pack(&["build", &flags, "-q", "--features", "nope"]));
    assert_clear_error(
        &ran,
        &[
            "does not contain this feature: nope",
            "cargo could not compile `wxpack-flags`",
        ],
    );
}

#[test]
fn the_wasm2js_build_shares_the_target_dir_and_its_host_crates() {
    // A cold target dir: the wasm build (`--wasm-features modern`: rustc's default CPU, as
    // the wasm mode's default is the MVP build the wasm2js mode uses) compiles everything;
    // the wasm2js build after it
    // recompiles the wasm32 crates (with -C target-cpu=mvp) but none of the build scripts and
    // proc-macros, and writes no target dir of its own; the wasm build after that finds its
    // own wasm32 crates still there and recompiles only the plugin.
    let target = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let compiled = |said: &str| -> BTreeSet<String> {
        said.lines()
            .filter_map(|l| l.trim().strip_prefix("Compiling "))
            .map(|l| l.split(' ').next().unwrap().to_owned())
            .collect()
    };
    let (_, _, said) = flags_fixture(&["--wasm-features", "modern"], out.path(), Some(target.path()));
    let first = compiled(&said);
    for krate in [
        "proc-macro2",
        "syn",
        "wasm-bindgen-macro",
        "wasm-bindgen",
        "wxpack-flags",
    ] {
        assert!(first.contains(krate), "{krate} not compiled cold:\n{said}");
    }

    let wasm2js = out.path().join("wasm2js");
    let mut command = wx_pack(&["build", s(&fixture("flags")), "--mode", "wasm2js", "--out", s(&wasm2js)]);
    let ran = run(command.env("CARGO_TARGET_DIR", target.path()));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let second = compiled(&ran.stderr);
    assert!(
        ran.stderr
            .contains("(MVP: RUSTFLAGS=-C target-cpu=mvp -C strip=symbols)"),
        "{}",
        ran.stderr
    );
    for krate in ["wasm-bindgen", "wxpack-flags"] {
        assert!(
            second.contains(krate),
            "{krate} not rebuilt for the MVP:\n{}",
            ran.stderr
        );
    }
    for krate in ["proc-macro2", "syn", "wasm-bindgen-macro", "wasm-bindgen-macro-support"] {
        assert!(!second.contains(krate), "{krate} rebuilt:\n{}", ran.stderr);
    }
    assert!(!target.path().join("wx-pack-mvp").exists());
    let (host, _) = wx_host(&wasm2js, "1.9.6", &["value"]);
    assert_eq!(host.code, Some(0), "{}", host.stdout);

    let (value, _, said) = flags_fixture(&["--wasm-features", "modern"], out.path(), Some(target.path()));
    assert_eq!(value, json!(1));
    assert_eq!(compiled(&said), set(&["wxpack-flags"]), "{said}");
}
