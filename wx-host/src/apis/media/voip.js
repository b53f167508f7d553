'use strict';
// VoIP: a chat room of one (host.state.voip): joining answers the plugin's
// own openid list (empty: the host has no user); the others are recorded.

const { fail } = require('../../errors');
const { typeName, needString, needArray } = require('../../validate');

const entries = [];

const voipState = (env) => env.state.voip || (env.state.voip = { room: null, muteConfig: null, subscribed: [], calls: [] });
entries.push(
  {
    name: 'joinVoIPChat',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      for (const k of ['groupId', 'nonceStr', 'signature']) needString(o, k);
      if (typeof o.timeStamp !== 'number') throw fail(`parameter error: parameter.timeStamp should be Number instead of ${typeName(o.timeStamp)};`);
      const v = voipState(env);
      v.room = { groupId: o.groupId, roomType: o.roomType || 'voice' };
      v.muteConfig = { muteMicrophone: false, muteEarphone: false, ...(o.muteConfig || {}) };
      return { errCode: 0, openIdList: [] };
    },
  },
  {
    name: 'exitVoIPChat',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { const v = voipState(env); if (!v.room) throw fail('not in a chat'); v.room = null; },
  },
  {
    name: 'updateVoIPChatMuteConfig',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      if (!o.muteConfig || typeof o.muteConfig !== 'object') throw fail(`parameter error: parameter.muteConfig should be Object instead of ${typeName(o.muteConfig)};`);
      const v = voipState(env);
      if (!v.room) throw fail('not in a chat');
      v.muteConfig = { ...v.muteConfig, ...o.muteConfig };
    },
  },
  {
    name: 'subscribeVoIPVideoMembers',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const list = Array.from(needArray(o, 'openIdList'), String);
      const v = voipState(env);
      if (!v.room) throw fail('not in a chat');
      v.subscribed = list;
    },
  },
  { name: 'makeVoIPCall', kind: 'async', simulated: 'stateful', impl: (o, env) => { voipState(env).calls.push({ ...o }); } },
);

module.exports = { entries };
