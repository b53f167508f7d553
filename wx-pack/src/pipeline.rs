//! `wx-pack build`: from a plugin crate to a plugin folder.
//!
//! 1. `cargo build --profile release --target wasm32-unknown-unknown`, for the MVP feature
//!    set with [`MVP_RUSTFLAGS`] (wasm2js, and the wasm mode unless `--wasm-features modern`),
//!    in the same target dir;
//! 2. wasm-bindgen, bundler target, as a library;
//! 3. the glue → CommonJS with its own TextEncoder/TextDecoder (`js/adapt.mjs`), which also
//!    reports the `wx` APIs the plugin binds → versions from the allowlist; once the mode is
//!    known, its syntax (and the snippets') lowered with @swc/core to ES5 (wasm2js mode) or
//!    ES2017 (wasm mode) ([`es_target`]);
//! 4. wasm mode: `wasm-opt -Oz`, custom sections stripped, brotli → `<name>_bg.wasm.br`;
//!    wasm2js mode: lower the post-MVP operations std brings, `wasm-opt -Oz`, `wasm2js -Oz`,
//!    → CommonJS `<name>_bg.wasm.js`;
//! 5. `index.js`, `plugin.json`, `wx-pack.json`, and a table of sizes.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use semver::Version;

use crate::cache::{KeyBuilder, StageCache};
use crate::emit::{self, Export, IndexSpec, Manifest};
use crate::sizes::{self, FileSize};
use crate::tools::{AdaptKind, AdaptReport, EsTarget, Tools};
use crate::version::{self, BaseFrom, BoundApi, GivenBase, Mode, WXWEBASSEMBLY_SINCE, WasmFeatures};
use crate::wasm;
use crate::workspace::{self, PluginCrate, WASM_BINDGEN_VERSION, WASM_TARGET};

/// What to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// A crate directory or a package name of the workspace around `cwd`.
    pub spec: String,
    /// The base library to target (`--base`).
    pub base: Option<Version>,
    /// The output mode (`--mode`).
    pub mode: Option<Mode>,
    /// The WebAssembly features of the wasm mode (`--wasm-features`; the wasm2js mode is
    /// always MVP).
    pub wasm_features: WasmFeatures,
    /// The output folder (`--out`).
    pub out: Option<PathBuf>,
    /// Where the folder will sit inside the plugin root (`--plugin-subdir`), if not at it.
    pub plugin_subdir: Option<String>,
    /// The directory relative paths and package names are resolved from.
    pub cwd: PathBuf,
    /// Print progress on stderr.
    pub verbose: bool,
    /// Build with the crate's release profile as it is (`--keep-profile`), even
    /// when it sets none: no small-wasm defaults.
    pub keep_profile: bool,
    /// The cargo flags passed on: features and profile.
    pub cargo: CargoFlags,
    /// Minify the package's JavaScript (the glue, the snippets, the wasm2js output) with
    /// @swc/core; `--no-minify` turns it off to read what runs.
    pub minify: bool,
    /// Write into an output folder wx-pack did not make, replacing files with the names it
    /// writes (`--overwrite-out`).
    pub overwrite_out: bool,
}

/// The flags of `wx-pack build` that cargo gets as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CargoFlags {
    /// `--features` (each a space or comma separated list).
    pub features: Vec<String>,
    /// `--all-features`.
    pub all_features: bool,
    /// `--no-default-features`.
    pub no_default_features: bool,
    /// `--profile`; `None` is `release`.
    pub profile: Option<String>,
}

impl CargoFlags {
    /// The profile built.
    pub fn profile(&self) -> &str {
        self.profile.as_deref().unwrap_or("release")
    }

    /// The arguments of `cargo build`.
    pub fn args(&self) -> Vec<String> {
        let mut args = vec!["--profile".to_owned(), self.profile().to_owned()];
        args.extend(self.feature_args());
        args
    }

    /// The feature arguments alone, which decide what cargo resolves (`cargo tree` gets them).
    pub fn feature_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        let features: Vec<&str> = self
            .features
            .iter()
            .flat_map(|f| f.split([' ', ',']))
            .filter(|f| !f.is_empty())
            .collect();
        if !features.is_empty() {
            args.push("--features".to_owned());
            args.push(features.join(","));
        }
        if self.all_features {
            args.push("--all-features".to_owned());
        }
        if self.no_default_features {
            args.push("--no-default-features".to_owned());
        }
        args
    }
}

/// The release settings a plugin crate without a release profile of its own
/// is built with: a plugin counts against its host's 2 MB package.
pub const SMALL_WASM_PROFILE: [&str; 4] = [
    "profile.release.opt-level=\"z\"",
    "profile.release.lto=true",
    "profile.release.codegen-units=1",
    "profile.release.panic=\"abort\"",
];

/// The edition the JavaScript of a mode is lowered to: ES5 for the wasm2js mode (base
/// libraries below 2.18.1, on phones whose engines cannot be known; WeChat's upload skips
/// its own ES6 → ES5 pass for files over 2 MB), ES2017 for the wasm mode (an engine with
/// WebAssembly, iOS 11 or Chrome 57 on, has ES2017 but not ES2020's `?.` and `??`).
pub fn es_target(mode: Mode) -> EsTarget {
    match mode {
        Mode::Wasm => EsTarget::Es2017,
        Mode::Wasm2js => EsTarget::Es5,
    }
}

/// What the MVP build (wasm2js, and wasm unless `--wasm-features modern`) adds to RUSTFLAGS.
pub const MVP_RUSTFLAGS: &str = "-C target-cpu=mvp -C strip=symbols";

/// A built plugin folder.
#[derive(Clone, Debug)]
pub struct Built {
    /// The folder.
    pub out_dir: PathBuf,
    /// What `wx-pack.json` says.
    pub manifest: Manifest,
    /// The base library to run it at: `--base`, else `minBaseVersion`.
    pub base: Version,
    /// Notes for the user (printed after the table).
    pub notes: Vec<String>,
    /// Where the folder sits inside the plugin root (`--plugin-subdir`), if not at it.
    pub plugin_subdir: Option<String>,
}

impl Built {
    /// The plugin root: the folder itself, or for a `--plugin-subdir` build the folder
    /// above it, when the folder's path ends with that subdir.
    pub fn plugin_root(&self) -> Option<PathBuf> {
        plugin_root(&self.out_dir, self.plugin_subdir.as_deref())
    }
}

/// The plugin root of an output folder `out` that sits at `subdir` inside it.
pub fn plugin_root(out: &Path, subdir: Option<&str>) -> Option<PathBuf> {
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

struct Log {
    verbose: bool,
    start: Instant,
}

impl Log {
    fn step(&self, message: impl AsRef<str>) {
        if self.verbose {
            eprintln!(
                "wx-pack [{:>5.1}s] {}",
                self.start.elapsed().as_secs_f32(),
                message.as_ref()
            );
        }
    }
}

/// One compilation of the plugin and its wasm-bindgen glue.
struct Compiled {
    mvp: bool,
    bindgen: wasm::BindgenFiles,
    glue_cjs: PathBuf,
    glue: AdaptReport,
    apis: Vec<BoundApi>,
    /// The features cargo compiled wx-bindings with (empty without wx-bindings).
    bindings_features: Vec<String>,
    /// What the judgement of the glue's and the snippets' `wx` uses could not check.
    wx_notes: Vec<String>,
}

/// Builds the plugin folder.
pub fn build(options: &BuildOptions) -> Result<Built> {
    let log = Log {
        verbose: options.verbose,
        start: Instant::now(),
    };
    let mut krate = workspace::locate(&options.spec, &options.cwd)?;
    let manifest_path = krate.manifest_path.clone();
    // The flags win over the crate's [package.metadata.wx-pack]; messages name the one used.
    let base_given = match (&options.base, &krate.settings.base) {
        (Some(version), _) => Some(GivenBase {
            version: version.clone(),
            from: BaseFrom::Flag,
        }),
        (None, Some(version)) => Some(GivenBase {
            version: version.clone(),
            from: BaseFrom::Metadata(manifest_path.clone()),
        }),
        (None, None) => None,
    };
    let (plugin_subdir, subdir_named) = match (&options.plugin_subdir, &krate.settings.plugin_subdir) {
        (Some(sub), _) => (Some(sub.clone()), "--plugin-subdir".to_owned()),
        (None, Some(sub)) => (
            Some(sub.clone()),
            format!("{}:", workspace::metadata_key("plugin-subdir", &manifest_path)),
        ),
        (None, None) => (None, String::new()),
    };
    let decided = version::mode_before_apis(options.mode, base_given.as_ref())?;
    if let Some(sub) = &plugin_subdir {
        check_subdir(sub, &subdir_named)?;
    }
    let (out_dir, out_named) = match (&options.out, &krate.settings.out) {
        (Some(out), _) => (options.cwd.join(out), "--out".to_owned()),
        (None, Some(out)) => (
            out.clone(),
            format!("{}:", workspace::metadata_key("out", &manifest_path)),
        ),
        (None, None) => (
            krate.target_dir.join("wx-plugin").join(&krate.name),
            "the default output folder".to_owned(),
        ),
    };
    check_out_dir(&out_dir, &out_named, &manifest_path, options.overwrite_out)?;
    let tools = Tools::locate(&options.cwd)?;
    if options.keep_profile {
        krate.has_release_profile = true;
    }
    krate.check_wasm_bindgen()?;
    // The base library wx-bindings will be compiled for: its fields, enum values and methods
    // of later bases are compiled in, and only a base at least that high may be claimed. When
    // cargo cannot answer (a bad --features), the build below says why.
    let predicted = match workspace::bindings_features(&krate, &options.cargo.feature_args()) {
        Ok(sets) => baseline_of(&sets),
        Err(err) => {
            log.step(format!("{err:#}"));
            None
        }
    };
    if let (Some(base), Some((baseline, feature))) = (&base_given, &predicted) {
        version::check_base_covers_baseline(base, baseline, feature, &manifest_path)?;
    }
    check_wasm_target(&krate.workspace_root)?;
    let work = krate.target_dir.join("wx-pack").join(&krate.name);
    let _lock = lock_work_dir(&work, &krate.name, &log)?;

    // Without --mode/--base the mode follows the APIs, known after wasm-bindgen, and the base
    // wx-bindings is compiled for: start with the MVP build, which wasm2js needs and which is
    // the default for most plugins.
    let modern = options.wasm_features == WasmFeatures::Modern;
    if modern && decided == Some(Mode::Wasm2js) {
        bail!(
            "--wasm-features modern is for the wasm mode: the wasm2js mode (base libraries below \
             {WXWEBASSEMBLY_SINCE}) translates a WebAssembly 1.0 module to JavaScript"
        );
    }
    let first_mvp = !modern || decided == Some(Mode::Wasm2js);
    let mut compiled = compile(&krate, first_mvp, &options.cargo, &work, &tools, &log)?;
    // What cargo actually compiled wx-bindings with, in case it differs from the prediction.
    let compiled_baseline = baseline_of(&[
        predicted.iter().map(|(_, f)| f.clone()).collect(),
        compiled.bindings_features.clone(),
    ]);
    if let (Some(base), Some((baseline, feature))) = (&base_given, &compiled_baseline) {
        version::check_base_covers_baseline(base, baseline, feature, &manifest_path)?;
    }
    let apis_base = version::apis_base(&compiled.apis);
    if let Some(base) = &base_given {
        version::check_base_covers_apis(base, &compiled.apis)?;
    }
    // The lowest base the code allows: its APIs', and the one wx-bindings is compiled for.
    let code_base = match &compiled_baseline {
        Some((baseline, _)) if *baseline > apis_base => baseline.clone(),
        _ => apis_base.clone(),
    };
    let mode = version::mode_after_apis(decided, &code_base);
    if modern && mode == Mode::Wasm2js {
        bail!(
            "--wasm-features modern is for the wasm mode, but the plugin allows base library {code_base}, \
             below {WXWEBASSEMBLY_SINCE}, so it builds the wasm2js mode: add `--mode wasm` (or a --base of \
             {WXWEBASSEMBLY_SINCE} or later)"
        );
    }
    let want_mvp = mode == Mode::Wasm2js || !modern;
    if want_mvp != compiled.mvp {
        log.step(format!(
            "the plugin needs base library {code_base}: building the {mode} mode"
        ));
        compiled = compile(&krate, want_mvp, &options.cargo, &work, &tools, &log)?;
    }
    let baseline_version = compiled_baseline.as_ref().map(|(v, _)| v);
    let min_base = version::min_base_version(&compiled.apis, mode, baseline_version);
    if let Some((baseline, feature)) = &compiled_baseline {
        log.step(format!(
            "wx-bindings is compiled with `{feature}`: the package needs base library {baseline} or later"
        ));
    }
    let base = base_given
        .as_ref()
        .map_or_else(|| min_base.clone(), |b| b.version.clone());

    let mut notes = Vec::new();
    // Nothing in the folder changes until every file is made and nothing of the user's is in
    // the way ([`OutDir::write`]).
    let previous = OutDir::read(&out_dir);

    let stem = &krate.lib_name;
    let entry = tools.read_entry(&compiled.bindgen.entry)?;
    let exports: Vec<Export> = entry
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
        .collect();

    let mut files: Vec<(String, Vec<u8>, Option<Vec<u8>>)> = Vec::new(); // name, raw, compressed
    let glue_name = format!("{stem}_bg.js");
    let mode_dir = work.join(if compiled.mvp { "mvp" } else { "default" });
    let code_ref;
    // wasm-opt, brotli and wasm2js take seconds even when nothing changed: their outputs are
    // reused when the stage's key (its input and everything else it depends on) matches.
    let cache = StageCache::new(&work.join("cache"));
    let stage_tools = StageTools::of(&tools);
    let input = read(&compiled.bindgen.wasm)?;
    match mode {
        Mode::Wasm => {
            let stage = Stage::Wasm { mvp: compiled.mvp };
            let key = stage.key(&input, &stage_tools);
            let names = ["module.wasm", "module.wasm.br"];
            let (wasm, br) = match cache.get(stage.slot(), &key, &names) {
                Some(mut outputs) => {
                    log.step(format!("{}: reused (inputs unchanged, key {key})", stage.describe()));
                    let br = outputs.pop().expect("two outputs");
                    (outputs.pop().expect("two outputs"), br)
                }
                None => {
                    let wasm = optimise_wasm(&input, compiled.mvp, &mode_dir, &tools, &log)?;
                    log.step("brotli, quality 11");
                    let br = sizes::brotli(&wasm);
                    store(&cache, &stage, &key, &[(names[0], &wasm), (names[1], &br)], &log);
                    (wasm, br)
                }
            };
            let name = format!("{stem}_bg.wasm.br");
            code_ref = match &plugin_subdir {
                Some(sub) => format!("/{}/{name}", sub.trim_matches('/')),
                None => format!("/{name}"),
            };
            files.push((name, wasm, Some(br)));
        }
        Mode::Wasm2js => {
            let stage = Stage::Wasm2js {
                minify: options.minify,
                stem: stem.clone(),
            };
            let key = stage.key(&input, &stage_tools);
            let js = match cache.get(stage.slot(), &key, &["module.js"]) {
                Some(mut outputs) => {
                    log.step(format!("{}: reused (inputs unchanged, key {key})", stage.describe()));
                    outputs.pop().expect("one output")
                }
                None => {
                    let js = wasm_to_js(&input, stem, &mode_dir, &tools, &log, options.minify)?;
                    store(&cache, &stage, &key, &[("module.js", &js)], &log);
                    js
                }
            };
            let name = format!("{stem}_bg.wasm.js");
            code_ref = format!("./{name}");
            files.push((name, js, None));
        }
    }
    let target = es_target(mode);
    log.step(format!(
        "lowering the glue to {}{} (@swc/core)",
        if target == EsTarget::Es5 { "ES5" } else { "ES2017" },
        if options.minify { ", minified" } else { "" }
    ));
    let glue_lowered = mode_dir.join(format!("{stem}_bg.{}.cjs", target.as_str()));
    let lowered = tools.lower(&compiled.glue_cjs, &glue_lowered, target, options.minify)?;
    files.insert(0, (glue_name.clone(), read(&glue_lowered)?, None));
    for snippet in &compiled.bindgen.snippets {
        let source = compiled.bindgen.wasm.parent().expect("bindgen dir").join(snippet);
        let converted = mode_dir.join("snippets-cjs").join(snippet);
        let adapted = mode_dir.join(format!("snippets-{}", target.as_str())).join(snippet);
        std::fs::create_dir_all(converted.parent().expect("has a parent"))?;
        std::fs::create_dir_all(adapted.parent().expect("has a parent"))?;
        // Its `wx` uses were judged with the glue's ([`crate::uses::judge_build`]).
        tools.adapt(AdaptKind::Module, &source, &converted)?;
        tools.lower(&converted, &adapted, target, options.minify)?;
        files.push((slash_path(snippet), read(&adapted)?, None));
    }

    let min_base_text = min_base.to_string();
    let index = emit::index_js(&IndexSpec {
        crate_name: &krate.name,
        mode,
        glue_require: &format!("./{glue_name}"),
        glue_import_name: &entry.glue_module,
        code: &code_ref,
        start_calls: &entry.start_calls,
        exports: &exports,
        min_base: &min_base_text,
    });
    let index = if options.minify {
        // Minified like the glue (it counts against the 2 MB as much), under its header
        // comment: what made it, for which base, and that it is generated.
        let source = mode_dir.join("index.src.js");
        let minified = mode_dir.join("index.min.js");
        std::fs::write(&source, &index).with_context(|| format!("cannot write {}", source.display()))?;
        tools.minify_script(&source, &minified, EsTarget::Es5, true)?;
        let header: String = index
            .lines()
            .take_while(|l| l.starts_with("//"))
            .map(|l| format!("{l}\n"))
            .collect();
        let body = String::from_utf8(read(&minified)?).context("the minified index.js is not UTF-8")?;
        format!("{header}{}\n", body.trim_end())
    } else {
        index
    };
    files.insert(0, ("index.js".to_owned(), index.into_bytes(), None));

    // A plugin.json that differs from wx-pack's is the user's, even where an earlier build
    // wrote it (users add their components and pages to it): it is never replaced.
    let plugin_json = emit::plugin_json("index.js");
    let plugin_json_path = out_dir.join(PLUGIN_JSON);
    let mut remove_plugin_json = false;
    let existing = previous.plugin_json();
    match &plugin_subdir {
        None => {
            if existing.as_deref().is_none_or(|e| e == plugin_json.as_bytes()) {
                files.push((PLUGIN_JSON.to_owned(), plugin_json.into_bytes(), None));
            } else {
                notes.push(format!(
                    "kept the existing {} (its `main` should be \"index.js\")",
                    plugin_json_path.display()
                ));
            }
        }
        Some(sub) => {
            // The one an earlier build wrote here, unedited, is stale.
            let ours = previous.listed.iter().any(|f| f == PLUGIN_JSON);
            remove_plugin_json = ours && existing.as_deref() == Some(plugin_json.as_bytes());
            // Said unless the plugin root around the folder has a main module that requires
            // this folder's (as a `wx-pack new` project's plugin/index.js does).
            if !main_module_requires(&out_dir, sub) {
                notes.push(format!(
                    "no plugin.json written: in the plugin's own plugin.json, set \"main\" to \"{}/index.js\" (or \
                     require it from the main module)",
                    sub.trim_matches('/')
                ));
            }
        }
    }

    let sizes: Vec<FileSize> = files
        .iter()
        .map(|(name, raw, compressed)| match compressed {
            Some(c) => FileSize::compressed(name, raw, c),
            None => FileSize::plain(name, raw),
        })
        .collect();

    let manifest = Manifest {
        crate_name: krate.name.clone(),
        mode,
        min_base_version: min_base_text,
        base: base.to_string(),
        apis: compiled.apis.iter().map(|a| a.name.clone()).collect(),
        exports: exports.iter().map(|e| e.name.clone()).collect(),
        files: sizes,
        wasm_bindgen: WASM_BINDGEN_VERSION.to_owned(),
        glue_es_version: lowered.es_version,
        es_target: target.edition(),
        wasm_features: (mode == Mode::Wasm).then_some(if compiled.mvp {
            WasmFeatures::Mvp
        } else {
            WasmFeatures::Modern
        }),
        generator: format!("wx-pack {}", env!("CARGO_PKG_VERSION")),
    };
    let mut written: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, raw, compressed)| (name.as_str(), compressed.as_ref().unwrap_or(raw).as_slice()))
        .collect();
    let manifest_json = manifest.to_json();
    written.push((MANIFEST, manifest_json.as_bytes()));
    previous.write(&written, remove_plugin_json, options.overwrite_out)?;
    notes.extend(compiled.wx_notes.iter().cloned());
    log.step(format!("wrote {}", out_dir.display()));
    Ok(Built {
        out_dir,
        manifest,
        base,
        notes,
        plugin_subdir,
    })
}

/// The manifest file in the output folder.
pub const MANIFEST: &str = "wx-pack.json";

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

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn check_subdir(sub: &str, named: &str) -> Result<()> {
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

/// The highest `base-*` feature among the feature sets of wx-bindings, with its version.
fn baseline_of(sets: &[Vec<String>]) -> Option<(Version, String)> {
    version::bindings_baseline(sets.iter().flatten().map(String::as_str))
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
fn check_out_dir(out: &Path, named: &str, manifest: &Path, overwrite: bool) -> Result<()> {
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
struct OutDir {
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
    fn read(dir: &Path) -> OutDir {
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
        let snippets = self.dir.join("snippets");
        // symlink_metadata: a link named snippets is not entered.
        if self.made_by_wx_pack && std::fs::symlink_metadata(&snippets).is_ok_and(|m| m.is_dir()) {
            remove_empty_dirs(&snippets);
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

/// Two builds of one crate share `work` (wasm-bindgen's output there is cleared and rewritten),
/// and by default the output folder: the second build waits for the first, as cargo does for
/// its target dir. The lock is released when the returned file is dropped. Where the file
/// system cannot lock, builds go on unlocked.
fn lock_work_dir(work: &Path, crate_name: &str, log: &Log) -> Result<Option<std::fs::File>> {
    std::fs::create_dir_all(work).with_context(|| format!("cannot create {}", work.display()))?;
    let path = work.join(".wx-pack.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => {
            log.step(format!(
                "waiting for another wx-pack build of `{crate_name}` to finish (lock: {})",
                path.display()
            ));
            file.lock().with_context(|| format!("cannot lock {}", path.display()))?;
            Ok(Some(file))
        }
        Err(std::fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// The wasm32 standard library must be installed for the toolchain the plugin uses (the
/// toolchain `rustc` picks in `workspace_root`, which may have a `rust-toolchain.toml`).
pub fn check_wasm_target(workspace_root: &Path) -> Result<()> {
    match wasm_target_libdir(workspace_root) {
        WasmTarget::Installed(_) | WasmTarget::Unknown(_) => Ok(()), // cargo will say what is wrong
        WasmTarget::Missing => {
            bail!("the {WASM_TARGET} target is not installed for this toolchain: run `rustup target add {WASM_TARGET}`")
        }
    }
}

/// What [`wasm_target_libdir`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WasmTarget {
    /// The target's library folder, with the wasm32 `core` in it.
    Installed(PathBuf),
    /// rustc answered, but the target's `core` is not there.
    Missing,
    /// rustc could not be asked (why).
    Unknown(String),
}

/// Asks `rustc` (`RUSTC`, else `rustc` on `PATH`), run in `dir`, where the wasm32 target's
/// libraries are, and whether they are there.
pub fn wasm_target_libdir(dir: &Path) -> WasmTarget {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(&rustc)
        .args(["--print", "target-libdir", "--target", WASM_TARGET])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output();
    let out = match out {
        Ok(out) => out,
        Err(err) => return WasmTarget::Unknown(format!("`{}` did not start: {err}", Path::new(&rustc).display())),
    };
    let libdir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let installed = out.status.success()
        && std::fs::read_dir(&libdir)
            .map(|entries| {
                entries
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with("libcore-"))
            })
            .unwrap_or(false);
    if installed {
        WasmTarget::Installed(libdir)
    } else {
        WasmTarget::Missing
    }
}

/// `cargo build --profile <profile> --target wasm32-unknown-unknown` of the plugin's lib, then
/// wasm-bindgen and the glue's adaptation.
fn compile(
    krate: &PluginCrate,
    mvp: bool,
    flags: &CargoFlags,
    work: &Path,
    tools: &Tools,
    log: &Log,
) -> Result<Compiled> {
    let (wasm, bindings_features) = cargo_build(krate, mvp, flags, log)?;
    let dir = work.join(if mvp { "mvp" } else { "default" });
    log.step("wasm-bindgen (bundler target)");
    let bindgen = wasm::bindgen(&wasm, &krate.lib_name, &dir.join("bindgen"))?;
    if !bindgen.removed_global_exports.is_empty() {
        log.step(format!(
            "removed exported wasm globals the glue never reads (iOS has no exported globals): {}",
            bindgen.removed_global_exports.join(", ")
        ));
    }
    if !bindgen.stack_pointer_exported {
        log.step("no shadow-stack pointer found: a panic's trap will leave its stack frames allocated");
    }
    log.step("adapting the glue for WeChat (CommonJS, own TextEncoder/TextDecoder)");
    let glue_cjs = dir.join(format!("{}_bg.cjs", krate.lib_name));
    let glue = tools.adapt(AdaptKind::Glue, &bindgen.glue, &glue_cjs)?;
    // The glue's and the snippets' uses of `wx`, judged as `wx-pack check` judges a JS plugin.
    log.step("checking the glue's and the snippets' uses of wx against the allowlist (js/wxuses.mjs)");
    let bindgen_dir = bindgen.glue.parent().expect("the glue is in a folder");
    let glue_name = bindgen.glue.file_name().expect("the glue has a name");
    let judged = crate::uses::judge_build(tools, bindgen_dir, Path::new(glue_name), &bindgen.snippets)?;
    Ok(Compiled {
        mvp,
        bindgen,
        glue_cjs,
        glue,
        apis: judged.apis,
        bindings_features,
        wx_notes: judged.notes,
    })
}

/// Builds the crate; returns its `.wasm` and the features wx-bindings was compiled with.
fn cargo_build(krate: &PluginCrate, mvp: bool, flags: &CargoFlags, log: &Log) -> Result<(PathBuf, Vec<String>)> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    let flag_args = flags.args();
    command
        .current_dir(&krate.workspace_root)
        .args(["build", "--lib", "--target", WASM_TARGET])
        .args(&flag_args)
        .arg("--message-format=json-render-diagnostics")
        .arg("--manifest-path")
        .arg(&krate.manifest_path)
        .arg("-p")
        .arg(format!("{}@{}", krate.name, krate.version))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if !log.verbose {
        command.arg("--quiet"); // still shows compile errors
    }
    if !krate.has_release_profile && flags.profile() == "release" {
        for setting in SMALL_WASM_PROFILE {
            command.arg("--config").arg(setting);
        }
        log.step(
            "no [profile.release] in the workspace: building with opt-level z, LTO, one codegen unit, \
             panic abort (--keep-profile keeps cargo's defaults)",
        );
    }
    let shown = format!(
        "cargo build --target {WASM_TARGET} {} -p {}",
        flag_args.join(" "),
        krate.name
    );
    if mvp {
        // The MVP build shares the target dir: with RUSTFLAGS applying to the wasm32 units
        // only (--target is given), the build scripts and proc-macros of the normal build are
        // reused, and cargo keeps the wasm32 dependencies of both side by side (RUSTFLAGS are
        // part of their hash); only the plugin crate itself is rebuilt when the mode changes.
        // Symbols are stripped: with them wasm-bindgen 0.2.130 looks for externref helpers
        // that an MVP module does not have.
        let mut rustflags = std::env::var("RUSTFLAGS").unwrap_or_default();
        if !rustflags.trim().is_empty() {
            rustflags.push(' ');
        }
        rustflags.push_str(MVP_RUSTFLAGS);
        command
            .env("RUSTFLAGS", rustflags)
            .env_remove("CARGO_ENCODED_RUSTFLAGS");
        log.step(format!("{shown} (MVP: RUSTFLAGS={MVP_RUSTFLAGS})"));
    } else {
        log.step(shown);
    }
    let mut child = command.spawn().context("cannot start cargo")?;
    let stdout = child.stdout.take().expect("piped");
    let mut wasm = None;
    let mut bindings_features = Vec::new();
    for message in cargo_metadata::Message::parse_stream(BufReader::new(stdout)) {
        if let Ok(cargo_metadata::Message::CompilerArtifact(artifact)) = message {
            // Reported for every unit, also those cargo found fresh.
            if artifact.target.name == "wx_bindings" {
                bindings_features.extend(artifact.features.iter().cloned());
            }
            let ours = artifact.target.is_kind(cargo_metadata::TargetKind::CDyLib)
                && artifact.manifest_path.as_std_path() == krate.manifest_path;
            if ours {
                wasm = artifact
                    .filenames
                    .iter()
                    .find(|f| f.extension() == Some("wasm"))
                    .map(|f| f.clone().into());
            }
        }
    }
    let status = child.wait().context("cargo did not finish")?;
    if !status.success() {
        bail!(
            "cargo could not compile `{}` for {WASM_TARGET} (cargo's messages are above)",
            krate.name
        );
    }
    let wasm =
        wasm.with_context(|| format!("cargo built `{}` but reported no .wasm file for its cdylib", krate.name))?;
    Ok((wasm, bindings_features))
}

/// An expensive stage whose output [`StageCache`] keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
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
pub struct StageTools {
    /// The npm binaryen's version (wasm-opt, wasm2js).
    pub binaryen: String,
    /// The npm @swc/core's version (the wasm2js output's mangling).
    pub swc: String,
    /// `node --version`.
    pub node: String,
    /// `adapt.mjs` as it is on disk (a checkout's may be edited without a new version).
    pub adapt_script: Vec<u8>,
    /// The wx-pack executable's size and modification time: a rebuilt wx-pack (new flags, a
    /// new brotli) never reuses an older one's outputs.
    pub wx_pack: String,
}

impl StageTools {
    /// The tools of `tools`; what cannot be read counts as empty (a stage that then fails
    /// says why).
    pub fn of(tools: &Tools) -> StageTools {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
            .unwrap_or_default();
        StageTools {
            binaryen: tools.side.installed_version("binaryen").unwrap_or_default(),
            swc: tools.side.installed_version("@swc/core").unwrap_or_default(),
            node: tools.node_version.clone(),
            adapt_script: std::fs::read(tools.adapt_script()).unwrap_or_default(),
            wx_pack: exe,
        }
    }
}

impl Stage {
    /// The cache slot: one per stage and variant, so switching modes keeps both.
    pub fn slot(&self) -> &'static str {
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
    pub fn key(&self, input: &[u8], tools: &StageTools) -> String {
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
                .add("adapt.mjs", &tools.adapt_script);
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

    fn flags(features: &[&str], all: bool, no_default: bool, profile: Option<&str>) -> Vec<String> {
        CargoFlags {
            features: features.iter().map(|f| (*f).to_owned()).collect(),
            all_features: all,
            no_default_features: no_default,
            profile: profile.map(str::to_owned),
        }
        .args()
    }

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

    #[test]
    fn plugin_roots() {
        let out = Path::new("/p/plugin/lib/rust");
        assert_eq!(plugin_root(out, None), Some(out.to_path_buf()));
        assert_eq!(plugin_root(out, Some("rust")), Some(PathBuf::from("/p/plugin/lib")));
        assert_eq!(plugin_root(out, Some("/lib/rust/")), Some(PathBuf::from("/p/plugin")));
        assert_eq!(plugin_root(out, Some("other")), None);
        assert_eq!(plugin_root(out, Some("x/lib/rust")), None);
    }

    #[test]
    fn cargo_gets_the_flags_as_cargo_spells_them() {
        assert_eq!(flags(&[], false, false, None), ["--profile", "release"]);
        assert_eq!(
            flags(&["a b", "c,d", " ", "e"], false, true, Some("small")),
            ["--profile", "small", "--features", "a,b,c,d,e", "--no-default-features"]
        );
        assert_eq!(
            flags(&[], true, false, Some("dev")),
            ["--profile", "dev", "--all-features"]
        );
    }
}
