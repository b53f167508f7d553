'use strict';
// The network rules a host applies, shared by createHost, the scenario's
// checks and the network category (apis/network/): which origins a plugin
// may reach (WeChat's server-domain lists, here the scenario's `network`
// lists, plus loopback unless `allowLoopback: false`), how many requests go
// at once, and the virtual clock's quiet period for network tasks.


const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
// WeChat sends at most 10 request/uploadFile/downloadFile at once (all
// three together); since base 1.4.0 it queues the others in call order and
// sends each when a slot frees. The scenario's network.maxConcurrentRequests
// changes the limit.
const MAX_CONCURRENT_REQUESTS = 10;

/**
 * The domain-list key of a URL: "<scheme>://<host>[:<port>]", the port only
 * when the URL writes one — WeChat's rule: a domain configured without a
 * port takes no URL with a port, not even :443, and one with a port takes
 * that port only. Returns null for what does not parse.
 */
function originKey(raw) {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(raw);
  if (!m) return null;
  let url;
  try { url = new URL(raw); } catch { return null; }
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(m[2].replace(/^.*@/, ''));
  if (!hostPort) return null;
  return `${url.protocol}//${url.hostname}${hostPort[2] === undefined ? '' : `:${Number(hostPort[2])}`}`;
}

/**
 * Why a domain-list entry (`scheme`: "https:" or "wss:") is not one, or
 * null when it is: an origin with that scheme, a domain name (WeChat takes
 * no IP address or localhost), an optional port, no path, query or user.
 */
function domainProblem(entry, scheme) {
  if (typeof entry !== 'string') return `a ${scheme}// origin`;
  let url;
  try { url = new URL(entry); } catch { return `a ${scheme}// origin`; }
  if (url.protocol !== scheme) return `a ${scheme}// origin`;
  if (url.username || url.password || url.search || url.hash || !/^[a-z]+:\/\/[^/?#]*\/?$/i.test(entry)) return `a ${scheme}// origin, with no path, query or user`;
  if (LOOPBACK.has(url.hostname) || /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname.startsWith('[')) {
    return `a domain name, not an IP address or localhost (loopback is "allowLoopback")`;
  }
  return null;
}

/**
 * The domain rules a host applies (env.network): the scenario's `network`
 * lists as origin keys, or loopback only. `list` is request, uploadFile,
 * downloadFile or socket.
 */
function domainRules(network = {}) {
  const keys = (list) => (list || []).map(originKey);
  const request = keys(network.requestDomains);
  return {
    allowLoopback: network.allowLoopback !== false,
    request,
    uploadFile: network.uploadFileDomains ? keys(network.uploadFileDomains) : request,
    downloadFile: network.downloadFileDomains ? keys(network.downloadFileDomains) : request,
    socket: keys(network.socketDomains),
    maxConcurrentRequests: network.maxConcurrentRequests ?? MAX_CONCURRENT_REQUESTS,
  };
}
const LOOPBACK_ONLY = domainRules();

// Under the virtual clock a task in flight is real work, so the clock runs
// at wall speed; once nothing has come from (or gone to) its server for this
// long on the wall clock, it is taken to be only waiting — for an answer that
// may never come, or for its timeout — and counts as a timer: the virtual
// clock may skip ahead (to its timeout, or an earlier timer) when nothing
// else is real work. Anything that arrives makes it real work again.
// The default of createHost's networkQuietMs, which env always carries.
const QUIET_MS = 500;

module.exports = { LOOPBACK, LOOPBACK_ONLY, MAX_CONCURRENT_REQUESTS, QUIET_MS, originKey, domainProblem, domainRules };
