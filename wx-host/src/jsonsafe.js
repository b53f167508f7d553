'use strict';
// Turns plugin values (possibly from the sandbox realm) into plain JSON data
// for the trace and the report: functions become "[Function]", buffers show
// only their size, cycles and deep nesting are cut.

const { types } = require('node:util');

function jsonSafe(value, depth = 0, seen = new Set()) {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return '[Function]';
  // util.types checks work across realms, unlike instanceof.
  if (types.isAnyArrayBuffer(value)) return { ArrayBuffer: value.byteLength };
  if (types.isTypedArray(value)) return { [Object.prototype.toString.call(value).slice(8, -1)]: value.length };
  if (types.isNativeError(value)) return `${value.name}: ${value.message}`;
  if (types.isPromise(value)) return '[Promise]';
  if (seen.has(value)) return '[Circular]';
  if (depth >= 8) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  let out;
  if (Array.isArray(value)) {
    // An index loop, not value.map: a plugin array's map (or its species) is plugin code.
    out = [];
    for (let i = 0; i < value.length; i++) { const s = jsonSafe(value[i], depth + 1, seen); out.push(s === undefined ? null : s); }
  } else {
    out = {};
    for (const k of Object.keys(value)) {
      const s = jsonSafe(value[k], depth + 1, seen);
      if (s !== undefined) out[k] = s;
    }
  }
  seen.delete(value);
  return out;
}

module.exports = { jsonSafe };
