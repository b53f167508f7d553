'use strict';
// Faults on the methods of the objects the host returns ("<Interface>.<method>",
// src/objects.js): checked at load against platform.json, applied per call,
// traced like the faults of wx APIs.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createHost } = require('../src');
const { ScenarioError } = require('../src/scenario');
const { ALLOWLIST, loadPlugin, plain } = require('../test-support/kit');

const EMPTY = { 'index.js': 'module.exports = {};' };
const withFaults = (faults, extra = {}) => ({ scenario: { faults }, ...extra });
const records = (host, api) => host.trace.filter((r) => r.api === api).map(({ seq, args, ...rest }) => rest);

test('SocketTask.send fail: call 1 answers "sendSocketMessage:fail <reason>" unsent, as a real failed send does; call 2 reaches the server', async (t) => {
  const { WebSocketServer } = require('ws');
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => server.on('listening', r));
  const received = [];
  server.on('connection', (ws) => { ws.on('message', (data) => { received.push(String(data)); ws.close(1000); }); });
  t.after(() => new Promise((r) => server.close(r)));
  const { host } = await loadPlugin(t, EMPTY, withFaults([
    { api: 'SocketTask.send', call: 1, fault: 'fail', errMsg: 'network down', errno: 1002 },
  ]));
  host.evaluate(`
    globalThis.log = [];
    const task = wx.connectSocket({ url: 'ws://127.0.0.1:${server.address().port}/' });
    task.onOpen(() => {
      task.send({ data: 'first', success: (r) => log.push(['success', r]), fail: (r) => log.push(['fail', r]), complete: (r) => log.push(['complete', r.errMsg]) });
      task.send({ data: 'second', success: (r) => log.push(['success', r.errMsg]), fail: (r) => log.push(['fail', r]) });
    });
    task.onClose((c) => log.push(['close', c.code]));`);
  await host.settle();
  assert.deepEqual(received, ['second']); // the server's own record: the failed send never went out
  assert.deepEqual(plain(host.evaluate('log')), [
    ['fail', { errMsg: 'sendSocketMessage:fail network down', errno: 1002 }], ['complete', 'sendSocketMessage:fail network down'],
    ['success', 'sendSocketMessage:ok'], ['close', 1000],
  ]);
  assert.deepEqual(records(host, 'SocketTask.send').map((r) => [r.outcome, r.fault, r.errMsg]), [
    ['fail', 'fail', 'sendSocketMessage:fail network down'], ['return', undefined, undefined],
  ]);
  assert.equal(host.held().callbacks, 0);
});

test('RecorderManager.start throw: the call throws, the recorder does not start; the next call is real', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([
    { api: 'RecorderManager.start', call: 1, fault: 'throw', message: 'microphone busy' },
  ], { baseVersion: '2.0.0' }));
  const r = plain(host.evaluate(`
    globalThis.starts = 0;
    globalThis.rm = wx.getRecorderManager();
    rm.onStart(() => { starts += 1; });
    let caught = null;
    try { rm.start({}); } catch (e) { caught = [e instanceof Error, e.message]; }
    caught`));
  assert.deepEqual(r, [true, 'microphone busy']);
  await host.settle();
  assert.equal(host.evaluate('starts'), 0);
  host.evaluate('rm.start({})');
  await host.settle();
  assert.equal(host.evaluate('starts'), 1);
  assert.deepEqual(records(host, 'RecorderManager.start').map((x) => [x.outcome, x.fault, x.errMsg]), [
    ['throw', 'throw', 'microphone busy'], ['return', undefined, undefined],
  ]);
});

test('a missing method is absent from every such object (traced once per object); the rest are there', async (t) => {
  const { host } = await loadPlugin(t, EMPTY, withFaults([{ api: 'InnerAudioContext.play', fault: 'missing' }]));
  const r = plain(host.evaluate(`
    const a = wx.createInnerAudioContext();
    [typeof a.play, 'play' in a, typeof a.pause, typeof a.onPlay, typeof wx.createInnerAudioContext().play]`));
  assert.deepEqual(r, ['undefined', false, 'function', 'function', 'undefined']);
  assert.deepEqual(records(host, 'InnerAudioContext.play'), [
    { api: 'InnerAudioContext.play', outcome: 'absent', fault: 'missing' },
    { api: 'InnerAudioContext.play', outcome: 'absent', fault: 'missing' },
  ]);
});

test('late and twice on a callback method (late: 300 ms later); never holds its callbacks; throw on another method', async (t) => {
  const { WebSocketServer } = require('ws');
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => server.on('listening', r));
  t.after(() => new Promise((r) => { for (const c of server.clients) c.terminate(); server.close(r); }));
  const { host } = await loadPlugin(t, EMPTY, withFaults([
    { api: 'SocketTask.send', call: 1, fault: 'twice' },
    { api: 'SocketTask.send', call: 2, fault: 'late', ms: 300 },
    { api: 'SocketTask.send', call: 3, fault: 'never' },
    { api: 'SocketTask.close', fault: 'throw', message: 'no' },
  ]));
  host.evaluate(`
    globalThis.log = [];
    globalThis.task = wx.connectSocket({ url: 'ws://127.0.0.1:${server.address().port}/' });
    task.onOpen(() => {
      const t0 = Date.now();
      for (const n of [1, 2, 3]) task.send({ data: 'm' + n, success: () => log.push([n, Date.now() - t0 >= 295]), fail: () => log.push([n, 'fail']) });
    });`);
  for (let i = 0; i < 200 && host.evaluate('log.length') < 3; i++) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(plain(host.evaluate('log')), [[1, false], [1, false], [2, true]]);
  assert.equal(host.held().callbacks, 2); // call 3's success and fail, never answered
  assert.deepEqual(plain(host.evaluate('let m; try { task.close({}); } catch (e) { m = e.message; } m')), 'no');
  assert.deepEqual(records(host, 'SocketTask.send').map((x) => [x.fault, x.outcome]), [['twice', 'return'], ['late', 'return'], ['never', 'pending']]);
});

test('object-method faults are checked against the shipped interface data', () => {
  const faults = [
    { api: 'Nope.send', fault: 'throw', message: 'x' },
    { api: 'SocketTask.sned', fault: 'throw', message: 'x' },
    { api: 'CameraContext.onCameraFrame', fault: 'missing' },
    { api: 'RecorderManager.start', fault: 'late', ms: 5 },
    { api: 'SocketTask.send', fault: 'wrongShape', result: {} },
    { api: 'UDPSocket.send', call: 2, fault: 'throw', message: 'x' },
  ];
  assert.throws(() => createHost({ allowlist: ALLOWLIST, scenario: { faults }, scenarioName: 'phone.json' }), (e) => {
    assert.ok(e instanceof ScenarioError);
    assert.deepEqual(e.problems, [
      'phone.json: $.faults[0].api: expected an object\'s method "<Interface>.<method>" of an interface the typings give methods (e.g. "SocketTask.send"), got "Nope.send"',
      'phone.json: $.faults[1].api: expected a method of SocketTask plugins may call (close, onClose, onError, onMessage, onOpen, send), got "SocketTask.sned"',
      'phone.json: $.faults[2].api: CameraContext.onCameraFrame is unsupported in plugins (the typings), so the host\'s CameraContext has no such method to fault',
      'phone.json: $.faults[3].fault: "late" does not apply to RecorderManager.start (a method without success/fail callbacks takes throw, missing)',
      'phone.json: $.faults[4].fault: "wrongShape" does not apply to SocketTask.send (a method with success/fail callbacks takes fail, throw, twice, never, late, missing)',
    ]);
    return true;
  });
});
