'use strict';
// The FileSystemManager's methods, each (o, env) -> result fields, on the
// plugin's files (files/sandbox.js): what apis/file/manager.js gives the
// plugin as the manager's async and *Sync methods, what downloadFile and
// uploadFile write and read by, and the names src/faults.js lets a
// scenario fault ("FileSystemManager.<method>").
//
// Methods: those the typings list for FileSystemManager with a plugin note
// other than 不支持 (wx-allowlist/data/interfaces.json); getFileInfo,
// saveFile(Sync), getSavedFileList, removeSavedFile, readCompressedFile(Sync)
// are unsupported in plugins and absent.

const fs = require('node:fs');
const path = require('node:path');
const { isArrayBuffer, realmBuffer } = require('../bytes');
const { E, fileFail, fromNode } = require('./errors');
const { needPath, encodingOf, bytesOf, statOr, makeStats, checkLimits, writable, writeData, fdEntry, recursiveStats, FLAGS } = require('./args');
const { ZIP_METHODS } = require('./zip');

/**
 * The methods, each (o, env) -> result fields, with `sync` saying how the
 * *Sync twin takes its arguments (positional field names, or 'option' for
 * one option object) and `returns` which result field it returns ('*': the
 * whole result without errMsg; absent: nothing). No `sync`: async only.
 */
const METHODS = {
  access: {
    sync: ['path'],
    run: (o, env) => {
      const p = needPath(o, 'path');
      const at = env.files.locate(p);
      if (!statOr(at.real)) throw fileFail(E.noEntry, p);
    },
  },
  readFile: {
    sync: ['filePath', 'encoding', 'position', 'length'],
    returns: 'data',
    run: (o, env) => {
      const p = needPath(o, 'filePath');
      const at = env.files.locate(p);
      const encoding = encodingOf(o, { optional: true });
      const st = statOr(at.real);
      if (!st) throw fileFail(E.noEntry, p);
      if (st.isDirectory()) throw fileFail(E.isDir, p);
      let bytes = fs.readFileSync(at.real);
      if (o.position !== undefined || o.length !== undefined) {
        const position = o.position === undefined ? 0 : Number(o.position);
        if (!Number.isInteger(position) || position < 0 || position > bytes.length) throw fileFail(E.offsetRange);
        const length = o.length === undefined ? bytes.length - position : Number(o.length);
        if (!Number.isInteger(length) || length < 0 || position + length > bytes.length) throw fileFail(E.lengthRange);
        bytes = bytes.subarray(position, position + length);
      }
      return { data: encoding ? bytes.toString(encoding) : realmBuffer(env.realm, bytes) };
    },
  },
  writeFile: { sync: ['filePath', 'data', 'encoding'], run: (o, env) => { writeData(env, o, false); } },
  appendFile: { sync: ['filePath', 'data', 'encoding'], run: (o, env) => { writeData(env, o, true); } },
  mkdir: {
    sync: ['dirPath', 'recursive'],
    run: (o, env) => {
      const p = needPath(o, 'dirPath');
      const at = writable(env.files, p);
      if (statOr(at.real)) throw fileFail(E.exists, p);
      if (!o.recursive) {
        const parent = statOr(path.dirname(at.real));
        if (!parent) throw fileFail(E.noEntry, p);
        if (!parent.isDirectory()) throw fileFail(E.notDir, p);
      }
      try { fs.mkdirSync(at.real, { recursive: !!o.recursive }); } catch (e) { throw fromNode(e, p); }
    },
  },
  readdir: {
    sync: ['dirPath'],
    returns: 'files',
    run: (o, env) => {
      const p = needPath(o, 'dirPath');
      const at = env.files.locate(p);
      const st = statOr(at.real);
      if (!st) throw fileFail(E.noEntry, p);
      if (!st.isDirectory()) throw fileFail(E.notDir, p);
      return { files: fs.readdirSync(at.real).sort() };
    },
  },
  rmdir: {
    sync: ['dirPath', 'recursive'],
    run: (o, env) => {
      const p = needPath(o, 'dirPath');
      const at = writable(env.files, p);
      if (at.isRoot) throw fileFail(E.notPermitted, p); // USER_DATA_PATH itself stays
      const st = statOr(at.real);
      if (!st) throw fileFail(E.noEntry, p);
      if (!st.isDirectory()) throw fileFail(E.notDir, p);
      if (!o.recursive && fs.readdirSync(at.real).length > 0) throw fileFail(E.notEmpty, p);
      fs.rmSync(at.real, { recursive: true });
    },
  },
  unlink: {
    sync: ['filePath'],
    run: (o, env) => {
      const p = needPath(o, 'filePath');
      const at = writable(env.files, p);
      const st = statOr(at.real);
      if (!st) throw fileFail(E.noEntry, p);
      if (st.isDirectory()) throw fileFail(E.notPermitted, p); // the table's example for 1300001
      fs.unlinkSync(at.real);
    },
  },
  stat: {
    sync: ['path', 'recursive'],
    returns: 'stats',
    run: (o, env) => {
      const p = needPath(o, 'path');
      const at = env.files.locate(p);
      const st = statOr(at.real);
      if (!st) throw fileFail(E.noEntry, p);
      if (!o.recursive || !st.isDirectory()) return { stats: makeStats(env, st) };
      const out = [];
      recursiveStats(env, at.real, '/', out);
      return { stats: out };
    },
  },
  rename: {
    sync: ['oldPath', 'newPath'],
    run: (o, env) => {
      const from = needPath(o, 'oldPath');
      const to = needPath(o, 'newPath');
      const src = writable(env.files, from);
      const dest = writable(env.files, to);
      if (!statOr(src.real)) throw fileFail(E.noEntry, from);
      if (!statOr(path.dirname(dest.real))) throw fileFail(E.noEntry, to);
      try { fs.renameSync(src.real, dest.real); } catch (e) { throw fromNode(e, to); }
    },
  },
  copyFile: {
    sync: ['srcPath', 'destPath'],
    run: (o, env) => {
      const from = needPath(o, 'srcPath');
      const to = needPath(o, 'destPath');
      const src = env.files.locate(from); // a temp file may be copied into the user files
      const dest = writable(env.files, to);
      const st = statOr(src.real);
      if (!st) throw fileFail(E.noEntry, from);
      if (st.isDirectory()) throw fileFail(E.dirOperation, from);
      const destSt = statOr(dest.real);
      if (destSt && destSt.isDirectory()) throw fileFail(E.dirOperation, to);
      if (!statOr(path.dirname(dest.real))) throw fileFail(E.noEntry, to);
      checkLimits(env.files, dest.real, { size: st.size });
      fs.copyFileSync(src.real, dest.real);
    },
  },
  truncate: {
    sync: 'option',
    run: (o, env) => {
      const p = needPath(o, 'filePath');
      const at = writable(env.files, p);
      const st = statOr(at.real);
      if (!st) throw fileFail(E.noEntry, p);
      if (st.isDirectory()) throw fileFail(E.dirOperation, p);
      const length = o.length === undefined ? 0 : Number(o.length);
      if (!Number.isInteger(length) || length < 0) throw fileFail(E.lengthRange);
      checkLimits(env.files, at.real, { size: Math.max(length, st.size) });
      fs.truncateSync(at.real, length);
    },
  },
  open: {
    sync: 'option',
    returns: 'fd',
    run: (o, env) => {
      const p = needPath(o, 'filePath');
      const flag = o.flag === undefined ? 'r' : o.flag;
      if (!FLAGS.includes(flag)) throw fileFail(E.invalidFlag);
      const at = flag === 'r' ? env.files.locate(p) : writable(env.files, p);
      const st = statOr(at.real);
      if (st && st.isDirectory()) throw fileFail(E.dirOperation, p);
      let fd;
      try { fd = fs.openSync(at.real, flag); } catch (e) { throw fromNode(e, p); }
      return { fd: env.files.nextFd({ fd, path: p, real: at.real, area: at.area, flag }) };
    },
  },
  close: {
    sync: 'option',
    run: (o, env) => {
      const entry = fdEntry(env, o);
      fs.closeSync(entry.fd);
      env.files.fds.delete(o.fd);
    },
  },
  read: {
    sync: 'option',
    returns: '*',
    run: (o, env) => {
      const entry = fdEntry(env, o);
      const ab = o.arrayBuffer;
      if (!isArrayBuffer(ab)) throw fileFail(E.noBuffer);
      const offset = o.offset === undefined ? 0 : Number(o.offset);
      if (!Number.isInteger(offset) || offset < 0 || offset > ab.byteLength) throw fileFail(E.offsetRange);
      const length = o.length === undefined ? ab.byteLength - offset : Number(o.length);
      if (!Number.isInteger(length) || length < 0 || offset + length > ab.byteLength) throw fileFail(E.lengthRange);
      const position = o.position === undefined || o.position === null ? null : Number(o.position);
      let bytesRead;
      try { bytesRead = fs.readSync(entry.fd, new Uint8Array(ab, offset, length), 0, length, position); } catch (e) { throw fromNode(e, entry.path); }
      return { bytesRead, arrayBuffer: ab };
    },
  },
  write: {
    sync: 'option',
    returns: '*',
    run: (o, env) => {
      const entry = fdEntry(env, o);
      if (entry.area !== 'usr' || entry.flag === 'r') throw fileFail(E.readOnly);
      let bytes;
      if (isArrayBuffer(o.data)) {
        const all = new Uint8Array(o.data);
        const offset = o.offset === undefined ? 0 : Number(o.offset);
        if (!Number.isInteger(offset) || offset < 0 || offset > all.length) throw fileFail(E.offsetRange);
        const length = o.length === undefined ? all.length - offset : Number(o.length);
        if (!Number.isInteger(length) || length < 0 || offset + length > all.length) throw fileFail(E.lengthRange);
        bytes = Buffer.from(all.subarray(offset, offset + length));
      } else {
        bytes = bytesOf(o, encodingOf(o, { optional: false }));
      }
      const position = o.position === undefined || o.position === null ? null : Number(o.position);
      const size = fs.fstatSync(entry.fd).size;
      const end = position === null ? size + bytes.length : Math.max(size, position + bytes.length);
      checkLimits(env.files, entry.real, { size: end });
      let bytesWritten;
      try { bytesWritten = fs.writeSync(entry.fd, bytes, 0, bytes.length, position); } catch (e) { throw fromNode(e, entry.path); }
      return { bytesWritten };
    },
  },
  fstat: {
    sync: 'option',
    returns: 'stats',
    run: (o, env) => ({ stats: makeStats(env, fs.fstatSync(fdEntry(env, o).fd)) }),
  },
  ftruncate: {
    sync: 'option',
    run: (o, env) => {
      const entry = fdEntry(env, o);
      if (entry.area !== 'usr' || entry.flag === 'r') throw fileFail(E.readOnly);
      const length = o.length === undefined ? 0 : Number(o.length);
      if (!Number.isInteger(length) || length < 0) throw fileFail(E.lengthRange);
      checkLimits(env.files, entry.real, { size: Math.max(length, fs.fstatSync(entry.fd).size) });
      fs.ftruncateSync(entry.fd, length);
    },
  },
  ...ZIP_METHODS,
};

module.exports = { METHODS };
