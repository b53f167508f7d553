//! End to end: the example plugins are packaged by `wx-pack` in both output
//! modes and run in the simulated WeChat host (`wx-host`), which exposes
//! only the allowlisted `wx` at the chosen base library.
//!
//! Each (example, mode) pair is built once and shared by the tests below
//! (helpers in `wx_tests::e2e`).

use serde_json::Value;
use wx_tests::e2e::{MODES, e2e_dir, plugin, result_of, run_host, run_host_failing, traced};

#[test]
fn hello_runs_in_both_modes() {
    for (mode, base) in MODES {
        let dir = plugin("hello", mode);
        let report = run_host(
            &dir,
            base,
            &[
                "--call",
                "hello",
                "--call",
                "recorder_status",
                "--call",
                "compass_listener_registered",
            ],
        );
        let greeting = result_of(&report, "hello", 0).as_str().unwrap().to_string();
        assert!(greeting.starts_with("Hello from Rust on "), "{mode}: {greeting}");
        assert!(
            greeting.ends_with(&format!("base library {base}")),
            "{mode}: {greeting}"
        );
        // The run-time check: the recorder needs 1.9.94. Where the base has it,
        // the call goes through (and the host gives its recorder manager).
        let recorder = result_of(&report, "recorder_status", 0).as_str().unwrap();
        if base == "1.9.6" {
            assert_eq!(
                recorder,
                "not on this base: wx.getRecorderManager needs base library 1.9.94 in plugins; this one is 1.9.6"
            );
        } else {
            assert_eq!(recorder, "recorder ready", "{mode}");
        }
        // Today's WeChat leaves wx.onCompassChange out of plugins (the typings:
        // 在插件中使用：不支持), and so does the host by default: the typed call is
        // an Err, reported as false, and the plugin goes on.
        assert_eq!(
            result_of(&report, "compass_listener_registered", 0),
            &Value::Bool(false),
            "{mode}"
        );
        assert!(traced(&report, "onCompassChange").is_empty(), "{mode}");

        let toasts = traced(&report, "showToast");
        assert_eq!(toasts.len(), 1, "{mode}: {report:#}");
        assert_eq!(toasts[0]["args"][0]["title"], "Hello from Rust", "{mode}");
        assert_eq!(toasts[0]["args"][0]["icon"], "none", "{mode}");
        assert_eq!(toasts[0]["outcome"], "success", "{mode}");
        assert!(!traced(&report, "getSystemInfoSync").is_empty(), "{mode}");
        // The recorder is only called where the running base has it.
        assert_eq!(
            traced(&report, "getRecorderManager").len(),
            usize::from(base != "1.9.6"),
            "{mode}"
        );
    }
}

#[test]
fn as_the_reference_page_has_it_the_compass_listener_registers() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("hello", mode),
            base,
            &["--as-reference-page", "--call", "compass_listener_registered"],
        );
        assert_eq!(
            result_of(&report, "compass_listener_registered", 0),
            &Value::Bool(true),
            "{mode}"
        );
        assert_eq!(traced(&report, "onCompassChange")[0]["outcome"], "registered", "{mode}");
    }
}

#[test]
fn an_api_missing_at_run_time_is_an_err_not_a_trap() {
    for (mode, base) in MODES {
        let dir = plugin("hello", mode);
        // With the page's APIs back, leave the compass out by hand.
        let report = run_host(
            &dir,
            base,
            &[
                "--as-reference-page",
                "--missing",
                "onCompassChange",
                "--call",
                "compass_listener_registered",
                "--call",
                "hello",
            ],
        );
        assert_eq!(
            result_of(&report, "compass_listener_registered", 0),
            &Value::Bool(false),
            "{mode}"
        );
        // The plugin keeps working after the failed call.
        assert!(
            result_of(&report, "hello", 0).as_str().unwrap().starts_with("Hello"),
            "{mode}"
        );
        assert!(
            traced(&report, "onCompassChange").is_empty(),
            "{mode}: wx.onCompassChange is absent"
        );
    }
}

#[test]
fn storage_persists_across_runs_in_both_modes() {
    for (mode, base) in MODES {
        let dir = plugin("storage", mode);
        let storage = e2e_dir().join(format!("storage-{mode}.json"));
        let _ = std::fs::remove_file(&storage);
        let storage_arg = storage.to_str().unwrap();

        let first = run_host(
            &dir,
            base,
            &[
                "--storage",
                storage_arg,
                "--call",
                "visit",
                "--call",
                r#"add_note=["buy milk"]"#,
            ],
        );
        assert_eq!(result_of(&first, "visit", 0), 1, "{mode}");
        assert_eq!(result_of(&first, "add_note", 0), 1, "{mode}");
        let writes = traced(&first, "setStorageSync");
        assert_eq!(writes[0]["args"][0], "visits", "{mode}");
        assert_eq!(writes[0]["args"][1], 1, "{mode}");
        assert_eq!(writes[1]["args"][0], "notes", "{mode}");
        // A Rust struct stored through serde: a plain JSON object per note.
        assert_eq!(
            writes[1]["args"][1],
            serde_json::json!([{ "text": "buy milk", "visit": 1 }]),
            "{mode}"
        );

        let second = run_host(
            &dir,
            base,
            &[
                "--storage",
                storage_arg,
                "--call",
                "visit",
                "--call",
                r#"add_note=["call mum"]"#,
                "--call",
                "notes",
            ],
        );
        assert_eq!(
            result_of(&second, "visit", 0),
            2,
            "{mode}: the count survived the restart"
        );
        assert_eq!(result_of(&second, "add_note", 0), 2, "{mode}");
        assert_eq!(result_of(&second, "notes", 0), r#"["buy milk","call mum"]"#, "{mode}");
    }
}

#[test]
fn a_plugin_error_is_reported_not_a_crash() {
    let (mode, base) = MODES[1];
    let dir = plugin("storage", mode);
    let report = run_host_failing(&dir, base, &["--call", r#"add_note=["   "]"#, "--call", "visit"]);
    let call = &report["calls"][0];
    assert_eq!(call["ok"], false, "{call:#}");
    assert!(call["error"].to_string().contains("a note needs some text"), "{call:#}");
    assert_eq!(result_of(&report, "visit", 0), 1);
}

#[test]
fn the_package_records_its_minimum_base_library() {
    for (mode, expected) in [("wasm", "2.18.1"), ("wasm2js", "1.9.6")] {
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(plugin("hello", mode).join("wx-pack.json")).unwrap())
                .unwrap();
        // hello calls getRecorderManager (1.9.94) only through its run-time-checked
        // companion, which does not raise the minimum; the wasm loader needs 2.18.1.
        assert_eq!(manifest["minBaseVersion"], expected, "{mode}: {manifest:#}");
        let apis: Vec<&str> = manifest["apis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert!(
            apis.contains(&"showToast") && apis.contains(&"getSystemInfoSync"),
            "{mode}: {apis:?}"
        );
    }
}

#[test]
fn storage_keeps_u64_ids_exactly_or_refuses_them() {
    for (mode, base) in MODES {
        let dir = plugin("storage", mode);
        // 2^53 − 1, the largest integer a JS number holds exactly.
        let report = run_host(&dir, base, &["--call", r#"remember_id=["9007199254740991"]"#]);
        assert_eq!(result_of(&report, "remember_id", 0), "9007199254740991", "{mode}");
        assert_eq!(
            traced(&report, "setStorageSync")[0]["args"][1],
            9007199254740991u64,
            "{mode}"
        );
        // 2^53 + 1 has no exact JS number: an error, and nothing stored.
        let report = run_host_failing(&dir, base, &["--call", r#"remember_id=["9007199254740993"]"#]);
        let call = &report["calls"][0];
        assert_eq!(call["ok"], false, "{mode}: {call:#}");
        let error = call["error"].as_str().unwrap();
        assert!(
            error.contains("wx.setStorageSync: cannot store the value")
                && error.contains("9007199254740993 can't be represented as a JavaScript number"),
            "{mode}: {error}"
        );
        assert!(traced(&report, "setStorageSync").is_empty(), "{mode}");
    }
}
