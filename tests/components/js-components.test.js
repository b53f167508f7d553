'use strict';
// The plain-JavaScript baseline components (tests/components/js/) in
// WeChat's own component tools, with the official WXML compiler and
// wx-host's wx: what they render, the exact setData payloads they send,
// the events they trigger. These are the JS side of the later comparison
// with the same components written in Rust.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { createHost } = require('../../wx-host/src');
const { loadComponent } = require('./harness');

const COMPONENTS = path.join(__dirname, 'js', 'components');
const open = (t, name, options) => {
  const c = loadComponent(path.join(COMPONENTS, name), options);
  t.after(() => c.dispose());
  return c;
};
// The text of every node matching a selector, in document order.
const texts = (c, selector) => c.component.querySelectorAll(selector).map((n) => n.dom.textContent);

test('counter: renders its initial count and step', (t) => {
  const c = open(t, 'counter');
  assert.equal(c.text('.count'), '0');
  assert.equal(c.text('.add'), '+1'); // the property's default
  assert.deepEqual(c.setDataCalls, []); // the first render is the data, not a setData
  const json = c.json();
  assert.equal(json.children[0].tagName, 'wx-view');
  assert.deepEqual(json.children[0].attrs, [{ name: 'class', value: 'counter' }]);
  assert.deepEqual(json.children[0].children.map((n) => n.tagName), ['wx-text', 'wx-button']);
  assert.equal(json.children[0].children[1].event.tap.handler, 'onAdd');
});

test('counter: each tap adds the step, sends only the count and announces it', async (t) => {
  const c = open(t, 'counter', { props: { step: 3 } });
  assert.equal(c.text('.add'), '+3');
  await c.tap('.add');
  await c.tap('.add');
  assert.equal(c.text('.count'), '6');
  assert.deepEqual(c.setDataCalls, [
    { component: 'components/counter/counter', data: { count: 3 } },
    { component: 'components/counter/counter', data: { count: 6 } },
  ]);
  assert.deepEqual(c.events, [
    { component: 'components/counter/counter', name: 'change', detail: { count: 3 }, options: {} },
    { component: 'components/counter/counter', name: 'change', detail: { count: 6 }, options: {} },
  ]);
  assert.deepEqual(c.errors, []);
  assert.deepEqual(c.host.trace, []); // no wx call
});

test('counter: a step changed by the page applies to the next tap', async (t) => {
  const c = open(t, 'counter');
  await c.tap('.add');
  c.component.setData({ step: 10 }); // as the page's `step="{{...}}"` would
  assert.equal(c.text('.add'), '+10');
  await c.tap('.add');
  assert.equal(c.text('.count'), '11');
  // The page's own setData is j-component's, not the component's: only the two taps count.
  assert.deepEqual(c.setDataCalls.map((s) => s.data), [{ count: 1 }, { count: 11 }]);
});

async function addItems(c, titles) {
  for (const title of titles) {
    await c.dispatch('.draft', 'input', { detail: { value: title } });
    await c.tap('.add');
  }
}

test('todo-list: adding appends one item by its path and clears the draft', async (t) => {
  const c = open(t, 'todo-list');
  assert.deepEqual(texts(c, '.empty'), ['Nothing to do']);
  await addItems(c, ['milk', 'eggs']);
  assert.deepEqual(c.setDataCalls.map((s) => s.data), [
    { draft: 'milk' },
    { draft: '', 'items[0]': { id: 1, title: 'milk', done: false } },
    { draft: 'eggs' },
    { draft: '', 'items[1]': { id: 2, title: 'eggs', done: false } },
  ]);
  assert.deepEqual(texts(c, '.title'), ['milk', 'eggs']);
  assert.deepEqual(texts(c, '.empty'), []);
  assert.deepEqual(c.events.map((e) => [e.name, e.detail]), [['change', { count: 1 }], ['change', { count: 2 }]]);
});

test('todo-list: an empty draft adds nothing and sends nothing', async (t) => {
  const c = open(t, 'todo-list');
  await c.dispatch('.draft', 'input', { detail: { value: '   ' } });
  await c.tap('.add');
  assert.deepEqual(c.setDataCalls.map((s) => s.data), [{ draft: '   ' }]);
  assert.deepEqual(texts(c, '.title'), []);
  assert.deepEqual(c.events, []);
});

test("todo-list: toggling item 3 sends {'items[3].done': true} and nothing else", async (t) => {
  const c = open(t, 'todo-list');
  await addItems(c, ['milk', 'eggs', 'tea', 'jam']);
  c.setDataCalls.length = 0;
  c.component.querySelectorAll('.title')[3].dispatchEvent('tap');
  await c.settle();
  assert.deepEqual(c.setDataCalls, [{ component: 'components/todo-list/todo-list', data: { 'items[3].done': true } }]);
  // simulate prefixes the classes in the DOM with the root's tag (`main--`), as WeChat's style isolation does.
  const done = c.component.querySelectorAll('.item').map((n) => n.dom.classList.contains('main--done'));
  assert.deepEqual(done, [false, false, false, true]);
  // And back.
  c.component.querySelectorAll('.title')[3].dispatchEvent('tap');
  await c.settle();
  assert.deepEqual(c.setDataCalls[1].data, { 'items[3].done': false });
});

test('todo-list: removing an item sends the shorter list whole, and wx:key keeps the other nodes', async (t) => {
  const c = open(t, 'todo-list');
  await addItems(c, ['milk', 'eggs', 'tea']);
  const teaNode = c.component.querySelectorAll('.item')[2].dom;
  c.setDataCalls.length = 0;
  c.events.length = 0;
  c.component.querySelectorAll('.remove')[1].dispatchEvent('tap');
  await c.settle();
  assert.deepEqual(c.setDataCalls.map((s) => s.data), [{
    items: [{ id: 1, title: 'milk', done: false }, { id: 3, title: 'tea', done: false }],
  }]);
  assert.deepEqual(texts(c, '.title'), ['milk', 'tea']);
  // Keyed by id, the node that showed "tea" is moved, not rebuilt.
  assert.equal(c.component.querySelectorAll('.item')[1].dom, teaNode);
  assert.deepEqual(c.events.map((e) => [e.name, e.detail]), [['change', { count: 2 }]]);
});

/** A host of the JS plugin whose storage holds `items` before the component appears. */
function hostWith(t, items, options = {}) {
  const host = createHost({ baseVersion: '2.18.1', ...options });
  t.after(() => host.dispose());
  host.mount(path.join(__dirname, 'js')); // the plugin's storage is there from now on
  for (const [key, value] of Object.entries(items)) host.evaluate(`wx.setStorageSync(${JSON.stringify(key)}, ${JSON.stringify(value)})`);
  host.trace.length = 0;
  return host;
}

test('async-status: shows loading, then the stored value', async (t) => {
  const host = hostWith(t, { status: 'all good' });
  const c = open(t, 'async-status', { wxHost: host });
  // wx.getStorage answers asynchronously: the first frame is the initial data.
  assert.deepEqual(texts(c, '.loading'), ['Loading…']);
  assert.deepEqual(c.setDataCalls, []);
  await c.settle();
  assert.deepEqual(texts(c, '.loading'), []);
  assert.deepEqual(texts(c, '.result'), ['all good']);
  assert.deepEqual(c.setDataCalls.map((s) => s.data), [{ state: 'ready', value: 'all good' }]);
  assert.deepEqual(c.events.map((e) => [e.name, e.detail]), [['load', { value: 'all good' }]]);
  assert.deepEqual(host.trace.map((r) => [r.api, r.args[0].key, r.outcome]), [['getStorage', 'status', 'success']]);
});

test("async-status: a key that is not stored shows WeChat's failure", async (t) => {
  const c = open(t, 'async-status', { base: '2.18.1', props: { storageKey: 'nothing-here' } });
  await c.settle();
  assert.deepEqual(texts(c, '.error'), ['getStorage:fail data not found']);
  assert.deepEqual(c.setDataCalls.map((s) => s.data), [{ state: 'error', error: 'getStorage:fail data not found' }]);
  assert.deepEqual(c.events.map((e) => [e.name, e.detail]), [['error', { errMsg: 'getStorage:fail data not found' }]]);
});

test('async-status: reload goes through loading again; a fault from the scenario shows as the error', async (t) => {
  const host = hostWith(t, { status: 'first' }, {
    scenario: { faults: [{ api: 'getStorage', call: 2, fault: 'fail', errMsg: 'disk on fire' }] },
  });
  const c = open(t, 'async-status', { wxHost: host });
  await c.settle();
  assert.deepEqual(texts(c, '.result'), ['first']);
  await c.tap('.reload');
  assert.deepEqual(c.setDataCalls.map((s) => s.data), [
    { state: 'ready', value: 'first' },
    { state: 'loading' },
    { state: 'error', error: 'getStorage:fail disk on fire' },
  ]);
  assert.deepEqual(texts(c, '.error'), ['getStorage:fail disk on fire']);
});

test('async-status: an answer that arrives after detach does not touch the view', async (t) => {
  const host = hostWith(t, { status: 'late' });
  const c = open(t, 'async-status', { wxHost: host });
  c.component.detach(); // before wx.getStorage answers
  await c.settle();
  assert.deepEqual(c.setDataCalls, []);
  assert.deepEqual(c.errors, []);
});
