//! End to end for a listener stream on a scripted device: the `scanner`
//! example scans for Bluetooth devices the scenario places around the
//! phone, reads the found devices from a stream, and drops it after two —
//! in both modes, so once on a base with `offBluetoothDeviceFound` (2.9.1)
//! and once on 1.9.6 without it.

use serde_json::json;
use wx_tests::e2e::{MODES, e2e_dir, plugin, result_of, run_host, traced};

#[test]
fn found_devices_stream_until_the_stream_is_dropped() {
    std::fs::create_dir_all(e2e_dir()).unwrap();
    let scenario = e2e_dir().join("scanner-devices.json");
    let devices = json!({ "bluetooth": { "devices": [
        { "deviceId": "AA:00:00:00:00:01", "name": "Heart", "RSSI": -48, "foundAt": 100 },
        { "deviceId": "AA:00:00:00:00:02", "name": "Scale", "RSSI": -60, "foundAt": 200 },
        { "deviceId": "AA:00:00:00:00:03", "name": "Lamp", "RSSI": -71, "foundAt": 300 },
    ] } });
    std::fs::write(&scenario, devices.to_string()).unwrap();
    for (mode, base) in MODES {
        let report = run_host(
            &plugin("scanner", mode),
            base,
            &[
                "--scenario",
                scenario.to_str().unwrap(),
                "--call",
                "scan=[2]",
                "--call",
                "registered",
            ],
        );
        // The first two, in the order the scenario finds them; not the third.
        assert_eq!(
            result_of(&report, "scan", 0),
            &json!(["Heart -48 dBm", "Scale -60 dBm"]),
            "{mode}"
        );
        let off = traced(&report, "offBluetoothDeviceFound");
        if base == "1.9.6" {
            // No off* on this base: the one callback stays, with no subscriber.
            assert!(off.is_empty(), "{mode}: {off:?}");
            assert_eq!(result_of(&report, "registered", 0), "1/0", "{mode}");
        } else {
            // Dropping the stream gave the callback back to WeChat.
            assert_eq!(off.len(), 1, "{mode}: {report:#}");
            assert_eq!(result_of(&report, "registered", 0), "0/0", "{mode}");
        }
        assert!(traced(&report, "onBluetoothDeviceFound").len() >= 2, "{mode}");
        let stop = traced(&report, "stopBluetoothDevicesDiscovery");
        assert_eq!(stop.len(), 1, "{mode}");
        assert_eq!(stop[0]["outcome"], "success", "{mode}");
        assert_eq!(
            traced(&report, "closeBluetoothAdapter")[0]["outcome"],
            "success",
            "{mode}"
        );
    }
}
