'use strict';
// GIF: a header-only GIF89a whose logical screen is a given size, and the
// size a GIF's header gives.

/** The GIF89a header and logical screen descriptor of width x height, then the trailer. */
function gifBytes(width, height) {
  const b = Buffer.from('GIF89a\0\0\0\0\0\0\0', 'latin1');
  b.writeUInt16LE(width, 6); b.writeUInt16LE(height, 8);
  return Buffer.concat([b, Buffer.from([0x3b])]);
}

/** { width, height } from the logical screen descriptor, or null when `b` is no GIF. */
function gifSize(b) {
  if (b.length >= 10 && b.toString('latin1', 0, 3) === 'GIF') return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  return null;
}

module.exports = { gifBytes, gifSize };
