//! The Node side: `node`, binaryen's `wasm-opt` and `wasm2js` from the npm package
//! `binaryen`, `js/adapt.mjs` (which needs the npm packages `acorn`, and `@swc/core` to lower
//! the glue's syntax to ES5 or ES2017), and `js/wxuses.mjs` (the uses of `wx` in the glue,
//! the snippets and the files `wx-pack check` reads, which needs the npm package `typescript`).
//!
//! Where they come from, first match wins ([`NodeSide::resolve`]):
//!
//! 1. `WX_PACK_ROOT`: a wx workspace checkout, with `wx-pack/js/` and `node_modules/`;
//! 2. `WX_PACK_NODE_MODULES`: an existing `node_modules` folder with the npm packages; the
//!    scripts are the copies inside this binary, written to the cache folder;
//! 3. the checkout wx-pack was compiled in, when wx-pack runs inside it (the current
//!    directory is under it): its `wx-pack/js/` and `node_modules/`, so that the workspace's
//!    own tests and scripts use what `npm ci` installed there;
//! 4. anywhere else, the cache folder ([`cache_dir`]): the scripts inside this binary are
//!    written there, and the npm packages are installed there on first use with `npm ci`,
//!    at the versions of the `package.json` and `package-lock.json` inside this binary.
//!
//! Debian's binaryen is not used on purpose: its version broke wasm-bindgen output, the
//! npm package's does not.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;

/// The glue adapter (`js/adapt.mjs`), shipped inside the binary.
pub const ADAPT_MJS: &str = include_str!("../js/adapt.mjs");
/// The UTF-8 `TextEncoder`/`TextDecoder` that `adapt.mjs` puts into the glue (`js/utf8.cjs`).
pub const UTF8_CJS: &str = include_str!("../js/utf8.cjs");
/// The extractor of `wx-pack check` (`js/wxuses.mjs`), shipped inside the binary.
pub const WXUSES_MJS: &str = include_str!("../js/wxuses.mjs");
/// The npm packages wx-pack runs, pinned (`npm/package.json`).
pub const NPM_PACKAGE_JSON: &str = include_str!("../npm/package.json");
/// Their lock file (`npm/package-lock.json`): `npm ci` installs exactly these.
pub const NPM_PACKAGE_LOCK: &str = include_str!("../npm/package-lock.json");

/// The lowest Node.js major version wx-pack and wx-host support (`engines.node` of the
/// workspace and of wx-host: `>=20`).
pub const NODE_MIN_MAJOR: u64 = 20;

/// An npm package wx-pack needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NpmTool {
    /// The package name.
    pub name: String,
    /// The pinned version.
    pub version: String,
    /// What it is for.
    pub purpose: &'static str,
    /// Whether `wx-pack build` needs it (`ws` is for the simulated host only; `typescript`
    /// parses the glue and snippets for their uses of `wx`, as for `wx-pack check`).
    pub for_build: bool,
}

/// The npm packages of [`NPM_PACKAGE_JSON`], with the versions pinned there.
pub fn npm_tools() -> Vec<NpmTool> {
    let manifest: serde_json::Value = serde_json::from_str(NPM_PACKAGE_JSON).expect("npm/package.json is JSON");
    let deps = manifest["dependencies"]
        .as_object()
        .expect("npm/package.json has dependencies");
    deps.iter()
        .map(|(name, version)| {
            let (purpose, for_build) = match name.as_str() {
                "binaryen" => ("wasm-opt and wasm2js", true),
                "acorn" => ("the glue adapter, adapt.mjs", true),
                "@swc/core" => ("lowering the glue to ES5 (wasm2js) or ES2017 (wasm), adapt.mjs", true),
                "ws" => ("the simulated host's sockets, for wx-pack run", false),
                "typescript" => (
                    "the parser of wxuses.mjs: the uses of wx, for wx-pack build and check",
                    true,
                ),
                _ => ("", true),
            };
            NpmTool {
                name: name.clone(),
                version: version.as_str().expect("a pinned version").to_owned(),
                purpose,
                for_build,
            }
        })
        .collect()
}

/// `binaryen 132.0.0, acorn 8.19.0, ...`.
fn tool_list() -> String {
    npm_tools()
        .iter()
        .map(|t| format!("{} {}", t.name, t.version))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The checkout this wx-pack was compiled in (it may be gone since).
pub fn build_checkout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("wx-pack's manifest is in a folder")
        .to_path_buf()
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The per-user cache folder of this wx-pack version: `WX_PACK_CACHE/<version>/`, else
/// `$XDG_CACHE_HOME/wx-pack/<version>/`, else `~/.cache/wx-pack/<version>/`
/// (`%LOCALAPPDATA%\wx-pack\<version>` on Windows).
pub fn cache_dir() -> Result<PathBuf> {
    let base = if let Some(dir) = env_path("WX_PACK_CACHE") {
        dir
    } else if let Some(dir) = env_path("XDG_CACHE_HOME").filter(|d| d.is_absolute()) {
        dir.join("wx-pack")
    } else if let Some(dir) = env_path("LOCALAPPDATA").filter(|_| cfg!(windows)) {
        dir.join("wx-pack")
    } else if let Some(home) = env_path("HOME") {
        home.join(".cache").join("wx-pack")
    } else {
        bail!("wx-pack found no cache folder for its npm tools (no HOME, no XDG_CACHE_HOME): set WX_PACK_CACHE to one");
    };
    Ok(base.join(env!("CARGO_PKG_VERSION")))
}

/// Where the Node-side scripts and npm packages come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A wx workspace checkout (`WX_PACK_ROOT`, or the one wx-pack was compiled in).
    Checkout {
        /// The checkout.
        root: PathBuf,
        /// Whether `WX_PACK_ROOT` chose it.
        from_env: bool,
    },
    /// `WX_PACK_NODE_MODULES`; the scripts go to the cache folder.
    NodeModules {
        /// The `node_modules` folder.
        dir: PathBuf,
        /// The cache folder the scripts are written to.
        cache: PathBuf,
    },
    /// The cache folder, where wx-pack installs the npm packages itself.
    Cache {
        /// The cache folder.
        dir: PathBuf,
    },
}

/// The Node side's files: where the scripts and the npm packages are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeSide {
    /// Why these folders.
    pub source: Source,
    /// The folder with `adapt.mjs` and `utf8.cjs`.
    pub scripts: PathBuf,
    /// The `node_modules` folder with binaryen, acorn and ws.
    pub node_modules: PathBuf,
}

impl NodeSide {
    /// Decides where the Node side is, for a wx-pack started in `cwd` (see the module's
    /// documentation). Nothing is written or installed here.
    pub fn resolve(cwd: &Path) -> Result<NodeSide> {
        if let Some(root) = env_path("WX_PACK_ROOT") {
            return Ok(NodeSide::checkout(root, true));
        }
        if let Some(dir) = env_path("WX_PACK_NODE_MODULES") {
            let cache = cache_dir()?;
            return Ok(NodeSide {
                scripts: cache.join("js"),
                node_modules: dir.clone(),
                source: Source::NodeModules { dir, cache },
            });
        }
        let checkout = build_checkout();
        let inside = match (cwd.canonicalize(), checkout.canonicalize()) {
            (Ok(cwd), Ok(checkout)) => cwd.starts_with(checkout),
            _ => false,
        };
        if inside && checkout.join("wx-pack/js/adapt.mjs").is_file() {
            return Ok(NodeSide::checkout(checkout, false));
        }
        let dir = cache_dir()?;
        Ok(NodeSide {
            scripts: dir.join("js"),
            node_modules: dir.join("node_modules"),
            source: Source::Cache { dir },
        })
    }

    fn checkout(root: PathBuf, from_env: bool) -> NodeSide {
        NodeSide {
            scripts: root.join("wx-pack/js"),
            node_modules: root.join("node_modules"),
            source: Source::Checkout { root, from_env },
        }
    }

    /// One line saying where the Node side is and why.
    pub fn describe(&self) -> String {
        match &self.source {
            Source::Checkout { root, from_env: true } => format!("the wx checkout {} (WX_PACK_ROOT)", root.display()),
            Source::Checkout { root, from_env: false } => {
                format!("the wx checkout {} (wx-pack runs inside it)", root.display())
            }
            Source::NodeModules { dir, .. } => format!("{} (WX_PACK_NODE_MODULES)", dir.display()),
            Source::Cache { dir } => format!("wx-pack's cache {}", dir.display()),
        }
    }

    /// The installed version of an npm package, or `None` when it is not installed.
    pub fn installed_version(&self, package: &str) -> Option<String> {
        let text = std::fs::read_to_string(self.node_modules.join(package).join("package.json")).ok()?;
        let value: serde_json::Value = serde_json::from_str(&text).ok()?;
        value["version"].as_str().map(str::to_owned)
    }

    /// The command that installs the missing npm packages here.
    pub fn install_command(&self, missing: &[&NpmTool]) -> String {
        match &self.source {
            Source::Checkout { root, .. } => format!("run `npm ci` in {}", root.display()),
            Source::Cache { dir } => format!(
                "run `wx-pack doctor --fix` (or any `wx-pack build`), which runs `npm ci` in {}",
                dir.display()
            ),
            Source::NodeModules { dir, .. } => {
                let specs = missing
                    .iter()
                    .map(|t| format!("{}@{}", t.name, t.version))
                    .collect::<Vec<_>>()
                    .join(" ");
                if dir.file_name().is_some_and(|n| n == "node_modules") {
                    let parent = dir.parent().unwrap_or(Path::new("."));
                    format!(
                        "run `npm install --no-save --prefix {} {specs}`, or unset WX_PACK_NODE_MODULES to let wx-pack \
                         install them in its cache",
                        shell_word(parent)
                    )
                } else {
                    format!(
                        "point WX_PACK_NODE_MODULES at a folder named node_modules that holds {specs}, or unset it to \
                         let wx-pack install them in its cache"
                    )
                }
            }
        }
    }

    /// Makes the scripts and (for the cache) the npm packages ready, installing them with
    /// `npm ci` when this wx-pack version has not yet; then checks that the packages
    /// `build` needs are there.
    pub fn prepare(&self) -> Result<()> {
        match &self.source {
            Source::Checkout { .. } => {}
            Source::NodeModules { cache, .. } => {
                let _lock = lock(cache)?;
                write_scripts(&self.scripts)?;
            }
            Source::Cache { dir } => {
                let _lock = lock(dir)?;
                write_scripts(&self.scripts)?;
                install_npm_tools(dir)?;
            }
        }
        let tools = npm_tools();
        let missing: Vec<&NpmTool> = tools
            .iter()
            .filter(|t| t.for_build && self.installed_version(&t.name).is_none())
            .collect();
        if !missing.is_empty() {
            let paths = missing
                .iter()
                .map(|t| self.node_modules.join(&t.name).display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            bail!(
                "wx-pack's npm packages are not installed (missing {paths}): {} (wx-pack uses the npm packages \
                 `binaryen` and `acorn`, not a system binaryen)",
                self.install_command(&missing)
            );
        }
        let adapt = self.scripts.join("adapt.mjs");
        if !adapt.is_file() {
            bail!(
                "{} is missing: is {} a wx workspace checkout?",
                adapt.display(),
                self.describe()
            );
        }
        Ok(())
    }
}

/// A path as one word for a POSIX shell.
pub fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+=:@".contains(&b))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Locks `dir/.lock` (waiting for another wx-pack that holds it); unlocked when dropped.
fn lock(dir: &Path) -> Result<std::fs::File> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create wx-pack's cache folder {}", dir.display()))?;
    let path = dir.join(".lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!(
                "wx-pack: waiting for another wx-pack that is preparing {}",
                dir.display()
            );
            file.lock().with_context(|| format!("cannot lock {}", path.display()))?;
        }
        Err(std::fs::TryLockError::Error(_)) => {} // a file system without locks
    }
    Ok(file)
}

/// Writes `content` to `path` unless it already holds exactly that.
fn write_if_changed(path: &Path, content: &str) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(content.as_bytes()) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, content).with_context(|| format!("cannot write {}", path.display()))
}

fn write_scripts(dir: &Path) -> Result<()> {
    write_if_changed(&dir.join("adapt.mjs"), ADAPT_MJS)?;
    write_if_changed(&dir.join("utf8.cjs"), UTF8_CJS)?;
    write_if_changed(&dir.join("wxuses.mjs"), WXUSES_MJS)
}

/// The file `npm ci` success leaves behind: the lock it installed.
const INSTALLED_STAMP: &str = ".wx-pack-installed-lock.json";

/// `npm ci` in the cache folder, unless the packages of this very lock are installed.
fn install_npm_tools(dir: &Path) -> Result<()> {
    let stamp = dir.join("node_modules").join(INSTALLED_STAMP);
    if std::fs::read(&stamp).ok().as_deref() == Some(NPM_PACKAGE_LOCK.as_bytes()) {
        return Ok(());
    }
    write_if_changed(&dir.join("package.json"), NPM_PACKAGE_JSON)?;
    write_if_changed(&dir.join("package-lock.json"), NPM_PACKAGE_LOCK)?;
    eprintln!(
        "wx-pack: installing its npm tools ({}) into {} with `npm ci` (once per wx-pack version)",
        tool_list(),
        dir.display()
    );
    let npm = npm_program();
    let out = Command::new(&npm)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output();
    let elsewhere = format!(
        "or point WX_PACK_NODE_MODULES at an existing node_modules folder with {}",
        tool_list()
    );
    let out = match out {
        Ok(out) => out,
        Err(err) => bail!(
            "wx-pack installs its npm tools with npm, which did not start (`{}`: {err}): install npm (it comes with \
             Node.js {NODE_MIN_MAJOR} or later, https://nodejs.org/) or set WX_PACK_NPM to it, {elsewhere}",
            Path::new(&npm).display()
        ),
    };
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        // npm's own message lines, without the stack trace and object dump it adds.
        let said: Vec<&str> = stderr
            .lines()
            .filter(|l| {
                l.strip_prefix("npm error ")
                    .or_else(|| l.strip_prefix("npm ERR! "))
                    .is_some_and(|rest| !rest.starts_with(char::is_whitespace) && rest.trim() != "}")
            })
            .collect();
        let lines: Vec<&str> = if said.is_empty() {
            stderr.lines().filter(|l| !l.trim().is_empty()).collect()
        } else {
            said
        };
        let tail = lines[lines.len().saturating_sub(8)..].join("\n");
        bail!(
            "`npm ci` failed in {} ({}): npm could not install {} from the npm registry {}:\n{tail}\ncheck the network \
             and npm's registry setting (`npm config get registry`, `npm_config_registry`), then run wx-pack again; \
             {elsewhere}",
            dir.display(),
            out.status,
            tool_list(),
            npm_registry(&npm, dir)
        );
    }
    write_if_changed(&stamp, NPM_PACKAGE_LOCK)
}

/// The `npm` program: `WX_PACK_NPM`, else `npm` on `PATH`.
pub fn npm_program() -> std::ffi::OsString {
    std::env::var_os("WX_PACK_NPM")
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "npm".into())
}

/// The registry npm uses, for messages.
fn npm_registry(npm: &OsStr, dir: &Path) -> String {
    for name in ["npm_config_registry", "NPM_CONFIG_REGISTRY"] {
        if let Some(value) = std::env::var_os(name).filter(|v| !v.is_empty()) {
            return value.to_string_lossy().into_owned();
        }
    }
    Command::new(npm)
        .args(["config", "get", "registry"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| "(npm's configured registry)".to_owned())
}

/// The `node` program: `WX_PACK_NODE`, else `node` on `PATH`.
pub fn node_program() -> std::ffi::OsString {
    std::env::var_os("WX_PACK_NODE")
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "node".into())
}

/// Runs `<program> --version`: its output, or why that failed.
pub fn program_version(program: &OsStr) -> Result<String, String> {
    match Command::new(program).arg("--version").stdin(Stdio::null()).output() {
        Ok(out) if out.status.success() => Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned()),
        Ok(out) => Err(format!(
            "`{} --version` failed ({}): {}",
            Path::new(program).display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(err) => Err(format!("`{}` was not found: {err}", Path::new(program).display())),
    }
}

/// The major version of a `node --version` answer (`v20.20.2` → 20).
pub fn node_major(version: &str) -> Option<u64> {
    version.trim().strip_prefix('v')?.split('.').next()?.parse().ok()
}

/// The checks on `node` that [`Tools::locate`] makes: runs, and is new enough.
pub fn check_node(node: &OsStr) -> Result<String, String> {
    let version = program_version(node)?;
    match node_major(&version) {
        Some(major) if major >= NODE_MIN_MAJOR => Ok(version),
        _ => Err(format!(
            "`{}` is Node.js {version}, older than wx-pack and wx-host support",
            Path::new(node).display()
        )),
    }
}

/// The way to get Node.js, for messages.
pub fn node_fix() -> String {
    format!(
        "install Node.js {NODE_MIN_MAJOR} or later (https://nodejs.org/, or `nvm install {NODE_MIN_MAJOR}`), or set \
         WX_PACK_NODE to its `node`"
    )
}

/// Where the Node tools are found.
#[derive(Clone, Debug)]
pub struct Tools {
    /// The `node` executable.
    pub node: PathBuf,
    /// What `node --version` printed (part of the stage cache's keys).
    pub node_version: String,
    /// The scripts and npm packages.
    pub side: NodeSide,
}

impl Tools {
    /// Finds `node` (`WX_PACK_NODE`, else `node` on `PATH`, version 20 or later) and the
    /// Node side for a wx-pack started in `cwd` ([`NodeSide::resolve`]), installing the
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
    pub fn adapt_script(&self) -> PathBuf {
        self.side.scripts.join("adapt.mjs")
    }

    /// The simulated host's command-line entry ([`find_wx_host`]).
    pub fn wx_host(&self) -> Result<PathBuf> {
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

    /// Lowers the syntax of an adapted CommonJS module to `target` (see `lower` in
    /// `adapt.mjs`: @swc/core, helpers inlined, the output checked to parse as that edition),
    /// and minifies it (compress and mangle) when `minify` is set.
    pub fn lower(&self, input: &Path, output: &Path, target: EsTarget, minify: bool) -> Result<LowerReport> {
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
    pub fn mangle(&self, input: &Path, output: &Path, target: EsTarget) -> Result<()> {
        self.minify_script(input, output, target, false)
    }

    /// Minifies a CommonJS script already at `target`: compressed and mangled, or with
    /// `compress` false, mangled only (see [`Tools::mangle`]).
    pub fn minify_script(&self, input: &Path, output: &Path, target: EsTarget, compress: bool) -> Result<()> {
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

/// How [`find_wx_host`] found the simulated host.
fn wx_host_candidates(side: &NodeSide) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    if let Some(host) = env_path("WX_HOST") {
        let script = if host.is_dir() {
            host.join("bin/wx-host.js")
        } else {
            host
        };
        return vec![(script, "WX_HOST".to_owned())];
    }
    if let Source::Checkout { root, .. } = &side.source {
        found.push((root.join("wx-host/bin/wx-host.js"), "the wx checkout".to_owned()));
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let bin = dir.join("wx-host");
            if bin.is_file() {
                // npm links `wx-host` to the package's bin/wx-host.js: run that with our node.
                let script = bin.canonicalize().unwrap_or(bin);
                found.push((script, "`wx-host` on PATH".to_owned()));
                break;
            }
        }
    }
    found.push((
        build_checkout().join("wx-host/bin/wx-host.js"),
        "the checkout wx-pack was built in".to_owned(),
    ));
    found
}

/// The simulated host's entry script: `WX_HOST` (a wx-host package folder, or its
/// `bin/wx-host.js`); else the checkout's `wx-host/` when the Node side is a checkout; else
/// a `wx-host` on `PATH` (as `npm install -g` of wx-host links it); else the checkout wx-pack
/// was built in, if it is still there.
pub fn find_wx_host(side: &NodeSide) -> Result<PathBuf> {
    let candidates = wx_host_candidates(side);
    if let Some((script, _)) = candidates.iter().find(|(s, _)| s.is_file()) {
        return Ok(script.clone());
    }
    if std::env::var_os("WX_HOST").is_some_and(|h| !h.is_empty()) {
        bail!(
            "WX_HOST is {}, but {} does not exist: set WX_HOST to a wx-host package folder (with bin/wx-host.js) or \
             to that script",
            std::env::var_os("WX_HOST").unwrap_or_default().to_string_lossy(),
            candidates[0].0.display()
        );
    }
    bail!("{}", wx_host_missing())
}

/// What to do when no wx-host is found.
pub fn wx_host_missing() -> String {
    format!(
        "the simulated host wx-host was not found (not in WX_HOST, not `wx-host` on PATH, and the checkout wx-pack was \
         built in, {}, has no wx-host/): {}",
        build_checkout().display(),
        wx_host_fix()
    )
}

/// The ways to get wx-host.
pub fn wx_host_fix() -> &'static str {
    "install it with `npm install -g <wx checkout>/wx-host` (then `wx-host` is on PATH), or set WX_HOST to a wx-host \
     folder"
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

/// The ECMAScript edition the JavaScript of a package is lowered to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EsTarget {
    /// ES5: wasm2js mode, for base libraries below 2.18.1, whose phones' engines are not
    /// known (and whose upload skips WeChat's own ES6 → ES5 pass for files over 2 MB).
    Es5,
    /// ES2017: wasm mode, whose engines have WebAssembly (iOS 11's JavaScriptCore, Chrome
    /// 57's V8), hence ES2017, but not ES2020's `?.` and `??` (Safari 13.1, Chrome 80).
    Es2017,
}

impl EsTarget {
    /// The name swc and `adapt.mjs lower` take.
    pub fn as_str(self) -> &'static str {
        match self {
            EsTarget::Es5 => "es5",
            EsTarget::Es2017 => "es2017",
        }
    }

    /// The edition as a year number, as acorn's `ecmaVersion` (ES5: 5).
    pub fn edition(self) -> u32 {
        match self {
            EsTarget::Es5 => 5,
            EsTarget::Es2017 => 2017,
        }
    }
}

/// What `adapt.mjs lower` did.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LowerReport {
    /// The lowest ECMAScript edition the output parses as (at most the target's).
    pub es_version: Option<u32>,
    /// The helper functions swc inlined at the top of the module.
    pub helpers: Vec<String>,
    /// The output's size in bytes.
    pub bytes: u64,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn json(path: &Path) -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn pinned_npm_tools_are_the_workspaces() {
        // The binary's pins must be what the workspace tests with: the root package.json
        // (binaryen, acorn) and wx-host's (ws).
        let root = json(&build_checkout().join("package.json"));
        let host = json(&build_checkout().join("wx-host/package.json"));
        let tools = npm_tools();
        let names: Vec<&str> = tools.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["@swc/core", "acorn", "binaryen", "typescript", "ws"]);
        for tool in &tools {
            let expected = root["devDependencies"][&tool.name]
                .as_str()
                .or_else(|| host["dependencies"][&tool.name].as_str())
                .unwrap_or_else(|| panic!("{} is pinned nowhere in the workspace", tool.name));
            assert_eq!(tool.version, expected, "{}", tool.name);
        }
        // And the lock installs exactly those versions.
        let lock: serde_json::Value = serde_json::from_str(NPM_PACKAGE_LOCK).unwrap();
        for tool in &tools {
            assert_eq!(
                lock["packages"][format!("node_modules/{}", tool.name)]["version"],
                tool.version.as_str(),
                "{}",
                tool.name
            );
            assert_eq!(lock["packages"][""]["dependencies"][&tool.name], tool.version.as_str());
        }
    }

    #[test]
    fn node_floor_is_the_engines_field() {
        for manifest in ["package.json", "wx-host/package.json"] {
            let value = json(&build_checkout().join(manifest));
            assert_eq!(value["engines"]["node"], format!(">={NODE_MIN_MAJOR}"), "{manifest}");
        }
        assert_eq!(node_major("v20.20.2"), Some(20));
        assert_eq!(node_major("v18.19.0\n"), Some(18));
        assert_eq!(node_major("20.1.0"), None);
    }

    #[test]
    fn the_shipped_scripts_are_the_files() {
        let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
        assert_eq!(ADAPT_MJS, std::fs::read_to_string(js.join("adapt.mjs")).unwrap());
        assert_eq!(UTF8_CJS, std::fs::read_to_string(js.join("utf8.cjs")).unwrap());
        assert_eq!(WXUSES_MJS, std::fs::read_to_string(js.join("wxuses.mjs")).unwrap());
    }

    #[test]
    fn shell_words() {
        assert_eq!(shell_word(Path::new("/tmp/a-b/node_modules")), "/tmp/a-b/node_modules");
        assert_eq!(shell_word(Path::new("/tmp/a b")), "'/tmp/a b'");
        assert_eq!(shell_word(Path::new("/tmp/it's")), r"'/tmp/it'\''s'");
    }
}
