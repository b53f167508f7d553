//! The files derived from the allowlist are up to date.

use std::path::Path;

#[test]
fn generated_files_match_the_allowlist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let stale: Vec<&str> = wx_tests::generated::files(root)
        .into_iter()
        .filter(|(path, expected)| std::fs::read_to_string(root.join(path)).ok().as_ref() != Some(expected))
        .map(|(path, _)| path)
        .collect();
    assert!(
        stale.is_empty(),
        "out of date with the allowlist: {stale:?}; run `cargo run -p wx-tests --bin regenerate`"
    );
}

#[test]
fn features_are_cumulative_and_one_per_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let cargo_toml = std::fs::read_to_string(root.join("wx-bindings/Cargo.toml")).unwrap();
    let features: Vec<&str> = cargo_toml
        .split("[features]")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("base-"))
        .collect();
    let versions = wx_allowlist::Allowlist::get().gated_versions();
    assert_eq!(features.len(), versions.len());
    assert_eq!(features[0], "base-1-9-94 = []");
    for pair in features.windows(2) {
        let below = pair[0].split(' ').next().unwrap();
        assert!(
            pair[1].ends_with(&format!("[\"{below}\"]")),
            "{} must enable {below}",
            pair[1]
        );
    }
}

#[test]
fn the_latest_feature_of_this_crate_is_the_highest_baseline() {
    let manifest = include_str!("../Cargo.toml");
    let latest = wx_allowlist::feature_for(&wx_tests::generated::latest_version()).unwrap();
    assert!(
        manifest.contains(&format!("latest = [\"wx-bindings/{latest}\"]")),
        "tests/Cargo.toml's `latest` feature must enable wx-bindings/{latest}"
    );
}

#[test]
fn the_readme_first_plugin_is_the_compile_tested_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let case = std::fs::read_to_string(root.join("tests/ui/pass/readme_first_plugin.rs")).unwrap();
    let snippet = readme.split("```rust\n").nth(1).unwrap().split("```").next().unwrap();
    assert!(
        case.contains(snippet),
        "README's first plugin differs from tests/ui/pass/readme_first_plugin.rs"
    );
}
