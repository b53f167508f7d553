//! End to end under injected faults (the host's scenario `faults`): the
//! typed layer turns every one into an `Err` the plugin can read, or a
//! pending future that can be dropped — never a trap, never an error
//! outside a call — in both output modes.

use std::path::PathBuf;

use serde_json::{Value, json};
use wx_tests::e2e::{MODES, call_of, e2e_dir, host_report, plugin, result_of, run_host, traced};

/// Writes `{ "faults": faults }` as a scenario file named after the test.
fn scenario(name: &str, faults: Value) -> PathBuf {
    let path = e2e_dir().join(format!("faults-{name}.json"));
    std::fs::create_dir_all(e2e_dir()).unwrap();
    std::fs::write(&path, json!({ "faults": faults }).to_string()).unwrap();
    path
}

/// The error text of a failed call, asserting it failed.
fn error_of<'a>(report: &'a Value, export: &str, n: usize) -> &'a str {
    let call = call_of(report, export, n);
    assert_eq!(call["ok"], false, "{export} did not fail: {call:#}");
    call["error"].as_str().unwrap()
}

/// No error outside the calls: no trap, no throw into WeChat, nothing unhandled.
fn no_errors_outside_calls(report: &Value, mode: &str) {
    assert_eq!(report["errors"], json!([]), "{mode}: {report:#}");
}

#[test]
fn a_failing_api_is_an_err_with_wechats_reason() {
    let file = scenario(
        "fail",
        json!([
            { "api": "setStorage", "fault": "fail", "errMsg": "disk full", "errno": 1300202 },
            { "api": "showModal", "call": 1, "fault": "fail", "errMsg": "cancel" },
        ]),
    );
    for (mode, base) in MODES {
        let (status, report) = host_report(
            &plugin("feedback", mode),
            base,
            &[
                "--scenario",
                file.to_str().unwrap(),
                "--call",
                r#"save_reason=["k"]"#,
                "--call",
                r#"save_under=["k", "x"]"#,
                "--call",
                r#"confirm_and_save=["first"]"#,
                "--call",
                r#"confirm_and_save=["second"]"#,
            ],
        );
        assert_eq!(status, Some(1), "{mode}: a call fails: {report:#}");
        no_errors_outside_calls(&report, mode);
        // WxError::reason reads WeChat's reason out of "setStorage:fail disk full".
        assert_eq!(result_of(&report, "save_reason", 0), "disk full", "{mode}");
        // Through `?`, a JS Error keeping errMsg and errno.
        let error = error_of(&report, "save_under", 0);
        assert!(
            error.contains("wx.setStorage failed: setStorage:fail disk full"),
            "{mode}: {error}"
        );
        // Only the first modal fails; the second asks the user as usual.
        let first = error_of(&report, "confirm_and_save", 0);
        assert!(first.contains("showModal:fail cancel"), "{mode}: {first}");
        let modals = traced(&report, "showModal");
        assert_eq!(modals[0]["fault"], "fail", "{mode}");
        assert_eq!(modals[1]["outcome"], "success", "{mode}");
    }
}

#[test]
fn a_throwing_or_missing_api_is_an_err_not_a_trap() {
    let file = scenario(
        "throw-missing",
        json!([
            { "api": "getSystemInfoSync", "call": 1, "fault": "throw", "message": "the device is gone" },
            { "api": "showToast", "fault": "missing" },
        ]),
    );
    for (mode, base) in MODES {
        let (status, report) = host_report(
            &plugin("feedback", mode),
            base,
            &[
                "--scenario",
                file.to_str().unwrap(),
                "--call",
                "device_summary",
                "--call",
                "device_summary",
                "--call",
                r#"notify=["hi"]"#,
                "--call",
                r#"confirm_and_save=["note"]"#,
            ],
        );
        assert_eq!(status, Some(1), "{mode}: {report:#}");
        no_errors_outside_calls(&report, mode);
        let thrown = error_of(&report, "device_summary", 0);
        assert!(
            thrown.contains("wx.getSystemInfoSync failed: the device is gone"),
            "{mode}: {thrown}"
        );
        // The next call is not faulted and answers as usual.
        assert!(
            result_of(&report, "device_summary", 1)
                .as_str()
                .unwrap()
                .contains("iPhone"),
            "{mode}"
        );
        // A dropped toast future of a missing function: nothing to see, no throw.
        assert_eq!(call_of(&report, "notify", 0)["ok"], true, "{mode}");
        // Awaited: an Err naming the missing function (saved first, then the toast).
        let missing = error_of(&report, "confirm_and_save", 0);
        assert!(missing.contains("wx.showToast failed"), "{mode}: {missing}");
        assert_eq!(traced(&report, "showToast")[0]["outcome"], "absent", "{mode}");
    }
}

#[test]
fn twice_late_and_wrong_shaped_answers_do_not_break_the_plugin() {
    let file = scenario(
        "twice-late-shape",
        json!([
            { "api": "setStorage", "call": 1, "fault": "twice" },
            { "api": "setStorage", "call": 2, "fault": "late", "ms": 200 },
            { "api": "showModal", "fault": "wrongShape", "result": { "surprise": true } },
        ]),
    );
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("feedback", mode),
            base,
            &[
                "--scenario",
                file.to_str().unwrap(),
                "--call",
                r#"save_reason=["k"]"#,
                "--call",
                r#"save_reason=["k"]"#,
                "--call",
                r#"confirm_and_save=["note"]"#,
            ],
        );
        // Twice: the future settles once, the second success reaches a settled promise quietly.
        assert_eq!(result_of(&report, "save_reason", 0), "ok", "{mode}");
        // Late: still answered.
        assert_eq!(result_of(&report, "save_reason", 1), "ok", "{mode}");
        // A result without `confirm` reads as false: not saved, no trap.
        assert_eq!(result_of(&report, "confirm_and_save", 0), false, "{mode}");
        let saves = traced(&report, "setStorage");
        assert_eq!(saves[0]["fault"], "twice", "{mode}");
        assert_eq!(saves[1]["fault"], "late", "{mode}");
    }
}

#[test]
fn an_answer_that_never_comes_leaves_a_pending_future_and_nothing_else() {
    let file = scenario("never", json!([{ "api": "showModal", "call": 1, "fault": "never" }]));
    for (mode, base) in MODES {
        let (status, report) = host_report(
            &plugin("feedback", mode),
            base,
            &[
                "--scenario",
                file.to_str().unwrap(),
                "--timeout",
                "1500",
                "--call",
                r#"confirm_and_save=["lost"]"#,
                "--call",
                r#"confirm_and_save=["kept"]"#,
                "--call",
                "saved_note",
            ],
        );
        assert_eq!(status, Some(1), "{mode}: {report:#}");
        no_errors_outside_calls(&report, mode);
        // The export waits for ever; the host gives up on it, the plugin goes on.
        let waited = error_of(&report, "confirm_and_save", 0);
        assert!(waited.contains("did not settle"), "{mode}: {waited}");
        assert_eq!(result_of(&report, "confirm_and_save", 1), true, "{mode}");
        assert_eq!(result_of(&report, "saved_note", 0), "kept", "{mode}");
        assert_eq!(traced(&report, "showModal")[0]["outcome"], "pending", "{mode}");
    }
}

#[test]
fn a_failing_or_silent_task_is_an_err_or_a_droppable_task() {
    let file = scenario(
        "task",
        json!([
            { "api": "request", "call": 1, "fault": "fail", "errMsg": "timeout", "errno": 5 },
            { "api": "request", "call": 2, "fault": "never" },
        ]),
    );
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("requests", mode),
            base,
            &[
                "--scenario",
                file.to_str().unwrap(),
                "--call",
                r#"refused=["http://127.0.0.1:9/"]"#,
                "--call",
                r#"start_and_drop=["http://127.0.0.1:9/"]"#,
            ],
        );
        assert_eq!(result_of(&report, "refused", 0), "timeout", "{mode}");
        // A task that never starts, dropped: abort is called on it, nothing else happens.
        let requests = traced(&report, "request");
        assert_eq!(requests[1]["fault"], "never", "{mode}");
        assert_eq!(traced(&report, "RequestTask.abort").len(), 1, "{mode}: {report:#}");
    }
}
