'use strict';
// Runs a packaged plugin's components as WeChat would call them, inside the simulated host
// (wx-host: its realm, its loader confined to the folder, its allowlisted `wx` and, from
// 2.18.1, its WXWebAssembly with the path rules), with a small fake `Component` global that
// records each definition.
//
//   node components-harness.js <plugin folder> <base>
//
// The folder is copied, and the copy's plugin.json names a main module of this harness's
// own (below), which installs `Component`, requires each component's file (as WeChat loads
// them, before the plugin's module is ready in the wasm mode) and then index.js, and drives
// the components: created → attached → a property observer → a method → a failing method →
// the method again → detached → the method after detach. Prints one JSON report on stdout.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createHost } = require('../../../wx-host/src/host.js');

const HARNESS_MAIN = String.raw`
var definitions = {};
var loading;
globalThis.Component = function (definition) { definitions[loading] = definition; };
var names = JSON.parse(NAMES);
for (var i = 0; i < names.length; i++) {
  loading = names[i];
  require('./components/' + names[i] + '/' + names[i] + '.js');
}
var main = require('./index.js');
function Instance(definition) {
  this.data = JSON.parse(JSON.stringify(definition.data));
  this.setDataCalls = [];
}
Instance.prototype.setData = function (data) {
  this.setDataCalls.push(JSON.parse(JSON.stringify(data)));
  for (var k in data) this.data[k] = data[k];
};
function summary(definition) {
  var out = {};
  for (var key in definition) {
    var value = definition[key];
    if (typeof value === 'function') { out[key] = 'function'; continue; }
    if (key === 'properties') {
      out.properties = {};
      for (var p in value) {
        out.properties[p] = {
          type: value[p].type === null ? null : value[p].type.name,
          value: value[p].value,
          observer: typeof value[p].observer,
        };
      }
      continue;
    }
    if (key === 'options') {
      out.options = {};
      for (var o in value) out.options[o] = value[o] instanceof RegExp ? 'RegExp ' + value[o].source : value[o];
      continue;
    }
    if (key === 'methods' || key === 'lifetimes' || key === 'pageLifetimes' || key === 'observers') {
      out[key] = Object.keys(value).map(function (k) { return k + ': ' + typeof value[k]; });
      continue;
    }
    out[key] = value;
  }
  return out;
}
var rounds = [];
// One component's life as WeChat drives it; returns what was seen synchronously.
function life(name) {
  var d = definitions[name];
  var self = new Instance(d);
  var round = { instance: self, seen: {} };
  rounds.push(round);
  d.lifetimes.created.call(self);
  d.lifetimes.attached.call(self);
  d.properties.step.observer.call(self, 2, 1);
  d.methods.increment.call(self, { type: 'tap', detail: { x: 1 } });
  round.seen.setDataAfterIncrement = self.setDataCalls.length;
  d.methods.fail.call(self);
  d.methods.increment.call(self, { type: 'tap' });
  round.seen.setDataAfterSecond = self.setDataCalls.length;
  d.lifetimes.detached.call(self);
  d.methods.increment.call(self, { type: 'tap' });
  return JSON.stringify(round.seen);
}
module.exports = {
  definitions: function () {
    var out = {};
    for (var name in definitions) out[name] = summary(definitions[name]);
    return JSON.stringify(out);
  },
  life: life,
  badge: function () {
    var d = definitions.badge;
    var self = new Instance(d);
    d.lifetimes.created.call(self);
    d.lifetimes.detached.call(self);
    return '';
  },
  rounds: function () {
    return JSON.stringify(rounds.map(function (r) { return { seen: r.seen, setData: r.instance.setDataCalls, data: r.instance.data }; }));
  },
  log: function () { return main.log(); },
};
`;

async function main() {
  const [dir, base] = process.argv.slice(2);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'components-harness-'));
  try {
    fs.cpSync(dir, root, { recursive: true });
    const pluginJson = JSON.parse(fs.readFileSync(path.join(root, 'plugin.json'), 'utf8'));
    const names = Object.keys(pluginJson.publicComponents);
    fs.writeFileSync(path.join(root, 'harness-main.js'), HARNESS_MAIN.replace('NAMES', JSON.stringify(JSON.stringify(names))));
    fs.writeFileSync(path.join(root, 'plugin.json'), JSON.stringify({ ...pluginJson, main: 'harness-main.js' }));
    const host = createHost({ baseVersion: base });
    try {
      await host.load(root);
      const definitions = JSON.parse(host.callExport('definitions'));
      // Called right after loading: in the wasm mode the module is still loading.
      const first = JSON.parse(host.callExport('life', ['counter']));
      host.callExport('badge');
      await host.settle();
      // Once it is ready.
      const second = JSON.parse(host.callExport('life', ['counter']));
      await host.settle();
      const log = await host.callExport('log');
      const report = {
        definitions,
        first,
        second,
        rounds: JSON.parse(host.callExport('rounds')),
        log: log.split('\n'),
        console: host.console,
        errors: host.errors,
        trace: host.trace.map((t) => t.api),
      };
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } finally {
      host.dispose();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
