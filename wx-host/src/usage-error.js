'use strict';
// UsageError, apart from run.js so that the CLI's main thread and
// src/isolate.js can use it without loading the host (the worker does that).

/** Bad input from the user; `showUsage` says whether the usage text helps. */
class UsageError extends Error {
  constructor(message, { showUsage = false } = {}) {
    super(message);
    this.showUsage = showUsage;
  }
}

module.exports = { UsageError };
