'use strict';
// The worker thread of runPluginIsolated (src/isolate.js): runs runPlugin
// on the options it was given. It tells the main thread which step it is in
// (messages), and writes what happens — each console line, error and trace
// record — to a log in memory the main thread shares (src/isolate-log.js),
// the moment it happens: when the main thread's watchdog stops this thread
// in a loop that never yields, or the thread runs out of memory, the log
// still holds everything up to that point, the console line logged just
// before the loop included. A message per entry cost more (measured, an
// export logging 100,000 lines: 2.0-2.5 s as messages, 1.0-1.6 s with the
// log, 0.2-0.3 s in-process, on a loaded 2-core machine).

const { parentPort, workerData } = require('node:worker_threads');
const { runPlugin, UsageError } = require('./run');
const { openLog } = require('./isolate-log');

// How often the thread says it is alive while its event loop turns; the
// watchdog stops it only after a silence well above this.
const BEAT_MS = 100;

const { options, log: shared } = workerData;
const log = openLog(shared);
let host = null;
// Trace records written while pending (src/host/trace.js finish() completes them
// later), with their number of fields then: written again once finished or
// given a field (a fault), checked at each beat and step.
const open = new Map();

// A plugin that loops right after a sync wx call leaves no turn to check in:
// each new entry first checks the last few records, so such a call shows
// its outcome (only the very last one before the loop may read "pending").
const RECENT = 8;

function writeFinished(recentOnly = false) {
  const check = (i, fields) => {
    const rec = host.trace[i];
    if (!rec) { open.delete(i); return; } // a library user emptied the trace
    const now = Object.keys(rec).length;
    if (rec.outcome !== 'pending') open.delete(i);
    else if (now === fields) return;
    else open.set(i, now);
    log.append(['t', i, rec]);
  };
  if (!recentOnly) {
    for (const [i, fields] of open) check(i, fields);
    return;
  }
  for (let i = Math.max(0, host.trace.length - RECENT); i < host.trace.length; i += 1) {
    if (open.has(i)) check(i, open.get(i));
  }
}

/** Makes `array.push` also write each item to the log, as `[tag, ...]`. */
function logPushes(array, entry) {
  Object.defineProperty(array, 'push', {
    configurable: true,
    writable: true,
    value(...items) {
      if (open.size) writeFinished(true);
      const start = this.length;
      const n = Array.prototype.push.apply(this, items);
      items.forEach((item, k) => log.append(entry(item, start + k)));
      return n;
    },
  });
}

const beat = setInterval(() => {
  if (host) writeFinished();
  parentPort.postMessage({ type: 'beat' });
}, BEAT_MS);
beat.unref();

const observer = {
  started(h, report) {
    host = h;
    logPushes(host.console, (line) => ['c', line]);
    logPushes(host.errors, (error) => ['e', error]);
    logPushes(host.trace, (rec, i) => {
      if (rec.outcome === 'pending') open.set(i, Object.keys(rec).length);
      return ['t', i, rec];
    });
    parentPort.postMessage({ type: 'started', base: report.base, exposed: report.exposed });
  },
  step(step) {
    writeFinished();
    parentPort.postMessage({ type: 'step', step });
  },
  called(entry) { parentPort.postMessage({ type: 'call', entry }); },
};

(async () => {
  let report;
  try {
    report = await runPlugin(options, observer);
  } catch (e) {
    const usage = e instanceof UsageError;
    parentPort.postMessage({ type: 'throw', usage, showUsage: usage && e.showUsage, message: e && e.message, stack: e && e.stack });
    return;
  }
  // The report's own fields only (not the non-enumerable `host`), in full:
  // the log is for a run that is stopped.
  const out = {};
  for (const key of Object.keys(report)) out[key] = report[key];
  parentPort.postMessage({ type: 'done', report: out });
})().finally(() => clearInterval(beat));
