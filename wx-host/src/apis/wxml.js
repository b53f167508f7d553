'use strict';
// The "wxml" category: queries of the page's nodes, answered from the
// scenario's `nodes` (by selector: "#id", ".class"; an array for several).
// A selector that is not there answers null (selectAll: []), as for a node
// that is not on the page. Field names are the typings'
// (BoundingClientRectCallbackResult, ScrollOffsetCallbackResult,
// IntersectionObserverObserveCallbackResult).

const { makeObject } = require('../objects');
const { systemInfo } = require('../data/system-info');

const nodesOf = (env, selector) => {
  const n = (env.scenario.nodes || {})[selector];
  return n === undefined ? [] : Array.isArray(n) ? n : [n];
};
function rect(n) {
  const left = n.left ?? 0;
  const top = n.top ?? 0;
  const width = n.width ?? (n.right !== undefined ? n.right - left : 0);
  const height = n.height ?? (n.bottom !== undefined ? n.bottom - top : 0);
  return { bottom: n.bottom ?? top + height, height, left, right: n.right ?? left + width, top, width };
}
const ids = (n) => ({ dataset: n.dataset || {}, id: n.id ?? '' });
const scroll = (n) => ({ scrollHeight: n.scrollHeight ?? rect(n).height, scrollLeft: n.scrollLeft ?? 0, scrollTop: n.scrollTop ?? 0, scrollWidth: n.scrollWidth ?? rect(n).width });

function viewport(env) {
  const info = systemInfo(env);
  return { id: '', dataset: {}, left: 0, top: 0, width: info.windowWidth, height: info.windowHeight, scrollTop: env.ui.scrollTop, scrollLeft: 0, scrollWidth: info.windowWidth, scrollHeight: info.windowHeight };
}

/** What one request of a NodesRef answers for a node. */
function answer(kind, n, fields) {
  if (kind === 'boundingClientRect') return { ...ids(n), ...rect(n) };
  if (kind === 'scrollOffset') return { ...ids(n), ...scroll(n) };
  if (kind === 'context') return { context: {} };
  if (kind === 'node') return { node: {} };
  if (kind === 'ref') return { ref: {} };
  // fields: the asked ones (the typings' Fields)
  const out = {};
  if (fields.id) out.id = n.id ?? '';
  if (fields.dataset) out.dataset = n.dataset || {};
  if (fields.rect) { const r = rect(n); Object.assign(out, { left: r.left, right: r.right, top: r.top, bottom: r.bottom }); }
  if (fields.size) { const r = rect(n); Object.assign(out, { width: r.width, height: r.height }); }
  if (fields.scrollOffset) Object.assign(out, { scrollLeft: scroll(n).scrollLeft, scrollTop: scroll(n).scrollTop });
  for (const p of Array.isArray(fields.properties) ? fields.properties : []) out[p] = (n.properties || {})[p];
  return out;
}

function selectorQuery(env) {
  const requests = []; // { nodes: () => [node] | null (single), kind, fields, callback }
  let query = null;
  const nodesRef = (pick) => {
    const add = (kind, fields, callback) => { requests.push({ pick, kind, fields, callback }); return query; };
    return makeObject(env, 'NodesRef', {
      boundingClientRect: ([cb]) => add('boundingClientRect', null, cb),
      scrollOffset: ([cb]) => add('scrollOffset', null, cb),
      fields: ([fields, cb]) => add('fields', fields && typeof fields === 'object' ? fields : {}, cb),
      context: ([cb]) => add('context', null, cb),
      node: ([cb]) => add('node', null, cb),
      ref: ([cb]) => add('ref', null, cb),
    }).object;
  };
  const made = makeObject(env, 'SelectorQuery', {
    in: () => query,
    select: ([selector]) => nodesRef({ selector: String(selector), all: false }),
    selectAll: ([selector]) => nodesRef({ selector: String(selector), all: true }),
    selectViewport: () => nodesRef({ viewport: true, all: false }),
    exec: ([callback]) => {
      const batch = requests.splice(0);
      env.schedule('SelectorQuery.exec', () => {
        const results = batch.map(({ pick, kind, fields, callback: cb }) => {
          const list = pick.viewport ? [viewport(env)] : nodesOf(env, pick.selector);
          const res = pick.all ? list.map((n) => answer(kind, n, fields)) : list.length ? answer(kind, list[0], fields) : null;
          if (typeof cb === 'function') env.callPlugin(`NodesRef.${kind} callback`, cb, env.realm.toRealm(res));
          return res;
        });
        if (typeof callback === 'function') env.callPlugin('SelectorQuery.exec callback', callback, env.realm.toRealm(results));
      });
      return undefined;
    },
  });
  query = made.object;
  // in/select... return the query (or a NodesRef) itself, not a copy.
  return query;
}

function intersectionObserver(env, options) {
  const o = options && typeof options === 'object' ? options : {};
  const st = { relativeTo: null, margins: null, observing: [], disconnected: false };
  const observer = makeObject(env, 'IntersectionObserver', {
    relativeTo: ([selector, margins]) => { st.relativeTo = String(selector); st.margins = margins || null; return undefined; },
    relativeToViewport: ([margins]) => { st.relativeTo = 'viewport'; st.margins = margins || null; return undefined; },
    disconnect: () => { st.disconnected = true; return undefined; },
    // Once per matching node whose intersectionRatio is not the initial one (default 0).
    observe: ([selector, callback]) => {
      st.observing.push(String(selector));
      const list = nodesOf(env, String(selector));
      const targets = o.observeAll ? list : list.slice(0, 1);
      env.schedule('IntersectionObserver.observe', () => {
        for (const n of targets) {
          if (st.disconnected) return;
          const ratio = n.intersectionRatio ?? 0;
          if (ratio === (o.initialRatio ?? 0)) continue;
          const r = rect(n);
          const vp = viewport(env);
          const inter = ratio > 0 ? { bottom: Math.min(r.bottom, vp.height), height: r.height * ratio, left: r.left, right: r.right, top: r.top, width: r.width } : { bottom: 0, height: 0, left: 0, right: 0, top: 0, width: 0 };
          env.callPlugin('IntersectionObserver.observe callback', callback, env.realm.toRealm({
            boundingClientRect: r, dataset: n.dataset || {}, id: n.id ?? '', intersectionRatio: ratio, intersectionRect: inter,
            relativeRect: { bottom: vp.height, left: 0, right: vp.width, top: 0 }, time: env.clock.now(),
          }));
        }
      });
      return undefined;
    },
  }).object;
  for (const name of ['relativeTo', 'relativeToViewport']) {
    const traced = observer[name];
    observer[name] = function (...args) { traced.apply(observer, args); return observer; };
  }
  return observer;
}

const entries = [
  { name: 'createSelectorQuery', kind: 'factory', simulated: 'scripted', impl: (args, env) => selectorQuery(env) },
  { name: 'createIntersectionObserver', kind: 'factory', simulated: 'scripted', impl: ([, options], env) => intersectionObserver(env, options) },
];

module.exports = { entries };
