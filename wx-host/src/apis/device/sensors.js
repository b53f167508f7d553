'use strict';
// The sensors: start*/stop* switch a sensor on and off
// (host.state.sensors); its readings are the scenario's `events` (or
// --emit): an on*Change event while the sensor is off is dropped, as the
// phone would not send it.

const { needEnum } = require('../../validate');

const entries = [];

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

// A sensor's reading while it is off is dropped (the reason is the string returned).
const events = Object.fromEntries(SENSORS.map(([start, , event, key]) => [event, (payload, env) => (sensors(env)[key] ? undefined : `${key} is off (${start} not called)`)]));

module.exports = { entries, events };
