'use strict';
// JPEG: a header-only file whose frame says a given size (the host draws
// no pixels), and the size a JPEG's first start-of-frame marker gives.

/** SOI, a JFIF APP0, a baseline SOF0 of width x height (one component), EOI. */
function jpegBytes(width, height) {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x01, 0x01, 0x11, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), sof, Buffer.from([0xff, 0xd9])]);
}

/** { width, height } from the first SOFn marker (not DHT, JPG, DAC), or null. */
function jpegSize(b) {
  if (!(b.length >= 4 && b[0] === 0xff && b[1] === 0xd8)) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
    i += 2 + len;
  }
  return null;
}

module.exports = { jpegBytes, jpegSize };
