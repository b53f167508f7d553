'use strict';
// Drives a packaged plugin's components through the four exports of the
// component protocol (docs/component-protocol.md §1), as wx-pack's
// generated Component() would, with FAKE WeChat instances that record
// every setData and triggerEvent. Runs in wx-host (its allowlisted wx, its
// wasm loader).
//
//   node drive.js PLUGIN_DIR PLAN_JSON BASE
//
// PLAN_JSON is a list of steps (or { "scenario": a wx-host scenario, "steps": [...] }):
//   { "op": "describe" }                                   __wx_components()
//   { "op": "create", "as": "c", "name": "counter", "properties": {...} }
//   { "op": "call", "id": "c", "kind": "method", "name": "increment", "args": [event...] }
//   { "op": "property", "id": "c", "key": "label", "value": "hi" }   WeChat sets a property
//   { "op": "drop", "id": "c" }
//   { "op": "tick" }                                       lets microtasks run
//   { "op": "settle" }                                     waits for wx callbacks
//   { "op": "live" }                                       live_instances()
// and prints { steps: [{ ok, result | error }], log: { as: [records] }, console: [...] }.
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { createHost } = require(path.join(__dirname, '../../../wx-host/src'));

// The four exports are the glue's, which wx-pack keeps out of the main module's exports
// (the host mini-program must not see them): a main module of this driver's own, in a copy
// of the folder, loads index.js and takes them from load.js (the one module instance both
// index.js and the generated component files use).
const DRIVER_MAIN = `
var main = require('./index.js');
var load = require('./load.js');
function glue(name) {
  return function () {
    var args = arguments;
    return load.ready.then(function () { return load.glue[name].apply(undefined, args); });
  };
}
module.exports = {
  __wx_components: glue('__wx_components'),
  __wx_component_create: glue('__wx_component_create'),
  __wx_component_call: glue('__wx_component_call'),
  __wx_component_drop: glue('__wx_component_drop'),
  live_instances: main.live_instances,
};
`;

async function main() {
  const [dir, planFile, base] = process.argv.slice(2);
  const read = JSON.parse(fs.readFileSync(planFile, 'utf8'));
  const plan = Array.isArray(read) ? read : read.steps;
  const scenario = Array.isArray(read) ? null : read.scenario;
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'components-drive-'));
  fs.cpSync(dir, copy, { recursive: true });
  fs.writeFileSync(path.join(copy, 'driver-main.js'), DRIVER_MAIN);
  const pluginJson = JSON.parse(fs.readFileSync(path.join(copy, 'plugin.json'), 'utf8'));
  fs.writeFileSync(path.join(copy, 'plugin.json'), JSON.stringify({ ...pluginJson, main: 'driver-main.js' }));
  const host = createHost({ baseVersion: base, storageFile: null, scenario });
  const exports = await host.load(copy);
  await host.settle();
  const ids = {};
  const instances = {};
  const steps = [];
  const realmJson = (value) => host.evaluate(`(${JSON.stringify(value === undefined ? null : value)})`);
  for (const step of plan) {
    try {
      let result = null;
      switch (step.op) {
        case 'describe':
          result = JSON.parse(await exports.__wx_components());
          break;
        case 'create': {
          // The instance lives in the plugin's realm, as WeChat's `this` would.
          const instance = host.evaluate(`(function () {
            var log = [];
            var copy = function (v) { return v === undefined ? null : JSON.parse(JSON.stringify(v)); };
            var props = ${JSON.stringify(step.properties || {})};
            return {
              properties: props, data: props, __log: log,
              setData: function (payload) { log.push({ setData: copy(payload) }); },
              triggerEvent: function (name, detail, options) {
                log.push({ triggerEvent: name, detail: copy(detail), options: copy(options) });
              }
            };
          })()`);
          instances[step.as] = instance;
          ids[step.as] = await exports.__wx_component_create(step.name, instance);
          result = ids[step.as];
          break;
        }
        case 'call':
          await exports.__wx_component_call(ids[step.id], step.kind, step.name, realmJson(step.args || []));
          break;
        case 'property':
          instances[step.id].properties[step.key] = realmJson(step.value);
          await exports.__wx_component_call(ids[step.id], 'property', step.key, realmJson([step.value, null]));
          break;
        case 'drop':
          await exports.__wx_component_drop(ids[step.id]);
          break;
        case 'tick':
          await new Promise((resolve) => setTimeout(resolve, 0));
          break;
        case 'settle':
          await host.settle();
          break;
        case 'live':
          result = await exports.live_instances();
          break;
        default:
          throw new Error(`unknown step ${JSON.stringify(step)}`);
      }
      steps.push({ ok: true, result });
    } catch (e) {
      steps.push({ ok: false, error: String(e && e.message !== undefined ? `${e.name}: ${e.message}` : e) });
    }
  }
  await host.settle();
  const log = {};
  for (const [name, instance] of Object.entries(instances)) log[name] = JSON.parse(JSON.stringify(instance.__log));
  process.stdout.write(JSON.stringify({ steps, log, console: host.console }, null, 1));
  host.dispose();
  fs.rmSync(copy, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
