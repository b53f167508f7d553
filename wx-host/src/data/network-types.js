'use strict';
// The network types the typings allow (GetNetworkTypeSuccessCallbackResult.networkType):
// what getNetworkType answers, a scenario's network.type, an onNetworkStatusChange that changes it.

const NETWORK_TYPES = ['wifi', '2g', '3g', '4g', '5g', 'unknown', 'none'];

module.exports = { NETWORK_TYPES };
