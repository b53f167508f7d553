//! One judgement of "a use of `wx`", for `wx-pack build` (wasm-bindgen's glue and the
//! plugin's JS snippets) and `wx-pack check` (an existing JavaScript/TypeScript plugin).
//!
//! Both run the same extractor, `js/wxuses.mjs` (TypeScript's parser, scopes, aliases,
//! `globalThis.wx`, feature detection: [`extract`]), and judge what it found with the same
//! code ([`judge`], [`findings`]) against [`wx_allowlist::Allowlist`]:
//!
//! - `not-available`: a function plugins may never call (forbidden), or a called name that
//!   is no `wx` function at all;
//! - `needs-base`: a function plugins have from a later base library than the one targeted.
//!
//! The build judges at the lowest base library: a `not-available` use refuses the build,
//! the `needs-base` ones give the plugin's minimum base ([`judge_build`]); a `--base` below
//! it is then refused by [`crate::version::check_base_covers_apis`]. What cannot be named
//! statically (`wx[k]`, `wx` passed where it cannot be followed) is a note saying that those
//! calls are not checked.
//!
//! wasm-bindgen's glue hands the global `wx` itself to the wasm when the plugin binds a
//! `static` to it (`#[wasm_bindgen(thread_local_v2, js_name = wx)] static WX: JsValue`, as
//! wx-bindings' run-time-checked calls do). What the wasm then does with that object goes
//! through the glue's import shims (`getObject(arg0).requestPayment(…)` for a `method`
//! import), which receive objects from the wasm without saying which: when `wx` escapes
//! anywhere in the package, every member such a shim reads or calls whose name is a `wx`
//! function is judged as if it were called on `wx` (a conservative rule: an object method
//! that shares a forbidden `wx` function's name, `onError`, is refused too).

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};
use semver::Version;
use serde::{Deserialize, Serialize};
use wx_allowlist::{Allowlist, Resolution};

use crate::tools::Tools;
use crate::version::BoundApi;

/// One use of a `wx` member that `wxuses.mjs` found.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Use {
    /// The member's name (`login` for `wx.login`).
    pub name: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in UTF-16 code units.
    pub column: u32,
    /// `member` (`wx.name`), `bracket` (`wx['name']`), `destructure` (`{ name } = wx`), `in`
    /// (`'name' in wx`), or `receiver` (a member of an object the wasm passes to one of
    /// wasm-bindgen's import shims).
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

/// A place, for the accesses with a computed key, the escapes and the syntax errors.
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
    /// `wx[expr]` (or `globalThis[expr]`) with a key that is no constant string.
    pub dynamic: Vec<Place>,
    /// Where `wx` is passed on where the analysis cannot follow it.
    #[serde(default)]
    pub escapes: Vec<Place>,
    /// Members read or called, in wasm-bindgen's import shims, on objects from the wasm.
    #[serde(default)]
    pub receivers: Vec<Use>,
    /// The parser's syntax errors, or why the file could not be analysed.
    pub errors: Vec<Place>,
}

/// Runs `wxuses.mjs` on `files` (paths relative to `dir`).
pub fn extract(tools: &Tools, dir: &Path, files: &[PathBuf]) -> Result<Vec<FileUses>> {
    if tools.side.installed_version("typescript").is_none() {
        let all = crate::tools::npm_tools();
        let typescript: Vec<_> = all.iter().filter(|t| t.name == "typescript").collect();
        bail!(
            "wx-pack reads the uses of wx with the npm package typescript, which is not installed at {}: {}",
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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

/// Whether `name` is a `wx` function the allowlist knows by its JS name, permitted or not:
/// the names a member of an object from the wasm is judged by ([`FileUses::receivers`]).
fn is_wx_function(list: &Allowlist, name: &str) -> bool {
    list.lookup(name).is_some() || list.forbidden(name).is_some()
}

/// The place where `wx` first escapes in `files`, if it does: then the import shims'
/// receivers may be `wx`.
fn first_escape(files: &[FileUses]) -> Option<(String, &Place)> {
    files
        .iter()
        .find_map(|f| f.escapes.first().map(|place| (display_path(&f.file), place)))
}

/// A use to judge, with where it came from.
struct Judged<'a> {
    file: &'a FileUses,
    used: &'a Use,
    /// For a receiver: where `wx` escapes.
    escape: Option<&'a (String, &'a Place)>,
}

/// Every use the rules apply to: the uses of `wx`, and when `wx` escapes somewhere in
/// `files`, the import shims' receivers that bear a `wx` function's name.
fn judged_uses<'a>(
    list: &Allowlist,
    files: &'a [FileUses],
    escape: &'a Option<(String, &'a Place)>,
) -> Vec<Judged<'a>> {
    let mut out = Vec::new();
    for file in files {
        for used in &file.uses {
            out.push(Judged {
                file,
                used,
                escape: None,
            });
        }
        if escape.is_some() {
            for used in file.receivers.iter().filter(|u| is_wx_function(list, &u.name)) {
                out.push(Judged {
                    file,
                    used,
                    escape: escape.as_ref(),
                });
            }
        }
    }
    out
}

/// The findings of the extracted uses at `base`, sorted by file, line and column. A use that
/// only tests for the member (`if (wx.name)`) is none, nor is a too-new function called where
/// such a test holds; a forbidden one called there still is (it never runs in a plugin).
pub fn findings(list: &Allowlist, files: &[FileUses], base: &Version) -> Vec<Finding> {
    // One judgement per name and way of use (a suggestion compares the name with every API).
    let mut judged: HashMap<(&str, bool), Option<(Rule, String)>> = HashMap::new();
    let escape = first_escape(files);
    let mut out = Vec::new();
    for Judged { file, used: u, escape } in judged_uses(list, files, &escape) {
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
            let message = match escape {
                Some((escape_file, place)) => format!(
                    "{message} (`.{}` on an object the wasm passes in, which may be wx: {escape_file}:{}:{} hands \
                     the global wx to the wasm)",
                    u.name, place.line, place.column
                ),
                None => message.clone(),
            };
            out.push(Finding {
                file: display_path(&file.file),
                line: u.line,
                column: u.column,
                api: u.name.clone(),
                rule: *rule,
                message,
            });
        }
    }
    out.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    out.dedup();
    out
}

/// The notes on what could not be checked: computed keys (`wx[k]`) and `wx` passed on where
/// it cannot be followed. `skip_escapes_in` names a file whose escapes say nothing to the
/// user (the glue's, which the receivers rule covers).
pub fn unchecked_notes(files: &[FileUses], skip_escapes_in: Option<&Path>) -> Vec<String> {
    let mut notes = Vec::new();
    for file in files {
        let name = display_path(&file.file);
        for place in &file.dynamic {
            notes.push(format!(
                "{name}:{}:{}: wx[...] with a computed key is not checked",
                place.line, place.column
            ));
        }
        if skip_escapes_in == Some(file.file.as_path()) {
            continue;
        }
        for place in &file.escapes {
            notes.push(format!(
                "{name}:{}:{}: wx is passed on where wx-pack cannot follow it: the calls made through it are not \
                 checked",
                place.line, place.column
            ));
        }
    }
    notes
}

/// What the build's judgement gives: the plugin's `wx` APIs and what could not be checked.
#[derive(Clone, Debug, Default)]
pub struct BuildUses {
    /// The permitted `wx` functions the package uses (not only feature-detected), by name.
    pub apis: Vec<BoundApi>,
    /// What could not be checked, for the build's notes.
    pub notes: Vec<String>,
}

/// Judges the `wx` uses of wasm-bindgen's output in `dir`: the glue and the snippets (paths
/// relative to `dir`). A use of a function plugins may never call fails the build, as does a
/// file that cannot be analysed; the permitted functions are returned with their versions.
pub fn judge_build(tools: &Tools, dir: &Path, glue: &Path, snippets: &[PathBuf]) -> Result<BuildUses> {
    let mut files = vec![glue.to_path_buf()];
    files.extend(snippets.iter().cloned());
    let found = extract(tools, dir, &files)?;
    judge_package(Allowlist::get(), &found, glue)
}

/// [`judge_build`] on what `wxuses.mjs` found (`glue` is the glue's entry in `found`).
pub fn judge_package(list: &Allowlist, found: &[FileUses], glue: &Path) -> Result<BuildUses> {
    let unanalysed: Vec<String> = found
        .iter()
        .flat_map(|f| {
            f.errors
                .iter()
                .map(move |e| format!("{}:{}:{}: {}", display_path(&f.file), e.line, e.column, e.message))
        })
        .collect();
    if !unanalysed.is_empty() {
        bail!(
            "cannot read the uses of wx in wasm-bindgen's output, so they cannot be checked: {}",
            unanalysed.join("; ")
        );
    }
    let lowest = crate::version::lowest_base();
    let escape = first_escape(found);
    let glue_name = display_path(glue);
    let mut problems = Vec::new();
    let mut apis = BTreeMap::new();
    for finding in findings(list, found, &lowest) {
        if finding.rule != Rule::NotAvailable {
            continue;
        }
        let name = &finding.api;
        // The glue's own uses are wasm-bindgen's imports: its places say nothing to the user.
        let place = if finding.file == glue_name {
            String::new()
        } else {
            format!(" ({}:{}:{})", finding.file, finding.line, finding.column)
        };
        let receiver = found
            .iter()
            .filter(|f| display_path(&f.file) == finding.file)
            .flat_map(|f| &f.receivers)
            .any(|u| u.line == finding.line && u.column == finding.column);
        let problem = if list.forbidden(name).is_some() {
            format!("wx.{name} is not available to plugins{place}")
        } else {
            let hint = list
                .suggest(name)
                .map(|api| format!(" (did you mean wx.{}?)", api.name))
                .unwrap_or_default();
            format!("wx.{name} is not on the plugin allowlist{hint}{place}")
        };
        let problem = match (&escape, receiver) {
            (Some((file, at)), true) => format!(
                "{problem} (a method import called on an object from the wasm, and {file}:{}:{} hands the global wx \
                 to the wasm, so it may be wx: bind wx's functions with `#[wasm_bindgen(js_namespace = wx)]`, not as \
                 methods of a static bound to wx)",
                at.line, at.column
            ),
            _ => problem,
        };
        if !problems.contains(&problem) {
            problems.push(problem);
        }
    }
    if !problems.is_empty() {
        bail!(
            "the plugin binds wx functions that a plugin cannot call: {}; a plugin's `wx` object simply lacks them \
             at run time",
            problems.join("; ")
        );
    }
    for Judged { used, .. } in judged_uses(list, found, &escape) {
        if used.guard {
            continue;
        }
        let Some(api) = list.lookup(&used.name) else {
            continue;
        };
        // A feature-detected call of a newer function needs no newer base.
        if used.guarded && !api.available_at(&lowest) {
            continue;
        }
        apis.entry(api.name.clone()).or_insert_with(|| BoundApi {
            name: api.name.clone(),
            since: api.since.clone(),
        });
    }
    Ok(BuildUses {
        apis: apis.into_values().collect(),
        notes: unchecked_notes(found, Some(glue)),
    })
}

/// A path with `/` separators, as the findings name files.
pub fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used(name: &str, kind: &str, call: bool) -> Use {
        Use {
            name: name.into(),
            line: 1,
            column: 1,
            kind: kind.into(),
            call,
            guard: false,
            guarded: false,
        }
    }

    fn file(name: &str, uses: Vec<Use>, receivers: Vec<Use>, escapes: usize) -> FileUses {
        FileUses {
            file: name.into(),
            uses,
            dynamic: Vec::new(),
            escapes: (0..escapes)
                .map(|_| Place {
                    line: 3,
                    column: 4,
                    message: String::new(),
                })
                .collect(),
            receivers,
            errors: Vec::new(),
        }
    }

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
    fn receivers_count_only_where_wx_escapes_and_only_by_wx_names() {
        // `getObject(arg0).addCard()` and `.close()` in a shim: close is no wx function.
        let list = Allowlist::get();
        let shims = vec![used("addCard", "receiver", true), used("close", "receiver", true)];
        let base = crate::version::lowest_base();
        let quiet = [file("a_bg.js", vec![], shims.clone(), 0)];
        assert_eq!(findings(list, &quiet, &base), []);
        let escaped = [file("a_bg.js", vec![], shims, 1)];
        let found = findings(list, &escaped, &base);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].api.as_str(), found[0].rule), ("addCard", Rule::NotAvailable));
        assert!(
            found[0].message.contains("a_bg.js:3:4 hands the global wx"),
            "{}",
            found[0].message
        );
        let err = judge_package(list, &escaped, Path::new("a_bg.js"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("wx.addCard is not available to plugins (a method import"),
            "{err}"
        );
    }

    #[test]
    fn the_build_lists_permitted_functions_and_refuses_the_rest() {
        let list = Allowlist::get();
        let glue = file(
            "a_bg.js",
            vec![used("showToast", "member", true), used("env", "member", false)],
            vec![],
            0,
        );
        let mut guarded = used("getFileSystemManager", "member", true);
        guarded.guarded = true;
        let snippet = file(
            "snippets/x/inline0.js",
            vec![used("getRecorderManager", "member", true), guarded],
            vec![],
            0,
        );
        let judged = judge_package(list, &[glue.clone(), snippet], Path::new("a_bg.js")).unwrap();
        let names: Vec<_> = judged.apis.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["getRecorderManager", "showToast"]);
        let bad = file(
            "snippets/x/inline1.js",
            vec![used("requestPayment", "member", true)],
            vec![],
            0,
        );
        let err = judge_package(list, &[glue, bad], Path::new("a_bg.js"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("wx.requestPayment is not available to plugins (snippets/x/inline1.js:1:1)"),
            "{err}"
        );
    }
}
