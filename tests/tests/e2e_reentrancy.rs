//! End to end for re-entrancy, in both output modes: plugin code that
//! WeChat is calling calls back into WeChat or into the bindings' own
//! machinery. A listener drops its own subscription while it runs (the
//! `listeners` example's `watch_once`), a listener calls `wx` again from
//! inside the event (`watch_and_ask`), and a socket's message handler
//! sends on the socket from inside the message (the `chat` example's
//! `ping_pong`, against a loopback echo server). Every run also asserts,
//! through `run_host`, that nothing threw outside a call (a freed closure
//! called by WeChat, a panic across the boundary, an unhandled rejection).

use serde_json::{Value, json};
use wx_tests::e2e::{MODES, plugin, result_of, run_host, traced};
use wx_tests::servers::EchoServer;

const WIFI: &str = r#"onNetworkStatusChange={"isConnected":true,"networkType":"wifi"}"#;
const OFFLINE: &str = r#"onNetworkStatusChange={"isConnected":false,"networkType":"none"}"#;
const LTE: &str = r#"onNetworkStatusChange={"isConnected":true,"networkType":"4g"}"#;

/// `wx.offNetworkStatusChange` exists from 2.9.3: at 2.18.1, not at 1.9.6.
fn has_off(base: &str) -> bool {
    base != "1.9.6"
}

/// The number of JS callbacks WeChat held at each network event.
fn listeners_at_events(report: &Value) -> Vec<u64> {
    traced(report, "onNetworkStatusChange")
        .into_iter()
        .filter(|t| t["kind"] == "event")
        .map(|t| t["listeners"].as_u64().expect("an event counts its listeners"))
        .collect()
}

/// Where in the whole trace each record of `api` (of `kind`, if given) is.
fn positions(report: &Value, api: &str, kind: Option<&str>) -> Vec<usize> {
    report["trace"]
        .as_array()
        .expect("a report has a trace")
        .iter()
        .enumerate()
        .filter(|(_, t)| t["api"] == api && kind.is_none_or(|k| t["kind"] == k))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn a_listener_that_drops_its_own_handle_while_called_gets_no_more_events() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("listeners", mode),
            base,
            &[
                "--call",
                "watch_once",
                "--emit",
                WIFI,
                "--emit",
                LTE,
                "--call",
                "once_seen",
                // Subscribing again after the self-drop works as the first time.
                "--call",
                "watch_once",
                "--emit",
                OFFLINE,
                "--emit",
                WIFI,
                "--call",
                "once_seen",
            ],
        );
        // Where off* exists, the last subscriber leaving (from inside the
        // event) hands the callback back; where it does not, the one
        // callback stays, swallowing.
        let (callbacks, events) = if has_off(base) {
            (0, vec![1, 0, 1, 0])
        } else {
            (1, vec![1, 1, 1, 1])
        };
        assert_eq!(
            result_of(&report, "once_seen", 0),
            &json!(format!("[wifi] held false, {callbacks} callbacks, 0 subscribers")),
            "{mode}: one event, then none: {report:#}"
        );
        assert_eq!(
            result_of(&report, "once_seen", 1),
            &json!(format!(
                "[wifi, none (offline)] held false, {callbacks} callbacks, 0 subscribers"
            )),
            "{mode}"
        );
        assert_eq!(listeners_at_events(&report), events, "{mode}: {report:#}");
        let registered = traced(&report, "onNetworkStatusChange")
            .into_iter()
            .filter(|t| t["outcome"] == "registered")
            .count();
        let offs = traced(&report, "offNetworkStatusChange");
        if has_off(base) {
            assert_eq!((registered, offs.len()), (2, 2), "{mode}: {report:#}");
            assert!(offs.iter().all(|o| o["outcome"] == "unregistered"), "{mode}: {offs:#?}");
            // Each off* came while its event was being delivered: after the
            // event's record and before the next event.
            let event_at = positions(&report, "onNetworkStatusChange", Some("event"));
            let off_at = positions(&report, "offNetworkStatusChange", None);
            assert!(
                event_at[0] < off_at[0] && off_at[0] < event_at[1],
                "{mode}: {event_at:?} {off_at:?}"
            );
            assert!(
                event_at[2] < off_at[1] && off_at[1] < event_at[3],
                "{mode}: {event_at:?} {off_at:?}"
            );
        } else {
            assert_eq!((registered, offs.len()), (1, 0), "{mode}: {report:#}");
        }
    }
}

#[test]
fn a_listener_that_drops_itself_leaves_the_next_subscriber_its_event() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("listeners", mode),
            base,
            &[
                // watch_once is first in line: it drops itself, then watch gets the event.
                "--call",
                "watch_once",
                "--call",
                "watch",
                "--emit",
                WIFI,
                "--emit",
                LTE,
                "--call",
                "once_seen",
                "--call",
                "seen",
            ],
        );
        assert_eq!(
            result_of(&report, "once_seen", 0),
            "[wifi] held false, 1 callbacks, 1 subscribers",
            "{mode}"
        );
        assert_eq!(result_of(&report, "seen", 0), "2 4g", "{mode}");
        // One JS callback all along, and no off* while a subscriber is left.
        assert_eq!(listeners_at_events(&report), [1, 1], "{mode}");
        assert_eq!(traced(&report, "offNetworkStatusChange").len(), 0, "{mode}");
    }
}

#[test]
fn a_listener_calls_wx_again_from_inside_the_event() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("listeners", mode),
            base,
            &["--call", "watch_and_ask", "--emit", WIFI, "--emit", OFFLINE],
        );
        let stores: Vec<&Value> = traced(&report, "setStorageSync")
            .into_iter()
            .map(|t| &t["args"])
            .collect();
        // Inside each event: the type stored at once; then the task's line,
        // with getNetworkType's answer (the host's type follows the event).
        assert_eq!(
            stores,
            [
                &json!(["network", "wifi"]),
                &json!(["asked", "wifi: wifi"]),
                &json!(["network", "none (offline)"]),
                &json!(["asked", "none (offline): none"]),
            ],
            "{mode}: {report:#}"
        );
        let asks = traced(&report, "getNetworkType");
        assert_eq!(asks.len(), 2, "{mode}");
        assert!(asks.iter().all(|a| a["outcome"] == "success"), "{mode}: {asks:#?}");
        // The first store and the ask were made while the first event was
        // being delivered: between its record and the second event's.
        let event_at = positions(&report, "onNetworkStatusChange", Some("event"));
        let store_at = positions(&report, "setStorageSync", None);
        let ask_at = positions(&report, "getNetworkType", None);
        assert!(
            event_at[0] < store_at[0] && store_at[0] < ask_at[0] && ask_at[0] < event_at[1],
            "{mode}: events {event_at:?}, stores {store_at:?}, asks {ask_at:?}"
        );
    }
}

#[test]
fn a_socket_message_handler_sends_from_inside_the_message() {
    let server = EchoServer::start("pong");
    for (mode, base) in MODES {
        let call = format!(r#"ping_pong=["{}", "ping", 3]"#, server.url);
        let report = run_host(&plugin("chat", mode), base, &["--call", &call]);
        assert_eq!(
            result_of(&report, "ping_pong", 0),
            &json!([
                "echo ping",
                "echo re: echo ping",
                "echo re: echo re: echo ping",
                // The two sends the handler made, as WeChat answered them.
                "ok",
                "ok",
            ]),
            "{mode}: {report:#}"
        );
        let sends: Vec<&Value> = traced(&report, "SocketTask.send")
            .into_iter()
            .map(|t| &t["args"][0]["data"])
            .collect();
        assert_eq!(
            sends,
            [
                &json!("ping"),
                &json!("re: echo ping"),
                &json!("re: echo re: echo ping")
            ],
            "{mode}"
        );
        // Each of the handler's sends was made while its message was being
        // delivered: right after that message's event record.
        let trace = report["trace"].as_array().unwrap();
        let messages = positions(&report, "SocketTask.onMessage", Some("event"));
        let send_at = positions(&report, "SocketTask.send", None);
        assert_eq!(messages.len(), 3, "{mode}: {trace:#?}");
        for (message, send) in messages.iter().zip(&send_at[1..]) {
            assert!(message < send, "{mode}: message at {message}, send at {send}");
            assert!(
                trace[message + 1..*send].iter().all(|t| t["kind"] != "event"),
                "{mode}: another event came between message {message} and its send {send}"
            );
        }
        let closes: Vec<&Value> = traced(&report, "SocketTask.onClose")
            .into_iter()
            .filter(|t| t["kind"] == "event")
            .collect();
        assert_eq!(closes.len(), 1, "{mode}: closed once");
    }
}
