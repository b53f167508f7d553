//! Stage 2: cargo and wasm-bindgen. The plugin's lib is compiled for wasm32 (for the MVP
//! feature set with [`MVP_RUSTFLAGS`], in the same target dir), wasm-bindgen (bundler target,
//! as a library) writes the glue, the glue is converted to CommonJS (`js/adapt.mjs`), and the
//! uses of `wx` in the glue and the snippets are judged ([`crate::uses::judge_build`]): what
//! [`crate::stages::plan`] needs to settle the mode.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};
use semver::Version;

use crate::stages::Log;
use crate::tools::{AdaptKind, AdaptReport, Tools};
use crate::version::{self, BoundApi};
use crate::wasm;
use crate::workspace::{self, PluginCrate, WASM_TARGET};

/// The flags of `wx-pack build` that cargo gets as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CargoFlags {
    /// `--features` (each a space or comma separated list).
    pub(crate) features: Vec<String>,
    /// `--all-features`.
    pub(crate) all_features: bool,
    /// `--no-default-features`.
    pub(crate) no_default_features: bool,
    /// `--profile`; `None` is `release`.
    pub(crate) profile: Option<String>,
}

impl CargoFlags {
    /// The profile built.
    pub(crate) fn profile(&self) -> &str {
        self.profile.as_deref().unwrap_or("release")
    }

    /// The arguments of `cargo build`.
    pub(crate) fn args(&self) -> Vec<String> {
        let mut args = vec!["--profile".to_owned(), self.profile().to_owned()];
        args.extend(self.feature_args());
        args
    }

    /// The feature arguments alone, which decide what cargo resolves (`cargo tree` gets them).
    pub(crate) fn feature_args(&self) -> Vec<String> {
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
pub(crate) const SMALL_WASM_PROFILE: [&str; 4] = [
    "profile.release.opt-level=\"z\"",
    "profile.release.lto=true",
    "profile.release.codegen-units=1",
    "profile.release.panic=\"abort\"",
];

/// What the MVP build (wasm2js, and wasm unless `--wasm-features modern`) adds to RUSTFLAGS.
pub(crate) const MVP_RUSTFLAGS: &str = "-C target-cpu=mvp -C strip=symbols";

/// One compilation of the plugin and its wasm-bindgen glue.
pub(crate) struct Compiled {
    /// Compiled for the MVP feature set.
    pub(crate) mvp: bool,
    /// wasm-bindgen's files.
    pub(crate) bindgen: wasm::BindgenFiles,
    /// The glue converted to CommonJS.
    pub(crate) glue_cjs: PathBuf,
    /// What the conversion found.
    pub(crate) glue: AdaptReport,
    /// The `wx` functions the glue and the snippets bind.
    pub(crate) apis: Vec<BoundApi>,
    /// The features cargo compiled wx-bindings with (empty without wx-bindings).
    pub(crate) bindings_features: Vec<String>,
    /// What the judgement of the glue's and the snippets' `wx` uses could not check.
    pub(crate) wx_notes: Vec<String>,
}

/// The base library wx-bindings will be compiled for, asked of cargo before compiling (its
/// highest `base-*` feature, with its version). When cargo cannot answer (a bad
/// --features), the build says why.
pub(crate) fn predict_baseline(krate: &PluginCrate, flags: &CargoFlags, log: &Log) -> Option<(Version, String)> {
    match workspace::bindings_features(krate, &flags.feature_args()) {
        Ok(sets) => version::bindings_baseline(sets.iter().flatten().map(String::as_str)),
        Err(err) => {
            log.step(format!("{err:#}"));
            None
        }
    }
}

/// `cargo build --profile <profile> --target wasm32-unknown-unknown` of the plugin's lib, then
/// wasm-bindgen and the glue's adaptation.
pub(crate) fn compile(
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

/// The wasm32 standard library must be installed for the toolchain the plugin uses (the
/// toolchain `rustc` picks in `workspace_root`, which may have a `rust-toolchain.toml`).
pub(crate) fn check_wasm_target(workspace_root: &Path) -> Result<()> {
    match wasm_target_libdir(workspace_root) {
        WasmTarget::Installed(_) | WasmTarget::Unknown(_) => Ok(()), // cargo will say what is wrong
        WasmTarget::Missing => {
            bail!("the {WASM_TARGET} target is not installed for this toolchain: run `rustup target add {WASM_TARGET}`")
        }
    }
}

/// What [`wasm_target_libdir`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum WasmTarget {
    /// The target's library folder, with the wasm32 `core` in it.
    Installed(PathBuf),
    /// rustc answered, but the target's `core` is not there.
    Missing,
    /// rustc could not be asked (why).
    Unknown(String),
}

/// Asks `rustc` (`RUSTC`, else `rustc` on `PATH`), run in `dir`, where the wasm32 target's
/// libraries are, and whether they are there.
pub(crate) fn wasm_target_libdir(dir: &Path) -> WasmTarget {
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
