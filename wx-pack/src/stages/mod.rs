//! `wx-pack build`: from a plugin crate to a plugin folder, in named stages.
//!
//! 1. [`resolve`]: the flags and the crate's `[package.metadata.wx-pack]`, once
//!    ([`resolve::Resolved`], which `run` reads too);
//! 2. [`cargo`]: `cargo build --target wasm32-unknown-unknown` (MVP features unless
//!    `--wasm-features modern`), wasm-bindgen as a library, the glue to CommonJS, and the
//!    judgement of its `wx` uses;
//! 3. [`plan`]: the mode, the feature set and the minimum base ([`plan::BuildPlan`]: the
//!    feature set is decided before compiling, the mode and base after);
//! 4. [`optimise`]: wasm-opt and brotli (wasm mode) or wasm2js (wasm2js mode), cached;
//! 5. [`adapt`]: the glue and the snippets lowered to ES5 or ES2017, and `index.js` from its
//!    template ([`crate::loader`]);
//! 6. [`components`]: when the crate has components, their shapes from the plugin's
//!    `__wx_components()`, checked against the metadata, the templates and the base; their
//!    files, and `load.js`, which loads the wasm once for `index.js` and them;
//! 7. [`write`](mod@write): `plugin.json`, `wx-pack.json` and the folder, all at once, touching only
//!    what an earlier build wrote.

pub(crate) mod adapt;
pub(crate) mod cargo;
pub(crate) mod components;
pub(crate) mod optimise;
pub(crate) mod plan;
pub(crate) mod resolve;
pub(crate) mod write;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result};
use semver::Version;

use crate::loader::{IndexSpec, Role};
use crate::protocol;
use crate::tools::Tools;
use crate::version::{Mode, WasmFeatures};
use crate::workspace::WASM_BINDGEN_VERSION;
use plan::BuildPlan;
use resolve::Resolved;
use write::{Manifest, OutDir};

/// A built plugin folder.
#[derive(Clone, Debug)]
pub(crate) struct Built {
    /// The folder.
    pub(crate) out_dir: PathBuf,
    /// What `wx-pack.json` says.
    pub(crate) manifest: Manifest,
    /// The base library to run it at: `--base`, else `minBaseVersion`.
    pub(crate) base: Version,
    /// Notes for the user (printed after the table).
    pub(crate) notes: Vec<String>,
    /// Where the folder sits inside the plugin root (`--plugin-subdir`), if not at it.
    pub(crate) plugin_subdir: Option<String>,
}

impl Built {
    /// The plugin root: the folder itself, or for a `--plugin-subdir` build the folder
    /// above it, when the folder's path ends with that subdir.
    pub(crate) fn plugin_root(&self) -> Option<PathBuf> {
        resolve::plugin_root(&self.out_dir, self.plugin_subdir.as_deref())
    }
}

/// The build's progress on stderr, with the time since it started.
pub(crate) struct Log {
    verbose: bool,
    start: Instant,
}

impl Log {
    /// One step (nothing with `-q`).
    pub(crate) fn step(&self, message: impl AsRef<str>) {
        if self.verbose {
            eprintln!(
                "wx-pack [{:>5.1}s] {}",
                self.start.elapsed().as_secs_f32(),
                message.as_ref()
            );
        }
    }
}

/// Builds the plugin folder.
pub(crate) fn build(resolved: &Resolved) -> Result<Built> {
    let options = &resolved.options;
    let log = Log {
        verbose: options.verbose,
        start: Instant::now(),
    };
    let krate = &resolved.krate;
    let plan = BuildPlan::new(
        options.mode,
        resolved.base.clone(),
        options.wasm_features,
        krate.manifest_path.clone(),
    )?;
    if let Some(sub) = &resolved.plugin_subdir {
        resolve::check_subdir(sub, &resolved.subdir_named)?;
    }
    let out_dir = &resolved.out_dir;
    write::check_out_dir(
        out_dir,
        &resolved.out_named(),
        &krate.manifest_path,
        options.overwrite_out,
    )?;
    let tools = Tools::locate(&options.cwd)?;
    krate.check_wasm_bindgen()?;
    // The base library wx-bindings will be compiled for: its fields, enum values and methods
    // of later bases are compiled in, and only a base at least that high may be claimed.
    let predicted = cargo::predict_baseline(krate, &options.cargo, &log);
    plan.check_baseline(predicted.as_ref())?;
    cargo::check_wasm_target(&krate.workspace_root)?;
    let work = krate.target_dir.join("wx-pack").join(&krate.name);
    let _lock = lock_work_dir(&work, &krate.name, &log)?;

    let mvp = plan.mvp()?;
    let compiled = cargo::compile(krate, mvp, &options.cargo, &work, &tools, &log)?;
    let planned = plan.settle(predicted.as_ref(), &compiled.bindings_features, &compiled.apis)?;
    if let Some((baseline, feature)) = &planned.baseline {
        log.step(format!(
            "wx-bindings is compiled with `{feature}`: the package needs base library {baseline} or later"
        ));
    }
    let mode = planned.mode;

    // Nothing in the folder changes until every file is made and nothing of the user's is in
    // the way ([`OutDir::write`]).
    let previous = OutDir::read(out_dir);

    let stem = &krate.lib_name;
    let entry = tools.read_entry(&compiled.bindgen.entry)?;
    let exports = adapt::exports(&entry, &compiled);
    // The component plumbing is load.js's: the host mini-program never sees it.
    let exports_components = exports.iter().any(|e| e.name == protocol::COMPONENTS);
    let exports: Vec<_> = exports
        .into_iter()
        .filter(|e| !e.name.starts_with(protocol::COMPONENT_PREFIX))
        .collect();
    let mode_dir = work.join(if compiled.mvp { "mvp" } else { "default" });
    let code = optimise::optimise(
        mode,
        &optimise::Input {
            wasm: &compiled.bindgen.wasm,
            stem,
            mvp: compiled.mvp,
            minify: options.minify,
            plugin_subdir: resolved.plugin_subdir.as_deref(),
            dir: &mode_dir,
            work: &work,
        },
        &tools,
        &log,
    )?;
    let target = planned.es_target();
    let (glue, snippets, lowered) =
        adapt::lower_glue_and_snippets(&compiled, stem, target, options.minify, &mode_dir, &tools, &log)?;
    // Components: their shapes, from the plugin itself, checked before anything is written.
    let sources = &resolved.components;
    let mut min_base = planned.min_base.clone();
    let shapes = if exports_components {
        log.step(format!(
            "running the plugin's {}() once in Node (js/components.mjs)",
            protocol::COMPONENTS
        ));
        let artifacts = components::Artifacts {
            mode,
            glue: &glue,
            snippets: &snippets,
            code: &code.file,
            glue_import_name: &entry.glue_module,
            start_calls: &entry.start_calls,
            dir: &mode_dir.join("components"),
        };
        Some(components::describe(&artifacts, &tools)?)
    } else if !sources.is_empty() {
        anyhow::bail!(
            "[package.metadata.wx-pack.components] in {} lists {}, but the plugin exports no {}(): name the \
             components once in the crate root with `wx_bindings::components![Counter, ...];` (one Rust type per \
             component; docs/component-protocol.md §1)",
            krate.manifest_path.display(),
            sources
                .iter()
                .map(|s| format!("`{}`", s.name))
                .collect::<Vec<_>>()
                .join(", "),
            protocol::COMPONENTS
        );
    } else {
        None
    };
    if let Some(shapes) = &shapes {
        components::cross_check(sources, shapes, &krate.manifest_path)?;
        components::check_templates(sources, shapes, &options.cwd)?;
        let base_named = match &resolved.base {
            Some(given) => given.said(),
            None => "its minimum: the lowest its wx calls and wx-bindings' base-* features allow".to_owned(),
        };
        if let Some(needs) = components::check_bases(shapes, &planned.base, &base_named)? {
            min_base = min_base.max(needs);
        }
    }
    let min_base_text = min_base.to_string();
    let spec = IndexSpec {
        crate_name: &krate.name,
        mode,
        glue_require: &format!("./{}", glue.name),
        glue_import_name: &entry.glue_module,
        code: &code.reference,
        start_calls: &entry.start_calls,
        exports: &exports,
        min_base: &min_base_text,
        role: if sources.is_empty() { Role::Main } else { Role::Entry },
    };
    let index = adapt::index_js(&spec, options.minify, &mode_dir, &tools)?;
    let mut files = vec![index];
    let mut component_files = Vec::new();
    if let Some(shapes) = shapes.as_ref().filter(|_| !sources.is_empty()) {
        log.step(format!(
            "components: {} (templates checked; load.js loads the wasm for index.js and them)",
            sources.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")
        ));
        let load = IndexSpec {
            role: Role::Load,
            ..spec.clone()
        };
        files.push(adapt::script(
            crate::loader::LOAD_JS,
            crate::loader::index_js(&load),
            options.minify,
            &mode_dir,
            &tools,
        )?);
        for file in components::files(sources, shapes, &krate.name, &min_base) {
            component_files.push(if file.name.ends_with(".js") {
                let text = String::from_utf8(file.raw().to_vec()).expect("generated JS is UTF-8");
                adapt::script(&file.name, text, options.minify, &mode_dir, &tools)?
            } else {
                file
            });
        }
    }
    files.extend([glue, code.file]);
    files.extend(snippets);
    files.extend(component_files);

    let manifest = Manifest {
        crate_name: krate.name.clone(),
        mode,
        min_base_version: min_base_text,
        base: planned.base.to_string(),
        apis: compiled.apis.iter().map(|a| a.name.clone()).collect(),
        exports: exports.iter().map(|e| e.name.clone()).collect(),
        components: sources.iter().map(|s| s.name.clone()).collect(),
        files: Vec::new(), // filled in by write::write
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
    let public_components = components::public_components(sources, resolved.plugin_subdir.as_deref());
    let (manifest, mut notes) = write::write(
        &previous,
        files,
        resolved.plugin_subdir.as_deref(),
        &public_components,
        manifest,
        options.overwrite_out,
    )?;
    notes.extend(compiled.wx_notes.iter().cloned());
    log.step(format!("wrote {}", out_dir.display()));
    Ok(Built {
        out_dir: out_dir.clone(),
        manifest,
        base: planned.base,
        notes,
        plugin_subdir: resolved.plugin_subdir.clone(),
    })
}

/// Two builds of one crate share `work` (wasm-bindgen's output there is cleared and rewritten),
/// and by default the output folder: the second build waits for the first.
fn lock_work_dir(work: &Path, crate_name: &str, log: &Log) -> Result<Option<std::fs::File>> {
    std::fs::create_dir_all(work).with_context(|| format!("cannot create {}", work.display()))?;
    let path = work.join(".wx-pack.lock");
    crate::lock::hold(&path, || {
        log.step(format!(
            "waiting for another wx-pack build of `{crate_name}` to finish (lock: {})",
            path.display()
        ));
    })
}
