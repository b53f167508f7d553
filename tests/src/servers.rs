//! Loopback servers the end-to-end tests talk to: the simulated host does
//! real HTTP and WebSocket there.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::e2e::workspace;

/// A WebSocket echo server (answers `"echo <text>"`), run by Node with the
/// workspace's `ws` package; killed on drop.
pub struct EchoServer {
    child: Child,
    /// `ws://127.0.0.1:<port>/<path>`.
    pub url: String,
}

impl EchoServer {
    /// Starts it; `path` is what its URL ends with (the server takes any).
    pub fn start(path: &str) -> EchoServer {
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
            url: format!("ws://127.0.0.1:{}/{path}", port.trim()),
        }
    }
}

impl Drop for EchoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request as a test server reads it.
pub struct Request {
    /// The request line's path (`/notes`).
    pub path: String,
    /// The header lines, as sent (`content-type: ...`).
    pub headers: Vec<String>,
    /// The body, `content-length` bytes of it.
    pub body: Vec<u8>,
}

impl Request {
    /// Reads a request from `stream`: its line, headers and body. `None`
    /// when the client went away first.
    pub fn read(stream: &TcpStream) -> Option<Request> {
        let mut reader = BufReader::new(stream.try_clone().ok()?);
        let mut request_line = String::new();
        reader.read_line(&mut request_line).ok()?;
        let mut headers = Vec::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
            headers.push(line.trim_end().to_string());
        }
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
        Some(Request { path, headers, body })
    }

    /// The value of header `name` (case-insensitive), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}
