//! The chat plugin: a WebSocket client on `wx.connectSocket`. The socket's
//! messages are a stream; `send` and `close` are futures of WeChat's answer.

use std::future::poll_fn;
use std::pin::Pin;

use futures_core::Stream;
use wasm_bindgen::prelude::*;
use wx_bindings::network::{self, ConnectSocketOption, SocketTaskCloseOption, SocketTaskSendOption};
use wx_bindings::runtime::EventStream;

/// The next item of a stream.
async fn next<T>(stream: &mut EventStream<T>) -> Option<T> {
    poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

/// Connects to `url`, sends each of `lines` once the socket is open, and
/// answers the replies in order, then closes with code 1000.
#[wasm_bindgen]
pub async fn chat(url: String, lines: Vec<String>) -> Result<Vec<String>, JsValue> {
    let task = network::connect_socket(&ConnectSocketOption::new(&url));
    let socket = task.object().clone();
    let mut opened = EventStream::new(|listener| socket.on_open(listener))?;
    let mut messages = EventStream::new(|listener| socket.on_message(listener))?;
    task.await?; // WeChat took the call; the connection opens after
    next(&mut opened).await;
    let mut replies = Vec::new();
    for line in &lines {
        socket
            .send(&SocketTaskSendOption::new(&JsValue::from_str(line)))
            .await?;
        if let Some(reply) = next(&mut messages).await {
            replies.push(reply.data().as_string().unwrap_or_default());
        }
    }
    socket.close(&SocketTaskCloseOption::new().code(1000.0)).await?;
    Ok(replies)
}
