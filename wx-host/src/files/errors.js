'use strict';
// The FileSystemManager's failures (and those of other APIs on plugin
// files): WeChat's errMsg text and errCode from the FileError table of
// miniprogram-api-typings 5.2.3, types/wx/lib.wx.api.d.ts lines 16763-16800
// (`interface FileError { errMsg; errCode }`): e.g. line 16768
// "1300002 | no such file or directory ${path}". The fail result is
// { errMsg: "<method>:fail <text>", errCode }; a *Sync method throws an Error
// with that message and the same errCode property.

const { fail } = require('../errors');

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

module.exports = { E, fileFail, fromNode };
