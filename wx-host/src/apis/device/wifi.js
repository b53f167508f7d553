'use strict';
// Wi-Fi: startWifi/stopWifi; getWifiList reports the scenario's
// `wifi.list` by onGetWifiList; connectWifi checks the SSID and password
// against it (onWifiConnected). Failures: the typings' WifiError.

const { failRow } = require('../../errors');
const { needString, needArray } = require('../../validate');

const entries = [];

const WIFI = { notInit: ['not init', 12000], password: ['password error Wi-Fi', 12002], ssid: ['invalid SSID', 12008], notConnected: ['system internal error: no wifi is connected', 12010] };
const wifiState = (env) => env.state.wifi || (env.state.wifi = { started: false, connected: (env.scenario.wifi && env.scenario.wifi.connected) || null, set: null });
const wifiList = (env) => (env.scenario.wifi && env.scenario.wifi.list) || [];
const wifiInfo = (w) => ({ BSSID: w.BSSID ?? '', SSID: w.SSID, frequency: w.frequency ?? 2412, secure: w.secure ?? w.password !== undefined, signalStrength: w.signalStrength ?? 99 });
function startedWifi(env) {
  const w = wifiState(env);
  if (!w.started) throw failRow(WIFI.notInit);
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
      if (!net) throw failRow(WIFI.ssid);
      if (net.password !== undefined && net.password !== password) throw failRow(WIFI.password);
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
      if (!net) throw failRow(WIFI.notConnected);
      return { wifi: wifiInfo(net) };
    },
  },
);

module.exports = { entries };
