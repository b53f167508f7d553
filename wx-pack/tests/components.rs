//! Components (issue 22; docs/component-protocol.md): the fixture `tests/fixtures/components`
//! hand-writes the protocol's four exports (its `__wx_components()` describes `counter` and
//! `badge`, its `__wx_component_call` logs every call and calls `setData`), is packaged in
//! both modes, and its generated component files are run in the simulated host by
//! `tests/support/components-harness.js`, with a fake `Component` that records each
//! definition and calls its handlers as WeChat would. Expected values come from the
//! fixture's source and files, the protocol document and WeChat's documented bases.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

mod support;
use support::{Ran, fixture, run, s, workspace_root, wx_pack};

/// Every build here compiles a crate named `components` (the fixture or a copy of it) into
/// the one shared fixtures target dir, with different features: two at once would overwrite
/// each other's `components.wasm` between cargo and wasm-bindgen. One build at a time.
static ONE_BUILD_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn build(krate: &Path, out: &Path, flags: &[&str]) -> Ran {
    // A test that failed while holding the lock poisons it; the next build is still valid.
    let _only = ONE_BUILD_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut args = vec!["build", s(krate), "--quiet", "--out", s(out)];
    args.extend_from_slice(flags);
    run(&mut wx_pack(&args))
}

fn built(krate: &Path, out: &Path, flags: &[&str]) -> Value {
    let ran = build(krate, out, flags);
    assert_eq!(ran.code, Some(0), "build failed:\n{}", ran.stderr);
    serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap()
}

fn refused(krate: &Path, out: &Path, flags: &[&str], expected: &[&str]) -> String {
    let ran = build(krate, out, flags);
    assert_eq!(ran.code, Some(1), "should fail:\n{}", ran.stderr);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    for text in expected {
        assert!(ran.stderr.contains(text), "expected {text:?} in:\n{}", ran.stderr);
    }
    ran.stderr
}

/// The harness's report on a built folder, at `base`.
fn harness(dir: &Path, base: &str) -> Value {
    let script = workspace_root().join("wx-pack/tests/support/components-harness.js");
    let node = std::env::var_os("WX_PACK_NODE").unwrap_or_else(|| "node".into());
    let ran = run(Command::new(node).arg(script).args([s(dir), base]));
    assert_eq!(ran.code, Some(0), "harness failed:\n{}\n{}", ran.stdout, ran.stderr);
    serde_json::from_str(ran.stdout.trim()).unwrap()
}

/// A copy of the fixture crate in a temp dir (its own workspace, like the original).
fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = fixture("components");
    for entry in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(from.join(entry), dir.path().join(entry)).unwrap();
    }
    for folder in ["src", "components/counter", "ui/badge"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        for file in std::fs::read_dir(from.join(folder)).unwrap() {
            let file = file.unwrap();
            std::fs::copy(file.path(), dir.path().join(folder).join(file.file_name())).unwrap();
        }
    }
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// What the fixture's Rust logs for one `life()` of the harness (created → attached → the
/// step observer → increment → fail → increment → detached → increment after detach, which
/// is ignored) of the instance `id`.
fn life_log(id: u32) -> Vec<String> {
    [
        format!("create counter #{id}"),
        format!("#{id} lifetime attached []"),
        format!("#{id} property step [2,1]"),
        format!(r#"#{id} method increment [{{"type":"tap","detail":{{"x":1}}}}]"#),
        format!("#{id} method fail []"),
        format!(r#"#{id} method increment [{{"type":"tap"}}]"#),
        format!("#{id} lifetime detached []"),
        format!("drop #{id} counter"),
    ]
    .into()
}

/// The fixture's shapes as its source writes them (src/lib.rs), as the harness summarises a
/// definition: data and properties equal to the describe JSON.
fn check_definitions(report: &Value, top_level_lifetimes: bool, observers: bool) {
    let counter = &report["definitions"]["counter"];
    assert_eq!(counter["data"], json!({ "count": 0 }));
    assert_eq!(
        counter["properties"],
        json!({ "step": { "type": "Number", "value": 1, "observer": "function" } })
    );
    assert_eq!(counter["methods"], json!(["increment: function", "fail: function"]));
    assert_eq!(
        counter["lifetimes"],
        json!(["created: function", "attached: function", "detached: function"])
    );
    assert_eq!(
        counter["options"],
        json!({ "multipleSlots": true, "pureDataPattern": "RegExp ^_" })
    );
    assert_eq!(counter["externalClasses"], json!(["custom-class"]));
    let badge = &report["definitions"]["badge"];
    assert_eq!(badge["data"], json!({ "label": "new ✓ \u{2028}: ", "hidden": false }));
    assert_eq!(
        badge["properties"],
        json!({ "text": { "type": null, "observer": "undefined" } })
    );
    for (def, names) in [
        (counter, &["created", "attached", "detached"][..]),
        (badge, &["created", "detached"][..]),
    ] {
        for name in names {
            assert_eq!(def[name] == "function", top_level_lifetimes, "{name}: {def}");
        }
    }
    if observers {
        assert_eq!(counter["observers"], json!(["count, step: function"]));
        assert_eq!(counter["pageLifetimes"], json!(["show: function"]));
    } else {
        assert!(
            counter.get("observers").is_none() && counter.get("pageLifetimes").is_none(),
            "{counter}"
        );
    }
}

/// Two `fail` calls, each reported with console.error (not thrown: the calls after it ran).
fn check_errors(report: &Value) {
    let console = report["console"].as_array().unwrap();
    assert_eq!(console.len(), 2, "{console:?}");
    for line in console {
        assert_eq!(line["level"], "error");
        let text = line["text"].as_str().unwrap();
        assert!(
            text.starts_with("[wx-pack] counter: method fail failed: Error: fail was asked to fail"),
            "{text}"
        );
    }
    assert_eq!(report["errors"], json!([]));
}

#[test]
fn wasm2js_components_are_packaged_and_run() {
    let out = tempfile::tempdir().unwrap();
    let src = fixture("components");
    let ran = build(&src, out.path(), &[]);
    assert_eq!(ran.code, Some(0), "build failed:\n{}", ran.stderr);
    // The summary names the components beside the exports.
    assert!(
        ran.stdout.contains("\nexports: add, log\ncomponents: badge, counter\n"),
        "{}",
        ran.stdout
    );
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("wx-pack.json")).unwrap()).unwrap();
    assert_eq!(manifest["mode"], "wasm2js");
    assert_eq!(manifest["minBaseVersion"], "1.9.6");
    assert_eq!(manifest["components"], json!(["badge", "counter"]));
    // The plumbing is not main's: only the fixture's own functions.
    assert_eq!(manifest["exports"], json!(["add", "log"]));
    let names: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "index.js",
            "load.js",
            "components_fixture_bg.js",
            "components_fixture_bg.wasm.js",
            "components/badge/badge.js",
            "components/badge/badge.wxml",
            "components/badge/badge.json",
            "components/counter/counter.js",
            "components/counter/counter.wxml",
            "components/counter/counter.wxss",
            "components/counter/counter.json",
            "plugin.json",
        ]
    );
    let dir = out.path();
    let plugin: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("plugin.json")).unwrap()).unwrap();
    assert_eq!(
        plugin,
        json!({
            "main": "index.js",
            "pages": {},
            "publicComponents": {
                "badge": "components/badge/badge",
                "counter": "components/counter/counter"
            }
        })
    );
    // The author's files, copied as they are; badge has no .json: `{"component": true}`.
    for (copy, original) in [
        ("components/counter/counter.wxml", "components/counter/counter.wxml"),
        ("components/counter/counter.wxss", "components/counter/counter.wxss"),
        ("components/counter/counter.json", "components/counter/counter.json"),
        ("components/badge/badge.wxml", "ui/badge/badge.wxml"),
    ] {
        assert_eq!(
            std::fs::read(dir.join(copy)).unwrap(),
            std::fs::read(src.join(original)).unwrap(),
            "{copy}"
        );
    }
    let badge_json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("components/badge/badge.json")).unwrap()).unwrap();
    assert_eq!(badge_json, json!({ "component": true }));
    let index = std::fs::read_to_string(dir.join("index.js")).unwrap();
    assert!(!index.contains("__wx_component"), "{index}");

    // Run as WeChat would: wasm2js is ready when load.js is, so every call is synchronous.
    let report = harness(dir, "1.9.6");
    check_definitions(&report, true, false);
    assert_eq!(
        report["first"],
        json!({ "setDataAfterIncrement": 1, "setDataAfterSecond": 2 })
    );
    assert_eq!(report["second"], report["first"]);
    assert_eq!(report["rounds"][0]["setData"], json!([{ "count": 1 }, { "count": 2 }]));
    let mut expected = life_log(1);
    expected.extend(["create badge #2".to_owned(), "drop #2 badge".to_owned()]);
    expected.extend(life_log(3));
    // `log` is a function of main: the components' calls are in its module's state.
    assert_eq!(report["log"], json!(expected));
    check_errors(&report);

    // wx-host does not know Component(): it loads main only, and main works.
    let ran = run(
        Command::new(std::env::var_os("WX_PACK_NODE").unwrap_or_else(|| "node".into()))
            .arg(workspace_root().join("wx-host/bin/wx-host.js"))
            .args(["run", s(dir), "--base", "1.9.6", "--json", "--call", "add=[2,40]"]),
    );
    assert_eq!(ran.code, Some(0), "{}\n{}", ran.stdout, ran.stderr);
    let run_report: Value = serde_json::from_str(ran.stdout.trim()).unwrap();
    assert_eq!(run_report["calls"][0]["result"], 42, "{run_report}");
}

#[test]
fn wasm_mode_queues_calls_until_the_module_is_ready() {
    let out = tempfile::tempdir().unwrap();
    let manifest = built(
        &fixture("components"),
        out.path(),
        &["--mode", "wasm", "--features", "observers"],
    );
    assert_eq!(manifest["mode"], "wasm");
    assert_eq!(manifest["minBaseVersion"], "2.18.1");
    let report = harness(out.path(), "2.18.1");
    // 2.18.1 reads `lifetimes`: none at the top level. observers and pageLifetimes listed.
    check_definitions(&report, false, true);
    // The first life ran while WXWebAssembly.instantiate was pending: nothing reached Rust
    // then (no setData), and everything did afterwards, in order.
    assert_eq!(
        report["first"],
        json!({ "setDataAfterIncrement": 0, "setDataAfterSecond": 0 })
    );
    assert_eq!(report["rounds"][0]["setData"], json!([{ "count": 1 }, { "count": 2 }]));
    // Once ready, synchronous: the tap's setData is made before the handler returns.
    assert_eq!(
        report["second"],
        json!({ "setDataAfterIncrement": 1, "setDataAfterSecond": 2 })
    );
    let mut expected = life_log(1);
    expected.extend(["create badge #2".to_owned(), "drop #2 badge".to_owned()]);
    expected.extend(life_log(3));
    assert_eq!(report["log"], json!(expected));
    check_errors(&report);
    // One module instance for main and both components.
    assert_eq!(report["trace"], json!(["WXWebAssembly.instantiate"]));
}

#[test]
fn observers_and_page_lifetimes_need_their_bases() {
    let out = tempfile::tempdir().unwrap();
    let krate = fixture("components");
    refused(
        &krate,
        out.path(),
        &["--features", "observers"],
        &[
            "error: component `counter` has observers (`count, step`), which WeChat has from base library 2.6.1; \
             component `counter` has pageLifetimes (`show`), which WeChat has from base library 2.2.3; the package \
             is built for base library 1.9.6 (its minimum: the lowest its wx calls and wx-bindings' base-* features \
             allow): build with `--base 2.6.1` or later",
        ],
    );
    refused(
        &krate,
        out.path(),
        &["--features", "observers", "--base", "2.2.3"],
        &[
            "has observers (`count, step`), which WeChat has from base library 2.6.1; the package is built for base library 2.2.3 (--base 2.2.3)",
        ],
    );
    // At 2.6.1 it builds, wasm2js, and the package says it needs 2.6.1.
    let manifest = built(&krate, out.path(), &["--features", "observers", "--base", "2.6.1"]);
    assert_eq!(
        (manifest["mode"].as_str(), manifest["minBaseVersion"].as_str()),
        (Some("wasm2js"), Some("2.6.1"))
    );
}

#[test]
fn templates_are_checked_against_the_rust_shape() {
    let krate = fixture_copy();
    let counter = krate.path().join("components/counter/counter.wxml");
    let badge = krate.path().join("ui/badge/badge.wxml");
    std::fs::write(&counter, "<view bindtap=\"incremnt\">{{cont}}</view>\n").unwrap();
    std::fs::write(&badge, "<text>{{label}</text\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    // Positions: wx-wxml's (1-based columns), the author's file named.
    let stderr = refused(
        krate.path(),
        out.path(),
        &[],
        &[
            &format!(
                "{}:1:16: event binding `bindtap` names `incremnt`, which is not a method of this component\n  help: \
                 did you mean `increment`?",
                counter.display()
            ),
            &format!(
                "{}:1:28: `cont` is not a data field, property, wx:for item or index, or wxs module of this \
                 component\n  help: did you mean `count`?",
                counter.display()
            ),
            &format!("{}:1:", badge.display()),
            "malformed WXML",
        ],
    );
    assert!(
        !stderr.contains(&out.path().display().to_string()),
        "the copy is not named: {stderr}"
    );
    assert!(!out.path().join("index.js").exists(), "nothing written");
}

#[test]
fn the_metadata_and_the_rust_must_list_the_same_components() {
    let out = tempfile::tempdir().unwrap();
    let krate = fixture("components");
    let toml = krate.join("Cargo.toml");
    refused(
        &krate,
        out.path(),
        &["--features", "unlisted"],
        &[&format!(
            "the plugin's Rust defines `extra` (in `wx_bindings::components![...]`), which \
             [package.metadata.wx-pack.components] in {} does not list (it lists `badge`, `counter`): add\n\n    \
             [package.metadata.wx-pack.components]\n    extra = \"components/extra\"",
            toml.display()
        )],
    );
    refused(
        &krate,
        out.path(),
        &["--features", "no-exports"],
        &[&format!(
            "[package.metadata.wx-pack.components] in {} lists `badge`, `counter`, but the plugin exports no \
             __wx_components(): name the components once in the crate root with `wx_bindings::components![",
            toml.display()
        )],
    );
    refused(
        &krate,
        out.path(),
        &["--features", "calls-wx"],
        &["wx.getSystemInfoSync was used while wx-pack ran __wx_components() at build time, where no wx exists"],
    );
}

#[test]
fn a_component_taken_out_disappears_and_a_listed_one_needs_its_rust() {
    let krate = fixture_copy();
    let out = tempfile::tempdir().unwrap();
    built(krate.path(), out.path(), &[]);
    assert!(out.path().join("components/badge/badge.js").is_file());
    let toml = krate.path().join("Cargo.toml");
    edit(&toml, "badge = \"ui/badge\"", "ghost = \"ui/badge\"");
    std::fs::write(krate.path().join("ui/badge/ghost.wxml"), "<text>{{label}}</text>\n").unwrap();
    refused(
        krate.path(),
        out.path(),
        &[],
        &[&format!(
            "[package.metadata.wx-pack.components] in {} lists `ghost`, which the plugin's Rust does not define (its \
             __wx_components() returns `counter`, `badge`)",
            toml.canonicalize().unwrap().display()
        )],
    );
    edit(&toml, "ghost = \"ui/badge\"\n", "");
    edit(
        &krate.path().join("src/lib.rs"),
        "let mut list = vec![counter, BADGE.replace(\"2028\", \"\\u{2028}\")];",
        "let mut list = vec![counter];",
    );
    let manifest = built(krate.path(), out.path(), &[]);
    assert_eq!(manifest["components"], json!(["counter"]));
    assert!(
        !out.path().join("components/badge").exists(),
        "badge's files and folder are gone"
    );
    let plugin: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("plugin.json")).unwrap()).unwrap();
    assert_eq!(
        plugin["publicComponents"],
        json!({ "counter": "components/counter/counter" })
    );
}

#[test]
fn metadata_errors_name_the_key_and_the_file() {
    let krate = fixture_copy();
    let toml = krate.path().join("Cargo.toml").canonicalize().unwrap();
    let out = tempfile::tempdir().unwrap();
    let key = |name: &str| format!("`[package.metadata.wx-pack.components] {name}` in {}", toml.display());
    let original = std::fs::read_to_string(&toml).unwrap();
    let cases: Vec<(String, String, Vec<String>)> = vec![
        (
            "counter = \"components/counter\"".into(),
            "Counter = \"components/counter\"".into(),
            vec![format!("{}: `Counter` is not a component name", key("Counter"))],
        ),
        (
            "badge = \"ui/badge\"".into(),
            "badge = \"ui/nowhere\"".into(),
            vec![
                format!("{}: the folder `ui/nowhere` (", key("badge")),
                "does not exist".into(),
            ],
        ),
        (
            "badge = \"ui/badge\"".into(),
            "badge = \"components/counter\"".into(),
            vec![
                format!(
                    "{}: {}",
                    key("badge"),
                    toml.parent().unwrap().join("components/counter/badge.wxml").display()
                ),
                "is missing".into(),
            ],
        ),
        (
            "[package.metadata.wx-pack.components]\ncounter = \"components/counter\"\nbadge = \"ui/badge\"".into(),
            "[package.metadata.wx-pack]\ncomponents = [\"counter\"]".into(),
            vec![format!(
                "`[package.metadata.wx-pack] components` in {}: must be a table",
                toml.display()
            )],
        ),
    ];
    for (from, to, expected) in cases {
        std::fs::write(&toml, original.replace(&from, &to)).unwrap();
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        refused(krate.path(), out.path(), &[], &expected);
    }
    std::fs::write(&toml, &original).unwrap();
    let json = krate.path().join("components/counter/counter.json");
    std::fs::write(&json, "{\"usingComponents\": {}}").unwrap();
    refused(
        krate.path(),
        out.path(),
        &[],
        &[&format!(
            "{}: {} must say `\"component\": true`",
            key("counter"),
            json.canonicalize().unwrap().display()
        )],
    );
}

#[test]
fn a_plugin_subdir_build_checks_the_plugins_own_plugin_json() {
    let root = tempfile::tempdir().unwrap();
    let out: PathBuf = root.path().join("rust");
    let krate = fixture("components");
    let flags = ["--plugin-subdir", "rust"];
    refused(
        &krate,
        &out,
        &flags,
        &[&format!(
            "{} does not exist, so it cannot list the components of this build: WeChat finds a plugin's components \
             there only. Put these entries in its \"publicComponents\" (replacing any of the same name):\n\n    \
             \"badge\": \"rust/components/badge/badge\",\n    \"counter\": \"rust/components/counter/counter\"\n",
            root.path().join("plugin.json").display()
        )],
    );
    let plugin_json = root.path().join("plugin.json");
    std::fs::write(
        &plugin_json,
        r#"{"main": "index.js", "publicComponents": {"counter": "rust/components/counter/counter"}}"#,
    )
    .unwrap();
    refused(
        &krate,
        &out,
        &flags,
        &[
            "\"publicComponents\" does not list every component",
            "\"badge\": \"rust/components/badge/badge\"\n",
        ],
    );
    let theirs = r#"{"main": "index.js", "publicComponents": {"counter": "rust/components/counter/counter", "badge": "rust/components/badge/badge"}}"#;
    std::fs::write(&plugin_json, theirs).unwrap();
    built(&krate, &out, &flags);
    assert!(
        !out.join("plugin.json").exists(),
        "the user's plugin.json is at the root"
    );
    assert_eq!(std::fs::read_to_string(&plugin_json).unwrap(), theirs, "never written");
    assert!(out.join("components/counter/counter.js").is_file());
}
