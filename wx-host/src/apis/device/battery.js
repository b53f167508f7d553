'use strict';
// The battery: the scenario's `battery`, over a full battery not charging.

const entries = [];
const battery = (env) => ({ isCharging: false, isLowPowerModeEnabled: false, level: 100, ...(env.scenario.battery || {}) });
const batteryFields = (b) => ({ isCharging: b.isCharging, isLowPowerModeEnabled: b.isLowPowerModeEnabled, level: b.level });
entries.push(
  { name: 'getBatteryInfo', kind: 'async', simulated: 'scripted', impl: (o, env) => batteryFields(battery(env)) },
  { name: 'getBatteryInfoSync', kind: 'sync', simulated: 'scripted', impl: (args, env) => batteryFields(battery(env)) },
);

module.exports = { entries };
