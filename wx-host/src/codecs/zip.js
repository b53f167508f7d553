'use strict';
// A zip reader (the PKWARE format): the central directory's entries, and
// an entry's bytes for the stored and deflated methods, checked against the
// entry's size and CRC-32. No ZIP64, no encryption. What cannot be read is
// a ZipError: `open` for the archive, `entry` for one entry (the
// FileSystemManager answers them as 1301102 / 1301103).

const zlib = require('node:zlib');
const { crc32 } = require('./crc32');

/** An archive (`part: 'open'`) or an entry (`part: 'entry'`) that cannot be read. */
class ZipError extends Error {
  constructor(part, message) {
    super(message);
    this.name = 'ZipError';
    this.part = part;
  }
}

/**
 * The entries of the archive `buf`, from its central directory:
 * [{ name, method, crc, compressed: Buffer, size }]. Throws a ZipError
 * ('open') when `buf` is no zip archive or its records run off its end.
 */
function readZip(buf) {
  const bad = (why) => new ZipError('open', `not a zip archive: ${why}`);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw bad('no end of central directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (off + 46 > buf.length || buf.readUInt32LE(off) !== 0x02014b50) throw bad(`central directory entry ${i} is broken`);
    const method = buf.readUInt16LE(off + 10);
    const crc = buf.readUInt32LE(off + 16);
    const csize = buf.readUInt32LE(off + 20);
    const size = buf.readUInt32LE(off + 24);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const local = buf.readUInt32LE(off + 42);
    const name = buf.subarray(off + 46, off + 46 + nameLen).toString('utf8');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw bad(`the local header of ${name} is broken`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + csize > buf.length) throw bad(`${name} runs past the end`);
    entries.push({ name, method, crc, compressed: buf.subarray(start, start + csize), size });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** An entry's bytes (a Buffer of its own), checked against its size and CRC-32; a ZipError ('entry') otherwise. */
function inflateEntry(entry) {
  const bad = (why) => new ZipError('entry', `${entry.name}: ${why}`);
  let bytes;
  if (entry.method === 0) bytes = entry.compressed;
  else if (entry.method === 8) {
    try { bytes = zlib.inflateRawSync(entry.compressed); } catch (e) { throw bad(`cannot inflate (${e.message})`); }
  } else {
    throw bad(`compression method ${entry.method} (only stored and deflated are read)`);
  }
  if (bytes.length !== entry.size || crc32(bytes) !== entry.crc) throw bad('size or CRC-32 differs from the central directory');
  return Buffer.from(bytes);
}

module.exports = { readZip, inflateEntry, ZipError };
