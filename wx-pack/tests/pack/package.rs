//! What a packaged folder must be: `wx-pack run` of the fixture and the results of its
//! calls, `wx-pack.json` against the files on disk, and `wx-host run` of a folder built earlier.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use crate::node;
use crate::support::{Ran, fixture, run, s, workspace_root, wx_pack};

/// `wx-pack run <fixture> <flags> -- <calls> --json`: the host's JSON report and the
/// folder's `wx-pack.json`.
pub(crate) fn run_fixture(flags: &[&str], out: &Path) -> (Value, Value) {
    let fixture = fixture("wxpack-fixture");
    let mut args = vec!["run", s(&fixture), "--quiet", "--out", s(out)];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[
        "--",
        "--json",
        "--call",
        r#"greet=["世界 🌏"]"#,
        "--call",
        "add=[2,40]",
        "--call",
        r#"measure=["a\u0000é中🦀"]"#,
        "--call",
        "twice_later=[21]",
        "--call",
        "memory_size",
        // Grows wasm memory while the glue holds views of it from the calls above.
        "--call",
        "repeat=[1000000]",
        "--call",
        "memory_size",
        "--call",
        r#"measure=["after growth: 你好🦀"]"#,
        "--call",
        "recorder",
    ]);
    let ran = run(&mut wx_pack(&args));
    assert_eq!(
        ran.code,
        Some(0),
        "wx-pack run failed:\nstdout:\n{}\nstderr:\n{}",
        ran.stdout,
        ran.stderr
    );
    let report: Value = serde_json::from_str(ran.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {}", ran.stdout));
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(out.join("wx-pack.json")).unwrap()).unwrap();
    (report, manifest)
}

pub(crate) fn results(report: &Value) -> Vec<(String, Value)> {
    report["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["ok"], true, "call failed: {c}");
            (c["export"].as_str().unwrap().to_owned(), c["result"].clone())
        })
        .collect()
}

/// `memory_size()`'s "pages/bytes": the wasm's own page count and the JS side's
/// `memory.buffer.byteLength`, which must agree (64 KiB pages).
pub(crate) fn memory_bytes(result: &Value) -> u64 {
    let text = result
        .as_str()
        .unwrap_or_else(|| panic!("memory_size returned {result}"));
    let (pages, bytes) = text.split_once('/').unwrap_or_else(|| panic!("{text}"));
    let (pages, bytes): (u64, u64) = (pages.parse().unwrap(), bytes.parse().unwrap());
    assert_eq!(
        bytes,
        pages * 65_536,
        "the JS view of memory lags the wasm's size: {text}"
    );
    bytes
}

/// What `recorder()` returns in wx-host where `wx.getRecorderManager` exists:
/// the host simulates the recorder manager (wx-host/src/apis/media/recorder.js), so
/// the call returns its object.
pub(crate) const RECORDER_EXISTS: &str = "object";

pub(crate) fn check_results(report: &Value, base: &str) {
    let results = results(report);
    let names: Vec<&str> = results.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "greet",
            "add",
            "measure",
            "twice_later",
            "memory_size",
            "repeat",
            "memory_size",
            "measure",
            "recorder"
        ]
    );
    assert_eq!(results[0].1, format!("你好, 世界 🌏! 🦀 base {base}"));
    assert_eq!(results[1].1, 42);
    // "a", NUL, "é" (2), "中" (3), "🦀" (4) = 11 bytes, 5 chars.
    assert_eq!(results[2].1, "11/5");
    assert_eq!(results[3].1, 42);
    // repeat(1000000) builds a 2,000,000-byte string inside wasm memory: memory that could
    // not hold it before must have grown to hold it.
    let (before, after) = (memory_bytes(&results[4].1), memory_bytes(&results[6].1));
    assert!(
        before < 2_000_000,
        "memory already held {before} bytes: repeat would not grow it"
    );
    assert!(
        after >= 2_000_000 && after > before,
        "memory did not grow: {before} → {after} bytes"
    );
    let repeated = results[5].1.as_str().unwrap();
    assert_eq!(repeated.chars().count(), 1_000_000);
    assert!(
        repeated.chars().all(|c| c == 'é'),
        "memory views went stale after memory.grow"
    );
    // "after growth: " (14), "你好" (6), "🦀" (4) = 24 bytes, 17 chars.
    assert_eq!(results[7].1, "24/17");
    // getRecorderManager is permitted from 1.9.94, so at every base these tests run at
    // (1.9.94, 2.18.1) it exists.
    assert_eq!(results[8].1, RECORDER_EXISTS);

    let trace = report["trace"].as_array().unwrap();
    let toast = trace
        .iter()
        .find(|t| t["api"] == "showToast")
        .expect("a showToast call");
    assert_eq!(toast["args"][0]["title"], format!("你好, 世界 🌏! 🦀 base {base}"));
    let recorder: Vec<&Value> = trace.iter().filter(|t| t["api"] == "getRecorderManager").collect();
    assert_eq!(recorder.len(), 1, "{trace:?}");
    assert_eq!(recorder[0]["outcome"], "return");
    assert_eq!(report["errors"], json!([]));
}

pub(crate) fn file_names(manifest: &Value) -> Vec<String> {
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect()
}

/// Every file under `dir`, as `/`-separated paths relative to it.
pub(crate) fn files_on_disk(dir: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
                out.insert(parts.join("/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

pub(crate) fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// Gzip (level 9) size, the rule `wx-pack.json` documents for `gzip`.
pub(crate) fn gzip_len(data: &[u8]) -> u64 {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap().len() as u64
}

pub(crate) fn unbrotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(data), &mut out).unwrap();
    out
}

/// The lowest ECMAScript edition a script parses as, by acorn (the workspace's npm
/// package) straight from the file: the meaning of `glueEsVersion`.
pub(crate) fn lowest_es_edition(file: &Path) -> Value {
    const SCRIPT: &str = "const acorn = require(process.argv[1]); \
        const code = require('fs').readFileSync(process.argv[2], 'utf8'); \
        const ok = (v) => { try { acorn.parse(code, { ecmaVersion: v, sourceType: 'script' }); return true; } \
        catch { return false; } }; \
        const editions = [5, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]; \
        console.log(JSON.stringify(editions.find(ok) ?? null));";
    let acorn = workspace_root().join("node_modules/acorn");
    let ran = run(node().args(["-e", SCRIPT, s(&acorn), s(file)]));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    serde_json::from_str(ran.stdout.trim()).unwrap()
}

/// `wx-pack.json` of the fixture, against the fixture's source and the folder on disk:
/// exact values, and each listed size equal to the size of the file as it is.
pub(crate) fn check_manifest(manifest: &Value, dir: &Path, mode: &str, min_base: &str, base: &str, files: &[&str]) {
    assert_eq!(manifest["crate"], "wxpack-fixture");
    assert_eq!(manifest["mode"], mode);
    assert_eq!(manifest["minBaseVersion"], min_base);
    assert_eq!(manifest["base"], base);
    // The `wx.<name>` the fixture's extern block binds, sorted.
    assert_eq!(
        manifest["apis"],
        json!(["getRecorderManager", "getSystemInfoSync", "showToast"])
    );
    // The fixture's #[wasm_bindgen] functions, sorted.
    assert_eq!(
        manifest["exports"],
        json!([
            "add",
            "greet",
            "measure",
            "memory_size",
            "recorder",
            "repeat",
            "twice_later"
        ])
    );
    // The fixture pins wasm-bindgen = "=0.2.130".
    assert_eq!(manifest["wasmBindgen"], "0.2.130");
    assert_eq!(manifest["generator"], format!("wx-pack {}", env!("CARGO_PKG_VERSION")));
    let glue = dir.join("wxpack_fixture_bg.js");
    assert_eq!(manifest["glueEsVersion"], lowest_es_edition(&glue));

    assert_eq!(file_names(manifest), files);
    for file in manifest["files"].as_array().unwrap() {
        let mut keys: Vec<&str> = file.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["bytes", "gzip", "name", "shipped"], "{file}");
        let name = file["name"].as_str().unwrap();
        let on_disk = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        // `bytes` and `gzip` are of the content, `shipped` of the file as written.
        let content = if name.ends_with(".br") {
            unbrotli(&on_disk)
        } else {
            on_disk.clone()
        };
        assert_eq!(file["bytes"], content.len() as u64, "{name}");
        assert_eq!(file["gzip"], gzip_len(&content), "{name}");
        assert_eq!(file["shipped"], on_disk.len() as u64, "{name}");
    }
    // The folder holds exactly the listed files and the manifest.
    let mut expected = set(files);
    expected.insert("wx-pack.json".to_owned());
    assert_eq!(files_on_disk(dir), expected);
}

/// The allowlist listing that `wx-pack run` hands the host, in a file.
pub(crate) fn allowlist_file() -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".json").tempfile().unwrap();
    file.write_all(wx_pack::apis::json_listing().as_bytes()).unwrap();
    file
}

/// `wx-host run <dir> --base <base> --json --call …`, as a user runs a folder built earlier.
pub(crate) fn wx_host(dir: &Path, base: &str, calls: &[&str]) -> (Ran, Value) {
    let allowlist = allowlist_file();
    let mut command = node();
    command.arg(workspace_root().join("wx-host/bin/wx-host.js")).args([
        "run",
        s(dir),
        "--allowlist",
        s(allowlist.path()),
        "--base",
        base,
        "--json",
    ]);
    for call in calls {
        command.args(["--call", call]);
    }
    let ran = run(&mut command);
    let report = serde_json::from_str(ran.stdout.trim())
        .unwrap_or_else(|e| panic!("{e}:\nstdout:\n{}\nstderr:\n{}", ran.stdout, ran.stderr));
    (ran, report)
}
