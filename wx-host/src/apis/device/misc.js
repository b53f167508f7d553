'use strict';
// The rest of the phone: scanCode (the scenario's answers, recorded in
// host.ui.scans), addPhoneContact (host.ui.contacts), the local IP address,
// the keyboard and the capture effect.

const { fail } = require('../../errors');
const { needString, needEnum, needArray } = require('../../validate');
const { nextAnswer } = require('../../answers');

const entries = [
  {
    name: 'scanCode',
    kind: 'async',
    simulated: 'scripted',
    // The scenario's next scanCode answer, then its default; with none the user cancels.
    impl: (o, env) => {
      if (o.scanType !== undefined) {
        const types = needArray(o, 'scanType');
        for (const t of types) if (!['barCode', 'qrCode', 'datamatrix', 'pdf417'].includes(t)) throw fail(`parameter error: parameter.scanType should be one of barCode, qrCode, datamatrix, pdf417 instead of ${JSON.stringify(t)};`);
      }
      const a = nextAnswer(env, 'scanCode', 'cancel');
      env.ui.scans.push(a === 'cancel' ? { cancel: true } : { result: a.result });
      if (a === 'cancel') throw fail('cancel');
      return {
        charSet: a.charSet ?? 'UTF-8', path: a.path ?? '', rawData: a.rawData ?? Buffer.from(a.result).toString('base64'),
        result: a.result, scanType: a.scanType ?? 'QR_CODE',
      };
    },
  },
  {
    name: 'addPhoneContact',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { needString(o, 'firstName'); env.ui.contacts.push(Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string'))); },
  },
  {
    name: 'getLocalIPAddress',
    kind: 'async',
    simulated: 'scripted',
    impl: () => ({ localip: '192.168.1.100', netmask: '255.255.255.0' }),
  },
  { name: 'hideKeyboard', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.keyboard = false; } },
  {
    name: 'setVisualEffectOnCapture',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.device.visualEffectOnCapture = needEnum(o, 'visualEffect', ['none', 'hidden']) || 'none'; },
  },
];

module.exports = { entries };
