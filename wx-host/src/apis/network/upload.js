'use strict';
// wx.uploadFile: a multipart/form-data POST of a plugin file with Node's http(s).

const { fail } = require('../../errors');
const { typeName } = require('../../validate');
const { makeObject } = require('../../objects');
const { TASK_OBJECTS } = require('../../data/tasks');
const { METHODS } = require('../../files/methods');
const { requestSlot, abortReason, startTimeout, quietWatch, holdTask, checkUrl } = require('./tasks');

// uploadFile's body goes out in pieces of this size, one onProgressUpdate each.
const UPLOAD_CHUNK = 16 * 1024;

/**
 * Starts wx.uploadFile over loopback HTTP: a multipart/form-data POST (the
 * encoding of Node's FormData) of the file at `filePath` (a user or temp
 * file, read by the FileSystemManager's rules) under the field `name`, after
 * the `formData` fields. onProgressUpdate reports the body as the socket
 * takes it (progress in %, totalBytesSent, totalBytesExpectedToSend);
 * onHeadersReceived the response's headers; the result is
 * { data: the response body as a string, statusCode }.
 */
function uploadFile(options, env, ctl) {
  let req = null;
  let aborted = false; // by abort() or the timeout (abortReason says which)
  const controller = new AbortController();
  controller.signal.addEventListener('abort', () => {
    aborted = true;
    if (req) req.destroy(new Error(abortReason(controller)));
  });
  const byPlugin = new AbortController(); // aborted by the plugin's abort() only (src/wx.js taskFn)
  const { object: task, emit, retire } = makeObject(env, 'UploadTask', {
    abort: () => { controller.abort(); byPlugin.abort(); },
  }, TASK_OBJECTS.uploadFile[2]);
  const release = holdTask(env, 'uploadFile');
  const forgetDispose = (env.onDispose && env.onDispose(() => controller.abort())) || (() => {});
  const slot = requestSlot(env);
  const stopTimeout = startTimeout(env, options, controller);
  const quiet = quietWatch(env, ctl);
  const done = (async () => {
    const url = checkUrl(options.url, ['http:', 'https:'], env, 'uploadFile');
    for (const field of ['filePath', 'name']) {
      if (typeof options[field] !== 'string') throw fail(`parameter error: parameter.${field} should be String instead of ${typeName(options[field])};`);
    }
    const bytes = Buffer.from(new Uint8Array(METHODS.readFile.run({ filePath: options.filePath }, env).data));
    const form = new FormData();
    const formData = options.formData !== null && typeof options.formData === 'object' ? options.formData : {};
    for (const [k, v] of Object.entries(formData)) form.append(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
    form.append(options.name, new Blob([bytes]), options.filePath.slice(options.filePath.lastIndexOf('/') + 1));
    const encoded = new Request('http://localhost/', { method: 'POST', body: form });
    const body = Buffer.from(await encoded.arrayBuffer());
    const header = {};
    for (const [k, v] of Object.entries(options.header || {})) if (k.toLowerCase() !== 'content-type') header[k] = v;
    header['content-type'] = encoded.headers.get('content-type');
    header['content-length'] = String(body.length);
    try {
      await slot.wait(controller.signal, quiet.queued);
      quiet.active();
    } catch {
      throw new Error(abortReason(controller));
    }
    return new Promise((resolve, reject) => {
      // Loaded on the first upload, not at start-up: node:https alone takes some 40 ms to load.
      const client = url.protocol === 'https:' ? require('node:https') : require('node:http');
      req = client.request(url, { method: 'POST', headers: header }, (res) => {
        quiet.active();
        emit('HeadersReceived', { header: { ...res.headers } });
        const chunks = [];
        res.on('data', (c) => { quiet.active(); chunks.push(c); });
        res.on('end', () => resolve({ data: Buffer.concat(chunks).toString('utf8'), statusCode: res.statusCode }));
        res.on('error', (e) => reject(new Error(aborted ? abortReason(controller) : e.message)));
      });
      req.on('error', (e) => reject(new Error(aborted ? abortReason(controller) : e.code || e.message)));
      let sent = 0;
      const writeNext = () => {
        while (sent < body.length) {
          const piece = body.subarray(sent, sent + UPLOAD_CHUNK);
          sent += piece.length;
          const total = sent;
          const more = req.write(piece, () => {
            quiet.active();
            if (!aborted) {
              emit('ProgressUpdate', {
                progress: Math.floor((total * 100) / body.length),
                totalBytesSent: total,
                totalBytesExpectedToSend: body.length,
              });
            }
          });
          if (!more) { req.once('drain', writeNext); return; }
        }
        req.end();
      };
      writeNext();
    });
  })().finally(() => { quiet.stop(); stopTimeout(); slot.release(); release(); retire(); forgetDispose(); });
  return { task, done, aborted: byPlugin.signal };
}

const entries = [{ name: 'uploadFile', kind: 'task', simulated: 'real', impl: uploadFile }];

module.exports = { entries };
