'use strict';
// The "navigate" category: leaving for other mini-programs and official
// accounts, recorded in host.ui.opened; the user always goes (and
// openOfficialAccountArticle's dialog is confirmed).

const { fail } = require('../errors');
const { needString } = require('../validate');

const entries = [
  { name: 'exitMiniProgram', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.opened.push({ exitMiniProgram: true }); } },
  {
    name: 'navigateToMiniProgram',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      if (typeof o.appId !== 'string' && typeof o.shortLink !== 'string') throw fail('parameter error: parameter.appId or parameter.shortLink is required;');
      if (o.envVersion !== undefined && !['develop', 'trial', 'release'].includes(o.envVersion)) throw fail(`parameter error: parameter.envVersion should be one of develop, trial, release instead of ${JSON.stringify(o.envVersion)};`);
      env.ui.opened.push({ miniProgram: o.appId ?? o.shortLink, path: o.path ?? '', extraData: o.extraData === undefined ? null : JSON.parse(JSON.stringify(o.extraData)), envVersion: o.envVersion ?? 'release' });
    },
  },
  {
    name: 'openEmbeddedMiniProgram',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.opened.push({ embeddedMiniProgram: needString(o, 'appId'), path: o.path ?? '' }); },
  },
  {
    name: 'openOfficialAccountArticle',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.opened.push({ officialAccountArticle: needString(o, 'url') }); return { cancel: false, confirm: true }; },
  },
  {
    name: 'openOfficialAccountProfile',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.opened.push({ officialAccountProfile: needString(o, 'username') }); },
  },
];

module.exports = { entries };
