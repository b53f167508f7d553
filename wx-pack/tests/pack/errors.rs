//! Every mistake a user can make before a package exists (a base below what the plugin
//! needs, a crate that is no cdylib, compile errors, a wrong wasm-bindgen, bad bases, missing
//! crates, Node, npm packages or the wasm32 target, a forbidden `wx` binding): one clear
//! `error:` message, a non-zero exit and no panic.

use crate::assert_clear_error;
use crate::support::{fixture, run, s, wx_pack};

#[test]
fn base_lower_than_the_apis_need_names_the_api() {
    let out = tempfile::tempdir().unwrap();
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("wxpack-fixture")),
        "-q",
        "--base",
        "1.9.6",
        "--out",
        s(out.path()),
    ]));
    assert_clear_error(
        &ran,
        &[
            "--base 1.9.6 is lower than this plugin needs",
            "wx.getRecorderManager needs 1.9.94",
        ],
    );
}

#[test]
fn not_a_cdylib() {
    let ran = run(&mut wx_pack(&["build", s(&fixture("not-cdylib"))]));
    assert_clear_error(
        &ran,
        &["`wxpack-not-cdylib` is not a cdylib", "crate-type = [\"cdylib\""],
    );
}

#[test]
fn compile_errors_show_cargos_message() {
    let out = tempfile::tempdir().unwrap();
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("broken")),
        "-q",
        "--out",
        s(out.path()),
    ]));
    assert_clear_error(
        &ran,
        &[
            "error[E0308]: mismatched types",
            "cargo could not compile `wxpack-broken`",
        ],
    );
}

#[test]
fn wasm_bindgen_version_mismatch() {
    let ran = run(&mut wx_pack(&["build", s(&fixture("old-bindgen"))]));
    assert_clear_error(
        &ran,
        &[
            "wasm-bindgen version mismatch",
            "resolves wasm-bindgen 0.2.100",
            "wasm-bindgen = \"=0.2.130\"",
        ],
    );
}

#[test]
fn bad_base_strings() {
    let fixture = fixture("wxpack-fixture");
    for bad in ["2.18", "latest", "2.18.1-beta"] {
        let ran = run(&mut wx_pack(&["build", s(&fixture), "--base", bad]));
        assert_eq!(ran.code, Some(2), "{}", ran.stderr);
        assert_clear_error(&ran, &["not a base-library version", "2.18.1"]);
    }
    let ran = run(&mut wx_pack(&["build", s(&fixture), "--base", "1.2.3"]));
    assert_clear_error(&ran, &["older than any plugin base library"]);
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture),
        "--mode",
        "wasm",
        "--base",
        "2.10.2",
    ]));
    assert_clear_error(&ran, &["--mode wasm needs base library 2.18.1"]);
}

#[test]
fn missing_crates() {
    let ran = run(&mut wx_pack(&["build", "wx-pack/tests/fixtures/no-such-crate"]));
    assert_clear_error(&ran, &["no crate at `wx-pack/tests/fixtures/no-such-crate`"]);
    let ran = run(&mut wx_pack(&["build", "no-such-package"]));
    assert_clear_error(&ran, &["no package `no-such-package` in the workspace"]);
    let ran = run(&mut wx_pack(&["build", "wx-pack/tests"]));
    assert_clear_error(&ran, &["is a directory without a Cargo.toml"]);
}

#[test]
fn missing_node_or_npm_packages() {
    let fixture = fixture("wxpack-fixture");
    let ran = run(wx_pack(&["build", s(&fixture)]).env("WX_PACK_NODE", "/nonexistent/node"));
    assert_clear_error(
        &ran,
        &[
            "Node.js was not found",
            "needs Node.js 20 or later",
            "install Node.js 20 or later",
            "npm ci",
        ],
    );
    let empty = tempfile::tempdir().unwrap();
    let ran = run(wx_pack(&["build", s(&fixture)]).env("WX_PACK_ROOT", empty.path()));
    assert_clear_error(
        &ran,
        &[
            "npm packages are not installed",
            "node_modules/binaryen",
            "run `npm ci` in",
        ],
    );
}

#[test]
fn glue_binding_a_forbidden_wx_function_is_refused() {
    // The fixture binds wx.authorize by hand; wx-allowlist marks it unsupported in plugins
    // (`cargo run -p wx-allowlist -- --lookup authorize`). It also binds the permitted
    // wx.showToast, which must not be blamed.
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("pkg");
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("forbidden")),
        "-q",
        "--out",
        s(&out),
    ]));
    assert_clear_error(
        &ran,
        &[
            "error: the plugin binds wx functions that a plugin cannot call: wx.authorize is not available to \
           plugins; a plugin's `wx` object simply lacks them at run time",
        ],
    );
    assert!(!ran.stderr.contains("showToast"), "{}", ran.stderr);
    assert!(!out.exists(), "nothing may be written for a refused plugin");
}

#[cfg(unix)] // the stand-in rustc is a shell script
#[test]
fn missing_wasm32_target_says_how_to_add_it() {
    // A toolchain without the wasm32 standard library, simulated without uninstalling it:
    // `rustc` with an empty sysroot answers `--print target-libdir` with a folder that does
    // not exist, as rustc does for a target that was never added.
    let tmp = tempfile::tempdir().unwrap();
    let sysroot = tmp.path().join("sysroot");
    std::fs::create_dir(&sysroot).unwrap();
    let rustc = tmp.path().join("rustc");
    std::fs::write(
        &rustc,
        format!("#!/bin/sh\nexec rustc --sysroot '{}' \"$@\"\n", sysroot.display()),
    )
    .unwrap();
    let mut permissions = std::fs::metadata(&rustc).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&rustc, permissions).unwrap();

    let out = tmp.path().join("pkg");
    let ran = run(wx_pack(&["build", s(&fixture("wxpack-fixture")), "--out", s(&out)]).env("RUSTC", &rustc));
    assert_clear_error(
        &ran,
        &[
            "error: the wasm32-unknown-unknown target is not installed for this toolchain: run `rustup target add \
           wasm32-unknown-unknown`",
        ],
    );
    assert!(!out.exists());
}
