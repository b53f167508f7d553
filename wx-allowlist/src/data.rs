//! Reads the two data files and merges them into an [`Allowlist`].

use std::collections::HashMap;

use serde::Deserialize;

use crate::shapes::{INTERFACES_JSON, parse_interfaces, plugin_note, shape_from_json};
use crate::{Allowlist, Api, Forbidden, JsType, Kind, Param, PluginNote, Source, TypingsEntry, Version, rust_name_of};

/// The reference page's rows: `name<TAB>since[<TAB>legacy <kind> <modern|->]`.
pub(crate) const REFERENCE_PAGE_TSV: &str = include_str!("../data/reference-page.tsv");
/// The typings snapshot written by `wx-allowlist/typings/extract.mjs`.
pub(crate) const TYPINGS_JSON: &str = include_str!("../data/typings.json");

/// One row of the reference page data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRow {
    /// JS name.
    pub name: String,
    /// The page's minimum base library.
    pub since: Version,
    /// For a legacy spelling: its kind (given by hand) and modern spelling.
    pub legacy: Option<(Kind, Option<String>)>,
}

/// Parses `data/reference-page.tsv`.
pub fn reference_page_rows() -> Result<Vec<PageRow>, String> {
    parse_page_tsv(REFERENCE_PAGE_TSV)
}

fn parse_page_tsv(text: &str) -> Result<Vec<PageRow>, String> {
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let (name, since) = match columns.as_slice() {
            [name, since, ..] => (*name, *since),
            _ => return Err(format!("reference-page.tsv:{line_no}: expected `name<TAB>since`")),
        };
        let since =
            Version::parse(since).map_err(|e| format!("reference-page.tsv:{line_no}: bad version `{since}`: {e}"))?;
        let legacy = match columns.get(2) {
            None => None,
            Some(extra) => {
                let words: Vec<&str> = extra.split_whitespace().collect();
                match words.as_slice() {
                    ["legacy", kind, modern] => {
                        let kind = Kind::parse(kind)
                            .ok_or_else(|| format!("reference-page.tsv:{line_no}: unknown kind `{kind}`"))?;
                        let modern = (*modern != "-").then(|| modern.to_string());
                        Some((kind, modern))
                    }
                    _ => {
                        return Err(format!(
                            "reference-page.tsv:{line_no}: third column must be `legacy <kind> <modern|->`"
                        ));
                    }
                }
            }
        };
        rows.push(PageRow {
            name: name.to_string(),
            since,
            legacy,
        });
    }
    Ok(rows)
}

#[derive(Deserialize)]
struct Snapshot {
    source: SnapshotSource,
    functions: Vec<SnapshotFunction>,
}

#[derive(Deserialize)]
struct SnapshotSource {
    version: String,
}

#[derive(Deserialize)]
struct SnapshotFunction {
    name: String,
    since: Option<String>,
    plugin: String,
    plugin_since: Option<String>,
    kind: Kind,
    params: Vec<SnapshotParam>,
    returns: JsType,
    summary: String,
    doc: Option<String>,
    // Links to interfaces.json, for permitted functions.
    returns_shape: Option<serde_json::Value>,
    success: Option<serde_json::Value>,
    fail: Option<serde_json::Value>,
    payload: Option<serde_json::Value>,
    off: Option<String>,
}

#[derive(Deserialize)]
struct SnapshotParam {
    name: String,
    #[serde(rename = "type")]
    ty: JsType,
    optional: bool,
    shape: Option<serde_json::Value>,
}

/// Parses `data/typings.json`: the typings' version and every `Wx` function.
pub fn typings_entries() -> Result<(String, Vec<TypingsEntry>), String> {
    let snapshot: Snapshot = serde_json::from_str(TYPINGS_JSON).map_err(|e| format!("typings.json: {e}"))?;
    let version = |name: &str, text: &str| {
        Version::parse(text).map_err(|e| format!("typings.json: {name}: bad version `{text}`: {e}"))
    };
    let mut entries = Vec::with_capacity(snapshot.functions.len());
    for f in snapshot.functions {
        let at = |e: String| format!("typings.json: {}: {e}", f.name);
        let plugin = plugin_note(&f.plugin, f.plugin_since.as_deref()).map_err(at)?;
        let since = f.since.as_deref().map(|v| version(&f.name, v)).transpose()?;
        let shape = |v: &Option<serde_json::Value>| v.as_ref().map(shape_from_json).transpose().map_err(at);
        let param_shapes = f
            .params
            .iter()
            .filter_map(|p| p.shape.as_ref())
            .map(shape_from_json)
            .collect::<Result<Vec<_>, String>>()
            .map_err(at)?;
        entries.push(TypingsEntry {
            returns_shape: shape(&f.returns_shape)?,
            success: shape(&f.success)?,
            fail: shape(&f.fail)?,
            payload: shape(&f.payload)?,
            off: f.off,
            param_shapes,
            params: f
                .params
                .into_iter()
                .map(|p| Param {
                    name: p.name,
                    ty: p.ty,
                    optional: p.optional,
                })
                .collect(),
            name: f.name,
            since,
            plugin,
            kind: f.kind,
            returns: f.returns,
            summary: f.summary,
            doc: f.doc,
        });
    }
    Ok((snapshot.source.version, entries))
}

/// Merges the page and the typings: the page's 104 keep the page's version;
/// everything else the typings let plugins call is added at the typings'
/// plugin minimum; the rest of the typings' functions are forbidden.
pub(crate) fn load() -> Result<Allowlist, String> {
    let rows = reference_page_rows()?;
    let (typings_version, entries) = typings_entries()?;
    let typings: HashMap<&str, &TypingsEntry> = entries.iter().map(|e| (e.name.as_str(), e)).collect();

    let mut apis = Vec::new();
    for row in &rows {
        let (kind, legacy, entry) = match &row.legacy {
            Some((kind, modern)) => {
                let entry = modern.as_deref().and_then(|m| typings.get(m).copied());
                (*kind, Some(modern.clone()), entry)
            }
            None => {
                let entry = typings
                    .get(row.name.as_str())
                    .copied()
                    .ok_or_else(|| format!("`{}` is on the page but not in the typings; mark it legacy", row.name))?;
                (entry.kind, None, Some(entry))
            }
        };
        let disagreement = match (&legacy, entry) {
            (None, Some(entry)) => describe_disagreement(&row.since, entry, &typings_version),
            _ => None,
        };
        let mut sources = vec![Source::ReferencePage];
        if legacy.is_none() {
            sources.push(Source::Typings);
        }
        let (params, returns) = match entry {
            Some(e) => (e.params.clone(), e.returns),
            // makeVoIPCall: the old callback-style call, one options object.
            None => (
                vec![Param {
                    name: "option".into(),
                    ty: JsType::Object,
                    optional: false,
                }],
                JsType::Void,
            ),
        };
        apis.push(Api {
            name: row.name.clone(),
            rust_name: rust_name_of(&row.name),
            since: row.since.clone(),
            kind,
            legacy,
            sources,
            typings: entry.cloned(),
            disagreement,
            params,
            returns,
        });
    }

    let mut forbidden = Vec::new();
    for entry in &entries {
        if rows.iter().any(|r| r.name == entry.name) {
            continue;
        }
        match entry.plugin_since() {
            Some(since) => apis.push(Api {
                name: entry.name.clone(),
                rust_name: rust_name_of(&entry.name),
                since,
                kind: entry.kind,
                legacy: None,
                sources: vec![Source::Typings],
                typings: Some(entry.clone()),
                disagreement: None,
                params: entry.params.clone(),
                returns: entry.returns,
            }),
            None => forbidden.push(Forbidden {
                name: entry.name.clone(),
                rust_name: rust_name_of(&entry.name),
                typings: entry.clone(),
            }),
        }
    }
    apis.sort_by(|a, b| a.name.cmp(&b.name));
    forbidden.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Allowlist::new(
        apis,
        forbidden,
        typings_version,
        parse_interfaces(INTERFACES_JSON)?,
    ))
}

/// What the typings say about one of the page's entries, where it differs.
fn describe_disagreement(page_since: &Version, entry: &TypingsEntry, typings_version: &str) -> Option<String> {
    let says = match (&entry.plugin, entry.plugin_since()) {
        (PluginNote::Unsupported, _) => "mark it not supported in plugins".to_string(),
        (PluginNote::Unspecified, _) => "carry no note on plugins".to_string(),
        (_, Some(since)) if &since != page_since => {
            format!("say plugins may call it from base library {since}")
        }
        _ => return None,
    };
    Some(format!(
        "the typings ({typings_version}) {says}; the reference page's {page_since} stays the gate"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_and_legacy_rows() {
        let rows = parse_page_tsv("# c\nshowToast\t1.9.6\nonFooChanged\t1.9.6\tlegacy listener onFooChange\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].legacy, None);
        assert_eq!(rows[1].legacy, Some((Kind::Listener, Some("onFooChange".into()))));
    }

    #[test]
    fn rejects_bad_rows_with_line_numbers() {
        let err = parse_page_tsv("showToast\tone\n").unwrap_err();
        assert!(err.contains(":1: bad version"), "{err}");
        let err = parse_page_tsv("# x\nshowToast\n").unwrap_err();
        assert!(err.contains(":2: expected"), "{err}");
        let err = parse_page_tsv("a\t1.9.6\tlegacy teleport -\n").unwrap_err();
        assert!(err.contains("unknown kind"), "{err}");
    }
}
