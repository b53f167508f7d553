'use strict';
// The "payment" category: requestPluginPayment, answered by the scenario's
// `payment` ({ answers: ["confirm" | "cancel"], default }, default confirm),
// recorded in host.ui.payments.

const { fail } = require('../errors');
const { typeName, needString } = require('../validate');
const { nextAnswer } = require('../answers');

const entries = [
  {
    name: 'requestPluginPayment',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const version = needString(o, 'version');
      if (!['release', 'trial', 'develop'].includes(version)) throw fail(`parameter error: parameter.version should be one of release, trial, develop instead of ${JSON.stringify(version)};`);
      if (typeof o.fee !== 'number') throw fail(`parameter error: parameter.fee should be Number instead of ${typeName(o.fee)};`);
      if (!o.paymentArgs || typeof o.paymentArgs !== 'object') throw fail(`parameter error: parameter.paymentArgs should be Object instead of ${typeName(o.paymentArgs)};`);
      const answer = nextAnswer(env, 'payment', 'confirm');
      env.ui.payments.push({ version, fee: o.fee, paymentArgs: JSON.parse(JSON.stringify(o.paymentArgs)), currencyType: o.currencyType ?? 'CNY', paid: answer === 'confirm' });
      if (answer !== 'confirm') throw fail('cancel');
    },
  },
];

module.exports = { entries };
