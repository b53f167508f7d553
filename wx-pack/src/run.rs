//! `wx-pack run`: a built folder in the simulated host, `wx-host/`.

use std::io::Write as _;
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};

use crate::pipeline::Built;
use crate::tools::Tools;

/// The `wx-host run` command line for a built folder; `allowlist` is the JSON listing file.
pub fn host_command(tools: &Tools, built: &Built, allowlist: &std::path::Path, extra: &[String]) -> Command {
    let mut command = Command::new(&tools.node);
    command
        .arg(tools.wx_host())
        .arg("run")
        .arg(&built.out_dir)
        .arg("--allowlist")
        .arg(allowlist)
        .arg("--base")
        .arg(built.base.to_string())
        .args(extra);
    command
}

/// Runs the folder in the simulated host, relaying its output; returns its exit code.
pub fn run(tools: &Tools, built: &Built, extra: &[String]) -> Result<i32> {
    let host = tools.wx_host();
    if !host.is_file() {
        bail!("the simulated host is missing: {} does not exist", host.display());
    }
    let mut listing = tempfile::Builder::new()
        .prefix("wx-allowlist-")
        .suffix(".json")
        .tempfile()
        .context("cannot create a temporary file for the allowlist")?;
    listing
        .write_all(crate::apis::json_listing().as_bytes())
        .context("cannot write the allowlist")?;
    listing.flush()?;
    let status = host_command(tools, built, listing.path(), extra)
        .stdin(Stdio::inherit())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .context("cannot start the simulated host")?;
    Ok(status.code().unwrap_or(1))
}
