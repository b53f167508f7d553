'use strict';
// Bytes between the host and the plugin realm: what counts as an
// ArrayBuffer, and the ArrayBuffers the host hands over.

const { types } = require('node:util');

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

/** A host ArrayBuffer of the bytes a hex string spells (a scenario's "0a1b"; empty for none). */
const hexBuffer = (hex) => { const b = Buffer.from(hex || '', 'hex'); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length); };

module.exports = { isArrayBuffer, realmBuffer, hexBuffer };
