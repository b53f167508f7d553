'use strict';
// The scenario's request domains (network.requestDomains, socketDomains,
// uploadFileDomains, downloadFileDomains, allowLoopback): which URLs
// request, downloadFile, uploadFile and connectSocket may reach. The
// configured domains are under .invalid (RFC 2606: never resolves), so a
// URL the rules let through fails as a network error, not a domain error.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { createHost } = require('../src');
const { ScenarioError } = require('../src/scenario');
const { originKey } = require('../src/net');
const { ALLOWLIST, loadPlugin, plain } = require('../test-support/kit');

const EMPTY = { 'index.js': 'module.exports = {};' };
// What an unresolvable host gives: getaddrinfo's "not found" (or "try again" without DNS).
const NETWORK_ERROR = /^(request|downloadFile|uploadFile):fail (ENOTFOUND|EAI_AGAIN)$/;
const NOT_LISTED = (api) => `${api}:fail url not in domain list`;

async function httpServer(t) {
  const s = http.createServer((req, res) => { req.resume(); req.on('end', () => res.end(`served ${req.method} ${req.url}`)); });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  t.after(() => new Promise((r) => { s.closeAllConnections(); s.close(r); }));
  return `http://127.0.0.1:${s.address().port}`;
}

/** Runs each [label, api, options] in the plugin; resolves to { label: errMsg or 'ok <data>' }. */
async function attempt(host, calls) {
  host.evaluate(`globalThis.out = {};
    globalThis.go = (label, api, o) => wx[api]({ ...o,
      success: (r) => { out[label] = 'ok ' + (r.data !== undefined ? r.data : r.tempFilePath); },
      fail: (r) => { out[label] = r.errMsg; } });`);
  for (const [label, api, options] of calls) host.realm.context.go(label, api, host.realm.toRealm(options));
  await host.settle({ timeout: 15000 });
  return plain(host.evaluate('out'));
}

test('originKey keeps a port only when the URL writes one', () => {
  assert.equal(originKey('https://API.example.com/a?b'), 'https://api.example.com');
  assert.equal(originKey('https://api.example.com:443/a'), 'https://api.example.com:443');
  assert.equal(originKey('https://user@api.example.com:8443'), 'https://api.example.com:8443');
  assert.equal(originKey('wss://[::1]:9/'), 'wss://[::1]:9');
  assert.equal(originKey('not a url'), null);
});

test('request: a listed origin is let through (and fails as a network error); others, ports and schemes are refused', async (t) => {
  const local = await httpServer(t);
  const { host } = await loadPlugin(t, EMPTY, {
    scenario: { network: { requestDomains: ['https://api.example.invalid', 'https://files.example.invalid:8443'] } },
  });
  const out = await attempt(host, [
    ['listed', 'request', { url: 'https://api.example.invalid/v1/items?x=1' }],
    ['listed with its port', 'request', { url: 'https://files.example.invalid:8443/f' }],
    ['other domain', 'request', { url: 'https://evil.example.invalid/' }],
    ['subdomain', 'request', { url: 'https://x.api.example.invalid/' }],
    ['explicit 443', 'request', { url: 'https://api.example.invalid:443/' }],
    ['other port', 'request', { url: 'https://files.example.invalid:9443/f' }],
    ['no port', 'request', { url: 'https://files.example.invalid/f' }],
    ['plain http', 'request', { url: 'http://api.example.invalid/' }],
    ['loopback', 'request', { url: `${local}/here`, dataType: 'text' }],
  ]);
  assert.match(out.listed, NETWORK_ERROR);
  assert.match(out['listed with its port'], NETWORK_ERROR);
  for (const k of ['other domain', 'subdomain', 'explicit 443', 'other port', 'no port', 'plain http']) assert.equal(out[k], NOT_LISTED('request'), k);
  assert.equal(out.loopback, 'ok served GET /here'); // loopback stays allowed by default
});

test('allowLoopback: false refuses loopback for all four; with no lists nothing is reachable', async (t) => {
  const local = await httpServer(t);
  const { host } = await loadPlugin(t, EMPTY, { baseVersion: '2.19.2', scenario: { network: { allowLoopback: false } } });
  host.evaluate("wx.getFileSystemManager().writeFileSync(wx.env.USER_DATA_PATH + '/up.txt', 'data')");
  const out = await attempt(host, [
    ['request', 'request', { url: `${local}/a` }],
    ['request localhost', 'request', { url: `${local.replace('127.0.0.1', 'localhost')}/a` }],
    ['download', 'downloadFile', { url: `${local}/a` }],
    ['upload', 'uploadFile', { url: `${local}/a`, filePath: 'wxfile://usr/up.txt', name: 'f' }],
    ['socket', 'connectSocket', { url: `${local.replace('http', 'ws')}/a` }],
    ['elsewhere', 'request', { url: 'https://api.example.invalid/' }],
  ]);
  assert.deepEqual(out, {
    request: NOT_LISTED('request'),
    'request localhost': NOT_LISTED('request'),
    download: NOT_LISTED('downloadFile'),
    upload: NOT_LISTED('uploadFile'),
    socket: NOT_LISTED('connectSocket'),
    elsewhere: NOT_LISTED('request'),
  });
});

test('downloadFile and uploadFile take requestDomains, unless their own lists are given', async (t) => {
  const local = await httpServer(t);
  const files = (network) => loadPlugin(t, EMPTY, { baseVersion: '2.19.2', scenario: { network } }).then(({ host }) => {
    host.evaluate("wx.getFileSystemManager().writeFileSync(wx.env.USER_DATA_PATH + '/up.txt', 'data')");
    return host;
  });
  const calls = [
    ['download api', 'downloadFile', { url: 'https://api.example.invalid/f.bin' }],
    ['download cdn', 'downloadFile', { url: 'https://cdn.example.invalid/f.bin' }],
    ['upload api', 'uploadFile', { url: 'https://api.example.invalid/u', filePath: 'wxfile://usr/up.txt', name: 'f' }],
    ['upload cdn', 'uploadFile', { url: 'https://cdn.example.invalid/u', filePath: 'wxfile://usr/up.txt', name: 'f' }],
    ['download loopback', 'downloadFile', { url: `${local}/f.bin` }],
    ['upload loopback', 'uploadFile', { url: `${local}/u`, filePath: 'wxfile://usr/up.txt', name: 'f' }],
  ];
  let out = await attempt(await files({ requestDomains: ['https://api.example.invalid'] }), calls);
  assert.match(out['download api'], NETWORK_ERROR);
  assert.match(out['upload api'], NETWORK_ERROR);
  assert.equal(out['download cdn'], NOT_LISTED('downloadFile'));
  assert.equal(out['upload cdn'], NOT_LISTED('uploadFile'));
  assert.equal(out['download loopback'], 'ok wxfile://tmp/download-1');
  assert.equal(out['upload loopback'], 'ok served POST /u');

  out = await attempt(await files({
    requestDomains: ['https://api.example.invalid'], downloadFileDomains: ['https://cdn.example.invalid'], uploadFileDomains: [],
  }), calls);
  assert.equal(out['download api'], NOT_LISTED('downloadFile'));
  assert.match(out['download cdn'], NETWORK_ERROR);
  assert.equal(out['upload api'], NOT_LISTED('uploadFile'));
  assert.equal(out['upload cdn'], NOT_LISTED('uploadFile'));
  assert.equal(out['upload loopback'], 'ok served POST /u');
});

test('connectSocket takes socketDomains (wss), not the request domains; loopback ws as allowLoopback says', async (t) => {
  const { WebSocketServer } = require('ws');
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => server.on('listening', r));
  server.on('connection', (ws) => ws.on('message', (d) => ws.send(`echo ${d}`)));
  t.after(() => new Promise((r) => server.close(r)));
  const { host } = await loadPlugin(t, EMPTY, {
    scenario: { network: { requestDomains: ['https://api.example.invalid'], socketDomains: ['wss://chat.example.invalid'] } },
  });
  host.evaluate(`
    globalThis.log = [];
    const open = (label, url) => {
      const task = wx.connectSocket({ url, success: (r) => log.push(label + ' ' + r.errMsg), fail: (r) => log.push(label + ' ' + r.errMsg) });
      task.onError((e) => log.push(label + ' error ' + e.errMsg));
      task.onClose((c) => log.push(label + ' close ' + c.code));
      return task;
    };
    open('chat', 'wss://chat.example.invalid/room');
    open('api', 'wss://api.example.invalid/');
    open('other', 'wss://other.example.invalid/');
    const local = open('local', 'ws://127.0.0.1:${server.address().port}/');
    local.onOpen(() => local.send({ data: 'hi' }));
    local.onMessage((m) => { log.push('local ' + m.data); local.close({}); });`);
  await host.settle({ timeout: 15000 });
  const log = plain(host.evaluate('log'));
  const of = (label) => log.filter((l) => l.startsWith(`${label} `));
  assert.equal(of('chat')[0], 'chat connectSocket:ok');
  assert.match(of('chat')[1], /^chat error .*(ENOTFOUND|EAI_AGAIN)/);
  assert.equal(of('chat')[2], 'chat close 1006');
  assert.deepEqual(of('api'), ['api connectSocket:fail url not in domain list']);
  assert.deepEqual(of('other'), ['other connectSocket:fail url not in domain list']);
  assert.deepEqual(of('local'), ['local connectSocket:ok', 'local echo hi', 'local close 1000']);
});

test('the domain lists are checked: origins of the right scheme, domain names, no paths', () => {
  const network = {
    requestDomains: ['http://api.example.com', 'https://api.example.com/v1', 'https://127.0.0.1', 'https://localhost:8080', 'wss://a.example.com', 5, 'https://ok.example.com'],
    socketDomains: ['https://chat.example.com', 'wss://[::1]', 'wss://chat.example.com:8443'],
    uploadFileDomains: 'https://up.example.com',
    downloadFileDomains: ['https://u:p@dl.example.com', 'https://dl.example.com?x'],
    allowLoopback: 'yes',
    proxy: true,
  };
  assert.throws(() => createHost({ allowlist: ALLOWLIST, scenario: { network }, scenarioName: 'net.json' }), (e) => {
    assert.ok(e instanceof ScenarioError);
    assert.deepEqual(e.problems, [
      'net.json: $.network.proxy: unknown key (expected one of type, signalStrength, requestDomains, uploadFileDomains, downloadFileDomains, socketDomains, allowLoopback, maxConcurrentRequests)',
      'net.json: $.network.allowLoopback: expected true or false, got "yes"',
      'net.json: $.network.requestDomains[0]: expected a https:// origin, got "http://api.example.com"',
      'net.json: $.network.requestDomains[1]: expected a https:// origin, with no path, query or user, got "https://api.example.com/v1"',
      'net.json: $.network.requestDomains[2]: expected a domain name, not an IP address or localhost (loopback is "allowLoopback"), got "https://127.0.0.1"',
      'net.json: $.network.requestDomains[3]: expected a domain name, not an IP address or localhost (loopback is "allowLoopback"), got "https://localhost:8080"',
      'net.json: $.network.requestDomains[4]: expected a https:// origin, got "wss://a.example.com"',
      'net.json: $.network.requestDomains[5]: expected a https:// origin, got 5',
      'net.json: $.network.uploadFileDomains: expected an array of https:// origins, e.g. "https://api.example.com", got "https://up.example.com"',
      'net.json: $.network.downloadFileDomains[0]: expected a https:// origin, with no path, query or user, got "https://u:p@dl.example.com"',
      'net.json: $.network.downloadFileDomains[1]: expected a https:// origin, with no path, query or user, got "https://dl.example.com?x"',
      'net.json: $.network.socketDomains[0]: expected a wss:// origin, got "https://chat.example.com"',
      'net.json: $.network.socketDomains[1]: expected a domain name, not an IP address or localhost (loopback is "allowLoopback"), got "wss://[::1]"',
    ]);
    return true;
  });
  // A list may name a port, and the network type still goes with it.
  const host = createHost({ allowlist: ALLOWLIST, scenario: { network: { type: '5g', socketDomains: ['wss://chat.example.com:8443'], requestDomains: ['https://ok.example.com/'] } } });
  host.dispose();
  assert.equal(host.device.networkType, '5g');
});

test('a refused connection and a port fetch will not use fail with a reason, never "fetch failed"', async (t) => {
  // A port nothing listens on: made by listening and closing again.
  const closed = await new Promise((resolve) => {
    const server = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
  const { host } = await loadPlugin(t, EMPTY);
  const out = await attempt(host, [
    ['refused', 'request', { url: `http://127.0.0.1:${closed}/x` }],
    ['refused download', 'downloadFile', { url: `http://127.0.0.1:${closed}/x` }],
    // 6000 (X11) is on the Fetch standard's list of bad ports: undici refuses it before connecting.
    ['bad port', 'request', { url: 'http://127.0.0.1:6000/x' }],
  ]);
  assert.deepEqual(out, {
    refused: 'request:fail ECONNREFUSED',
    'refused download': 'downloadFile:fail ECONNREFUSED',
    'bad port': 'request:fail bad port',
  });
});
