'use strict';
// The trace of every wx call ({ seq, api, args, outcome, result | errMsg }),
// and its readable text form.

const { jsonSafe } = require('../jsonsafe');

/** Records into `trace` (host.trace): record(api, args) -> rec (pending), finish(rec, outcome, field, value). */
function createTrace(trace) {
  let seq = 0;
  function record(api, args) {
    const rec = { seq: ++seq, api, args: jsonSafe(Array.from(args)) ?? [], outcome: 'pending' };
    trace.push(rec);
    return rec;
  }
  function finish(rec, outcome, field, value) {
    rec.outcome = outcome;
    const v = jsonSafe(value);
    if (field && v !== undefined) rec[field] = v;
  }
  return { record, finish };
}

function short(json, max = 300) {
  return json.length > max ? `${json.slice(0, max)}…` : json;
}

/** The readable text form of a trace. */
function formatTrace(trace) {
  if (trace.length === 0) return '(no wx calls)';
  return trace.map((r) => {
    const args = r.args.map((a) => short(JSON.stringify(a) ?? 'undefined', 200)).join(', ');
    let tail = r.outcome;
    if ('result' in r) tail += ` ${short(JSON.stringify(r.result))}`;
    if ('errMsg' in r) tail += ` ${JSON.stringify(r.errMsg)}`;
    if (r.fault) tail += ` (fault: ${r.fault})`;
    return `#${r.seq} ${r.api}(${args}) -> ${tail}`;
  }).join('\n');
}

module.exports = { createTrace, formatTrace };
