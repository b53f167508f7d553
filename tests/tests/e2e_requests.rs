//! End to end for tasks and objects: the `requests` example sends
//! `wx.request`s to an HTTP server on loopback in this test (the simulated
//! host does real HTTP there), drops tasks to abort them, and records with
//! the recorder manager.

use std::io::Write;
use std::net::TcpListener;
use std::time::Duration;

use serde_json::{Value, json};
use wx_tests::e2e::{MODES, plugin, result_of, run_host, traced};
use wx_tests::servers::Request;

/// A loopback HTTP server: `/notes` answers 201 with the posted JSON's `id`
/// and `text` (and echoes what it got); `/slow` answers after 3 s; `/file`
/// sends 300 bytes in three chunks. Returns its base URL.
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let Some(Request { path, body, .. }) = Request::read(&stream) else {
                    return;
                };
                let mut stream = stream;
                if path.starts_with("/file") {
                    // 300 bytes in three chunks, so that progress is reported on the way.
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\ncontent-length: 300\r\nconnection: close\r\n\r\n"
                    );
                    for chunk in ["a", "b", "c"] {
                        let _ = stream.write_all(chunk.repeat(100).as_bytes());
                        let _ = stream.flush();
                        std::thread::sleep(Duration::from_millis(40));
                    }
                    return;
                }
                let (status, answer) = if path.starts_with("/slow") {
                    std::thread::sleep(Duration::from_secs(3));
                    ("200 OK", json!("late"))
                } else {
                    let got: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    (
                        "201 Created",
                        json!({ "id": got["id"], "text": got["text"], "got": got }),
                    )
                };
                let text = answer.to_string();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
                    text.len()
                );
            });
        }
    });
    url
}

#[test]
fn a_request_sends_and_reads_json_through_serde() {
    let url = server();
    for (mode, base) in MODES {
        let call = format!(r#"post_note=["{url}/notes", "买牛奶"]"#);
        let report = run_host(&plugin("requests", mode), base, &["--call", &call]);
        assert_eq!(result_of(&report, "post_note", 0), "201 42 买牛奶", "{mode}");
        let request = traced(&report, "request")[0];
        assert_eq!(request["outcome"], "success", "{mode}");
        assert_eq!(request["args"][0]["method"], "POST", "{mode}");
        // The body went as a JS object (WeChat sends it as JSON), the id exactly.
        assert_eq!(
            request["args"][0]["data"],
            json!({ "text": "买牛奶", "id": 42 }),
            "{mode}"
        );
        assert_eq!(
            request["result"]["data"]["got"],
            json!({ "text": "买牛奶", "id": 42 }),
            "{mode}"
        );
    }
}

#[test]
fn dropping_a_task_aborts_it_and_detaching_does_not() {
    let url = server();
    for (mode, base) in MODES {
        let dropped = format!(r#"start_and_drop=["{url}/slow"]"#);
        let detached = format!(r#"start_detached=["{url}/notes"]"#);
        let report = run_host(
            &plugin("requests", mode),
            base,
            &["--call", &dropped, "--call", &detached],
        );
        let requests = traced(&report, "request");
        assert_eq!(requests.len(), 2, "{mode}");
        // The dropped one: aborted at once, answered with fail (to nobody, quietly).
        assert_eq!(requests[0]["outcome"], "fail", "{mode}");
        assert_eq!(requests[0]["errMsg"], "request:fail abort", "{mode}");
        assert_eq!(
            traced(&report, "RequestTask.abort").len(),
            1,
            "{mode}: only the dropped task is aborted"
        );
        // The detached one ran to the end.
        assert_eq!(requests[1]["outcome"], "success", "{mode}");
    }
}

#[test]
fn a_thousand_dropped_tasks_leave_memory_as_it_was() {
    let url = server();
    for (mode, base) in MODES {
        // Each round starts 1,000 tasks in one go; their answers (fail:
        // abort) free what they held once they arrive. The first round warms
        // the heap up to that peak; later rounds must not grow it.
        let round = format!(r#"drop_tasks=["{url}/notes", 1000]"#);
        let report = run_host(
            &plugin("requests", mode),
            base,
            &[
                "--call",
                &round,
                "--call",
                &round,
                "--call",
                &round,
                "--timeout",
                "30000",
            ],
        );
        let warm = result_of(&report, "drop_tasks", 0);
        for n in 1..3 {
            assert_eq!(
                result_of(&report, "drop_tasks", n),
                warm,
                "{mode}: wasm memory pages after round {n}"
            );
        }
        assert_eq!(traced(&report, "RequestTask.abort").len(), 3000, "{mode}");
    }
}

#[test]
fn a_foreign_domain_fails_with_wechats_reason() {
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("requests", mode),
            base,
            &["--call", r#"refused=["https://example.com/x"]"#],
        );
        assert_eq!(result_of(&report, "refused", 0), "url not in domain list", "{mode}");
    }
}

#[test]
fn an_object_method_and_its_event() {
    for (mode, _) in MODES {
        // The recorder needs 1.9.94: run both modes at a base that has it.
        let base = if mode == "wasm" { "2.18.1" } else { "1.9.94" };
        let report = run_host(&plugin("requests", mode), base, &["--call", "record"]);
        assert_eq!(
            result_of(&report, "record", 0),
            "wxfile://tmp/recording-1.mp3",
            "{mode}"
        );
        let calls: Vec<&str> = report["trace"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["api"].as_str().unwrap())
            .filter(|api| api.starts_with("RecorderManager") || *api == "getRecorderManager")
            .collect();
        assert_eq!(
            calls,
            [
                "getRecorderManager",
                "RecorderManager.onStop",
                "RecorderManager.start",
                "RecorderManager.stop",
                // The events: start (nobody listens), stop (the stream does).
                "RecorderManager.onStart",
                "RecorderManager.onStop"
            ],
            "{mode}"
        );
        assert_eq!(
            traced(&report, "RecorderManager.start")[0]["args"][0]["format"],
            "mp3",
            "{mode}"
        );
    }
}

#[test]
fn a_download_streams_its_progress() {
    let url = server();
    for (mode, base) in MODES {
        let call = format!(r#"download=["{url}/file"]"#);
        let report = run_host(&plugin("requests", mode), base, &["--call", &call]);
        let result = result_of(&report, "download", 0).as_str().unwrap().to_string();
        // The three chunks (or fewer, if the network merged them) end at 100%.
        assert!(result.starts_with("wxfile://tmp/download-1 after "), "{mode}: {result}");
        assert!(
            result.ends_with(" 100%") || result.ends_with("after 100%"),
            "{mode}: {result}"
        );
        let events = traced(&report, "DownloadTask.onProgressUpdate")
            .into_iter()
            .filter(|t| t["kind"] == "event")
            .count();
        assert_eq!(
            result.matches('%').count(),
            events,
            "{mode}: every progress event reached the stream"
        );
    }
}
