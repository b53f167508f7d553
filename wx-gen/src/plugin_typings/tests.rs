//! The plugin typings' tests.

use super::map::*;
use super::view::*;
use super::*;
use wx_allowlist::{Allowlist, Version};

fn v(text: &str) -> Version {
    Version::parse(text).unwrap()
}

#[test]
fn the_map_lists_each_function_under_its_base_and_no_forbidden_one() {
    let map = map_dts(Allowlist::get()).unwrap();
    let under = |base: &str| {
        let start = map.find(&format!("        \"{base}\":")).unwrap();
        let rest = &map[start..];
        let end = rest[1..].find("\n        \"").map_or(rest.len(), |i| i + 1);
        rest[..end].to_string()
    };
    assert!(under("1.9.6").contains("| \"showToast\"\n"));
    // `getFileSystemManager` needs 2.19.2; `requestPayment` is forbidden in plugins.
    assert_eq!(under("2.19.2"), "        \"2.19.2\": \"getFileSystemManager\"");
    assert!(!map.contains("\"requestPayment\""));
}

#[test]
fn an_entry_names_the_generic_wx_of_its_base() {
    let entry = entry_dts(Allowlist::get(), &v("2.18.1"));
    assert!(
        entry.contains("    interface PluginWx_2_18_1 extends PluginWx<\"2.18.1\"> {}\n"),
        "{entry}"
    );
    assert!(entry.contains("/// <reference path=\"../plugin-wx.d.ts\" />"));
    assert!(entry.lines().count() < 25, "an entry stays thin:\n{entry}");
}

#[test]
fn objects_are_official_from_the_entry_that_gives_them_all() {
    let objects = ObjectMap::new(Allowlist::get(), &bases(Allowlist::get()));
    // RequestTask.onChunkReceived: base library 2.20.1; CameraContext.onCameraFrame:
    // never in plugins; SelectorQuery through NodesRef.ref (3.3.0).
    assert_eq!(objects.official_from["RequestTask"], Some(v("2.20.1")));
    assert_eq!(objects.official_from["CameraContext"], None);
    assert_eq!(objects.official_from["SelectorQuery"], Some(v("3.3.0")));
}

#[test]
fn reserved_names_are_those_base_dts_declares() {
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../wx-plugin-typings/base.d.ts"),
    )
    .unwrap();
    let namespace = &base[base.find("declare namespace WxPlugin {").unwrap()..];
    let namespace = &namespace[..namespace.find("\n}\n").unwrap()];
    for line in namespace.lines() {
        let declared = line
            .trim_start()
            .strip_prefix("type ")
            .or_else(|| line.trim_start().strip_prefix("interface "));
        if let Some(rest) = declared {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            assert!(
                RESERVED.contains(&name.as_str()),
                "add `{name}` of base.d.ts to RESERVED"
            );
        }
    }
}

#[test]
fn returned_objects_lose_the_methods_of_later_bases() {
    // RequestTask.onChunkReceived: base library 2.20.1 (the typings' JSDoc).
    let task = |base: &str| {
        View::at(Allowlist::get(), &v(base))
            .narrowed
            .get("RequestTask")
            .cloned()
    };
    let early = task("2.18.1").unwrap();
    assert_eq!(early.omitted["onChunkReceived"], "needs base library 2.20.1");
    assert!(!early.omitted.contains_key("onHeadersReceived"));
    assert!(task("2.20.1").is_none());
}

#[test]
fn every_function_version_has_an_entry() {
    let bases = bases(Allowlist::get());
    for api in Allowlist::get().iter() {
        assert!(bases.contains(&api.since), "{} needs {}", api.name, api.since);
    }
    assert_eq!(bases[0], v("1.9.6"));
    assert!(bases.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn the_package_holds_no_entry_of_another_base() {
    // The drift test sees only the files generated today: an entry left
    // from a base that no longer has one would still ship.
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../wx-plugin-typings");
    let mut on_disk: Vec<Version> = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|e| Version::parse(e.unwrap().file_name().to_str()?).ok())
        .collect();
    on_disk.sort();
    assert_eq!(
        on_disk,
        bases(Allowlist::get()),
        "remove the entries of bases that have none"
    );
}

#[test]
fn fields_of_later_bases_are_left_out_of_returned_objects() {
    // SystemInfo.safeArea: base library 2.7.0 (the typings' JSDoc).
    let info = |base: &str| View::at(Allowlist::get(), &v(base)).narrowed.get("SystemInfo").cloned();
    assert_eq!(info("2.6.0").unwrap().omitted["safeArea"], "needs base library 2.7.0");
    assert!(!info("2.7.0").unwrap().omitted.contains_key("safeArea"));
    assert!(
        map_dts(Allowlist::get())
            .unwrap()
            .contains("            \"2.7.0\": \"safeArea\"\n")
    );
}

#[test]
fn a_readme_without_the_entry_markers_is_an_error() {
    assert!(
        with_entry_table(Allowlist::get(), "# wx-plugin-typings\n")
            .unwrap_err()
            .contains("markers")
    );
}
