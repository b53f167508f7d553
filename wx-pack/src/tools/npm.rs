//! The npm packages wx-pack runs: their pins (inside the binary), the `npm` program, and
//! `npm ci` into the cache folder.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Result, bail};

use crate::tools::node::NODE_MIN_MAJOR;
use crate::tools::scripts::write_if_changed;

/// The npm packages wx-pack runs, pinned (`npm/package.json`).
pub(crate) const NPM_PACKAGE_JSON: &str = include_str!("../../npm/package.json");
/// Their lock file (`npm/package-lock.json`): `npm ci` installs exactly these.
pub(crate) const NPM_PACKAGE_LOCK: &str = include_str!("../../npm/package-lock.json");

/// An npm package wx-pack needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NpmTool {
    /// The package name.
    pub(crate) name: String,
    /// The pinned version.
    pub(crate) version: String,
    /// What it is for.
    pub(crate) purpose: &'static str,
    /// Whether `wx-pack build` needs it (`ws` is for the simulated host only; `typescript`
    /// parses the glue and snippets for their uses of `wx`, as for `wx-pack check`).
    pub(crate) for_build: bool,
}

/// The npm packages of [`NPM_PACKAGE_JSON`], with the versions pinned there.
pub(crate) fn npm_tools() -> Vec<NpmTool> {
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

/// The file `npm ci` success leaves behind: the lock it installed.
const INSTALLED_STAMP: &str = ".wx-pack-installed-lock.json";

/// `npm ci` in the cache folder, unless the packages of this very lock are installed.
pub(crate) fn install_npm_tools(dir: &Path) -> Result<()> {
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
pub(crate) fn npm_program() -> std::ffi::OsString {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::side::build_checkout;

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
}
