'use strict';
// WeChat's failures, as the API implementations throw them and the calling
// conventions (src/wx.js) answer them. The argument checks that throw them
// are src/validate.js; byte helpers src/bytes.js.

/**
 * A WeChat failure: the calling conventions turn it into
 * "<api>:fail <reason>", plus `fields` (e.g. { errCode }) in the result
 * object where the typings give the failure more than an errMsg.
 */
class Fail extends Error {
  constructor(reason, fields = undefined) {
    super(reason);
    this.reason = reason;
    this.fields = fields;
  }
}

/** Shorthand for `new Fail(reason, fields)`, so implementations read `throw fail(...)`. */
const fail = (reason, fields) => new Fail(reason, fields);

/** A failure from a row [reason, errCode] of a typings' error table (BluetoothError, BeaconError, WifiError, ...). */
const failRow = ([reason, errCode]) => fail(reason, { errCode });

/** What an API answers when the host has no implementation for it. */
const NOT_SIMULATED = 'not simulated yet';

/**
 * An async API whose success callback gets a plain value rather than a
 * result object (getRendererUserAgent's `userAgent: string`): the
 * implementation returns raw(value), and success receives exactly it.
 */
class Raw {
  constructor(value) { this.value = value; }
}
const raw = (value) => new Raw(value);

module.exports = { Raw, raw, Fail, fail, failRow, NOT_SIMULATED };
