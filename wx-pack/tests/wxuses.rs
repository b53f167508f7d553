//! The build judges every static way a plugin crate reaches `wx` — wasm-bindgen's glue and
//! the crate's JS snippets — as `wx-pack check` judges a JavaScript plugin, and the two
//! agree on the same files.
//!
//! The fixture `tests/fixtures/wxuses` reaches `wx` through an `inline_js` snippet, a
//! `module = "/…"` snippet, `js_namespace = ["globalThis", "wx"]`, a `static` bound to `wx`
//! with `method` imports (on `JsValue`, cast, and on an `extern type`), and a type named `wx`
//! with `static_method_of`; each form binds a different function, so each must be named.
//! Expected values come from the fixture's source and wx-allowlist's data
//! (`cargo run -p wx-allowlist -- --lookup NAME`): requestPayment, cropImage, authorize,
//! addCard, chooseContact and editImage are not supported in plugins; getFileSystemManager
//! needs 2.19.2, login 2.3.1, pluginLogin 2.20.1, getRecorderManager 1.9.94,
//! navigateToMiniProgram 2.18.1, getUserInfo 2.3.1 in plugins.
//!
//! Each build compiles only the fixture crate itself (its dependencies are shared with the
//! other fixtures in `<target>/tmp/wx-pack-fixtures`): about 1 s to a refusal, 13 s to a
//! package, measured.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wxuses")
}

fn wx_pack(args: &[&str]) -> (Option<i32>, String, String) {
    let Output { status, stdout, stderr } = Command::new(env!("CARGO_BIN_EXE_wx-pack"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap())
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-fixtures"),
        )
        .env_remove("WX_PACK_ROOT")
        .env_remove("WX_PACK_NODE")
        .env_remove("WX_PACK_NODE_MODULES")
        .env_remove("WX_HOST")
        .output()
        .expect("wx-pack starts");
    (
        status.code(),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn build(features: &str, extra: &[&str], out: &Path) -> (Option<i32>, String, String) {
    let crate_dir = fixture();
    let mut args = vec!["build", s(&crate_dir), "--features", features, "-q", "--out", s(out)];
    args.extend_from_slice(extra);
    wx_pack(&args)
}

/// The six functions the `too-new` forms bind, and the base each needs in plugins.
const TOO_NEW: [(&str, &str); 6] = [
    ("getFileSystemManager", "2.19.2"),  // inline_js snippet
    ("login", "2.3.1"),                  // module snippet, through `const w = wx`
    ("pluginLogin", "2.20.1"),           // js_namespace = ["globalThis", "wx"]
    ("getRecorderManager", "1.9.94"),    // method on a static JsValue bound to wx
    ("navigateToMiniProgram", "2.18.1"), // method on an extern type's static bound to wx
    ("getUserInfo", "2.3.1"),            // static_method_of a type named wx
];

#[test]
fn every_form_of_a_forbidden_function_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pkg");
    let (code, _, stderr) = build("forbidden", &[], &out);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error: the plugin binds wx functions that a plugin cannot call: "),
        "{stderr}"
    );
    // Each problem is `wx.<name> is not available to plugins`, then where: nothing for the
    // glue's own imports, the snippet's place (its folder has a hash), or why a method is
    // taken for one of wx's.
    let problem = |name: &str| -> &str {
        let start = stderr
            .find(&format!("wx.{name} is not available to plugins"))
            .unwrap_or_else(|| panic!("wx.{name} not refused:\n{stderr}"));
        let rest = &stderr[start..];
        &rest[..rest.find(';').unwrap_or(rest.len())]
    };
    assert!(problem("requestPayment").starts_with("wx.requestPayment is not available to plugins (snippets/"));
    assert!(
        problem("requestPayment").ends_with("/inline0.js:1:28)"),
        "{}",
        problem("requestPayment")
    );
    // Through `const g = globalThis; g.wx.cropImage()` in the module snippet.
    assert!(
        problem("cropImage").ends_with("/snippets/forbidden.js:4:8)"),
        "{}",
        problem("cropImage")
    );
    // globalThis.wx.authorize and wx.editImage in the glue.
    assert_eq!(problem("authorize"), "wx.authorize is not available to plugins");
    assert_eq!(problem("editImage"), "wx.editImage is not available to plugins");
    for method in ["addCard", "chooseContact"] {
        assert!(
            problem(method).starts_with(&format!(
                "wx.{method} is not available to plugins (a method import called on an object from the wasm, and \
                 wxpack_wxuses_bg.js:"
            )),
            "{}",
            problem(method)
        );
    }
    assert!(!out.exists(), "nothing may be written for a refused plugin");
}

#[test]
fn too_new_functions_raise_the_base_or_refuse_an_explicit_one_and_check_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pkg");
    // Without --base: the highest of the six, pluginLogin's 2.20.1, in the wasm mode.
    let (code, stdout, stderr) = build("too-new", &[], &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("(wasm mode, base library 2.20.1 and later)"),
        "{stdout}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap();
    let mut names: Vec<&str> = TOO_NEW.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    assert_eq!(manifest["apis"], serde_json::json!(names));
    assert_eq!(manifest["minBaseVersion"], "2.20.1");
    // The snippet's `wx[name]` and `globalThis['w' + String.fromCharCode(120)]`: not
    // checked, and said (snippets/too-new.js, lines 8 and 9).
    for place in ["snippets/too-new.js:8:6: ", "snippets/too-new.js:9:14: "] {
        assert!(
            stdout.contains(&format!("{place}wx[...] with a computed key is not checked")),
            "{place} in:\n{stdout}"
        );
    }

    // Under an explicit --base 1.9.6: refused, naming each with its version.
    let (code, _, stderr) = build("too-new", &["--base", "1.9.6"], &dir.path().join("low"));
    assert_eq!(code, Some(1), "{stderr}");
    for (name, since) in TOO_NEW {
        assert!(
            stderr.contains(&format!("wx.{name} needs {since}")),
            "{name} in:\n{stderr}"
        );
    }

    // The same judgement: `wx-pack check` on the package, at 1.9.6, finds the same names
    // with the same rule (its files are the build's glue and snippets, lowered and minified).
    let (code, stdout, stderr) = wx_pack(&["check", s(&out), "--base", "1.9.6", "--json"]);
    assert_eq!(code, Some(1), "{stderr}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let checked: BTreeSet<(String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["api"].as_str().unwrap().to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let built: BTreeSet<(String, String)> = TOO_NEW
        .iter()
        .map(|(name, _)| ((*name).to_owned(), "needs-base".to_owned()))
        .collect();
    assert_eq!(checked, built, "{stdout}");
    // And at the package's own base, check finds nothing, as the build judged.
    let (code, stdout, stderr) = wx_pack(&["check", s(&out), "--base", "2.20.1"]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""), "{stderr}");
}

#[test]
fn a_snippet_that_cannot_be_analysed_fails_the_build_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = build("unanalysable", &[], &dir.path().join("pkg"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot read the uses of wx in wasm-bindgen's output, so they cannot be checked: snippets/"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/snippets/deep.js:1:1: cannot be analysed: Maximum call stack size exceeded"),
        "{stderr}"
    );
}
