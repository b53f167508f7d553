'use strict';
// The scenario keys for what only a device or a user can answer (wx-host/README.md,
// "Scenarios"): sensors, battery, location, radios, scans, pickers, page nodes.
// Each is a schema src/scenario.js checks (checkShape): 'string', 'number',
// 'boolean', 'hex' (bytes as hex), 'any', or { type: 'range' | 'enum' | 'array' |
// 'map' | 'object' | 'or', ... }. Read by apis/<category>.js through env.scenario.

const num = 'number';
const str = 'string';
const bool = 'boolean';
const obj = (fields, required = []) => ({ type: 'object', fields, required });
const arr = (of) => ({ type: 'array', of });
const cancel = { type: 'enum', values: ['cancel'] };
/** A list of answers, one per call in order, then `default`. */
const answers = (one) => obj({ answers: arr({ type: 'or', options: [cancel, one] }), default: { type: 'or', options: [cancel, one] } });

const CHARACTERISTIC = obj({
  uuid: str,
  properties: obj({ read: bool, write: bool, notify: bool, indicate: bool, writeNoResponse: bool, writeDefault: bool }),
  value: 'hex', // what a read answers (and what a write replaces)
  notifications: arr(obj({ at: num, value: 'hex' }, ['at', 'value'])), // ms after notify is switched on
}, ['uuid']);

const BLUETOOTH_DEVICE = obj({
  deviceId: str, name: str, localName: str, RSSI: num, connectable: bool,
  advertisData: 'hex', advertisServiceUUIDs: arr(str), serviceData: { type: 'map', of: 'hex' },
  foundAt: num, // ms after startBluetoothDevicesDiscovery (default 0)
  mtu: num, // what getBLEMTU answers (default 23)
  services: arr(obj({ uuid: str, isPrimary: bool, characteristics: arr(CHARACTERISTIC) }, ['uuid'])),
}, ['deviceId']);

const BEACON = obj({ uuid: str, major: num, minor: num, proximity: { type: 'enum', values: [0, 1, 2, 3] }, accuracy: num, rssi: num, at: num }, ['uuid']);

const WIFI = obj({ SSID: str, BSSID: str, secure: bool, signalStrength: num, frequency: num, password: str }, ['SSID']);

const IMAGE = obj({ name: str, width: num, height: num, type: { type: 'enum', values: ['png', 'jpeg', 'gif'] }, size: num }, ['width', 'height']);
const VIDEO = obj({ name: str, width: num, height: num, duration: num, size: num }, ['width', 'height', 'duration']);

const NODE = obj({
  id: str, dataset: { type: 'map', of: 'any' },
  left: num, top: num, right: num, bottom: num, width: num, height: num,
  scrollLeft: num, scrollTop: num, scrollWidth: num, scrollHeight: num,
  intersectionRatio: num, // what an IntersectionObserver on this node reports when it starts observing
  properties: { type: 'map', of: 'any' }, // NodesRef.fields({ properties })
});

const DEVICE_SCHEMAS = {
  // getBatteryInfo(Sync): level 0 to 100 (default 100), charging, low-power mode (default false).
  battery: obj({ level: { type: 'range', min: 0, max: 100 }, isCharging: bool, isLowPowerModeEnabled: bool }),
  // getLocation & co.: where the phone is (default: 39.9087, 116.3975), and what chooseLocation picks.
  location: obj({
    latitude: { type: 'range', min: -90, max: 90 }, longitude: { type: 'range', min: -180, max: 180 },
    speed: num, accuracy: num, altitude: num, verticalAccuracy: num, horizontalAccuracy: num,
    name: str, address: str, denied: bool,
  }),
  // The bluetooth adapter and the devices it finds.
  bluetooth: obj({ available: bool, devices: arr(BLUETOOTH_DEVICE) }),
  // iBeacons in range, reported `at` ms after startBeaconDiscovery (default 0).
  beacons: arr(BEACON),
  // Wi-Fi networks getWifiList finds; `connected`: the SSID the phone is on.
  wifi: obj({ list: arr(WIFI), connected: str }),
  // scanCode's answers: { result, scanType, charSet, path, rawData (base64) } or "cancel".
  scanCode: answers(obj({ result: str, scanType: str, charSet: str, path: str, rawData: str }, ['result'])),
  // showActionSheet's answers: the tapped index, or "cancel" (default 0).
  actionSheet: answers({ type: 'range', min: 0, max: 5 }),
  // The album and camera: images and videos the user picks, in order (chooseImage, chooseMedia, chooseVideo).
  images: arr(IMAGE),
  videos: arr(VIDEO),
  // NFC tags that come near while discovery runs (getNFCAdapter): `at` ms after startDiscovery, their
  // id (hex), techs ("NDEF", "NFC-A", ...), NDEF messages, and transceive's answers by command (hex -> hex).
  nfc: obj({ tags: arr(obj({ at: num, id: 'hex', techs: arr(str), messages: arr('any'), responses: { type: 'map', of: 'hex' } }, ['id'])) }),
  // Services on the local network (startLocalServiceDiscovery): found `at` ms after the start, lost at `lostAt`.
  localServices: arr(obj({ serviceType: str, serviceName: str, ip: str, port: num, at: num, lostAt: num }, ['serviceType', 'serviceName'])),
  // APDU commands a card reader sends once startHCE runs (onHCEMessage, messageType 1), `at` ms after it, data as hex.
  hce: obj({ commands: arr(obj({ at: num, data: 'hex' }, ['data'])) }),
  // Audio sources by src (InnerAudioContext, BackgroundAudioManager): duration in seconds (default 60), or an error code.
  audio: { type: 'map', of: obj({ duration: num, error: { type: 'enum', values: [10001, 10002, 10003, 10004, -1] } }) },
  // The user's permissions (getSetting, openSetting, authorizeForMiniProgram): scope -> granted.
  authSetting: { type: 'map', of: bool },
  // requestSubscribeMessage's answer per template id (default "accept").
  subscriptions: { type: 'map', of: { type: 'enum', values: ['accept', 'reject', 'ban', 'filter'] } },
  // requestPluginPayment's answers: "confirm" (pays) or "cancel", in order, then `default` (else confirm).
  payment: answers({ type: 'enum', values: ['confirm'] }),
  // The page's nodes, by selector ("#id", ".class"; an array for several), for createSelectorQuery / createIntersectionObserver.
  nodes: { type: 'map', of: { type: 'or', options: [NODE, arr(NODE)] } },
};

module.exports = { DEVICE_SCHEMAS };
