'use strict';
// The wx-host command line. Exit codes: 0 all calls succeeded, 1 a call
// failed / loading failed / the plugin threw in a callback / the plugin was
// stopped (time or memory), 2 bad usage. `run` runs the plugin in a worker
// thread (src/isolate.js), so a plugin that loops or eats memory ends as a
// report instead of hanging or killing this process.

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { UsageError } = require('./usage-error');
const { runPluginIsolated, DEFAULT_MEMORY_MB } = require('./isolate');
const { isValidVersion } = require('./version');
const { BASELINE } = require('./platform');

// The host's modules are loaded here only when this thread needs them (a
// scenario or --missing to check, the text report, coverage): the plugin
// runs in a worker that loads them itself, and loading them twice was most
// of what the worker added to a run's time.
const host = () => require('./host');

const USAGE = `usage: wx-host run <pluginDir> [--allowlist <file|->] [options]
       wx-host coverage [--allowlist <file|->] [--json]

Runs a WeChat mini-program plugin folder in a simulated plugin host;
"coverage" lists how the host simulates each API of the allowlist.

options:
  --allowlist <file|->    the JSON of \`cargo run -q -p wx-allowlist -- --json\` (- reads stdin);
                          default: the listing wx-host ships (allowlist.json, the same text)
  --base <version>        base library version to simulate (default ${BASELINE},
                          the listing's lowest)
  --storage <file>        persist wx storage in this JSON file (default: in memory)
  --plugin-id <id>        storage namespace of the plugin (default "plugin")
  --files <dir>           keep the plugin's files (wx.env.USER_DATA_PATH = <dir>/usr,
                          temp files in <dir>/tmp) in this directory, made if need
                          be, and keep them after the run (default: a fresh temp
                          directory, removed at the end)
  --call <export>[=<JSON array of args>]
                          call this export (repeatable, in order); default: every
                          exported function in key order, with no arguments
  --emit <onEvent>[=<JSON payload>]
                          fire this wx event (e.g. onNetworkStatusChange) to the
                          listeners registered so far, in order among the --calls
  --missing <api>         leave this allowed API out of wx (repeatable)
  --as-reference-page     also expose the page's APIs that today's WeChat leaves
                          out of plugins (typings: unsupported in plugins), such
                          as wx.onCompassChange
  --modal-cancel          answer wx.showModal with cancel instead of confirm
  --scenario <file>       a scenario JSON (wx-host/README.md, "Scenarios"): the
                          device's system info, network type, clipboard, screen
                          brightness, showModal answers, injected faults;
                          checked in full first
  --virtual-clock         run timers (the plugin's setTimeout/setInterval and Date,
                          delayed answers, late faults) on a virtual clock that
                          skips ahead when only timers are pending; the report
                          gives the virtual time at the end (also the scenario's
                          "clock": "virtual")
  --timeout <ms>          how long each step may take, wall-clock (default 5000):
                          loading, each call, settling (waiting for pending work),
                          each --emit; a call whose promise has not settled by
                          then fails, pending work is reported; plugin code that
                          keeps the thread busy past it (a loop that never yields,
                          in an export, a timer or a callback) is stopped and the
                          step reported as failed, after what came before
  --memory <MB>           the JS heap the plugin may use (default ${DEFAULT_MEMORY_MB}); over it
                          the plugin is stopped and the step reported as failed
  --trace-json <file>     also write the wx call trace as JSON to this file
  --json                  print one JSON report on stdout and nothing else
  --quiet                 print only failures
  -h, --help              show this text

The plugin runs in a worker thread of its own; a plugin stopped for time or
memory sees nothing (no catch or finally of it runs), and the report says
what it was doing ("stopped" in --json).

exit status: 0 every call succeeded; 1 a call threw or rejected, loading
failed, plugin code threw in a callback, or the plugin was stopped (--timeout,
--memory); 2 bad usage.`;

function parseCall(text) {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  if (!name) throw new UsageError(`--call ${text}: missing export name`);
  if (eq < 0) return { export: name, args: [] };
  let args;
  try {
    args = JSON.parse(text.slice(eq + 1));
  } catch (e) {
    throw new UsageError(`--call ${name}=...: arguments are not valid JSON (${e.message})`);
  }
  if (!Array.isArray(args)) throw new UsageError(`--call ${name}=...: arguments must be a JSON array, e.g. ${name}=[1,"a"]`);
  return { export: name, args };
}

// Generated by wx-gen from wx-allowlist's data and held to it by its
// drift test, so an installed wx-host needs no Rust toolchain.
const SHIPPED_ALLOWLIST = path.join(__dirname, '..', 'allowlist.json');

function readAllowlist(file) {
  let text;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UsageError(`--allowlist ${file}: cannot read (${e.code || e.message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--allowlist ${file}: not valid JSON (${e.message})`);
  }
}

function parseEmit(text) {
  const eq = text.indexOf('=');
  const event = eq < 0 ? text : text.slice(0, eq);
  if (!/^on[A-Z]/.test(event)) throw new UsageError(`--emit ${text}: expected an on* event name, e.g. onNetworkStatusChange`);
  if (eq < 0) return { emit: event, payload: undefined };
  try {
    return { emit: event, payload: JSON.parse(text.slice(eq + 1)) };
  } catch (e) {
    throw new UsageError(`--emit ${event}=...: the payload is not valid JSON (${e.message})`);
  }
}

function parseCli(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      options: {
        allowlist: { type: 'string' },
        base: { type: 'string' },
        storage: { type: 'string' },
        'plugin-id': { type: 'string' },
        files: { type: 'string' },
        call: { type: 'string', multiple: true },
        emit: { type: 'string', multiple: true },
        missing: { type: 'string', multiple: true },
        'as-reference-page': { type: 'boolean' },
        'modal-cancel': { type: 'boolean' },
        scenario: { type: 'string' },
        'virtual-clock': { type: 'boolean' },
        timeout: { type: 'string' },
        memory: { type: 'string' },
        'trace-json': { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e.message, { showUsage: true });
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { help: true };
  const [command, pluginDir, ...extra] = positionals;
  if (command === 'coverage') {
    if (pluginDir) throw new UsageError(`unexpected argument "${pluginDir}"`, { showUsage: true });
    return { coverage: true, allowlistFile: v.allowlist ?? SHIPPED_ALLOWLIST, json: !!v.json };
  }
  if (command !== 'run') throw new UsageError(command ? `unknown command "${command}" (expected "run" or "coverage")` : 'missing command "run"', { showUsage: true });
  if (!pluginDir) throw new UsageError('missing <pluginDir>', { showUsage: true });
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`, { showUsage: true });
  if (v.base !== undefined && !isValidVersion(v.base)) throw new UsageError(`--base ${v.base}: not a version like 2.18.1`);
  const timeout = v.timeout === undefined ? 5000 : Number(v.timeout);
  if (!Number.isInteger(timeout) || timeout <= 0) throw new UsageError(`--timeout ${v.timeout}: expected a positive number of milliseconds`);
  const memory = v.memory === undefined ? DEFAULT_MEMORY_MB : Number(v.memory);
  if (!Number.isInteger(memory) || memory < 16) throw new UsageError(`--memory ${v.memory}: expected a whole number of MB, 16 or more`);
  return {
    pluginDir,
    allowlistFile: v.allowlist ?? SHIPPED_ALLOWLIST,
    baseVersion: v.base || BASELINE,
    storageFile: v.storage || null,
    pluginId: v['plugin-id'] || 'plugin',
    filesDir: v.files || null,
    // --call and --emit steps in the order given.
    calls: v.call || v.emit
      ? parsed.tokens
        .filter((t) => t.kind === 'option' && (t.name === 'call' || t.name === 'emit'))
        .map((t) => (t.name === 'call' ? parseCall(t.value) : parseEmit(t.value)))
      : null,
    missing: v.missing || [],
    asReferencePage: !!v['as-reference-page'],
    modal: { confirm: !v['modal-cancel'] },
    modalCancel: !!v['modal-cancel'],
    scenarioFile: v.scenario || null,
    clock: v['virtual-clock'] ? 'virtual' : undefined,
    timeout,
    memory,
    traceJson: v['trace-json'] || null,
    json: !!v.json,
    quiet: !!v.quiet,
  };
}

/** A plugin folder that is not there is bad usage (exit 2), not a run that failed. */
function checkPluginDir(dir) {
  let stat;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    throw new UsageError(`plugin folder not found: ${dir} (${e.code || e.message})`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${dir} is not a folder: give the plugin folder (the one with plugin.json)`);
}

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Each --missing name must be an API of the allowlist (a typo would leave
 * the API in and the run would test nothing); one above --base is fine, it
 * is absent anyway.
 */
function checkMissing(missing, allowlist) {
  let names;
  try {
    names = host().normalizeAllowlist(allowlist).map((e) => e.name);
  } catch (e) {
    throw new UsageError(e.message);
  }
  const known = new Set(names);
  for (const name of missing) {
    if (known.has(name)) continue;
    let best = null;
    for (const n of names) {
      const d = distance(name, n);
      if (!best || d < best.d) best = { n, d };
    }
    throw new UsageError(`--missing ${name}: no such API on the allowlist${best ? ` (did you mean ${best.n}?)` : ''}`);
  }
}

function formatReport(r, { quiet }) {
  const out = [];
  const show = (x) => (x === undefined ? 'undefined' : JSON.stringify(x));
  const failed = r.calls.filter((c) => !c.ok);
  if (!quiet) {
    out.push(`wx-host: base library ${r.base}, ${r.exposed} wx functions exposed`, '', 'calls:');
    if (r.calls.length === 0) out.push('  (none)');
  }
  for (const c of r.calls) {
    if (quiet && c.ok) continue;
    const call = `${c.export}(${c.args.map(show).join(', ')})`;
    out.push(c.ok ? `  ${call} -> ${show(c.result)}` : `  ${call} FAILED: ${c.error}`);
  }
  if (!quiet) {
    out.push('', 'wx trace:', ...host().formatTrace(r.trace).split('\n').map((l) => `  ${l}`));
    out.push('', 'console:');
    if (r.console.length === 0) out.push('  (empty)');
    for (const c of r.console) out.push(`  [${c.level}] ${c.text}`);
  }
  if (r.errors.length) {
    out.push('', 'errors:');
    for (const e of r.errors) out.push(`  ${e.source}: ${e.message}`);
  }
  if (!quiet && r.pending) {
    const p = r.pending;
    out.push('', `still held: ${p.callbacks} callback(s), ${p.tasks} task(s), ${p.listeners} listener(s), ${p.timers} timer(s)`);
  }
  if (!quiet && r.virtualTimeMs !== undefined) out.push('', `virtual clock: ${r.virtualTimeMs} ms at the end`);
  if (!quiet || !r.ok) out.push('', `${r.calls.length} call(s), ${failed.length} failed, ${r.errors.length} error(s): ${r.ok ? 'OK' : 'FAILED'}`);
  return out.join('\n');
}

/** Runs the CLI; resolves to the exit code. `io` lets tests capture output. */
async function main(argv, io = { stdout: process.stdout, stderr: process.stderr }) {
  let opts;
  try {
    opts = parseCli(argv);
    if (opts.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!opts.coverage) checkPluginDir(opts.pluginDir);
    opts.allowlist = readAllowlist(opts.allowlistFile);
    if (opts.coverage) {
      let rows;
      try {
        rows = require('./wx').coverage(host().normalizeAllowlist(opts.allowlist));
      } catch (e) {
        throw new UsageError(e.message);
      }
      if (opts.json) io.stdout.write(`${JSON.stringify(rows)}\n`);
      else {
        const counts = {};
        for (const r of rows) counts[r.simulated] = (counts[r.simulated] || 0) + 1;
        const lines = rows.map((r) => `${r.name.padEnd(40)} ${r.kind.padEnd(10)} ${r.simulated}`);
        lines.push('', Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', '));
        io.stdout.write(`${lines.join('\n')}\n`);
      }
      return 0;
    }
    if (opts.missing.length) checkMissing(opts.missing, opts.allowlist);
    if (opts.scenarioFile) {
      // With the allowlist's kinds, so a fault that does not apply is reported with the rest.
      const { readScenario, ScenarioError } = require('./scenario');
      let kinds = null;
      try {
        kinds = require('./faults').faultKinds(host().normalizeAllowlist(opts.allowlist));
      } catch (e) {
        throw new UsageError(e.message);
      }
      try {
        opts.scenario = readScenario(opts.scenarioFile, { kinds });
      } catch (e) {
        if (e instanceof ScenarioError) throw new UsageError(e.message);
        throw e;
      }
      opts.scenarioName = opts.scenarioFile;
      if (opts.scenario.modal && opts.modalCancel) {
        throw new UsageError(`--modal-cancel and ${opts.scenarioFile}'s $.modal both answer wx.showModal; keep one`);
      }
      if (opts.scenario.clock === 'wall' && opts.clock === 'virtual') {
        throw new UsageError(`--virtual-clock and ${opts.scenarioFile}'s $.clock "wall" disagree; keep one`);
      }
    }
    const report = await runPluginIsolated(opts);
    if (opts.traceJson) fs.writeFileSync(opts.traceJson, `${JSON.stringify(report.trace, null, 2)}\n`);
    if (opts.json) {
      // `ok` last, so the fields before it read as they always have.
      const { base, exposed, calls, trace, console, errors, pending, virtualTimeMs, stopped } = report;
      io.stdout.write(`${JSON.stringify({ base, exposed, calls, trace, console, errors, pending, virtualTimeMs, stopped, ok: report.ok === true })}\n`);
    } else {
      const text = formatReport(report, opts);
      if (text) io.stdout.write(`${text}\n`);
    }
    return report.ok ? 0 : 1;
  } catch (e) {
    // Bad input: one clear line (plus usage), never a stack trace.
    io.stderr.write(`wx-host: ${e.message}\n`);
    if (e instanceof UsageError) {
      io.stderr.write(e.showUsage ? `\n${USAGE}\n` : 'run "wx-host --help" for usage\n');
      return 2;
    }
    return 1;
  }
}

module.exports = { main, parseCli, USAGE };
