//! End to end: a panic in plugin code does not break the plugin. Plugins
//! are built with `panic = "abort"` (unwinding needs nightly and an engine
//! with WebAssembly exceptions), so a panic traps: the JavaScript caller —
//! WeChat delivering an event, the host mini-program calling an export, the
//! futures executor's microtask — gets a `RuntimeError` ("unreachable").
//! What must hold afterwards, in both output modes: later events reach the
//! other subscribers, later calls and futures work, subscriptions still
//! drop, and the listener registry is left consistent. The panicking
//! handler itself is not called again, and the subscribers after it miss
//! the one event it panicked on (the delivery loop is what trapped).

use serde_json::Value;
use wx_tests::e2e::{MODES, host_report, plugin_at, result_of, workspace};

const WIFI: &str = r#"onNetworkStatusChange={"isConnected":true,"networkType":"wifi"}"#;
const OFFLINE: &str = r#"onNetworkStatusChange={"isConnected":false,"networkType":"none"}"#;
const LTE: &str = r#"onNetworkStatusChange={"isConnected":true,"networkType":"4g"}"#;
/// After the panics: subscribe two handlers, raise one event, read what
/// they saw (`seen` answers "[4g] 1 callbacks, 2 subscribers" when it works).
const LISTEN_AFTER: [&str; 6] = ["--call", "listen", "--emit", LTE, "--call", "seen"];

fn panics(mode: &str) -> std::path::PathBuf {
    plugin_at(&workspace().join("tests/plugins/panics"), mode)
}

/// The report's errors outside calls, as (source, message) pairs.
fn errors(report: &Value) -> Vec<(String, String)> {
    report["errors"]
        .as_array()
        .expect("errors is an array")
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap_or_default().to_string(),
                e["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The wasm trap of a panic as the JavaScript caller sees it: a
/// `RuntimeError: unreachable` in wasm mode; wasm2js translates
/// `unreachable` into a thrown `Error: abort`.
fn is_trap(message: &str) -> bool {
    message == "RuntimeError: unreachable" || message == "Error: abort"
}

#[test]
fn a_panicking_listener_leaves_later_events_to_the_others() {
    for (mode, base) in MODES {
        let (status, report) = host_report(
            &panics(mode),
            base,
            &[
                "--call",
                "stack_depth",
                "--call",
                "listen",
                "--emit",
                WIFI,
                "--emit",
                OFFLINE,
                "--emit",
                LTE,
                "--emit",
                OFFLINE,
                "--emit",
                WIFI,
                "--call",
                "seen",
                "--call",
                "stop",
                "--call",
                "seen",
                "--call",
                "stack_depth",
            ],
        );
        // Every call succeeds; the status is 1 for the error outside a call.
        assert_eq!(status, Some(1), "{mode}: {report:#}");
        assert!(
            report["calls"].as_array().unwrap().iter().all(|c| c["ok"] == true),
            "{mode}: {report:#}"
        );
        // The recorder misses the offline event its neighbour panicked on;
        // the panicked handler is not run again, so the second offline
        // event reaches the recorder.
        assert_eq!(
            result_of(&report, "seen", 0),
            "[wifi, 4g, none, wifi] 1 callbacks, 2 subscribers",
            "{mode}"
        );
        // Dropping both (the panicked one's handler is gone already) empties the registry.
        let released = if base == "1.9.6" {
            // No offNetworkStatusChange before 2.9.3: the one callback stays, swallowing.
            "[wifi, 4g, none, wifi] 1 callbacks, 0 subscribers"
        } else {
            "[wifi, 4g, none, wifi] 0 callbacks, 0 subscribers"
        };
        assert_eq!(result_of(&report, "seen", 1), released, "{mode}");
        let errors = errors(&report);
        assert_eq!(errors.len(), 1, "{mode}: one panic, one error: {errors:?}");
        assert_eq!(errors[0].0, "onNetworkStatusChange listener", "{mode}");
        assert!(is_trap(&errors[0].1), "{mode}: {errors:?}");
        assert_stack_whole(&report, mode);
    }
}

/// The shadow stack is where it was before the panics (`stack_depth`,
/// called first and last): each call into the wasm that throws puts it back.
fn assert_stack_whole(report: &Value, mode: &str) {
    let before = result_of(report, "stack_depth", 0)
        .as_u64()
        .expect("stack_depth before");
    let after = result_of(report, "stack_depth", 1).as_u64().expect("stack_depth after");
    assert_eq!(
        before,
        after,
        "{mode}: the panics moved the shadow stack by {} bytes",
        before as i64 - after as i64
    );
}

#[test]
fn calls_and_futures_work_after_panics_in_exports() {
    for (mode, base) in MODES {
        let (status, report) = host_report(
            &panics(mode),
            base,
            &[
                "--timeout",
                "1500",
                "--call",
                "stack_depth",
                "--call",
                "panic_now=[1]",
                "--call",
                "panic_now=[0]",
                "--call",
                "panic_after_await",
                "--call",
                r#"round_trip=["after"]"#,
            ]
            .iter()
            .chain(&LISTEN_AFTER)
            .chain(&["--call", "stack_depth"])
            .copied()
            .collect::<Vec<_>>(),
        );
        assert_eq!(status, Some(1), "{mode}: the panicking calls fail: {report:#}");
        let calls = report["calls"].as_array().expect("calls");
        let outcome = |i: usize| (calls[i]["ok"].as_bool(), calls[i]["error"].as_str().unwrap_or_default());
        assert_eq!(outcome(1).0, Some(false), "{mode}");
        assert!(
            is_trap(outcome(1).1),
            "{mode}: the sync panic reaches its caller as the trap: {:?}",
            outcome(1)
        );
        assert_eq!(calls[2]["result"], 0, "{mode}: the next call runs");
        // The future that panicked never settles (its promise stays
        // pending; the host gives up on it), and the trap surfaces from the
        // executor's microtask.
        assert_eq!(outcome(3).0, Some(false), "{mode}");
        assert!(outcome(3).1.contains("did not settle"), "{mode}: {:?}", outcome(3));
        assert_eq!(calls[4]["result"], "after", "{mode}: later futures are driven");
        assert_eq!(
            result_of(&report, "seen", 0),
            "[4g] 1 callbacks, 2 subscribers",
            "{mode}"
        );
        let errors = errors(&report);
        assert_eq!(errors.len(), 1, "{mode}: {errors:?}");
        assert!(is_trap(&errors[0].1), "{mode}: {errors:?}");
        assert_stack_whole(&report, mode);
    }
}

/// How many panics the last test makes (each is one host call).
const PANICS: usize = 300;

#[test]
fn many_panics_later_the_plugin_still_works_and_its_stack_is_whole() {
    // A trap runs no epilogues, so the shadow-stack pointer stays where the
    // panicking frames moved it (128 bytes a panic of this export, measured
    // before the fix: the 1 MiB stack lasted about 8,000 panics). wx-pack's
    // glue saves it on every call into the wasm and restores it when the
    // call throws: after hundreds of panics it is exactly where it was.
    for (mode, base) in MODES {
        let mut args = vec!["--call".to_string(), "stack_depth".to_string()];
        for _ in 0..PANICS {
            args.extend(["--call".to_string(), "panic_now=[1]".to_string()]);
        }
        args.extend(
            ["--call", "stack_depth", "--call", r#"round_trip=["still"]"#]
                .iter()
                .chain(&LISTEN_AFTER)
                .map(|a| a.to_string()),
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, report) = host_report(&panics(mode), base, &args);
        assert_eq!(status, Some(1), "{mode}");
        let calls = report["calls"].as_array().expect("calls");
        let failed = calls.iter().filter(|c| c["ok"] == false).count();
        assert_eq!(failed, PANICS, "{mode}: each panic fails its call, nothing else");
        assert_stack_whole(&report, mode);
        assert_eq!(result_of(&report, "round_trip", 0), "still", "{mode}");
        assert_eq!(
            result_of(&report, "seen", 0),
            "[4g] 1 callbacks, 2 subscribers",
            "{mode}"
        );
    }
}
