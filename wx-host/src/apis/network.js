'use strict';
// The "network" category: wx.request, downloadFile, uploadFile and
// connectSocket for real (Node's fetch / http, and the `ws` package for
// WebSockets), TCP and UDP sockets, local service discovery; one file per
// subsystem under apis/network/, in this order (the registry keeps it). As
// on WeChat, a URL is reachable only when its origin is on the plugin's
// configured domains — here the scenario's `network` `requestDomains`
// (request; uploadFile and downloadFile too unless `uploadFileDomains` /
// `downloadFileDomains` say otherwise) and `socketDomains` (connectSocket)
// — or, unless `allowLoopback: false`, when it is loopback (http(s)/ws(s)
// to 127.0.0.1, localhost, [::1]; plain http and ws too, unlike WeChat).
// Anything else fails "url not in domain list", as an unconfigured domain
// does on WeChat. Without a scenario: loopback only. The rules are
// src/net.js.

const SUBSYSTEMS = [
  require('./network/request'),
  require('./network/download'),
  require('./network/upload'),
  require('./network/socket'),
  require('./network/udp'),
  require('./network/mdns'),
];

const entries = SUBSYSTEMS.flatMap((s) => s.entries);

module.exports = { entries };
