'use strict';
// The device's sensors, battery, radios and scans (apis/device.js) and the
// location category (apis/location.js), scripted from the scenario. Expected
// result fields are written out by hand from the typings
// (lib.wx.api.d.ts: GetBatteryInfoSuccessCallbackResult, BlueToothDevice, ...).
const test = require('node:test');
const assert = require('node:assert/strict');
const { plain } = require('../test-support/kit');
const { host, call, ok, failed } = require('../test-support/real-host');

const heard = (h) => plain(h.evaluate('heard'));
/** Hex of an ArrayBuffer in the plugin realm. */
const hexOf = (h, expr) => h.evaluate(`Array.from(new Uint8Array(${expr}), (b) => b.toString(16).padStart(2, '0')).join('')`);

test('sensors: start/stop switch them; scenario readings reach listeners only while on', async (t) => {
  // onAccelerometerChange and onCompassChange are unsupported in plugins today: the reference page's host has them.
  const h = host(t, {
    asReferencePage: true,
    scenario: {
      events: [
        { at: 100, emit: 'onAccelerometerChange', payload: { x: 0.1, y: 0.2, z: -1 } },
        { at: 200, emit: 'onCompassChange', payload: { accuracy: 'high', direction: 90 } },
        { at: 300, emit: 'onGyroscopeChange', payload: { x: 1, y: 0, z: 0 } },
        { at: 400, emit: 'onAccelerometerChange', payload: { x: 0, y: 0, z: -1 } },
      ],
    },
  });
  await h.load(require('../test-support/kit').writePlugin(require('../test-support/kit').tempDir(t), { 'index.js': '' }));
  h.evaluate("listen('onAccelerometerChange'); listen('onCompassChange'); listen('onGyroscopeChange')");
  assert.deepEqual(await call(h, 'startAccelerometer', { interval: 'game' }), ok('startAccelerometer'));
  assert.deepEqual(await call(h, 'startCompass'), ok('startCompass'));
  assert.deepEqual(await call(h, 'startDeviceMotionListening', { interval: 'ui' }), ok('startDeviceMotionListening'));
  assert.deepEqual(h.state.sensors, { accelerometer: { interval: 'game' }, compass: { interval: null }, deviceMotion: { interval: 'ui' } });
  assert.deepEqual(await call(h, 'startGyroscope', { interval: 'fast' }),
    failed('startGyroscope', 'parameter error: parameter.interval should be one of game, ui, normal instead of "fast";'));
  h.evaluate("setTimeout(() => wx.stopAccelerometer({}), 350)");
  await h.settle();
  // The gyroscope never started and the accelerometer stopped at 350 ms: those readings are dropped.
  assert.deepEqual(heard(h), [
    ['onAccelerometerChange', { x: 0.1, y: 0.2, z: -1 }],
    ['onCompassChange', { accuracy: 'high', direction: 90 }],
  ]);
  const dropped = h.trace.filter((r) => r.outcome === 'dropped').map((r) => [r.api, r.at, r.reason]);
  assert.deepEqual(dropped, [
    ['onGyroscopeChange', 300, 'gyroscope is off (startGyroscope not called)'],
    ['onAccelerometerChange', 400, 'accelerometer is off (startAccelerometer not called)'],
  ]);
  for (const api of ['stopCompass', 'stopGyroscope', 'stopDeviceMotionListening']) assert.deepEqual(await call(h, api), ok(api));
  assert.deepEqual(h.state.sensors, {});
});

test('battery: the scenario\'s, else full and not charging; sync and async alike', async (t) => {
  let h = host(t);
  assert.deepEqual(await call(h, 'getBatteryInfo'), ok('getBatteryInfo', { isCharging: false, isLowPowerModeEnabled: false, level: 100 }));
  assert.deepEqual(plain(h.evaluate('wx.getBatteryInfoSync()')), { isCharging: false, isLowPowerModeEnabled: false, level: 100 });
  h = host(t, { scenario: { battery: { level: 15, isCharging: true, isLowPowerModeEnabled: true } } });
  assert.deepEqual(await call(h, 'getBatteryInfo'), ok('getBatteryInfo', { isCharging: true, isLowPowerModeEnabled: true, level: 15 }));
  assert.deepEqual(plain(h.evaluate('wx.getBatteryInfoSync()')), { isCharging: true, isLowPowerModeEnabled: true, level: 15 });
});

test('location: the scenario\'s place, the default one, fuzzy, chosen, opened, denied', async (t) => {
  let h = host(t);
  assert.deepEqual(await call(h, 'getLocation', { type: 'gcj02' }), ok('getLocation', {
    accuracy: 65, altitude: 0, horizontalAccuracy: 65, latitude: 39.9087, longitude: 116.3975, speed: -1, verticalAccuracy: 0,
  }));
  assert.deepEqual(await call(h, 'getLocation', { type: 'baidu' }),
    failed('getLocation', 'parameter error: parameter.type should be one of wgs84, gcj02 instead of "baidu";'));
  h = host(t, { scenario: { location: { latitude: 31.2304, longitude: 121.4737, altitude: 12, speed: 1.5, accuracy: 10, name: '外滩', address: '上海市黄浦区中山东一路' } } });
  assert.deepEqual(await call(h, 'getLocation', { altitude: true }), ok('getLocation', {
    accuracy: 10, altitude: 12, horizontalAccuracy: 65, latitude: 31.2304, longitude: 121.4737, speed: 1.5, verticalAccuracy: 0,
  }));
  assert.deepEqual(await call(h, 'getFuzzyLocation'), ok('getFuzzyLocation', { latitude: 31.23, longitude: 121.47 }));
  assert.deepEqual(await call(h, 'chooseLocation'), ok('chooseLocation', { address: '上海市黄浦区中山东一路', latitude: 31.2304, longitude: 121.4737, name: '外滩' }));
  assert.deepEqual(await call(h, 'openLocation', { latitude: 31.2, longitude: 121.5, name: 'x', scale: 16 }), ok('openLocation'));
  assert.deepEqual(await call(h, 'openLocation', { latitude: '31.2', longitude: 121.5 }),
    failed('openLocation', 'parameter error: parameter.latitude should be Number instead of String;'));
  assert.deepEqual(h.ui.openedLocations, [{ latitude: 31.2, longitude: 121.5, name: 'x', address: '', scale: 16 }]);
  assert.deepEqual(await call(h, 'startLocationUpdate'), ok('startLocationUpdate'));
  assert.equal(h.state.locationUpdate, true);
  assert.deepEqual(await call(h, 'stopLocationUpdate'), ok('stopLocationUpdate'));
  h = host(t, { scenario: { location: { denied: true } } });
  assert.deepEqual(await call(h, 'getLocation'), failed('getLocation', 'auth deny'));
  assert.deepEqual(await call(h, 'getFuzzyLocation'), failed('getFuzzyLocation', 'auth deny'));
});

const HEART = {
  deviceId: 'AA:BB:CC:00:11:22', name: 'Heart', RSSI: -48, advertisData: '0102', advertisServiceUUIDs: ['180D'],
  serviceData: { '180D': 'ff' }, foundAt: 1000, mtu: 185,
  services: [{
    uuid: '180D',
    characteristics: [
      { uuid: '2A37', properties: { notify: true }, notifications: [{ at: 50, value: '0048' }, { at: 100, value: '0049' }] },
      { uuid: '2A39', properties: { read: true, write: true }, value: '00' },
    ],
  }, { uuid: '180F', isPrimary: false }],
};
const LAMP = { deviceId: 'lamp-1', name: 'Lamp', foundAt: 3000, advertisServiceUUIDs: ['FFE0'] };

test('bluetooth: adapter, discovery of the scenario\'s devices, their events and lists', async (t) => {
  const h = host(t, { scenario: { bluetooth: { devices: [HEART, LAMP] } } });
  h.evaluate("listen('onBluetoothDeviceFound'); listen('onBluetoothAdapterStateChange')");
  assert.deepEqual(await call(h, 'getBluetoothAdapterState'), failed('getBluetoothAdapterState', 'not init', { errCode: 10000 }));
  assert.deepEqual(await call(h, 'startBluetoothDevicesDiscovery'), failed('startBluetoothDevicesDiscovery', 'not init', { errCode: 10000 }));
  assert.deepEqual(await call(h, 'openBluetoothAdapter', { mode: 'remote' }),
    failed('openBluetoothAdapter', 'parameter error: parameter.mode should be one of central, peripheral instead of "remote";'));
  assert.deepEqual(await call(h, 'openBluetoothAdapter'), ok('openBluetoothAdapter'));
  assert.deepEqual(await call(h, 'getBluetoothAdapterState'), ok('getBluetoothAdapterState', { available: true, discovering: false }));
  assert.deepEqual(await call(h, 'startBluetoothDevicesDiscovery', { services: 'x' }),
    failed('startBluetoothDevicesDiscovery', 'parameter error: parameter.services should be Array instead of String;'));
  assert.deepEqual(await call(h, 'startBluetoothDevicesDiscovery', { services: ['180D'] }), ok('startBluetoothDevicesDiscovery'));
  assert.deepEqual(await call(h, 'getBluetoothAdapterState'), ok('getBluetoothAdapterState', { available: true, discovering: true }));
  await h.settle();
  const [state, found] = heard(h);
  assert.deepEqual(state, ['onBluetoothAdapterStateChange', { available: true, discovering: true }]);
  assert.equal(found[0], 'onBluetoothDeviceFound');
  assert.deepEqual(Object.keys(found[1]), ['devices']);
  assert.deepEqual(Object.keys(found[1].devices[0]).sort(),
    ['RSSI', 'advertisData', 'advertisServiceUUIDs', 'connectable', 'deviceId', 'localName', 'name', 'serviceData']);
  assert.deepEqual({ ...found[1].devices[0], advertisData: undefined, serviceData: undefined }, {
    RSSI: -48, advertisData: undefined, advertisServiceUUIDs: ['180D'], connectable: true, deviceId: 'AA:BB:CC:00:11:22',
    localName: 'Heart', name: 'Heart', serviceData: undefined,
  });
  assert.equal(hexOf(h, 'heard[1][1].devices[0].advertisData'), '0102');
  assert.equal(h.evaluate('heard[1][1].devices[0].advertisData instanceof ArrayBuffer'), true);
  assert.equal(hexOf(h, 'heard[1][1].devices[0].serviceData["180D"]'), 'ff');
  // The lamp advertises another service: the filter kept it out. The found event came at its foundAt, on the clock.
  assert.equal(h.trace.find((r) => r.api === 'onBluetoothDeviceFound' && r.kind === 'event').listeners, 1);
  assert.ok(h.clock.now() >= 1000);
  const devices = await call(h, 'getBluetoothDevices');
  assert.deepEqual(devices.res.devices.map((d) => d.deviceId), ['AA:BB:CC:00:11:22']);
  assert.deepEqual(await call(h, 'stopBluetoothDevicesDiscovery'), ok('stopBluetoothDevicesDiscovery'));
  assert.deepEqual(await call(h, 'getBluetoothAdapterState'), ok('getBluetoothAdapterState', { available: true, discovering: false }));
  await h.settle();
  assert.deepEqual(heard(h).at(-1), ['onBluetoothAdapterStateChange', { available: true, discovering: false }]);
  // Without a filter, the lamp is found too.
  await call(h, 'startBluetoothDevicesDiscovery');
  await h.settle();
  assert.deepEqual((await call(h, 'getBluetoothDevices')).res.devices.map((d) => d.deviceId), ['AA:BB:CC:00:11:22', 'lamp-1']);
  assert.deepEqual(await call(h, 'closeBluetoothAdapter'), ok('closeBluetoothAdapter'));
  assert.deepEqual(await call(h, 'getBluetoothDevices'), failed('getBluetoothDevices', 'not init', { errCode: 10000 }));
});

test('bluetooth: an unavailable adapter fails to open', async (t) => {
  const h = host(t, { scenario: { bluetooth: { available: false } } });
  assert.deepEqual(await call(h, 'openBluetoothAdapter'), failed('openBluetoothAdapter', 'not available', { errCode: 10001 }));
});

test('BLE: connect, services, characteristics, read, write, notify, RSSI, MTU, close', async (t) => {
  const h = host(t, { scenario: { bluetooth: { devices: [HEART, { deviceId: 'mute', connectable: false }] } } });
  h.evaluate("listen('onBLEConnectionStateChange'); listen('onBLECharacteristicValueChange'); listen('onBLEMTUChange')");
  const id = HEART.deviceId;
  assert.deepEqual(await call(h, 'createBLEConnection', { deviceId: id }), failed('createBLEConnection', 'not init', { errCode: 10000 }));
  await call(h, 'openBluetoothAdapter');
  assert.deepEqual(await call(h, 'createBLEConnection', {}),
    failed('createBLEConnection', 'parameter error: parameter.deviceId should be String instead of Undefined;'));
  assert.deepEqual(await call(h, 'createBLEConnection', { deviceId: 'nobody' }), failed('createBLEConnection', 'no device', { errCode: 10002 }));
  assert.deepEqual(await call(h, 'createBLEConnection', { deviceId: 'mute' }), failed('createBLEConnection', 'connection fail', { errCode: 10003 }));
  assert.deepEqual(await call(h, 'getBLEDeviceServices', { deviceId: id }), failed('getBLEDeviceServices', 'no connection', { errCode: 10006 }));
  assert.deepEqual(await call(h, 'createBLEConnection', { deviceId: id }), ok('createBLEConnection'));
  assert.deepEqual(await call(h, 'getBLEDeviceServices', { deviceId: id }),
    ok('getBLEDeviceServices', { services: [{ isPrimary: true, uuid: '180D' }, { isPrimary: false, uuid: '180F' }] }));
  assert.deepEqual(await call(h, 'getBLEDeviceCharacteristics', { deviceId: id, serviceId: 'FFFF' }),
    failed('getBLEDeviceCharacteristics', 'no service', { errCode: 10004 }));
  const none = { indicate: false, notify: false, read: false, write: false, writeDefault: false, writeNoResponse: false };
  assert.deepEqual(await call(h, 'getBLEDeviceCharacteristics', { deviceId: id, serviceId: '180D' }), ok('getBLEDeviceCharacteristics', {
    characteristics: [{ properties: { ...none, notify: true }, uuid: '2A37' }, { properties: { ...none, read: true, write: true }, uuid: '2A39' }],
  }));
  const at = (characteristicId) => ({ deviceId: id, serviceId: '180D', characteristicId });
  assert.deepEqual(await call(h, 'readBLECharacteristicValue', at('2A00')), failed('readBLECharacteristicValue', 'no characteristic', { errCode: 10005 }));
  assert.deepEqual(await call(h, 'readBLECharacteristicValue', at('2A37')), failed('readBLECharacteristicValue', 'property not support', { errCode: 10007 }));
  assert.deepEqual(await call(h, 'readBLECharacteristicValue', at('2A39')), ok('readBLECharacteristicValue'));
  await h.settle();
  // Writing: an ArrayBuffer is needed; it is recorded and a later read answers it.
  assert.deepEqual(await call(h, 'writeBLECharacteristicValue', { ...at('2A39'), value: 'ff' }),
    failed('writeBLECharacteristicValue', 'parameter error: parameter.value should be ArrayBuffer instead of String;'));
  assert.deepEqual(plain(await h.evaluate(`call('writeBLECharacteristicValue', Object.assign(${JSON.stringify(at('2A39'))}, { value: new Uint8Array([1, 2]).buffer }))`)),
    ok('writeBLECharacteristicValue'));
  assert.deepEqual(h.state.bluetooth.writes, [{ deviceId: id, serviceId: '180D', characteristicId: '2A39', value: '0102' }]);
  await call(h, 'readBLECharacteristicValue', at('2A39'));
  assert.deepEqual(await call(h, 'notifyBLECharacteristicValueChange', { ...at('2A39'), state: true }),
    failed('notifyBLECharacteristicValueChange', 'property not support', { errCode: 10007 }));
  assert.deepEqual(await call(h, 'notifyBLECharacteristicValueChange', { ...at('2A37'), state: 'on' }),
    failed('notifyBLECharacteristicValueChange', 'parameter error: parameter.state should be Boolean instead of String;'));
  assert.deepEqual(await call(h, 'notifyBLECharacteristicValueChange', { ...at('2A37'), state: true }), ok('notifyBLECharacteristicValueChange'));
  await h.settle();
  const values = heard(h).filter(([e]) => e === 'onBLECharacteristicValueChange');
  assert.deepEqual(values.map(([, v]) => Object.keys(v).sort()), Array(4).fill(['characteristicId', 'deviceId', 'serviceId', 'value']));
  assert.deepEqual(values.map(([, v]) => v.characteristicId), ['2A39', '2A39', '2A37', '2A37']);
  const n = heard(h).length;
  assert.deepEqual(plain(h.evaluate(`heard.filter(([e]) => e === 'onBLECharacteristicValueChange').map(([, v]) => Array.from(new Uint8Array(v.value)).join(','))`)),
    ['0', '1,2', '0,72', '0,73']);
  assert.deepEqual(await call(h, 'getBLEDeviceRSSI', { deviceId: id }), ok('getBLEDeviceRSSI', { RSSI: -48 }));
  assert.deepEqual(await call(h, 'getBLEMTU', { deviceId: id }), ok('getBLEMTU', { mtu: 185 }));
  assert.deepEqual(await call(h, 'setBLEMTU', { deviceId: id, mtu: 1000 }),
    failed('setBLEMTU', 'parameter error: parameter.mtu should be between 22 and 512 instead of 1000;', { mtu: 23 }));
  assert.deepEqual(await call(h, 'setBLEMTU', { deviceId: id, mtu: 247 }), ok('setBLEMTU', { mtu: 247 }));
  assert.deepEqual(await call(h, 'getBLEMTU', { deviceId: id }), ok('getBLEMTU', { mtu: 247 }));
  assert.deepEqual(await call(h, 'getConnectedBluetoothDevices', { services: ['180F'] }),
    ok('getConnectedBluetoothDevices', { devices: [{ deviceId: id, name: 'Heart' }] }));
  assert.deepEqual(await call(h, 'getConnectedBluetoothDevices', { services: ['FFE0'] }), ok('getConnectedBluetoothDevices', { devices: [] }));
  assert.deepEqual(await call(h, 'closeBLEConnection', { deviceId: id }), ok('closeBLEConnection'));
  await h.settle();
  assert.deepEqual(heard(h).slice(n).map(([e, v]) => [e, v]), [['onBLEMTUChange', { deviceId: id, mtu: 247 }], ['onBLEConnectionStateChange', { connected: false, deviceId: id }]]);
  assert.deepEqual(heard(h)[0], ['onBLEConnectionStateChange', { connected: true, deviceId: id }]);
  assert.deepEqual(await call(h, 'closeBLEConnection', { deviceId: id }), failed('closeBLEConnection', 'no connection', { errCode: 10006 }));
  // Pairing (Android): a paired device answers isBluetoothDevicePaired.
  assert.deepEqual(await call(h, 'isBluetoothDevicePaired', { deviceId: id }), failed('isBluetoothDevicePaired', 'no device', { errCode: 10002 }));
  assert.deepEqual(await call(h, 'makeBluetoothPair', { deviceId: id, pin: 1234 }),
    failed('makeBluetoothPair', 'parameter error: parameter.pin should be ArrayBuffer instead of Number;'));
  assert.deepEqual(plain(await h.evaluate(`call('makeBluetoothPair', { deviceId: '${id}', pin: new Uint8Array([1]).buffer })`)), ok('makeBluetoothPair'));
  assert.deepEqual(await call(h, 'isBluetoothDevicePaired', { deviceId: id }), ok('isBluetoothDevicePaired'));
});

test('BLE peripheral: a server object without methods (all unsupported in plugins), recorded', async (t) => {
  const h = host(t);
  const r = await h.evaluate('wx.createBLEPeripheralServer()');
  assert.equal(r.errMsg, 'createBLEPeripheralServer:ok');
  assert.deepEqual(Object.keys(r).sort(), ['errMsg', 'server']);
  assert.deepEqual(Object.keys(r.server), []);
  assert.deepEqual(h.state.bluetooth.servers, [{ serverId: '1' }]);
});

test('beacons: discovery reports the scenario\'s beacons of the asked uuids, at their times', async (t) => {
  const U = 'FDA50693-A4E2-4FB1-AFCF-C6EB07647825';
  const h = host(t, { scenario: { beacons: [
    { uuid: U, major: 1, minor: 2, proximity: 1, accuracy: 0.5, rssi: -55 },
    { uuid: U, major: 1, minor: 3, at: 2000 },
    { uuid: 'other', major: 9, minor: 9 },
  ] } });
  h.evaluate("listen('onBeaconUpdate'); listen('onBeaconServiceChange')");
  assert.deepEqual(await call(h, 'getBeacons'), failed('getBeacons', 'not startBeaconDiscovery', { errCode: 11004 }));
  assert.deepEqual(await call(h, 'startBeaconDiscovery', {}),
    failed('startBeaconDiscovery', 'parameter error: parameter.uuids should be Array instead of Undefined;'));
  assert.deepEqual(await call(h, 'startBeaconDiscovery', { uuids: [U.toLowerCase()] }), ok('startBeaconDiscovery'));
  assert.deepEqual(await call(h, 'startBeaconDiscovery', { uuids: [U] }), failed('startBeaconDiscovery', 'already start', { errCode: 11003 }));
  await h.settle();
  const first = { accuracy: 0.5, major: 1, minor: 2, proximity: 1, rssi: -55, uuid: U };
  const second = { accuracy: 1, major: 1, minor: 3, proximity: 1, rssi: -60, uuid: U };
  assert.deepEqual(heard(h), [
    ['onBeaconServiceChange', { available: true, discovering: true }],
    ['onBeaconUpdate', { beacons: [first] }],
    ['onBeaconUpdate', { beacons: [first, second] }],
  ]);
  assert.deepEqual(await call(h, 'getBeacons'), ok('getBeacons', { beacons: [first, second] }));
  assert.deepEqual(await call(h, 'stopBeaconDiscovery'), ok('stopBeaconDiscovery'));
  assert.deepEqual(await call(h, 'stopBeaconDiscovery'), failed('stopBeaconDiscovery', 'not startBeaconDiscovery', { errCode: 11004 }));
});

test('wifi: start, list by onGetWifiList, connect with the password, connected wifi', async (t) => {
  const h = host(t, { scenario: { wifi: { list: [{ SSID: 'home', BSSID: 'aa:bb', password: 'secret', signalStrength: 80, frequency: 5180 }, { SSID: 'cafe' }] } } });
  h.evaluate("listen('onGetWifiList'); listen('onWifiConnected')");
  assert.deepEqual(await call(h, 'getWifiList'), failed('getWifiList', 'not init', { errCode: 12000 }));
  assert.deepEqual(await call(h, 'startWifi'), ok('startWifi'));
  assert.deepEqual(await call(h, 'getConnectedWifi'), failed('getConnectedWifi', 'system internal error: no wifi is connected', { errCode: 12010 }));
  assert.deepEqual(await call(h, 'getWifiList'), ok('getWifiList'));
  await h.settle();
  const home = { BSSID: 'aa:bb', SSID: 'home', frequency: 5180, secure: true, signalStrength: 80 };
  const cafe = { BSSID: '', SSID: 'cafe', frequency: 2412, secure: false, signalStrength: 99 };
  assert.deepEqual(heard(h), [['onGetWifiList', { wifiList: [home, cafe] }]]);
  assert.deepEqual(await call(h, 'connectWifi', { SSID: 'home' }),
    failed('connectWifi', 'parameter error: parameter.password should be String instead of Undefined;'));
  assert.deepEqual(await call(h, 'connectWifi', { SSID: 'work', password: 'x' }), failed('connectWifi', 'invalid SSID', { errCode: 12008 }));
  assert.deepEqual(await call(h, 'connectWifi', { SSID: 'home', password: 'guess' }), failed('connectWifi', 'password error Wi-Fi', { errCode: 12002 }));
  assert.deepEqual(await call(h, 'connectWifi', { SSID: 'home', password: 'secret' }), ok('connectWifi'));
  await h.settle();
  assert.deepEqual(heard(h)[1], ['onWifiConnected', { wifi: home }]);
  assert.deepEqual(await call(h, 'getConnectedWifi'), ok('getConnectedWifi', { wifi: home }));
  assert.deepEqual(await call(h, 'setWifiList', { wifiList: [{ SSID: 'a', BSSID: 'b', password: 'c' }] }), ok('setWifiList'));
  assert.deepEqual(await call(h, 'stopWifi'), ok('stopWifi'));
  assert.deepEqual(await call(h, 'setWifiList', { wifiList: [] }), failed('setWifiList', 'not init', { errCode: 12000 }));
});

test('scanCode answers the scenario in order, then its default; without one the user cancels', async (t) => {
  let h = host(t, { scenario: { scanCode: { answers: [{ result: 'https://example.com/x' }, 'cancel', { result: '6901234567892', scanType: 'EAN_13', charSet: 'ISO8859-1' }] } } });
  assert.deepEqual(await call(h, 'scanCode', { scanType: ['qrCode'] }), ok('scanCode', {
    charSet: 'UTF-8', path: '', rawData: Buffer.from('https://example.com/x').toString('base64'), result: 'https://example.com/x', scanType: 'QR_CODE',
  }));
  assert.deepEqual(await call(h, 'scanCode'), failed('scanCode', 'cancel'));
  assert.deepEqual((await call(h, 'scanCode')).res, {
    errMsg: 'scanCode:ok', charSet: 'ISO8859-1', path: '', rawData: 'NjkwMTIzNDU2Nzg5Mg==', result: '6901234567892', scanType: 'EAN_13',
  });
  assert.deepEqual(await call(h, 'scanCode'), failed('scanCode', 'cancel'));
  assert.deepEqual(await call(h, 'scanCode', { scanType: ['face'] }),
    failed('scanCode', 'parameter error: parameter.scanType should be one of barCode, qrCode, datamatrix, pdf417 instead of "face";'));
  assert.equal(h.ui.scans.length, 4);
  h = host(t, { scenario: { scanCode: { default: { result: 'always' } } } });
  assert.equal((await call(h, 'scanCode')).res.result, 'always');
  assert.equal((await call(h, 'scanCode')).res.result, 'always');
});

test('HCE, contacts, local IP, keyboard, capture effect', async (t) => {
  const h = host(t, { scenario: { hce: { commands: [{ at: 100, data: '00a4040007' }] } } });
  h.evaluate("wx.onHCEMessage((m) => heard.push([m.messageType, m.reason, Array.from(new Uint8Array(m.data))]))");
  assert.deepEqual(await call(h, 'getHCEState'), ok('getHCEState'));
  assert.deepEqual(await call(h, 'stopHCE'), failed('stopHCE', 'HCE not started'));
  assert.deepEqual(await call(h, 'startHCE', { aid_list: ['F222222222'] }), ok('startHCE'));
  assert.deepEqual(plain(await h.evaluate("call('sendHCEMessage', { data: new Uint8Array([0x90, 0]).buffer })")), ok('sendHCEMessage'));
  assert.deepEqual(h.state.hce, { aidList: ['F222222222'], sent: ['9000'] });
  await h.settle();
  assert.deepEqual(heard(h), [[1, 0, [0, 0xa4, 4, 0, 7]]]); // the reader's command, as onHCEMessage delivers it
  assert.deepEqual(await call(h, 'stopHCE'), ok('stopHCE'));
  assert.deepEqual(await call(h, 'addPhoneContact', { firstName: 'Ada', mobilePhoneNumber: '123' }), ok('addPhoneContact'));
  assert.deepEqual(h.ui.contacts, [{ firstName: 'Ada', mobilePhoneNumber: '123' }]);
  assert.deepEqual(await call(h, 'getLocalIPAddress'), ok('getLocalIPAddress', { localip: '192.168.1.100', netmask: '255.255.255.0' }));
  assert.deepEqual(await call(h, 'hideKeyboard'), ok('hideKeyboard'));
  assert.deepEqual(await call(h, 'setVisualEffectOnCapture', { visualEffect: 'hidden' }), ok('setVisualEffectOnCapture'));
  assert.equal(h.device.visualEffectOnCapture, 'hidden');
  assert.deepEqual(await call(h, 'setVisualEffectOnCapture', { visualEffect: 'blur' }),
    failed('setVisualEffectOnCapture', 'parameter error: parameter.visualEffect should be one of none, hidden instead of "blur";'));
});

test('a scenario\'s device keys are checked: each problem named with its path', () => {
  const { validateScenario } = require('../src/scenario');
  assert.throws(() => validateScenario({
    battery: { level: 101 }, location: { latitude: 91 }, bluetooth: { devices: [{ name: 'x', advertisData: 'xyz' }] },
    beacons: [{ major: 1 }], scanCode: { answers: [5] }, wifi: { list: [{ password: 1 }] },
  }, 's.json'), (e) => {
    assert.deepEqual(e.problems, [
      's.json: $.battery.level: expected a number from 0 to 100, got 101',
      's.json: $.location.latitude: expected a number from -90 to 90, got 91',
      's.json: $.bluetooth.devices[0].advertisData: expected bytes as a hex string (e.g. "0a1b"), got "xyz"',
      's.json: $.bluetooth.devices[0].deviceId: expected a string, got nothing',
      's.json: $.beacons[0].uuid: expected a string, got nothing',
      's.json: $.wifi.list[0].password: expected a string, got 1',
      's.json: $.wifi.list[0].SSID: expected a string, got nothing',
      's.json: $.scanCode.answers[0]: expected one of "cancel" or an object { result, scanType, charSet, path, rawData }, got 5',
    ]);
    return true;
  });
});
