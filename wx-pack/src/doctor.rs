//! `wx-pack doctor`: what wx-pack needs on this machine, what it found, and the command
//! that fixes each thing that is missing.

use std::path::Path;

use anyhow::Result;

use crate::stages::cargo::{self, WasmTarget};
use crate::tools::{self, NODE_MIN_MAJOR, NodeSide, Source};
use crate::workspace::{WASM_BINDGEN_VERSION, WASM_TARGET};

/// One thing wx-pack needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// What (`node`, `binaryen`...).
    pub name: String,
    /// Whether it is there and usable.
    pub ok: bool,
    /// What was found (version, where), or what is wrong.
    pub detail: String,
    /// The command that fixes it, when it is not ok.
    pub fix: Option<String>,
}

impl Check {
    fn ok(name: &str, detail: impl Into<String>) -> Check {
        Check {
            name: name.to_owned(),
            ok: true,
            detail: detail.into(),
            fix: None,
        }
    }

    fn missing(name: &str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            name: name.to_owned(),
            ok: false,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }
}

/// Looks at everything, for a wx-pack started in `cwd`; changes nothing.
pub fn checks(cwd: &Path) -> Result<(NodeSide, Vec<Check>)> {
    let side = NodeSide::resolve(cwd)?;
    let mut checks = Vec::new();

    let node = tools::node_program();
    let node_name = Path::new(&node).display().to_string();
    checks.push(match tools::check_node(&node) {
        Ok(version) => Check::ok(
            "node",
            format!("Node.js {version} (`{node_name}`; wx-pack and wx-host need {NODE_MIN_MAJOR} or later)"),
        ),
        Err(problem) => Check::missing("node", problem, tools::node_fix()),
    });

    let npm = tools::npm_program();
    let npm_name = Path::new(&npm).display().to_string();
    let npm_use = match &side.source {
        Source::Cache { .. } => "installs wx-pack's npm tools into its cache",
        _ => "installs npm packages",
    };
    checks.push(match tools::program_version(&npm) {
        Ok(version) => Check::ok("npm", format!("npm {version} (`{npm_name}`; {npm_use})")),
        Err(problem) => Check::missing(
            "npm",
            format!("{problem} (npm {npm_use})"),
            format!(
                "install npm (it comes with Node.js {NODE_MIN_MAJOR} or later: https://nodejs.org/), or set WX_PACK_NPM \
                 to it"
            ),
        ),
    });

    let tools = tools::npm_tools();
    let missing: Vec<&tools::NpmTool> = tools
        .iter()
        .filter(|t| side.installed_version(&t.name).is_none())
        .collect();
    for tool in &tools {
        let place = side.node_modules.join(&tool.name);
        checks.push(match side.installed_version(&tool.name) {
            Some(version) if version == tool.version => Check::ok(
                &tool.name,
                format!("{version} at {} (for {})", place.display(), tool.purpose),
            ),
            Some(version) => Check::ok(
                &tool.name,
                format!(
                    "{version} at {} (for {}; wx-pack is tested with {})",
                    place.display(),
                    tool.purpose,
                    tool.version
                ),
            ),
            None => Check::missing(
                &tool.name,
                format!(
                    "{} {} is not installed at {} (for {})",
                    tool.name,
                    tool.version,
                    place.display(),
                    tool.purpose
                ),
                side.install_command(&missing),
            ),
        });
    }

    let target = format!("{WASM_TARGET} target");
    checks.push(match cargo::wasm_target_libdir(cwd) {
        WasmTarget::Installed(libdir) => Check::ok(&target, format!("installed ({})", libdir.display())),
        WasmTarget::Missing => Check::missing(
            &target,
            "the Rust toolchain here has no wasm32 standard library",
            format!("rustup target add {WASM_TARGET}"),
        ),
        WasmTarget::Unknown(problem) => Check::missing(
            &target,
            format!("cannot ask rustc: {problem}"),
            "install Rust with rustup (https://rustup.rs/), then `rustup target add wasm32-unknown-unknown`",
        ),
    });

    checks.push(Check::ok(
        "wasm-bindgen",
        format!(
            "built into wx-pack (wasm-bindgen-cli-support {WASM_BINDGEN_VERSION}): no wasm-bindgen-cli needed; \
             plugins pin wasm-bindgen = \"={WASM_BINDGEN_VERSION}\""
        ),
    ));

    checks.push(match tools::find_wx_host(&side) {
        Ok(script) => Check::ok("wx-host", format!("{} (for `wx-pack run`)", script.display())),
        Err(err) => Check::missing("wx-host", format!("{err:#}"), tools::wx_host_fix()),
    });
    Ok((side, checks))
}

/// The report `wx-pack doctor` prints.
pub fn report(side: &NodeSide, checks: &[Check]) -> String {
    let width = checks.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut text = format!(
        "wx-pack {} doctor\nnpm tools and scripts: {}\n\n",
        env!("CARGO_PKG_VERSION"),
        side.describe()
    );
    for check in checks {
        let status = if check.ok { "ok" } else { "MISSING" };
        text.push_str(&format!("{status:<8} {:<width$}  {}\n", check.name, check.detail));
        if let Some(fix) = &check.fix {
            text.push_str(&format!("{:<8} {:<width$}  fix: {fix}\n", "", ""));
        }
    }
    let missing: Vec<&str> = checks.iter().filter(|c| !c.ok).map(|c| c.name.as_str()).collect();
    if missing.is_empty() {
        text.push_str("\neverything wx-pack needs is here\n");
    } else {
        text.push_str(&format!("\nmissing: {}\n", missing.join(", ")));
    }
    text
}
