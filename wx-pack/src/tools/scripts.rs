//! The Node-side scripts, shipped inside the binary (`include_str!`) and written to the cache
//! folder when wx-pack does not run from a checkout.

use std::path::Path;

use anyhow::{Context as _, Result};

/// The glue adapter's command line (`js/adapt.mjs`), shipped inside the binary.
pub(crate) const ADAPT_MJS: &str = include_str!("../../js/adapt.mjs");
/// The UTF-8 `TextEncoder`/`TextDecoder` that `adapt.mjs` puts into the glue (`js/utf8.cjs`).
pub(crate) const UTF8_CJS: &str = include_str!("../../js/utf8.cjs");
/// The extractor of `wx-pack check` (`js/wxuses.mjs`), shipped inside the binary.
pub const WXUSES_MJS: &str = include_str!("../../js/wxuses.mjs");

/// Every script, by its path under `js/`, with its text: `adapt.mjs` and its modules
/// (`js/adapt/`, one job each), `components.mjs` (runs a plugin's `__wx_components()` at
/// build time), `utf8.cjs`, `wxuses.mjs` and its modules (`js/wxuses/`). A test holds the
/// list to the files.
pub(crate) const SCRIPTS: &[(&str, &str)] = &[
    ("adapt.mjs", ADAPT_MJS),
    ("adapt/ast.mjs", include_str!("../../js/adapt/ast.mjs")),
    ("adapt/commonjs.mjs", include_str!("../../js/adapt/commonjs.mjs")),
    ("adapt/entry.mjs", include_str!("../../js/adapt/entry.mjs")),
    ("adapt/lower.mjs", include_str!("../../js/adapt/lower.mjs")),
    ("adapt/protocol.mjs", include_str!("../../js/adapt/protocol.mjs")),
    ("adapt/scope.mjs", include_str!("../../js/adapt/scope.mjs")),
    ("adapt/utf8.mjs", include_str!("../../js/adapt/utf8.mjs")),
    ("components.mjs", include_str!("../../js/components.mjs")),
    ("utf8.cjs", UTF8_CJS),
    ("wxuses.mjs", WXUSES_MJS),
    ("wxuses/aliases.mjs", include_str!("../../js/wxuses/aliases.mjs")),
    ("wxuses/guards.mjs", include_str!("../../js/wxuses/guards.mjs")),
    ("wxuses/scan.mjs", include_str!("../../js/wxuses/scan.mjs")),
    ("wxuses/scopes.mjs", include_str!("../../js/wxuses/scopes.mjs")),
    ("wxuses/shims.mjs", include_str!("../../js/wxuses/shims.mjs")),
    ("wxuses/syntax.mjs", include_str!("../../js/wxuses/syntax.mjs")),
];

/// Whether a script is `wxuses.mjs` or one of its modules (the rest is `adapt.mjs`'s).
fn is_wxuses(name: &str) -> bool {
    name == "wxuses.mjs" || name.starts_with("wxuses/")
}

/// What `node adapt.mjs` runs: the stage cache's key covers each of them, as they are on
/// disk (a checkout's may be edited without a new version), so that a change to any
/// redoes the stages whose outputs they make.
pub(crate) fn adapt_scripts() -> impl Iterator<Item = &'static str> {
    SCRIPTS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !is_wxuses(name) && *name != "components.mjs")
}

/// What `node wxuses.mjs` runs, each by its path under `js/` with its text: `wx-pack check`
/// and `build` read the uses of `wx` with them (`tests/check.rs` holds each to naming no
/// `wx` function).
pub fn wxuses_scripts() -> impl Iterator<Item = (&'static str, &'static str)> {
    SCRIPTS.iter().copied().filter(|(name, _)| is_wxuses(name))
}

/// The scripts [`adapt_scripts`] names, read from `dir`, each with its name and length:
/// a part of the stage cache's key. A file that cannot be read counts as empty (the stage
/// that then fails says why).
pub(crate) fn adapt_scripts_bytes(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for name in adapt_scripts() {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_default();
        all.extend_from_slice(format!("{name} {}\n", bytes.len()).as_bytes());
        all.extend_from_slice(&bytes);
    }
    all
}

/// Writes `content` to `path` unless it already holds exactly that.
pub(crate) fn write_if_changed(path: &Path, content: &str) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(content.as_bytes()) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, content).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes every script into `dir` (the cache's `js/`), each file unless it holds that already.
pub(crate) fn write_scripts(dir: &Path) -> Result<()> {
    for (name, text) in SCRIPTS {
        write_if_changed(&dir.join(name), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_scripts_are_the_files() {
        let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
        assert_eq!(ADAPT_MJS, std::fs::read_to_string(js.join("adapt.mjs")).unwrap());
        assert_eq!(UTF8_CJS, std::fs::read_to_string(js.join("utf8.cjs")).unwrap());
        assert_eq!(WXUSES_MJS, std::fs::read_to_string(js.join("wxuses.mjs")).unwrap());
    }

    /// Every file of `js/` but the tests is shipped, with the text on disk.
    #[test]
    fn every_script_is_shipped() {
        let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
        let mut on_disk = Vec::new();
        for entry in std::fs::read_dir(&js)
            .unwrap()
            .chain(std::fs::read_dir(js.join("adapt")).unwrap())
            .chain(std::fs::read_dir(js.join("wxuses")).unwrap())
        {
            let path = entry.unwrap().path();
            if path.is_file() {
                on_disk.push(path.strip_prefix(&js).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
        on_disk.sort();
        let shipped: Vec<&str> = SCRIPTS.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, shipped);
        for (name, text) in SCRIPTS {
            assert_eq!(*text, std::fs::read_to_string(js.join(name)).unwrap(), "{name}");
        }
    }

    /// The scripts `entry` loads: itself, the modules it imports (`from './…'`) and theirs,
    /// and `utf8.cjs` when a file reads it (`'..', 'utf8.cjs'`), found by reading each file.
    fn loaded_by(entry: &str) -> Vec<String> {
        let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
        let mut found = vec![entry.to_owned()];
        let mut i = 0;
        while i < found.len() {
            let name = found[i].clone();
            let text = std::fs::read_to_string(js.join(&name)).unwrap();
            let dir = Path::new(&name).parent().unwrap().to_path_buf();
            let mut loads: Vec<String> = text
                .split("from '")
                .skip(1)
                .filter_map(|rest| rest.split('\'').next())
                .filter(|spec| spec.starts_with("./"))
                .map(|spec| dir.join(&spec[2..]).to_string_lossy().replace('\\', "/"))
                .collect();
            if text.contains("'..', 'utf8.cjs'") {
                loads.push("utf8.cjs".to_owned());
            }
            for load in loads {
                if !found.contains(&load) {
                    found.push(load);
                }
            }
            i += 1;
        }
        found.sort();
        found
    }

    /// The modules `adapt.mjs` imports, and theirs, and `utf8.cjs` that adapt/utf8.mjs
    /// reads, are what [`adapt_scripts`] names: the stage cache's key covers them all, and
    /// no script of `wxuses.mjs` (which makes no stage's output).
    #[test]
    fn the_adapt_scripts_are_what_adapt_mjs_loads() {
        let mut named: Vec<&str> = adapt_scripts().collect();
        named.sort();
        assert_eq!(loaded_by("adapt.mjs"), named);
    }

    /// The modules `wxuses.mjs` imports, and theirs, are what [`wxuses_scripts`] names.
    #[test]
    fn the_wxuses_scripts_are_what_wxuses_mjs_loads() {
        let mut named: Vec<&str> = wxuses_scripts().map(|(name, _)| name).collect();
        named.sort();
        assert_eq!(loaded_by("wxuses.mjs"), named);
    }
}
