//! The chat plugin: a WebSocket client on `wx.connectSocket`. The socket's
//! messages are a stream; `send` and `close` are futures of WeChat's answer.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wx_bindings::network::{self, ConnectSocketOption, SocketTaskCloseOption, SocketTaskSendOption};
use wx_bindings::runtime::EventStream;

/// Connects to `url`, sends each of `lines` once the socket is open, and
/// answers the replies in order, then closes with code 1000.
#[wasm_bindgen]
pub async fn chat(url: String, lines: Vec<String>) -> Result<Vec<String>, JsValue> {
    let task = network::connect_socket(&ConnectSocketOption::new(&url));
    let socket = task.object().clone();
    let mut opened = EventStream::new(|listener| socket.on_open(listener))?;
    let mut messages = EventStream::new(|listener| socket.on_message(listener))?;
    task.await?; // WeChat took the call; the connection opens after
    opened.next().await;
    let mut replies = Vec::new();
    for line in &lines {
        socket
            .send(&SocketTaskSendOption::new(&JsValue::from_str(line)))
            .await?;
        if let Some(reply) = messages.next().await {
            replies.push(reply.data().as_string().unwrap_or_default());
        }
    }
    socket.close(&SocketTaskCloseOption::new().code(1000.0)).await?;
    Ok(replies)
}

/// Connects to `url` and sends `first`; the socket's message handler
/// answers each message by sending `re: <message>` from inside the handler
/// (WeChat is still delivering it), until `rounds` messages have come.
/// Returns the messages, then one line per send the handler made: `ok` or
/// its error.
#[wasm_bindgen]
pub async fn ping_pong(url: String, first: String, rounds: u32) -> Result<Vec<String>, JsValue> {
    let task = network::connect_socket(&ConnectSocketOption::new(&url));
    let socket = task.object().clone();
    let mut opened = EventStream::new(|listener| socket.on_open(listener))?;
    let received = Rc::new(RefCell::new(Vec::new()));
    let sends = Rc::new(RefCell::new(Vec::new()));
    let (sink, sending, sender) = (received.clone(), sends.clone(), socket.clone());
    let _answering = socket.on_message(move |message| {
        let text = message.data().as_string().unwrap_or_default();
        let count = {
            let mut sink = sink.borrow_mut();
            sink.push(text.clone());
            sink.len()
        };
        if count < rounds as usize {
            let sent = sender.send(&SocketTaskSendOption::new(&JsValue::from_str(&format!("re: {text}"))));
            sending.borrow_mut().push(sent); // awaited at the end
        }
    })?;
    // Subscribed after the handler: it sees each message once the handler has answered it.
    let mut messages = EventStream::new(|listener| socket.on_message(listener))?;
    task.await?;
    opened.next().await;
    socket
        .send(&SocketTaskSendOption::new(&JsValue::from_str(&first)))
        .await?;
    for _ in 0..rounds {
        if messages.next().await.is_none() {
            break;
        }
    }
    socket.close(&SocketTaskCloseOption::new().code(1000.0)).await?;
    let mut out = received.take();
    let sent = sends.take();
    for send in sent {
        out.push(send.await.map_or_else(|e| e.to_string(), |()| "ok".to_string()));
    }
    Ok(out)
}
