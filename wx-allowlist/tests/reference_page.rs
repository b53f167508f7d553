//! The data file holds exactly the reference page's table: same names, same
//! versions, none extra, none missing.

use std::collections::BTreeMap;
use std::path::Path;

use wx_allowlist::{Allowlist, Source, Version};

/// The saved official page: the data crate keeps its own copy, so that a
/// clone of the repository alone (or the published crate) can run this test.
const PAGE_FILE: &str = "data/reference/000_c738fc0b8ecb603b.txt";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn reference_page() -> String {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(PAGE_FILE))
}

/// Where the project's shared reference material keeps the page, when the
/// repository is checked out beside it (`../shared`).
fn shared_page() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/000_c738fc0b8ecb603b.txt")
}

#[test]
fn the_crate_copy_of_the_page_is_the_shared_one() {
    let shared = shared_page();
    if !shared.exists() {
        // A clone of the repository alone: the crate's copy is the source.
        eprintln!(
            "{} is absent: nothing to compare the crate's copy with",
            shared.display()
        );
        return;
    }
    assert!(
        read(&shared) == reference_page(),
        "{PAGE_FILE} differs from {}: copy the shared page into the crate",
        shared.display()
    );
}

/// The `<td>` cells of each `<tr>` of the page's `<tbody>`.
fn table_rows(page: &str) -> Vec<Vec<String>> {
    let body = page.split("<tbody>").nth(1).expect("the page has a <tbody>");
    let body = body.split("</tbody>").next().unwrap();
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td>")
                .skip(1)
                .map(|cell| cell.split("</td>").next().unwrap().trim().to_string())
                .collect()
        })
        .collect()
}

/// `wx.name` → version, from cells like "`wx.showToast`" and "[1.9.6](../compatibility.html ...)".
fn page_table() -> BTreeMap<String, Version> {
    let mut table = BTreeMap::new();
    for cells in table_rows(&reference_page()) {
        assert_eq!(cells.len(), 2, "a row has two cells: {cells:?}");
        let name = cells[0]
            .trim_matches('`')
            .strip_prefix("wx.")
            .expect("names are `wx.<name>`");
        let version = cells[1].trim_start_matches('[').split(']').next().unwrap();
        let previous = table.insert(name.to_string(), Version::parse(version).unwrap());
        assert!(previous.is_none(), "{name} is listed twice");
    }
    table
}

#[test]
fn the_page_lists_104_apis() {
    let table = page_table();
    assert_eq!(table.len(), 104);
    assert_eq!(table.values().filter(|v| **v == Version::new(1, 9, 6)).count(), 103);
    assert_eq!(table["getRecorderManager"], Version::new(1, 9, 94));
}

#[test]
fn the_data_holds_exactly_the_page() {
    let page = page_table();
    let data: BTreeMap<String, Version> = wx_allowlist::reference_page_rows()
        .unwrap()
        .into_iter()
        .map(|row| (row.name, row.since))
        .collect();
    let missing: Vec<_> = page.keys().filter(|k| !data.contains_key(*k)).collect();
    let extra: Vec<_> = data.keys().filter(|k| !page.contains_key(*k)).collect();
    assert!(missing.is_empty(), "on the page, not in the data: {missing:?}");
    assert!(extra.is_empty(), "in the data, not on the page: {extra:?}");
    for (name, version) in &page {
        assert_eq!(&data[name], version, "version of {name}");
    }
}

#[test]
fn the_merged_list_keeps_the_page_versions_as_gates() {
    let list = Allowlist::get();
    for (name, version) in page_table() {
        let api = list.lookup(&name).unwrap_or_else(|| panic!("{name} is permitted"));
        assert_eq!(api.since, version, "{name}");
        assert!(api.sources.contains(&Source::ReferencePage));
    }
}

#[test]
fn legacy_spellings_are_kept_and_marked() {
    let list = Allowlist::get();
    let legacy: Vec<&str> = list.iter().filter(|a| a.is_legacy()).map(|a| a.name.as_str()).collect();
    assert_eq!(
        legacy,
        [
            "makeVoIPCall",
            "notifyBLECharacteristicValueChanged",
            "onBLEConnectionStateChanged"
        ]
    );
    let changed = list.lookup("onBLEConnectionStateChanged").unwrap();
    assert_eq!(changed.legacy, Some(Some("onBLEConnectionStateChange".to_string())));
    assert_eq!(changed.kind, wx_allowlist::Kind::Listener);
    assert_eq!(list.lookup("makeVoIPCall").unwrap().legacy, Some(None));
}
