//! Stage 1: the flags of `build` and `run` and the crate's `[package.metadata.wx-pack]`,
//! resolved once into a [`Resolved`] (a flag wins over the metadata; messages name the one
//! used), which every later stage and `run` read.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use semver::Version;

use crate::stages::cargo::CargoFlags;
use crate::version::{BaseFrom, GivenBase, Mode, WasmFeatures};
use crate::workspace::{self, PluginCrate};

/// What to build, as the command line says it.
#[derive(Clone, Debug)]
pub(crate) struct BuildOptions {
    /// A crate directory or a package name of the workspace around `cwd`.
    pub(crate) spec: String,
    /// The base library to target (`--base`).
    pub(crate) base: Option<Version>,
    /// The output mode (`--mode`).
    pub(crate) mode: Option<Mode>,
    /// The WebAssembly features of the wasm mode (`--wasm-features`; the wasm2js mode is
    /// always MVP).
    pub(crate) wasm_features: WasmFeatures,
    /// The output folder (`--out`).
    pub(crate) out: Option<PathBuf>,
    /// Where the folder will sit inside the plugin root (`--plugin-subdir`), if not at it.
    pub(crate) plugin_subdir: Option<String>,
    /// The directory relative paths and package names are resolved from.
    pub(crate) cwd: PathBuf,
    /// Print progress on stderr.
    pub(crate) verbose: bool,
    /// Build with the crate's release profile as it is (`--keep-profile`), even
    /// when it sets none: no small-wasm defaults.
    pub(crate) keep_profile: bool,
    /// The cargo flags passed on: features and profile.
    pub(crate) cargo: CargoFlags,
    /// Minify the package's JavaScript (the glue, the snippets, the wasm2js output) with
    /// @swc/core; `--no-minify` turns it off to read what runs.
    pub(crate) minify: bool,
    /// Write into an output folder wx-pack did not make, replacing files with the names it
    /// writes (`--overwrite-out`).
    pub(crate) overwrite_out: bool,
}

/// Where the output folder was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum OutFrom {
    /// `--out`.
    Flag,
    /// `out` of the crate's metadata.
    Metadata,
    /// Neither: `<target dir>/wx-plugin/<crate>/`.
    Default,
}

/// The flags and the crate's metadata, resolved once.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    /// The command line as given.
    pub(crate) options: BuildOptions,
    /// The plugin crate (with `--keep-profile` applied to `has_release_profile`).
    pub(crate) krate: PluginCrate,
    /// `--base`, else the metadata's `base`.
    pub(crate) base: Option<GivenBase>,
    /// `--plugin-subdir`, else the metadata's `plugin-subdir` (checked by the build: `run`
    /// looks at it before).
    pub(crate) plugin_subdir: Option<String>,
    /// How messages name where the subdir came from (empty without one).
    pub(crate) subdir_named: String,
    /// The output folder: `--out` (from `cwd`), else the metadata's `out`, else the default.
    pub(crate) out_dir: PathBuf,
    /// Where the output folder came from.
    pub(crate) out_from: OutFrom,
    /// The components `[package.metadata.wx-pack.components]` lists, their files read.
    pub(crate) components: Vec<ComponentSource>,
}

/// One component of `[package.metadata.wx-pack.components]`: the author's files, read and
/// checked (their shape in Rust is checked against them after compiling).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ComponentSource {
    /// Its name (`counter`).
    pub(crate) name: String,
    /// `<folder>/<name>.wxml`, as the author's messages name it.
    pub(crate) wxml_path: PathBuf,
    /// Its text.
    pub(crate) wxml: String,
    /// `<name>.wxss`, if there is one.
    pub(crate) wxss: Option<Vec<u8>>,
    /// `<name>.json`, or `{"component": true}` when there is none.
    pub(crate) json: Vec<u8>,
}

/// What wx-pack writes as a component's `<name>.json` when the author has none.
pub(crate) const DEFAULT_COMPONENT_JSON: &str = "{\n  \"component\": true\n}\n";

/// Reads and checks each component's folder: it must exist and hold `<name>.wxml` (UTF-8);
/// a `<name>.json` must be a JSON object with `"component": true` (WeChat takes the folder
/// for a page otherwise). Errors name the key and the file.
pub(crate) fn read_components(list: &[(String, String)], manifest: &Path) -> Result<Vec<ComponentSource>> {
    let crate_dir = manifest.parent().unwrap_or(Path::new("."));
    let mut sources = Vec::new();
    for (name, folder) in list {
        let key = workspace::component_key(name, manifest);
        let dir = crate_dir.join(folder);
        if !dir.is_dir() {
            bail!(
                "{key}: the folder `{folder}` ({}) does not exist; create it with {name}.wxml (and {name}.wxss, \
                 {name}.json if you need them), or fix the path (relative to the crate's folder)",
                dir.display()
            );
        }
        let file = |ext: &str| dir.join(format!("{name}.{ext}"));
        let wxml_path = file("wxml");
        let wxml = match std::fs::read(&wxml_path) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| anyhow::anyhow!("{key}: {} is not UTF-8 text", wxml_path.display()))?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => bail!(
                "{key}: {} is missing: the component's template must be `{name}.wxml` in its folder",
                wxml_path.display()
            ),
            Err(err) => bail!("{key}: cannot read {}: {err}", wxml_path.display()),
        };
        let read_optional = |path: &Path| -> Result<Option<Vec<u8>>> {
            match std::fs::read(path) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(err) => bail!("{key}: cannot read {}: {err}", path.display()),
            }
        };
        let wxss = read_optional(&file("wxss"))?;
        let json_path = file("json");
        let json = match read_optional(&json_path)? {
            None => DEFAULT_COMPONENT_JSON.as_bytes().to_vec(),
            Some(bytes) => {
                let value: serde_json::Value = serde_json::from_slice(&bytes)
                    .map_err(|err| anyhow::anyhow!("{key}: {} is not valid JSON: {err}", json_path.display()))?;
                if value.get("component") != Some(&serde_json::Value::Bool(true)) {
                    bail!(
                        "{key}: {} must say `\"component\": true` (WeChat loads a folder without it as a page, not \
                         a component); add it, or remove the file and wx-pack writes {{\"component\": true}}",
                        json_path.display()
                    );
                }
                bytes
            }
        };
        sources.push(ComponentSource {
            name: name.clone(),
            wxml_path,
            wxml,
            wxss,
            json,
        });
    }
    Ok(sources)
}

impl Resolved {
    /// Locates the crate and resolves the flags against its metadata. Nothing is checked
    /// here but the crate itself: the build checks the values in its own order.
    pub(crate) fn new(options: &BuildOptions) -> Result<Resolved> {
        let mut krate = workspace::locate(&options.spec, &options.cwd)?;
        let manifest = krate.manifest_path.clone();
        let base = match (&options.base, &krate.settings.base) {
            (Some(version), _) => Some(GivenBase {
                version: version.clone(),
                from: BaseFrom::Flag,
            }),
            (None, Some(version)) => Some(GivenBase {
                version: version.clone(),
                from: BaseFrom::Metadata(manifest.clone()),
            }),
            (None, None) => None,
        };
        let (plugin_subdir, subdir_named) = match (&options.plugin_subdir, &krate.settings.plugin_subdir) {
            (Some(sub), _) => (Some(sub.clone()), "--plugin-subdir".to_owned()),
            (None, Some(sub)) => (
                Some(sub.clone()),
                format!("{}:", workspace::metadata_key("plugin-subdir", &manifest)),
            ),
            (None, None) => (None, String::new()),
        };
        let (out_dir, out_from) = match (&options.out, &krate.settings.out) {
            (Some(out), _) => (options.cwd.join(out), OutFrom::Flag),
            (None, Some(out)) => (out.clone(), OutFrom::Metadata),
            (None, None) => (krate.target_dir.join("wx-plugin").join(&krate.name), OutFrom::Default),
        };
        if options.keep_profile {
            krate.has_release_profile = true;
        }
        let components = read_components(&krate.settings.components, &manifest)?;
        Ok(Resolved {
            options: options.clone(),
            krate,
            base,
            plugin_subdir,
            subdir_named,
            out_dir,
            out_from,
            components,
        })
    }

    /// How messages name the output folder's origin.
    pub(crate) fn out_named(&self) -> String {
        match self.out_from {
            OutFrom::Flag => "--out".to_owned(),
            OutFrom::Metadata => format!("{}:", workspace::metadata_key("out", &self.krate.manifest_path)),
            OutFrom::Default => "the default output folder".to_owned(),
        }
    }

    /// `wx-pack run` of a `--plugin-subdir` build (the flag, or the crate's metadata) runs the
    /// plugin root around it, which must have its own plugin.json (as a `wx-pack new`
    /// project's plugin/ has): refused otherwise, before building, as the folder alone is
    /// only part of a plugin.
    pub(crate) fn check_runnable(&self) -> Result<()> {
        let Some(sub) = &self.plugin_subdir else {
            return Ok(());
        };
        let root = (self.out_from != OutFrom::Default)
            .then(|| plugin_root(&self.out_dir, Some(sub)))
            .flatten();
        if !root.is_some_and(|r| r.join("plugin.json").is_file()) {
            bail!(
                "`wx-pack run` cannot run a --plugin-subdir build: that folder ({sub}) is only part of a \
                 plugin, with no plugin.json of its own, and its --out is not <plugin root>/{sub} in a plugin \
                 root with a plugin.json; drop --plugin-subdir to run the crate on its own, give such an \
                 --out, or build with `wx-pack build --plugin-subdir {sub}` and run the whole plugin folder \
                 with wx-host"
            );
        }
        Ok(())
    }
}

/// The plugin root of an output folder `out` that sits at `subdir` inside it.
pub(crate) fn plugin_root(out: &Path, subdir: Option<&str>) -> Option<PathBuf> {
    let Some(subdir) = subdir else {
        return Some(out.to_path_buf());
    };
    let mut root = out.to_path_buf();
    for part in subdir.trim_matches('/').split('/').rev() {
        if root.file_name()? != part {
            return None;
        }
        root.pop();
    }
    Some(root)
}

/// Refuses a `--plugin-subdir` (or the metadata's) that is no folder path inside the
/// plugin root; `named` says where it was given.
pub(crate) fn check_subdir(sub: &str, named: &str) -> Result<()> {
    let trimmed = sub.trim_matches('/');
    if trimmed.is_empty()
        || trimmed
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
    {
        bail!("{named} `{sub}`: expected a folder path inside the plugin root, like `rust` or `lib/rust`");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugin_roots() {
        let out = Path::new("/p/plugin/lib/rust");
        assert_eq!(plugin_root(out, None), Some(out.to_path_buf()));
        assert_eq!(plugin_root(out, Some("rust")), Some(PathBuf::from("/p/plugin/lib")));
        assert_eq!(plugin_root(out, Some("/lib/rust/")), Some(PathBuf::from("/p/plugin")));
        assert_eq!(plugin_root(out, Some("other")), None);
        assert_eq!(plugin_root(out, Some("x/lib/rust")), None);
    }
}
