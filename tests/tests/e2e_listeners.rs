//! End to end for typed listeners: the `listeners` example subscribes to
//! `wx.onNetworkStatusChange`, the simulated host fires the event
//! (`--emit`), and the plugin drops and renews its subscription, streams
//! the events, and churns through thousands of subscriptions. Run at
//! 2.18.1 (wasm), where `wx.offNetworkStatusChange` exists (from 2.9.3),
//! and at 1.9.6 (wasm2js), where it does not.

use serde_json::json;
use wx_tests::e2e::{MODES, plugin, result_of, run_host, traced};

const WIFI: &str = r#"onNetworkStatusChange={"isConnected":true,"networkType":"wifi"}"#;
const OFFLINE: &str = r#"onNetworkStatusChange={"isConnected":false,"networkType":"none"}"#;
const LTE: &str = r#"onNetworkStatusChange={"isConnected":true,"networkType":"4g"}"#;

fn has_off(base: &str) -> bool {
    base != "1.9.6"
}

#[test]
fn a_dropped_subscription_stops_delivery_at_once_and_can_be_renewed() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("listeners", mode),
            base,
            &[
                "--call", "watch", "--emit", WIFI, "--call", "seen", "--call", "unwatch", "--emit", OFFLINE, "--call",
                "seen", "--call", "watch", "--emit", LTE, "--call", "seen",
            ],
        );
        assert_eq!(result_of(&report, "seen", 0), "1 wifi", "{mode}");
        // Dropped: the offline event reaches nobody (and throws nowhere).
        assert_eq!(result_of(&report, "seen", 1), "1 wifi", "{mode}");
        assert_eq!(result_of(&report, "seen", 2), "2 4g", "{mode}");
        let registrations = traced(&report, "onNetworkStatusChange")
            .into_iter()
            .filter(|t| t["outcome"] == "registered")
            .count();
        let offs = traced(&report, "offNetworkStatusChange");
        if has_off(base) {
            // off* when the last subscriber went; a fresh registration after.
            assert_eq!((registrations, offs.len()), (2, 1), "{mode}: {report:#}");
            assert_eq!(offs[0]["outcome"], "unregistered", "{mode}");
        } else {
            // No off* on 1.9.6: the one callback stays, swallowing, and is reused.
            assert_eq!((registrations, offs.len()), (1, 0), "{mode}: {report:#}");
        }
        let events = traced(&report, "onNetworkStatusChange")
            .into_iter()
            .filter(|t| t["kind"] == "event")
            .map(|t| t["listeners"].as_u64().unwrap())
            .collect::<Vec<_>>();
        assert_eq!(
            events,
            [1, u64::from(!has_off(base)), 1],
            "{mode}: callbacks WeChat held at each event"
        );
    }
}

#[test]
fn events_stream_until_the_stream_is_dropped() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("listeners", mode),
            base,
            &[
                "--call",
                "start_stream",
                "--emit",
                WIFI,
                "--emit",
                OFFLINE,
                "--call",
                "streamed",
            ],
        );
        assert_eq!(
            result_of(&report, "streamed", 0),
            &json!("wifi, none (offline)"),
            "{mode}"
        );
    }
}

#[test]
fn next_awaits_one_event_and_the_dropped_stream_unsubscribes() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("listeners", mode),
            base,
            &[
                "--call",
                "await_one",
                "--emit",
                WIFI,
                "--emit",
                OFFLINE,
                "--call",
                "first",
            ],
        );
        // After one event the task drops its stream: where off* exists WeChat
        // holds nothing; where it does not, the one callback stays, swallowing.
        let held = if has_off(base) { 0 } else { 1 };
        assert_eq!(
            result_of(&report, "first", 0),
            &json!(format!("[wifi] {held} callbacks, 0 subscribers")),
            "{mode}"
        );
        let events = traced(&report, "onNetworkStatusChange")
            .into_iter()
            .filter(|t| t["kind"] == "event")
            .map(|t| t["listeners"].as_u64().unwrap())
            .collect::<Vec<_>>();
        assert_eq!(events, [1, held], "{mode}: callbacks WeChat held at each event");
    }
}

#[test]
fn ten_thousand_subscriptions_leave_nothing_behind() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("listeners", mode),
            base,
            &["--call", "churn=[100]", "--call", "churn=[10000]"],
        );
        let warm = result_of(&report, "churn", 0).as_str().unwrap().to_string();
        let after = result_of(&report, "churn", 1).as_str().unwrap().to_string();
        // Where off* exists, WeChat holds nothing afterwards; where it does not, one callback.
        let held = if has_off(base) {
            "0 callbacks, 0 subscribers"
        } else {
            "1 callbacks, 0 subscribers"
        };
        assert!(warm.starts_with(held), "{mode}: {warm}");
        assert_eq!(after, warm, "{mode}: memory grew over 10,000 subscribe/drop cycles");
    }
}
