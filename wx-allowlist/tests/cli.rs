//! The `wx-allowlist` command.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wx-allowlist"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn json_lists_every_permitted_api_with_its_fields() {
    let out = run(&["--json"]);
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 287);
    let toast = list.iter().find(|e| e["name"] == "showToast").unwrap();
    assert_eq!(toast["since"], "1.9.6");
    assert_eq!(toast["kind"], "async");
    assert_eq!(toast["kind_source"], "typings");
    assert_eq!(toast["legacy"], false);
    assert_eq!(toast["rust_name"], "show_toast");
    assert_eq!(toast["feature"], serde_json::Value::Null);
    assert_eq!(toast["source"], serde_json::json!(["reference-page", "typings"]));
    // The category is the doc page's folder (…/dev/api/ui/interaction/wx.showToast.html).
    assert_eq!(toast["category"], "ui");
    assert_eq!(toast["typed"], "wx_bindings::ui::show_toast");
    let storage = list.iter().find(|e| e["name"] == "getStorageSync").unwrap();
    assert_eq!(storage["typed"], "wx_bindings::storage::get_storage_sync");
    // Every permitted API, makeVoIPCall too: today's typings no longer
    // describe it, so it is filed by hand with today's VoIP APIs, whose doc
    // pages are under api/media/voip/.
    let typed = list.iter().filter(|e| e["typed"].is_string()).count();
    assert_eq!(typed, 287);
    let voip = list.iter().find(|e| e["name"] == "makeVoIPCall").unwrap();
    assert_eq!(voip["typed"], "wx_bindings::media::make_vo_ip_call");
    for today in ["joinVoIPChat", "exitVoIPChat"] {
        let entry = list.iter().find(|e| e["name"] == today).unwrap();
        let doc = entry["doc"].as_str().unwrap();
        assert!(doc.contains("/dev/api/media/voip/"), "{today}: {doc}");
        assert_eq!(entry["category"], "media", "{today}");
    }
    let recorder = list.iter().find(|e| e["name"] == "getRecorderManager").unwrap();
    assert_eq!(recorder["feature"], "base-1-9-94");
    assert_eq!(recorder["category"], "media");
    assert_eq!(recorder["typed"], "wx_bindings::media::get_recorder_manager");
    let login = list.iter().find(|e| e["name"] == "pluginLogin").unwrap();
    assert_eq!(login["source"], serde_json::json!(["typings"]));
    assert_eq!(login["feature"], "base-2-20-1");
    let legacy = list
        .iter()
        .find(|e| e["name"] == "notifyBLECharacteristicValueChanged")
        .unwrap();
    assert_eq!(legacy["legacy"], true);
    assert_eq!(legacy["legacy_of"], "notifyBLECharacteristicValueChange");
    // The typings' 在插件中使用：不支持, on six of the page's listeners.
    let unsupported: Vec<&str> = list
        .iter()
        .filter(|e| e["unsupported_today"] == true)
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        unsupported,
        [
            "onAccelerometerChange",
            "onBackgroundAudioPause",
            "onBackgroundAudioPlay",
            "onBackgroundAudioStop",
            "onCompassChange",
            "onUserCaptureScreen"
        ]
    );
    let compass = list.iter().find(|e| e["name"] == "onCompassChange").unwrap();
    assert!(
        compass["typings_note"]
            .as_str()
            .unwrap()
            .contains("not supported in plugins")
    );
}

#[test]
fn lookup_explains_a_name() {
    let out = run(&["--lookup", "getRecorderManager"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("permitted in plugins from base library 1.9.94"), "{text}");
    assert!(text.contains("cargo feature: base-1-9-94"), "{text}");
    assert!(
        text.contains("typed: wx_bindings::media::get_recorder_manager"),
        "{text}"
    );

    let out = run(&["--lookup", "showModal"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("typed: wx_bindings::ui::show_modal"), "{text}");

    let out = run(&["--lookup", "authorize"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("not available to WeChat plugins")
    );

    let out = run(&["--lookup", "shwToast"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("did you mean wx.showToast")
    );
}

#[test]
fn at_lists_what_a_base_version_allows() {
    let out = run(&["--at", "1.9.6"]);
    assert!(out.status.success());
    let rows = String::from_utf8(out.stdout).unwrap();
    assert_eq!(rows.lines().count(), 103);
    assert!(!rows.contains("getRecorderManager"));
    let out = run(&["--at", "1.9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("is not a base-library version")
    );
}

#[test]
fn bad_usage_exits_2() {
    let out = run(&["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("usage: wx-allowlist")
    );
}

#[test]
fn lookup_explains_a_member_of_an_object_or_an_option() {
    // Expected bases from the typings (miniprogram-api-typings 5.2.3): the
    // recorder's onError has no note of its own, so it follows getRecorderManager's
    // baseline; ShowModalOption.editable says 需要基础库 2.17.1.
    let out = run(&["--lookup", "RecorderManager.onError"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("RecorderManager.onError: method, permitted in plugins"),
        "{text}"
    );
    assert!(text.contains("typed: RecorderManager::on_error"), "{text}");

    let out = run(&["--lookup", "ShowModalOption.editable"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(text.contains("optional field, from base library 2.17.1"), "{text}");
    assert!(text.contains("cargo feature: base-2-17-1"), "{text}");

    // A method the typings close to plugins.
    let out = run(&["--lookup", "CameraContext.onCameraFrame"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("not available to WeChat plugins"), "{text}");

    // Typos in either half.
    let out = run(&["--lookup", "RecorderManager.onEror"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("did you mean RecorderManager.onError?")
    );
    let out = run(&["--lookup", "RecordManager.onError"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("did you mean RecorderManager?")
    );
}
