//! End to end for the typed layer's edges a new user hit (issue 20, issue
//! 19 §5): the test-only plugin `tests/plugins/typed-edges`, built for the
//! 1.9.6 baseline, run in the simulated host.
//!
//! Expected values are what WeChat (and the host, which follows its
//! documentation) sends: the recorder's `"operateRecorder:fail recorder is
//! recording"`, the audio players' errCode 10003 `"src is empty"`, storage's
//! `"exceed storage item max length"` over 1 MB, and the `RequestOption.timeout`
//! field from base 2.10.0.

use std::io::Write;
use std::net::TcpListener;

use serde_json::Value;
use wx_tests::e2e::{e2e_dir, plugin_at, result_of, run_host, traced, workspace};

fn plugin(mode: &str) -> std::path::PathBuf {
    plugin_at(&workspace().join("tests/plugins/typed-edges"), mode)
}

/// Where each output mode runs with the recorder (1.9.94) and `timeout`
/// (2.10.0) available: wasm from 2.18.1, wasm2js at exactly 2.10.0.
const ABOVE: [(&str, &str); 2] = [("wasm", "2.18.1"), ("wasm2js", "2.10.0")];

fn result(report: &Value, export: &str) -> String {
    result_of(report, export, 0).as_str().unwrap_or_default().to_string()
}

#[test]
fn error_events_deliver_wechats_failure_not_unit() {
    // A port where nothing listens: the socket's connection is refused.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let socket_call = format!(r#"socket_error=["ws://127.0.0.1:{port}/chat"]"#);
    for (mode, base) in ABOVE {
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--call",
                "recorder_error",
                "--call",
                "audio_error",
                "--call",
                "background_audio_error",
                "--call",
                &socket_call,
            ],
        );
        assert_eq!(
            result(&report, "recorder_error"),
            "Fail reason=recorder is recording errCode=- errno=- \
             | wx.RecorderManager.onError failed: operateRecorder:fail recorder is recording",
            "{mode}"
        );
        assert_eq!(
            result(&report, "audio_error"),
            "Fail reason=src is empty errCode=10003 errno=- | wx.InnerAudioContext.onError failed: src is empty",
            "{mode}"
        );
        assert_eq!(
            result(&report, "background_audio_error"),
            "Fail reason=src is empty errCode=10003 errno=- \
             | wx.BackgroundAudioManager.onError failed: src is empty",
            "{mode}"
        );
        let socket = result(&report, "socket_error");
        assert!(
            socket.starts_with("Fail reason=connect ECONNREFUSED")
                && socket.contains("| wx.SocketTask.onError failed: connect ECONNREFUSED"),
            "{mode}: {socket}"
        );
    }
}

#[test]
fn a_sync_failure_reads_as_the_same_fail_as_its_callback_form() {
    // Over WeChat's 1 MB per item: refused both ways, with the same reason.
    for (mode, base) in [("wasm", "2.18.1"), ("wasm2js", "1.9.6")] {
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--call",
                r#"store_both_ways=["big", 1100000]"#,
                "--call",
                r#"store_both_ways=["small", 10]"#,
            ],
        );
        let refused = "Fail reason=exceed storage item max length errCode=- errno=-";
        assert_eq!(
            result_of(&report, "store_both_ways", 0),
            &Value::from(format!("{refused} / {refused}")),
            "{mode}"
        );
        assert_eq!(result_of(&report, "store_both_ways", 1), "ok / ok", "{mode}");
    }
}

#[test]
fn a_sync_failure_keeps_errcode_and_errno_and_a_plain_throw_stays_js() {
    // WeChat's sync APIs throw their failure with errCode/errno where the
    // family has them; the host's fault injection throws exactly that (the
    // first call), and a bare exception (the second).
    let scenario = e2e_dir().join("typed-edges-sync-faults.json");
    std::fs::create_dir_all(e2e_dir()).unwrap();
    let mut file = std::fs::File::create(&scenario).unwrap();
    write!(
        file,
        r#"{{ "faults": [
            {{ "api": "getStorageSync", "call": 1, "fault": "fail", "errMsg": "disk full", "errCode": 5, "errno": 1300202 }},
            {{ "api": "getStorageSync", "call": 2, "fault": "throw", "message": "boom" }}
        ] }}"#
    )
    .unwrap();
    for (mode, base) in [("wasm", "2.18.1"), ("wasm2js", "1.9.6")] {
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--scenario",
                scenario.to_str().unwrap(),
                "--call",
                r#"read_sync=["k"]"#,
                "--call",
                r#"read_sync=["k"]"#,
            ],
        );
        assert_eq!(
            result_of(&report, "read_sync", 0),
            "Fail reason=disk full errCode=5 errno=1300202 | JS errCode=5 errno=1300202",
            "{mode}"
        );
        assert_eq!(
            result_of(&report, "read_sync", 1),
            "Js reason=- errCode=- errno=- | JS errCode=- errno=-",
            "{mode}"
        );
    }
}

#[test]
fn a_gated_option_field_is_set_where_the_running_base_has_it() {
    let call = r#"request_with_timeout=["https://example.com/notes"]"#;
    for (mode, base, set) in [
        ("wasm2js", "1.9.6", false),
        ("wasm2js", "2.9.4", false),
        ("wasm2js", "2.10.0", true),
        ("wasm", "2.18.1", true),
    ] {
        let report = run_host(&plugin(mode), base, &["--call", call]);
        let answer = result(&report, "request_with_timeout");
        // The request is made either way (example.com is not a plugin domain here).
        let sent = &traced(&report, "request")[0]["args"][0];
        if set {
            assert_eq!(answer, "timeout set: url not in domain list", "{mode} at {base}");
            assert_eq!(sent["timeout"], 1234, "{mode} at {base}: {sent}");
        } else {
            assert_eq!(
                answer, "TooOld reason=- errCode=- errno=-: url not in domain list",
                "{mode} at {base}"
            );
            assert!(sent.get("timeout").is_none(), "{mode} at {base}: {sent}");
        }
    }
}

/// A loopback server that echoes `X-Token` as `X-Echo-Token` and `X-Count`
/// as `X-Echo-Count`, with `Content-Type` in its usual case. Returns its URL.
fn header_echo_server() -> String {
    use wx_tests::servers::Request;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let Some(request) = Request::read(&stream) else {
                continue;
            };
            let mut extra = String::new();
            if let Some(token) = request.header("x-token") {
                extra += &format!("X-Echo-Token: {token}\r\n");
            }
            if let Some(count) = request.header("x-count") {
                extra += &format!("X-Echo-Count: {count}\r\n");
            }
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n{extra}content-length: 2\r\nconnection: close\r\n\r\nok"
            );
        }
    });
    url
}

#[test]
fn headers_go_out_from_rust_values_and_come_back_by_name() {
    let url = header_echo_server();
    for (mode, base) in ABOVE {
        let call = format!(r#"headers_round_trip=["{url}/h", "t0k3n"]"#);
        let report = run_host(&plugin(mode), base, &["--call", &call, "--call", "headers_refused"]);
        let sent = traced(&report, "request");
        assert_eq!(
            sent[0]["args"][0]["header"],
            serde_json::json!({ "X-Count": 3 }),
            "{mode}"
        );
        assert_eq!(
            sent[1]["args"][0]["header"],
            serde_json::json!({ "X-Token": "t0k3n" }),
            "{mode}"
        );
        let answer = result(&report, "headers_round_trip");
        let (echo, rest) = answer.split_once(' ').unwrap_or_else(|| panic!("{mode}: {answer}"));
        let (count, names) = rest.split_once(' ').unwrap_or_else(|| panic!("{mode}: {answer}"));
        assert_eq!((echo, count), ("t0k3n", "3"), "{mode}: {answer}");
        // Node's fetch gives lower-case names; the lookup by name ignored case.
        let names: Vec<&str> = names.split(',').collect();
        assert!(
            names.contains(&"content-type") || names.contains(&"Content-Type"),
            "{mode}: {names:?}"
        );
        assert!(
            names.iter().any(|n| n.eq_ignore_ascii_case("x-echo-token")),
            "{mode}: {names:?}"
        );
        assert_eq!(
            result(&report, "headers_refused"),
            "wx.request: the headers must be a map or a struct of header names to values, or a list of (name, value) pairs",
            "{mode}"
        );
    }
}

#[test]
fn a_number_too_big_for_js_names_the_field_it_is_in() {
    // 2^53 + 1: no JS number holds it exactly (2^53 − 1 is the largest).
    for (mode, base) in [("wasm", "2.18.1"), ("wasm2js", "1.9.6")] {
        let report = run_host(
            &plugin(mode),
            base,
            &[
                "--call",
                r#"store_profile=["9007199254740993"]"#,
                "--call",
                r#"store_profile=["9007199254740991"]"#,
                "--call",
                r#"json_body=["9007199254740993"]"#,
                "--call",
                "read_profile_wrongly",
            ],
        );
        let refused = |api: &str| {
            format!(
                "wx.{api}: cannot store the value at `user.id`: \
                 9007199254740993 can't be represented as a JavaScript number"
            )
        };
        assert_eq!(
            result_of(&report, "store_profile", 0),
            &Value::from(format!("{} / {}", refused("setStorageSync"), refused("setStorage"))),
            "{mode}"
        );
        assert_eq!(result_of(&report, "store_profile", 1), "ok / ok", "{mode}");
        assert_eq!(
            result_of(&report, "json_body", 0),
            "wx.request: cannot send the body as JSON at `items[3]`: \
             9007199254740993 can't be represented as a JavaScript number",
            "{mode}"
        );
        // Read back as the wrong types: where, and what kind of value was
        // found, without quoting a stored object (serde's own words for a
        // scalar stay: `string "ann"`).
        assert_eq!(
            result_of(&report, "read_profile_wrongly", 0),
            "wx.getStorageSync: storage key `profile` holds another type: invalid type: an object, expected u32 / \
             wx.getStorageSync: storage key `profile` holds another type at `user.name`: \
             invalid type: string \"ann\", expected u32",
            "{mode}"
        );
    }
}

#[test]
fn json_on_a_body_that_is_not_json_names_the_status_and_how_it_starts() {
    // A server's HTML 404 page, as a proxy or a missing route answers.
    let page = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>nothing here</body>\r\n</html>\r\n";
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/notes/1", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = wx_tests::servers::Request::read(&stream);
            let _ = write!(
                stream,
                "HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    let call = format!(r#"read_json=["{url}"]"#);
    for (mode, base) in [("wasm", "2.18.1"), ("wasm2js", "1.9.6")] {
        let report = run_host(&plugin(mode), base, &["--call", &call]);
        // The first 40 characters of the page, JSON-quoted, then "…".
        assert_eq!(
            result_of(&report, "read_json", 0),
            r#"wx.request: the response body is not JSON (status 404, body starts "<html>\r\n<head><title>404 Not Found</titl"…)"#,
            "{mode}"
        );
    }
}
