'use strict';
// Local service discovery: no real mDNS; it finds the scenario's
// `localServices` of the asked type (onLocalServiceFound at `at`,
// onLocalServiceLost at `lostAt`), and stop ends it with
// onLocalServiceDiscoveryStop.

const { fail } = require('../../errors');
const { needString } = require('../../validate');

const entries = [
  {
    name: 'startLocalServiceDiscovery',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const serviceType = needString(o, 'serviceType');
      if (env.state.localDiscovery) throw fail('scan task already exist');
      const run = { serviceType };
      env.state.localDiscovery = run;
      // The scenario's localServices of that type: onLocalServiceFound at `at`, onLocalServiceLost at `lostAt`.
      for (const sv of env.scenario.localServices || []) {
        if (sv.serviceType !== serviceType) continue;
        env.schedule(`local service ${sv.serviceName} found`, () => {
          if (env.state.localDiscovery !== run) return;
          env.emit('onLocalServiceFound', { ip: sv.ip ?? '192.168.1.20', port: sv.port ?? 80, serviceName: sv.serviceName, serviceType: sv.serviceType });
        }, sv.at || 0);
        if (sv.lostAt !== undefined) {
          env.schedule(`local service ${sv.serviceName} lost`, () => {
            if (env.state.localDiscovery !== run) return;
            env.emit('onLocalServiceLost', { serviceName: sv.serviceName, serviceType: sv.serviceType });
          }, sv.lostAt);
        }
      }
    },
  },
  {
    name: 'stopLocalServiceDiscovery',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      if (!env.state.localDiscovery) throw fail('task not found');
      env.state.localDiscovery = null;
      env.schedule('onLocalServiceDiscoveryStop', () => env.emit('onLocalServiceDiscoveryStop'));
    },
  },
];

module.exports = { entries };
