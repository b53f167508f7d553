//! Finding the plugin crate with `cargo metadata`, and checking it before the long build.

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};
use cargo_metadata::{DependencyKind, Metadata, MetadataCommand, Package, TargetKind};
use semver::Version;

/// The wasm-bindgen version wx-pack generates glue with (`wasm-bindgen-cli-support`).
/// The plugin must resolve exactly this `wasm-bindgen`: the glue format changes between
/// releases. A unit test holds this to the workspace's pin.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// The target triple plugins are compiled for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// A plugin crate, located and checked.
#[derive(Clone, Debug)]
pub struct PluginCrate {
    /// The package name (`hello`).
    pub name: String,
    /// The package version.
    pub version: Version,
    /// The lib target's name: the stem of the `.wasm` file and of the glue files.
    pub lib_name: String,
    /// The package's `Cargo.toml`.
    pub manifest_path: PathBuf,
    /// The root of the Cargo workspace the package belongs to.
    pub workspace_root: PathBuf,
    /// That workspace's target directory.
    pub target_dir: PathBuf,
    /// The `wasm-bindgen` version the package resolves, if it depends on it.
    pub wasm_bindgen: Option<Version>,
    /// Whether the workspace's manifest sets a release profile of its own
    /// (cargo reads profiles from the workspace root only).
    pub has_release_profile: bool,
    /// The crate's `[package.metadata.wx-pack]`: defaults for the build flags.
    pub settings: Settings,
}

/// `[package.metadata.wx-pack]` of a plugin crate: defaults for `wx-pack build`'s flags
/// (the flags win), as `wx-pack new` writes them.
///
/// ```toml
/// [package.metadata.wx-pack]
/// out = "plugin/rust"      # --out, relative to the crate's folder
/// plugin-subdir = "rust"   # --plugin-subdir
/// base = "2.18.1"          # --base
///
/// [package.metadata.wx-pack.components]
/// counter = "components/counter"   # a folder, relative to the crate's, with counter.wxml
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// `out`, made absolute from the crate's folder.
    pub out: Option<PathBuf>,
    /// `plugin-subdir`.
    pub plugin_subdir: Option<String>,
    /// `base`.
    pub base: Option<Version>,
    /// `components`: each component's name and its folder as written (relative to the
    /// crate's), sorted by name; the folders are checked by the resolve stage.
    pub components: Vec<(String, String)>,
}

/// The keys of `[package.metadata.wx-pack]`.
pub const SETTINGS_KEYS: [&str; 4] = ["out", "plugin-subdir", "base", "components"];

/// Whether `name` may name a component: lower-case ASCII letters, digits and `-`, starting
/// with a letter (docs/component-protocol.md §2; it becomes a folder and a file name, and a
/// key of `publicComponents`).
pub fn is_component_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `` `[package.metadata.wx-pack] KEY` in /path/Cargo.toml ``: how messages name a setting
/// that came from the crate's metadata rather than from a flag.
pub fn metadata_key(key: &str, manifest: &Path) -> String {
    format!("`[package.metadata.wx-pack] {key}` in {}", manifest.display())
}

/// Reads `[package.metadata.wx-pack]` (`metadata` is the package's whole `metadata` value).
pub fn read_settings(metadata: &serde_json::Value, manifest: &Path) -> Result<Settings> {
    let Some(table) = metadata.get("wx-pack") else {
        return Ok(Settings::default());
    };
    let Some(table) = table.as_object() else {
        bail!(
            "`[package.metadata.wx-pack]` in {} must be a table with the keys {}",
            manifest.display(),
            SETTINGS_KEYS.join(", ")
        );
    };
    let mut settings = Settings::default();
    for (key, value) in table {
        let where_ = metadata_key(key, manifest);
        let text = |what: &str| {
            value
                .as_str()
                .map(str::to_owned)
                .with_context(|| format!("{where_}: must be a string ({what}), not {value}"))
        };
        match key.as_str() {
            "out" => {
                let dir = manifest.parent().unwrap_or(Path::new("."));
                settings.out = Some(dir.join(text("a folder, relative to the crate's")?));
            }
            "plugin-subdir" => settings.plugin_subdir = Some(text("a folder inside the plugin root, like \"rust\"")?),
            "base" => {
                let base = text("a base-library version like \"2.18.1\"")?;
                settings.base = Some(crate::version::parse_base(&base).with_context(|| where_.clone())?);
            }
            "components" => settings.components = read_components(value, manifest)?,
            other => bail!(
                "`[package.metadata.wx-pack]` in {}: unknown key `{other}` (wx-pack reads {})",
                manifest.display(),
                SETTINGS_KEYS.join(", ")
            ),
        }
    }
    Ok(settings)
}

/// `` `[package.metadata.wx-pack.components] NAME` in /path/Cargo.toml ``: how messages name
/// one component's entry.
pub fn component_key(name: &str, manifest: &Path) -> String {
    format!(
        "`[package.metadata.wx-pack.components] {name}` in {}",
        manifest.display()
    )
}

/// `[package.metadata.wx-pack.components]`: name → folder, both checked for their form here
/// (the folders' contents by the resolve stage).
fn read_components(value: &serde_json::Value, manifest: &Path) -> Result<Vec<(String, String)>> {
    let Some(table) = value.as_object() else {
        bail!(
            "{}: must be a table of component name = folder, like `counter = \"components/counter\"` under \
             `[package.metadata.wx-pack.components]`, not {value}",
            metadata_key("components", manifest)
        );
    };
    let mut components = Vec::new();
    for (name, folder) in table {
        let where_ = component_key(name, manifest);
        if !is_component_name(name) {
            bail!(
                "{where_}: `{name}` is not a component name: use lower-case letters, digits and `-`, starting with a \
                 letter (it names the component in plugin.json's publicComponents, its folder and its files)"
            );
        }
        let Some(folder) = folder.as_str().filter(|f| !f.trim().is_empty()) else {
            bail!(
                "{where_}: `{name}` must be a folder relative to the crate's, holding {name}.wxml (like \
                 \"components/{name}\"), not {folder}"
            );
        };
        components.push((name.clone(), folder.to_owned()));
    }
    Ok(components)
}

impl PluginCrate {
    /// Checks what must hold before compiling: a cdylib is checked by [`locate`]; here the
    /// wasm-bindgen version.
    pub fn check_wasm_bindgen(&self) -> Result<()> {
        check_wasm_bindgen_version(&self.name, &self.manifest_path, self.wasm_bindgen.as_ref())
    }
}

/// Finds `spec`: a path to a crate directory (or its `Cargo.toml`), or the name of a
/// package in the Cargo workspace around `cwd`. The lib must be a `cdylib`.
pub fn locate(spec: &str, cwd: &Path) -> Result<PluginCrate> {
    let path = cwd.join(spec);
    let looks_like_path = spec.contains('/') || spec.contains('\\') || spec.starts_with('.') || spec.ends_with(".toml");
    let manifest = if path.is_dir() {
        let manifest = path.join("Cargo.toml");
        if !manifest.is_file() {
            bail!("`{spec}` is a directory without a Cargo.toml: give the directory of a plugin crate");
        }
        Some(manifest)
    } else if path.is_file() && path.file_name().is_some_and(|n| n == "Cargo.toml") {
        Some(path.clone())
    } else if looks_like_path || path.exists() {
        bail!(
            "no crate at `{spec}`: {} does not exist or is not a crate directory",
            path.display()
        );
    } else {
        None
    };

    match manifest {
        Some(manifest) => {
            let manifest = manifest
                .canonicalize()
                .with_context(|| format!("cannot read {}", manifest.display()))?;
            let metadata = metadata(Some(&manifest), cwd)
                .with_context(|| format!("cannot read the crate at `{spec}` with `cargo metadata`"))?;
            let package = metadata
                .packages
                .iter()
                .find(|p| Path::new(&p.manifest_path) == manifest)
                .with_context(|| {
                    format!(
                        "{} is a workspace manifest without a package of its own: give the path of one of its \
                         crates, or its package name",
                        manifest.display()
                    )
                })?;
            from_package(&metadata, package)
        }
        None => {
            let metadata = metadata(None, cwd).with_context(|| {
                format!(
                    "`{spec}` is neither a crate directory nor, it seems, a package name here: there is no Cargo \
                     workspace at {} to look it up in",
                    cwd.display()
                )
            })?;
            let members = metadata.workspace_packages();
            let Some(package) = members.iter().find(|p| p.name.as_str() == spec) else {
                let plugins: Vec<&str> = members
                    .iter()
                    .filter(|p| cdylib_target(p).is_some())
                    .map(|p| p.name.as_str())
                    .collect();
                bail!(
                    "no package `{spec}` in the workspace at {} (and no directory `{spec}` here){}",
                    metadata.workspace_root,
                    if plugins.is_empty() {
                        String::new()
                    } else {
                        format!("; its plugin (cdylib) crates are: {}", plugins.join(", "))
                    }
                );
            };
            from_package(&metadata, package)
        }
    }
}

fn metadata(manifest: Option<&Path>, cwd: &Path) -> Result<Metadata> {
    let mut command = MetadataCommand::new();
    command
        .current_dir(cwd)
        .other_options(vec!["--filter-platform".to_owned(), WASM_TARGET.to_owned()]);
    if let Some(manifest) = manifest {
        command.manifest_path(manifest);
    }
    command.exec().map_err(|err| match err {
        cargo_metadata::Error::CargoMetadata { stderr } => anyhow::anyhow!("{}", stderr.trim()),
        other => anyhow::Error::new(other),
    })
}

fn cdylib_target(package: &Package) -> Option<&cargo_metadata::Target> {
    package.targets.iter().find(|t| t.is_kind(TargetKind::CDyLib))
}

fn from_package(metadata: &Metadata, package: &Package) -> Result<PluginCrate> {
    let Some(lib) = cdylib_target(package) else {
        let has_lib = package
            .targets
            .iter()
            .any(|t| t.is_kind(TargetKind::Lib) || t.is_kind(TargetKind::RLib));
        bail!(
            "`{}` is not a cdylib, so it cannot be compiled to a wasm module: add\n\n    [lib]\n    crate-type = \
             [\"cdylib\"{}]\n\nto {}{}",
            package.name,
            if has_lib { ", \"rlib\"" } else { "" },
            package.manifest_path,
            if has_lib {
                " (keep \"rlib\" if other crates or tests use it as a library)"
            } else {
                ""
            }
        );
    };
    Ok(PluginCrate {
        name: package.name.to_string(),
        version: package.version.clone(),
        lib_name: lib.name.replace('-', "_"),
        manifest_path: package.manifest_path.clone().into(),
        workspace_root: metadata.workspace_root.clone().into(),
        target_dir: metadata.target_directory.clone().into(),
        wasm_bindgen: resolved_wasm_bindgen(metadata, package),
        has_release_profile: sets_release_profile(&std::fs::read_to_string(
            metadata.workspace_root.join("Cargo.toml"),
        )?),
        settings: read_settings(&package.metadata, package.manifest_path.as_std_path())?,
    })
}

/// The features `wx-bindings` is compiled with when cargo builds the crate for wasm32 with
/// `feature_args` (`--features`, `--all-features`, `--no-default-features`, as `cargo build`
/// gets them): one set per `wx-bindings` package in the build (normally one), none when it
/// has no `wx-bindings`.
///
/// Asked of `cargo tree`, which resolves features as the build does: for the one package
/// built (`-p`), its normal dependencies, on the wasm32 target. `cargo metadata`'s `resolve`
/// unifies the features of every workspace member and of dev- and build-dependencies: for
/// `examples/hello` (no feature) it reported wx-bindings with 46 features, up to `base-2-19-2`
/// from `bench/calls-typed`, and would have refused every `--base` below that.
pub fn bindings_features(krate: &PluginCrate, feature_args: &[String]) -> Result<Vec<Vec<String>>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(&krate.workspace_root)
        .args(["tree", "--manifest-path"])
        .arg(&krate.manifest_path)
        .arg("-p")
        .arg(format!("{}@{}", krate.name, krate.version))
        .args([
            "--target",
            WASM_TARGET,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--color",
            "never",
        ])
        .args(["--format", "{p}\t{f}"])
        .args(feature_args)
        .stdin(Stdio::null())
        .output()
        .context("cannot start `cargo tree`")?;
    if !out.status.success() {
        bail!("`cargo tree` failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(parse_bindings_features(&String::from_utf8_lossy(&out.stdout)))
}

/// The feature lists of the `wx-bindings` lines of `cargo tree --format '{p}\t{f}'`.
fn parse_bindings_features(tree: &str) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    for line in tree.lines() {
        let Some((package, features)) = line.split_once('\t') else {
            continue;
        };
        if !package.starts_with("wx-bindings v") {
            continue;
        }
        // A package already shown is marked ` (*)` at the end of its line.
        let features = features.trim_end().trim_end_matches("(*)").trim_end();
        let set: Vec<String> = features
            .split(',')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect();
        if !found.contains(&set) {
            found.push(set);
        }
    }
    found
}

/// Whether a manifest has a `[profile.release]` table (or one of its
/// sub-tables, `[profile.release.package.x]`).
fn sets_release_profile(manifest: &str) -> bool {
    manifest.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("[profile.release]") || line.starts_with("[profile.release.")
    })
}

/// The `wasm-bindgen` version among the package's normal dependencies, at any depth.
fn resolved_wasm_bindgen(metadata: &Metadata, package: &Package) -> Option<Version> {
    let resolve = metadata.resolve.as_ref()?;
    let mut seen = HashSet::new();
    let mut queue = VecDeque::from([&package.id]);
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id) {
            continue;
        }
        let Some(node) = resolve.nodes.iter().find(|n| &n.id == id) else {
            continue;
        };
        for dep in &node.deps {
            let normal = dep.dep_kinds.is_empty() || dep.dep_kinds.iter().any(|k| k.kind == DependencyKind::Normal);
            if normal {
                queue.push_back(&dep.pkg);
            }
        }
    }
    metadata
        .packages
        .iter()
        .filter(|p| p.name.as_str() == "wasm-bindgen" && seen.contains(&p.id))
        .map(|p| p.version.clone())
        .max()
}

/// The plugin's `wasm-bindgen` must be the one wx-pack generates glue for.
pub fn check_wasm_bindgen_version(name: &str, manifest: &Path, found: Option<&Version>) -> Result<()> {
    let ours = WASM_BINDGEN_VERSION;
    match found {
        None => bail!(
            "`{name}` does not depend on wasm-bindgen: a plugin exports its functions with #[wasm_bindgen]; add \
             `wasm-bindgen = \"={ours}\"` to [dependencies] in {}",
            manifest.display()
        ),
        Some(version) if version.to_string() == ours => Ok(()),
        Some(version) => bail!(
            "wasm-bindgen version mismatch: `{name}` resolves wasm-bindgen {version}, but wx-pack generates glue with \
             wasm-bindgen {ours} (the two must match exactly, the glue format changes between releases); pin \
             `wasm-bindgen = \"={ours}\"` in {} and run `cargo update -p wasm-bindgen`, or rebuild wx-pack with \
             `wasm-bindgen-cli-support = \"={version}\"`",
            manifest.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_profile_is_found_as_cargo_reads_it() {
        assert!(sets_release_profile(
            "[package]\nname = \"x\"\n\n[profile.release]\nlto = true\n"
        ));
        assert!(sets_release_profile("  [profile.release.package.foo]\nopt-level = 3\n"));
        assert!(!sets_release_profile(
            "[package]\nname = \"x\"\n[profile.dev]\nopt-level = 1\n"
        ));
        assert!(!sets_release_profile("# [profile.release] in a comment\n"));
    }

    #[test]
    fn our_wasm_bindgen_is_the_workspace_pin() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
        let text = std::fs::read_to_string(root).unwrap();
        let pin = format!("wasm-bindgen-cli-support = \"={WASM_BINDGEN_VERSION}\"");
        assert!(text.contains(&pin), "the root Cargo.toml should pin {pin}");
        let pin = format!("wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"");
        assert!(text.contains(&pin), "the root Cargo.toml should pin {pin}");
    }

    #[test]
    fn wasm_bindgen_mismatch_says_what_to_change() {
        let manifest = Path::new("/x/plugin/Cargo.toml");
        check_wasm_bindgen_version("plugin", manifest, Some(&Version::parse(WASM_BINDGEN_VERSION).unwrap())).unwrap();
        let err = check_wasm_bindgen_version("plugin", manifest, Some(&Version::new(0, 2, 100)))
            .unwrap_err()
            .to_string();
        assert!(err.contains("wasm-bindgen version mismatch"), "{err}");
        assert!(err.contains("resolves wasm-bindgen 0.2.100"), "{err}");
        assert!(
            err.contains(&format!("wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"")),
            "{err}"
        );
        assert!(err.contains("/x/plugin/Cargo.toml"), "{err}");
        assert!(err.contains("cargo update -p wasm-bindgen"), "{err}");
        let err = check_wasm_bindgen_version("plugin", manifest, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("does not depend on wasm-bindgen"), "{err}");
    }

    #[test]
    fn settings_from_cargo_metadata() {
        let manifest = Path::new("/p/my-plugin/Cargo.toml");
        let read = |value: serde_json::Value| read_settings(&value, manifest);
        assert_eq!(read(serde_json::json!(null)).unwrap(), Settings::default());
        assert_eq!(
            read(serde_json::json!({ "other-tool": 1 })).unwrap(),
            Settings::default()
        );
        let settings = read(serde_json::json!({
            "wx-pack": { "out": "plugin/rust", "plugin-subdir": "rust", "base": "2.18.1" }
        }))
        .unwrap();
        assert_eq!(settings.out, Some(PathBuf::from("/p/my-plugin/plugin/rust")));
        assert_eq!(settings.plugin_subdir.as_deref(), Some("rust"));
        assert_eq!(settings.base, Some(Version::new(2, 18, 1)));
        let err = read(serde_json::json!({ "wx-pack": { "outt": "x" } })).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`[package.metadata.wx-pack]` in /p/my-plugin/Cargo.toml: unknown key `outt` (wx-pack reads out, \
             plugin-subdir, base, components)"
        );
        // Each key's error names the key where it is written, not the flag it stands for.
        let err = read(serde_json::json!({ "wx-pack": { "out": 3 } }))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "`[package.metadata.wx-pack] out` in /p/my-plugin/Cargo.toml: must be a string (a folder, relative to \
             the crate's), not 3"
        );
        let err = read(serde_json::json!({ "wx-pack": { "plugin-subdir": false } }))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("`[package.metadata.wx-pack] plugin-subdir` in /p/my-plugin/Cargo.toml: must be a string"),
            "{err}"
        );
        let err = format!(
            "{:#}",
            read(serde_json::json!({ "wx-pack": { "base": "2.18" } })).unwrap_err()
        );
        assert!(
            err.starts_with(
                "`[package.metadata.wx-pack] base` in /p/my-plugin/Cargo.toml: `2.18` is not a base-library version"
            ),
            "{err}"
        );
        let err = format!(
            "{:#}",
            read(serde_json::json!({ "wx-pack": { "base": "9.9.9" } })).unwrap_err()
        );
        assert!(
            err.starts_with(
                "`[package.metadata.wx-pack] base` in /p/my-plugin/Cargo.toml: base library 9.9.9 is newer than any"
            ),
            "{err}"
        );
        let err = read(serde_json::json!({ "wx-pack": 1 })).unwrap_err().to_string();
        assert!(
            err.starts_with("`[package.metadata.wx-pack]` in /p/my-plugin/Cargo.toml must be a table"),
            "{err}"
        );
    }

    #[test]
    fn bindings_features_from_cargo_tree_lines() {
        let tree = "plugin v0.1.0 (/p)\t\nwasm-bindgen v0.2.130\tdefault,std\n\
                    wx-bindings v0.1.0 (/w/wx-bindings)\tbase-1-9-90,base-2-0-0\n\
                    wasm-bindgen v0.2.130\tdefault,std (*)\n\
                    wx-bindings v0.1.0 (/w/wx-bindings)\tbase-1-9-90,base-2-0-0 (*)\n\
                    wx-bindings-extra v1.0.0\tbase-3-0-0\n";
        assert_eq!(
            parse_bindings_features(tree),
            vec![vec!["base-1-9-90".to_owned(), "base-2-0-0".to_owned()]]
        );
        assert_eq!(
            parse_bindings_features("wx-bindings v0.1.0\t\n"),
            vec![Vec::<String>::new()]
        );
        assert!(parse_bindings_features("plugin v0.1.0 (/p)\t\n").is_empty());
    }

    #[test]
    fn missing_paths_are_clear() {
        let cwd = std::env::temp_dir();
        let err = locate("./no/such/crate", &cwd).unwrap_err().to_string();
        assert!(err.contains("no crate at `./no/such/crate`"), "{err}");
        let empty = tempfile::tempdir().unwrap();
        let err = locate(empty.path().to_str().unwrap(), &cwd).unwrap_err().to_string();
        assert!(err.contains("is a directory without a Cargo.toml"), "{err}");
    }
}
