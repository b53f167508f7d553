'use strict';
// wx.connectSocket: a real WebSocket client (the `ws` package).

const { makeObject } = require('../../objects');
const { TASK_OBJECTS } = require('../../data/tasks');
const { holdTask, checkUrl } = require('./tasks');

// At most 5 sockets at once, as on WeChat.
const MAX_SOCKETS = 5;
let openSockets = 0;

/**
 * Starts wx.connectSocket: a real WebSocket client (the `ws` package) to a
 * loopback server. `success` means the call was taken, as on WeChat; the
 * task's onOpen/onMessage/onError/onClose report the connection, and its
 * send/close take WeChat's options with their own callbacks.
 */
function connectSocket(options, env) {
  // Loaded on the first connectSocket, not at start-up: `ws` takes 45-100 ms to load, and most runs open no socket.
  const WebSocket = require('ws');
  let socket = null;
  const later = (label, fn) => env.schedule(label, fn);
  const answer = (api, o, error) => {
    const res = { errMsg: error ? `${api}:fail ${error}` : `${api}:ok` };
    later(`${api} callbacks`, () => {
      const r = env.realm.toRealm(res);
      env.callPlugin(`${api} ${error ? 'fail' : 'success'} callback`, o && o[error ? 'fail' : 'success'], r);
      env.callPlugin(`${api} complete callback`, o && o.complete, r);
    });
  };
  const release = holdTask(env, 'connectSocket');
  const { object: task, emit, retire } = makeObject(env, 'SocketTask', {
    send: ([o]) => {
      const data = o && o.data;
      if (!socket || socket.readyState !== WebSocket.OPEN) return answer('sendSocketMessage', o, 'socket is not connected');
      const payload = Object.prototype.toString.call(data) === '[object ArrayBuffer]' ? Buffer.from(data) : String(data);
      socket.send(payload, (e) => answer('sendSocketMessage', o, e ? e.message : null));
    },
    close: ([o]) => {
      const code = o && o.code !== undefined ? Number(o.code) : 1000;
      if (socket && socket.readyState <= WebSocket.OPEN) socket.close(code, (o && o.reason) || '');
      answer('closeSocket', o, null);
    },
  }, TASK_OBJECTS.connectSocket[2]);
  const done = (async () => {
    const url = checkUrl(options.url, ['ws:', 'wss:'], env, 'socket');
    if (openSockets >= MAX_SOCKETS) throw new Error('exceed max socket connect count');
    openSockets += 1;
    const closed = env.track(`SocketTask to ${url}`);
    socket = new WebSocket(url, options.protocols || [], { headers: { ...(options.header || {}) } });
    // `timeout` (ConnectSocketOption, ms): not open by then, on the host's clock, the
    // connection is given up: onError "timeout", then onClose 1006.
    let connectTimer = null;
    let timedOut = false;
    if (Number(options.timeout) > 0) {
      connectTimer = env.clock.setTimeout(() => {
        connectTimer = null;
        if (socket.readyState !== WebSocket.CONNECTING) return;
        timedOut = true;
        emit('Error', { errMsg: 'timeout' });
        socket.terminate();
      }, Number(options.timeout));
    }
    const stopConnectTimer = () => { if (connectTimer !== null) { env.clock.clear(connectTimer); connectTimer = null; } };
    socket.on('open', () => { stopConnectTimer(); emit('Open', { header: {} }); });
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        const bytes = new Uint8Array(data);
        const ab = new env.realm.ArrayBuffer(bytes.length);
        new env.realm.Uint8Array(ab).set(bytes);
        emit('Message', { data: ab });
      } else {
        emit('Message', { data: data.toString('utf8') });
      }
    });
    socket.on('error', (e) => { if (!timedOut) emit('Error', { errMsg: e.message }); });
    socket.on('close', (code, reason) => {
      stopConnectTimer();
      openSockets -= 1;
      emit('Close', { code, reason: reason.toString('utf8') });
      closed();
      release();
      retire();
    });
    return {};
  })();
  done.catch(() => { release(); retire(); }); // never connected
  return { task, done };
}

const entries = [{ name: 'connectSocket', kind: 'task', simulated: 'real', impl: connectSocket }];

module.exports = { entries };
