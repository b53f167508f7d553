'use strict';
// `env`: what the calling conventions (src/wx.js), the simulated objects
// (src/objects.js) and every API implementation (src/apis/) get from their
// host. Its fields:
//
//   realm, storage, files, clock, faults     the host's parts
//   baseVersion, pluginId, networkQuietMs    its options
//   modal                                    showModal's answers ({ confirm, answers })
//   ui, device, listeners                    host.ui, host.device, the wx.on* listeners
//   scenario                                 the checked scenario ({} without one)
//   network                                  the domain rules (src/net.js domainRules)
//   state                                    host.state: per-category simulated state
//   record(api, args), finish(rec, ...)      the trace (host/trace.js)
//   schedule(label, fn, ms), track(label)    pending work (host/work.js)
//   callPlugin(source, fn, ...), recordError exceptions of plugin code (host/capture.js)
//   holdCallbacks, holdTask, heldObjects     what the host holds (host/held.js)
//   pluginJson(), pluginRoot()               the loaded plugin (null before load)
//   emit(event, payload)                     a simulation fires a wx.on* event
//   onDispose(fn)                            fn runs at dispose(); returns what unregisters it
//   conventions                              set by makeWx (src/wx.js)

const { domainRules } = require('../net');

/** The env of one host, and dispose() running what onDispose registered. */
function createEnv({ host, parts, trace, work, capture, held, pluginRoot, emit }) {
  const { realm, storage, files, baseVersion, modal, faults, clock, networkQuietMs, pluginId, scenario } = parts;
  const disposers = new Set();
  const env = {
    realm, storage, files, baseVersion, modal, ui: host.ui, device: host.device, listeners: host.listeners,
    record: trace.record, finish: trace.finish, schedule: work.schedule, track: work.track, callPlugin: capture.callPlugin,
    faults, clock, recordError: capture.recordError,
    holdCallbacks: held.holdCallbacks, holdTask: held.holdTask, heldObjects: held.heldObjects,
    networkQuietMs,
    pluginId, pluginJson: () => host.pluginJson,
    pluginRoot, // the loaded plugin's folder (package paths: getImageInfo, ...)
    network: domainRules(scenario.network), // which URLs request, uploadFile, downloadFile, connectSocket may reach
    scenario, // what the phone's sensors, radios and user answer (apis/ read their keys)
    emit: (event, payload) => emit(event, payload), // a simulation fires a wx.on* event
    state: {}, // per-category simulated state (apis/), e.g. state.bluetooth
    // Runs fn when the host is disposed (e.g. a UDP socket the plugin left
    // open); returns what unregisters it, for work that ends before (a
    // finished request must not keep its closure, and its scope, alive).
    onDispose: (fn) => { disposers.add(fn); return () => { disposers.delete(fn); }; },
  };
  function dispose() {
    const pendingDisposers = [...disposers];
    disposers.clear();
    for (const fn of pendingDisposers) { try { fn(); } catch { /* disposing anyway */ } }
  }
  return { env, dispose };
}

module.exports = { createEnv };
