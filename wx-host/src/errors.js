'use strict';
// WeChat's failures and the argument checks every API category shares.
// Kept apart from wx.js so the category files (apis/*.js), which wx.js
// loads, can use them without a require cycle.

const { types } = require('node:util');

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

/** What an API answers when the host has no implementation for it. */
const NOT_SIMULATED = 'not simulated yet';

/** WeChat's name for a value's type in "parameter error" messages ("String", "Undefined", ...). */
function typeName(v) {
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'Array';
  const t = typeof v;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** options[field] when it is a string; otherwise WeChat's parameter error. */
function needString(options, field) {
  const v = options[field];
  if (typeof v !== 'string') throw fail(`parameter error: parameter.${field} should be String instead of ${typeName(v)};`);
  return v;
}

/** True for an ArrayBuffer of any realm (the plugin's are not this realm's); a Symbol.toStringTag cannot fake one. */
function isArrayBuffer(v) {
  return types.isArrayBuffer(v);
}

/** Copies bytes into a new ArrayBuffer (the membrane copies it into the plugin realm, where `instanceof ArrayBuffer` holds). */
function realmBuffer(realm, bytes) {
  const ab = new realm.ArrayBuffer(bytes.length);
  new realm.Uint8Array(ab).set(bytes);
  return ab;
}

/**
 * An async API whose success callback gets a plain value rather than a
 * result object (getRendererUserAgent's `userAgent: string`): the
 * implementation returns raw(value), and success receives exactly it.
 */
class Raw {
  constructor(value) { this.value = value; }
}
const raw = (value) => new Raw(value);

module.exports = { Raw, raw, Fail, fail, NOT_SIMULATED, typeName, needString, isArrayBuffer, realmBuffer };
