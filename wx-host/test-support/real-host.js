'use strict';
// The host the per-category tests call APIs on: the real allowlist (read once
// per process), every API exposed (base 99.0.0), the virtual clock, and in the
// plugin realm `call(api, options)` (a promise of { via: 'success'|'fail', res }),
// `heard` (an array) and `listen(event)` (which pushes [event, payload] to it).

const { createHost } = require('../src');
const { plain } = require('./kit');
const { readRealAllowlist } = require('./allowlist');

let real = null;
/** The real allowlist, read once. */
const realList = () => (real = real || readRealAllowlist());

/** A host for test `t` (disposed after it), with `options` over the defaults above. */
function host(t, options = {}) {
  const h = createHost({ allowlist: realList(), baseVersion: '99.0.0', clock: 'virtual', ...options });
  t.after(() => h.dispose());
  h.evaluate(`globalThis.call = (api, options = {}) => new Promise((resolve) => {
    wx[api](Object.assign({}, options, { success: (res) => resolve({ via: 'success', res }), fail: (res) => resolve({ via: 'fail', res }) }));
  });
  globalThis.heard = [];
  globalThis.listen = (event) => wx[event]((e) => heard.push([event, e]));`);
  return h;
}
/** Calls `api` with `options` in the plugin realm; its answer as plain JSON data. */
const call = async (h, api, options = {}) => plain(await h.evaluate(`call(${JSON.stringify(api)}, ${JSON.stringify(options)})`));
/** The answer of a success: errMsg "<api>:ok" and `fields`. */
const ok = (api, fields = {}) => ({ via: 'success', res: { errMsg: `${api}:ok`, ...fields } });
/** The answer of a failure: errMsg "<api>:fail <reason>" and `fields`. */
const failed = (api, reason, fields = {}) => ({ via: 'fail', res: { errMsg: `${api}:fail ${reason}`, ...fields } });

module.exports = { host, call, ok, failed, realList };
