'use strict';
// Bluetooth: an adapter (host.state.bluetooth) over the scenario's
// `bluetooth.devices`: discovery finds them (onBluetoothDeviceFound at each
// one's `foundAt`), BLE connects to them and reads, writes and gets
// notified on their characteristics. Failures: the typings' BluetoothError
// texts and codes.

const { fail, failRow } = require('../../errors');
const { typeName, needString, needType, needEnum, needArray, needBuffer } = require('../../validate');
const { hexBuffer } = require('../../bytes');

const entries = [];


const BT = {
  notInit: ['not init', 10000], notAvailable: ['not available', 10001], noDevice: ['no device', 10002],
  connectionFail: ['connection fail', 10003], noService: ['no service', 10004], noCharacteristic: ['no characteristic', 10005],
  noConnection: ['no connection', 10006], notSupport: ['property not support', 10007],
};
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
  if (!s.open) throw failRow(BT.notInit);
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
  if (!d) throw failRow(BT.noDevice);
  if (!s.connected.has(deviceId)) throw failRow(BT.noConnection);
  return { s, d, deviceId };
}
function serviceOf(d, o) {
  const serviceId = needString(o, 'serviceId');
  const service = (d.services || []).find((x) => x.uuid === serviceId);
  if (!service) throw failRow(BT.noService);
  return service;
}
function characteristicOf(o, env) {
  const characteristicId = needString(o, 'characteristicId');
  const c = connectedDevice(o, env);
  const service = serviceOf(c.d, o);
  const ch = (service.characteristics || []).find((x) => x.uuid === characteristicId);
  if (!ch) throw failRow(BT.noCharacteristic);
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
  if (!p.notify && !p.indicate) throw failRow(BT.notSupport);
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
      if (env.scenario.bluetooth && env.scenario.bluetooth.available === false) throw failRow(BT.notAvailable);
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
      if (!d) throw failRow(BT.noDevice);
      if (d.connectable === false) throw failRow(BT.connectionFail);
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
      if (!props(c.ch).read) throw failRow(BT.notSupport);
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
      if (!p.write && !p.writeNoResponse) throw failRow(BT.notSupport);
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
      if (!deviceOf(env, deviceId)) throw failRow(BT.noDevice);
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
      if (!bt(env).paired.has(deviceId)) throw failRow(BT.noDevice);
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

module.exports = { entries };
