//! Where the Node side is — a checkout, `WX_PACK_NODE_MODULES`, or wx-pack's cache folder —
//! and making it ready (scripts written, npm packages installed).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::tools::npm::{NpmTool, install_npm_tools, npm_tools};
use crate::tools::scripts::write_scripts;
use crate::tools::shell_word;

/// The checkout this wx-pack was compiled in (it may be gone since).
pub(crate) fn build_checkout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("wx-pack's manifest is in a folder")
        .to_path_buf()
}

pub(crate) fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The per-user cache folder of this wx-pack version: `WX_PACK_CACHE/<version>/`, else
/// `$XDG_CACHE_HOME/wx-pack/<version>/`, else `~/.cache/wx-pack/<version>/`
/// (`%LOCALAPPDATA%\wx-pack\<version>` on Windows).
pub(crate) fn cache_dir() -> Result<PathBuf> {
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
pub(crate) enum Source {
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
pub(crate) struct NodeSide {
    /// Why these folders.
    pub(crate) source: Source,
    /// The folder with `adapt.mjs` and `utf8.cjs`.
    pub(crate) scripts: PathBuf,
    /// The `node_modules` folder with binaryen, acorn and ws.
    pub(crate) node_modules: PathBuf,
}

impl NodeSide {
    /// Decides where the Node side is, for a wx-pack started in `cwd` (see the module's
    /// documentation). Nothing is written or installed here.
    pub(crate) fn resolve(cwd: &Path) -> Result<NodeSide> {
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
    pub(crate) fn describe(&self) -> String {
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
    pub(crate) fn installed_version(&self, package: &str) -> Option<String> {
        let text = std::fs::read_to_string(self.node_modules.join(package).join("package.json")).ok()?;
        let value: serde_json::Value = serde_json::from_str(&text).ok()?;
        value["version"].as_str().map(str::to_owned)
    }

    /// The command that installs the missing npm packages here.
    pub(crate) fn install_command(&self, missing: &[&NpmTool]) -> String {
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
    pub(crate) fn prepare(&self) -> Result<()> {
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

/// Locks `dir/.lock` (waiting for another wx-pack that holds it); unlocked when dropped.
fn lock(dir: &Path) -> Result<Option<std::fs::File>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create wx-pack's cache folder {}", dir.display()))?;
    crate::lock::hold(&dir.join(".lock"), || {
        eprintln!(
            "wx-pack: waiting for another wx-pack that is preparing {}",
            dir.display()
        );
    })
}
