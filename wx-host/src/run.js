'use strict';
// runPlugin(): load a plugin folder in a fresh host, call its exports,
// wait for pending work, and return one report object (what the CLI prints).

const { createHost, errorText } = require('./host');
const { jsonSafe } = require('./jsonsafe');

/** Bad input from the user; `showUsage` says whether the usage text helps. */
class UsageError extends Error {
  constructor(message, { showUsage = false } = {}) {
    super(message);
    this.showUsage = showUsage;
  }
}

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
 */
async function runPlugin(options) {
  const { pluginDir, calls = null, timeout = 5000, ...hostOptions } = options;
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
  try {
    let exports;
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
        await host.settle().catch(() => {});
        host.emit(c.emit, c.payload);
        continue;
      }
      const args = c.args || [];
      const entry = { export: c.export, args: jsonSafe(args) };
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
    }
    try {
      await host.settle();
    } catch (e) {
      host.errors.push({ source: 'settle', message: e.message });
    }
    // What the host still holds for the plugin at the end (src/host.js held()).
    report.pending = host.held();
    report.ok = report.calls.every((c) => c.ok) && host.errors.length === 0;
    if (host.clock.virtual) report.virtualTimeMs = host.clock.now();
    return report;
  } finally {
    host.dispose();
    // Let late rejections of this run be reported before unhooking.
    await new Promise((r) => setImmediate(r));
    process.off('unhandledRejection', onUnhandled);
    Object.defineProperty(report, 'host', { value: host, enumerable: false }); // for library users
  }
}

module.exports = { runPlugin, UsageError };
