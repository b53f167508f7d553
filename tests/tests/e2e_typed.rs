//! End to end for the typed layer (`runtime`, `ui`, `storage`): the
//! `feedback` example is packaged by `wx-pack` in both output modes and run
//! in the simulated WeChat host (`wx-host`).
//! (helpers in `wx_tests::e2e`; every host run asserts its exit status and
//! that nothing threw outside a call, as a dangling closure would).

use serde_json::{Value, json};
use wx_tests::e2e::{MODES, call_of, e2e_dir, result_of, run_host, run_host_failing, traced};

/// The packaged feedback plugin.
fn plugin(mode: &str) -> std::path::PathBuf {
    wx_tests::e2e::plugin("feedback", mode)
}

/// The APIs of the trace, in order, without the wasm loader.
fn api_sequence(report: &Value) -> Vec<&str> {
    report["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["api"].as_str().unwrap())
        .filter(|api| !api.starts_with("WXWebAssembly"))
        .collect()
}

#[test]
fn confirm_stores_the_note_and_shows_a_toast() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--call",
                r#"confirm_and_save=["great plugin"]"#,
                "--call",
                "saved_note",
                "--call",
                "load_note",
            ],
        );
        assert_eq!(result_of(&report, "confirm_and_save", 0), &json!(true), "{mode}");
        assert_eq!(result_of(&report, "saved_note", 0), "great plugin", "{mode}");
        assert_eq!(result_of(&report, "load_note", 0), "great plugin", "{mode}");
        assert_eq!(
            api_sequence(&report),
            [
                "showModal",
                "setStorageSync",
                "showToast",
                "getStorageSync",
                "getStorage"
            ],
            "{mode}"
        );

        let modal = traced(&report, "showModal")[0];
        let options = &modal["args"][0];
        assert_eq!(options["title"], "Save feedback?", "{mode}");
        assert_eq!(options["content"], "great plugin", "{mode}");
        // What the plugin does not set is not sent: WeChat's defaults apply.
        assert_eq!(options.get("showCancel"), None, "{mode}");
        assert_eq!(options["confirmText"], "Save", "{mode}");
        assert_eq!(options["cancelText"], "Discard", "{mode}");
        assert_eq!(options["success"], "[Function]", "{mode}");
        assert_eq!(options["fail"], "[Function]", "{mode}");
        assert_eq!(modal["outcome"], "success", "{mode}");

        let write = traced(&report, "setStorageSync")[0];
        assert_eq!(write["args"], json!(["feedback-note", "great plugin"]), "{mode}");

        let toast = traced(&report, "showToast")[0];
        let options = &toast["args"][0];
        assert_eq!(options["title"], "Saved", "{mode}");
        assert_eq!(options["icon"], "success", "{mode}");
        assert_eq!(options.get("duration"), None, "{mode}");
        assert_eq!(options.get("mask"), None, "{mode}");
        assert_eq!(toast["outcome"], "success", "{mode}");
    }
}

#[test]
fn cancel_stores_nothing() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--modal-cancel",
                "--call",
                r#"confirm_and_save=["nope"]"#,
                "--call",
                "saved_note",
            ],
        );
        assert_eq!(result_of(&report, "confirm_and_save", 0), &json!(false), "{mode}");
        // A missing key reads as "" in WeChat; the typed layer makes it None (undefined → null).
        assert_eq!(result_of(&report, "saved_note", 0), &Value::Null, "{mode}");
        assert_eq!(api_sequence(&report), ["showModal", "getStorageSync"], "{mode}");
        assert_eq!(traced(&report, "showModal")[0]["result"]["cancel"], true, "{mode}");
    }
}

#[test]
fn a_missing_api_rejects_the_call_and_the_plugin_keeps_working() {
    for (mode, base) in MODES {
        let report = run_host_failing(
            &plugin(mode),
            base,
            &[
                "--missing",
                "showModal",
                "--call",
                r#"confirm_and_save=["x"]"#,
                "--call",
                "saved_note",
            ],
        );
        let call = call_of(&report, "confirm_and_save", 0);
        assert_eq!(call["ok"], false, "{mode}: {call:#}");
        let error = call["error"].to_string();
        assert!(error.contains("wx.showModal failed"), "{mode}: {error}");
        assert!(traced(&report, "setStorageSync").is_empty(), "{mode}");
        assert!(traced(&report, "showToast").is_empty(), "{mode}");
        assert_eq!(result_of(&report, "saved_note", 0), &Value::Null, "{mode}");
    }
}

#[test]
fn a_fail_callback_is_an_err_with_wechats_reason() {
    for (mode, base) in MODES {
        // wx.getStorage answers a missing key with `fail` ("getStorage:fail data not
        // found"); load_note reads that reason and answers undefined.
        let report = run_host(&plugin(mode), base, &["--call", "load_note"]);
        assert_eq!(result_of(&report, "load_note", 0), &Value::Null, "{mode}");
        let read = traced(&report, "getStorage")[0];
        assert_eq!(read["outcome"], "fail", "{mode}: {read:#}");
        assert_eq!(read["errMsg"], "getStorage:fail data not found", "{mode}");
    }
}

#[test]
fn a_future_dropped_early_leaves_nothing_that_traps() {
    for (mode, base) in MODES {
        // notify drops the toast's future at once; WeChat's `success` comes later.
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--call",
                r#"notify=["hi"]"#,
                "--call",
                r#"notify=["again"]"#,
                "--call",
                "saved_note",
            ],
        );
        for n in 0..2 {
            assert_eq!(result_of(&report, "notify", n), &Value::Null, "{mode}");
        }
        let toasts = traced(&report, "showToast");
        assert_eq!(toasts.len(), 2, "{mode}");
        assert!(toasts.iter().all(|t| t["outcome"] == "success"), "{mode}: {toasts:#?}");
        assert_eq!(toasts[1]["args"][0]["icon"], "none", "{mode}");
    }
}

#[test]
fn the_note_persists_across_runs() {
    for (mode, base) in MODES {
        let storage = e2e_dir().join(format!("typed-storage-{mode}.json"));
        let _ = std::fs::remove_file(&storage);
        let storage = storage.to_str().unwrap();
        let first = run_host(
            &plugin(mode),
            base,
            &["--storage", storage, "--call", r#"confirm_and_save=["kept"]"#],
        );
        assert_eq!(result_of(&first, "confirm_and_save", 0), &json!(true), "{mode}");
        let second = run_host(
            &plugin(mode),
            base,
            &["--storage", storage, "--call", "saved_note", "--call", "load_note"],
        );
        assert_eq!(result_of(&second, "saved_note", 0), "kept", "{mode}");
        assert_eq!(result_of(&second, "load_note", 0), "kept", "{mode}");
    }
}

#[test]
fn a_sync_api_reads_as_typed_accessors() {
    for (mode, base) in MODES {
        let report = run_host(&plugin(mode), base, &["--call", "device_summary"]);
        // The host's system info (wx-host/src/apis/base.js, DEFAULT_DEVICE): model, platform, pixelRatio, SDKVersion = the base.
        assert_eq!(
            result_of(&report, "device_summary", 0),
            &json!(format!(
                "iPhone 12/13 (Pro) (devtools), pixel ratio 3, base library {base}"
            )),
            "{mode}"
        );
    }
}

#[test]
fn a_wechat_failure_rejects_with_its_errmsg_and_reads_as_a_reason() {
    for (mode, base) in MODES {
        let report = run_host_failing(
            &plugin(mode),
            base,
            &[
                "--call",
                r#"save_under=["", "x"]"#,
                "--call",
                r#"save_reason=[""]"#,
                "--call",
                r#"save_reason=["k"]"#,
            ],
        );
        let call = call_of(&report, "save_under", 0);
        assert_eq!(call["ok"], false, "{mode}: {call:#}");
        let fail = traced(&report, "setStorage")[0];
        assert_eq!(fail["outcome"], "fail", "{mode}");
        let err_msg = fail["errMsg"].as_str().unwrap();
        assert!(err_msg.starts_with("setStorage:fail "), "{mode}: {err_msg}");
        assert_eq!(
            call["error"],
            json!(format!("Error: wx.setStorage failed: {err_msg}")),
            "{mode}"
        );
        let reason = err_msg.strip_prefix("setStorage:fail ").unwrap();
        assert_eq!(result_of(&report, "save_reason", 0), &json!(reason), "{mode}");
        assert_eq!(result_of(&report, "save_reason", 1), "ok", "{mode}");
    }
}

#[test]
fn checked_companions_call_newer_apis_only_where_the_base_has_them() {
    let dir = plugin("wasm");
    // The host's page stack holds one page, so wx.navigateBack fails as
    // WeChat does there; wx.pluginLogin answers a scripted code and
    // wx.getAppBaseInfo the running base. What matters is which calls are
    // made at which base.
    let back = "fail: cannot navigate back at first page.";
    for (base, expected, called) in [
        (
            "2.18.1",
            format!("{back}, needs 2.20.1, needs 2.21.3"),
            vec!["navigateBack"],
        ),
        (
            "2.20.1",
            format!("{back}, code wx-host-code-1, needs 2.21.3"),
            vec!["navigateBack", "pluginLogin"],
        ),
        (
            "2.21.3",
            format!("{back}, code wx-host-code-1, SDKVersion 2.21.3"),
            vec!["navigateBack", "pluginLogin", "getAppBaseInfo"],
        ),
    ] {
        let report = run_host(&dir, base, &["--call", "checked_calls"]);
        assert_eq!(result_of(&report, "checked_calls", 0), &expected, "at {base}");
        for api in ["navigateBack", "pluginLogin", "getAppBaseInfo"] {
            assert_eq!(
                traced(&report, api).len(),
                usize::from(called.contains(&api)),
                "{api} at {base}: {report:#}"
            );
        }
    }
}
