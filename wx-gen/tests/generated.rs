//! The committed files derived from the allowlist are what a fresh
//! generation gives (the raw and typed layers of wx-bindings, its features
//! and gates, the README's table, the compile-pass and compile-fail cases).

use std::path::Path;

use wx_allowlist::Allowlist;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

#[test]
fn generated_files_match_the_allowlist() {
    let stale = wx_gen::files::stale(Allowlist::get(), root()).unwrap();
    assert!(
        stale.is_empty(),
        "out of date with the allowlist: {stale:?}; run `cargo run -p wx-gen`"
    );
}

/// A file the generator no longer writes, left in a folder it owns (a
/// module's file from before it was split into a folder, a dropped base's
/// typings entry), is stale; regenerating deletes it and leaves the
/// hand-written files beside the owned folders alone. Run in a scratch copy
/// of the parts of the workspace the generator reads.
#[test]
fn a_file_no_longer_generated_is_stale_and_regenerating_deletes_it() {
    let scratch = std::env::temp_dir().join(format!("wx-gen-leftovers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    for path in ["README.md", "wx-bindings/Cargo.toml", "wx-plugin-typings/README.md"] {
        std::fs::create_dir_all(scratch.join(path).parent().unwrap()).unwrap();
        std::fs::copy(root().join(path), scratch.join(path)).unwrap();
    }
    let hand_written = scratch.join("wx-plugin-typings/base.d.ts");
    std::fs::write(&hand_written, "// hand-written\n").unwrap();
    let list = Allowlist::get();
    wx_gen::files::regenerate(list, &scratch).unwrap();
    assert_eq!(wx_gen::files::stale(list, &scratch).unwrap(), Vec::<String>::new());

    let strays = [
        "wx-bindings/src/generated/media.rs",
        "wx-bindings/src/generated/raw/old/gone.rs",
        "wx-plugin-typings/0.0.1/index.d.ts",
    ];
    for stray in strays {
        std::fs::create_dir_all(scratch.join(stray).parent().unwrap()).unwrap();
        std::fs::write(scratch.join(stray), "// left over\n").unwrap();
    }
    let stale = wx_gen::files::stale(list, &scratch).unwrap();
    let expected: Vec<String> = strays.iter().map(|s| format!("{s} (no longer generated)")).collect();
    assert_eq!(stale, expected);

    let done = wx_gen::files::regenerate(list, &scratch).unwrap();
    let deleted: Vec<String> = strays
        .iter()
        .map(|s| format!("deleted {s} (no longer generated)"))
        .collect();
    assert_eq!(done, deleted);
    assert_eq!(wx_gen::files::stale(list, &scratch).unwrap(), Vec::<String>::new());
    // The folders left empty go too; what the generator does not own stays.
    assert!(!scratch.join("wx-bindings/src/generated/raw/old").exists());
    assert!(!scratch.join("wx-plugin-typings/0.0.1").exists());
    assert!(scratch.join("wx-bindings/src/generated/raw").exists());
    assert!(hand_written.exists());
    std::fs::remove_dir_all(&scratch).unwrap();
}

#[test]
fn a_readme_without_the_table_markers_is_an_error() {
    let error = wx_gen::files::with_feature_table(Allowlist::get(), "# no table here\n").unwrap_err();
    assert!(error.contains("lacks the feature table's markers"), "{error}");
}

#[test]
fn features_are_cumulative_and_one_per_version() {
    let cargo_toml = std::fs::read_to_string(root().join("wx-bindings/Cargo.toml")).unwrap();
    let features: Vec<&str> = cargo_toml
        .split("[features]")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("base-"))
        .collect();
    // 47 versions of APIs, and those of fields, values and methods no API
    // needs (ShowModalOption.editable's 2.17.1 among them).
    assert_eq!(features.len(), 104);
    assert!(features.contains(&"base-2-17-1 = [\"base-2-16-1\"]"), "{features:?}");
    // The lowest: 1.9.90, of a field (above the 1.9.6 baseline, below 1.9.94).
    assert_eq!(features[0], "base-1-9-90 = []");
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
fn the_latest_feature_of_the_tests_crate_is_the_highest_baseline() {
    let manifest = std::fs::read_to_string(root().join("tests/Cargo.toml")).unwrap();
    let latest = wx_allowlist::names::feature_for(&wx_gen::files::latest_version(Allowlist::get())).unwrap();
    assert!(
        manifest.contains(&format!("latest = [\"wx-bindings/{latest}\"]")),
        "tests/Cargo.toml's `latest` feature must enable wx-bindings/{latest}"
    );
}

#[test]
fn the_readme_first_plugin_is_the_compile_tested_one() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let case = std::fs::read_to_string(root().join("tests/ui/pass/readme_first_plugin.rs")).unwrap();
    let snippet = readme.split("```rust\n").nth(1).unwrap().split("```").next().unwrap();
    assert!(
        case.contains(snippet),
        "README's first plugin differs from tests/ui/pass/readme_first_plugin.rs"
    );
}

/// Every file the generator writes whole is marked `linguist-generated` in
/// `.gitattributes` (so reviews collapse it); those it writes only a part
/// of (wx-bindings' `Cargo.toml`, the READMEs' tables) are not. Asked of git itself,
/// which is what reads the file.
#[test]
fn gitattributes_marks_exactly_the_generated_files() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let paths: Vec<String> = wx_gen::files::files(Allowlist::get(), root())
        .unwrap()
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let mut git = Command::new("git")
        .args(["check-attr", "--stdin", "linguist-generated"])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("git runs (the drift tests read the checkout)");
    git.stdin
        .take()
        .unwrap()
        .write_all(paths.join("\n").as_bytes())
        .unwrap();
    let output = git.wait_with_output().unwrap();
    assert!(output.status.success(), "git check-attr failed");
    let answers = String::from_utf8(output.stdout).unwrap();
    let partly = ["wx-bindings/Cargo.toml", "README.md", "wx-plugin-typings/README.md"];
    let mut wrong = Vec::new();
    for line in answers.lines() {
        let (path, value) = line.split_once(": linguist-generated: ").unwrap();
        let marked = value == "true";
        if marked == partly.contains(&path) {
            wrong.push(format!("{path}: {value}"));
        }
    }
    assert_eq!(answers.lines().count(), paths.len(), "{answers}");
    assert!(wrong.is_empty(), "fix .gitattributes for: {wrong:#?}");
}
