'use strict';
// The FileSystemManager's zip methods, unzip and readZipEntry, on user and
// temp files: zip archives read by src/codecs/zip.js (stored and deflated
// entries, CRC-checked; no ZIP64), its errors answered as FileErrors
// (1301102 "unzip open file fail", 1301103 "unzip entry fail").

const fs = require('node:fs');
const path = require('node:path');
const { fail } = require('../errors');
const { typeName } = require('../validate');
const { realmBuffer } = require('../bytes');
const { E, fileFail } = require('./errors');
const { needPath, encodingOf, statOr, writable } = require('./args');
const { readZip: readZipArchive, inflateEntry, ZipError } = require('../codecs/zip');

/**
 * The entries of the zip archive at plugin path `p` (a user or temp file)
 * (src/codecs/zip.js). A file that is no zip archive fails 1301102 "unzip
 * open file fail".
 */
function readZip(env, p) {
  const at = env.files.locate(p);
  const st = statOr(at.real);
  if (!st) throw fileFail(E.noEntry, p);
  if (st.isDirectory()) throw fileFail(E.isDir, p);
  try { return readZipArchive(fs.readFileSync(at.real)); } catch (e) { throw zipFail(e); }
}

/** An entry's bytes; one that cannot be read fails 1301103 "unzip entry fail". */
function inflate(entry) {
  try { return inflateEntry(entry); } catch (e) { throw zipFail(e); }
}

/** The FileError of a ZipError (its `part`); anything else is a host bug and surfaces. */
function zipFail(e) {
  if (!(e instanceof ZipError)) throw e;
  return fileFail(e.part === 'open' ? E.unzipOpen : E.unzipEntry);
}

/** unzip and readZipEntry, as METHODS (files/methods.js) has them. */
const ZIP_METHODS = {
  unzip: {
    run: (o, env) => {
      const from = needPath(o, 'zipFilePath');
      const to = needPath(o, 'targetPath');
      const zip = readZip(env, from);
      const target = writable(env.files, to);
      const st = statOr(target.real);
      if (st && !st.isDirectory()) throw fileFail(E.notDir, to);
      // Every entry is inflated and placed before anything is written: a bad archive writes nothing.
      const out = [];
      for (const entry of zip) {
        const parts = entry.name.split('/').filter((seg) => seg !== '' && seg !== '.');
        if (parts.includes('..') || entry.name.startsWith('/')) throw fileFail(E.unzipEntry); // no escaping the target
        out.push({ real: path.join(target.real, ...parts), dir: entry.name.endsWith('/'), bytes: entry.name.endsWith('/') ? null : inflate(entry) });
      }
      const added = out.reduce((n, f) => n + (f.bytes ? f.bytes.length : 0), 0);
      if (out.some((f) => f.bytes && f.bytes.length > env.files.fileSizeLimit) || env.files.usage() + added > env.files.userDataLimit) throw fileFail(E.full);
      fs.mkdirSync(target.real, { recursive: true });
      for (const f of out) {
        if (f.dir) fs.mkdirSync(f.real, { recursive: true });
        else {
          fs.mkdirSync(path.dirname(f.real), { recursive: true });
          fs.writeFileSync(f.real, f.bytes);
        }
      }
    },
  },
  readZipEntry: {
    run: (o, env) => {
      const p = needPath(o, 'filePath');
      const zip = readZip(env, p);
      const files = new Map(zip.filter((e) => !e.name.endsWith('/')).map((e) => [e.name, e]));
      let wanted;
      if (o.entries === 'all') {
        const encoding = encodingOf(o, { optional: true });
        wanted = [...files.keys()].map((name) => ({ path: name, encoding }));
      } else if (Array.isArray(o.entries)) {
        wanted = o.entries.map((item, i) => {
          if (!item || typeof item.path !== 'string') throw fail(`parameter error: parameter.entries[${i}].path should be String instead of ${typeName(item && item.path)};`);
          return { ...item, encoding: encodingOf(item, { optional: true }) };
        });
      } else {
        throw fail(`parameter error: parameter.entries should be Array or "all" instead of ${typeName(o.entries)};`);
      }
      // One FileItem per path, { data, errMsg }: a path the archive lacks fails alone.
      const result = {};
      for (const item of wanted) {
        const entry = files.get(item.path);
        if (!entry) {
          result[item.path] = { errMsg: `readZipEntry:fail no such file or directory ${item.path}` };
          continue;
        }
        let bytes = inflate(entry);
        if (item.position !== undefined || item.length !== undefined) {
          const position = item.position === undefined ? 0 : Number(item.position);
          const length = item.length === undefined ? bytes.length - position : Number(item.length);
          if (!Number.isInteger(position) || position < 0 || position > bytes.length) {
            result[item.path] = { errMsg: `readZipEntry:fail ${E.offsetRange[1]}` };
            continue;
          }
          if (!Number.isInteger(length) || length < 0 || position + length > bytes.length) {
            result[item.path] = { errMsg: `readZipEntry:fail ${E.lengthRange[1]}` };
            continue;
          }
          bytes = bytes.subarray(position, position + length);
        }
        result[item.path] = { data: item.encoding ? bytes.toString(item.encoding) : realmBuffer(env.realm, bytes), errMsg: 'readZipEntry:ok' };
      }
      return { entries: result };
    },
  },
};

module.exports = { ZIP_METHODS };
