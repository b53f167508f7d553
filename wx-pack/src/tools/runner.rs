//! [`Tools`]: `node` and the Node side found, and the scripts and binaryen run with them.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};

use crate::tools::host::find_wx_host;
use crate::tools::node::{NODE_MIN_MAJOR, check_node, node_fix, node_program};
use crate::tools::reports::{AdaptReport, EntryInfo, LowerReport};
use crate::tools::side::{NodeSide, Source};

/// Where the Node tools are found.
#[derive(Clone, Debug)]
pub struct Tools {
    /// The `node` executable.
    pub(crate) node: PathBuf,
    /// What `node --version` printed (part of the stage cache's keys).
    pub(crate) node_version: String,
    /// The scripts and npm packages.
    pub(crate) side: NodeSide,
}

impl Tools {
    /// Finds `node` (`WX_PACK_NODE`, else `node` on `PATH`, version 20 or later) and the
    /// Node side for a wx-pack started in `cwd` (`NodeSide::resolve`), installing the
    /// npm packages into the cache on first use.
    pub fn locate(cwd: &Path) -> Result<Tools> {
        let side = NodeSide::resolve(cwd)?;
        let node = node_program();
        let node_version = match check_node(&node) {
            Ok(version) => version.trim().to_owned(),
            Err(problem) => {
                let then = match &side.source {
                    Source::Checkout { root, .. } => format!(", then run `npm ci` in {}", root.display()),
                    _ => String::new(),
                };
                let what = if problem.contains("was not found") {
                    "Node.js was not found"
                } else {
                    "Node.js does not run, or is too old"
                };
                bail!(
                    "{what} ({problem}): wx-pack needs Node.js {NODE_MIN_MAJOR} or later to adapt the glue and to run \
                 binaryen; {}{then}",
                    node_fix()
                );
            }
        };
        side.prepare()?;
        Ok(Tools {
            node: node.into(),
            node_version,
            side,
        })
    }

    fn binaryen_bin(&self, name: &str) -> PathBuf {
        self.side.node_modules.join("binaryen/bin").join(name)
    }

    /// `adapt.mjs`.
    pub(crate) fn adapt_script(&self) -> PathBuf {
        self.side.scripts.join("adapt.mjs")
    }

    /// `adapt.mjs` and the scripts it loads, as they are on disk, for the stage cache's key
    /// ([`crate::tools::scripts::adapt_scripts_bytes`]).
    pub(crate) fn adapt_scripts(&self) -> Vec<u8> {
        crate::tools::scripts::adapt_scripts_bytes(&self.side.scripts)
    }

    /// The simulated host's command-line entry ([`find_wx_host`]).
    pub(crate) fn wx_host(&self) -> Result<PathBuf> {
        find_wx_host(&self.side)
    }

    fn run_node<I, S>(&self, what: &str, script: &Path, args: I) -> Result<String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new(&self.node);
        command
            .arg(script)
            .args(args)
            .env("WX_PACK_NODE_MODULES", &self.side.node_modules)
            .stdin(Stdio::null());
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
    pub(crate) fn wasm_opt<I, S>(&self, args: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run_node("wasm-opt (npm binaryen)", &self.binaryen_bin("wasm-opt"), args)
            .map(drop)
    }

    /// Runs binaryen's `wasm2js` with these arguments.
    pub(crate) fn wasm2js<I, S>(&self, args: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run_node("wasm2js (npm binaryen)", &self.binaryen_bin("wasm2js"), args)
            .map(drop)
    }

    /// Converts an ES module to CommonJS for WeChat (see `adapt.mjs`).
    pub(crate) fn adapt(&self, kind: AdaptKind, input: &Path, output: &Path) -> Result<AdaptReport> {
        let stdout = self.run_node(
            &format!("adapt.mjs on {}", input.display()),
            &self.adapt_script(),
            [OsStr::new(kind.as_str()), input.as_os_str(), output.as_os_str()],
        )?;
        serde_json::from_str(stdout.trim()).context("cannot read adapt.mjs's report")
    }

    /// Lowers the syntax of an adapted CommonJS module to `target` (see `lower` in
    /// `adapt.mjs`: @swc/core, helpers inlined, the output checked to parse as that edition),
    /// and minifies it (compress and mangle) when `minify` is set.
    pub(crate) fn lower(&self, input: &Path, output: &Path, target: EsTarget, minify: bool) -> Result<LowerReport> {
        let mut args = vec![
            OsStr::new("lower"),
            input.as_os_str(),
            output.as_os_str(),
            OsStr::new(target.as_str()),
        ];
        if minify {
            args.push(OsStr::new("minify"));
        }
        let stdout = self.run_node(
            &format!("adapt.mjs lower on {}", input.display()),
            &self.adapt_script(),
            args,
        )?;
        serde_json::from_str(stdout.trim()).context("cannot read adapt.mjs's report")
    }

    /// Mangles the names of a CommonJS script already at `target` (see `minifyScript` in
    /// `adapt.mjs`: @swc/core, exports and import names kept, the output checked to parse
    /// as that edition and to require what the input required). Not compressed: swc's
    /// compressor broke wasm2js output, the one script this is for.
    pub(crate) fn mangle(&self, input: &Path, output: &Path, target: EsTarget) -> Result<()> {
        self.minify_script(input, output, target, false)
    }

    /// Minifies a CommonJS script already at `target`: compressed and mangled, or with
    /// `compress` false, mangled only (see [`Tools::mangle`]).
    pub(crate) fn minify_script(&self, input: &Path, output: &Path, target: EsTarget, compress: bool) -> Result<()> {
        let mut args = vec![
            OsStr::new("minify"),
            input.as_os_str(),
            output.as_os_str(),
            OsStr::new(target.as_str()),
        ];
        if !compress {
            args.push(OsStr::new("mangle-only"));
        }
        self.run_node(
            &format!("adapt.mjs minify on {}", input.display()),
            &self.adapt_script(),
            args,
        )?;
        Ok(())
    }

    /// Runs the plugin's `__wx_components()` on the package's artifacts (`js/components.mjs`,
    /// whose `spec` is its argument); returns the JSON string it returned.
    pub(crate) fn describe_components(&self, spec: &serde_json::Value) -> Result<String> {
        let stdout = self.run_node(
            &format!(
                "running the plugin's {}() (js/components.mjs)",
                crate::protocol::COMPONENTS
            ),
            &self.side.scripts.join("components.mjs"),
            [spec.to_string()],
        )?;
        let report: serde_json::Value =
            serde_json::from_str(stdout.trim()).context("cannot read components.mjs's report")?;
        report["shape"]
            .as_str()
            .map(str::to_owned)
            .context("components.mjs printed no shape")
    }

    /// Reads wasm-bindgen's bundler entry `<name>.js`.
    pub(crate) fn read_entry(&self, entry: &Path) -> Result<EntryInfo> {
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
pub(crate) enum AdaptKind {
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

/// The ECMAScript edition the JavaScript of a package is lowered to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EsTarget {
    /// ES5: wasm2js mode, for base libraries below 2.18.1, whose phones' engines are not
    /// known (and whose upload skips WeChat's own ES6 → ES5 pass for files over 2 MB).
    Es5,
    /// ES2017: wasm mode, whose engines have WebAssembly (iOS 11's JavaScriptCore, Chrome
    /// 57's V8), hence ES2017, but not ES2020's `?.` and `??` (Safari 13.1, Chrome 80).
    Es2017,
}

impl EsTarget {
    /// The name swc and `adapt.mjs lower` take.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EsTarget::Es5 => "es5",
            EsTarget::Es2017 => "es2017",
        }
    }

    /// The edition as a year number, as acorn's `ecmaVersion` (ES5: 5).
    pub(crate) fn edition(self) -> u32 {
        match self {
            EsTarget::Es5 => 5,
            EsTarget::Es2017 => 2017,
        }
    }
}
