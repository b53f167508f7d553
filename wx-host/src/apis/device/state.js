'use strict';
// The phone's simple state, kept in host.device (clipboard, screen
// brightness, keep-screen-on, network type), and what a phone does but
// cannot show here — vibration and phone calls — recorded in host.ui
// (vibrations, phoneCalls), as toasts are. Result field names are the
// typings' (GetClipboardDataSuccessCallbackOption.data,
// GetScreenBrightnessSuccessCallbackOption.value,
// GetNetworkTypeSuccessCallbackResult.networkType / signalStrength).

const { fail } = require('../../errors');
const { needString, needType } = require('../../validate');
const { NETWORK_TYPES } = require('../../data/network-types');

const entries = [
  {
    name: 'setClipboardData',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.device.clipboard = needString(o, 'data'); },
  },
  { name: 'getClipboardData', kind: 'async', simulated: 'stateful', impl: (o, env) => ({ data: env.device.clipboard }) },
  {
    name: 'setScreenBrightness',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const value = needType(o, 'value', 'number');
      // 0 (darkest) to 1 (brightest), the typings' range for the value.
      if (!(value >= 0 && value <= 1)) throw fail(`parameter error: parameter.value should be between 0 and 1 instead of ${value};`);
      env.device.screenBrightness = value;
    },
  },
  { name: 'getScreenBrightness', kind: 'async', simulated: 'stateful', impl: (o, env) => ({ value: env.device.screenBrightness }) },
  {
    name: 'setKeepScreenOn',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.device.keepScreenOn = needType(o, 'keepScreenOn', 'boolean'); },
  },
  {
    name: 'getNetworkType',
    kind: 'async',
    simulated: 'stateful',
    // signalStrength: dBm, 0 unless the scenario's network says otherwise.
    impl: (o, env) => ({ networkType: env.device.networkType, signalStrength: env.device.signalStrength }),
  },
  {
    name: 'vibrateShort',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      if (o.type !== undefined && !['heavy', 'medium', 'light'].includes(o.type)) {
        throw fail(`parameter error: parameter.type should be one of heavy, medium, light instead of ${JSON.stringify(o.type)};`);
      }
      env.ui.vibrations.push({ kind: 'short', type: o.type === undefined ? null : o.type });
    },
  },
  { name: 'vibrateLong', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.vibrations.push({ kind: 'long' }); } },
  {
    name: 'makePhoneCall',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.phoneCalls.push({ phoneNumber: needString(o, 'phoneNumber') }); },
  },
];

// When the host fires onNetworkStatusChange (--emit), getNetworkType answers the new type.
const events = {
  onNetworkStatusChange: (payload, env) => {
    if (payload && NETWORK_TYPES.includes(payload.networkType)) env.device.networkType = payload.networkType;
  },
};

module.exports = { entries, events };
