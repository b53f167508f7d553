'use strict';
// Where the phone is unless the scenario's `location` says otherwise:
// Tiananmen Square, 39.9087 N 116.3975 E (getLocation & co., MapContext).

const DEFAULT_LOCATION = { latitude: 39.9087, longitude: 116.3975, speed: -1, accuracy: 65, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 65 };

module.exports = { DEFAULT_LOCATION };
