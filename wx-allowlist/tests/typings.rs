//! The merged allowlist agrees with the typings snapshot: counts, versions,
//! and what stays forbidden.

use std::collections::BTreeSet;

use wx_allowlist::{Allowlist, PluginNote, Source, Version, typings_entries};

#[test]
fn counts_match_the_typings() {
    let (version, entries) = typings_entries().unwrap();
    assert_eq!(version, "5.2.3");
    assert_eq!(entries.len(), 495, "functions of the Wx interface");
    let list = Allowlist::get();
    let from_typings: Vec<_> = list.iter().filter(|a| !a.on_reference_page()).collect();
    assert_eq!(from_typings.len(), 183, "usable in plugins beyond the page");
    let versions: BTreeSet<&Version> = from_typings.iter().map(|a| &a.since).collect();
    assert_eq!(versions.len(), 46);
    assert_eq!(versions.first().unwrap().to_string(), "2.1.0");
    assert_eq!(versions.last().unwrap().to_string(), "3.15.1");
    let unsupported = list
        .forbidden_iter()
        .filter(|f| f.typings.plugin == PluginNote::Unsupported)
        .count();
    assert_eq!(unsupported, 210);
    assert_eq!(list.len(), 104 + 183);
    // One feature per version above 1.9.6: the page's 1.9.94 and the typings' 46.
    assert_eq!(list.gated_versions().len(), 47);
}

#[test]
fn typings_entries_carry_the_typings_plugin_minimum() {
    let (_, entries) = typings_entries().unwrap();
    let list = Allowlist::get();
    for entry in &entries {
        if let Some(api) = list.lookup(&entry.name).filter(|a| !a.on_reference_page()) {
            assert_eq!(Some(&api.since), entry.plugin_since().as_ref(), "{}", entry.name);
            assert_eq!(api.sources, [Source::Typings]);
        }
    }
    // The later of the plugin note and the general minimum.
    assert_eq!(
        list.lookup("isBluetoothDevicePaired").unwrap().since.to_string(),
        "2.20.1"
    );
    assert_eq!(list.lookup("pluginLogin").unwrap().since.to_string(), "2.20.1");
    assert_eq!(list.lookup("requestPluginPayment").unwrap().since.to_string(), "2.22.1");
}

#[test]
fn names_are_unique_across_permitted_and_forbidden() {
    let list = Allowlist::get();
    let mut rust_names = BTreeSet::new();
    for name in list
        .iter()
        .map(|a| &a.rust_name)
        .chain(list.forbidden_iter().map(|f| &f.rust_name))
    {
        assert!(rust_names.insert(name), "two APIs bind as {name}");
    }
}

#[test]
fn disagreements_are_kept_as_data() {
    let list = Allowlist::get();
    let compass = list.lookup("onCompassChange").unwrap();
    assert_eq!(compass.since.to_string(), "1.9.6", "the page stays the gate");
    assert!(
        compass
            .disagreement
            .as_deref()
            .unwrap()
            .contains("not supported in plugins")
    );
    let found = list.lookup("onBluetoothDeviceFound").unwrap();
    assert!(
        found
            .disagreement
            .as_deref()
            .unwrap()
            .contains("from base library 2.9.1")
    );
    assert_eq!(list.iter().filter(|a| a.disagreement.is_some()).count(), 13);
    assert!(list.lookup("showToast").unwrap().disagreement.is_none());
}

#[test]
fn resolution_tells_forbidden_from_unknown_and_suggests() {
    let list = Allowlist::get();
    assert!(matches!(
        list.resolve("clearStorageSync"),
        wx_allowlist::Resolution::Forbidden(_)
    ));
    assert!(matches!(
        list.resolve("clear_storage_sync"),
        wx_allowlist::Resolution::Forbidden(_)
    ));
    match list.resolve("get_storge_sync") {
        wx_allowlist::Resolution::Unknown { suggestion: Some(api) } => assert_eq!(api.name, "getStorageSync"),
        _ => panic!("expected a suggestion"),
    }
    assert!(matches!(
        list.resolve("zzz"),
        wx_allowlist::Resolution::Unknown { suggestion: None }
    ));
}
