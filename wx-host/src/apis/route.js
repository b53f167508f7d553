'use strict';
// The "route" category: a page stack recorded in host.ui.pages (from
// "pages/index/index"), each move in host.ui.routes, and the route events
// onBeforeAppRoute, onAppRoute, onAppRouteDone fired with { path, query,
// openType } as the move happens. WeChat keeps 10 pages at most.

const { fail } = require('../errors');
const { needString } = require('../validate');
const { makeObject } = require('../objects');

const MAX_PAGES = 10;

/** "pages/a?x=1" -> { path: "pages/a", query: { x: "1" } }; the leading "/" dropped. */
function parseUrl(url) {
  if (url === '') throw fail('parameter error: parameter.url should not be empty;');
  const [p, q = ''] = url.split('?');
  const query = {};
  for (const part of q.split('&').filter(Boolean)) {
    const [k, v = ''] = part.split('=');
    query[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return { path: p.replace(/^\/+/, ''), query };
}

function move(env, openType, url, change) {
  const { path, query } = url === null ? { path: null, query: {} } : parseUrl(url);
  const pages = env.ui.pages;
  change(pages, path);
  const top = pages[pages.length - 1];
  const event = { path: top, query, openType };
  env.ui.routes.push({ openType, path: top, query });
  env.schedule(`route ${openType}`, () => {
    env.emit('onBeforeAppRoute', event);
    env.emit('onAppRoute', event);
    env.emit('onAppRouteDone', event);
  });
}

/** An EventChannel (navigateTo's result): on/once/off/emit among the page and its opener, kept in the host. */
function eventChannel(env, events) {
  const listeners = new Map();
  const add = (name, fn, once) => { if (typeof fn === 'function') listeners.set(name, [...(listeners.get(name) || []), { fn, once }]); };
  for (const [name, fn] of Object.entries(events || {})) add(name, fn, false);
  const { object } = makeObject(env, 'EventChannel', {
    on: ([name, fn]) => { add(String(name), fn, false); },
    once: ([name, fn]) => { add(String(name), fn, true); },
    off: ([name, fn]) => { listeners.set(String(name), fn === undefined ? [] : (listeners.get(String(name)) || []).filter((l) => l.fn !== fn)); },
    emit: ([name, ...args]) => {
      const list = listeners.get(String(name)) || [];
      listeners.set(String(name), list.filter((l) => !l.once));
      for (const l of list) env.callPlugin(`EventChannel ${name} listener`, l.fn, ...args);
    },
  });
  return object;
}

const entries = [
  {
    name: 'navigateTo',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const url = needString(o, 'url');
      if (env.ui.pages.length >= MAX_PAGES) throw fail('webview count limit exceed');
      move(env, 'navigateTo', url, (pages, path) => pages.push(path));
      return { eventChannel: eventChannel(env, o.events) };
    },
  },
  {
    name: 'redirectTo',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { move(env, 'redirectTo', needString(o, 'url'), (pages, path) => { pages[pages.length - 1] = path; }); },
  },
  {
    name: 'navigateBack',
    kind: 'async',
    simulated: 'stateful',
    // delta pages back (default 1); past the first page it stops there, and on the first page it fails.
    impl: (o, env) => {
      const delta = o.delta === undefined ? 1 : Math.max(1, Math.floor(Number(o.delta)) || 1);
      if (env.ui.pages.length <= 1) throw fail('cannot navigate back at first page.');
      move(env, 'navigateBack', null, (pages) => { pages.splice(Math.max(1, pages.length - delta)); });
    },
  },
  {
    name: 'reLaunch',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { move(env, 'reLaunch', needString(o, 'url'), (pages, path) => { pages.splice(0, pages.length, path); }); },
  },
  {
    name: 'switchTab',
    kind: 'async',
    simulated: 'stateful',
    // Tab pages take no query string (as WeChat says); the stack becomes that tab page.
    impl: (o, env) => {
      const url = needString(o, 'url');
      if (url.includes('?')) throw fail('can not switch to tab page with query');
      move(env, 'switchTab', url, (pages, path) => { pages.splice(0, pages.length, path); });
    },
  },
  {
    name: 'rewriteRoute',
    kind: 'async',
    simulated: 'stateful',
    // Replaces the page being opened (the top of the stack), as from an onBeforeAppRoute listener.
    impl: (o, env) => { move(env, 'rewriteRoute', needString(o, 'url'), (pages, path) => { pages[pages.length - 1] = path; }); },
  },
];

module.exports = { entries, parseUrl };
