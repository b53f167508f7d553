'use strict';
// The "open_api" category: login codes, the user's settings and the pickers
// of WeChat's own data, scripted. Codes are "wx-host-code-N" (a test's server
// can accept them); the user is anonymous ("微信用户"); settings are the
// scenario's `authSetting` (scope -> true/false), else nothing decided yet;
// subscription requests are accepted unless the scenario's
// `subscriptions[tmplId]` says "reject" / "ban" / "filter". Field names
// are the typings' (LoginSuccessCallbackResult, GetSettingSuccessCallbackResult, ...).

const { fail } = require('../errors');
const { typeName, needString, needArray } = require('../validate');

const authSetting = (env) => (env.state.authSetting = env.state.authSetting || { ...(env.scenario.authSetting || {}) });
const nextCode = (env) => { env.state.loginCodes = (env.state.loginCodes || 0) + 1; return `wx-host-code-${env.state.loginCodes}`; };
const ANONYMOUS = { avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132', city: '', country: '', gender: 0, language: '', nickName: '微信用户', province: '' };
const SCOPES_FOR_PLUGINS = ['scope.record', 'scope.writePhotosAlbum', 'scope.camera'];

function subscribe(o, env) {
  const tmplIds = Array.from(needArray(o, 'tmplIds'), String);
  if (tmplIds.length === 0) throw fail('parameter error: parameter.tmplIds should not be empty;');
  const answers = env.scenario.subscriptions || {};
  return Object.fromEntries(tmplIds.map((id) => [id, answers[id] || 'accept']));
}

const entries = [
  { name: 'login', kind: 'async', simulated: 'scripted', impl: (o, env) => ({ code: nextCode(env) }) },
  { name: 'pluginLogin', kind: 'async', simulated: 'scripted', impl: (o, env) => ({ code: nextCode(env) }) },
  {
    name: 'getUserInfo',
    kind: 'async',
    simulated: 'scripted',
    // The anonymous user of today's WeChat; the signed fields are placeholders (no keys here).
    impl: (o) => {
      if (o.lang !== undefined && !['en', 'zh_CN', 'zh_TW'].includes(o.lang)) throw fail(`parameter error: parameter.lang should be one of en, zh_CN, zh_TW instead of ${JSON.stringify(o.lang)};`);
      const rawData = JSON.stringify(ANONYMOUS);
      return { cloudID: '', encryptedData: '', iv: '', rawData, signature: '', userInfo: { ...ANONYMOUS } };
    },
  },
  {
    name: 'getSetting',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => ({ authSetting: { ...authSetting(env) }, subscriptionsSetting: { mainSwitch: true, itemSettings: {} } }),
  },
  {
    name: 'openSetting',
    kind: 'async',
    simulated: 'stateful',
    // The user changes nothing on the settings page.
    impl: (o, env) => { env.ui.opened.push({ settings: 'openSetting' }); return { authSetting: { ...authSetting(env) }, subscriptionsSetting: { mainSwitch: true, itemSettings: {} } }; },
  },
  {
    name: 'authorizeForMiniProgram',
    kind: 'async',
    simulated: 'stateful',
    // The user agrees unless the scenario's authSetting already says false.
    impl: (o, env) => {
      const scope = needString(o, 'scope');
      if (!SCOPES_FOR_PLUGINS.includes(scope)) throw fail(`parameter error: parameter.scope should be one of ${SCOPES_FOR_PLUGINS.join(', ')} instead of ${JSON.stringify(scope)};`);
      const s = authSetting(env);
      if (s[scope] === false) throw fail('auth deny');
      s[scope] = true;
    },
  },
  { name: 'requestSubscribeMessage', kind: 'async', simulated: 'scripted', impl: subscribe },
  {
    name: 'requestSubscribeDeviceMessage',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => { for (const k of ['modelId', 'sn', 'snTicket']) needString(o, k); return subscribe(o, env); },
  },
  {
    name: 'chooseAddress',
    kind: 'async',
    simulated: 'scripted',
    impl: () => ({
      cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路397号', detailInfoNew: '新港中路397号', nationalCode: '510000',
      postalCode: '510000', provinceName: '广东省', streetName: '', telNumber: '020-81167888', userName: '张三',
    }),
  },
  { name: 'chooseInvoice', kind: 'async', simulated: 'scripted', impl: () => ({ invoiceInfo: [] }) }, // the user picks none
  {
    name: 'chooseInvoiceTitle',
    kind: 'async',
    simulated: 'scripted',
    impl: () => ({ bankAccount: '', bankName: '', companyAddress: '', taxNumber: '', telephone: '', title: '张三', type: '1' }),
  },
  {
    name: 'getAccountInfoSync',
    kind: 'sync',
    simulated: 'scripted',
    impl: (args, env) => {
      const pj = env.pluginJson() || {};
      return { miniProgram: { appId: 'wx-host', envVersion: 'develop', version: '' }, plugin: { appId: env.pluginId, version: typeof pj.version === 'string' ? pj.version : '' } };
    },
  },
  {
    name: 'openChannelsEvent',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.opened.push({ channelsEvent: needString(o, 'eventId'), finderUserName: needString(o, 'finderUserName') }); },
  },
  {
    name: 'openChannelsUserProfile',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.opened.push({ channelsUserProfile: needString(o, 'finderUserName') }); },
  },
];

void typeName;
module.exports = { entries };
