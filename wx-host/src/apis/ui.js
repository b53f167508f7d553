'use strict';
// The "ui" category: toast, loading and modal, recorded in the host's `ui`
// state (host.ui) so a test can see what the user would see.

const { needString } = require('../errors');

const entries = [
  {
    name: 'showToast',
    kind: 'async',
    simulated: 'real',
    impl: (o, env) => {
      env.ui.toast = { title: needString(o, 'title'), icon: o.icon || 'success', duration: o.duration || 1500 };
      env.ui.loading = null; // WeChat shows one of the two at a time
    },
  },
  { name: 'hideToast', kind: 'async', simulated: 'real', impl: (o, env) => { env.ui.toast = null; } },
  {
    name: 'showLoading',
    kind: 'async',
    simulated: 'real',
    impl: (o, env) => {
      env.ui.loading = { title: needString(o, 'title') };
      env.ui.toast = null;
    },
  },
  { name: 'hideLoading', kind: 'async', simulated: 'real', impl: (o, env) => { env.ui.loading = null; } },
  {
    name: 'showModal',
    kind: 'async',
    simulated: 'real',
    impl: (o, env) => {
      // The answer is scripted: the scenario's next answer, else the default
      // (the scenario's or the `modal` option's); without a cancel button
      // the user can only confirm.
      const scripted = env.modal.answers.length ? env.modal.answers.shift() === 'confirm' : env.modal.confirm !== false;
      const confirm = o.showCancel === false || scripted;
      env.ui.modals.push({ title: o.title || '', content: o.content || '', confirm });
      return { confirm, cancel: !confirm };
    },
  },
];

module.exports = { entries };
