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

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};
use semver::Version;
use serde::{Deserialize, Serialize};
use wx_allowlist::{Allowlist, Resolution};

use crate::tools::Tools;

/// The file extensions `check` parses (`.d.ts` and its kin are skipped: no code runs there).
pub const EXTENSIONS: &[&str] = &["js", "mjs", "cjs", "ts", "mts", "cts"];

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
    fn walk(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        let here = root.join(rel);
        let entries = std::fs::read_dir(&here).with_context(|| format!("cannot read the folder {}", here.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read the folder {}", here.display()))?;
            let name = entry.file_name();
            let path = rel.join(&name);
            let kind = entry
                .file_type()
                .with_context(|| format!("cannot read {}", root.join(&path).display()))?;
            // A symbolic link is followed to what it names.
            let is_dir = kind.is_dir() || (kind.is_symlink() && root.join(&path).is_dir());
            if is_dir {
                if !skipped_dir(&name) {
                    walk(root, &path, out)?;
                }
            } else if is_source(&path) {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, Path::new(""), &mut out)?;
    out.sort();
    Ok(out)
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
pub const PROJECT_CONFIGS: [&str; 2] = ["project.private.config.json", "project.config.json"];

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

/// One use of a `wx` member that `wxuses.mjs` found.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Use {
    /// The member's name (`login` for `wx.login`).
    pub name: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in UTF-16 code units.
    pub column: u32,
    /// `member` (`wx.name`), `bracket` (`wx['name']`) or `destructure` (`{ name } = wx`).
    pub kind: String,
    /// Whether it is called right there (`wx.name(...)`).
    pub call: bool,
    /// Whether it only tests that the member is there (`if (wx.name)`, `typeof wx.name`,
    /// `'name' in wx`): feature detection, never reported.
    #[serde(default)]
    pub guard: bool,
    /// Whether a condition around it tested that the member is there
    /// (`if (wx.name) { wx.name() }`): a too-new function is fine there.
    #[serde(default)]
    pub guarded: bool,
}

/// A place, for the accesses with a computed key and the syntax errors.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Place {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What is wrong there (syntax errors only).
    #[serde(default)]
    pub message: String,
}

/// What `wxuses.mjs` found in one file.
#[derive(Clone, Debug, Deserialize)]
pub struct FileUses {
    /// The file, as given to it.
    pub file: PathBuf,
    /// The uses of `wx` members, in the order of the walk.
    pub uses: Vec<Use>,
    /// `wx[expr]` with a computed key.
    pub dynamic: Vec<Place>,
    /// The parser's syntax errors.
    pub errors: Vec<Place>,
}

/// Runs `wxuses.mjs` on `files` (paths relative to `dir`).
pub fn extract(tools: &Tools, dir: &Path, files: &[PathBuf]) -> Result<Vec<FileUses>> {
    if tools.side.installed_version("typescript").is_none() {
        let all = crate::tools::npm_tools();
        let typescript: Vec<_> = all.iter().filter(|t| t.name == "typescript").collect();
        bail!(
            "`wx-pack check` parses with the npm package typescript, which is not installed at {}: {}",
            tools.side.node_modules.join("typescript").display(),
            tools.side.install_command(&typescript)
        );
    }
    let script = tools.side.scripts.join("wxuses.mjs");
    let mut child = Command::new(&tools.node)
        .arg(&script)
        .current_dir(dir)
        .env("WX_PACK_NODE_MODULES", &tools.side.node_modules)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {}", script.display()))?;
    let list: Vec<String> = files.iter().map(|f| f.to_string_lossy().into_owned()).collect();
    let input = serde_json::to_vec(&list)?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    // Written from a thread: the script's output may fill its pipe before it has read all.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().context("wxuses.mjs did not finish")?;
    writer
        .join()
        .expect("the writer thread does not panic")
        .context("cannot give wxuses.mjs its files")?;
    if !out.status.success() {
        bail!(
            "wxuses.mjs failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    serde_json::from_slice(&out.stdout).context("cannot read wxuses.mjs's report")
}

/// A finding's rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Rule {
    /// Plugins can never call it: a forbidden `wx` function, or no `wx` function at all.
    #[serde(rename = "not-available")]
    NotAvailable,
    /// Plugins can call it from a later base library than the plugin's minimum.
    #[serde(rename = "needs-base")]
    NeedsBase,
}

impl Rule {
    /// The rule's name in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::NotAvailable => "not-available",
            Rule::NeedsBase => "needs-base",
        }
    }
}

/// One forbidden or too-new use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, relative to the checked folder, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (UTF-16 code units, as editors count).
    pub column: u32,
    /// The `wx` member (`login`).
    pub api: String,
    /// The rule.
    pub rule: Rule,
    /// What is wrong, and what to do.
    pub message: String,
}

/// What the allowlist says of `wx.<name>` used at `base`, or `None` when it is allowed.
/// `call` says whether the use is a call or a destructuring: a name the allowlist does not
/// know is reported there only, as `wx` also has members that are no functions
/// (`wx.env.USER_DATA_PATH`), which the allowlist, a list of functions, does not hold.
pub fn judge(list: &Allowlist, name: &str, base: &Version, call: bool) -> Option<(Rule, String)> {
    let counterpart = |name: &str| {
        wx_allowlist::plugin_counterpart(name).map(|instead| match list.lookup(instead) {
            Some(api) => format!("; plugins have wx.{instead} for this (from base library {})", api.since),
            None => format!("; plugins have wx.{instead} for this"),
        })
    };
    match list.resolve(name) {
        // `resolve` also takes Rust names (`show_toast`): in JS only the JS name is the function.
        Resolution::Permitted(api) if api.name == name => (!api.available_at(base)).then(|| {
            (
                Rule::NeedsBase,
                format!(
                    "wx.{name} needs base library {} in plugins, above the minimum base {base}{}",
                    api.since,
                    counterpart(name).unwrap_or_default()
                ),
            )
        }),
        Resolution::Forbidden(forbidden) => Some((
            Rule::NotAvailable,
            format!(
                "wx.{name} is not available to plugins ({}){}",
                forbidden.typings.plugin,
                counterpart(name).unwrap_or_default()
            ),
        )),
        resolution => {
            if !call {
                return None;
            }
            let suggestion = match resolution {
                Resolution::Permitted(api) => Some(api),
                Resolution::Unknown { suggestion } => suggestion,
                Resolution::Forbidden(_) => None,
            };
            let hint = suggestion.map_or(String::new(), |api| format!("; did you mean wx.{}?", api.name));
            Some((
                Rule::NotAvailable,
                format!("wx.{name} is not a wx function plugins can call{hint}"),
            ))
        }
    }
}

/// The findings of the extracted uses at `base`, sorted by file, line and column. A use that
/// only tests for the member (`if (wx.name)`) is none, nor is a too-new function called where
/// such a test holds; a forbidden one called there still is (it never runs in a plugin).
pub fn findings(list: &Allowlist, files: &[FileUses], base: &Version) -> Vec<Finding> {
    // One judgement per name and way of use (a suggestion compares the name with every API).
    let mut judged: HashMap<(&str, bool), Option<(Rule, String)>> = HashMap::new();
    let mut out = Vec::new();
    for file in files {
        let name = display_path(&file.file);
        for u in &file.uses {
            if u.guard {
                continue;
            }
            let call = u.call || u.kind == "destructure";
            let verdict = judged
                .entry((u.name.as_str(), call))
                .or_insert_with(|| judge(list, &u.name, base, call));
            // Feature detection makes a too-new function fine; a forbidden one stays dead code.
            if let Some((rule, message)) = verdict
                .as_ref()
                .filter(|(rule, _)| !(u.guarded && *rule == Rule::NeedsBase))
            {
                out.push(Finding {
                    file: name.clone(),
                    line: u.line,
                    column: u.column,
                    api: u.name.clone(),
                    rule: *rule,
                    message: message.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    out.dedup();
    out
}

fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `file:line:col: <rule>: <message>`, one line each.
pub fn text(findings: &[Finding]) -> String {
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
pub fn json(findings: &[Finding]) -> String {
    serde_json::to_string_pretty(findings).expect("findings serialize")
}

/// The outcome of a check.
#[derive(Debug)]
pub struct Report {
    /// The files parsed (relative to the folder).
    pub files: Vec<PathBuf>,
    /// The minimum base checked against, and where it came from.
    pub base: (Version, BaseFrom),
    /// The findings.
    pub findings: Vec<Finding>,
    /// Notes for stderr: computed keys (`wx[k]`), which are not checked.
    pub notes: Vec<String>,
    /// Syntax errors (`file:line:col: message`): the file could not be checked whole.
    pub errors: Vec<String>,
    /// The folder checked.
    pub dir: PathBuf,
    /// What `wxuses.mjs` found, file by file.
    pub uses: Vec<FileUses>,
}

/// Checks the plugin folder `dir` at `base` (else its DevTools project's, else the lowest).
pub fn check(tools: &Tools, dir: &Path, base: Option<Version>) -> Result<Report> {
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
    let mut notes = Vec::new();
    let mut errors = Vec::new();
    for file in &uses {
        let name = display_path(&file.file);
        for place in &file.dynamic {
            notes.push(format!(
                "{name}:{}:{}: wx[...] with a computed key is not checked",
                place.line, place.column
            ));
        }
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
pub fn eslint(report: &Report) -> String {
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
pub fn summary(report: &Report) -> String {
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
    fn judges_from_the_allowlist() {
        let list = Allowlist::get();
        let base = Version::new(2, 18, 1);
        assert_eq!(judge(list, "showToast", &base, true), None);
        let (rule, message) = judge(list, "getFileSystemManager", &base, true).unwrap();
        assert_eq!(rule, Rule::NeedsBase);
        assert_eq!(
            message,
            "wx.getFileSystemManager needs base library 2.19.2 in plugins, above the minimum base 2.18.1"
        );
        assert_eq!(judge(list, "getFileSystemManager", &Version::new(2, 19, 2), true), None);
        let (rule, message) = judge(list, "showToas", &base, true).unwrap();
        assert_eq!(rule, Rule::NotAvailable);
        assert!(message.ends_with("did you mean wx.showToast?"), "{message}");
        // A Rust name is no JS function, but says which one was meant.
        let (_, message) = judge(list, "show_toast", &base, true).unwrap();
        assert!(message.ends_with("did you mean wx.showToast?"), "{message}");
        // A member that is no function (wx.env), read but not called.
        assert_eq!(judge(list, "env", &base, false), None);
        let (rule, message) = judge(list, "requestPayment", &base, false).unwrap();
        assert_eq!(rule, Rule::NotAvailable);
        assert!(
            message.contains("plugins have wx.requestPluginPayment for this"),
            "{message}"
        );
    }

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
