//! End to end for a socket task: the `chat` example talks to a WebSocket
//! echo server on loopback (Node and the pinned `ws` package, as the
//! simulated host uses), in both output modes.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::json;
use wx_tests::e2e::{MODES, plugin, result_of, run_host, traced, workspace};

/// An echo server ("echo <text>") that prints its port; killed on drop.
struct EchoServer {
    child: Child,
    url: String,
}

impl EchoServer {
    fn start() -> EchoServer {
        let script = "const { WebSocketServer } = require('ws');\
            const s = new WebSocketServer({ host: '127.0.0.1', port: 0 });\
            s.on('listening', () => console.log(s.address().port));\
            s.on('connection', (ws) => ws.on('message', (d) => ws.send('echo ' + d)));";
        let mut child = Command::new("node")
            .args(["-e", script])
            .current_dir(workspace())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node runs");
        let mut port = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut port)
            .unwrap();
        EchoServer {
            child,
            url: format!("ws://127.0.0.1:{}/chat", port.trim()),
        }
    }
}

impl Drop for EchoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn a_socket_sends_and_streams_messages_then_closes() {
    let server = EchoServer::start();
    for (mode, base) in MODES {
        let call = format!(r#"chat=["{}", ["你好", "bye"]]"#, server.url);
        let report = run_host(&plugin("chat", mode), base, &["--call", &call]);
        assert_eq!(
            result_of(&report, "chat", 0),
            &json!(["echo 你好", "echo bye"]),
            "{mode}"
        );
        assert_eq!(traced(&report, "connectSocket")[0]["outcome"], "success", "{mode}");
        let sends: Vec<_> = traced(&report, "SocketTask.send")
            .iter()
            .map(|t| t["args"][0]["data"].clone())
            .collect();
        assert_eq!(sends, [json!("你好"), json!("bye")], "{mode}");
        assert_eq!(
            traced(&report, "SocketTask.close")[0]["args"][0]["code"],
            1000,
            "{mode}"
        );
        let closes: Vec<_> = traced(&report, "SocketTask.onClose")
            .into_iter()
            .filter(|t| t["kind"] == "event")
            .collect();
        assert_eq!(closes.len(), 1, "{mode}: the close event came");
        assert_eq!(closes[0]["args"][0]["code"], 1000, "{mode}");
    }
}
