'use strict';
// The plugin's files: a per-run sandbox directory of real files, behind
// wx.getFileSystemManager (apis/file/) and every API that reads or writes
// a plugin file (downloadFile, uploadFile, the media pickers, ...).
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
// Size limits: the snapshot's 1300202 row (line 16779) says "the maximum size
// of the file storage limit is exceeded | 存储空间不足，或文件大小超出上限（上限100M）":
// one file may hold 100 MB. The snapshot gives no total; WeChat's file-system
// guide (https://developers.weixin.qq.com/miniprogram/dev/framework/ability/file-system.html)
// says user files and cached files together may hold 200 MB. Both are host
// options (createHost `userDataLimit`, `fileSizeLimit`).

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { E, fileFail } = require('./errors');

const USER_DATA_PATH = 'wxfile://usr';
const TEMP_PREFIX = 'wxfile://tmp';
const MB = 1024 * 1024;
/** One file's limit: the snapshot's "上限100M" (lib.wx.api.d.ts:16779). */
const FILE_SIZE_LIMIT = 100 * MB;
/** All user files together: 200 MB, WeChat's file-system guide (not in the snapshot). */
const USER_DATA_LIMIT = 200 * MB;

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

module.exports = { createFiles, USER_DATA_PATH, TEMP_PREFIX, FILE_SIZE_LIMIT, USER_DATA_LIMIT };
