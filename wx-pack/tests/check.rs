//! `wx-pack check`: the forbidden and too-new `wx` calls of existing JavaScript and
//! TypeScript plugins, with their places, from the allowlist data.
//!
//! Fixtures (`tests/fixtures/check-*`): `check-js` and `check-ts` (every form of use:
//! `wx.name(...)`, `wx['name']`, destructuring, an alias, an IIFE's parameter, the parameter
//! of a function called with `wx`, a shadowing parameter, a computed key, feature detection,
//! a declaration file), `check-config` (a DevTools project whose
//! `libVersion` is the minimum base), and two real packages by the WeChat team, MIT-licensed,
//! copied with their license (`check-weui`, `check-recycle-view`: see their READMEs).

use std::path::{Path, PathBuf};
use std::process::Command;

use wx_allowlist::Allowlist;
use wx_pack::check;
use wx_pack::tools::Tools;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// What `wx-pack check ARGS` did in the workspace: exit code, stdout, stderr.
fn check(args: &[&str]) -> (Option<i32>, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wx-pack"));
    command.arg("check").args(args).current_dir(workspace_root());
    for var in ["WX_PACK_ROOT", "WX_PACK_NODE", "WX_PACK_NODE_MODULES", "WX_PACK_CACHE"] {
        command.env_remove(var);
    }
    let out = command.output().expect("wx-pack starts");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), stderr)
}

fn path(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

const LOGIN_1_9_6: &str = "needs-base: wx.login needs base library 2.3.1 in plugins, above the minimum base 1.9.6; \
                           plugins have wx.pluginLogin for this (from base library 2.20.1)";
const PAYMENT: &str = "not-available: wx.requestPayment is not available to plugins (not supported in plugins); \
                       plugins have wx.requestPluginPayment for this (from base library 2.22.1)";
const TYPO: &str = "not-available: wx.showToas is not a wx function plugins can call; did you mean wx.showToast?";
const FS_1_9_6: &str =
    "needs-base: wx.getFileSystemManager needs base library 2.19.2 in plugins, above the minimum base 1.9.6";

fn lines(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn js_expected() -> String {
    lines(&[
        format!("index.js:6:48: {LOGIN_1_9_6}"),
        format!("index.js:9:8: {PAYMENT}"),
        format!("index.js:12:8: {TYPO}"),
        format!("index.js:15:15: {FS_1_9_6}"),
        // const { request, getFileSystemManager: fsm, showToast } = wx
        format!("lib/api.js:2:18: {FS_1_9_6}"),
        // const w = wx; w['requestPayment']({})
        format!("lib/api.js:7:5: {PAYMENT}"),
        // wx['getFileSystemManager']()
        format!("lib/api.js:8:13: {FS_1_9_6}"),
        // ;(function (x) { x.login({}) })(wx)
        format!("lib/api.js:12:5: {LOGIN_1_9_6}"),
        // if (wx.requestPayment) wx.requestPayment({}): guarded, still never there
        format!("lib/api.js:36:27: {PAYMENT}"),
        // function pay(api) { api.requestPayment({}) } pay(wx)
        format!("lib/api.js:41:7: {PAYMENT}"),
    ])
}

#[test]
fn finds_every_form_of_use_in_javascript() {
    let (code, stdout, stderr) = check(&[path(&fixture("check-js"))]);
    assert_eq!(stdout, js_expected(), "{stderr}");
    assert_eq!(code, Some(1), "{stderr}");
    // Not reported: wx.showToast and w.setStorageSync (permitted at 1.9.6), wx.env (read,
    // no function), the parameter named wx, the alias assigned again, lib/types.d.ts, the
    // feature tests (`if (wx.getFileSystemManager)`, `typeof ...`) and the too-new calls
    // they guard. The alias assigned again (`let reassigned = wx`, line 20) is no alias: a
    // note says that what is called through it is not checked.
    assert_eq!(
        stderr,
        "note: lib/api.js:25:13: wx[...] with a computed key is not checked\n\
         note: lib/api.js:20:18: wx is passed on where wx-pack cannot follow it: the calls made through it are not \
         checked\n\
         checked 2 files at base library 1.9.6 (the lowest base library plugins have; no --base, no libVersion): \
         10 findings\n"
    );
}

#[test]
fn finds_them_in_typescript() {
    let (code, stdout, stderr) = check(&[path(&fixture("check-ts"))]);
    assert_eq!(
        stdout,
        lines(&[
            format!("index.ts:10:6: {TYPO}"),
            // (wx as any).getFileSystemManager()
            format!("index.ts:13:51: {FS_1_9_6}"),
            // const { requestPayment, setStorageSync } = wx
            format!("index.ts:15:9: {PAYMENT}"),
            // const w = wx!; w.login({})
            format!("index.ts:17:3: {LOGIN_1_9_6}"),
            format!("index.ts:22:7: {FS_1_9_6}"),
        ]),
        "{stderr}"
    );
    assert_eq!(code, Some(1));
    assert!(stderr.ends_with(": 5 findings\n"), "{stderr}");
}

#[test]
fn too_new_at_2_18_1_is_clean_at_2_19_2() {
    let dir = fixture("check-config/plugin");
    let (code, stdout, stderr) = check(&[path(&dir), "--base", "2.18.1"]);
    assert_eq!(
        stdout,
        "index.js:5:15: needs-base: wx.getFileSystemManager needs base library 2.19.2 in plugins, above the minimum \
         base 2.18.1\n"
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr, "checked 1 file at base library 2.18.1 (--base): 1 finding\n");
    let (code, stdout, stderr) = check(&[path(&dir), "--base", "2.19.2"]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""), "{stderr}");
    assert_eq!(stderr, "checked 1 file at base library 2.19.2 (--base): 0 findings\n");
}

#[test]
fn reads_the_minimum_base_from_the_devtools_project() {
    // The project root, or the plugin folder inside it: project.config.json's libVersion 2.19.2.
    let config = fixture("check-config")
        .join("project.config.json")
        .canonicalize()
        .unwrap();
    for dir in [fixture("check-config"), fixture("check-config/plugin")] {
        let (code, stdout, stderr) = check(&[path(&dir)]);
        assert_eq!((code, stdout.as_str()), (Some(0), ""), "{stderr}");
        assert_eq!(
            stderr,
            format!(
                "checked 1 file at base library 2.19.2 (libVersion of {}): 0 findings\n",
                config.display()
            )
        );
    }
    assert_eq!(
        check::minimum_base(&fixture("check-config/plugin")).unwrap(),
        (semver::Version::new(2, 19, 2), check::BaseFrom::Config(config.clone()))
    );

    // project.private.config.json wins over project.config.json; --base over both.
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check-config"), tmp.path());
    let private = tmp.path().join("project.private.config.json");
    std::fs::write(&private, r#"{"libVersion": "2.18.1", "setting": {"urlCheck": false}}"#).unwrap();
    let plugin = tmp.path().join("plugin");
    let (code, stdout, stderr) = check(&[path(&plugin)]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stdout,
        "index.js:5:15: needs-base: wx.getFileSystemManager needs base library 2.19.2 in plugins, above the minimum \
         base 2.18.1\n"
    );
    let private_path = private.canonicalize().unwrap();
    assert!(
        stderr.contains(&format!("(libVersion of {})", private_path.display())),
        "{stderr}"
    );
    let (code, _, stderr) = check(&[path(&plugin), "--base", "2.19.2"]);
    assert_eq!(code, Some(0), "{stderr}");

    // A private file without libVersion leaves project.config.json's.
    std::fs::write(&private, r#"{"setting": {"urlCheck": false}}"#).unwrap();
    let (code, _, stderr) = check(&[path(&plugin)]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("base library 2.19.2 (libVersion of"), "{stderr}");

    // A libVersion that is no version is an error (2), which names the file and --base.
    std::fs::write(&private, r#"{"libVersion": "latest"}"#).unwrap();
    let (code, stdout, stderr) = check(&[path(&plugin)]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: the libVersion of {}: `latest` is not a base-library version",
            private_path.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("pass the plugin's minimum base with --base"),
        "{stderr}"
    );

    // No project around: the lowest base library.
    let bare = tempfile::tempdir().unwrap();
    assert_eq!(
        check::minimum_base(bare.path()).unwrap(),
        (wx_allowlist::baseline(), check::BaseFrom::Lowest)
    );
}

#[test]
fn json_is_an_array_of_findings() {
    let (code, stdout, stderr) = check(&[path(&fixture("check-js")), "--json"]);
    assert_eq!(code, Some(1), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let findings = value.as_array().unwrap();
    assert_eq!(findings.len(), 10);
    for finding in findings {
        let keys: Vec<&str> = finding.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["api", "column", "file", "line", "message", "rule"], "{finding}");
        assert!(finding["line"].is_u64() && finding["column"].is_u64(), "{finding}");
        assert!(["not-available", "needs-base"].contains(&finding["rule"].as_str().unwrap()));
    }
    assert_eq!(
        findings[2],
        serde_json::json!({
            "file": "index.js",
            "line": 12,
            "column": 8,
            "api": "showToas",
            "rule": "not-available",
            "message": "wx.showToas is not a wx function plugins can call; did you mean wx.showToast?",
        })
    );
    assert_eq!(findings[4]["file"], "lib/api.js");
    // The text lines are the same findings.
    let text: String = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {}: {}\n",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(text, js_expected());
    // None: an empty array, exit 0.
    let (code, stdout, _) = check(&[path(&fixture("check-config")), "--json"]);
    assert_eq!((code, stdout.as_str()), (Some(0), "[]\n"));
}

/// `--eslint`: the shape of ESLint's `json` formatter (`JSON.stringify(results)`: one result
/// per file with `filePath`, `messages` of `{ruleId, severity, message, line, column}` and
/// the counts; a parsing error is a fatal message with a null `ruleId`).
#[test]
fn eslint_output_is_the_shape_of_eslints_json_formatter() {
    let dir = fixture("check-js");
    let (code, stdout, stderr) = check(&[path(&dir), "--eslint"]);
    assert_eq!(code, Some(1), "{stderr}");
    let results: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let results = results.as_array().unwrap();
    let root = dir.canonicalize().unwrap();
    let paths: Vec<&str> = results.iter().map(|r| r["filePath"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            root.join("index.js").to_str().unwrap(),
            root.join("lib/api.js").to_str().unwrap()
        ]
    );
    let (counts, total): (Vec<u64>, usize) = (
        results.iter().map(|r| r["errorCount"].as_u64().unwrap()).collect(),
        results.iter().map(|r| r["messages"].as_array().unwrap().len()).sum(),
    );
    assert_eq!((counts, total), (vec![4, 6], 10));
    for result in results {
        for key in [
            "fatalErrorCount",
            "warningCount",
            "fixableErrorCount",
            "fixableWarningCount",
        ] {
            assert_eq!(result[key], 0, "{key}");
        }
        assert_eq!(result["suppressedMessages"], serde_json::json!([]));
    }
    assert_eq!(
        results[0]["messages"][2],
        serde_json::json!({
            "ruleId": "wx-pack/not-available",
            "severity": 2,
            "message": "wx.showToas is not a wx function plugins can call; did you mean wx.showToast?",
            "line": 12,
            "column": 8,
        })
    );
    assert_eq!(results[1]["messages"][0]["ruleId"], "wx-pack/needs-base");

    // A clean file is listed with no messages; a parsing error is fatal.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bad.js"), "function (\n").unwrap();
    std::fs::write(tmp.path().join("ok.js"), "wx.showToast({})\n").unwrap();
    let (code, stdout, stderr) = check(&[path(tmp.path()), "--eslint"]);
    assert_eq!(code, Some(2), "{stderr}");
    let results: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let bad = &results[0];
    assert_eq!((&bad["errorCount"], &bad["fatalErrorCount"]), (&1.into(), &1.into()));
    let message = &bad["messages"][0];
    assert_eq!(
        (&message["ruleId"], &message["fatal"], &message["severity"]),
        (&serde_json::Value::Null, &true.into(), &2.into())
    );
    assert!(
        message["message"].as_str().unwrap().starts_with("Parsing error: "),
        "{message}"
    );
    assert_eq!(results[1]["messages"], serde_json::json!([]));
    assert_eq!(results[1]["errorCount"], 0);
}

#[test]
fn skips_node_modules_hidden_folders_and_declaration_files() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check-js"), tmp.path());
    for skipped in [
        "node_modules/dep/index.js",
        ".cache/old.js",
        "lib/more.d.ts",
        "page.wxs",
    ] {
        let file = tmp.path().join(skipped);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, "wx.requestPayment({})\n").unwrap();
    }
    // But miniprogram_npm/, which ships, is checked.
    std::fs::create_dir_all(tmp.path().join("miniprogram_npm/dep")).unwrap();
    std::fs::write(
        tmp.path().join("miniprogram_npm/dep/index.js"),
        "wx.requestPayment({})\n",
    )
    .unwrap();
    let (code, stdout, stderr) = check(&[path(tmp.path())]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stdout,
        format!("{}miniprogram_npm/dep/index.js:1:4: {PAYMENT}\n", js_expected())
    );
    let files = check::source_files(tmp.path()).unwrap();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    assert_eq!(names, ["index.js", "lib/api.js", "miniprogram_npm/dep/index.js"]);
}

#[test]
fn usage_and_io_errors_exit_with_2() {
    let (code, _, stderr) = check(&["/nonexistent/plugin"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr, "error: /nonexistent/plugin is not a folder\n");
    let (code, _, stderr) = check(&[path(&fixture("check-js")), "--base", "2.18"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("not a base-library version"), "{stderr}");
    let (code, _, stderr) = check(&[path(&fixture("check-js")), "--bogus"]);
    assert_eq!(code, Some(2), "{stderr}");

    // A file that does not parse: its syntax errors, what could be found, and 2.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bad.js"), "wx.requestPayment({})\nfunction (\n").unwrap();
    let (code, stdout, stderr) = check(&[path(tmp.path())]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stdout, format!("bad.js:1:4: {PAYMENT}\n"));
    assert!(stderr.starts_with("error: bad.js:2:"), "{stderr}");
    assert!(
        stderr.ends_with("error: syntax errors: the files above were not checked whole\n"),
        "{stderr}"
    );
}

/// The extractor only finds uses: the decisions are wx-allowlist's, so no name of a `wx`
/// function (permitted or forbidden) is written in it, and no version either: in
/// `wxuses.mjs` nor in any of its modules (`js/wxuses/`).
#[test]
fn the_extractor_holds_no_list() {
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
    let list = Allowlist::get();
    let names: Vec<&str> = list
        .iter()
        .map(|api| api.name.as_str())
        .chain(list.forbidden_iter().map(|f| f.name.as_str()))
        .collect();
    assert!(names.len() > 400, "{}", names.len());
    let scripts: Vec<(&str, &str)> = wx_pack::tools::wxuses_scripts().collect();
    let shipped: Vec<&str> = scripts.iter().map(|(name, _)| *name).collect();
    assert!(shipped.len() > 1 && shipped[0] == "wxuses.mjs", "{shipped:?}");
    for (name, text) in scripts {
        // The binary runs the very files.
        assert_eq!(text, std::fs::read_to_string(js.join(name)).unwrap(), "{name}");
        let words: std::collections::BTreeSet<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
            .filter(|w| !w.is_empty())
            .collect();
        let written: Vec<&&str> = names.iter().filter(|api| words.contains(**api)).collect();
        assert!(written.is_empty(), "{name} names wx functions: {written:?}");
        for version in list.gated_versions() {
            assert!(!text.contains(&version.to_string()), "{name} has the version {version}");
        }
    }
}

#[test]
fn weui_miniprogram_as_a_plugin_needs_2_19_2() {
    // Real code (webpack bundles, one line each): see tests/fixtures/check-weui/README.md.
    let dir = fixture("check-weui");
    let (code, stdout, stderr) = check(&[path(&dir)]);
    assert_eq!(
        stdout,
        "miniprogram_dist/cell/cell.js:1:1116: needs-base: wx.navigateTo needs base library 2.2.2 in plugins, above the minimum base \
         1.9.6\n\
         miniprogram_dist/grids/grids.js:1:736: needs-base: wx.navigateTo needs base library 2.2.2 in plugins, above the minimum base \
         1.9.6\n\
         miniprogram_dist/navigation-bar/navigation-bar.js:1:1078: needs-base: wx.navigateBack needs base library 2.1.0 in plugins, \
         above the minimum base 1.9.6\n\
         miniprogram_dist/uploader/uploader.js:1:1452: needs-base: wx.getFileSystemManager needs base library 2.19.2 in plugins, \
         above the minimum base 1.9.6\n",
        "{stderr}"
    );
    assert_eq!(code, Some(1));
    // TypeScript's lowering of `wx.getMenuButtonBoundingClientRect?.()` stores wx in a
    // variable (`(e=wx).getMenuButtonBoundingClientRect`, then `t.call(e)`): not followed.
    assert!(
        stderr.starts_with(
            "note: miniprogram_dist/navigation-bar/navigation-bar.js:1:568: wx is passed on where wx-pack cannot \
             follow it: the calls made through it are not checked\n\
             checked 24 files at base library 1.9.6 "
        ),
        "{stderr}"
    );
    let (code, stdout, stderr) = check(&[path(&dir), "--base", "2.19.2"]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""), "{stderr}");
    // The README says the same.
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let (_, stdout, _) = check(&[path(&dir)]);
    assert!(
        readme.contains(&format!("```\n{stdout}```")),
        "README.md is out of date:\n{stdout}"
    );
}

#[test]
fn recycle_view_is_clean_and_its_uses_are_found() {
    // Real code (readable source): see tests/fixtures/check-recycle-view/README.md.
    let dir = fixture("check-recycle-view");
    let (code, stdout, stderr) = check(&[path(&dir)]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""), "{stderr}");
    assert!(stderr.starts_with("checked 7 files at base library 1.9.6 "), "{stderr}");
    // Clean, because every use it has is permitted at 1.9.6: here they are.
    let tools = Tools::locate(&workspace_root()).unwrap();
    let files = check::source_files(&dir).unwrap();
    let uses = check::extract(&tools, &dir, &files).unwrap();
    let found: Vec<String> = uses
        .iter()
        .flat_map(|f| {
            f.uses
                .iter()
                .map(move |u| format!("{}:{}:{} {}", f.file.display(), u.line, u.column, u.name))
        })
        .collect();
    assert_eq!(
        found,
        [
            "src/recycle-view.js:5:23 getSystemInfoSync",
            "src/utils/recycle-context.js:142:10 createSelectorQuery",
            "src/utils/recycle-context.js:147:10 createSelectorQuery",
            "src/utils/recycle-context.js:222:23 getStorageSync",
            "src/utils/recycle-context.js:298:10 setStorageSync",
            "src/utils/recycle-context.js:314:10 createSelectorQuery",
            "src/utils/transformRpx.js:6:19 getSystemInfoSync",
        ]
    );
    let base = wx_allowlist::baseline();
    for file in &uses {
        for u in &file.uses {
            assert!(
                Allowlist::get().lookup(&u.name).unwrap().available_at(&base),
                "{}",
                u.name
            );
        }
    }
}

/// The speed figures of the README: `cargo test -p wx-pack --test check -- --ignored
/// --nocapture` generates 2,000 plugin files (one in four TypeScript, 40 functions of 80
/// `wx` uses each, some forbidden, too new or misspelt) and times `wx-pack check` on them.
#[test]
#[ignore = "a benchmark: run it by name"]
fn speed_on_2000_generated_files() {
    let tmp = tempfile::tempdir().unwrap();
    let names = [
        "showToast",
        "request",
        "getStorageSync",
        "setStorageSync",
        "login",
        "getFileSystemManager",
        "createSelectorQuery",
        "showToas",
        "navigateTo",
        "requestPayment",
    ];
    // A fixed pseudo-random sequence, so every run checks the same files.
    let mut state: u64 = 1;
    let mut pick = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        names[(state >> 33) as usize % names.len()]
    };
    let mut bytes = 0;
    for i in 0..2000 {
        let ts = i % 4 == 0;
        let ty = if ts { ": number" } else { "" };
        let mut text = String::from("const { request } = wx\nconst w = wx\n");
        for j in 0..40 {
            let (a, b) = (pick(), pick());
            text.push_str(&format!(
                "function handler{j}(event{ty}) {{\n  const value{ty} = event.detail.value + {j}\n  if (value > {}) {{\n    \
                 wx.{a}({{ title: 'item ' + value, success(res) {{ console.log(res, value) }} }})\n  }} else {{\n    \
                 w['{b}']({{ url: '/pages/x?id=' + value }})\n  }}\n  return [1, 2, 3].map((x) => x * value).filter(Boolean)\n}}\n",
                j * 3
            ));
        }
        bytes += text.len();
        std::fs::write(
            tmp.path().join(format!("f{i:04}.{}", if ts { "ts" } else { "js" })),
            text,
        )
        .unwrap();
    }
    let start = std::time::Instant::now();
    let (code, stdout, stderr) = check(&[path(tmp.path())]);
    let elapsed = start.elapsed();
    assert_eq!(code, Some(1), "{stderr}");
    println!(
        "wx-pack check: 2000 files, {bytes} bytes, {} findings in {:.2} s",
        stdout.lines().count(),
        elapsed.as_secs_f64()
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A folder with `a.js` (a forbidden call) and `lib/b.js` (a too-new one), for the walks.
fn two_file_plugin() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(dir.path().join("a.js"), "wx.requestPayment({})\n").unwrap();
    std::fs::write(dir.path().join("lib/b.js"), "wx.getFileSystemManager()\n").unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_symlink_cycle_is_walked_once() {
    // `ln -s . self` (and one more, below): each real file once, each real folder read once.
    let dir = two_file_plugin();
    std::os::unix::fs::symlink(".", dir.path().join("self")).unwrap();
    let walk = check::walk_sources(dir.path()).unwrap();
    assert_eq!(walk.files, [PathBuf::from("a.js"), PathBuf::from("lib/b.js")]);
    assert_eq!(walk.dirs_read, 2, "the folder and lib/, each once");
    let (code, stdout, stderr) = check(&[path(dir.path())]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stdout,
        lines(&[format!("a.js:1:4: {PAYMENT}"), format!("lib/b.js:1:4: {FS_1_9_6}")]),
        "{stderr}"
    );
    assert!(stderr.contains("checked 2 files at base library 1.9.6"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn two_symlink_cycles_are_walked_once_not_exponentially() {
    // Two links up, at two depths: a walk that follows links by path reads 2^depth folders
    // (and never ends with links to `..`); by real folder it reads each once.
    let dir = two_file_plugin();
    std::os::unix::fs::symlink(".", dir.path().join("self")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("lib/up")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("lib/here")).unwrap();
    let walk = check::walk_sources(dir.path()).unwrap();
    assert_eq!(walk.files, [PathBuf::from("a.js"), PathBuf::from("lib/b.js")]);
    assert_eq!(walk.dirs_read, 2);
    let (code, stdout, stderr) = check(&[path(dir.path()), "--json"]);
    assert_eq!(code, Some(1), "{stderr}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let files: Vec<&str> = findings.iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["a.js", "lib/b.js"]);
}

#[test]
fn a_file_too_deep_to_parse_is_named_and_the_others_are_checked() {
    // About a thousand nested parentheses overflow TypeScript's recursive parser.
    let dir = two_file_plugin();
    let deep = format!("var x = {}1{};\nwx.login()\n", "(".repeat(1000), ")".repeat(1000));
    std::fs::write(dir.path().join("deep.js"), deep).unwrap();
    let (code, stdout, stderr) = check(&[path(dir.path())]);
    // The findings of the other files, all of them; the deep one an error, by name.
    assert_eq!(
        stdout,
        lines(&[format!("a.js:1:4: {PAYMENT}"), format!("lib/b.js:1:4: {FS_1_9_6}")]),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: deep.js:1:1: cannot be analysed: Maximum call stack size exceeded"),
        "{stderr}"
    );
    assert!(stderr.contains("checked 3 files"), "{stderr}");
    assert_eq!(code, Some(2), "a file not checked is an incomplete check: {stderr}");
}
