'use strict';
// The "location" category: where the scenario's `location` says the phone
// is (default: Tiananmen Square, 39.9087 N 116.3975 E), what chooseLocation
// picks (its `name` and `address`), and openLocation recorded in
// host.ui.openedLocations. `location.denied: true` makes every call fail
// "auth deny", as a user who refused the permission. Result fields are the
// typings' (GetLocationSuccessCallbackResult, GetFuzzyLocationSuccessCallbackResult,
// ChooseLocationSuccessCallbackResult).

const { fail } = require('../errors');
const { DEFAULT_LOCATION } = require('../data/location');
const { typeName, needEnum } = require('../validate');

function location(env) {
  const l = { ...DEFAULT_LOCATION, ...(env.scenario.location || {}) };
  if (l.denied) throw fail('auth deny');
  return l;
}
function needNumber(o, field) {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw fail(`parameter error: parameter.${field} should be Number instead of ${typeName(v)};`);
  return v;
}

const entries = [
  {
    name: 'getLocation',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      needEnum(o, 'type', ['wgs84', 'gcj02']);
      const l = location(env);
      return {
        accuracy: l.accuracy, altitude: o.altitude ? l.altitude : 0, horizontalAccuracy: l.horizontalAccuracy,
        latitude: l.latitude, longitude: l.longitude, speed: l.speed, verticalAccuracy: l.verticalAccuracy,
      };
    },
  },
  {
    name: 'getFuzzyLocation',
    kind: 'async',
    simulated: 'scripted',
    // Fuzzy: to two decimals (about a kilometre).
    impl: (o, env) => {
      needEnum(o, 'type', ['wgs84', 'gcj02']);
      const l = location(env);
      return { latitude: Math.round(l.latitude * 100) / 100, longitude: Math.round(l.longitude * 100) / 100 };
    },
  },
  {
    name: 'chooseLocation',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      if (o.latitude !== undefined) needNumber(o, 'latitude');
      if (o.longitude !== undefined) needNumber(o, 'longitude');
      const l = location(env);
      return { address: l.address ?? '', latitude: l.latitude, longitude: l.longitude, name: l.name ?? '' };
    },
  },
  {
    name: 'openLocation',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const latitude = needNumber(o, 'latitude');
      const longitude = needNumber(o, 'longitude');
      if (o.scale !== undefined && !(typeof o.scale === 'number' && o.scale >= 5 && o.scale <= 18)) throw fail(`parameter error: parameter.scale should be between 5 and 18 instead of ${JSON.stringify(o.scale)};`);
      env.ui.openedLocations.push({ latitude, longitude, name: o.name ?? '', address: o.address ?? '', scale: o.scale ?? 18 });
    },
  },
  {
    name: 'startLocationUpdate',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => { needEnum(o, 'type', ['wgs84', 'gcj02']); location(env); env.state.locationUpdate = true; },
  },
  { name: 'stopLocationUpdate', kind: 'async', simulated: 'scripted', impl: (o, env) => { env.state.locationUpdate = false; } },
];

module.exports = { entries };
