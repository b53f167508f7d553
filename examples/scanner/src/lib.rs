//! The scanner plugin: a Bluetooth scan whose found devices arrive as an
//! event stream. Once enough are seen the stream is dropped: delivery stops
//! at once, and `wx.offBluetoothDeviceFound` (2.9.1) is called where the
//! running base has it — looked up at run time, so the plugin still runs on
//! 1.9.6, where the one callback stays registered and swallows the rest.

use wasm_bindgen::prelude::*;
use wx_bindings::device::{self, OpenBluetoothAdapterOption, StartBluetoothDevicesDiscoveryOption};
use wx_bindings::runtime::{EventStream, registry_size};

/// Scans until `count` devices are found; answers `"<name> <RSSI> dBm"`
/// for each, in the order found.
#[wasm_bindgen]
pub async fn scan(count: u32) -> Result<Vec<String>, JsValue> {
    device::open_bluetooth_adapter(&OpenBluetoothAdapterOption::new()).await?;
    let mut found = EventStream::new(device::on_bluetooth_device_found)?;
    device::start_bluetooth_devices_discovery(&StartBluetoothDevicesDiscoveryOption::new()).await?;
    let mut seen = Vec::new();
    while seen.len() < count as usize {
        let Some(event) = found.next().await else {
            break;
        };
        for d in event.devices() {
            seen.push(format!("{} {} dBm", d.name(), d.rssi()));
        }
    }
    drop(found);
    device::stop_bluetooth_devices_discovery().await?;
    device::close_bluetooth_adapter().await?;
    Ok(seen)
}

/// How many events have a callback registered with WeChat, and how many
/// Rust subscribers they have (`"callbacks/subscribers"`).
#[wasm_bindgen]
pub fn registered() -> String {
    let (callbacks, subscribers) = registry_size();
    format!("{callbacks}/{subscribers}")
}
