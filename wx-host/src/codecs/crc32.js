'use strict';
// CRC-32 (IEEE 802.3, the polynomial 0xEDB88320 reflected), as PNG chunks
// and zip entries carry it. Node's own zlib.crc32 where this Node has it
// (20.15 / 22.2 and later), else a table-driven one; both give the same value.

const zlib = require('node:zlib');

const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The CRC-32 of `bytes` (a Buffer or Uint8Array) computed in JS. */
function crc32Table(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The CRC-32 of `bytes`, an unsigned 32-bit integer. */
const crc32 = zlib.crc32 ? (bytes) => zlib.crc32(bytes) : crc32Table;

module.exports = { crc32, crc32Table };
