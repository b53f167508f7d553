'use strict';
// TCP and UDP sockets. TCPSocket's methods are all unsupported in plugins
// (the typings): the factory gives an object without methods and opens
// nothing. A UDPSocket is real (Node's dgram): bind (a port, 0 for any;
// answers the port), send / connect + write (message: a string or
// ArrayBuffer, offset/length), setTTL, close, and the Listening / Message /
// Error / Close events (onMessage: { message: ArrayBuffer, remoteInfo: {
// address, family, port, size }, localInfo: { address, family, port, size
// } }). A bound socket is pending work until closed.

const dgram = require('node:dgram');
const { fail } = require('../../errors');
const { typeName } = require('../../validate');
const { makeObject } = require('../../objects');

const entries = [
  {
    name: 'createTCPSocket',
    kind: 'factory',
    simulated: 'stateful',
    impl: ([options], env) => {
      const type = options && options.type;
      if (type !== undefined && !['ipv4', 'ipv6'].includes(type)) throw fail(`parameter error: parameter.type should be one of ipv4, ipv6 instead of ${JSON.stringify(type)};`);
      (env.state.sockets || (env.state.sockets = [])).push({ kind: 'tcp', type: type || 'ipv4' });
      return env.realm.object();
    },
  },
  { name: 'createUDPSocket', kind: 'factory', simulated: 'real', impl: (args, env) => createUDPSocket(env) },
];

function createUDPSocket(env) {
  const sock = dgram.createSocket('udp4');
  const st = { bound: false, closed: false, connected: null, done: null, ttl: 64 };
  (env.state.sockets || (env.state.sockets = [])).push(st);
  let emit = null;
  const bytesOf = (o) => {
    const m = o.message;
    let bytes;
    if (typeof m === 'string') bytes = Buffer.from(m, 'utf8');
    else if (Object.prototype.toString.call(m) === '[object ArrayBuffer]') bytes = Buffer.from(new Uint8Array(m));
    else throw new Error(`send:fail parameter error: parameter.message should be String or ArrayBuffer instead of ${typeName(m)}`);
    const offset = typeof o.offset === 'number' ? o.offset : 0;
    const length = typeof o.length === 'number' ? o.length : bytes.length - offset;
    return bytes.subarray(offset, offset + length);
  };
  const target = (o) => {
    if (typeof o.address !== 'string') throw new Error(`parameter error: parameter.address should be String instead of ${typeName(o.address)}`);
    if (typeof o.port !== 'number') throw new Error(`parameter error: parameter.port should be Number instead of ${typeName(o.port)}`);
    return [o.port, o.address === 'localhost' ? '127.0.0.1' : o.address];
  };
  const finish = () => { if (st.done) { st.done(); st.done = null; } };
  sock.on('message', (msg, rinfo) => {
    const local = sock.address();
    emit('Message', { message: msg.buffer.slice(msg.byteOffset, msg.byteOffset + msg.length), remoteInfo: { address: rinfo.address, family: rinfo.family, port: rinfo.port, size: rinfo.size },
      localInfo: { address: local.address, family: local.family, port: local.port, size: msg.length } });
  });
  sock.on('error', (e) => emit('Error', { errMsg: e.message }));
  sock.on('close', () => { st.closed = true; emit('Close'); finish(); });
  const made = makeObject(env, 'UDPSocket', {
    bind: ([port]) => {
      if (st.bound || st.closed) throw new Error('bind:fail socket is already bound or closed');
      // bind answers the port at once, as WeChat's does; dgram binds a moment later, so
      // without a port the host picks a free-looking one of the ephemeral range itself.
      const p = typeof port === 'number' && port > 0 ? port : 49152 + Math.floor(Math.random() * 16000);
      st.done = env.track('UDPSocket bound (until close)');
      st.bound = true;
      st.port = p;
      sock.bind(p, () => { try { sock.setTTL(st.ttl); } catch { /* default */ } emit('Listening'); });
      return p;
    },
    connect: ([o]) => { const [port, address] = target(o || {}); st.connected = { port, address }; return undefined; },
    send: ([o]) => {
      const opt = o || {};
      const [port, address] = target(opt);
      const bytes = bytesOf(opt);
      if (opt.setBroadcast) sock.setBroadcast(true);
      sock.send(bytes, port, address);
      return undefined;
    },
    write: ([o]) => {
      if (!st.connected) throw new Error('write:fail the socket is not connected (call connect first)');
      sock.send(bytesOf(o || {}), st.connected.port, st.connected.address);
      return undefined;
    },
    setTTL: ([ttl]) => {
      if (typeof ttl !== 'number' || !(ttl >= 0 && ttl <= 255)) throw new Error(`setTTL:fail parameter error: ttl should be a Number from 0 to 255 instead of ${typeName(ttl)}`);
      st.ttl = ttl;
      if (st.bound) { try { sock.setTTL(ttl); } catch { /* not yet bound */ } }
      return undefined;
    },
    close: () => { if (!st.closed) { st.closed = true; if (st.bound) sock.close(); else { emit('Close'); } } return undefined; },
  }, ['Close', 'Error', 'Listening', 'Message']);
  emit = made.emit;
  env.onDispose(() => { if (!st.closed) { st.closed = true; try { sock.close(); } catch { /* closed */ } finish(); } });
  return made.object;
}

module.exports = { entries };
