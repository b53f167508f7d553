'use strict';
// Exceptions of plugin code the host calls back (callbacks, listeners,
// timers): recorded in host.errors, never fatal to the host.

/**
 * "Name: message" for errors from any realm, String() for other thrown
 * values. A plugin value's getters or toString run plugin code, which may
 * throw: that must not crash the host.
 */
function errorText(e) {
  try {
    return e && typeof e === 'object' && 'message' in e ? `${e.name || 'Error'}: ${e.message}` : String(e);
  } catch {
    return 'a thrown value wx-host cannot describe (its name, message or toString threw)';
  }
}

/** recordError(source, e) into `errors` (host.errors); callPlugin(source, fn, ...args) runs plugin code under it. */
function createCapture({ errors, verbose }) {
  function recordError(source, e) {
    const message = errorText(e);
    errors.push({ source, message });
    if (verbose) process.stderr.write(`[wx-host] ${source} threw ${message}\n`);
  }
  /** Runs plugin code the host calls back (callbacks, timers): an exception is recorded, never fatal. */
  function callPlugin(source, fn, ...args) {
    if (typeof fn !== 'function') return undefined;
    try {
      const r = fn(...args);
      if (r && typeof r.then === 'function') r.then(undefined, (e) => recordError(source, e));
      return r;
    } catch (e) {
      recordError(source, e);
      return undefined;
    }
  }
  return { recordError, callPlugin };
}

module.exports = { errorText, createCapture };
