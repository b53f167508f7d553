'use strict';
// The "share" category: the share menu's state in host.ui.shareMenu, the
// share-image menu recorded in host.ui.opened, and getShareInfo's
// encrypted group data as placeholders (the host has no keys).

const fs = require('node:fs');
const { fail } = require('../errors');
const { needString } = require('../validate');

const MENUS = ['shareAppMessage', 'shareTimeline'];
function menusOf(o) {
  if (o.menus === undefined) return null;
  if (!Array.isArray(o.menus) && !(o.menus && typeof o.menus.length === 'number')) throw fail('parameter error: parameter.menus should be Array;');
  const menus = Array.from(o.menus, String);
  for (const m of menus) if (!MENUS.includes(m)) throw fail(`parameter error: parameter.menus should be of ${MENUS.join(', ')} instead of ${JSON.stringify(m)};`);
  return menus;
}

const entries = [
  {
    name: 'showShareMenu',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const menus = menusOf(o);
      Object.assign(env.ui.shareMenu, { shown: true, withShareTicket: o.withShareTicket === true }, menus ? { menus } : {});
    },
  },
  {
    name: 'hideShareMenu',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const menus = menusOf(o);
      if (!menus) env.ui.shareMenu.shown = false;
      else env.ui.shareMenu.menus = env.ui.shareMenu.menus.filter((m) => !menus.includes(m));
    },
  },
  {
    name: 'updateShareMenu',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const keep = ['withShareTicket', 'isUpdatableMessage', 'isPrivateMessage', 'activityId', 'toDoActivityId', 'templateInfo', 'chooseType', 'participant', 'useForChatTool'];
      for (const k of keep) if (o[k] !== undefined) env.ui.shareMenu[k] = JSON.parse(JSON.stringify(o[k]));
    },
  },
  {
    name: 'showShareImageMenu',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const p = needString(o, 'path');
      if (p.startsWith('wxfile://')) {
        const { real } = env.files.locate(p);
        if (!fs.existsSync(real)) throw fail(`file not exist ${p}`);
      }
      env.ui.opened.push({ shareImage: p });
    },
  },
  {
    name: 'getShareInfo',
    kind: 'async',
    simulated: 'scripted',
    impl: (o) => { needString(o, 'shareTicket'); return { cloudID: '', encryptedData: '', iv: '' }; },
  },
];

module.exports = { entries };
