'use strict';
// The "device" category: the phone's simple state, kept in host.device
// (clipboard, screen brightness, keep-screen-on, network type), and what a
// phone does but cannot show here — vibration and phone calls — recorded in
// host.ui (vibrations, phoneCalls), as toasts are. Result field names are the
// typings' (GetClipboardDataSuccessCallbackOption.data,
// GetScreenBrightnessSuccessCallbackOption.value,
// GetNetworkTypeSuccessCallbackResult.networkType / signalStrength).

const { fail } = require('../errors');
const { typeName, needString, needType, needEnum, needArray, needBuffer } = require('../validate');
const { isArrayBuffer, hexBuffer } = require('../bytes');
const { nextAnswer } = require('../answers');
const { makeObject } = require('../objects');

// The network types the typings allow (GetNetworkTypeSuccessCallbackResult.networkType).
const NETWORK_TYPES = ['wifi', '2g', '3g', '4g', '5g', 'unknown', 'none'];

const entries = [
  {
    name: 'setClipboardData',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.device.clipboard = needString(o, 'data'); },
  },
  { name: 'getClipboardData', kind: 'async', simulated: 'stateful', impl: (o, env) => ({ data: env.device.clipboard }) },
  {
    name: 'setScreenBrightness',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const value = needType(o, 'value', 'number');
      // 0 (darkest) to 1 (brightest), the typings' range for the value.
      if (!(value >= 0 && value <= 1)) throw fail(`parameter error: parameter.value should be between 0 and 1 instead of ${value};`);
      env.device.screenBrightness = value;
    },
  },
  { name: 'getScreenBrightness', kind: 'async', simulated: 'stateful', impl: (o, env) => ({ value: env.device.screenBrightness }) },
  {
    name: 'setKeepScreenOn',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.device.keepScreenOn = needType(o, 'keepScreenOn', 'boolean'); },
  },
  {
    name: 'getNetworkType',
    kind: 'async',
    simulated: 'stateful',
    // signalStrength: dBm, 0 unless the scenario's network says otherwise.
    impl: (o, env) => ({ networkType: env.device.networkType, signalStrength: env.device.signalStrength }),
  },
  {
    name: 'vibrateShort',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      if (o.type !== undefined && !['heavy', 'medium', 'light'].includes(o.type)) {
        throw fail(`parameter error: parameter.type should be one of heavy, medium, light instead of ${JSON.stringify(o.type)};`);
      }
      env.ui.vibrations.push({ kind: 'short', type: o.type === undefined ? null : o.type });
    },
  },
  { name: 'vibrateLong', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.vibrations.push({ kind: 'long' }); } },
  {
    name: 'makePhoneCall',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.phoneCalls.push({ phoneNumber: needString(o, 'phoneNumber') }); },
  },
];

// ---- sensors ------------------------------------------------------------------
// start*/stop* switch a sensor on and off (host.state.sensors); its readings
// are the scenario's `events` (or --emit): an on*Change event while the
// sensor is off is dropped, as the phone would not send it.

const SENSORS = [
  // [start, stop, event, state key, takes interval]
  ['startAccelerometer', 'stopAccelerometer', 'onAccelerometerChange', 'accelerometer', true],
  ['startCompass', 'stopCompass', 'onCompassChange', 'compass', false],
  ['startGyroscope', 'stopGyroscope', 'onGyroscopeChange', 'gyroscope', true],
  ['startDeviceMotionListening', 'stopDeviceMotionListening', 'onDeviceMotionChange', 'deviceMotion', true],
];
const INTERVALS = ['game', 'ui', 'normal'];
const sensors = (env) => (env.state.sensors = env.state.sensors || {});

for (const [start, stop, , key, interval] of SENSORS) {
  entries.push(
    {
      name: start,
      kind: 'async',
      simulated: 'scripted',
      impl: (o, env) => { sensors(env)[key] = { interval: interval ? (needEnum(o, 'interval', INTERVALS) || 'normal') : null }; },
    },
    { name: stop, kind: 'async', simulated: 'scripted', impl: (o, env) => { delete sensors(env)[key]; } },
  );
}

// ---- battery ------------------------------------------------------------------
// The scenario's `battery`, over a full battery not charging.
const battery = (env) => ({ isCharging: false, isLowPowerModeEnabled: false, level: 100, ...(env.scenario.battery || {}) });
const batteryFields = (b) => ({ isCharging: b.isCharging, isLowPowerModeEnabled: b.isLowPowerModeEnabled, level: b.level });
entries.push(
  { name: 'getBatteryInfo', kind: 'async', simulated: 'scripted', impl: (o, env) => batteryFields(battery(env)) },
  { name: 'getBatteryInfoSync', kind: 'sync', simulated: 'scripted', impl: (args, env) => batteryFields(battery(env)) },
);

// ---- bluetooth ------------------------------------------------------------------
// An adapter (host.state.bluetooth) over the scenario's `bluetooth.devices`:
// discovery finds them (onBluetoothDeviceFound at each one's `foundAt`),
// BLE connects to them and reads, writes and gets notified on their
// characteristics. Failures: the typings' BluetoothError texts and codes.

const BT = {
  notInit: ['not init', 10000], notAvailable: ['not available', 10001], noDevice: ['no device', 10002],
  connectionFail: ['connection fail', 10003], noService: ['no service', 10004], noCharacteristic: ['no characteristic', 10005],
  noConnection: ['no connection', 10006], notSupport: ['property not support', 10007],
};
const btFail = ([text, errCode]) => fail(text, { errCode });
function bt(env) {
  if (!env.state.bluetooth) {
    env.state.bluetooth = {
      open: false, discovering: false, generation: 0, found: new Map(), connected: new Set(), notifying: new Set(),
      mtu: new Map(), values: new Map(), writes: [], paired: new Set(),
    };
  }
  return env.state.bluetooth;
}
const scenarioDevices = (env) => (env.scenario.bluetooth && env.scenario.bluetooth.devices) || [];
const deviceOf = (env, id) => scenarioDevices(env).find((d) => d.deviceId === id);
function openAdapter(env) {
  const s = bt(env);
  if (!s.open) throw btFail(BT.notInit);
  return s;
}
/** A device as the typings' BlueToothDevice has it. */
function devicePayload(d) {
  return {
    RSSI: d.RSSI ?? -60,
    advertisData: hexBuffer(d.advertisData),
    advertisServiceUUIDs: d.advertisServiceUUIDs || [],
    connectable: d.connectable !== false,
    deviceId: d.deviceId,
    localName: d.localName ?? d.name ?? '',
    name: d.name ?? '',
    serviceData: Object.fromEntries(Object.entries(d.serviceData || {}).map(([k, v]) => [k, hexBuffer(v)])),
  };
}
function connectedDevice(o, env) {
  const deviceId = needString(o, 'deviceId');
  const s = openAdapter(env);
  const d = deviceOf(env, deviceId);
  if (!d) throw btFail(BT.noDevice);
  if (!s.connected.has(deviceId)) throw btFail(BT.noConnection);
  return { s, d, deviceId };
}
function serviceOf(d, o) {
  const serviceId = needString(o, 'serviceId');
  const service = (d.services || []).find((x) => x.uuid === serviceId);
  if (!service) throw btFail(BT.noService);
  return service;
}
function characteristicOf(o, env) {
  const characteristicId = needString(o, 'characteristicId');
  const c = connectedDevice(o, env);
  const service = serviceOf(c.d, o);
  const ch = (service.characteristics || []).find((x) => x.uuid === characteristicId);
  if (!ch) throw btFail(BT.noCharacteristic);
  const key = `${c.deviceId}/${service.uuid}/${ch.uuid}`;
  return { ...c, service, ch, key };
}
const props = (ch) => ({ read: false, write: false, notify: false, indicate: false, writeNoResponse: false, writeDefault: false, ...(ch.properties || {}) });
const adapterState = (env, s) => env.emit('onBluetoothAdapterStateChange', { available: true, discovering: s.discovering });
function disconnect(env, s, deviceId) {
  s.connected.delete(deviceId);
  for (const k of [...s.notifying]) if (k.startsWith(`${deviceId}/`)) s.notifying.delete(k);
  env.schedule('onBLEConnectionStateChange', () => env.emit('onBLEConnectionStateChange', { connected: false, deviceId }));
}
function notifyChange(o, env) {
  const c = characteristicOf(o, env);
  if (typeof o.state !== 'boolean') throw fail(`parameter error: parameter.state should be Boolean instead of ${typeName(o.state)};`);
  const p = props(c.ch);
  if (!p.notify && !p.indicate) throw btFail(BT.notSupport);
  if (!o.state) { c.s.notifying.delete(c.key); return; }
  if (c.s.notifying.has(c.key)) return;
  c.s.notifying.add(c.key);
  for (const n of c.ch.notifications || []) {
    env.schedule(`BLE notification ${c.key} at ${n.at} ms`, () => {
      if (!c.s.notifying.has(c.key)) return;
      c.s.values.set(c.key, n.value);
      env.emit('onBLECharacteristicValueChange', {
        characteristicId: c.ch.uuid, deviceId: c.deviceId, serviceId: c.service.uuid, value: hexBuffer(n.value),
      });
    }, n.at);
  }
}

entries.push(
  {
    name: 'openBluetoothAdapter',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      needEnum(o, 'mode', ['central', 'peripheral']);
      if (env.scenario.bluetooth && env.scenario.bluetooth.available === false) throw btFail(BT.notAvailable);
      bt(env).open = true;
    },
  },
  {
    name: 'closeBluetoothAdapter',
    kind: 'async',
    simulated: 'scripted',
    // Always succeeds; connections close (onBLEConnectionStateChange) and discovery stops.
    impl: (o, env) => {
      const s = bt(env);
      for (const id of [...s.connected]) disconnect(env, s, id);
      s.open = false;
      s.discovering = false;
      s.generation += 1;
      s.found.clear();
    },
  },
  {
    name: 'getBluetoothAdapterState',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => { const s = openAdapter(env); return { available: true, discovering: s.discovering }; },
  },
  {
    name: 'startBluetoothDevicesDiscovery',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const services = o.services === undefined ? null : needArray(o, 'services');
      const s = openAdapter(env);
      if (s.discovering) return;
      s.discovering = true;
      s.generation += 1;
      const generation = s.generation;
      env.schedule('onBluetoothAdapterStateChange', () => adapterState(env, s));
      for (const d of scenarioDevices(env)) {
        if (services && !services.some((u) => (d.advertisServiceUUIDs || []).includes(u))) continue;
        const at = d.foundAt || 0;
        env.schedule(`bluetooth device ${d.deviceId} found at ${at} ms`, () => {
          if (s.generation !== generation || !s.discovering) return;
          if (s.found.has(d.deviceId) && !o.allowDuplicatesKey) return;
          s.found.set(d.deviceId, d);
          env.emit('onBluetoothDeviceFound', { devices: [devicePayload(d)] });
        }, at);
      }
    },
  },
  {
    name: 'stopBluetoothDevicesDiscovery',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const s = openAdapter(env);
      if (!s.discovering) return;
      s.discovering = false;
      s.generation += 1;
      env.schedule('onBluetoothAdapterStateChange', () => adapterState(env, s));
    },
  },
  {
    name: 'getBluetoothDevices',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => ({ devices: [...openAdapter(env).found.values()].map(devicePayload) }),
  },
  {
    name: 'getConnectedBluetoothDevices',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const services = needArray(o, 'services');
      const s = openAdapter(env);
      const devices = [...s.connected].map((id) => deviceOf(env, id))
        .filter((d) => services.some((u) => (d.services || []).some((x) => x.uuid === u)))
        .map((d) => ({ deviceId: d.deviceId, name: d.name ?? '' }));
      return { devices };
    },
  },
  {
    name: 'createBLEConnection',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const deviceId = needString(o, 'deviceId');
      const s = openAdapter(env);
      const d = deviceOf(env, deviceId);
      if (!d) throw btFail(BT.noDevice);
      if (d.connectable === false) throw btFail(BT.connectionFail);
      if (s.connected.has(deviceId)) return;
      s.connected.add(deviceId);
      env.schedule('onBLEConnectionStateChange', () => env.emit('onBLEConnectionStateChange', { connected: true, deviceId }));
    },
  },
  {
    name: 'closeBLEConnection',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => { const { s, deviceId } = connectedDevice(o, env); disconnect(env, s, deviceId); },
  },
  {
    name: 'getBLEDeviceServices',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => ({ services: (connectedDevice(o, env).d.services || []).map((x) => ({ isPrimary: x.isPrimary !== false, uuid: x.uuid })) }),
  },
  {
    name: 'getBLEDeviceCharacteristics',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const service = serviceOf(connectedDevice(o, env).d, o);
      return { characteristics: (service.characteristics || []).map((ch) => ({ properties: props(ch), uuid: ch.uuid })) };
    },
  },
  {
    name: 'readBLECharacteristicValue',
    kind: 'async',
    simulated: 'scripted',
    // The value arrives by onBLECharacteristicValueChange, as on the phone.
    impl: (o, env) => {
      const c = characteristicOf(o, env);
      if (!props(c.ch).read) throw btFail(BT.notSupport);
      const value = c.s.values.has(c.key) ? c.s.values.get(c.key) : c.ch.value;
      env.schedule('onBLECharacteristicValueChange', () => env.emit('onBLECharacteristicValueChange', {
        characteristicId: c.ch.uuid, deviceId: c.deviceId, serviceId: c.service.uuid, value: hexBuffer(value),
      }));
    },
  },
  {
    name: 'writeBLECharacteristicValue',
    kind: 'async',
    simulated: 'scripted',
    // Recorded in host.state.bluetooth.writes (value as hex); a later read answers it.
    impl: (o, env) => {
      const c = characteristicOf(o, env);
      const bytes = needBuffer(o, 'value');
      needEnum(o, 'writeType', ['write', 'writeNoResponse']);
      const p = props(c.ch);
      if (!p.write && !p.writeNoResponse) throw btFail(BT.notSupport);
      c.s.values.set(c.key, bytes.toString('hex'));
      c.s.writes.push({ deviceId: c.deviceId, serviceId: c.service.uuid, characteristicId: c.ch.uuid, value: bytes.toString('hex') });
    },
  },
  { name: 'notifyBLECharacteristicValueChange', kind: 'async', simulated: 'scripted', impl: notifyChange },
  { name: 'notifyBLECharacteristicValueChanged', kind: 'async', simulated: 'scripted', impl: notifyChange }, // the old name
  {
    name: 'getBLEDeviceRSSI',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => ({ RSSI: connectedDevice(o, env).d.RSSI ?? -60 }),
  },
  {
    name: 'getBLEMTU',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      needEnum(o, 'writeType', ['write', 'writeNoResponse']);
      const { s, d, deviceId } = connectedDevice(o, env);
      return { mtu: s.mtu.get(deviceId) ?? d.mtu ?? 23 };
    },
  },
  {
    name: 'setBLEMTU',
    kind: 'async',
    simulated: 'scripted',
    // The MTU asked for, 22 to 512 (the typings' range); onBLEMTUChange follows.
    impl: (o, env) => {
      needString(o, 'deviceId');
      const mtu = needType(o, 'mtu', 'number');
      const { s, deviceId } = connectedDevice(o, env);
      if (!(mtu >= 22 && mtu <= 512)) throw fail(`parameter error: parameter.mtu should be between 22 and 512 instead of ${mtu};`, { mtu: s.mtu.get(deviceId) ?? 23 });
      s.mtu.set(deviceId, mtu);
      env.schedule('onBLEMTUChange', () => env.emit('onBLEMTUChange', { deviceId, mtu }));
      return { mtu };
    },
  },
  {
    name: 'makeBluetoothPair',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const deviceId = needString(o, 'deviceId');
      needBuffer(o, 'pin');
      openAdapter(env);
      if (!deviceOf(env, deviceId)) throw btFail(BT.noDevice);
      bt(env).paired.add(deviceId);
    },
  },
  {
    name: 'isBluetoothDevicePaired',
    kind: 'async',
    simulated: 'scripted',
    // Succeeds for a device makeBluetoothPair paired; fails "no device" otherwise.
    impl: (o, env) => {
      const deviceId = needString(o, 'deviceId');
      if (!bt(env).paired.has(deviceId)) throw btFail(BT.noDevice);
    },
  },
  {
    name: 'createBLEPeripheralServer',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => ({ server: peripheralServer(env) }),
  },
);

/**
 * A BLEPeripheralServer: its methods (addService, startAdvertising, ...) are
 * all unsupported in plugins (the typings), so the object has none; the
 * host keeps that it was made (host.state.bluetooth.servers).
 */
function peripheralServer(env) {
  const s = bt(env);
  s.servers = s.servers || [];
  s.servers.push({ serverId: String(s.servers.length + 1) });
  return env.realm.object();
}

// ---- beacons ------------------------------------------------------------------
// The scenario's `beacons` in range: startBeaconDiscovery reports those of
// the asked uuids by onBeaconUpdate at each one's `at` (default 0); getBeacons
// answers those reported so far. Failures: the typings' BeaconError.

const BEACON = { alreadyStart: ['already start', 11003], notStarted: ['not startBeaconDiscovery', 11004] };
const beaconInfo = (b) => ({
  accuracy: b.accuracy ?? 1, major: b.major ?? 0, minor: b.minor ?? 0, proximity: b.proximity ?? 1, rssi: b.rssi ?? -60, uuid: b.uuid,
});
entries.push(
  {
    name: 'startBeaconDiscovery',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const uuids = needArray(o, 'uuids').map((u) => String(u).toUpperCase());
      const st = env.state.beacons || (env.state.beacons = { discovering: false, seen: [], generation: 0 });
      if (st.discovering) throw btFail(BEACON.alreadyStart);
      st.discovering = true;
      st.seen = [];
      st.generation += 1;
      const generation = st.generation;
      env.schedule('onBeaconServiceChange', () => env.emit('onBeaconServiceChange', { available: true, discovering: true }));
      const ats = [...new Set((env.scenario.beacons || []).filter((b) => uuids.includes(b.uuid.toUpperCase())).map((b) => b.at || 0))].sort((a, b) => a - b);
      for (const at of ats) {
        env.schedule(`beacons at ${at} ms`, () => {
          if (st.generation !== generation) return;
          for (const b of env.scenario.beacons) {
            if (uuids.includes(b.uuid.toUpperCase()) && (b.at || 0) === at) st.seen.push(beaconInfo(b));
          }
          env.emit('onBeaconUpdate', { beacons: st.seen });
        }, at);
      }
    },
  },
  {
    name: 'stopBeaconDiscovery',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const st = env.state.beacons;
      if (!st || !st.discovering) throw btFail(BEACON.notStarted);
      st.discovering = false;
      st.generation += 1;
      env.schedule('onBeaconServiceChange', () => env.emit('onBeaconServiceChange', { available: true, discovering: false }));
    },
  },
  {
    name: 'getBeacons',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const st = env.state.beacons;
      if (!st || !st.discovering) throw btFail(BEACON.notStarted);
      return { beacons: st.seen };
    },
  },
);

// ---- wifi ------------------------------------------------------------------
// startWifi/stopWifi; getWifiList reports the scenario's `wifi.list` by
// onGetWifiList; connectWifi checks the SSID and password against it
// (onWifiConnected). Failures: the typings' WifiError.

const WIFI = { notInit: ['not init', 12000], password: ['password error Wi-Fi', 12002], ssid: ['invalid SSID', 12008], notConnected: ['system internal error: no wifi is connected', 12010] };
const wifiState = (env) => env.state.wifi || (env.state.wifi = { started: false, connected: (env.scenario.wifi && env.scenario.wifi.connected) || null, set: null });
const wifiList = (env) => (env.scenario.wifi && env.scenario.wifi.list) || [];
const wifiInfo = (w) => ({ BSSID: w.BSSID ?? '', SSID: w.SSID, frequency: w.frequency ?? 2412, secure: w.secure ?? w.password !== undefined, signalStrength: w.signalStrength ?? 99 });
function startedWifi(env) {
  const w = wifiState(env);
  if (!w.started) throw btFail(WIFI.notInit);
  return w;
}
entries.push(
  { name: 'startWifi', kind: 'async', simulated: 'scripted', impl: (o, env) => { wifiState(env).started = true; } },
  { name: 'stopWifi', kind: 'async', simulated: 'scripted', impl: (o, env) => { wifiState(env).started = false; } },
  {
    name: 'getWifiList',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      startedWifi(env);
      env.schedule('onGetWifiList', () => env.emit('onGetWifiList', { wifiList: wifiList(env).map(wifiInfo) }));
    },
  },
  {
    name: 'setWifiList',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => { const list = needArray(o, 'wifiList'); startedWifi(env).set = list; },
  },
  {
    name: 'connectWifi',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const SSID = needString(o, 'SSID');
      const password = needString(o, 'password');
      const w = startedWifi(env);
      const net = wifiList(env).find((x) => x.SSID === SSID);
      if (!net) throw btFail(WIFI.ssid);
      if (net.password !== undefined && net.password !== password) throw btFail(WIFI.password);
      w.connected = SSID;
      env.schedule('onWifiConnected', () => env.emit('onWifiConnected', { wifi: wifiInfo(net) }));
    },
  },
  {
    name: 'getConnectedWifi',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const w = startedWifi(env);
      const net = w.connected && (wifiList(env).find((x) => x.SSID === w.connected) || { SSID: w.connected });
      if (!net) throw btFail(WIFI.notConnected);
      return { wifi: wifiInfo(net) };
    },
  },
);

// ---- NFC host card emulation, scan, contacts, the rest ----------------------

entries.push(
  {
    name: 'startHCE',
    kind: 'async',
    simulated: 'scripted',
    // The scenario's hce.commands arrive by onHCEMessage (messageType 1: an APDU command) `at` ms later.
    impl: (o, env) => {
      const st = { aidList: Array.from(needArray(o, 'aid_list'), String), sent: [] };
      env.state.hce = st;
      for (const c of (env.scenario.hce && env.scenario.hce.commands) || []) {
        env.schedule('HCE command', () => { if (env.state.hce === st) env.emit('onHCEMessage', { data: hexBuffer(c.data), messageType: 1, reason: 0 }); }, c.at || 0);
      }
    },
  },
  { name: 'stopHCE', kind: 'async', simulated: 'scripted', impl: (o, env) => { if (!env.state.hce) throw fail('HCE not started'); env.state.hce = null; } },
  { name: 'getHCEState', kind: 'async', simulated: 'scripted', impl: () => {} }, // the phone supports HCE
  {
    name: 'sendHCEMessage',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const bytes = needBuffer(o, 'data');
      if (!env.state.hce) throw fail('HCE not started');
      env.state.hce.sent.push(bytes.toString('hex'));
    },
  },
  {
    name: 'scanCode',
    kind: 'async',
    simulated: 'scripted',
    // The scenario's next scanCode answer, then its default; with none the user cancels.
    impl: (o, env) => {
      if (o.scanType !== undefined) {
        const types = needArray(o, 'scanType');
        for (const t of types) if (!['barCode', 'qrCode', 'datamatrix', 'pdf417'].includes(t)) throw fail(`parameter error: parameter.scanType should be one of barCode, qrCode, datamatrix, pdf417 instead of ${JSON.stringify(t)};`);
      }
      const a = nextAnswer(env, 'scanCode', 'cancel');
      env.ui.scans.push(a === 'cancel' ? { cancel: true } : { result: a.result });
      if (a === 'cancel') throw fail('cancel');
      return {
        charSet: a.charSet ?? 'UTF-8', path: a.path ?? '', rawData: a.rawData ?? Buffer.from(a.result).toString('base64'),
        result: a.result, scanType: a.scanType ?? 'QR_CODE',
      };
    },
  },
  {
    name: 'addPhoneContact',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { needString(o, 'firstName'); env.ui.contacts.push(Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string'))); },
  },
  {
    name: 'getLocalIPAddress',
    kind: 'async',
    simulated: 'scripted',
    impl: () => ({ localip: '192.168.1.100', netmask: '255.255.255.0' }),
  },
  { name: 'hideKeyboard', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.keyboard = false; } },
  {
    name: 'setVisualEffectOnCapture',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.device.visualEffectOnCapture = needEnum(o, 'visualEffect', ['none', 'hidden']) || 'none'; },
  },
);

// ---- NFC reading ------------------------------------------------------------------
// getNFCAdapter: the one NFCAdapter, with `tech` and the typings' plugin
// methods. startDiscovery/stopDiscovery keep host.state.nfc.discovering; the
// scenario's `nfc.tags` come near `at` ms after startDiscovery (onDiscovered
// { id, techs, messages }, while discovery runs). The tag objects (getNdef,
// getNfcA, ...) act on the last tag found: connect/close/isConnected/
// setTimeout succeed, transceive answers the tag's `responses[command hex]`
// (else empty data), writeNdefMessage is recorded in host.state.nfc.written,
// getMaxTransceiveLength answers 253.
const TECH = { ndef: 'NDEF', nfcA: 'NFC-A', nfcB: 'NFC-B', nfcF: 'NFC-F', nfcV: 'NFC-V', isoDep: 'ISO-DEP', mifareClassic: 'MIFARE Classic', mifareUltralight: 'MIFARE Ultralight' };
const TAGS = {
  getIsoDep: ['IsoDep', ['close', 'connect', 'getHistoricalBytes', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getMifareClassic: ['MifareClassic', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getMifareUltralight: ['MifareUltralight', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getNdef: ['Ndef', ['close', 'connect', 'isConnected', 'setTimeout', 'writeNdefMessage'], ['NdefMessage']],
  getNfcA: ['NfcA', ['close', 'connect', 'getAtqa', 'getMaxTransceiveLength', 'getSak', 'isConnected', 'setTimeout', 'transceive']],
  getNfcB: ['NfcB', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getNfcF: ['NfcF', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getNfcV: ['NfcV', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
};
const TAG_ANSWERS = {
  transceive: (o, st) => {
    if (!isArrayBuffer(o.data)) throw fail(`parameter error: parameter.data should be ArrayBuffer instead of ${typeName(o.data)};`);
    const command = Buffer.from(new Uint8Array(o.data)).toString('hex');
    return { data: hexBuffer(((st.tag && st.tag.responses) || {})[command] || '') };
  },
  writeNdefMessage: (o, st) => { st.written.push(JSON.parse(JSON.stringify({ records: o.records ?? [], texts: o.texts ?? [], uris: o.uris ?? [] }))); },
  getMaxTransceiveLength: () => ({ length: 253 }),
  getAtqa: () => ({ atqa: new ArrayBuffer(2) }), getSak: () => ({ sak: 0 }), getHistoricalBytes: () => ({ histBytes: new ArrayBuffer(0) }),
};
function nfcAdapter(env) {
  if (env.state.nfc) return env.state.nfc.adapter;
  const st = { discovering: false, adapter: null, tag: null, written: [], generation: 0 };
  env.state.nfc = st;
  const { asyncFn } = env.conventions;
  const { object, emit } = makeObject(env, 'NFCAdapter', {}, ['Discovered']);
  object.tech = env.realm.toRealm(TECH);
  object.startDiscovery = asyncFn('startDiscovery', () => {
    if (st.discovering) throw fail('NFC discovery already started');
    st.discovering = true;
    const generation = ++st.generation;
    for (const tag of (env.scenario.nfc && env.scenario.nfc.tags) || []) {
      env.schedule(`NFC tag ${tag.id} at ${tag.at || 0} ms`, () => {
        if (!st.discovering || st.generation !== generation) return;
        st.tag = tag;
        emit('Discovered', { id: hexBuffer(tag.id), messages: tag.messages || [], techs: tag.techs || ['NDEF'] });
      }, tag.at || 0);
    }
  }, { trace: 'NFCAdapter.startDiscovery', allowPromise: false });
  object.stopDiscovery = asyncFn('stopDiscovery', () => { if (!st.discovering) throw fail('NFC discovery not started'); st.discovering = false; st.generation += 1; }, { trace: 'NFCAdapter.stopDiscovery', allowPromise: false });
  for (const [getter, [iface, methods, events = []]] of Object.entries(TAGS)) {
    object[getter] = () => {
      const tag = makeObject(env, iface, {}, events).object;
      for (const m of methods) tag[m] = asyncFn(m, (o) => (TAG_ANSWERS[m] ? TAG_ANSWERS[m](o, st) : undefined), { trace: `${iface}.${m}`, allowPromise: false });
      return tag;
    };
  }
  st.adapter = object;
  return object;
}
entries.push({ name: 'getNFCAdapter', kind: 'factory', simulated: 'stateful', impl: (args, env) => nfcAdapter(env) });

// When the host fires onNetworkStatusChange (--emit), getNetworkType answers the new type.
// A sensor's reading while it is off is dropped (the reason is the string returned).
const events = {
  onNetworkStatusChange: (payload, env) => {
    if (payload && NETWORK_TYPES.includes(payload.networkType)) env.device.networkType = payload.networkType;
  },
  ...Object.fromEntries(SENSORS.map(([start, , event, key]) => [event, (payload, env) => (sensors(env)[key] ? undefined : `${key} is off (${start} not called)`)])),
};

module.exports = { entries, events, NETWORK_TYPES };
