'use strict';
// The network tasks' objects, as the typings give their interfaces.

/** Each task's object: [interface, methods, events] (also the shape of a task that never starts, src/wx.js). */
const TASK_OBJECTS = {
  request: ['RequestTask', ['abort'], ['HeadersReceived', 'ChunkReceived']],
  downloadFile: ['DownloadTask', ['abort'], ['HeadersReceived', 'ProgressUpdate']],
  uploadFile: ['UploadTask', ['abort'], ['HeadersReceived', 'ProgressUpdate']],
  connectSocket: ['SocketTask', ['send', 'close'], ['Open', 'Message', 'Error', 'Close']],
};

module.exports = { TASK_OBJECTS };
