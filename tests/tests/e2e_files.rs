//! End to end for files: the `files` example downloads a file from a
//! loopback server in this test and reads it back through the file system
//! manager, writes and lists its own files, uploads one (the server parses
//! the multipart body), and reads a file that is not there — all behind the
//! manager's 2.19.2 gate, checked at run time, so below 2.19.2 every export
//! answers "needs base library 2.19.2".

use std::io::Write;
use std::net::TcpListener;

use serde_json::Value;
use wx_tests::e2e::{MODES, call_of, plugin, result_of, run_host, run_host_failing, traced};
use wx_tests::servers::Request;

/// The text `/file` serves: not ASCII, so that the UTF-8 read is checked.
const SERVED: &str = "第一行 first line\n第二行 second line\n";

/// The base library every mode runs at when the manager is there: plugins
/// have `wx.getFileSystemManager` from 2.19.2 (the typings' JSDoc).
const FILES_BASE: &str = "2.19.2";

/// A loopback HTTP server: `GET /file` answers [`SERVED`]; `POST /upload`
/// answers 200 with `"<field name>=<part body>"` of the multipart part it
/// received (parsed here by its boundary). Returns its base URL.
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let Some(request) = Request::read(&stream) else {
                    return;
                };
                let boundary = request
                    .header("content-type")
                    .and_then(|t| t.split("boundary=").nth(1))
                    .unwrap_or("")
                    .trim_matches('"')
                    .to_string();
                let (path, body) = (request.path, request.body);
                let answer = if path.starts_with("/file") {
                    SERVED.to_string()
                } else {
                    multipart_part(&String::from_utf8_lossy(&body), &boundary)
                };
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            });
        }
    });
    url
}

/// `"<name>=<body>"` of the first part of a multipart/form-data body.
fn multipart_part(body: &str, boundary: &str) -> String {
    let delimiter = format!("--{boundary}");
    let Some(part) = body.split(delimiter.as_str()).nth(1) else {
        return format!("no part (boundary {boundary:?})");
    };
    let Some((headers, content)) = part.split_once("\r\n\r\n") else {
        return "a part without headers".to_string();
    };
    let name = headers
        .split("name=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("?");
    format!("{name}={}", content.strip_suffix("\r\n").unwrap_or(content))
}

#[test]
fn a_downloaded_file_reads_back_through_the_manager() {
    let url = server();
    for (mode, _) in MODES {
        let call = format!(r#"fetch_and_read=["{url}/file"]"#);
        let report = run_host(&plugin("files", mode), FILES_BASE, &["--call", &call]);
        assert_eq!(result_of(&report, "fetch_and_read", 0), SERVED, "{mode}");
        let read = traced(&report, "FileSystemManager.readFile");
        assert_eq!(read.len(), 1, "{mode}: {report:#}");
        let downloaded = &traced(&report, "downloadFile")[0]["result"]["tempFilePath"];
        assert_eq!(read[0]["args"][0]["filePath"], *downloaded, "{mode}");
        assert_eq!(read[0]["args"][0]["encoding"], "utf-8", "{mode}");
    }
}

#[test]
fn the_plugin_writes_lists_and_uploads_its_own_files() {
    let url = server();
    for (mode, _) in MODES {
        let save_a = r#"save_and_list=["a.txt", "甲"]"#;
        let save_b = r#"save_and_list=["b.txt", "乙"]"#;
        let upload = format!(r#"upload=["{url}/upload", "note.txt", "买牛奶 milk"]"#);
        let report = run_host(
            &plugin("files", mode),
            FILES_BASE,
            &["--call", save_a, "--call", save_b, "--call", &upload],
        );
        assert_eq!(
            result_of(&report, "save_and_list", 0),
            &serde_json::json!(["a.txt"]),
            "{mode}"
        );
        assert_eq!(
            result_of(&report, "save_and_list", 1),
            &serde_json::json!(["a.txt", "b.txt"]),
            "{mode}"
        );
        // The server got the file's bytes under the field name the plugin gave.
        assert_eq!(result_of(&report, "upload", 0), "200 note=买牛奶 milk", "{mode}");
        let uploads = traced(&report, "uploadFile");
        assert_eq!(uploads.len(), 1, "{mode}");
        assert_eq!(uploads[0]["args"][0]["filePath"], "wxfile://usr/note.txt", "{mode}");
        assert_eq!(uploads[0]["args"][0]["name"], "note", "{mode}");
    }
}

#[test]
fn a_missing_file_is_an_err_with_wechats_reason() {
    for (mode, _) in MODES {
        let report = run_host(
            &plugin("files", mode),
            FILES_BASE,
            &["--call", r#"read_missing=["nothing-here.txt"]"#],
        );
        let reason = result_of(&report, "read_missing", 0).as_str().unwrap().to_string();
        // The typings' FileError for readFile: "fail no such file or directory, open ${filePath}".
        assert!(reason.starts_with("no such file or directory"), "{mode}: {reason}");
        assert!(reason.contains("wxfile://usr/nothing-here.txt"), "{mode}: {reason}");
    }
}

#[test]
fn below_the_gate_every_export_answers_too_old_and_touches_nothing() {
    for (mode, base) in MODES {
        // 2.18.1 and 1.9.6: both below the manager's 2.19.2.
        let report = run_host_failing(
            &plugin("files", mode),
            base,
            &["--call", r#"save_and_list=["a.txt", "x"]"#],
        );
        let call = call_of(&report, "save_and_list", 0);
        assert_eq!(call["ok"], false, "{mode}: {call:#}");
        let error = call["error"].to_string();
        assert!(
            error.contains("wx.getFileSystemManager needs base library 2.19.2 in plugins; this one is"),
            "{mode}: {error}"
        );
        assert!(error.contains(base), "{mode}: {error}");
        // Not called: the host hides it below its base, and the check came first.
        assert_eq!(traced(&report, "getFileSystemManager").len(), 0, "{mode}");
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(plugin("files", mode).join("wx-pack.json")).unwrap())
                .unwrap();
        // The checked path does not raise the package's minimum base.
        assert_eq!(manifest["minBaseVersion"], base, "{mode}: {manifest:#}");
    }
}
