'use strict';
// The "data_analysis" category: reportAnalytics, recorded in host.ui.analytics.

const { fail } = require('../errors');
const { typeName } = require('../validate');

const entries = [
  {
    name: 'reportAnalytics',
    kind: 'sync',
    simulated: 'stateful',
    impl: ([eventName, data], env) => {
      if (typeof eventName !== 'string') throw fail(`parameter error: eventName should be String instead of ${typeName(eventName)};`);
      env.ui.analytics.push({ eventName, data: data && typeof data === 'object' ? JSON.parse(JSON.stringify(data)) : {} });
    },
  },
];

module.exports = { entries };
