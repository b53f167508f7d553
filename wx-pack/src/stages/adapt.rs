//! Stage 5: the package's JavaScript for its mode. The glue (already CommonJS, from
//! [`crate::stages::cargo`]) and the snippets, converted to CommonJS, have their syntax
//! lowered with @swc/core to ES5 (wasm2js mode) or ES2017 (wasm mode) and are minified unless
//! `--no-minify`; the loader `index.js` is made from its template ([`crate::loader`]) and
//! minified the same way under its header comment.

use std::path::Path;

use anyhow::{Context as _, Result};

use crate::loader::{self, Export, IndexSpec};
use crate::stages::Log;
use crate::stages::cargo::Compiled;
use crate::stages::write::PackageFile;
use crate::tools::{AdaptKind, EntryInfo, EsTarget, LowerReport, Tools};

/// The glue (`<stem>_bg.js`) and the snippets, lowered to `target`, with what swc's lowering of the glue reported.
pub(crate) fn lower_glue_and_snippets(
    compiled: &Compiled,
    stem: &str,
    target: EsTarget,
    minify: bool,
    dir: &Path,
    tools: &Tools,
    log: &Log,
) -> Result<(PackageFile, Vec<PackageFile>, LowerReport)> {
    log.step(format!(
        "lowering the glue to {}{} (@swc/core)",
        if target == EsTarget::Es5 { "ES5" } else { "ES2017" },
        if minify { ", minified" } else { "" }
    ));
    let glue_lowered = dir.join(format!("{stem}_bg.{}.cjs", target.as_str()));
    let lowered = tools.lower(&compiled.glue_cjs, &glue_lowered, target, minify)?;
    let glue = PackageFile::plain(format!("{stem}_bg.js"), read(&glue_lowered)?);
    let mut snippets = Vec::new();
    for snippet in &compiled.bindgen.snippets {
        let source = compiled.bindgen.wasm.parent().expect("bindgen dir").join(snippet);
        let converted = dir.join("snippets-cjs").join(snippet);
        let adapted = dir.join(format!("snippets-{}", target.as_str())).join(snippet);
        std::fs::create_dir_all(converted.parent().expect("has a parent"))?;
        std::fs::create_dir_all(adapted.parent().expect("has a parent"))?;
        // Its `wx` uses were judged with the glue's ([`crate::uses::judge_build`]).
        tools.adapt(AdaptKind::Module, &source, &converted)?;
        tools.lower(&converted, &adapted, target, minify)?;
        snippets.push(PackageFile::plain(slash_path(snippet), read(&adapted)?));
    }
    Ok((glue, snippets, lowered))
}

/// The plugin's exports as wasm-bindgen's bundler entry names them, each a class or a
/// function as the glue's conversion found it.
pub(crate) fn exports(entry: &EntryInfo, compiled: &Compiled) -> Vec<Export> {
    entry
        .exports
        .iter()
        .map(|e| Export {
            name: e.name.clone(),
            local: e.local.clone(),
            is_class: compiled
                .glue
                .exports
                .iter()
                .any(|g| g.name == e.local && g.kind == "class"),
        })
        .collect()
}

/// `index.js`, minified (ES5) under its header comment unless `--no-minify`: it counts
/// against the 2 MB as much as the glue, and the header says what made it, for which base,
/// and that it is generated.
pub(crate) fn index_js(spec: &IndexSpec<'_>, minify: bool, dir: &Path, tools: &Tools) -> Result<PackageFile> {
    script("index.js", loader::index_js(spec), minify, dir, tools)
}

/// A script wx-pack generates (`index.js`, `load.js`, a component's `.js`), ES5, named
/// `name` in the package: minified under its header comment unless `--no-minify`.
pub(crate) fn script(name: &str, text: String, minify: bool, dir: &Path, tools: &Tools) -> Result<PackageFile> {
    let text = if minify {
        // index.js keeps the names it always had here (`index.src.js`): the stage folder's
        // other files do not depend on them.
        let stem = name.trim_end_matches(".js").replace('/', "_");
        let source = dir.join(format!("{stem}.src.js"));
        let minified = dir.join(format!("{stem}.min.js"));
        std::fs::write(&source, &text).with_context(|| format!("cannot write {}", source.display()))?;
        tools.minify_script(&source, &minified, EsTarget::Es5, true)?;
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with("//"))
            .map(|l| format!("{l}\n"))
            .collect();
        let body = String::from_utf8(read(&minified)?).with_context(|| format!("the minified {name} is not UTF-8"))?;
        format!("{header}{}\n", body.trim_end())
    } else {
        text
    };
    Ok(PackageFile::plain(name.to_owned(), text.into_bytes()))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
