//! The expensive stages (wasm-opt, brotli, wasm2js and its mangling) are skipped when their
//! inputs did not change: the log says so, the folder is byte for byte what a fresh build
//! writes, and a change of the source, the mode, `--no-minify` or `--wasm-features`
//! rebuilds.
//!
//! A copy of the fixture crate under another name, so that its work folder (and cache) is
//! this test's alone; it builds in the fixtures' shared target dir, whose dependencies the
//! other tests have compiled.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const NAME: &str = "wxpack-cache-fixture";
const REUSED: &str = ": reused (inputs unchanged";

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-fixtures")
}

fn fixture_copy() -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wxpack-fixture");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::copy(src.join("src/lib.rs"), dir.path().join("src/lib.rs")).unwrap();
    for file in ["Cargo.toml", "Cargo.lock"] {
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        let renamed = text.replace("name = \"wxpack-fixture\"", &format!("name = \"{NAME}\""));
        assert_ne!(text, renamed, "{file} names the fixture");
        std::fs::write(dir.path().join(file), renamed).unwrap();
    }
    dir
}

/// `wx-pack build KRATE FLAGS --out OUT`: its stderr (the log).
fn build(krate: &Path, out: &Path, flags: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_wx-pack"))
        .arg("build")
        .arg(krate)
        .args(flags)
        .arg("--out")
        .arg(out)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap())
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("WX_PACK_ROOT")
        .env_remove("WX_PACK_NODE")
        .env_remove("WX_PACK_NODE_MODULES")
        .output()
        .expect("wx-pack starts");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "wx-pack build {flags:?}:\n{stderr}");
    stderr
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn assert_same_folders(fresh: &Path, reused: &Path) {
    let (fresh, reused) = (files(fresh), files(reused));
    assert_eq!(fresh.keys().collect::<Vec<_>>(), reused.keys().collect::<Vec<_>>());
    for (name, bytes) in &fresh {
        assert!(
            bytes == &reused[name],
            "{} differs from a fresh build's",
            name.display()
        );
    }
}

#[test]
fn unchanged_stages_are_reused_and_changed_ones_rebuilt() {
    let krate = fixture_copy();
    let krate = krate.path();
    let outs = tempfile::tempdir().unwrap();
    let out = |name: &str| outs.path().join(name);
    // Fresh: nothing of an earlier run of this test.
    let _ = std::fs::remove_dir_all(target_dir().join("wx-pack").join(NAME).join("cache"));

    // wasm2js mode, minified.
    let log = build(krate, &out("w2j-fresh"), &["--mode", "wasm2js"]);
    assert!(!log.contains(REUSED), "{log}");
    assert!(log.contains("wasm2js -Oz"), "{log}");
    let log = build(krate, &out("w2j-warm"), &["--mode", "wasm2js"]);
    assert!(
        log.contains("wasm-opt, wasm2js and the mangling of its output: reused (inputs unchanged"),
        "{log}"
    );
    assert!(!log.contains("wasm2js -Oz"), "{log}");
    assert_same_folders(&out("w2j-fresh"), &out("w2j-warm"));

    // --no-minify: another output.
    let log = build(krate, &out("w2j-plain"), &["--mode", "wasm2js", "--no-minify"]);
    assert!(!log.contains(REUSED) && log.contains("wasm2js -Oz"), "{log}");

    // The wasm mode (MVP features), then the modern features.
    let log = build(krate, &out("wasm-fresh"), &["--mode", "wasm"]);
    assert!(!log.contains(REUSED) && log.contains("wasm-opt -Oz"), "{log}");
    let log = build(krate, &out("wasm-warm"), &["--mode", "wasm"]);
    assert!(
        log.contains("wasm-opt (MVP lowering, -Oz) and brotli: reused (inputs unchanged"),
        "{log}"
    );
    assert!(!log.contains("brotli, quality 11"), "{log}");
    assert_same_folders(&out("wasm-fresh"), &out("wasm-warm"));
    let log = build(krate, &out("modern"), &["--mode", "wasm", "--wasm-features", "modern"]);
    assert!(!log.contains(REUSED) && log.contains("brotli, quality 11"), "{log}");

    // A change of the source: the wasm2js stage is redone.
    let lib = krate.join("src/lib.rs");
    let mut source = std::fs::read_to_string(&lib).unwrap();
    source.push_str("\n#[wasm_bindgen]\npub fn cache_probe() -> u32 {\n    7\n}\n");
    std::fs::write(&lib, source).unwrap();
    let log = build(krate, &out("w2j-changed"), &["--mode", "wasm2js"]);
    assert!(!log.contains(REUSED) && log.contains("wasm2js -Oz"), "{log}");
    let changed = files(&out("w2j-changed"));
    let code = Path::new("wxpack_cache_fixture_bg.wasm.js");
    assert_ne!(changed[code], files(&out("w2j-fresh"))[code]);
}
