'use strict';
// The "file" category: wx.getFileSystemManager, a stateful FileSystemManager
// on a per-run sandbox directory of real files.
//
// WeChat's path rules, as the host applies them:
// - `wx.env.USER_DATA_PATH` is "wxfile://usr" (the typings only say it is a
//   string: lib.wx.api.d.ts `env: { USER_DATA_PATH: string }`; the value is
//   the device's). Paths under it are the plugin's own files: read and write.
// - Temp files (`wxfile://tmp/...`, `wxfile://tmp_...`) are what downloadFile
//   writes: read-only, as WeChat's 本地临时文件 ("不能直接写入内容").
// - Anything else (other wxfile:// roots, http://, code-package paths) fails
//   with "Path permission denied" (errCode 1300014).
// - ".." may not climb out of a root (also 1300014).
//
// Failures carry WeChat's errMsg text and errCode from the FileError table of
// miniprogram-api-typings 5.2.3, types/wx/lib.wx.api.d.ts lines 16763-16800
// (`interface FileError { errMsg; errCode }`): e.g. line 16768
// "1300002 | no such file or directory ${path}". The fail result is
// { errMsg: "<method>:fail <text>", errCode }; a *Sync method throws an Error
// with that message and the same errCode property.
//
// Size limits: the snapshot's 1300202 row (line 16779) says "the maximum size
// of the file storage limit is exceeded | 存储空间不足，或文件大小超出上限（上限100M）":
// one file may hold 100 MB. The snapshot gives no total; WeChat's file-system
// guide (https://developers.weixin.qq.com/miniprogram/dev/framework/ability/file-system.html)
// says user files and cached files together may hold 200 MB. Both are host
// options (createHost `userDataLimit`, `fileSizeLimit`).
//
// Methods: those the typings list for FileSystemManager with a plugin note
// other than 不支持 (wx-allowlist/data/interfaces.json); getFileInfo,
// saveFile(Sync), getSavedFileList, removeSavedFile, readCompressedFile(Sync)
// are unsupported in plugins and absent. unzip and readZipEntry read zip
// archives (stored and deflated entries, CRC-checked; no ZIP64).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fail } = require('../errors');
const { typeName } = require('../validate');
const { isArrayBuffer, realmBuffer } = require('../bytes');
const { readZip: readZipArchive, inflateEntry, ZipError } = require('../codecs/zip');

const USER_DATA_PATH = 'wxfile://usr';
const TEMP_PREFIX = 'wxfile://tmp';
const MB = 1024 * 1024;
/** One file's limit: the snapshot's "上限100M" (lib.wx.api.d.ts:16779). */
const FILE_SIZE_LIMIT = 100 * MB;
/** All user files together: 200 MB, WeChat's file-system guide (not in the snapshot). */
const USER_DATA_LIMIT = 200 * MB;

// The FileError table (lib.wx.api.d.ts:16765-16800), the rows the host uses.
const E = {
  notPermitted: [1300001, 'operation not permitted'],
  noEntry: [1300002, (p) => `no such file or directory ${p}`],
  badFd: [1300009, 'bad file descriptor'],
  readOnly: [1300013, 'permission denied'],
  pathDenied: [1300014, 'Path permission denied'],
  notDir: [1300020, 'not a directory'],
  isDir: [1300021, 'Is a directory'],
  invalid: [1300022, 'Invalid argument'],
  nameTooLong: [1300036, 'File name too long'],
  notEmpty: [1300066, 'directory not empty'],
  system: [1300201, 'system error'],
  full: [1300202, 'the maximum size of the file storage limit is exceeded'],
  dirOperation: [1301003, 'illegal operation on a directory'],
  exists: [1301005, (p) => `file already exists ${p}`],
  lengthRange: [1301006, 'value of length is out of range'],
  offsetRange: [1301007, 'value of offset is out of range'],
  invalidFlag: [1302003, 'invalid flag'],
  noBuffer: [1302005, 'array buffer does not exist'],
  unzipOpen: [1301102, 'unzip open file fail'],
  unzipEntry: [1301103, 'unzip entry fail'],
};

/** A FileError failure: errMsg text and errCode from the table. */
function fileFail([errCode, text], p) {
  return fail(typeof text === 'function' ? text(p) : text, { errCode });
}

/** Node's error codes to the FileError rows. */
function fromNode(e, p) {
  const row = {
    ENOENT: E.noEntry, EEXIST: E.exists, ENOTDIR: E.notDir, EISDIR: E.isDir, ENOTEMPTY: E.notEmpty,
    EBADF: E.badFd, EINVAL: E.invalid, ENAMETOOLONG: E.nameTooLong, EPERM: E.notPermitted, EACCES: E.readOnly,
  }[e && e.code];
  if (!row) throw e; // not a file-system failure: a host bug, let it surface
  return fileFail(row, p);
}

const ENCODINGS = ['ascii', 'base64', 'binary', 'hex', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'utf-8', 'utf8', 'latin1'];
const FLAGS = ['a', 'ax', 'a+', 'ax+', 'as', 'as+', 'r', 'r+', 'w', 'wx', 'w+', 'wx+'];

// Sandbox directories to remove when the process exits, should a host not be disposed.
const LIVE = new Set();
process.on('exit', () => { for (const d of LIVE) { try { fs.rmSync(d, { recursive: true, force: true }); } catch { /* best effort */ } } });

/**
 * The plugin's files: a directory holding usr/ (USER_DATA_PATH) and tmp/
 * (temp files). `dir` null: a fresh temp directory made on first use and
 * removed by dispose(); a path: that directory, kept (the CLI's --files).
 */
function createFiles({ dir = null, userDataLimit = USER_DATA_LIMIT, fileSizeLimit = FILE_SIZE_LIMIT } = {}) {
  let root = null;
  let temps = 0;
  const fds = new Map(); // fd string -> { fd, path, area }
  let fdSeq = 0;
  const files = {
    userDataLimit, fileSizeLimit, fds,
    /** The real directory if it has been made yet, else null (nothing is on disk until a file is). */
    current: () => root,
    /** The real directory (made now if need be). */
    root() {
      if (!root) {
        if (dir) {
          root = path.resolve(dir);
        } else {
          root = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-host-files-'));
          LIVE.add(root);
        }
        fs.mkdirSync(path.join(root, 'usr'), { recursive: true });
        fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
      }
      return root;
    },
    /**
     * Where a plugin path is: { area: 'usr'|'tmp', real, isRoot }, or a
     * 1300014 failure for a path outside the two roots.
     */
    locate(p) {
      let area;
      let rest;
      if (p === USER_DATA_PATH || p.startsWith(`${USER_DATA_PATH}/`)) {
        area = 'usr';
        rest = p.slice(USER_DATA_PATH.length);
      } else if (p === TEMP_PREFIX || p.startsWith(`${TEMP_PREFIX}/`)) {
        area = 'tmp';
        rest = p.slice(TEMP_PREFIX.length);
      } else if (p.startsWith(`${TEMP_PREFIX}_`)) {
        area = 'tmp';
        rest = `/${p.slice('wxfile://'.length)}`;
      } else {
        throw fileFail(E.pathDenied, p);
      }
      const parts = [];
      for (const seg of rest.split('/')) {
        if (seg === '' || seg === '.') continue;
        if (seg === '..') {
          if (parts.length === 0) throw fileFail(E.pathDenied, p);
          parts.pop();
        } else {
          parts.push(seg);
        }
      }
      return { area, real: path.join(files.root(), area, ...parts), isRoot: parts.length === 0 };
    },
    /** Bytes all user files take now. */
    usage() {
      let total = 0;
      const walk = (d) => {
        for (const ent of fs.readdirSync(d, { withFileTypes: true })) {
          const full = path.join(d, ent.name);
          if (ent.isDirectory()) walk(full);
          else total += fs.statSync(full).size;
        }
      };
      walk(path.join(files.root(), 'usr'));
      return total;
    },
    /** Writes a new temp file (downloadFile's), named `<name>-N`, and returns its wxfile://tmp/ path. */
    writeTemp(bytes, name) {
      temps += 1;
      return files.writeTempNamed(`${name}-${temps}`, bytes);
    },
    /** Writes the temp file `fileName` (a plain name) and returns its wxfile://tmp/ path. */
    writeTempNamed(fileName, bytes) {
      fs.writeFileSync(path.join(files.root(), 'tmp', fileName), bytes);
      return `${TEMP_PREFIX}/${fileName}`;
    },
    nextFd(entry) {
      fdSeq += 1;
      const id = String(fdSeq);
      fds.set(id, entry);
      return id;
    },
    /** Closes open fds and removes the directory unless it was given. */
    dispose() {
      for (const { fd } of fds.values()) { try { fs.closeSync(fd); } catch { /* already closed */ } }
      fds.clear();
      if (root && !dir) {
        fs.rmSync(root, { recursive: true, force: true });
        LIVE.delete(root);
        root = null;
      }
    },
  };
  return files;
}

// ---- the methods ----------------------------------------------------------

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

// ---- zip archives (unzip, readZipEntry): the PKWARE format, stored and deflated entries ----

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

/** The plugin's one FileSystemManager (WeChat's is global and unique), made on first use. */
function getFileSystemManager(env) {
  if (env.fileSystemManager) return env.fileSystemManager;
  const { asyncFn, syncFn } = env.conventions;
  const fsm = env.realm.object();
  // The scenario's faults (src/faults.js) for "FileSystemManager.<method>": a
  // missing method is absent (traced when the manager is made), the others
  // apply per call as they do to wx functions.
  const plan = env.faults;
  const fault = (trace) => (plan && plan.active ? () => plan.next(trace) : null);
  const absent = (trace) => {
    if (!plan || !plan.missing.has(trace)) return false;
    const rec = env.record(trace, []);
    rec.fault = 'missing';
    env.finish(rec, 'absent');
    return true;
  };
  for (const [name, m] of Object.entries(METHODS)) {
    // Async methods return nothing (never a promise: the typings give them void).
    const trace = `FileSystemManager.${name}`;
    if (!absent(trace)) fsm[name] = asyncFn(name, m.run, { trace, allowPromise: false, fault: fault(trace) });
    if (!m.sync) continue;
    const syncName = `${name}Sync`;
    if (absent(`FileSystemManager.${syncName}`)) continue;
    fsm[syncName] = syncFn(syncName, (args) => {
      let o;
      if (m.sync === 'option') o = args[0] !== null && typeof args[0] === 'object' ? args[0] : {};
      else o = Object.fromEntries(m.sync.map((field, i) => [field, args[i]]).filter(([, v]) => v !== undefined));
      const res = m.run(o, env) || {};
      if (m.returns === '*') return res;
      return m.returns ? res[m.returns] : undefined;
    }, { trace: `FileSystemManager.${syncName}`, fault: fault(`FileSystemManager.${syncName}`) });
  }
  env.fileSystemManager = fsm;
  return fsm;
}

const entries = [
  { name: 'getFileSystemManager', kind: 'factory', simulated: 'stateful', impl: (args, env) => getFileSystemManager(env) },
];

// openDocument (a viewer) and saveFileToDisk (PC's save dialog): the file
// must exist; recorded in host.ui.opened. fileType, when given, must be one
// the typings list.
const DOC_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];
function existing(env, o) {
  const p = needPath(o, 'filePath');
  const { real } = env.files.locate(p);
  if (!fs.existsSync(real) || !fs.statSync(real).isFile()) throw fail(`file not exist ${p}`);
  return p;
}
entries.push(
  {
    name: 'openDocument',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      if (o.fileType !== undefined && !DOC_TYPES.includes(o.fileType)) throw fail(`parameter error: parameter.fileType should be one of ${DOC_TYPES.join(', ')} instead of ${JSON.stringify(o.fileType)};`);
      const p = existing(env, o);
      env.ui.opened.push({ document: p, fileType: o.fileType ?? (p.split('.').pop() || ''), showMenu: o.showMenu === true });
    },
  },
  { name: 'saveFileToDisk', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.opened.push({ savedToDisk: existing(env, o) }); } },
);

module.exports = {
  entries, createFiles, getFileSystemManager, METHODS,
  USER_DATA_PATH, FILE_SIZE_LIMIT, USER_DATA_LIMIT,
};
