//! The output folder: `--plugin-subdir` refused where it cannot work and loading by absolute
//! path where it can, a rebuild into a used folder, and an `--out` that is a file.

use serde_json::{Value, json};

use crate::assert_clear_error;
use crate::package::{check_manifest, file_names, files_on_disk, results, set, wx_host};
use crate::support::{fixture, run, s, wx_pack};

#[test]
fn bad_plugin_subdirs_are_refused() {
    let fixture = fixture("wxpack-fixture");
    for bad in [
        "",
        "/",
        "//",
        ".",
        "..",
        "../rust",
        "rust/..",
        "lib/../rust",
        "./rust",
        "lib/./rust",
        "lib//rust",
    ] {
        let ran = run(&mut wx_pack(&["build", s(&fixture), "--plugin-subdir", bad]));
        assert_eq!(ran.code, Some(1), "{bad:?}: {}", ran.stderr);
        assert_clear_error(
            &ran,
            &[&format!(
                "error: --plugin-subdir `{bad}`: expected a folder path inside the plugin root, like `rust` or \
                 `lib/rust`"
            )],
        );
    }
    // `run` needs the folder's own plugin.json, which a --plugin-subdir build has not: it
    // says so before building.
    let ran = run(&mut wx_pack(&["run", s(&fixture), "--plugin-subdir", "rust"]));
    assert_clear_error(
        &ran,
        &["error: `wx-pack run` cannot run a --plugin-subdir build: that folder (rust) is only part of a plugin"],
    );
    assert!(
        !ran.stderr.contains("wx-pack ["),
        "it must not build first:\n{}",
        ran.stderr
    );
}

#[test]
fn plugin_subdir_build_loads_by_absolute_path_and_writes_no_plugin_json() {
    // A plugin root of the user's own, whose plugin.json names the Rust part as its main.
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let users_plugin_json = "{ \"main\": \"lib/rust/index.js\", \"publicComponents\": {}, \"pages\": {} }\n";
    std::fs::write(root.join("plugin.json"), users_plugin_json).unwrap();
    let out = root.join("lib/rust");
    let fixture = fixture("wxpack-fixture");

    // First a plain build into that folder: it writes a plugin.json there ...
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture),
        "-q",
        "--mode",
        "wasm",
        "--out",
        s(&out),
    ]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(out.join("plugin.json").is_file());

    // ... which the --plugin-subdir build removes as a stale file of the earlier build. The
    // slashes around the value are dropped.
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture),
        "-q",
        "--mode",
        "wasm",
        "--plugin-subdir",
        "/lib/rust/",
        "--out",
        s(&out),
    ]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.contains(
            "note: no plugin.json written: in the plugin's own plugin.json, set \"main\" to \"lib/rust/index.js\" \
             (or require it from the main module)\n"
        ),
        "{}",
        ran.stdout
    );
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap();
    check_manifest(
        &manifest,
        &out,
        "wasm",
        "2.18.1",
        "2.18.1",
        &["index.js", "wxpack_fixture_bg.js", "wxpack_fixture_bg.wasm.br"],
    );
    assert!(!out.join("plugin.json").exists());
    assert_eq!(
        std::fs::read_to_string(root.join("plugin.json")).unwrap(),
        users_plugin_json
    );
    // WXWebAssembly paths are absolute from the plugin root (wx-pack/README.md).
    let index = std::fs::read_to_string(out.join("index.js")).unwrap();
    assert!(
        index.contains("WASM_PATH=\"/lib/rust/wxpack_fixture_bg.wasm.br\""),
        "{index}"
    );

    // And the host, which resolves that path from the plugin root, loads it.
    let (ran, report) = wx_host(root, "2.18.1", &["add=[2,40]", r#"measure=["中🦀"]"#]);
    assert_eq!(ran.code, Some(0), "{}", ran.stdout);
    let results = results(&report);
    assert_eq!(results[0].1, 42);
    assert_eq!(results[1].1, "7/2");
    let instantiate = &report["trace"][0];
    assert_eq!(instantiate["api"], "WXWebAssembly.instantiate");
    assert_eq!(instantiate["args"][0], "/lib/rust/wxpack_fixture_bg.wasm.br");
    assert_eq!(instantiate["outcome"], "success");
}

#[test]
fn rebuild_removes_only_the_earlier_builds_files_and_keeps_an_edited_plugin_json() {
    let tmp = tempfile::tempdir().unwrap();
    let tmp = tmp.path();
    let out = tmp.join("pkg");
    std::fs::create_dir_all(out.join("snippets/stale-0123")).unwrap();
    // What an earlier build left: its manifest lists its files, plugin.json among them, which
    // the user has edited since. Names that lead outside the folder (a damaged or hand-edited
    // manifest) must not be followed.
    let absolute = tmp.join("absolute.txt");
    let earlier = json!({
        "crate": "wxpack-fixture",
        "files": [
            { "name": "index.js" },
            { "name": "stale_bg.wasm.js" },
            { "name": "snippets/stale-0123/inline0.js" },
            { "name": "plugin.json" },
            { "name": "../outside.txt" },
            { "name": "sub/../../outside.txt" },
            { "name": s(&absolute) },
        ]
    });
    std::fs::write(out.join("wx-pack.json"), earlier.to_string()).unwrap();
    std::fs::write(out.join("stale_bg.wasm.js"), "stale").unwrap();
    std::fs::write(out.join("snippets/stale-0123/inline0.js"), "stale").unwrap();
    std::fs::write(tmp.join("outside.txt"), "not wx-pack's").unwrap();
    std::fs::write(&absolute, "not wx-pack's").unwrap();
    std::fs::write(out.join("index.js"), "stale").unwrap();
    // The user's edits of plugin.json, and a file of the user's own that no manifest lists.
    let users_plugin_json = r#"{
  "main": "index.js",
  "publicComponents": { "panel": "components/panel" },
  "pages": {}
}
"#;
    std::fs::write(out.join("plugin.json"), users_plugin_json).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();

    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("wxpack-fixture")),
        "-q",
        "--mode",
        "wasm",
        "--out",
        s(&out),
    ]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stdout.contains(&format!(
            "note: kept the existing {} (its `main` should be \"index.js\")\n",
            out.join("plugin.json").display()
        )),
        "{}",
        ran.stdout
    );
    assert_eq!(
        std::fs::read_to_string(out.join("plugin.json")).unwrap(),
        users_plugin_json
    );
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    assert_eq!(
        std::fs::read_to_string(tmp.join("outside.txt")).unwrap(),
        "not wx-pack's"
    );
    assert_eq!(std::fs::read_to_string(&absolute).unwrap(), "not wx-pack's");
    assert!(!out.join("stale_bg.wasm.js").exists());
    assert!(!out.join("snippets").exists(), "emptied snippet folders are removed");
    let index = std::fs::read_to_string(out.join("index.js")).unwrap();
    assert!(index.contains("WXWebAssembly.instantiate(WASM_PATH,"), "{index}");

    // The new manifest lists what this build wrote, without the user's plugin.json, so the
    // next build leaves that alone too.
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap();
    assert_eq!(
        file_names(&manifest),
        ["index.js", "wxpack_fixture_bg.js", "wxpack_fixture_bg.wasm.br"]
    );
    assert_eq!(
        files_on_disk(&out),
        set(&[
            "index.js",
            "notes.txt",
            "plugin.json",
            "wx-pack.json",
            "wxpack_fixture_bg.js",
            "wxpack_fixture_bg.wasm.br",
        ])
    );
}

#[test]
fn out_that_is_a_file_is_refused_before_building() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pkg");
    std::fs::write(&out, "a file").unwrap();
    let ran = run(&mut wx_pack(&[
        "build",
        s(&fixture("wxpack-fixture")),
        "--out",
        s(&out),
    ]));
    assert_clear_error(
        &ran,
        &[&format!(
            "error: --out {} exists and is not a folder: wx-pack writes the plugin folder there; remove it or give \
             another folder",
            out.display()
        )],
    );
    assert!(
        !ran.stderr.contains("cargo build"),
        "it must not build first:\n{}",
        ran.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "a file");
}
