//! `node`: which program, its version, and whether it is new enough.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

/// The lowest Node.js major version wx-pack and wx-host support (`engines.node` of the
/// workspace and of wx-host: `>=20`).
pub(crate) const NODE_MIN_MAJOR: u64 = 20;

/// The `node` program: `WX_PACK_NODE`, else `node` on `PATH`.
pub(crate) fn node_program() -> std::ffi::OsString {
    std::env::var_os("WX_PACK_NODE")
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "node".into())
}

/// Runs `<program> --version`: its output, or why that failed.
pub(crate) fn program_version(program: &OsStr) -> Result<String, String> {
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
pub(crate) fn node_major(version: &str) -> Option<u64> {
    version.trim().strip_prefix('v')?.split('.').next()?.parse().ok()
}

/// The checks on `node` that [`crate::tools::Tools::locate`] makes: runs, and is new enough.
pub(crate) fn check_node(node: &OsStr) -> Result<String, String> {
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
pub(crate) fn node_fix() -> String {
    format!(
        "install Node.js {NODE_MIN_MAJOR} or later (https://nodejs.org/, or `nvm install {NODE_MIN_MAJOR}`), or set \
         WX_PACK_NODE to its `node`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::side::build_checkout;

    fn json(path: &Path) -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
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
}
