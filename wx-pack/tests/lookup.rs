//! `wx-pack lookup NAME`: what a name means to WeChat plugins, from any folder (not only a
//! wx checkout), with wx-allowlist's text; and the `--plugin-subdir` help's claim about `run`.
//!
//! Expected values come from WeChat's documentation: `wx.showModal`'s `editable` is from
//! base library 2.17.1, `wx.authorize` and `CameraContext.onCameraFrame` are not available
//! to plugins, `RecorderManager.onError` is.

use std::process::Command;

struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `wx-pack ARGS` run in an empty folder outside the checkout.
fn wx_pack(args: &[&str]) -> Ran {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wx-pack"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("WX_PACK_ROOT")
        .output()
        .expect("wx-pack starts");
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn lookup(name: &str, code: i32, phrases: &[&str]) {
    let ran = wx_pack(&["lookup", name]);
    assert_eq!(ran.code, Some(code), "{name}:\n{}{}", ran.stdout, ran.stderr);
    for phrase in phrases {
        assert!(ran.stdout.contains(phrase), "{name}: no `{phrase}` in\n{}", ran.stdout);
    }
    assert_eq!(ran.stderr, "", "{name}");
    // The one text wx-allowlist --lookup prints too.
    assert_eq!(ran.stdout, wx_allowlist::explain(name).0, "{name}");
}

#[test]
fn lookup_says_whether_plugins_may_use_a_name() {
    lookup(
        "showModal",
        0,
        &[
            "wx.showModal: permitted in plugins from base library",
            "typed: wx_bindings::ui::show_modal",
        ],
    );
    // The JS spelling with `wx.` and the Rust name find the same API.
    lookup("wx.showModal", 0, &["wx.showModal: permitted in plugins"]);
    lookup("show_modal", 0, &["wx.showModal: permitted in plugins"]);
    lookup("authorize", 1, &["wx.authorize: not available to WeChat plugins"]);
    lookup(
        "shwModal",
        1,
        &["`shwModal` is not a known wx API; did you mean wx.showModal"],
    );
}

#[test]
fn lookup_explains_members_of_objects_and_options() {
    lookup(
        "RecorderManager.onError",
        0,
        &[
            "RecorderManager.onError: method, permitted in plugins",
            "typed: RecorderManager::on_error",
        ],
    );
    lookup(
        "ShowModalOption.editable",
        0,
        &[
            "ShowModalOption.editable: optional field, from base library 2.17.1",
            "cargo feature: base-2-17-1",
        ],
    );
    lookup("CameraContext.onCameraFrame", 1, &["not available to WeChat plugins"]);
    lookup(
        "RecorderManager.onEror",
        1,
        &["RecorderManager has no member `onEror`; did you mean RecorderManager.onError?"],
    );
}

#[test]
fn lookup_without_a_name_is_a_usage_error() {
    let ran = wx_pack(&["lookup"]);
    assert_eq!(ran.code, Some(2));
    assert!(ran.stderr.contains("<NAME>"), "{}", ran.stderr);
}

#[test]
fn plugin_subdir_help_says_run_runs_the_plugin_root() {
    // What `run` does with a --plugin-subdir build (tests/new.rs runs one, tests/pack/output.rs
    // has its refusal): the plugin root around the folder, with that root's plugin.json.
    for command in ["build", "run"] {
        let ran = wx_pack(&[command, "--help"]);
        assert_eq!(ran.code, Some(0), "{}", ran.stderr);
        let help = ran.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            help.contains(
                "No plugin.json is written then; `run` runs the plugin root around the folder, so --out must be \
                 the folder DIR inside that root, and the root must have a plugin.json"
            ),
            "{help}"
        );
        assert!(!help.contains("folder's own plugin.json"), "{help}");
    }
}
