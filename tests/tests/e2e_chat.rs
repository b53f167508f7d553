//! End to end for a socket task: the `chat` example talks to a WebSocket
//! echo server on loopback (Node and the pinned `ws` package, as the
//! simulated host uses), in both output modes.

use serde_json::json;
use wx_tests::e2e::{MODES, plugin, result_of, run_host, traced};
use wx_tests::servers::EchoServer;

#[test]
fn a_socket_sends_and_streams_messages_then_closes() {
    let server = EchoServer::start("chat");
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
