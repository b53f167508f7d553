//! Stage 4: the code of the package, optimised for its mode. wasm mode: `wasm-opt -Oz`
//! (after the MVP lowering for the MVP build), custom sections stripped, brotli quality 11 →
//! `<name>_bg.wasm.br`. wasm2js mode: the post-MVP operations std brings lowered, `wasm-opt
//! -Oz`, `wasm2js -Oz`, converted to CommonJS, names mangled → `<name>_bg.wasm.js`. These take
//! most of a warm build: their outputs are kept in a [`StageCache`] under a [`Stage::key`].

use std::path::Path;

use anyhow::{Context as _, Result};

use crate::cache::{KeyBuilder, StageCache};
use crate::stages::Log;
use crate::stages::write::PackageFile;
use crate::tools::{AdaptKind, EsTarget, Tools};
use crate::version::Mode;
use crate::wasm;

/// The optimised code: the package's file, and how `index.js` loads it (wasm mode: the
/// `.wasm.br` path absolute from the plugin root; wasm2js mode: the module relative to
/// `index.js`).
pub(crate) struct Code {
    /// The file.
    pub(crate) file: PackageFile,
    /// What `index.js` loads.
    pub(crate) reference: String,
}

/// What [`optimise`] works on.
pub(crate) struct Input<'a> {
    /// The wasm-bindgen module.
    pub(crate) wasm: &'a Path,
    /// The file stem (the crate's lib name).
    pub(crate) stem: &'a str,
    /// The MVP build.
    pub(crate) mvp: bool,
    /// Minify (wasm2js: mangle the output's names).
    pub(crate) minify: bool,
    /// `--plugin-subdir`: the wasm's path from the plugin root goes through it.
    pub(crate) plugin_subdir: Option<&'a str>,
    /// The folder for intermediate files.
    pub(crate) dir: &'a Path,
    /// The crate's work folder, whose `cache/` keeps the outputs.
    pub(crate) work: &'a Path,
}

/// The optimised code for `mode`, from the cache when its key matches. wasm-opt, brotli and
/// wasm2js take seconds even when nothing changed.
pub(crate) fn optimise(mode: Mode, input: &Input<'_>, tools: &Tools, log: &Log) -> Result<Code> {
    let cache = StageCache::new(&input.work.join("cache"));
    let stage_tools = StageTools::of(tools);
    let bytes = read(input.wasm)?;
    let stem = input.stem;
    match mode {
        Mode::Wasm => {
            let stage = Stage::Wasm { mvp: input.mvp };
            let key = stage.key(&bytes, &stage_tools);
            let names = ["module.wasm", "module.wasm.br"];
            let (wasm, br) = match cache.get(stage.slot(), &key, &names) {
                Some(mut outputs) => {
                    log.step(format!("{}: reused (inputs unchanged, key {key})", stage.describe()));
                    let br = outputs.pop().expect("two outputs");
                    (outputs.pop().expect("two outputs"), br)
                }
                None => {
                    let wasm = optimise_wasm(&bytes, input.mvp, input.dir, tools, log)?;
                    log.step("brotli, quality 11");
                    let br = crate::sizes::brotli(&wasm);
                    store(&cache, &stage, &key, &[(names[0], &wasm), (names[1], &br)], log);
                    (wasm, br)
                }
            };
            let name = format!("{stem}_bg.wasm.br");
            let reference = match input.plugin_subdir {
                Some(sub) => format!("/{}/{name}", sub.trim_matches('/')),
                None => format!("/{name}"),
            };
            Ok(Code {
                file: PackageFile::compressed(name, wasm, br),
                reference,
            })
        }
        Mode::Wasm2js => {
            let stage = Stage::Wasm2js {
                minify: input.minify,
                stem: stem.to_owned(),
            };
            let key = stage.key(&bytes, &stage_tools);
            let js = match cache.get(stage.slot(), &key, &["module.js"]) {
                Some(mut outputs) => {
                    log.step(format!("{}: reused (inputs unchanged, key {key})", stage.describe()));
                    outputs.pop().expect("one output")
                }
                None => {
                    let js = wasm_to_js(&bytes, stem, input.dir, tools, log, input.minify)?;
                    store(&cache, &stage, &key, &[("module.js", &js)], log);
                    js
                }
            };
            let name = format!("{stem}_bg.wasm.js");
            Ok(Code {
                reference: format!("./{name}"),
                file: PackageFile::plain(name, js),
            })
        }
    }
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// An expensive stage whose output [`StageCache`] keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    /// wasm mode: wasm-opt (after the MVP lowering when `mvp`), custom sections stripped,
    /// brotli.
    Wasm {
        /// The MVP build (`--wasm-features mvp`).
        mvp: bool,
    },
    /// wasm2js mode: the MVP lowering, wasm-opt, wasm2js, adapt.mjs, and the names mangled
    /// when `minify`.
    Wasm2js {
        /// Minified (not `--no-minify`).
        minify: bool,
        /// The file stem (the crate's lib name), which names wasm2js's files.
        stem: String,
    },
}

/// The tools a [`Stage`]'s output depends on, as they identify themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct StageTools {
    /// The npm binaryen's version (wasm-opt, wasm2js).
    pub(crate) binaryen: String,
    /// The npm @swc/core's version (the wasm2js output's mangling).
    pub(crate) swc: String,
    /// `node --version`.
    pub(crate) node: String,
    /// `adapt.mjs` and the scripts it loads (its modules in `js/adapt/`, `utf8.cjs`) as they
    /// are on disk, each named (a checkout's may be edited without a new version).
    pub(crate) adapt_script: Vec<u8>,
    /// The wx-pack executable's size and modification time: a rebuilt wx-pack (new flags, a
    /// new brotli) never reuses an older one's outputs.
    pub(crate) wx_pack: String,
}

impl StageTools {
    /// The tools of `tools`; what cannot be read counts as empty (a stage that then fails
    /// says why).
    pub(crate) fn of(tools: &Tools) -> StageTools {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
            .unwrap_or_default();
        StageTools {
            binaryen: tools.side.installed_version("binaryen").unwrap_or_default(),
            swc: tools.side.installed_version("@swc/core").unwrap_or_default(),
            node: tools.node_version.clone(),
            adapt_script: tools.adapt_scripts(),
            wx_pack: exe,
        }
    }
}

impl Stage {
    /// The cache slot: one per stage and variant, so switching modes keeps both.
    pub(crate) fn slot(&self) -> &'static str {
        match self {
            Stage::Wasm { mvp: true } => "wasm-mvp",
            Stage::Wasm { mvp: false } => "wasm-modern",
            Stage::Wasm2js { minify: true, .. } => "wasm2js-minified",
            Stage::Wasm2js { minify: false, .. } => "wasm2js",
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Stage::Wasm { mvp: true } => "wasm-opt (MVP lowering, -Oz) and brotli",
            Stage::Wasm { mvp: false } => "wasm-opt -Oz and brotli",
            Stage::Wasm2js { minify: true, .. } => "wasm-opt, wasm2js and the mangling of its output",
            Stage::Wasm2js { minify: false, .. } => "wasm-opt and wasm2js",
        }
    }

    /// The key of this stage's output for the wasm-bindgen module `input`: a hash of the
    /// input, the stage and its flags, the tools and this wx-pack.
    pub(crate) fn key(&self, input: &[u8], tools: &StageTools) -> String {
        let mut key = KeyBuilder::new(self.slot());
        key.add("input", input)
            .add("lower-to-mvp", LOWER_TO_MVP_FLAGS.join(" ").as_bytes())
            .add("opt", OPT_LEVEL.as_bytes())
            .add("binaryen", tools.binaryen.as_bytes())
            .add("node", tools.node.as_bytes())
            .add("wx-pack executable", tools.wx_pack.as_bytes());
        if let Stage::Wasm2js { minify, stem } = self {
            key.add("minify", &[u8::from(*minify)])
                .add("stem", stem.as_bytes())
                .add("swc", tools.swc.as_bytes())
                .add("adapt scripts", &tools.adapt_script);
        }
        key.finish()
    }
}

/// Stores a stage's outputs; a cache that cannot be written costs the next build time only.
fn store(cache: &StageCache, stage: &Stage, key: &str, outputs: &[(&str, &[u8])], log: &Log) {
    if let Err(err) = cache.put(stage.slot(), key, outputs) {
        log.step(format!(
            "note: the output of {} is not cached ({err:#}); the next build redoes it",
            stage.describe()
        ));
    }
}

/// wasm-opt's optimisation level, for size.
const OPT_LEVEL: &str = "-Oz";

/// wasm mode: `wasm-opt -Oz`, custom sections stripped.
fn optimise_wasm(input: &[u8], mvp: bool, dir: &Path, tools: &Tools, log: &Log) -> Result<Vec<u8>> {
    if mvp {
        let lowered = lower_to_mvp(input, dir, tools, log)?;
        return wasm::strip_custom_sections(&lowered, &[]);
    }
    // wasm-opt learns the features (reference types, multi-value...) from `target_features`.
    let before = dir.join("stripped.wasm");
    std::fs::write(&before, wasm::strip_custom_sections(input, &["target_features"])?)?;
    let after = dir.join("optimised.wasm");
    log.step("wasm-opt -Oz");
    tools.wasm_opt([before.as_os_str(), OPT_LEVEL.as_ref(), "-o".as_ref(), after.as_os_str()])?;
    wasm::strip_custom_sections(&read(&after)?, &[])
}

/// The wasm-opt passes that lower what the precompiled std brings beyond the MVP.
const LOWER_TO_MVP_FLAGS: [&str; 8] = [
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--llvm-memory-copy-fill-lowering",
    "--signext-lowering",
    "--llvm-nontrapping-fptoint-lowering",
];

/// Lowers the post-MVP operations that the precompiled std still contains, then
/// `wasm-opt -Oz` restricted to the MVP feature set (which also checks none is left).
fn lower_to_mvp(input: &[u8], dir: &Path, tools: &Tools, log: &Log) -> Result<Vec<u8>> {
    let stripped = dir.join("mvp-stripped.wasm");
    std::fs::write(&stripped, wasm::strip_custom_sections(input, &[])?)?;
    let lowered = dir.join("mvp-lowered.wasm");
    log.step("wasm-opt: lowering memory.copy/fill, sign-extension and saturating float-to-int to the MVP");
    let mut args = vec![stripped.as_os_str(), "-o".as_ref(), lowered.as_os_str()];
    args.extend(LOWER_TO_MVP_FLAGS.iter().map(std::ffi::OsStr::new));
    tools.wasm_opt(args)?;
    let optimised = dir.join("mvp-optimised.wasm");
    log.step("wasm-opt -Oz (MVP features only)");
    tools
        .wasm_opt([
            lowered.as_os_str(),
            "--mvp-features".as_ref(),
            OPT_LEVEL.as_ref(),
            "-o".as_ref(),
            optimised.as_os_str(),
        ])
        .context("the MVP build still uses wasm features beyond the MVP that wx-pack does not lower")?;
    read(&optimised)
}

/// wasm2js mode: the lowered, optimised MVP wasm → `wasm2js -Oz` → CommonJS (→ names
/// mangled: wasm2js keeps long local names and its own layout, about 60% of what it
/// writes; not compressed, which broke its output).
fn wasm_to_js(input: &[u8], stem: &str, dir: &Path, tools: &Tools, log: &Log, minify: bool) -> Result<Vec<u8>> {
    let wasm = lower_to_mvp(input, dir, tools, log)?;
    let opt = dir.join("mvp-final.wasm");
    std::fs::write(&opt, &wasm)?;
    let esm = dir.join(format!("{stem}_bg.wasm.mjs"));
    log.step("wasm2js -Oz");
    tools.wasm2js([opt.as_os_str(), OPT_LEVEL.as_ref(), "-o".as_ref(), esm.as_os_str()])?;
    let cjs = dir.join(format!("{stem}_bg.wasm.cjs"));
    log.step("adapting the wasm2js output for WeChat (CommonJS)");
    let report = tools.adapt(AdaptKind::Wasm2js, &esm, &cjs)?;
    if !report.grow_hook {
        log.step("note: the wasm2js output has no memory.grow");
    }
    if !minify {
        return read(&cjs);
    }
    log.step("mangling the wasm2js output's names (@swc/core)");
    let minified = dir.join(format!("{stem}_bg.wasm.min.cjs"));
    tools.mangle(&cjs, &minified, EsTarget::Es5)?;
    read(&minified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_key_changes_with_each_thing_the_output_depends_on() {
        let tools = StageTools {
            binaryen: "123.0.0".into(),
            swc: "1.16.22".into(),
            node: "v20.20.2".into(),
            adapt_script: b"export {}".to_vec(),
            wx_pack: "100 t".into(),
        };
        let w2j = |minify: bool, stem: &str| Stage::Wasm2js {
            minify,
            stem: stem.into(),
        };
        let stages = [
            Stage::Wasm { mvp: true },
            Stage::Wasm { mvp: false },
            w2j(true, "a"),
            w2j(false, "a"),
            w2j(true, "b"),
        ];
        let mut keys: Vec<String> = stages.iter().map(|s| s.key(b"\0asm", &tools)).collect();
        assert_eq!(keys[0], Stage::Wasm { mvp: true }.key(b"\0asm", &tools), "stable");
        for stage in &stages {
            keys.push(stage.key(b"\0asm2", &tools)); // the source changed
            for change in [
                |t: &mut StageTools| t.binaryen.push('1'),
                |t: &mut StageTools| t.node.push('1'),
                |t: &mut StageTools| t.wx_pack.push('1'),
            ] {
                let mut other = tools.clone();
                change(&mut other);
                keys.push(stage.key(b"\0asm", &other));
            }
        }
        for stage in &stages[2..] {
            for change in [
                |t: &mut StageTools| t.swc.push('1'),
                |t: &mut StageTools| t.adapt_script.push(b' '),
            ] {
                let mut other = tools.clone();
                change(&mut other);
                keys.push(stage.key(b"\0asm", &other));
            }
        }
        let distinct: std::collections::BTreeSet<&String> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len(), "{keys:#?}");
        // The slots: one per mode and variant, the stem in the key only.
        let slots: std::collections::BTreeSet<&str> = stages.iter().map(Stage::slot).collect();
        assert_eq!(slots.len(), 4);
    }

    /// The wasm2js stage runs `adapt.mjs`, which loads its modules: a change to any of them
    /// (say a checkout's `js/adapt/commonjs.mjs`, edited) must redo the stage.
    #[test]
    fn a_wasm2js_key_changes_with_each_adapt_script() {
        let dir = tempfile::tempdir().unwrap();
        let names: Vec<&str> = crate::tools::scripts::adapt_scripts().collect();
        assert!(names.contains(&"adapt/commonjs.mjs"), "{names:?}");
        for name in &names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("// {name}\n")).unwrap();
        }
        let stage = Stage::Wasm2js {
            minify: true,
            stem: "a".into(),
        };
        let key = |dir: &Path| {
            let tools = StageTools {
                adapt_script: crate::tools::scripts::adapt_scripts_bytes(dir),
                ..StageTools::default()
            };
            stage.key(b"\0asm", &tools)
        };
        let mut keys = vec![key(dir.path())];
        for name in &names {
            let path = dir.path().join(name);
            let before = std::fs::read(&path).unwrap();
            std::fs::write(&path, [before.as_slice(), b" "].concat()).unwrap();
            keys.push(key(dir.path()));
            std::fs::write(&path, &before).unwrap();
        }
        assert_eq!(key(dir.path()), keys[0], "stable");
        let distinct: std::collections::BTreeSet<&String> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len(), "{names:?}: {keys:#?}");
    }
}
