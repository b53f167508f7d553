//! The JSON listing printed by `wx-allowlist --json` and read by the
//! simulated host: one object per permitted API.

use serde::Serialize;

use crate::{Allowlist, Api, JsType, Kind, Param, Source, names};

#[derive(Serialize)]
struct Entry<'a> {
    name: &'a str,
    since: String,
    kind: Kind,
    /// Where the kind comes from.
    kind_source: &'static str,
    legacy: bool,
    /// The modern spelling of a legacy name, if it has one.
    legacy_of: Option<&'a str>,
    rust_name: &'a str,
    feature: Option<String>,
    source: &'a [Source],
    /// What the typings say about plugins, where it differs from the page.
    typings_note: Option<&'a str>,
    /// Whether today's typings say plugins may not call it (it is missing
    /// from a plugin's `wx` on today's WeChat).
    unsupported_today: bool,
    params: &'a [Param],
    returns: JsType,
    summary: &'a str,
    doc: Option<&'a str>,
    /// The API's category (the typed layer's module, the host's file).
    category: Option<String>,
    /// The Rust path of its typed function in `wx-bindings`, where it has one.
    typed: Option<String>,
}

impl<'a> From<&'a Api> for Entry<'a> {
    fn from(api: &'a Api) -> Self {
        Entry {
            name: &api.name,
            since: api.since.to_string(),
            kind: api.kind,
            kind_source: api.kind_source(),
            legacy: api.is_legacy(),
            legacy_of: api.legacy.as_ref().and_then(|m| m.as_deref()),
            rust_name: &api.rust_name,
            feature: names::feature_of(api),
            source: &api.sources,
            typings_note: api.disagreement.as_deref(),
            unsupported_today: api.unsupported_today(),
            params: &api.params,
            returns: api.returns,
            summary: api.summary(),
            doc: api.typings.as_ref().and_then(|t| t.doc.as_deref()),
            category: api.category(),
            typed: names::typed_path(api),
        }
    }
}

/// The whole allowlist as a pretty-printed JSON array, sorted by name.
pub fn json_listing() -> String {
    let entries: Vec<Entry<'_>> = Allowlist::get().iter().map(Entry::from).collect();
    serde_json::to_string_pretty(&entries).expect("the listing serialises")
}
