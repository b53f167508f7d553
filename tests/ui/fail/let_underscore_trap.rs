// A handle whose drop does something (a Task aborts, a Subscription or an
// EventStream unsubscribes) left unused: rustc's help says "use `let _ =
// ...`", which would drop it at once too, so each must-use note first says
// what `let _ =` does and what to write instead.
#![deny(unused_must_use)]

use wx_bindings::network::{self, ConnectSocketOption, RequestOption};
use wx_bindings::runtime::EventStream;
use wx_bindings::{device, ui};

fn main() -> Result<(), wx_bindings::WxError> {
    // A Task: dropping it aborts the request.
    network::request(&RequestOption::new("https://example.com/notes"));
    // A listener's Result<Subscription, _>: the Result's own note says nothing of unsubscribing.
    device::on_network_status_change(|_| {});
    // The Subscription itself, and an object's event.
    device::on_network_status_change(|_| {})?;
    let socket = network::connect_socket(&ConnectSocketOption::new("wss://example.com/chat"));
    socket.object().on_message(|_| {});
    // An EventStream, before and after `?`.
    EventStream::new(device::on_network_status_change);
    EventStream::new(device::on_network_status_change)?;
    // A WxFuture: the call goes on, its answer is lost.
    ui::show_toast(&ui::ShowToastOption::new("Saved"));
    Ok(())
}
