'use strict';
// runPluginIsolated(): runPlugin (src/run.js) in a worker thread of its own,
// with a memory limit and a watchdog, so that plugin code that never gives
// the thread back (`while (true) {}`, `for (;;) await null`) or allocates
// without end ends as a report — with everything that happened before —
// instead of hanging or killing the process that runs it. A timer in the
// plugin's own thread cannot do this: it never fires while that thread is
// busy; worker.terminate() from another thread stops even a microtask loop.

const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { Worker } = require('node:worker_threads');
const { UsageError } = require('./usage-error');
const { createLog, readLog } = require('./isolate-log');

const DEFAULT_MEMORY_MB = 512;
const DEFAULT_TIMEOUT_MS = 5000;
// A step has overrun when it took longer than the timeout and the worker has
// said nothing (no heartbeat, src/isolate-worker.js, every 100 ms) for this
// long: then its event loop is stuck in plugin code. While the loop turns, the
// worker's own timeouts (runPlugin's, settle's) end a slow step themselves,
// with their usual message; a busy machine that delays them does not make
// this watchdog take over.
const SILENCE_MS = 1000;
// ... and after twice the timeout plus that, the step is stopped whatever the
// heartbeat says (a plugin that yields now and then yet keeps a step going).
const hardLimit = (timeout) => 2 * timeout + SILENCE_MS;
const WATCH_EVERY_MS = 50;
// The young generation (V8's new space, where objects start) is fixed, so
// that `memory` (the old generation, where whatever lives on goes) is the
// limit that grows with the plugin's data; 48 MB did as well as V8's own
// choice on the 100,000-call runs measured (the old default is not exposed).
const YOUNG_GENERATION_MB = 48;
// V8's default stack size in Node, named so a deeper recursion fails the same
// way (a RangeError the plugin can catch) in and out of the worker.
const STACK_MB = 4;

/** Where in `value` a function (or other value a worker cannot take) is, as a path like "options.scenario.x"; null when none. */
function uncloneable(value, at = 'options', seen = new Set()) {
  const t = typeof value;
  if (t === 'function') return `${at} is a function`;
  if (t === 'symbol') return `${at} is a symbol`;
  if (value === null || t !== 'object' || seen.has(value)) return null;
  seen.add(value);
  if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) return `${at} is a ${value.constructor.name}`;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const found = uncloneable(k, `${at} (a key)`, seen) || uncloneable(v, `${at}.get(${JSON.stringify(String(k))})`, seen);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const found = uncloneable(value[key], Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`, seen);
    if (found) return found;
  }
  return null;
}

/** "hello()", "loading the plugin", ...: what a step did, for the messages. */
function stepText(step) {
  switch (step.phase) {
    case 'load': return 'loading the plugin';
    case 'call': return `${step.export}()`;
    case 'emit': return `the ${step.event} listeners`;
    case 'settle': return step.before ? `settling (waiting for timers and callbacks) before --emit ${step.before}` : 'settling (waiting for timers and callbacks) after the calls';
    case 'dispose': return 'closing the host after the run';
    default: return 'starting the host';
  }
}

/**
 * runPlugin(options) in a worker thread of its own; resolves to the same
 * report ({ base, exposed, calls, trace, console, errors, pending, ok }, plus
 * virtualTimeMs on the virtual clock), without `report.host` (the host lives
 * in the worker, which has ended).
 *
 * options: runPlugin's (pluginDir, calls, timeout, createHost's options),
 * which must be what a worker can be given (structured clone: no functions),
 * plus memory: the MB of JS heap the plugin's thread may use (V8's old
 * generation; default 512).
 *
 * Limits: a step — loading, one call, firing one --emit, settling, closing —
 * that keeps the thread busy past `timeout` (plugin code in a loop that
 * never yields, e.g. `while (true) {}` or `for (;;) await null`, in the
 * export or in a timer or callback it set up) is stopped: the report carries
 * what happened before, the step as failed (a call entry with ok false, or an
 * error whose source is the phase: load, emit, settle, dispose), `ok: false`
 * and `stopped: { reason: 'timeout', phase, export?, event?, limitMs }`.
 * Going over `memory` likewise, with `stopped: { reason: 'memory', phase, ...,
 * limitMb }`. The plugin sees neither: it is stopped where it is. An
 * exception nothing caught in the worker (a wx-host bug) ends the run the
 * same way, with `stopped: { reason: 'crash', phase }` and its stack.
 * Rejects with UsageError as runPlugin does, and with a TypeError for
 * options a worker cannot take.
 */
async function runPluginIsolated(options = {}) {
  if (options === null || typeof options !== 'object') throw new TypeError('runPluginIsolated(options): options must be an object');
  const problem = uncloneable(options);
  if (problem) {
    throw new TypeError(`runPluginIsolated: ${problem}; the plugin runs in a worker thread, which takes only data (what structuredClone copies), not functions. Use runPlugin to run it in this thread.`);
  }
  const { memory = DEFAULT_MEMORY_MB, ...runOptions } = options;
  const timeout = runOptions.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(memory) || memory < 16) throw new TypeError(`runPluginIsolated: memory must be a whole number of MB, 16 or more, got ${JSON.stringify(memory)}`);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new TypeError(`runPluginIsolated: timeout must be a positive number of milliseconds, got ${JSON.stringify(timeout)}`);

  const log = createLog();
  // The worker's temp folder (os.tmpdir() there): the plugin's fresh files
  // folder is made in it (src/files/sandbox.js). A stopped worker never runs
  // dispose(), so this thread removes the lot at the end of every run.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-host-run-'));
  const worker = new Worker(path.join(__dirname, 'isolate-worker.js'), {
    workerData: { options: runOptions, log },
    env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
    resourceLimits: { maxOldGenerationSizeMb: memory, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, stackSizeMb: STACK_MB },
  });

  // What the worker has told so far (with its log): the report of a run that is stopped.
  const mirror = { base: runOptions.baseVersion, exposed: undefined, calls: [] };
  let step = null;
  let stepAt = 0;
  let heardAt = Date.now();

  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (fn) => {
      if (finished) return;
      finished = true;
      clearInterval(watch);
      // Also ends a worker stuck in a loop; the plugin's sockets and timers go with it.
      worker.terminate().catch(() => {}).then(() => {
        try { fs.rmSync(tmp, { recursive: true, force: true }); } catch { /* a temp folder left behind is no reason to lose the report */ }
      }).then(fn);
    };

    /** The report of a run stopped in `step` for `reason` ('timeout' | 'memory' | 'crash'). */
    const stoppedReport = (reason, message, extra = {}) => {
      const s = step || { phase: 'start' };
      const report = { base: mirror.base, exposed: mirror.exposed, calls: mirror.calls, trace: [], console: [], errors: [] };
      const { entries, full } = readLog(log);
      for (const [tag, a, b] of entries) {
        if (tag === 't') report.trace[a] = b;
        else if (tag === 'c') report.console.push(a);
        else if (tag === 'e') report.errors.push(a);
      }
      report.trace = report.trace.filter(Boolean); // a library user may have emptied the trace meanwhile
      if (s.phase === 'call') report.calls.push({ export: s.export, args: s.args, ok: false, error: message });
      else report.errors.push({ source: s.phase, message });
      if (s.phase === 'load' || s.phase === 'start') report.loadFailed = true;
      report.ok = false;
      const where = { phase: s.phase };
      if (s.export !== undefined) where.export = s.export;
      if (s.event !== undefined) where.event = s.event;
      if (s.before !== undefined) where.before = s.before;
      report.stopped = { reason, ...where, ...extra };
      if (full) report.stopped.logFull = true; // the trace and console end early
      return report;
    };

    worker.on('message', (m) => {
      if (finished) return;
      heardAt = Date.now();
      switch (m.type) {
        case 'started':
          mirror.base = m.base;
          mirror.exposed = m.exposed;
          break;
        case 'step':
          step = m.step;
          stepAt = heardAt;
          break;
        case 'call':
          mirror.calls.push(m.entry);
          break;
        case 'done':
          finish(() => resolve(m.report));
          break;
        case 'throw': {
          const e = m.usage ? new UsageError(m.message, { showUsage: m.showUsage }) : new Error(m.message);
          if (!m.usage && m.stack) e.stack = m.stack;
          finish(() => reject(e));
          break;
        }
        default:
          break;
      }
    });

    worker.on('error', (e) => {
      if (finished) return;
      if (e && e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const message = `${stepText(step || {})}: the plugin ran out of its ${memory} MB of memory (--memory); wx-host stopped it`;
        finish(() => resolve(stoppedReport('memory', message, { limitMb: memory })));
        return;
      }
      // Host code failed outside any plugin callback: still a report, not a crash.
      // (The stack, as this is a bug of wx-host or code it calls outside the plugin's callbacks.)
      const message = `wx-host failed during ${stepText(step || {})}: ${e && e.stack ? e.stack : e}`;
      finish(() => resolve(stoppedReport('crash', message)));
    });

    worker.on('exit', (code) => {
      if (finished) return;
      finish(() => resolve(stoppedReport('crash', `wx-host's worker thread ended (exit code ${code}) during ${stepText(step || {})}, before the run finished`)));
    });

    const watch = setInterval(() => {
      if (finished || !step) return; // no plugin code runs before the first step (load)
      const now = Date.now();
      const elapsed = now - stepAt;
      if ((elapsed > timeout && now - heardAt >= SILENCE_MS) || elapsed > hardLimit(timeout)) {
        const what = stepText(step);
        const verb = step.phase === 'call' ? 'did not finish' : 'did not end';
        const message = `${what} ${verb} within ${timeout} ms (--timeout): plugin code kept the thread busy (a loop that never yields?); wx-host stopped it`;
        finish(() => resolve(stoppedReport('timeout', message, { limitMs: timeout })));
      }
    }, WATCH_EVERY_MS);
  });
}

module.exports = { runPluginIsolated, DEFAULT_MEMORY_MB, uncloneable };
