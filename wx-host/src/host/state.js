'use strict';
// What the simulated phone shows (host.ui) and keeps (host.device) when the
// host is made, as a test reads it back; the API categories change them.

/** host.ui: what the user would see (toasts, modals, pages, ...) and what the phone was asked to do. */
function initialUi() {
  return {
    toast: null, loading: null, modals: [], vibrations: [], phoneCalls: [], scans: [], contacts: [], keyboard: false, openedLocations: [], previews: [], album: [],
    actionSheets: [], navigationBar: { title: '', frontColor: '#000000', backgroundColor: '#ffffff', loading: false },
    background: {}, pullDownRefresh: false, scrollTop: 0, fonts: [], pages: ['pages/index/index'], routes: [],
    opened: [], shareMenu: { shown: true, withShareTicket: false, menus: ['shareAppMessage'] }, analytics: [], payments: [], reports: [],
  };
}

/** host.device: the phone's simple state (apis/device/state.js), from the checked scenario `sc`. */
function initialDevice(sc) {
  return {
    clipboard: sc.clipboard ?? '',
    screenBrightness: sc.screenBrightness ?? 0.5,
    keepScreenOn: false,
    networkType: (sc.network && sc.network.type) || 'wifi',
    signalStrength: (sc.network && sc.network.signalStrength) ?? 0,
    systemInfo: { ...(sc.device || {}) }, // over the host's default device
  };
}

/** showModal's answers: the scenario's, in order, then its default (or the `modal` option's). */
function modalAnswers(sc, modal) {
  return sc.modal
    ? { confirm: sc.modal.default !== 'cancel', answers: [...(sc.modal.answers || [])] }
    : { ...modal, answers: [] };
}

module.exports = { initialUi, initialDevice, modalAnswers };
