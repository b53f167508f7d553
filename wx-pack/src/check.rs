//! `wx-pack check`: finds the `wx` calls of an existing JavaScript or TypeScript plugin that
//! its minimum base library does not allow.
//!
//! Two halves, one source of truth:
//!
//! - `js/wxuses.mjs` parses every file with the TypeScript compiler's parser (npm
//!   `typescript`, pinned in `npm/package.json`) and only *extracts* the uses of the global
//!   `wx` with their places ([`FileUses`]): `wx.name`, `wx['name']`, `const { name } = wx`,
//!   and the same through an alias it can follow in scope (`const w = wx`, an IIFE's
//!   parameter), and marks feature detection (`if (wx.name) { wx.name() }`). It names no
//!   `wx` function.
//! - This module *decides*, from [`wx_allowlist::Allowlist`]: a name plugins may never call
//!   (`not-available`: forbidden, or no `wx` function at all, with the closest permitted name),
//!   or one that needs a later base library than the plugin's minimum (`needs-base`).
//!
//! The minimum base is `--base`, else the `libVersion` that WeChat DevTools keeps in the
//! project's configuration ([`minimum_base`]), else the lowest base library plugins have
//! (1.9.6).

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use semver::Version;
use wx_allowlist::Allowlist;

use crate::tools::Tools;

/// The file extensions `check` parses (`.d.ts` and its kin are skipped: no code runs there).
pub(crate) const EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "ts", "mts", "cts"];

/// Folders `check` does not enter: npm's install folder (DevTools builds what a plugin ships
/// from it into `miniprogram_npm/`, which is checked) and hidden folders (`.git`).
fn skipped_dir(name: &OsStr) -> bool {
    name == "node_modules" || name.to_string_lossy().starts_with('.')
}

fn is_source(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if [".d.ts", ".d.mts", ".d.cts"].iter().any(|d| name.ends_with(d)) {
        return false;
    }
    path.extension()
        .and_then(OsStr::to_str)
        .is_some_and(|ext| EXTENSIONS.contains(&ext))
}

/// The `.js`/`.mjs`/`.cjs`/`.ts`/`.mts`/`.cts` files under `dir`, sorted, as paths relative
/// to it.
pub fn source_files(dir: &Path) -> Result<Vec<PathBuf>> {
    Ok(walk_sources(dir)?.files)
}

/// What [`walk_sources`] found, and how much it read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceWalk {
    /// The source files, sorted, relative to the folder walked.
    pub files: Vec<PathBuf>,
    /// How many folders were read: each real folder once, however many links lead to it.
    pub dirs_read: usize,
}

/// The source files under `dir`, each real file once. Symbolic links are followed to what
/// they name, but a folder (or file) already reached by another path is not visited again
/// (compared by canonical path): a link to a folder above it (`ln -s . self`) is a cycle that
/// would otherwise repeat every file, and two such links make the walk exponential. Entries
/// are visited in name order, so a file reached by two paths is listed by the first in that
/// order.
pub fn walk_sources(dir: &Path) -> Result<SourceWalk> {
    struct Walk<'a> {
        root: &'a Path,
        seen_dirs: HashSet<PathBuf>,
        seen_files: HashSet<PathBuf>,
        out: SourceWalk,
    }
    impl Walk<'_> {
        fn dir(&mut self, rel: &Path) -> Result<()> {
            let here = self.root.join(rel);
            let real = here
                .canonicalize()
                .with_context(|| format!("cannot read the folder {}", here.display()))?;
            if !self.seen_dirs.insert(real) {
                return Ok(());
            }
            self.out.dirs_read += 1;
            let mut entries = std::fs::read_dir(&here)
                .with_context(|| format!("cannot read the folder {}", here.display()))?
                .collect::<std::io::Result<Vec<_>>>()
                .with_context(|| format!("cannot read the folder {}", here.display()))?;
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                let name = entry.file_name();
                let path = rel.join(&name);
                let full = self.root.join(&path);
                let kind = entry
                    .file_type()
                    .with_context(|| format!("cannot read {}", full.display()))?;
                // A symbolic link is followed to what it names (a dangling one is skipped).
                let is_dir = kind.is_dir() || (kind.is_symlink() && full.is_dir());
                if is_dir {
                    if !skipped_dir(&name) {
                        self.dir(&path)?;
                    }
                } else if is_source(&path) && full.is_file() {
                    let real = full
                        .canonicalize()
                        .with_context(|| format!("cannot read {}", full.display()))?;
                    if self.seen_files.insert(real) {
                        self.out.files.push(path);
                    }
                }
            }
            Ok(())
        }
    }
    let mut walk = Walk {
        root: dir,
        seen_dirs: HashSet::new(),
        seen_files: HashSet::new(),
        out: SourceWalk::default(),
    };
    walk.dir(Path::new(""))?;
    walk.out.files.sort();
    Ok(walk.out)
}

/// Where the minimum base library came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseFrom {
    /// `--base`.
    Flag,
    /// The `libVersion` of this DevTools configuration file.
    Config(PathBuf),
    /// Nothing said: the lowest base library plugins have.
    Lowest,
}

/// The configuration files of a WeChat DevTools project, in the order they win.
///
/// WeChat's documentation of them ("项目配置文件",
/// <https://developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig.html>): both sit in
/// the project's root folder; "`project.private.config.json` 中的相同设置优先级高于
/// `project.config.json`" (the private file's setting wins); the top-level field
/// `libVersion` (String) is "基础库版本", the base library the project is compiled and
/// debugged with.
pub(crate) const PROJECT_CONFIGS: [&str; 2] = ["project.private.config.json", "project.config.json"];

/// The minimum base library of the plugin in `dir`: the `libVersion` of the DevTools project
/// around it (`dir` itself is the project root, or the plugin folder inside it: the nearest
/// folder up from `dir` with a `project.config.json` or `project.private.config.json`),
/// else the lowest base library plugins have.
pub fn minimum_base(dir: &Path) -> Result<(Version, BaseFrom)> {
    let dir = dir
        .canonicalize()
        .with_context(|| format!("cannot read the folder {}", dir.display()))?;
    for folder in dir.ancestors() {
        let present: Vec<PathBuf> = PROJECT_CONFIGS
            .iter()
            .map(|name| folder.join(name))
            .filter(|p| p.is_file())
            .collect();
        if present.is_empty() {
            continue;
        }
        for path in present {
            let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let value: serde_json::Value =
                serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
            match value.get("libVersion") {
                None => continue,
                Some(serde_json::Value::String(text)) => {
                    let version = crate::version::parse_base(text).map_err(|err| {
                        anyhow::anyhow!(
                            "the libVersion of {}: {err}; pass the plugin's minimum base with --base",
                            path.display()
                        )
                    })?;
                    return Ok((version, BaseFrom::Config(path)));
                }
                Some(other) => bail!(
                    "the libVersion of {} is {other}, not a string like \"2.18.1\": pass the plugin's minimum base \
                     with --base",
                    path.display()
                ),
            }
        }
        break;
    }
    Ok((wx_allowlist::baseline(), BaseFrom::Lowest))
}

use crate::uses::display_path;
pub use crate::uses::{FileUses, Place, Use, extract};
pub(crate) use crate::uses::{Finding, findings};

/// `file:line:col: <rule>: <message>`, one line each.
pub(crate) fn text(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {}: {}\n",
                f.file,
                f.line,
                f.column,
                f.rule.as_str(),
                f.message
            )
        })
        .collect()
}

/// The findings as a JSON array of `{file, line, column, api, rule, message}`.
pub(crate) fn json(findings: &[Finding]) -> String {
    serde_json::to_string_pretty(findings).expect("findings serialize")
}

/// The outcome of a check.
#[derive(Debug)]
pub(crate) struct Report {
    /// The files parsed (relative to the folder).
    pub(crate) files: Vec<PathBuf>,
    /// The minimum base checked against, and where it came from.
    pub(crate) base: (Version, BaseFrom),
    /// The findings.
    pub(crate) findings: Vec<Finding>,
    /// Notes for stderr: computed keys (`wx[k]`) and `wx` passed where it cannot be followed,
    /// whose calls are not checked.
    pub(crate) notes: Vec<String>,
    /// Syntax errors, and files that could not be analysed (`file:line:col: message`): the
    /// file could not be checked whole.
    pub(crate) errors: Vec<String>,
    /// The folder checked.
    pub(crate) dir: PathBuf,
    /// What `wxuses.mjs` found, file by file.
    pub(crate) uses: Vec<FileUses>,
}

/// Checks the plugin folder `dir` at `base` (else its DevTools project's, else the lowest).
pub(crate) fn check(tools: &Tools, dir: &Path, base: Option<Version>) -> Result<Report> {
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let base = match base {
        Some(version) => (version, BaseFrom::Flag),
        None => minimum_base(dir)?,
    };
    let files = source_files(dir)?;
    let uses = if files.is_empty() {
        Vec::new()
    } else {
        extract(tools, dir, &files)?
    };
    let findings = findings(Allowlist::get(), &uses, &base.0);
    let notes = crate::uses::unchecked_notes(&uses, None);
    let mut errors = Vec::new();
    for file in &uses {
        let name = display_path(&file.file);
        for place in &file.errors {
            errors.push(format!("{name}:{}:{}: {}", place.line, place.column, place.message));
        }
    }
    Ok(Report {
        files,
        base,
        findings,
        notes,
        errors,
        dir: dir.to_path_buf(),
        uses,
    })
}

/// The report in the shape of ESLint's `json` formatter (an array of one result per file
/// checked: `filePath`, `messages` of `{ruleId, severity, message, line, column}`, the
/// counts), so that tools reading ESLint's output read this: the rules are
/// `wx-pack/not-available` and `wx-pack/needs-base`, errors (severity 2); a syntax error is
/// a fatal message with no rule, as ESLint's parsing errors are (the file's first).
pub(crate) fn eslint(report: &Report) -> String {
    let dir = report.dir.canonicalize().unwrap_or_else(|_| report.dir.clone());
    let results: Vec<serde_json::Value> = report
        .files
        .iter()
        .map(|file| {
            let name = display_path(file);
            let mut messages: Vec<(u32, u32, serde_json::Value)> = report
                .findings
                .iter()
                .filter(|f| f.file == name)
                .map(|f| {
                    let message = serde_json::json!({
                        "ruleId": format!("wx-pack/{}", f.rule.as_str()),
                        "severity": 2,
                        "message": f.message,
                        "line": f.line,
                        "column": f.column,
                    });
                    (f.line, f.column, message)
                })
                .collect();
            // ESLint stops at a file's first parsing error: so does this.
            let syntax = report
                .uses
                .iter()
                .filter(|u| display_path(&u.file) == name)
                .flat_map(|u| u.errors.first());
            let mut fatal = 0;
            for error in syntax {
                fatal += 1;
                let message = serde_json::json!({
                    "ruleId": null,
                    "fatal": true,
                    "severity": 2,
                    "message": format!("Parsing error: {}", error.message),
                    "line": error.line,
                    "column": error.column,
                });
                messages.push((error.line, error.column, message));
            }
            messages.sort_by_key(|(line, column, _)| (*line, *column));
            let count = messages.len();
            serde_json::json!({
                "filePath": dir.join(file).display().to_string(),
                "messages": messages.into_iter().map(|(_, _, m)| m).collect::<Vec<_>>(),
                "suppressedMessages": [],
                "errorCount": count,
                "fatalErrorCount": fatal,
                "warningCount": 0,
                "fixableErrorCount": 0,
                "fixableWarningCount": 0,
                "usedDeprecatedRules": [],
            })
        })
        .collect();
    serde_json::to_string(&results).expect("results serialize")
}

/// The summary line for stderr: how many files, at which base, how many findings.
pub(crate) fn summary(report: &Report) -> String {
    let (version, from) = &report.base;
    let from = match from {
        BaseFrom::Flag => "--base".to_owned(),
        BaseFrom::Config(path) => format!("libVersion of {}", path.display()),
        BaseFrom::Lowest => "the lowest base library plugins have; no --base, no libVersion".to_owned(),
    };
    let files = report.files.len();
    let count = report.findings.len();
    format!(
        "checked {files} file{} at base library {version} ({from}): {count} finding{}",
        if files == 1 { "" } else { "s" },
        if count == 1 { "" } else { "s" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_declarations_and_other_files() {
        for (path, source) in [
            ("a.js", true),
            ("a.mjs", true),
            ("a.cjs", true),
            ("a.ts", true),
            ("a.mts", true),
            ("a.d.ts", false),
            ("a.d.mts", false),
            ("a.wxs", false),
            ("a.json", false),
            ("js", false),
        ] {
            assert_eq!(is_source(Path::new(path)), source, "{path}");
        }
    }
}
