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
    // One feature per version above 1.9.6: the page's 1.9.94 and the
    // typings' 46 for functions, and 57 more that only fields, values and
    // methods need (104 in all; the 100 of functions, fields and values were
    // counted from the data by a separate walk in Node).
    let api_versions: BTreeSet<&Version> = list
        .iter()
        .map(|a| &a.since)
        .filter(|v| **v > Version::new(1, 9, 6))
        .collect();
    assert_eq!(api_versions.len(), 47);
    assert_eq!(list.gated_versions().len(), 104);
    assert!(
        list.gated_versions().contains(&Version::new(2, 17, 1)),
        "ShowModalOption.editable"
    );
    assert!(
        list.gated_versions().contains(&Version::new(2, 14, 1)),
        "ShowToastOption.icon = error"
    );
}

/// Plugin minimums read by hand from the JSDoc of miniprogram-api-typings
/// 5.2.3 (`types/wx/lib.wx.api.d.ts`): the function's general `需要基础库`
/// line and its `在插件中使用` line. Not computed by the code under test.
const BY_HAND: &[(&str, &str)] = &[
    // 需要基础库 2.20.1, 在插件中使用：需要基础库 2.19.1: the later one.
    ("isBluetoothDevicePaired", "2.20.1"),
    // 需要基础库 1.9.9, 在插件中使用：需要基础库 2.19.2.
    ("getFileSystemManager", "2.19.2"),
    // 需要基础库 2.7.0, 在插件中使用：需要基础库 2.11.1.
    ("createUDPSocket", "2.11.1"),
    // 需要基础库 2.20.1, 在插件中使用：需要基础库 2.21.3.
    ("getAppBaseInfo", "2.21.3"),
    // 需要基础库 2.20.1, 在插件中使用：需要基础库 2.26.2.
    ("openEmbeddedMiniProgram", "2.26.2"),
    // 需要基础库 2.18.0, 在插件中使用：支持: the general minimum.
    ("createTCPSocket", "2.18.0"),
    // No general minimum; 在插件中使用：需要基础库 2.2.2 / 2.1.0.
    ("redirectTo", "2.2.2"),
    ("navigateBack", "2.1.0"),
    // 需要基础库 1.1.0, 在插件中使用：需要基础库 2.16.1.
    ("chooseAddress", "2.16.1"),
    // The plugin-only functions.
    ("pluginLogin", "2.20.1"),
    ("requestPluginPayment", "2.22.1"),
];

#[test]
fn typings_entries_carry_the_typings_plugin_minimum() {
    let list = Allowlist::get();
    for (name, since) in BY_HAND {
        let api = list.lookup(name).unwrap_or_else(|| panic!("{name} is permitted"));
        assert_eq!(api.since.to_string(), *since, "{name}");
        assert_eq!(api.sources, [Source::Typings], "{name}");
    }
    // Every API the typings add has one source and a version above the page's.
    for api in list.iter().filter(|a| !a.on_reference_page()) {
        assert_eq!(api.sources, [Source::Typings], "{}", api.name);
        assert!(api.since >= Version::new(2, 1, 0), "{}", api.name);
    }
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

#[test]
fn plugin_counterparts_replace_forbidden_functions() {
    let list = Allowlist::get();
    // requestPayment: 在插件中使用：不支持. login: 在插件中使用：需要基础库 2.3.1 (and only
    // after the user-info functional page), pluginLogin from 2.20.1.
    assert!(list.forbidden("requestPayment").is_some());
    assert_eq!(list.lookup("login").unwrap().since, Version::new(2, 3, 1));
    for (original, instead) in [("login", "pluginLogin"), ("requestPayment", "requestPluginPayment")] {
        assert!(list.lookup(instead).is_some(), "{instead} is permitted");
        assert_eq!(wx_allowlist::plugin_counterpart(original), Some(instead));
    }
    assert_eq!(wx_allowlist::plugin_counterpart("authorize"), None);
}
