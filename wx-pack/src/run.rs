//! `wx-pack run`: a built folder in the simulated host, `wx-host` ([`crate::tools::find_wx_host`]).

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result};

use crate::stages::Built;
use crate::tools::Tools;

/// The `wx-host run` command line for the plugin folder `dir` built as `built`: `host` is
/// wx-host's entry script,
/// `allowlist` the JSON listing file. wx-host's own `ws` is found from its folder; the npm
/// packages wx-pack uses are a fallback (`NODE_PATH`), for a wx-host folder without them.
pub fn host_command(
    tools: &Tools,
    host: &Path,
    dir: &Path,
    built: &Built,
    allowlist: &Path,
    extra: &[String],
) -> Command {
    let mut paths = vec![tools.side.node_modules.clone()];
    if let Some(existing) = std::env::var_os("NODE_PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    let mut command = Command::new(&tools.node);
    command
        .arg(host)
        .arg("run")
        .arg(dir)
        .arg("--allowlist")
        .arg(allowlist)
        .arg("--base")
        .arg(built.base.to_string())
        .args(extra);
    if let Ok(node_path) = std::env::join_paths(paths) {
        command.env("NODE_PATH", node_path);
    }
    command
}

/// Runs the plugin folder `dir` (the built folder, or the plugin root around it) in the
/// simulated host, relaying its output; returns its exit code.
pub fn run(tools: &Tools, dir: &Path, built: &Built, extra: &[String]) -> Result<i32> {
    let host = tools.wx_host()?;
    let mut listing = tempfile::Builder::new()
        .prefix("wx-allowlist-")
        .suffix(".json")
        .tempfile()
        .context("cannot create a temporary file for the allowlist")?;
    listing
        .write_all(crate::apis::json_listing().as_bytes())
        .context("cannot write the allowlist")?;
    listing.flush()?;
    let status = host_command(tools, &host, dir, built, listing.path(), extra)
        .stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .with_context(|| format!("cannot start the simulated host {}", host.display()))?;
    Ok(status.code().unwrap_or(1))
}
