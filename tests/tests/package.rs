//! The six published crates package with what they read at compile and
//! run time: the allowlist data inside `wx-allowlist` (the proc-macro reads
//! it through `include_str!`), the generated layers inside `wx-bindings`,
//! the Node scripts inside `wx-pack`, and the licence files and README in
//! each. (`cargo package` itself, which builds each packaged crate, runs in
//! `.ci/run`.)

use std::process::Command;

use wx_tests::e2e::workspace;

/// `cargo package --list` of one crate.
fn packaged(krate: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline", "-p", krate])
        .current_dir(workspace())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo package --list -p {krate}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn each_published_crate_packages_what_it_needs() {
    let common = ["Cargo.toml", "README.md", "LICENSE-MIT", "LICENSE-APACHE"];
    let needs: [(&str, &[&str]); 6] = [
        (
            "wx-allowlist",
            &[
                "data/reference-page.tsv",
                "data/reference/000_c738fc0b8ecb603b.txt",
                "data/typings.json",
                "data/interfaces.json",
            ],
        ),
        ("wx-codegen", &["src/check.rs", "src/emit.rs"]),
        ("wx-macros", &["src/lib.rs"]),
        ("wx-wxml", &["src/lib.rs"]),
        (
            "wx-bindings",
            &[
                "src/generated/raw/mod.rs",
                "src/generated/raw/device/bluetooth_ble.rs",
                "src/generated/raw/forbidden/device/nfc.rs",
                "src/generated/ui/mod.rs",
                "src/generated/ui/functions/interaction.rs",
                "src/generated/network/request_option.rs",
                "src/generated/gates.rs",
                "src/runtime/registry.rs",
                "src/extras/storage.md",
            ],
        ),
        (
            "wx-pack",
            &[
                "js/adapt.mjs",
                "js/adapt/commonjs.mjs",
                "js/utf8.cjs",
                "js/components.mjs",
                "templates/index.js",
            ],
        ),
    ];
    for (krate, files) in needs {
        let list = packaged(krate);
        for file in common.iter().chain(files) {
            assert!(
                list.iter().any(|f| f == file),
                "{krate} does not package {file}: {list:?}"
            );
        }
    }
}

/// The generated layers are spread over hundreds of files that `include!`
/// each other: every one must be in the package, or the published crate
/// does not compile.
#[test]
fn wx_bindings_packages_every_generated_file() {
    let list = packaged("wx-bindings");
    let generated = wx_gen::files::files(wx_allowlist::Allowlist::get(), workspace()).unwrap();
    let missing: Vec<String> = generated
        .into_iter()
        .filter_map(|(path, _)| path.strip_prefix("wx-bindings/").map(str::to_string))
        .filter(|path| path.starts_with("src/generated/") && !list.contains(path))
        .collect();
    assert!(missing.is_empty(), "wx-bindings does not package {missing:?}");
}

#[test]
fn published_crates_name_each_other_by_version() {
    let manifest = std::fs::read_to_string(workspace().join("Cargo.toml")).unwrap();
    for krate in ["wx-allowlist", "wx-codegen", "wx-macros", "wx-bindings", "wx-wxml"] {
        assert!(
            // (more keys may follow)
            manifest.contains(&format!("{krate} = {{ path = \"{krate}\", version = \"=0.1.0\"")),
            "{krate} needs a version beside its path"
        );
    }
}
