'use strict';
// runPlugin(): load a plugin folder in a fresh host, call its exports,
// wait for pending work, and return one report object (what the CLI prints).

const { createHost, errorText } = require('./host');
const { jsonSafe } = require('./jsonsafe');

const { UsageError } = require('./usage-error');

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * options: createHost options plus
 *   pluginDir: the folder to run
 *   calls: [{ export, args }] or null (null: every exported function, key order, no arguments)
 *   timeout: ms to wait for each call and for settle() (default 5000)
 * Resolves to { base, exposed, calls, trace, console, errors, pending, ok }
 * (pending: { callbacks, tasks, listeners, timers } the host still holds at
 * the end; each call gains heapUsed when node runs with --expose-gc), plus
 * virtualTimeMs (the virtual clock's time at the end) on the virtual clock.
 * Throws UsageError for an unknown export name (before calling anything).
 *
 * `observer` (optional, for src/isolate-worker.js, which runs this in a
 * worker thread and reports progress to a watchdog): started(host, report)
 * once the host exists, step({ phase, ... }) before each step that may run
 * plugin code (load; call with export and args; emit with event; settle,
 * with `before` an event when it precedes an --emit; dispose), called(entry)
 * after each call.
 */
async function runPlugin(options, observer = null) {
  const { pluginDir, calls = null, timeout = 5000, ...hostOptions } = options;
  const step = (s) => { if (observer) observer.step(s); };
  let host;
  try {
    host = createHost({ settleTimeout: timeout, ...hostOptions });
  } catch (e) {
    throw new UsageError(e.message); // a bad allowlist, base version or plugin id
  }
  const report = {
    base: host.baseVersion,
    exposed: host.exposed.length,
    calls: [],
    trace: host.trace,
    console: host.console,
    errors: host.errors,
  };
  // Rejections nobody handled inside the plugin are its errors, not the host's crash.
  const onUnhandled = (e) => host.recordError('unhandled promise rejection', e);
  process.on('unhandledRejection', onUnhandled);
  if (observer) observer.started(host, report);
  try {
    let exports;
    step({ phase: 'load' });
    try {
      exports = await host.load(pluginDir);
    } catch (e) {
      host.errors.push({ source: 'load', message: errorText(e) });
      report.ok = false;
      report.loadFailed = true;
      return report;
    }
    const isObj = exports !== null && (typeof exports === 'object' || typeof exports === 'function');
    const names = isObj ? Object.keys(exports) : [];
    const plan = calls || names.filter((n) => typeof exports[n] === 'function').map((n) => ({ export: n, args: [] }));
    for (const c of plan) {
      if (c.emit) continue;
      if (!isObj || typeof exports[c.export] !== 'function') {
        throw new UsageError(`unknown export "${c.export}" (the plugin exports: ${names.filter((n) => typeof exports[n] === 'function').join(', ') || 'no functions'})`);
      }
    }
    for (const c of plan) {
      if (c.emit) {
        // Let what the plugin started settle first, as a real event comes later.
        step({ phase: 'settle', before: c.emit });
        await host.settle().catch(() => {});
        step({ phase: 'emit', event: c.emit });
        host.emit(c.emit, c.payload);
        continue;
      }
      const args = c.args || [];
      const entry = { export: c.export, args: jsonSafe(args) };
      step({ phase: 'call', export: c.export, args: entry.args });
      try {
        // Arguments cross into the plugin realm through the membrane (host.callExport), as a mini-program's would be built there.
        const result = await withTimeout(Promise.resolve(host.callExport(c.export, args)), timeout, `export ${c.export}()`);
        entry.ok = true;
        entry.result = jsonSafe(result) ?? null;
      } catch (e) {
        entry.ok = false;
        entry.error = errorText(e);
      }
      // With node --expose-gc: the heap after the call, garbage collected (twice, so
      // what the first pass only finalized is gone too).
      if (typeof global.gc === 'function') {
        global.gc();
        global.gc();
        entry.heapUsed = process.memoryUsage().heapUsed;
      }
      report.calls.push(entry);
      if (observer) observer.called(entry);
    }
    step({ phase: 'settle' });
    try {
      await host.settle();
    } catch (e) {
      host.errors.push({ source: 'settle', message: e.message });
    }
    // What the host still holds for the plugin at the end (src/host/held.js).
    report.pending = host.held();
    report.ok = report.calls.every((c) => c.ok) && host.errors.length === 0;
    if (host.clock.virtual) report.virtualTimeMs = host.clock.now();
    return report;
  } finally {
    step({ phase: 'dispose' });
    host.dispose();
    // Let late rejections of this run be reported before unhooking.
    await new Promise((r) => setImmediate(r));
    process.off('unhandledRejection', onUnhandled);
    Object.defineProperty(report, 'host', { value: host, enumerable: false }); // for library users
  }
}

module.exports = { runPlugin, UsageError };
