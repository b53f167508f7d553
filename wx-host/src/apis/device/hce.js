'use strict';
// NFC host card emulation: startHCE/sendHCEMessage/stopHCE keep
// host.state.hce (`sent` as hex); the scenario's `hce.commands` arrive by
// onHCEMessage; a call before startHCE fails "HCE not started".

const { fail } = require('../../errors');
const { needArray, needBuffer } = require('../../validate');
const { hexBuffer } = require('../../bytes');

const entries = [
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
];

module.exports = { entries };
