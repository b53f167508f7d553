'use strict';
// The "ui" category: toast, loading and modal, recorded in the host's `ui`
// state (host.ui) so a test can see what the user would see.

const { fail } = require('../errors');
const { needString, typeName, needArray, needEnum } = require('../validate');
const { nextAnswer } = require('../answers');
const { makeObject } = require('../objects');
const { systemInfo } = require('../data/system-info');

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

// ---- action sheet, navigation bar, background, pull-down, scroll, fonts ------
// All recorded in host.ui (actionSheets, navigationBar, background,
// pullDownRefresh, scrollTop, fonts), as toasts are.

const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
function needColor(o, field, { optional = false } = {}) {
  const v = o[field];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') throw fail(`parameter error: parameter.${field} should be String instead of ${typeName(v)};`);
  if (!COLOR.test(v)) throw fail(`parameter error: parameter.${field} should be a hexadecimal color instead of ${JSON.stringify(v)};`);
  return v;
}
const bar = (env) => env.ui.navigationBar;

entries.push(
  {
    name: 'showActionSheet',
    kind: 'async',
    simulated: 'scripted',
    // The scenario's actionSheet answers in order, then its default (else the first item); "cancel" or an index past the list cancels.
    impl: (o, env) => {
      const itemList = Array.from(needArray(o, 'itemList'), (x) => x);
      if (itemList.length === 0 || itemList.length > 6) throw fail('parameter error: parameter.itemList should have 1 to 6 items;');
      for (const item of itemList) if (typeof item !== 'string') throw fail(`parameter error: parameter.itemList should be Array of String instead of ${typeName(item)};`);
      const a = nextAnswer(env, 'actionSheet', 0);
      const tapIndex = a === 'cancel' || a >= itemList.length ? null : a;
      env.ui.actionSheets.push({ itemList, alertText: o.alertText ?? '', tapIndex });
      if (tapIndex === null) throw fail('cancel');
      return { tapIndex };
    },
  },
  { name: 'setNavigationBarTitle', kind: 'async', simulated: 'stateful', impl: (o, env) => { bar(env).title = needString(o, 'title'); } },
  {
    name: 'setNavigationBarColor',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const frontColor = needEnum(o, 'frontColor', ['#ffffff', '#000000'], { optional: false });
      const backgroundColor = needColor(o, 'backgroundColor');
      Object.assign(bar(env), { frontColor, backgroundColor });
    },
  },
  { name: 'showNavigationBarLoading', kind: 'async', simulated: 'stateful', impl: (o, env) => { bar(env).loading = true; } },
  { name: 'hideNavigationBarLoading', kind: 'async', simulated: 'stateful', impl: (o, env) => { bar(env).loading = false; } },
  {
    name: 'setBackgroundColor',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      for (const k of ['backgroundColor', 'backgroundColorTop', 'backgroundColorBottom']) {
        const v = needColor(o, k, { optional: true });
        if (v !== undefined) env.ui.background[k] = v;
      }
    },
  },
  {
    name: 'setBackgroundTextStyle',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.background.textStyle = needEnum(o, 'textStyle', ['dark', 'light'], { optional: false }); },
  },
  { name: 'startPullDownRefresh', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.pullDownRefresh = true; } },
  { name: 'stopPullDownRefresh', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.pullDownRefresh = false; } },
  {
    name: 'pageScrollTo',
    kind: 'async',
    simulated: 'stateful',
    // To scrollTop, or to the top of the scenario's node for `selector` (plus offsetTop).
    impl: (o, env) => {
      if (o.scrollTop === undefined && o.selector === undefined) throw fail('parameter error: parameter.scrollTop or parameter.selector is required;');
      if (o.scrollTop !== undefined && typeof o.scrollTop !== 'number') throw fail(`parameter error: parameter.scrollTop should be Number instead of ${typeName(o.scrollTop)};`);
      let top = o.scrollTop;
      if (o.selector !== undefined) {
        const sel = needString(o, 'selector');
        const node = (env.scenario.nodes || {})[sel];
        const first = Array.isArray(node) ? node[0] : node;
        if (!first) throw fail(`selector ${sel} not found`);
        top = (first.top ?? 0) + env.ui.scrollTop + (typeof o.offsetTop === 'number' ? o.offsetTop : 0);
      }
      env.ui.scrollTop = Math.max(0, top);
    },
  },
  {
    name: 'loadFontFace',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.fonts.push({ family: needString(o, 'family'), source: needString(o, 'source'), global: o.global === true }); },
  },
  {
    name: 'loadBuiltInFontFace',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { env.ui.fonts.push({ family: needString(o, 'family'), source: needString(o, 'source'), builtIn: true }); },
  },
  {
    name: 'getMenuButtonBoundingClientRect',
    kind: 'sync',
    simulated: 'scripted',
    // The capsule button of the top-right corner, placed from the device's window and status bar.
    impl: (args, env) => {
      const info = systemInfo(env);
      const top = info.statusBarHeight + 4;
      const right = info.windowWidth - 7;
      return { bottom: top + 32, height: 32, left: right - 87, right, top, width: 87 };
    },
  },
  {
    name: 'nextTick',
    kind: 'sync',
    simulated: 'real',
    // The callback runs on the next macrotask.
    impl: ([callback], env) => {
      if (typeof callback !== 'function') throw fail(`parameter error: callback should be Function instead of ${typeName(callback)};`);
      env.schedule('nextTick callback', () => env.callPlugin('nextTick callback', callback));
    },
  },
  {
    name: 'createAnimation',
    kind: 'factory',
    simulated: 'stateful',
    impl: ([option], env) => makeAnimation(env, option && typeof option === 'object' ? option : {}),
  },
);

// ---- Animation ------------------------------------------------------------------
// The typings' methods; each queues { type, args } and returns the animation
// (chainable); step(option) closes a group with its transition; export()
// gives { actions: [{ animates, option: { transformOrigin, transition: { duration, timingFunction, delay } } }] }
// (the base library's shape) and empties the queue.
const ANIMATION_METHODS = ['backgroundColor', 'bottom', 'height', 'left', 'matrix', 'matrix3d', 'opacity', 'right', 'rotate', 'rotate3d',
  'rotateX', 'rotateY', 'rotateZ', 'scale', 'scale3d', 'scaleX', 'scaleY', 'scaleZ', 'skew', 'skewX', 'skewY', 'top', 'translate',
  'translate3d', 'translateX', 'translateY', 'translateZ', 'width'];
const TIMING = ['linear', 'ease', 'ease-in', 'ease-in-out', 'ease-out', 'step-start', 'step-end'];
function makeAnimation(env, defaults) {
  const base = { duration: 400, timingFunction: 'linear', delay: 0, transformOrigin: '50% 50% 0', ...defaults };
  if (!TIMING.includes(base.timingFunction)) throw fail(`parameter error: parameter.timingFunction should be one of ${TIMING.join(', ')} instead of ${JSON.stringify(base.timingFunction)};`);
  let current = [];
  let actions = [];
  let object = null;
  const methods = {};
  for (const type of ANIMATION_METHODS) methods[type] = (args) => { current.push({ type, args: args.map((a) => a) }); return undefined; };
  methods.step = ([option]) => {
    const o = { ...base, ...(option && typeof option === 'object' ? option : {}) };
    actions.push({ animates: current, option: { transformOrigin: o.transformOrigin, transition: { duration: o.duration, timingFunction: o.timingFunction, delay: o.delay } } });
    current = [];
    return undefined;
  };
  methods.export = () => {
    const out = { actions };
    actions = [];
    return out;
  };
  object = makeObject(env, 'Animation', methods).object;
  // Chainable: every method but export returns the animation itself.
  for (const name of [...ANIMATION_METHODS, 'step']) {
    const traced = object[name];
    object[name] = function (...args) { traced.apply(object, args); return object; };
  }
  return object;
}

module.exports = { entries, ANIMATION_METHODS };
