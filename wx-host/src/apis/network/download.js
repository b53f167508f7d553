'use strict';
// wx.downloadFile: real HTTP with Node's fetch, into a temp file (or a user file).

const { Fail } = require('../../errors');
const { makeObject } = require('../../objects');
const { TASK_OBJECTS } = require('../../data/tasks');
const { METHODS } = require('../../files/methods');
const { requestSlot, fetchFailure, abortReason, startTimeout, quietWatch, holdTask, checkUrl } = require('./tasks');

/**
 * Starts wx.downloadFile over loopback HTTP: reports onProgressUpdate as the
 * body arrives (WeChat's fields: progress in %, totalBytesWritten,
 * totalBytesExpectedToWrite) and writes the bytes to a read-only temp file
 * of the plugin's files (src/files/sandbox.js), `wxfile://tmp/download-N`, which
 * the FileSystemManager reads back; with `filePath` (a user-file path) the
 * bytes go there instead, as on WeChat.
 */
function downloadFile(options, env, ctl) {
  const controller = new AbortController();
  const byPlugin = new AbortController(); // aborted by the plugin's abort() only (src/wx.js taskFn)
  const { object: task, emit, retire } = makeObject(env, 'DownloadTask', {
    abort: () => { controller.abort(); byPlugin.abort(); },
  }, TASK_OBJECTS.downloadFile[2]);
  const release = holdTask(env, 'downloadFile');
  const forgetDispose = (env.onDispose && env.onDispose(() => controller.abort())) || (() => {});
  const slot = requestSlot(env);
  const stopTimeout = startTimeout(env, options, controller);
  const quiet = quietWatch(env, ctl);
  const done = (async () => {
    const url = checkUrl(options.url, ['http:', 'https:'], env, 'downloadFile');
    try {
      await slot.wait(controller.signal, quiet.queued);
      const sending = fetch(url, { headers: { ...(options.header || {}) }, signal: controller.signal });
      quiet.active(); // after fetch's own set-up, as for request
      const response = await sending;
      quiet.active();
      const headers = Object.fromEntries(response.headers.entries());
      emit('HeadersReceived', { header: headers });
      const expected = Number(response.headers.get('content-length')) || 0;
      let written = 0;
      const chunks = [];
      for await (const chunk of response.body) {
        quiet.active();
        written += chunk.length;
        chunks.push(chunk);
        emit('ProgressUpdate', {
          progress: expected ? Math.floor((written * 100) / expected) : 0,
          totalBytesWritten: written,
          totalBytesExpectedToWrite: expected,
        });
      }
      const bytes = Buffer.concat(chunks);
      if (typeof options.filePath === 'string') {
        // Written by the manager's own rules: user files only, limits counted.
        METHODS.writeFile.run({ filePath: options.filePath, data: bytes }, env);
        return { filePath: options.filePath, statusCode: response.status };
      }
      const tempFilePath = env.files.writeTemp(bytes, 'download');
      return { tempFilePath, statusCode: response.status };
    } catch (e) {
      if (e instanceof Fail) throw e; // the file rules' failure, with its errCode
      if (controller.signal.aborted) throw new Error(abortReason(controller));
      throw new Error(fetchFailure(e));
    }
  })().finally(() => { quiet.stop(); stopTimeout(); slot.release(); release(); retire(); forgetDispose(); });
  return { task, done, aborted: byPlugin.signal };
}

const entries = [{ name: 'downloadFile', kind: 'task', simulated: 'real', impl: downloadFile }];

module.exports = { entries };
