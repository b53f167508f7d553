'use strict';
// What the FileSystemManager's methods share: their argument checks
// (paths, encodings, data), the user-file rules of writing (temp files are
// read-only, the size limits) and the realm's Stats objects.

const fs = require('node:fs');
const path = require('node:path');
const { fail } = require('../errors');
const { typeName } = require('../validate');
const { isArrayBuffer } = require('../bytes');
const { E, fileFail, fromNode } = require('./errors');

const ENCODINGS = ['ascii', 'base64', 'binary', 'hex', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'utf-8', 'utf8', 'latin1'];
const FLAGS = ['a', 'ax', 'a+', 'ax+', 'as', 'as+', 'r', 'r+', 'w', 'wx', 'w+', 'wx+'];

function needPath(o, field) {
  const v = o[field];
  if (typeof v !== 'string') throw fail(`parameter error: parameter.${field} should be String instead of ${typeName(v)};`);
  return v;
}

function encodingOf(o, { optional }) {
  const enc = o.encoding;
  if (enc === undefined || enc === null || enc === '') {
    if (optional) return null;
    return 'utf8';
  }
  if (!ENCODINGS.includes(enc)) throw fileFail(E.invalid);
  return enc;
}

/** The bytes of `data` (string in `encoding`, or an ArrayBuffer). */
function bytesOf(o, encoding) {
  const { data } = o;
  if (Buffer.isBuffer(data)) return data; // the host's own writes (downloadFile)
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (isArrayBuffer(data)) return Buffer.from(new Uint8Array(data));
  throw fail(`parameter error: parameter.data should be String or ArrayBuffer instead of ${typeName(data)};`);
}

function statOr(real) {
  try { return fs.statSync(real); } catch { return null; }
}

/** A Stats object in the plugin realm: the typings' fields, isFile()/isDirectory(). */
function makeStats(env, st) {
  const s = env.realm.object();
  s.mode = st.mode;
  s.size = st.size;
  // UNIX timestamps, in seconds as POSIX st_atime / st_mtime (the typings' doc).
  s.lastAccessedTime = Math.floor(st.atimeMs / 1000);
  s.lastModifiedTime = Math.floor(st.mtimeMs / 1000);
  const isFile = st.isFile();
  const isDirectory = st.isDirectory();
  s.isFile = () => isFile;
  s.isDirectory = () => isDirectory;
  return s;
}

/**
 * Checks that writing `size` bytes over what `real` holds now (or `added`
 * more bytes) stays within the limits.
 */
function checkLimits(files, real, { size = null, added = 0 }) {
  const old = statOr(real);
  const oldSize = old && old.isFile() ? old.size : 0;
  const newSize = size === null ? oldSize + added : size;
  if (newSize > files.fileSizeLimit) throw fileFail(E.full);
  if (files.usage() - oldSize + newSize > files.userDataLimit) throw fileFail(E.full);
}

/** A user-file location to write to: temp files are read-only; the parent must be a directory. */
function writable(files, p) {
  const at = files.locate(p);
  if (at.area !== 'usr') throw fileFail(E.readOnly, p);
  return at;
}

function writeData(env, o, append) {
  const p = needPath(o, 'filePath');
  const at = writable(env.files, p);
  const st = statOr(at.real);
  if (st && st.isDirectory()) throw fileFail(E.dirOperation, p);
  if (append && !st) throw fileFail(E.noEntry, p);
  const parent = statOr(path.dirname(at.real));
  if (!parent) throw fileFail(E.noEntry, p);
  if (!parent.isDirectory()) throw fileFail(E.notDir, p);
  const bytes = bytesOf(o, encodingOf(o, { optional: false }));
  checkLimits(env.files, at.real, append ? { added: bytes.length } : { size: bytes.length });
  try {
    if (append) fs.appendFileSync(at.real, bytes);
    else fs.writeFileSync(at.real, bytes);
  } catch (e) { throw fromNode(e, p); }
}

function fdEntry(env, o) {
  const id = o.fd;
  if (typeof id !== 'string') throw fail(`parameter error: parameter.fd should be String instead of ${typeName(id)};`);
  const entry = env.files.fds.get(id);
  if (!entry) throw fileFail(E.badFd);
  return entry;
}

function recursiveStats(env, real, rel, out) {
  const st = fs.statSync(real);
  out.push({ path: rel, stats: makeStats(env, st) });
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(real).sort()) recursiveStats(env, path.join(real, name), `${rel === '/' ? '' : rel}/${name}`, out);
  }
}

module.exports = { ENCODINGS, FLAGS, needPath, encodingOf, bytesOf, statOr, makeStats, checkLimits, writable, writeData, fdEntry, recursiveStats };
