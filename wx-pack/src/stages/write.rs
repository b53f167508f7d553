//! Stage 6: the output folder. Refused before compiling: a folder whose files wx-pack would
//! clobber ([`check_out_dir`]). Written at the end, all at once: `index.js`, the glue, the
//! code, the snippets, `plugin.json` (unless the user's, or a `--plugin-subdir` build) and
//! `wx-pack.json`; wx-pack overwrites or removes only what its own `wx-pack.json` there lists,
//! and never through a symbolic link ([`OutDir`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use crate::sizes::FileSize;
use crate::stages::resolve::plugin_root;
use crate::version::{Mode, WasmFeatures};

/// One file of the package: its bytes, and the compressed bytes shipped instead, if any.
pub(crate) struct PackageFile {
    /// The name inside the folder (`/`-separated).
    pub(crate) name: String,
    raw: Vec<u8>,
    shipped: Option<Vec<u8>>,
}

impl PackageFile {
    /// A file shipped as it is.
    pub(crate) fn plain(name: String, bytes: Vec<u8>) -> PackageFile {
        PackageFile {
            name,
            raw: bytes,
            shipped: None,
        }
    }

    /// A file shipped compressed (the wasm: `shipped` is its brotli).
    pub(crate) fn compressed(name: String, raw: Vec<u8>, shipped: Vec<u8>) -> PackageFile {
        PackageFile {
            name,
            raw,
            shipped: Some(shipped),
        }
    }

    fn size(&self) -> FileSize {
        match &self.shipped {
            Some(c) => FileSize::compressed(&self.name, &self.raw, c),
            None => FileSize::plain(&self.name, &self.raw),
        }
    }

    /// The content (for the wasm, the module before brotli).
    pub(crate) fn raw(&self) -> &[u8] {
        &self.raw
    }

    fn bytes(&self) -> &[u8] {
        self.shipped.as_ref().unwrap_or(&self.raw)
    }
}

/// Writes the package into the folder `previous` was read from: the files in order, then
/// plugin.json (unless a `--plugin-subdir` build, or the user has their own) and
/// `wx-pack.json`, whose `files` this fills in. `public_components` are the components'
/// paths from the plugin root: written into wx-pack's plugin.json, and checked in the
/// user's (theirs, or the plugin root's of a `--plugin-subdir` build), which must list them.
/// Returns the manifest and the notes for the user.
pub(crate) fn write(
    previous: &OutDir,
    mut files: Vec<PackageFile>,
    plugin_subdir: Option<&str>,
    public_components: &BTreeMap<String, String>,
    mut manifest: Manifest,
    overwrite: bool,
) -> Result<(Manifest, Vec<String>)> {
    let mut notes = Vec::new();
    let out_dir = &previous.dir;
    // A plugin.json that is not one wx-pack writes is the user's, even where an earlier
    // build wrote it (users add their components and pages to it): it is never replaced.
    let plugin_json = plugin_json("index.js", public_components);
    let plugin_json_path = out_dir.join(PLUGIN_JSON);
    let mut remove_plugin_json = false;
    let existing = previous.plugin_json();
    match plugin_subdir {
        None => {
            if existing.as_deref().is_none_or(is_wx_packs_plugin_json) {
                files.push(PackageFile::plain(PLUGIN_JSON.to_owned(), plugin_json.into_bytes()));
            } else {
                check_lists_components(existing.as_deref(), &plugin_json_path, public_components)?;
                notes.push(format!(
                    "kept the existing {} (its `main` should be \"index.js\")",
                    plugin_json_path.display()
                ));
            }
        }
        Some(sub) => {
            if !public_components.is_empty() {
                let root_json = plugin_root(out_dir, Some(sub)).map(|root| root.join(PLUGIN_JSON));
                let (text, shown) = match &root_json {
                    Some(path) => (std::fs::read(path).ok(), path.display().to_string()),
                    None => (None, format!("<plugin root>/{PLUGIN_JSON}")),
                };
                check_lists_components(text.as_deref(), Path::new(&shown), public_components)?;
            }
            // The one an earlier build wrote here, unedited, is stale.
            let ours = previous.listed.iter().any(|f| f == PLUGIN_JSON);
            remove_plugin_json = ours && existing.as_deref().is_some_and(is_wx_packs_plugin_json);
            // Said unless the plugin root around the folder has a main module that requires
            // this folder's (as a `wx-pack new` project's plugin/index.js does).
            if !main_module_requires(out_dir, sub) {
                notes.push(format!(
                    "no plugin.json written: in the plugin's own plugin.json, set \"main\" to \"{}/index.js\" (or \
                     require it from the main module)",
                    sub.trim_matches('/')
                ));
            }
        }
    }
    manifest.files = files.iter().map(PackageFile::size).collect();
    let mut written: Vec<(&str, &[u8])> = files.iter().map(|f| (f.name.as_str(), f.bytes())).collect();
    let manifest_json = manifest.to_json();
    written.push((MANIFEST, manifest_json.as_bytes()));
    previous.write(&written, remove_plugin_json, overwrite)?;
    Ok((manifest, notes))
}

/// `plugin.json` for a folder whose main module is `main`, with these components.
pub(crate) fn plugin_json(main: &str, public_components: &BTreeMap<String, String>) -> String {
    let value = serde_json::json!({ "main": main, "publicComponents": public_components, "pages": {} });
    let mut text = serde_json::to_string_pretty(&value).expect("json");
    text.push('\n');
    text
}

/// Whether `bytes` is a plugin.json exactly as wx-pack writes one (for any components of
/// its own, `components/<name>/<name>`): one an earlier build wrote and nobody edited.
fn is_wx_packs_plugin_json(bytes: &[u8]) -> bool {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return false;
    };
    let Some(listed) = value["publicComponents"].as_object() else {
        return false;
    };
    let mut components = BTreeMap::new();
    for (name, path) in listed {
        if path.as_str() != Some(format!("components/{name}/{name}").as_str()) {
            return false;
        }
        components.insert(name.clone(), format!("components/{name}/{name}"));
    }
    plugin_json("index.js", &components).as_bytes() == bytes
}

/// The user's plugin.json (`text`, at `path`; `None` when there is none) must list each
/// component at its path: refused otherwise, with the lines to add.
fn check_lists_components(
    text: Option<&[u8]>,
    path: &Path,
    public_components: &BTreeMap<String, String>,
) -> Result<()> {
    if public_components.is_empty() {
        return Ok(());
    }
    let value = text.and_then(|t| serde_json::from_slice::<serde_json::Value>(t).ok());
    let listed = value.as_ref().and_then(|v| v["publicComponents"].as_object());
    let wrong: Vec<String> = public_components
        .iter()
        .filter(|(name, want)| listed.and_then(|l| l.get(*name)).and_then(|p| p.as_str()) != Some(want.as_str()))
        .map(|(name, want)| format!("\"{name}\": \"{want}\""))
        .collect();
    if wrong.is_empty() {
        return Ok(());
    }
    let why = match (text, &value) {
        (None, _) => "does not exist, so it cannot list the components of this build",
        (Some(_), None) => "is not valid JSON, so it cannot list the components of this build",
        _ => {
            "is yours (wx-pack does not write it), and its \"publicComponents\" does not list every component of \
              this build at its path"
        }
    };
    bail!(
        "{} {why}: WeChat finds a plugin's components there only. Put these entries in its \"publicComponents\" \
         (replacing any of the same name):\n\n    {}\n",
        path.display(),
        wrong.join(",\n    ")
    )
}

/// `wx-pack.json`: what was built, for people and for tools.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Manifest {
    /// The package name.
    #[serde(rename = "crate")]
    pub(crate) crate_name: String,
    /// `wasm` or `wasm2js`.
    pub(crate) mode: Mode,
    /// The lowest base library the folder runs on.
    pub(crate) min_base_version: String,
    /// The base library it was built for (`--base`, else `minBaseVersion`).
    pub(crate) base: String,
    /// The `wx` functions the plugin binds.
    pub(crate) apis: Vec<String>,
    /// The functions the main module exports.
    pub(crate) exports: Vec<String>,
    /// The components, by name (absent without any).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) components: Vec<String>,
    /// The files of the folder, with sizes.
    pub(crate) files: Vec<FileSize>,
    /// The wasm-bindgen version of the glue.
    pub(crate) wasm_bindgen: String,
    /// The lowest ECMAScript edition the glue parses as, after wx-pack lowered it to ES5
    /// (wasm2js mode) or ES2017 (wasm mode); WeChat's upload converts ES6+ to ES5 for files
    /// under 2 MB only.
    pub(crate) glue_es_version: Option<u32>,
    /// The edition the package's JavaScript was lowered to: 5 (wasm2js mode) or 2017.
    pub(crate) es_target: u32,
    /// wasm mode: the WebAssembly features the module may use (`mvp` or `modern`); absent in
    /// the wasm2js mode, which has no WebAssembly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) wasm_features: Option<WasmFeatures>,
    /// The tool that wrote the folder.
    pub(crate) generator: String,
}

impl Manifest {
    /// Pretty JSON with a final newline.
    pub(crate) fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("json");
        text.push('\n');
        text
    }
}

/// The manifest file in the output folder.
pub(crate) const MANIFEST: &str = "wx-pack.json";

/// The plugin's own description, which wx-pack writes unless the user has one.
const PLUGIN_JSON: &str = "plugin.json";

/// Whether the plugin root around `out_dir` (at `sub` inside it) has a plugin.json whose
/// main module, another file than this folder's index.js, names `<sub>/index.js`.
fn main_module_requires(out_dir: &Path, sub: &str) -> bool {
    let Some(root) = plugin_root(out_dir, Some(sub)) else {
        return false;
    };
    let Some(config) = std::fs::read_to_string(root.join(PLUGIN_JSON))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
    else {
        return false;
    };
    let Some(main) = config["main"].as_str() else {
        return false;
    };
    let ours = format!("{}/index.js", sub.trim_matches('/'));
    main.trim_start_matches("./") != ours
        && std::fs::read_to_string(root.join(main)).is_ok_and(|code| code.contains(&ours))
}

/// `path` made absolute and resolved as the file system sees it: the part that exists
/// canonicalized (links and `..` followed), the rest taken as written.
fn resolve_path(path: &Path) -> PathBuf {
    let mut resolved = PathBuf::new();
    let mut exists = true;
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if !exists => {
                resolved.pop();
            }
            part => {
                resolved.push(part);
                if exists {
                    match resolved.canonicalize() {
                        Ok(canonical) => resolved = canonical,
                        Err(_) => exists = false,
                    }
                }
            }
        }
    }
    resolved
}

/// Refuses, before compiling, an output folder whose files wx-pack would clobber: a file
/// system root or the home folder (always), the crate's own folder or one above it, and a
/// folder that has files but no `wx-pack.json` (a folder wx-pack did not make) — these two
/// unless `overwrite` (`--overwrite-out`). `named` says where the folder was given.
pub(crate) fn check_out_dir(out: &Path, named: &str, manifest: &Path, overwrite: bool) -> Result<()> {
    let subject = format!("{named} {}", out.display());
    if out.exists() && !out.is_dir() {
        bail!(
            "{subject} exists and is not a folder: wx-pack writes the plugin folder there; remove it or give another \
             folder"
        );
    }
    let resolved = resolve_path(out);
    let what = "wx-pack writes the plugin's files there (index.js, plugin.json, the glue, wx-pack.json) and \
                removes the ones an earlier build wrote";
    if resolved.parent().is_none() {
        bail!("{subject} is the root of the file system: {what}; give a folder of the plugin's own");
    }
    if std::env::home_dir().is_some_and(|home| resolve_path(&home) == resolved) {
        bail!("{subject} is your home folder: {what}; give a folder of the plugin's own");
    }
    if overwrite {
        return Ok(());
    }
    let crate_dir = resolve_path(manifest.parent().unwrap_or(Path::new("/")));
    if crate_dir.starts_with(&resolved) {
        bail!(
            "{subject} is the crate's own folder or a folder above it ({}): {what}, among the crate's sources; give \
             a folder of its own (like `plugin/rust` in the crate), or pass --overwrite-out to write there anyway, \
             replacing files with those names",
            crate_dir.display()
        );
    }
    let has_files = std::fs::read_dir(&resolved).is_ok_and(|mut entries| entries.next().is_some());
    if has_files && !OutDir::read(&resolved).made_by_wx_pack {
        bail!(
            "{subject} has files and no {MANIFEST}, so wx-pack did not make it: {what}, replacing any file of \
             yours with one of those names; give an empty or new folder, or pass --overwrite-out to write there \
             anyway"
        );
    }
    Ok(())
}

/// An output folder as an earlier build left it. wx-pack overwrites or deletes only the
/// files the folder's `wx-pack.json` lists (and files with the very content it writes), and
/// never through a symbolic link: a forged or damaged manifest cannot reach outside the
/// folder, nor a link inside it.
pub(crate) struct OutDir {
    dir: PathBuf,
    /// Whether the folder has a `wx-pack.json` (a regular file).
    made_by_wx_pack: bool,
    /// The names its `wx-pack.json` lists that stay inside the folder.
    listed: Vec<String>,
}

/// What is at a name inside the output folder, each component looked at without following
/// links.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    Nothing,
    File,
    /// A link, a folder where a file goes, or a file where a folder goes: never written
    /// through or over. The path where it is, and what it is.
    InTheWay(PathBuf, &'static str),
}

fn look_at(dir: &Path, name: &str) -> Found {
    let parts: Vec<&str> = name.split('/').collect();
    let mut path = dir.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let last = i + 1 == parts.len();
        match std::fs::symlink_metadata(&path) {
            Err(_) => return Found::Nothing,
            Ok(meta) if meta.file_type().is_symlink() => return Found::InTheWay(path, "a symbolic link"),
            Ok(meta) if last && meta.is_file() => return Found::File,
            Ok(meta) if last && meta.is_dir() => return Found::InTheWay(path, "a folder"),
            Ok(_) if last => return Found::InTheWay(path, "not a regular file"),
            Ok(meta) if !meta.is_dir() => return Found::InTheWay(path, "not a folder"),
            Ok(_) => {}
        }
    }
    Found::Nothing
}

/// Whether a manifest's name stays inside the folder: relative, without `..`, `.` or
/// empty parts.
fn inside(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('/') && !name.split('/').any(|p| p.is_empty() || p == "." || p == "..")
}

impl OutDir {
    pub(crate) fn read(dir: &Path) -> OutDir {
        let mut out = OutDir {
            dir: dir.to_path_buf(),
            made_by_wx_pack: false,
            listed: Vec::new(),
        };
        if look_at(dir, MANIFEST) != Found::File {
            return out;
        }
        out.made_by_wx_pack = true;
        let Some(value) = std::fs::read_to_string(dir.join(MANIFEST))
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        else {
            return out;
        };
        for file in value["files"].as_array().into_iter().flatten() {
            if let Some(name) = file["name"].as_str().filter(|n| inside(n) && *n != MANIFEST) {
                out.listed.push(name.to_owned());
            }
        }
        out
    }

    /// The folder's plugin.json: its bytes when it is a regular file, empty (so never
    /// wx-pack's) when something else is at its name.
    fn plugin_json(&self) -> Option<Vec<u8>> {
        match look_at(&self.dir, PLUGIN_JSON) {
            Found::Nothing => None,
            Found::File => Some(std::fs::read(self.dir.join(PLUGIN_JSON)).unwrap_or_default()),
            Found::InTheWay(..) => Some(Vec::new()),
        }
    }

    /// Writes `files` (name, bytes) into the folder: first checks that nothing is in the
    /// way (refused: a link or a folder at a name, a file of the user's with a name wx-pack
    /// writes and other content — unless `overwrite`), then removes the files the earlier
    /// manifest listed (plugin.json only if `remove_plugin_json`: the user may have edited
    /// it), then writes.
    fn write(&self, files: &[(&str, &[u8])], remove_plugin_json: bool, overwrite: bool) -> Result<()> {
        let mut theirs = Vec::new();
        for (name, bytes) in files {
            match look_at(&self.dir, name) {
                Found::Nothing => {}
                Found::InTheWay(path, what) => bail!(
                    "{} is {what}: wx-pack writes {name} there and does not write through links or over folders; \
                     move it away and build again",
                    path.display()
                ),
                Found::File => {
                    let ours = *name == MANIFEST && self.made_by_wx_pack
                        || self.listed.iter().any(|l| l == name)
                        || std::fs::read(self.dir.join(name)).is_ok_and(|old| old == *bytes);
                    if !ours {
                        theirs.push(*name);
                    }
                }
            }
        }
        if !theirs.is_empty() && !overwrite {
            bail!(
                "{} has files that its {MANIFEST} does not list, so wx-pack did not write them, with names of the \
                 files it writes: {}; move them away, or pass --overwrite-out to replace them",
                self.dir.display(),
                theirs.join(", ")
            );
        }
        for name in &self.listed {
            let keep = name == PLUGIN_JSON && !remove_plugin_json;
            // A listed name behind a link, or that is no regular file, is not wx-pack's: left.
            if !keep && look_at(&self.dir, name) == Found::File {
                let path = self.dir.join(name);
                std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            }
        }
        for folder in ["snippets", "components"] {
            let folder = self.dir.join(folder);
            // symlink_metadata: a link with that name is not entered.
            if self.made_by_wx_pack && std::fs::symlink_metadata(&folder).is_ok_and(|m| m.is_dir()) {
                remove_empty_dirs(&folder);
            }
        }
        std::fs::create_dir_all(&self.dir).with_context(|| format!("cannot create {}", self.dir.display()))?;
        for (name, bytes) in files {
            let path = self.dir.join(name);
            let mut folder = self.dir.clone();
            for part in name.split('/').take(name.split('/').count() - 1) {
                folder.push(part);
                if std::fs::symlink_metadata(&folder).is_err() {
                    std::fs::create_dir(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
                }
            }
            // Checked again just before: what was checked above may have changed since.
            if let Found::InTheWay(at, what) = look_at(&self.dir, name) {
                bail!(
                    "{} is {what}: wx-pack does not write through links or over folders",
                    at.display()
                );
            }
            std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}

/// Removes the empty folders under `dir` and `dir` itself if empty, entering no link.
fn remove_empty_dirs(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            // DirEntry::file_type does not follow links.
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                remove_empty_dirs(&entry.path());
            }
        }
    }
    let _ = std::fs::remove_dir(dir); // fails, as wanted, when not empty
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugin_json_shape() {
        let value: serde_json::Value = serde_json::from_str(&plugin_json("index.js", &BTreeMap::new())).unwrap();
        assert_eq!(
            value,
            serde_json::json!({ "main": "index.js", "publicComponents": {}, "pages": {} })
        );
    }

    #[test]
    fn wx_packs_own_plugin_json_is_recognised_with_any_components() {
        let none = plugin_json("index.js", &BTreeMap::new());
        assert!(is_wx_packs_plugin_json(none.as_bytes()));
        let mut two = BTreeMap::new();
        two.insert("a".to_owned(), "components/a/a".to_owned());
        two.insert("b-2".to_owned(), "components/b-2/b-2".to_owned());
        let written = plugin_json("index.js", &two);
        assert!(is_wx_packs_plugin_json(written.as_bytes()));
        // Edited by hand: the user's.
        assert!(!is_wx_packs_plugin_json(
            written.replace("components/a/a", "lib/a/a").as_bytes()
        ));
        assert!(!is_wx_packs_plugin_json(written.replace("  ", "\t").as_bytes()));
    }

    #[test]
    fn the_users_plugin_json_must_list_the_components() {
        let mut want = BTreeMap::new();
        want.insert("counter".to_owned(), "rust/components/counter/counter".to_owned());
        want.insert("badge".to_owned(), "rust/components/badge/badge".to_owned());
        let path = Path::new("/p/plugin/plugin.json");
        let theirs = br#"{"main": "index.js", "publicComponents": {"counter": "rust/components/counter/counter", "badge": "x"}}"#;
        let err = check_lists_components(Some(theirs), path, &want)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "/p/plugin/plugin.json is yours (wx-pack does not write it), and its \"publicComponents\" does not list \
             every component of this build at its path: WeChat finds a plugin's components there only. Put these \
             entries in its \"publicComponents\" (replacing any of the same name):\n\n    \"badge\": \
             \"rust/components/badge/badge\"\n"
        );
        let err = check_lists_components(None, path, &want).unwrap_err().to_string();
        assert!(err.starts_with("/p/plugin/plugin.json does not exist"), "{err}");
        assert!(
            err.contains("\"badge\": \"rust/components/badge/badge\",\n    \"counter\""),
            "{err}"
        );
        let fine = br#"{"publicComponents": {"counter": "rust/components/counter/counter", "badge": "rust/components/badge/badge", "other": "x"}}"#;
        check_lists_components(Some(fine), path, &want).unwrap();
        check_lists_components(None, path, &BTreeMap::new()).unwrap();
    }
}
