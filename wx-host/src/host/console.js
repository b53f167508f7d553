'use strict';
// The plugin's console: its lines go to host.console ({ level, text }),
// and to stderr as they happen with `verbose`.

const util = require('node:util');

/** Installs `console` in the plugin realm, writing into `lines`. */
function installConsole(realm, lines, verbose) {
  const sandboxConsole = realm.object();
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    sandboxConsole[level] = (...args) => {
      // customInspect off: a plugin object's [util.inspect.custom] would be handed Node's inspect.
      const text = util.formatWithOptions({ customInspect: false }, ...args);
      lines.push({ level, text });
      if (verbose) process.stderr.write(`[plugin ${level}] ${text}\n`);
    };
  }
  realm.install('console', sandboxConsole);
}

module.exports = { installConsole };
