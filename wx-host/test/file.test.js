'use strict';
// wx.getFileSystemManager on the per-run sandbox directory, downloadFile's
// temp files read back through it, and uploadFile's multipart POST, against
// real loopback servers in this process. Expected texts and codes are written
// out by hand from the FileError table of the typings snapshot
// (node_modules/miniprogram-api-typings/types/wx/lib.wx.api.d.ts, interface
// FileError); field and method names are read from wx-allowlist/data/interfaces.json.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ALLOWLIST, loadPlugin, plain, tempDir, writePlugin } = require('../test-support/kit');
const { WORKSPACE } = require('../test-support/allowlist');

const EMPTY = { 'index.js': 'module.exports = {};' };
const FS_BASE = { baseVersion: '2.19.2' };
const INTERFACES = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'wx-allowlist', 'data', 'interfaces.json'), 'utf8')).interfaces;
const iface = (name) => {
  const found = INTERFACES.find((i) => i.name === name);
  assert.ok(found, `${name} is in interfaces.json`);
  return found;
};
const fieldsOf = (name) => iface(name).fields.map((f) => f.name).sort();

// Runs in the plugin: calls a FileSystemManager method and resolves to the
// callback that fired and its result; trySync catches a *Sync's throw.
const HARNESS = `
  globalThis.fsm = wx.getFileSystemManager();
  globalThis.call = (method, options = {}) => new Promise((resolve) => {
    fsm[method](Object.assign({}, options, {
      success: (res) => resolve({ via: 'success', res }),
      fail: (res) => resolve({ via: 'fail', res }),
    }));
  });
  globalThis.trySync = (f) => { try { return { value: f() }; } catch (e) { return { thrown: e instanceof Error, message: e.message, errCode: e.errCode }; } };`;

async function fsHost(t, options = {}) {
  const { host } = await loadPlugin(t, EMPTY, { ...FS_BASE, ...options });
  host.evaluate(HARNESS);
  return host;
}
const call = async (host, method, options) => plain(await host.evaluate(`call(${JSON.stringify(method)}, ${JSON.stringify(options)})`));
const sync = (host, code) => plain(host.evaluate(`trySync(() => ${code})`));
const failed = (errMsg, errCode) => ({ via: 'fail', res: { errMsg, errCode } });

test('wx.env.USER_DATA_PATH is wxfile://usr; the manager exists from base 2.19.2 and is one object', async (t) => {
  const old = await loadPlugin(t, EMPTY, { baseVersion: '2.19.1' });
  assert.equal(old.host.evaluate('typeof wx.getFileSystemManager'), 'undefined');
  assert.equal(old.host.evaluate('wx.env.USER_DATA_PATH'), 'wxfile://usr'); // wx.env is there regardless
  const host = await fsHost(t);
  assert.equal(host.evaluate('wx.env.USER_DATA_PATH'), 'wxfile://usr');
  assert.equal(host.evaluate('Object.keys(wx).includes("env")'), false); // Object.keys(wx) lists the functions only
  assert.equal(host.evaluate('wx.getFileSystemManager() === fsm'), true);
  // Nothing is on disk until a file is: getting the manager makes no directory, a write does.
  assert.equal(host.files.current(), null);
  host.evaluate('fsm.writeFileSync("wxfile://usr/first", "1")');
  assert.equal(fs.existsSync(path.join(host.files.current(), 'usr', 'first')), true);
});

test('the manager has exactly the methods the typings allow plugins; the unsupported ones are absent', async (t) => {
  const host = await fsHost(t);
  const { methods } = iface('FileSystemManager');
  const allowed = methods.filter((m) => m.plugin !== 'unsupported').map((m) => m.name).sort();
  const unsupported = methods.filter((m) => m.plugin === 'unsupported').map((m) => m.name).sort();
  assert.deepEqual(unsupported, ['getFileInfo', 'getSavedFileList', 'readCompressedFile', 'readCompressedFileSync',
    'removeSavedFile', 'saveFile', 'saveFileSync']);
  assert.equal(allowed.length, 38);
  assert.deepEqual(plain(host.evaluate('Object.keys(fsm).sort()')), allowed);
  for (const name of unsupported) assert.equal(host.evaluate(`typeof fsm.${name}`), 'undefined', name);
  assert.deepEqual(await call(host, 'unzip', { zipFilePath: 'wxfile://usr/a.zip', targetPath: 'wxfile://usr' }),
    failed('unzip:fail no such file or directory wxfile://usr/a.zip', 1300002));
});

// A zip archive written here by hand (PKWARE APPNOTE 4.3.7 / 4.3.12 / 4.3.16),
// independently of the host's reader: entries [name, bytes, deflate?].
function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function makeZip(entries) {
  const zlib = require('node:zlib');
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content, deflate] of entries) {
    const data = Buffer.from(content);
    const body = deflate ? zlib.deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(data), 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(data), 16); central.writeUInt32LE(body.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

test('unzip extracts a zip archive into the user files; readZipEntry reads entries without extracting', async (t) => {
  const host = await fsHost(t);
  const big = 'lorem ipsum '.repeat(500);
  const zip = makeZip([['docs/', '', false], ['docs/readme.txt', 'read me', false], ['docs/big.txt', big, true], ['top.bin', Buffer.from([1, 2, 3]), true]]);
  host.evaluate(`fsm.writeFileSync('wxfile://usr/a.zip', new Uint8Array([${[...zip].join(',')}]).buffer)`);
  assert.deepEqual(await call(host, 'unzip', { zipFilePath: 'wxfile://usr/a.zip', targetPath: 'wxfile://usr/out' }), { via: 'success', res: { errMsg: 'unzip:ok' } });
  const out = path.join(host.files.root(), 'usr', 'out');
  assert.deepEqual(fs.readdirSync(out).sort(), ['docs', 'top.bin']);
  assert.equal(fs.readFileSync(path.join(out, 'docs', 'big.txt'), 'utf8'), big);
  assert.deepEqual(fs.readFileSync(path.join(out, 'top.bin')), Buffer.from([1, 2, 3]));
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/out/docs/readme.txt", "utf8")'), 'read me');

  const some = await host.evaluate(`call('readZipEntry', { filePath: 'wxfile://usr/a.zip', entries: [
    { path: 'docs/readme.txt', encoding: 'utf8' }, { path: 'docs/big.txt', encoding: 'utf8', position: 6, length: 5 },
    { path: 'top.bin' }, { path: 'nope.txt' }] })`);
  assert.equal(some.via, 'success');
  assert.deepEqual(Object.keys(some.res).sort(), fieldsOf('ReadZipEntrySuccessCallbackResult'));
  const items = some.res.entries;
  assert.deepEqual(plain({ a: items['docs/readme.txt'], b: items['docs/big.txt'], d: items['nope.txt'] }), {
    a: { data: 'read me', errMsg: 'readZipEntry:ok' },
    b: { data: 'ipsum', errMsg: 'readZipEntry:ok' },
    d: { errMsg: 'readZipEntry:fail no such file or directory nope.txt' },
  });
  assert.equal(host.evaluate('(x) => x instanceof ArrayBuffer')(items['top.bin'].data), true);
  assert.deepEqual([...new Uint8Array(items['top.bin'].data)], [1, 2, 3]);
  const all = await host.evaluate(`call('readZipEntry', { filePath: 'wxfile://usr/a.zip', entries: 'all', encoding: 'hex' })`);
  assert.deepEqual(Object.keys(all.res.entries).sort(), ['docs/big.txt', 'docs/readme.txt', 'top.bin']);
  assert.equal(all.res.entries['top.bin'].data, '010203');

  // A file that is no archive, an archive whose bytes were changed, a target that is a file.
  host.evaluate('fsm.writeFileSync("wxfile://usr/not.zip", "plain text")');
  assert.deepEqual(await call(host, 'unzip', { zipFilePath: 'wxfile://usr/not.zip', targetPath: 'wxfile://usr/x' }), failed('unzip:fail unzip open file fail', 1301102));
  const broken = Buffer.from(zip);
  broken[30 + 'docs/'.length + 30 + 'docs/readme.txt'.length] ^= 0xff; // the first byte of "read me"
  host.evaluate(`fsm.writeFileSync('wxfile://usr/broken.zip', new Uint8Array([${[...broken].join(',')}]).buffer)`);
  assert.deepEqual(await call(host, 'unzip', { zipFilePath: 'wxfile://usr/broken.zip', targetPath: 'wxfile://usr/y' }), failed('unzip:fail unzip entry fail', 1301103));
  assert.equal(fs.existsSync(path.join(host.files.root(), 'usr', 'y')), false, 'a bad archive writes nothing');
  assert.deepEqual(await call(host, 'unzip', { zipFilePath: 'wxfile://usr/a.zip', targetPath: 'wxfile://usr/not.zip' }), failed('unzip:fail not a directory', 1300020));
  // Entries may not climb out of the target.
  host.evaluate(`fsm.writeFileSync('wxfile://usr/evil.zip', new Uint8Array([${[...makeZip([['../../evil.txt', 'x', false]])].join(',')}]).buffer)`);
  assert.deepEqual(await call(host, 'unzip', { zipFilePath: 'wxfile://usr/evil.zip', targetPath: 'wxfile://usr/z' }), failed('unzip:fail unzip entry fail', 1301103));
});

test('write, read back (text, encodings, ArrayBuffer, ranges), append, through both conventions', async (t) => {
  const host = await fsHost(t);
  assert.deepEqual(await call(host, 'writeFile', { filePath: 'wxfile://usr/hello.txt', data: 'hello, 世界' }),
    { via: 'success', res: { errMsg: 'writeFile:ok' } });
  assert.deepEqual(await call(host, 'readFile', { filePath: 'wxfile://usr/hello.txt', encoding: 'utf8' }),
    { via: 'success', res: { errMsg: 'readFile:ok', data: 'hello, 世界' } });
  assert.deepEqual(Object.keys(await call(host, 'readFile', { filePath: 'wxfile://usr/hello.txt', encoding: 'utf8' }).then((r) => r.res)).sort(),
    fieldsOf('ReadFileSuccessCallbackResult'));
  // The bytes on disk are UTF-8: 'hello, ' + 2 x 3 bytes.
  const real = path.join(host.files.root(), 'usr', 'hello.txt');
  assert.deepEqual(fs.readFileSync(real), Buffer.from('hello, 世界'));
  // No encoding: an ArrayBuffer of the plugin's realm.
  host.evaluate('globalThis.ab = fsm.readFileSync(`${wx.env.USER_DATA_PATH}/hello.txt`)');
  assert.equal(host.evaluate('ab instanceof ArrayBuffer'), true);
  assert.equal(host.evaluate('ab.byteLength'), 13);
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/hello.txt", "hex", 0, 5)'), '68656c6c6f');
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/hello.txt", "utf8", 7)'), '世界');
  // Binary data in: an ArrayBuffer, and base64 text.
  host.evaluate('fsm.writeFileSync("wxfile://usr/bin", new Uint8Array([0, 255, 16]).buffer)');
  assert.deepEqual(fs.readFileSync(path.join(host.files.root(), 'usr', 'bin')), Buffer.from([0, 255, 16]));
  host.evaluate('fsm.writeFileSync("wxfile://usr/b64", "AQID", "base64")');
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/b64", "base64")'), 'AQID');
  // appendFile adds to an existing file, and only to one.
  assert.deepEqual(await call(host, 'appendFile', { filePath: 'wxfile://usr/hello.txt', data: '!' }), { via: 'success', res: { errMsg: 'appendFile:ok' } });
  host.evaluate('fsm.appendFileSync("wxfile://usr/hello.txt", "?")');
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/hello.txt", "utf-8")'), 'hello, 世界!?');
  assert.deepEqual(await call(host, 'appendFile', { filePath: 'wxfile://usr/none.txt', data: '!' }),
    failed('appendFile:fail no such file or directory wxfile://usr/none.txt', 1300002));
  assert.deepEqual(await call(host, 'readFile', { filePath: 'wxfile://usr/hello.txt', position: 20 }),
    failed('readFile:fail value of offset is out of range', 1301007));
  assert.deepEqual(await call(host, 'readFile', { filePath: 'wxfile://usr/hello.txt', position: 0, length: 99 }),
    failed('readFile:fail value of length is out of range', 1301006));
});

test('directories: mkdir (recursive), readdir, rmdir (recursive), unlink, rename, copyFile, access', async (t) => {
  const host = await fsHost(t);
  assert.deepEqual(await call(host, 'mkdir', { dirPath: 'wxfile://usr/a/b/c' }),
    failed('mkdir:fail no such file or directory wxfile://usr/a/b/c', 1300002));
  assert.deepEqual(await call(host, 'mkdir', { dirPath: 'wxfile://usr/a/b/c', recursive: true }), { via: 'success', res: { errMsg: 'mkdir:ok' } });
  assert.deepEqual(sync(host, 'fsm.mkdirSync("wxfile://usr/a")'),
    { thrown: true, message: 'mkdirSync:fail file already exists wxfile://usr/a', errCode: 1301005 });
  host.evaluate('fsm.writeFileSync("wxfile://usr/a/z.txt", "z"); fsm.writeFileSync("wxfile://usr/a/m.txt", "m")');
  assert.deepEqual(await call(host, 'readdir', { dirPath: 'wxfile://usr/a' }), { via: 'success', res: { errMsg: 'readdir:ok', files: ['b', 'm.txt', 'z.txt'] } });
  assert.deepEqual(fieldsOf('ReaddirSuccessCallbackResult'), ['errMsg', 'files']);
  assert.deepEqual(plain(host.evaluate('fsm.readdirSync(wx.env.USER_DATA_PATH)')), ['a']);
  assert.deepEqual(sync(host, 'fsm.readdirSync("wxfile://usr/a/z.txt")'), { thrown: true, message: 'readdirSync:fail not a directory', errCode: 1300020 });
  assert.deepEqual(await call(host, 'rmdir', { dirPath: 'wxfile://usr/a' }), failed('rmdir:fail directory not empty', 1300066));
  assert.deepEqual(await call(host, 'unlink', { filePath: 'wxfile://usr/a/b' }), failed('unlink:fail operation not permitted', 1300001));
  assert.deepEqual(await call(host, 'unlink', { filePath: 'wxfile://usr/a/m.txt' }), { via: 'success', res: { errMsg: 'unlink:ok' } });
  assert.deepEqual(sync(host, 'fsm.unlinkSync("wxfile://usr/a/m.txt")'),
    { thrown: true, message: 'unlinkSync:fail no such file or directory wxfile://usr/a/m.txt', errCode: 1300002 });
  // rename and copyFile.
  host.evaluate('fsm.renameSync("wxfile://usr/a/z.txt", "wxfile://usr/z2.txt")');
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/z2.txt", "utf8")'), 'z');
  assert.deepEqual(await call(host, 'copyFile', { srcPath: 'wxfile://usr/z2.txt', destPath: 'wxfile://usr/a/b/copy.txt' }), { via: 'success', res: { errMsg: 'copyFile:ok' } });
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/a/b/copy.txt", "utf8")'), 'z');
  assert.deepEqual(await call(host, 'rename', { oldPath: 'wxfile://usr/nothing', newPath: 'wxfile://usr/x' }),
    failed('rename:fail no such file or directory wxfile://usr/nothing', 1300002));
  // access, both ways.
  assert.deepEqual(await call(host, 'access', { path: 'wxfile://usr/a/b/copy.txt' }), { via: 'success', res: { errMsg: 'access:ok' } });
  assert.deepEqual(await call(host, 'access', { path: 'wxfile://usr/a/b/none' }), failed('access:fail no such file or directory wxfile://usr/a/b/none', 1300002));
  assert.deepEqual(sync(host, 'fsm.accessSync("wxfile://usr/a")'), {});
  // rmdir recursive takes the tree; USER_DATA_PATH itself stays.
  assert.deepEqual(await call(host, 'rmdir', { dirPath: 'wxfile://usr/a', recursive: true }), { via: 'success', res: { errMsg: 'rmdir:ok' } });
  assert.deepEqual(plain(host.evaluate('fsm.readdirSync("wxfile://usr")')), ['z2.txt']);
  assert.deepEqual(sync(host, 'fsm.rmdirSync("wxfile://usr", true)'), { thrown: true, message: 'rmdirSync:fail operation not permitted', errCode: 1300001 });
});

test('stat gives the typings\' Stats (fields and isFile/isDirectory); recursive gives { path, stats } per entry', async (t) => {
  const host = await fsHost(t);
  host.evaluate('fsm.mkdirSync("wxfile://usr/d/e", true); fsm.writeFileSync("wxfile://usr/d/f.txt", "12345")');
  const before = Math.floor(Date.now() / 1000);
  host.evaluate('globalThis.st = fsm.statSync("wxfile://usr/d/f.txt")');
  const stats = iface('Stats');
  assert.deepEqual(plain(host.evaluate('Object.keys(st).sort()')), [...stats.fields.map((f) => f.name), ...stats.methods.map((m) => m.name)].sort());
  assert.deepEqual(plain(host.evaluate('[st.isFile(), st.isDirectory(), st.size]')), [true, false, 5]);
  const mtime = host.evaluate('st.lastModifiedTime');
  assert.ok(Number.isInteger(mtime) && Math.abs(mtime - before) <= 2, `seconds since the epoch: ${mtime}`);
  assert.equal(host.evaluate('fsm.statSync("wxfile://usr/d").isDirectory()'), true);
  const res = await host.evaluate('call("stat", { path: "wxfile://usr/d", recursive: true })');
  assert.deepEqual(Object.keys(res.res).sort(), fieldsOf('StatSuccessCallbackResult'));
  assert.deepEqual([...res.res.stats].map((s) => [s.path, s.stats.isDirectory(), s.stats.size > 0 || s.stats.isDirectory()]),
    [['/', true, true], ['/e', true, true], ['/f.txt', false, true]]);
  assert.deepEqual(Object.keys(res.res.stats[0]).sort(), ['path', 'stats']); // lib.wx.api.d.ts interface FileStats
});

test('file descriptors: open, write, read into an ArrayBuffer, fstat, ftruncate, close', async (t) => {
  const host = await fsHost(t);
  const opened = await call(host, 'open', { filePath: 'wxfile://usr/fd.bin', flag: 'w+' });
  assert.equal(opened.via, 'success');
  assert.deepEqual(Object.keys(opened.res).sort(), fieldsOf('OpenSuccessCallbackResult'));
  const fd = opened.res.fd;
  assert.equal(typeof fd, 'string');
  const written = plain(host.evaluate(`fsm.writeSync({ fd: ${JSON.stringify(fd)}, data: 'abcdef' })`));
  assert.deepEqual(written, { bytesWritten: 6 });
  assert.deepEqual(Object.keys(written), fieldsOf('WriteResult'));
  host.evaluate(`globalThis.buf = new ArrayBuffer(4); globalThis.got = fsm.readSync({ fd: ${JSON.stringify(fd)}, arrayBuffer: buf, offset: 1, length: 3, position: 2 })`);
  assert.equal(host.evaluate('got.bytesRead'), 3);
  assert.equal(host.evaluate('got.arrayBuffer === buf'), true);
  assert.deepEqual([...host.evaluate('new Uint8Array(buf)')], [0, 0x63, 0x64, 0x65]); // 'cde' after one untouched byte
  assert.deepEqual(Object.keys(plain(host.evaluate('got'))).sort(), fieldsOf('ReadResult'));
  assert.equal(host.evaluate(`fsm.fstatSync({ fd: ${JSON.stringify(fd)} }).size`), 6);
  host.evaluate(`fsm.ftruncateSync({ fd: ${JSON.stringify(fd)}, length: 2 })`);
  assert.deepEqual(await call(host, 'close', { fd }), { via: 'success', res: { errMsg: 'close:ok' } });
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/fd.bin", "utf8")'), 'ab');
  assert.deepEqual(sync(host, `fsm.closeSync({ fd: ${JSON.stringify(fd)} })`), { thrown: true, message: 'closeSync:fail bad file descriptor', errCode: 1300009 });
  assert.deepEqual(await call(host, 'open', { filePath: 'wxfile://usr/fd.bin', flag: 'q' }), failed('open:fail invalid flag', 1302003));
  host.evaluate('fsm.truncateSync({ filePath: "wxfile://usr/fd.bin", length: 1 })');
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/fd.bin", "utf8")'), 'a');
});

test('path rules: user files read-write, temp files read-only, anything else denied; ".." cannot climb out', async (t) => {
  const host = await fsHost(t);
  const denied = (method) => failed(`${method}:fail Path permission denied`, 1300014);
  assert.deepEqual(await call(host, 'writeFile', { filePath: '/etc/passwd', data: 'x' }), denied('writeFile'));
  assert.deepEqual(await call(host, 'readFile', { filePath: 'wxfile://other/x' }), denied('readFile'));
  assert.deepEqual(await call(host, 'readFile', { filePath: 'http://usr/x' }), denied('readFile'));
  assert.deepEqual(await call(host, 'writeFile', { filePath: 'wxfile://usr/../../escape', data: 'x' }), denied('writeFile'));
  assert.deepEqual(await call(host, 'writeFile', { filePath: 'wxfile://tmp/mine', data: 'x' }), failed('writeFile:fail permission denied', 1300013));
  assert.deepEqual(await call(host, 'mkdir', { dirPath: 'wxfile://tmp_dir' }), failed('mkdir:fail permission denied', 1300013));
  assert.deepEqual(await call(host, 'readFile', { filePath: 'wxfile://tmp_nothing.png' }), failed('readFile:fail no such file or directory wxfile://tmp_nothing.png', 1300002));
  // ".." inside the root is fine.
  host.evaluate('fsm.writeFileSync("wxfile://usr/x/../y.txt", "y")');
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/y.txt", "utf8")'), 'y');
  assert.deepEqual(fs.readdirSync(path.dirname(host.files.root())).filter((f) => f === 'escape'), []);
  assert.deepEqual(await call(host, 'writeFile', { filePath: 'wxfile://usr/none/y.txt', data: 'y' }),
    failed('writeFile:fail no such file or directory wxfile://usr/none/y.txt', 1300002));
  assert.deepEqual(await call(host, 'writeFile', { filePath: 'wxfile://usr', data: 'y' }), failed('writeFile:fail illegal operation on a directory', 1301003));
  assert.deepEqual(await call(host, 'readFile', { filePath: 'wxfile://usr' }), failed('readFile:fail Is a directory', 1300021));
  assert.deepEqual(await call(host, 'readFile', {}),
    { via: 'fail', res: { errMsg: 'readFile:fail parameter error: parameter.filePath should be String instead of Undefined;' } });
});

test('size limits: 100 MB a file and 200 MB in all by default; exactly at a limit passes, one byte over fails', async (t) => {
  const { FILE_SIZE_LIMIT, USER_DATA_LIMIT } = require('../src/files/sandbox');
  assert.equal(FILE_SIZE_LIMIT, 104857600); // 100 * 1024 * 1024, the snapshot's "上限100M"
  assert.equal(USER_DATA_LIMIT, 209715200); // 200 * 1024 * 1024, WeChat's file-system guide
  const host = await fsHost(t, { userDataLimit: 100, fileSizeLimit: 60 });
  const full = failed('writeFile:fail the maximum size of the file storage limit is exceeded', 1300202);
  assert.deepEqual(await call(host, 'writeFile', { filePath: 'wxfile://usr/big', data: 'x'.repeat(61) }), full);
  assert.deepEqual((await call(host, 'writeFile', { filePath: 'wxfile://usr/a', data: 'x'.repeat(60) })).via, 'success');
  assert.deepEqual((await call(host, 'writeFile', { filePath: 'wxfile://usr/b', data: 'x'.repeat(40) })).via, 'success'); // 100: the limit
  assert.deepEqual(await call(host, 'writeFile', { filePath: 'wxfile://usr/c', data: 'x' }), full);
  // Replacing a file counts its new size only.
  assert.deepEqual((await call(host, 'writeFile', { filePath: 'wxfile://usr/b', data: 'y'.repeat(40) })).via, 'success');
  assert.deepEqual(sync(host, 'fsm.appendFileSync("wxfile://usr/b", "z")'),
    { thrown: true, message: 'appendFileSync:fail the maximum size of the file storage limit is exceeded', errCode: 1300202 });
  assert.equal(host.evaluate('fsm.readFileSync("wxfile://usr/b", "utf8")'), 'y'.repeat(40)); // unchanged
  assert.deepEqual(sync(host, 'fsm.copyFileSync("wxfile://usr/b", "wxfile://usr/b2")').errCode, 1300202);
  host.evaluate('fsm.unlinkSync("wxfile://usr/b")');
  assert.deepEqual(sync(host, 'fsm.copyFileSync("wxfile://usr/a", "wxfile://usr/b2")').errCode, 1300202); // 60 + 60
  assert.deepEqual(sync(host, 'fsm.writeFileSync("wxfile://usr/b2", "x".repeat(40))'), {});
});

test('every method call is traced as FileSystemManager.<method>; callbacks come later, and no promise', async (t) => {
  const host = await fsHost(t, { baseVersion: '2.20.1' }); // promise style exists here for wx.*, not for these
  host.evaluate(`
    globalThis.order = [];
    globalThis.returned = fsm.writeFile({ filePath: 'wxfile://usr/t', data: 't', success: () => order.push('success'), complete: () => order.push('complete') });
    order.push('returned');
    globalThis.noCallbacks = fsm.access({ path: 'wxfile://usr/none' });
    try { fsm.readFileSync('wxfile://usr/none'); } catch (e) {}`);
  assert.equal(host.evaluate('returned'), undefined);
  assert.equal(host.evaluate('noCallbacks'), undefined);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('order')), ['returned', 'success', 'complete']);
  assert.deepEqual(host.trace.map((r) => [r.api, r.outcome, r.errMsg || (r.result && r.result.errMsg)]), [
    ['getFileSystemManager', 'return', undefined],
    ['FileSystemManager.writeFile', 'success', 'writeFile:ok'],
    ['FileSystemManager.access', 'fail', 'access:fail no such file or directory wxfile://usr/none'],
    ['FileSystemManager.readFileSync', 'throw', 'readFileSync:fail no such file or directory wxfile://usr/none'],
  ]);
});

test('the sandbox is a fresh temp directory per host, removed by dispose(); filesDir keeps it across runs', async (t) => {
  const host = await fsHost(t);
  host.evaluate('fsm.writeFileSync("wxfile://usr/k", "v")');
  const root = host.files.root();
  assert.ok(root.startsWith(os.tmpdir()), root);
  assert.equal(fs.readFileSync(path.join(root, 'usr', 'k'), 'utf8'), 'v');
  const other = await fsHost(t);
  assert.deepEqual(sync(other, 'fsm.accessSync("wxfile://usr/k")').errCode, 1300002); // each host its own
  host.dispose();
  assert.equal(fs.existsSync(root), false);

  const keep = path.join(tempDir(t), 'files');
  const first = await fsHost(t, { filesDir: keep });
  first.evaluate('fsm.mkdirSync("wxfile://usr/notes"); fsm.writeFileSync("wxfile://usr/notes/1.txt", "kept")');
  first.dispose();
  assert.equal(fs.readFileSync(path.join(keep, 'usr', 'notes', '1.txt'), 'utf8'), 'kept');
  const second = await fsHost(t, { filesDir: keep });
  assert.equal(second.evaluate('fsm.readFileSync("wxfile://usr/notes/1.txt", "utf8")'), 'kept');
});

// ---- downloadFile and uploadFile through the files --------------------------

/** A loopback server; `handler(req, body: Buffer, res)` answers. */
async function server(t, handler) {
  const s = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  return `http://127.0.0.1:${s.address().port}`;
}

test('downloadFile writes the bytes to a temp file the manager reads back; copyFile keeps it; filePath writes a user file', async (t) => {
  const served = crypto.randomBytes(200 * 1024);
  const url = await server(t, (req, body, res) => { res.writeHead(200, { 'content-length': served.length }); res.end(served); });
  const host = await fsHost(t);
  host.evaluate(`
    globalThis.out = {};
    wx.downloadFile({ url: '${url}/blob.bin', success: (r) => { out.first = r; } });
    wx.downloadFile({ url: '${url}/blob.bin', filePath: wx.env.USER_DATA_PATH + '/saved.bin', success: (r) => { out.second = r; } });`);
  await host.settle();
  const out = plain(host.evaluate('out'));
  assert.deepEqual(out.first, { errMsg: 'downloadFile:ok', tempFilePath: 'wxfile://tmp/download-1', statusCode: 200 });
  assert.deepEqual(out.second, { errMsg: 'downloadFile:ok', filePath: 'wxfile://usr/saved.bin', statusCode: 200 });
  for (const k of [...Object.keys(out.first), ...Object.keys(out.second)]) assert.ok(fieldsOf('DownloadFileSuccessCallbackResult').includes(k), k);
  const read = Buffer.from(host.evaluate('new Uint8Array(fsm.readFileSync("wxfile://tmp/download-1"))'));
  assert.ok(read.equals(served), 'the bytes read back are the bytes served');
  assert.ok(Buffer.from(host.evaluate('new Uint8Array(fsm.readFileSync("wxfile://usr/saved.bin"))')).equals(served));
  // A temp file cannot be written or removed, but can be copied into the user files.
  assert.deepEqual(sync(host, 'fsm.writeFileSync("wxfile://tmp/download-1", "x")'),
    { thrown: true, message: 'writeFileSync:fail permission denied', errCode: 1300013 });
  assert.deepEqual(sync(host, 'fsm.unlinkSync("wxfile://tmp/download-1")').errCode, 1300013);
  host.evaluate('fsm.copyFileSync("wxfile://tmp/download-1", "wxfile://usr/kept.bin")');
  assert.equal(host.evaluate('fsm.statSync("wxfile://usr/kept.bin").size'), served.length);
  // A download to a user file follows the manager's rules.
  host.evaluate(`wx.downloadFile({ url: '${url}/blob.bin', filePath: 'wxfile://usr/no/dir.bin', fail: (r) => { out.third = r; } })`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out.third')),
    { errMsg: 'downloadFile:fail no such file or directory wxfile://usr/no/dir.bin', errCode: 1300002 });
});

/** Splits a multipart/form-data body by hand: [{ headers: {lowercase: value}, body: Buffer }]. */
function parseMultipart(body, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  assert.ok(m, `a boundary in ${contentType}`);
  const boundary = Buffer.from(`--${m[1] || m[2]}`);
  const parts = [];
  let at = body.indexOf(boundary);
  assert.equal(at, 0, 'the body starts with the boundary');
  for (;;) {
    at += boundary.length;
    if (body.subarray(at, at + 2).toString() === '--') break; // the closing boundary
    assert.equal(body.subarray(at, at + 2).toString(), '\r\n');
    const headEnd = body.indexOf('\r\n\r\n', at);
    const headers = {};
    for (const line of body.subarray(at + 2, headEnd).toString('utf8').split('\r\n')) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    const next = body.indexOf(boundary, headEnd);
    parts.push({ headers, body: body.subarray(headEnd + 4, next - 2) }); // minus the CRLF before the boundary
    at = next;
  }
  return parts;
}

test('uploadFile POSTs multipart/form-data: formData fields, then the file under `name`; progress, headers, result', async (t) => {
  const bytes = crypto.randomBytes(100 * 1024);
  let received = null;
  const url = await server(t, (req, body, res) => {
    received = { method: req.method, path: req.url, type: req.headers['content-type'], length: Number(req.headers['content-length']), token: req.headers['x-token'], body };
    res.writeHead(201, { 'x-upload': 'done' });
    res.end(JSON.stringify({ stored: body.length }));
  });
  const host = await fsHost(t);
  host.evaluate(`globalThis.bytes = new Uint8Array([${[...bytes].join(',')}]).buffer`);
  host.evaluate(`
    globalThis.out = { progress: [] };
    fsm.writeFileSync(wx.env.USER_DATA_PATH + '/photo.bin', bytes);
    const task = wx.uploadFile({
      url: '${url}/upload', filePath: wx.env.USER_DATA_PATH + '/photo.bin', name: 'photo',
      header: { 'x-token': 'abc' }, formData: { user: 'ada', n: 3 },
      success: (r) => { out.success = r; }, fail: (r) => { out.fail = r; },
    });
    task.onProgressUpdate((p) => out.progress.push([p.progress, p.totalBytesSent, p.totalBytesExpectedToSend]));
    task.onHeadersReceived((h) => { out.header = h.header['x-upload']; });`);
  await host.settle();
  const out = plain(host.evaluate('out'));
  assert.equal(out.fail, undefined);
  assert.deepEqual(out.success, { errMsg: 'uploadFile:ok', data: JSON.stringify({ stored: received.length }), statusCode: 201 });
  for (const k of Object.keys(out.success)) assert.ok(fieldsOf('UploadFileSuccessCallbackResult').includes(k), k);
  assert.equal(out.header, 'done');
  assert.deepEqual([received.method, received.path, received.token], ['POST', '/upload', 'abc']);
  assert.match(received.type, /^multipart\/form-data; boundary=/);
  assert.equal(received.length, received.body.length);
  const parts = parseMultipart(received.body, received.type);
  assert.deepEqual(parts.map((p) => p.headers['content-disposition']),
    ['form-data; name="user"', 'form-data; name="n"', 'form-data; name="photo"; filename="photo.bin"']);
  assert.deepEqual(parts.slice(0, 2).map((p) => p.body.toString()), ['ada', '3']);
  assert.ok(parts[2].body.equals(bytes), 'the file part holds the file\'s bytes');
  // Progress: rising, in whole percents of the body, ending at all of it.
  assert.deepEqual(out.progress.at(-1), [100, received.length, received.length]);
  assert.ok(out.progress.length >= 2, JSON.stringify(out.progress));
  for (const [p, sent, total] of out.progress) assert.deepEqual([p, total], [Math.floor((sent * 100) / received.length), received.length]);
  assert.deepEqual(Object.keys(iface('UploadTaskOnProgressUpdateListenerResult').fields.reduce((o, f) => ({ ...o, [f.name]: 1 }), {})).sort(),
    ['progress', 'totalBytesExpectedToSend', 'totalBytesSent']);
  assert.ok(host.trace.some((r) => r.api === 'UploadTask.onProgressUpdate' && r.kind === 'event'));
});

test('uploadFile fails as WeChat: abort, a missing file, a foreign domain, no name', async (t) => {
  const url = await server(t, (req, body, res) => { setTimeout(() => res.end('late'), 2000); });
  const host = await fsHost(t);
  host.evaluate(`
    globalThis.out = [];
    fsm.writeFileSync('wxfile://usr/f.txt', 'x'.repeat(1000));
    const fail = (r) => out.push(r.errMsg + (r.errCode ? ' ' + r.errCode : ''));
    const task = wx.uploadFile({ url: '${url}/u', filePath: 'wxfile://usr/f.txt', name: 'f', fail });
    setTimeout(() => task.abort(), 50);
    wx.uploadFile({ url: '${url}/u', filePath: 'wxfile://usr/none.txt', name: 'f', fail });
    wx.uploadFile({ url: 'https://example.com/u', filePath: 'wxfile://usr/f.txt', name: 'f', fail });
    wx.uploadFile({ url: '${url}/u', filePath: 'wxfile://usr/f.txt', fail });`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out')).sort(), [
    'uploadFile:fail abort',
    'uploadFile:fail no such file or directory wxfile://usr/none.txt 1300002',
    'uploadFile:fail parameter error: parameter.name should be String instead of Undefined;',
    'uploadFile:fail url not in domain list',
  ]);
  assert.ok(host.trace.some((r) => r.api === 'UploadTask.abort'));
});

test('the CLI keeps the plugin\'s files with --files DIR', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'p'), {
    'index.js': `module.exports = {
      save(text) { const fsm = wx.getFileSystemManager(); fsm.writeFileSync(wx.env.USER_DATA_PATH + '/note.txt', text); return fsm.readdirSync(wx.env.USER_DATA_PATH); },
      load() { return wx.getFileSystemManager().readFileSync(wx.env.USER_DATA_PATH + '/note.txt', 'utf8'); },
    };`,
  });
  const allowlist = path.join(dir, 'a.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const files = path.join(dir, 'files');
  const run = (...args) => spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'wx-host.js'), 'run', plugin,
    '--allowlist', allowlist, '--base', '2.19.2', '--json', ...args], { encoding: 'utf8', timeout: 30000 });
  let r = run('--files', files, '--call', 'save=["hi"]');
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(JSON.parse(r.stdout).calls[0].result, ['note.txt']);
  assert.equal(fs.readFileSync(path.join(files, 'usr', 'note.txt'), 'utf8'), 'hi');
  r = run('--files', files, '--call', 'load');
  assert.equal(JSON.parse(r.stdout).calls[0].result, 'hi');
  // Without --files each run starts empty.
  r = run('--call', 'load');
  assert.equal(r.status, 1);
  assert.equal(JSON.parse(r.stdout).calls[0].error, 'Error: readFileSync:fail no such file or directory wxfile://usr/note.txt');
});
