'use strict';
// iBeacons: the scenario's `beacons` in range: startBeaconDiscovery
// reports those of the asked uuids by onBeaconUpdate at each one's `at`
// (default 0); getBeacons answers those reported so far. Failures: the
// typings' BeaconError.

const { failRow } = require('../../errors');
const { needArray } = require('../../validate');

const entries = [];

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
      if (st.discovering) throw failRow(BEACON.alreadyStart);
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
      if (!st || !st.discovering) throw failRow(BEACON.notStarted);
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
      if (!st || !st.discovering) throw failRow(BEACON.notStarted);
      return { beacons: st.seen };
    },
  },
);

module.exports = { entries };
