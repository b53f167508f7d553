'use strict';
// The "ad" category: an ad object's methods (load, show, on*, ...) are all
// unsupported in plugins (the typings), so createInterstitialAd and
// createRewardedVideoAd give objects without methods, after checking adUnitId.

const { fail } = require('../errors');
const { typeName } = require('../validate');

function adFactory(name) {
  return {
    name,
    kind: 'factory',
    simulated: 'stateful',
    impl: ([options], env) => {
      if (!options || typeof options.adUnitId !== 'string') throw fail(`parameter error: parameter.adUnitId should be String instead of ${typeName(options && options.adUnitId)};`);
      (env.state.ads || (env.state.ads = [])).push({ kind: name, adUnitId: options.adUnitId });
      return env.realm.object();
    },
  };
}

const entries = [adFactory('createInterstitialAd'), adFactory('createRewardedVideoAd')];

module.exports = { entries };
