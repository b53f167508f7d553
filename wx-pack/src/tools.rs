//! The Node side: `node`, binaryen's `wasm-opt` and `wasm2js` from the npm package
//! `binaryen`, and `wx-pack/js/adapt.mjs` (which needs the npm package `acorn`).
//!
//! They live in the wx workspace checkout wx-pack was built from (`WX_PACK_ROOT`
//! overrides it). Debian's binaryen is not used on purpose: its version broke
//! wasm-bindgen output, the npm package's does not.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;

/// Where the Node tools are found.
#[derive(Clone, Debug)]
pub struct Tools {
    /// The `node` executable.
    pub node: PathBuf,
    /// The workspace root: holds `node_modules/`, `wx-pack/js/` and `wx-host/`.
    pub root: PathBuf,
}

/// The workspace root wx-pack was built in, or `WX_PACK_ROOT`.
pub fn default_root() -> PathBuf {
    match std::env::var_os("WX_PACK_ROOT") {
        Some(root) if !root.is_empty() => PathBuf::from(root),
        _ => Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("wx-pack is inside the workspace")
            .to_path_buf(),
    }
}

impl Tools {
    /// Finds `node` (`WX_PACK_NODE`, else `node` on `PATH`) and checks that the npm
    /// packages are installed under `root`.
    pub fn locate(root: &Path) -> Result<Tools> {
        let node = std::env::var_os("WX_PACK_NODE")
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "node".into());
        let version = Command::new(&node).arg("--version").stdin(Stdio::null()).output();
        let npm_ci = format!("install Node.js (18 or later), then run `npm ci` in {}", root.display());
        match version {
            Ok(out) if out.status.success() => {}
            Ok(out) => bail!(
                "`{} --version` failed ({}): wx-pack needs Node.js to adapt the glue and to run binaryen; {npm_ci}",
                Path::new(&node).display(),
                out.status
            ),
            Err(err) => bail!(
                "Node.js was not found (`{}`: {err}): wx-pack needs it to adapt the glue and to run binaryen; {npm_ci}",
                Path::new(&node).display()
            ),
        }
        let tools = Tools {
            node: node.into(),
            root: root.to_path_buf(),
        };
        let missing: Vec<String> = [
            tools.binaryen_bin("wasm-opt"),
            tools.binaryen_bin("wasm2js"),
            root.join("node_modules/acorn/package.json"),
        ]
        .iter()
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect();
        if !missing.is_empty() {
            bail!(
                "the workspace's npm packages are not installed (missing {}): run `npm ci` in {} (wx-pack uses the npm \
                 packages `binaryen` and `acorn`, not a system binaryen)",
                missing.join(", "),
                root.display()
            );
        }
        if !tools.adapt_script().is_file() {
            bail!(
                "{} is missing: is WX_PACK_ROOT the wx workspace?",
                tools.adapt_script().display()
            );
        }
        Ok(tools)
    }

    fn binaryen_bin(&self, name: &str) -> PathBuf {
        self.root.join("node_modules/binaryen/bin").join(name)
    }

    /// `wx-pack/js/adapt.mjs`.
    pub fn adapt_script(&self) -> PathBuf {
        self.root.join("wx-pack/js/adapt.mjs")
    }

    /// The simulated host's command-line entry.
    pub fn wx_host(&self) -> PathBuf {
        self.root.join("wx-host/bin/wx-host.js")
    }

    fn run_node<I, S>(&self, what: &str, script: &Path, args: I) -> Result<String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new(&self.node);
        command.arg(script).args(args).stdin(Stdio::null());
        let out = command.output().with_context(|| format!("cannot start {what}"))?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let message = [stderr.trim(), stdout.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>();
            bail!("{what} failed ({}): {}", out.status, message.join("\n"));
        }
        String::from_utf8(out.stdout).with_context(|| format!("{what} printed something that is not UTF-8"))
    }

    /// Runs binaryen's `wasm-opt` with these arguments.
    pub fn wasm_opt<I, S>(&self, args: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run_node("wasm-opt (npm binaryen)", &self.binaryen_bin("wasm-opt"), args)
            .map(drop)
    }

    /// Runs binaryen's `wasm2js` with these arguments.
    pub fn wasm2js<I, S>(&self, args: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run_node("wasm2js (npm binaryen)", &self.binaryen_bin("wasm2js"), args)
            .map(drop)
    }

    /// Converts an ES module to CommonJS for WeChat (see `adapt.mjs`).
    pub fn adapt(&self, kind: AdaptKind, input: &Path, output: &Path) -> Result<AdaptReport> {
        let stdout = self.run_node(
            &format!("adapt.mjs on {}", input.display()),
            &self.adapt_script(),
            [OsStr::new(kind.as_str()), input.as_os_str(), output.as_os_str()],
        )?;
        serde_json::from_str(stdout.trim()).context("cannot read adapt.mjs's report")
    }

    /// Reads wasm-bindgen's bundler entry `<name>.js`.
    pub fn read_entry(&self, entry: &Path) -> Result<EntryInfo> {
        let stdout = self.run_node(
            &format!("adapt.mjs on {}", entry.display()),
            &self.adapt_script(),
            [OsStr::new("entry"), entry.as_os_str()],
        )?;
        serde_json::from_str(stdout.trim()).context("cannot read adapt.mjs's report")
    }
}

/// What `adapt.mjs` converts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdaptKind {
    /// wasm-bindgen's `<name>_bg.js`.
    Glue,
    /// binaryen wasm2js output.
    Wasm2js,
    /// Any other ES module (wasm-bindgen snippets).
    Module,
}

impl AdaptKind {
    fn as_str(self) -> &'static str {
        match self {
            AdaptKind::Glue => "glue",
            AdaptKind::Wasm2js => "wasm2js",
            AdaptKind::Module => "module",
        }
    }
}

/// An export of a converted module.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ModuleExport {
    /// The exported name.
    pub name: String,
    /// `function`, `class`, `value` or `reexport`.
    pub kind: String,
}

/// What `adapt.mjs` found while converting a module.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdaptReport {
    /// The module's exports.
    pub exports: Vec<ModuleExport>,
    /// The relative modules it requires.
    pub requires: Vec<String>,
    /// The `wx.<name>` it accesses on the global `wx`.
    pub wx_apis: Vec<String>,
    /// Whether it also indexes `wx` with a computed key.
    pub wx_dynamic: bool,
    /// The lowest ECMAScript edition the output parses as.
    pub es_version: Option<u32>,
    /// Whether the wasm2js memory-growth hook was installed.
    #[serde(default)]
    pub grow_hook: bool,
}

/// What wasm-bindgen's bundler entry does.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryInfo {
    /// The glue module it imports (`./<name>_bg.js`).
    pub glue_module: String,
    /// The wasm exports it calls after `__wbg_set_wasm`, in order (`__wbindgen_start`).
    pub start_calls: Vec<String>,
    /// The user-facing exports.
    pub exports: Vec<EntryExport>,
}

/// One re-export of the bundler entry.
#[derive(Clone, Debug, Deserialize)]
pub struct EntryExport {
    /// The name the entry exports.
    pub name: String,
    /// The glue's name for it.
    pub local: String,
}
