'use strict';
// The codecs (src/codecs/): CRC-32, the image headers the host writes and
// reads, and the zip reader's errors. Expected values: CRC-32's published
// check value (the CRC catalogue's "CRC-32/ISO-HDLC": check = 0xCBF43926
// for the ASCII bytes "123456789"); the PNG, GIF and JPEG header layouts of
// their specifications (PNG: signature, then IHDR's width and height as
// big-endian 32-bit integers at bytes 16 and 20; GIF: "GIF89a", then the
// logical screen's width and height, little-endian 16-bit; JPEG: SOI, and a
// SOF0 whose height and width follow the precision byte, big-endian).
const test = require('node:test');
const assert = require('node:assert/strict');
const { crc32, crc32Table } = require('../src/codecs/crc32');
const { pngBytes } = require('../src/codecs/png');
const { jpegBytes } = require('../src/codecs/jpeg');
const { gifBytes } = require('../src/codecs/gif');
const { imageSize, IMAGE_MAKERS } = require('../src/codecs/image');
const { readZip, inflateEntry, ZipError } = require('../src/codecs/zip');

test('CRC-32 gives the catalogue check value, with Node\'s zlib and without', () => {
  const check = Buffer.from('123456789', 'ascii');
  assert.equal(crc32(check), 0xcbf43926);
  assert.equal(crc32Table(check), 0xcbf43926);
  assert.equal(crc32Table(Buffer.alloc(0)), 0);
});

test('the images the host writes have the headers their formats define, and imageSize reads them back', () => {
  const png = pngBytes(640, 480);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [640, 480]);
  // IHDR's CRC covers its type and data (13 bytes), computed here by the table implementation.
  assert.equal(png.readUInt32BE(29), crc32Table(png.subarray(12, 29)));
  const gif = gifBytes(300, 200);
  assert.equal(gif.toString('latin1', 0, 6), 'GIF89a');
  assert.deepEqual([gif.readUInt16LE(6), gif.readUInt16LE(8)], [300, 200]);
  const jpeg = jpegBytes(1080, 1920);
  assert.deepEqual([jpeg[0], jpeg[1], jpeg[jpeg.length - 2], jpeg[jpeg.length - 1]], [0xff, 0xd8, 0xff, 0xd9]);
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  assert.deepEqual([jpeg.readUInt16BE(sof + 5), jpeg.readUInt16BE(sof + 7)], [1920, 1080]);
  for (const type of Object.keys(IMAGE_MAKERS)) assert.deepEqual(imageSize(IMAGE_MAKERS[type](33, 17)), { width: 33, height: 17, type });
  assert.equal(imageSize(Buffer.from('not an image at all')), null);
});

test('the zip reader says which part it could not read', () => {
  assert.throws(() => readZip(Buffer.from('no zip here, not even an end record')), (e) => e instanceof ZipError && e.part === 'open');
  const entry = { name: 'a.txt', method: 0, crc: 0, compressed: Buffer.from('abc'), size: 3 };
  assert.throws(() => inflateEntry(entry), (e) => e instanceof ZipError && e.part === 'entry' && /a\.txt/.test(e.message));
  assert.deepEqual(inflateEntry({ ...entry, crc: crc32Table(Buffer.from('abc')) }), Buffer.from('abc'));
  assert.throws(() => inflateEntry({ ...entry, method: 12 }), /compression method 12/);
});
