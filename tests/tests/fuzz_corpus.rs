//! The fuzz targets of `fuzz/` (nightly and cargo-fuzz; see
//! `fuzz/README.md`) on stable: each target's body runs over its committed
//! seeds, so the bodies compile and run in CI, and every input a fuzzing
//! run found (kept as a seed) stays fixed.

#[path = "../../fuzz/src/lib.rs"]
mod bodies;

use std::path::Path;

/// Runs `body` over every seed of `fuzz/corpus/<target>/`; returns how many.
fn run_seeds(target: &str, body: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with("seed-"))
        .collect();
    seeds.sort();
    for seed in &seeds {
        let data = std::fs::read(seed).unwrap();
        let outcome = std::panic::catch_unwind(|| body(&data));
        assert!(
            outcome.is_ok(),
            "{target}: the body panicked on {} ({:?})",
            seed.display(),
            String::from_utf8_lossy(&data)
        );
    }
    seeds.len()
}

#[test]
fn err_msg_seeds() {
    assert!(run_seeds("err_msg", bodies::err_msg) >= 15);
}

#[test]
fn base_version_seeds() {
    assert!(run_seeds("base_version", bodies::base_version) >= 15);
}

#[test]
fn wx_input_seeds() {
    assert!(run_seeds("wx_input", bodies::wx_input) >= 13);
}
