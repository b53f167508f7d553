//! Finding the simulated host, wx-host, for `wx-pack run` and `doctor`.

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::tools::side::{NodeSide, Source, build_checkout, env_path};

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
pub(crate) fn find_wx_host(side: &NodeSide) -> Result<PathBuf> {
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
pub(crate) fn wx_host_missing() -> String {
    format!(
        "the simulated host wx-host was not found (not in WX_HOST, not `wx-host` on PATH, and the checkout wx-pack was \
         built in, {}, has no wx-host/): {}",
        build_checkout().display(),
        wx_host_fix()
    )
}

/// The ways to get wx-host.
pub(crate) fn wx_host_fix() -> &'static str {
    "install it with `npm install -g <wx checkout>/wx-host` (then `wx-host` is on PATH), or set WX_HOST to a wx-host \
     folder"
}
