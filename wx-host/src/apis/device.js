'use strict';
// The "device" category: its APIs, one file per subsystem under
// apis/device/, in this order (the registry keeps it): the phone's simple
// state, sensors, battery, Bluetooth, beacons, Wi-Fi, NFC card emulation,
// scanning and the rest, NFC reading.

const SUBSYSTEMS = [
  require('./device/state'),
  require('./device/sensors'),
  require('./device/battery'),
  require('./device/bluetooth'),
  require('./device/beacons'),
  require('./device/wifi'),
  require('./device/hce'),
  require('./device/misc'),
  require('./device/nfc'),
];

const entries = SUBSYSTEMS.flatMap((s) => s.entries);
// State the host changes when it fires an event (apis/device/state.js, sensors.js).
const events = Object.assign({}, ...SUBSYSTEMS.map((s) => s.events || {}));

module.exports = { entries, events };
