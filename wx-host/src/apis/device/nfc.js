'use strict';
// NFC reading, getNFCAdapter: the one NFCAdapter, with `tech` and the typings' plugin
// methods. startDiscovery/stopDiscovery keep host.state.nfc.discovering; the
// scenario's `nfc.tags` come near `at` ms after startDiscovery (onDiscovered
// { id, techs, messages }, while discovery runs). The tag objects (getNdef,
// getNfcA, ...) act on the last tag found: connect/close/isConnected/
// setTimeout succeed, transceive answers the tag's `responses[command hex]`
// (else empty data), writeNdefMessage is recorded in host.state.nfc.written,
// getMaxTransceiveLength answers 253.

const { fail } = require('../../errors');
const { typeName } = require('../../validate');
const { isArrayBuffer, hexBuffer } = require('../../bytes');
const { makeObject } = require('../../objects');

const entries = [];

const TECH = { ndef: 'NDEF', nfcA: 'NFC-A', nfcB: 'NFC-B', nfcF: 'NFC-F', nfcV: 'NFC-V', isoDep: 'ISO-DEP', mifareClassic: 'MIFARE Classic', mifareUltralight: 'MIFARE Ultralight' };
const TAGS = {
  getIsoDep: ['IsoDep', ['close', 'connect', 'getHistoricalBytes', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getMifareClassic: ['MifareClassic', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getMifareUltralight: ['MifareUltralight', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getNdef: ['Ndef', ['close', 'connect', 'isConnected', 'setTimeout', 'writeNdefMessage'], ['NdefMessage']],
  getNfcA: ['NfcA', ['close', 'connect', 'getAtqa', 'getMaxTransceiveLength', 'getSak', 'isConnected', 'setTimeout', 'transceive']],
  getNfcB: ['NfcB', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getNfcF: ['NfcF', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
  getNfcV: ['NfcV', ['close', 'connect', 'getMaxTransceiveLength', 'isConnected', 'setTimeout', 'transceive']],
};
const TAG_ANSWERS = {
  transceive: (o, st) => {
    if (!isArrayBuffer(o.data)) throw fail(`parameter error: parameter.data should be ArrayBuffer instead of ${typeName(o.data)};`);
    const command = Buffer.from(new Uint8Array(o.data)).toString('hex');
    return { data: hexBuffer(((st.tag && st.tag.responses) || {})[command] || '') };
  },
  writeNdefMessage: (o, st) => { st.written.push(JSON.parse(JSON.stringify({ records: o.records ?? [], texts: o.texts ?? [], uris: o.uris ?? [] }))); },
  getMaxTransceiveLength: () => ({ length: 253 }),
  getAtqa: () => ({ atqa: new ArrayBuffer(2) }), getSak: () => ({ sak: 0 }), getHistoricalBytes: () => ({ histBytes: new ArrayBuffer(0) }),
};
function nfcAdapter(env) {
  if (env.state.nfc) return env.state.nfc.adapter;
  const st = { discovering: false, adapter: null, tag: null, written: [], generation: 0 };
  env.state.nfc = st;
  const { asyncFn } = env.conventions;
  const { object, emit } = makeObject(env, 'NFCAdapter', {}, ['Discovered']);
  object.tech = env.realm.toRealm(TECH);
  object.startDiscovery = asyncFn('startDiscovery', () => {
    if (st.discovering) throw fail('NFC discovery already started');
    st.discovering = true;
    const generation = ++st.generation;
    for (const tag of (env.scenario.nfc && env.scenario.nfc.tags) || []) {
      env.schedule(`NFC tag ${tag.id} at ${tag.at || 0} ms`, () => {
        if (!st.discovering || st.generation !== generation) return;
        st.tag = tag;
        emit('Discovered', { id: hexBuffer(tag.id), messages: tag.messages || [], techs: tag.techs || ['NDEF'] });
      }, tag.at || 0);
    }
  }, { trace: 'NFCAdapter.startDiscovery', allowPromise: false });
  object.stopDiscovery = asyncFn('stopDiscovery', () => { if (!st.discovering) throw fail('NFC discovery not started'); st.discovering = false; st.generation += 1; }, { trace: 'NFCAdapter.stopDiscovery', allowPromise: false });
  for (const [getter, [iface, methods, events = []]] of Object.entries(TAGS)) {
    object[getter] = () => {
      const tag = makeObject(env, iface, {}, events).object;
      for (const m of methods) tag[m] = asyncFn(m, (o) => (TAG_ANSWERS[m] ? TAG_ANSWERS[m](o, st) : undefined), { trace: `${iface}.${m}`, allowPromise: false });
      return tag;
    };
  }
  st.adapter = object;
  return object;
}
entries.push({ name: 'getNFCAdapter', kind: 'factory', simulated: 'stateful', impl: (args, env) => nfcAdapter(env) });

module.exports = { entries };
