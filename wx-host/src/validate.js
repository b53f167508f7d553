'use strict';
// The argument checks the API categories share: each returns the checked
// value or throws WeChat's "parameter error" failure (src/errors.js), which
// the calling conventions answer as "<api>:fail parameter error: ...".

const { fail } = require('./errors');
const { isArrayBuffer } = require('./bytes');

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

/** options[field] when its typeof is `type` ('number' or 'boolean'). */
function needType(o, field, type) {
  const v = o[field];
  if (typeof v !== type) throw fail(`parameter error: parameter.${field} should be ${typeName(type === 'number' ? 0 : false)} instead of ${typeName(v)};`);
  return v;
}

/** options[field] when it is one of `values`; undefined when absent and `optional`. */
function needEnum(o, field, values, { optional = true } = {}) {
  const v = o[field];
  if (v === undefined && optional) return undefined;
  if (v === undefined) throw fail(`parameter error: parameter.${field} should be String instead of Undefined;`);
  if (!values.includes(v)) throw fail(`parameter error: parameter.${field} should be one of ${values.join(', ')} instead of ${JSON.stringify(v)};`);
  return v;
}

/** options[field] when it is an array. */
function needArray(o, field) {
  const v = o[field];
  if (!Array.isArray(v)) throw fail(`parameter error: parameter.${field} should be Array instead of ${typeName(v)};`);
  return v;
}

/** options[field] when it is an ArrayBuffer (of any realm), as a host Buffer copy. */
function needBuffer(o, field) {
  const v = o[field];
  if (!isArrayBuffer(v)) throw fail(`parameter error: parameter.${field} should be ArrayBuffer instead of ${typeName(v)};`);
  return Buffer.from(new Uint8Array(v));
}

module.exports = { typeName, needString, needType, needEnum, needArray, needBuffer };
