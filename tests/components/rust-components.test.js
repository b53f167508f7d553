'use strict';
// The three example components written in Rust (examples/counter,
// examples/todo, examples/async-status), packaged by wx-pack, in WeChat's own
// component tools with the official WXML compiler and wx-host's wx, in both
// modes: wasm2js at base 1.9.6 (the lowest wx-host knows; the components use
// no observers or page lifetimes, which would need 2.6.1 / 2.2.3) and wasm
// with WXWebAssembly at 2.18.1. What they render, the exact setData payloads,
// the events they trigger: the same as the JavaScript baseline
// (js-components.test.js) wherever the behaviour is the same, and the
// differences said where it is not.
//
// The packaged folders are built by scripts/test.sh before the Node tests,
// once per example and mode, into target/components/<example>-<mode>/.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createHost } = require('../../wx-host/src');
const { loadComponent } = require('./harness');

const ROOT = path.resolve(__dirname, '..', '..');
const BUILDS = path.join(ROOT, 'target', 'components');
const MODES = [
  { mode: 'wasm2js', base: '1.9.6' },
  { mode: 'wasm', base: '2.18.1' },
];

/** The build command of one example in one mode, as scripts/test.sh runs it. */
const buildCommand = (example, { mode, base }) =>
  `cargo run -q -p wx-pack -- build examples/${example} --mode ${mode} --base ${base} --out target/components/${example}-${mode}`;

/** The packaged plugin folder of `example` in `mode`; an Error naming the command when it is missing or another build. */
function pluginFolder(example, m) {
  const dir = path.join(BUILDS, `${example}-${m.mode}`);
  const manifest = path.join(dir, 'wx-pack.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(`${path.relative(ROOT, dir)} is not built: run \`${buildCommand(example, m)}\` at the workspace root (scripts/test.sh does, before the Node tests)`);
  }
  const packed = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  if (packed.mode !== m.mode || packed.base !== m.base) {
    throw new Error(`${path.relative(ROOT, dir)} was built as ${packed.mode} for base ${packed.base}, not ${m.mode} for ${m.base}: run \`${buildCommand(example, m)}\``);
  }
  return dir;
}

/**
 * Loads a packaged component; console.error (where the generated JS reports
 * a handler's Err or panic) is recorded, and every test ends checking it
 * stayed silent unless it says otherwise.
 */
function open(t, example, name, m, options = {}) {
  const dir = path.join(pluginFolder(example, m), 'components', name);
  const consoleErrors = t.mock.method(console, 'error', () => {});
  const c = loadComponent(dir, options);
  t.after(() => c.dispose());
  c.consoleErrors = () => consoleErrors.mock.calls.map((call) => call.arguments.map(String).join(' '));
  assert.equal(c.mode, m.mode);
  assert.equal(c.base, m.base);
  return c;
}

// The text of every node matching a selector, in document order.
const texts = (c, selector) => c.component.querySelectorAll(selector).map((n) => n.dom.textContent);
// The host's trace of wx calls (WXWebAssembly's loading left out) as [api, key, outcome].
const wxCalls = (host) => host.trace.filter((r) => !r.api.startsWith('WXWebAssembly')).map((r) => [r.api, r.args[0].key, r.outcome]);
// What Rust's EventOptions::default() sends: WeChat's defaults, written out.
const DEFAULT_OPTIONS = { bubbles: false, composed: false, capturePhase: false };

for (const m of MODES) {
  const counter = (t, options) => open(t, 'counter', 'counter', m, options);
  const todo = (t, options) => open(t, 'todo', 'todo-list', m, options);
  const status = (t, options) => open(t, 'async-status', 'async-status', m, options);

  test(`${m.mode}: a missing build fails naming the command that makes it`, () => {
    const absent = { mode: m.mode, base: m.base };
    assert.throws(() => pluginFolder('no-such-example', absent), {
      message: new RegExp(`run \`cargo run -q -p wx-pack -- build examples/no-such-example --mode ${m.mode} --base ${m.base.replace(/\./g, '\\.')} --out target/components/no-such-example-${m.mode}\``),
    });
  });

  test(`${m.mode} counter: renders its initial count and step`, async (t) => {
    const c = counter(t);
    assert.equal(c.text('.count'), '0'); // the shape's data, written into Component(): rendered before Rust runs
    assert.equal(c.text('.add'), '+1'); // the property's default
    await c.settle();
    assert.deepEqual(c.setDataCalls, []); // the first render is the data, not a setData
    const json = c.json();
    assert.equal(json.children[0].tagName, 'wx-view');
    assert.deepEqual(json.children[0].attrs, [{ name: 'class', value: 'counter' }]);
    assert.deepEqual(json.children[0].children.map((n) => n.tagName), ['wx-text', 'wx-button']);
    assert.equal(json.children[0].children[1].event.tap.handler, 'on_add');
    assert.deepEqual(c.consoleErrors(), []);
  });

  test(`${m.mode} counter: each tap adds the step, sends only the count and announces it`, async (t) => {
    const c = counter(t, { props: { step: 3 } });
    assert.equal(c.text('.add'), '+3');
    await c.tap('.add');
    await c.tap('.add');
    assert.equal(c.text('.count'), '6');
    // The same payloads as the careful JS counter.
    assert.deepEqual(c.setDataCalls, [
      { component: 'components/counter/counter', data: { count: 3 } },
      { component: 'components/counter/counter', data: { count: 6 } },
    ]);
    // The JS counter passes no options ({}); Rust passes WeChat's defaults explicitly.
    assert.deepEqual(c.events, [
      { component: 'components/counter/counter', name: 'change', detail: { count: 3 }, options: DEFAULT_OPTIONS },
      { component: 'components/counter/counter', name: 'change', detail: { count: 6 }, options: DEFAULT_OPTIONS },
    ]);
    assert.deepEqual(c.errors, []);
    assert.deepEqual(c.consoleErrors(), []);
    // No wx call; in wasm mode the one WXWebAssembly.instantiate that loaded the module.
    const expected = m.mode === 'wasm' ? [['WXWebAssembly.instantiate', '/counter_bg.wasm.br', 'success']] : [];
    assert.deepEqual(c.host.trace.map((r) => [r.api, r.args[0], r.outcome]), expected);
  });

  test(`${m.mode} counter: a step changed by the page applies to the next tap`, async (t) => {
    const c = counter(t);
    await c.tap('.add');
    c.component.setData({ step: 10 }); // as the page's `step="{{...}}"` would
    assert.equal(c.text('.add'), '+10');
    await c.tap('.add');
    assert.equal(c.text('.count'), '11');
    assert.deepEqual(c.setDataCalls.map((s) => s.data), [{ count: 1 }, { count: 11 }]);
    assert.deepEqual(c.consoleErrors(), []);
  });

  test(`${m.mode} counter: created and a tap that come before the module is ready still reach Rust, in order`, async (t) => {
    const c = counter(t, { props: { step: 2 } });
    // wasm: WXWebAssembly.instantiate answers later, so `created` is queued and
    // the Rust instance does not exist yet; wasm2js loads synchronously.
    const id = () => c.component.instance.__wxComponentId;
    if (m.mode === 'wasm') assert.equal(id(), undefined);
    else assert.equal(typeof id(), 'number');
    c.node('.add').dispatchEvent('tap'); // no settle in between
    assert.equal(c.text('.count'), '0');
    await c.settle();
    assert.equal(typeof id(), 'number');
    assert.equal(c.text('.count'), '2');
    assert.deepEqual(c.setDataCalls.map((s) => s.data), [{ count: 2 }]);
    assert.deepEqual(c.events.map((e) => [e.name, e.detail]), [['change', { count: 2 }]]);
    assert.deepEqual(c.consoleErrors(), []);
  });

  async function addItems(c, titles) {
    for (const title of titles) {
      await c.dispatch('.draft', 'input', { detail: { value: title } });
      await c.tap('.add');
    }
  }

  test(`${m.mode} todo-list: adding appends one item by its path and clears the draft`, async (t) => {
    const c = todo(t);
    assert.deepEqual(texts(c, '.empty'), ['Nothing to do']);
    await addItems(c, ['milk', 'eggs']);
    assert.deepEqual(c.setDataCalls.map((s) => s.data), [
      { draft: 'milk' },
      // Into an empty list the whole array is shorter than the path:
      // `"items":[{…}]` is 9 characters around the item, `"items[0]":{…}` 11
      // (the JS baseline sends the path).
      { draft: '', items: [{ id: 1, title: 'milk', done: false }] },
      { draft: 'eggs' },
      { draft: '', 'items[1]': { id: 2, title: 'eggs', done: false } },
    ]);
    assert.deepEqual(texts(c, '.title'), ['milk', 'eggs']);
    assert.deepEqual(texts(c, '.empty'), []);
    assert.deepEqual(c.events.map((e) => [e.name, e.detail]), [['change', { count: 1 }], ['change', { count: 2 }]]);
    assert.deepEqual(c.consoleErrors(), []);
  });

  test(`${m.mode} todo-list: an empty draft adds nothing and sends nothing`, async (t) => {
    const c = todo(t);
    await c.dispatch('.draft', 'input', { detail: { value: '   ' } });
    await c.tap('.add');
    assert.deepEqual(c.setDataCalls.map((s) => s.data), [{ draft: '   ' }]);
    assert.deepEqual(texts(c, '.title'), []);
    assert.deepEqual(c.events, []);
    assert.deepEqual(c.consoleErrors(), []);
  });

  test(`${m.mode} todo-list: toggling item 3 sends {'items[3].done': true} and nothing else`, async (t) => {
    const c = todo(t);
    await addItems(c, ['milk', 'eggs', 'tea', 'jam']);
    c.setDataCalls.length = 0;
    c.component.querySelectorAll('.title')[3].dispatchEvent('tap');
    await c.settle();
    assert.deepEqual(c.setDataCalls, [{ component: 'components/todo-list/todo-list', data: { 'items[3].done': true } }]);
    // simulate prefixes the classes in the DOM with the root's tag (`main--`), as WeChat's style isolation does.
    const done = c.component.querySelectorAll('.item').map((n) => n.dom.classList.contains('main--done'));
    assert.deepEqual(done, [false, false, false, true]);
    c.component.querySelectorAll('.title')[3].dispatchEvent('tap');
    await c.settle();
    assert.deepEqual(c.setDataCalls[1].data, { 'items[3].done': false });
    assert.deepEqual(c.consoleErrors(), []);
  });

  test(`${m.mode} todo-list: removing an item sends the shorter list whole, and wx:key keeps the other nodes`, async (t) => {
    const c = todo(t);
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
    assert.equal(c.component.querySelectorAll('.item')[1].dom, teaNode);
    assert.deepEqual(c.events.map((e) => [e.name, e.detail]), [['change', { count: 2 }]]);
    assert.deepEqual(c.consoleErrors(), []);
  });

  /** A host of the packaged plugin whose storage holds `items` before the component appears. */
  function hostWith(t, items, options = {}) {
    const host = createHost({ baseVersion: m.base, ...options });
    t.after(() => host.dispose());
    host.mount(pluginFolder('async-status', m));
    for (const [key, value] of Object.entries(items)) host.evaluate(`wx.setStorageSync(${JSON.stringify(key)}, ${JSON.stringify(value)})`);
    host.trace.length = 0;
    return host;
  }

  test(`${m.mode} async-status: shows loading, then the stored value (attached reaches Rust)`, async (t) => {
    const host = hostWith(t, { status: 'all good' });
    const c = status(t, { wxHost: host });
    assert.deepEqual(texts(c, '.loading'), ['Loading…']);
    assert.deepEqual(c.setDataCalls, []);
    await c.settle();
    assert.deepEqual(texts(c, '.loading'), []);
    assert.deepEqual(texts(c, '.result'), ['all good']);
    assert.deepEqual(c.setDataCalls.map((s) => s.data), [{ state: 'ready', value: 'all good' }]);
    assert.deepEqual(c.events.map((e) => [e.name, e.detail]), [['load', { value: 'all good' }]]);
    assert.deepEqual(wxCalls(host), [['getStorage', 'status', 'success']]);
    assert.deepEqual(c.consoleErrors(), []);
  });

  test(`${m.mode} async-status: a key that is not stored shows WeChat's failure`, async (t) => {
    const c = status(t, { base: m.base, props: { storageKey: 'nothing-here' } });
    await c.settle();
    assert.deepEqual(texts(c, '.error'), ['getStorage:fail data not found']);
    assert.deepEqual(c.setDataCalls.map((s) => s.data), [{ state: 'error', error: 'getStorage:fail data not found' }]);
    assert.deepEqual(c.events.map((e) => [e.name, e.detail]), [['error', { errMsg: 'getStorage:fail data not found' }]]);
    assert.deepEqual(wxCalls(c.host), [['getStorage', 'nothing-here', 'fail']]);
    assert.deepEqual(c.consoleErrors(), []);
  });

  test(`${m.mode} async-status: reload goes through loading again; a fault from the scenario shows as the error`, async (t) => {
    const host = hostWith(t, { status: 'first' }, {
      scenario: { faults: [{ api: 'getStorage', call: 2, fault: 'fail', errMsg: 'disk on fire' }] },
    });
    const c = status(t, { wxHost: host });
    await c.settle();
    assert.deepEqual(texts(c, '.result'), ['first']);
    await c.tap('.reload');
    assert.deepEqual(c.setDataCalls.map((s) => s.data), [
      { state: 'ready', value: 'first' },
      { state: 'loading' },
      { state: 'error', error: 'getStorage:fail disk on fire' },
    ]);
    assert.deepEqual(texts(c, '.error'), ['getStorage:fail disk on fire']);
    assert.deepEqual(c.consoleErrors(), []);
  });

  test(`${m.mode} async-status: an answer that arrives after detach does not touch the view`, async (t) => {
    const host = hostWith(t, { status: 'late' });
    const c = status(t, { wxHost: host });
    // wasm2js: attached ran at once and spawned the async handler, which
    // starts a few microtasks later; wx-host answers a macrotask later.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    const asked = c.host.trace.filter((r) => r.api === 'getStorage').length;
    if (m.mode === 'wasm2js') assert.equal(asked, 1, 'wx.getStorage is out before the detach');
    c.component.detach(); // before wx.getStorage answers
    await c.settle();
    assert.deepEqual(c.setDataCalls, []);
    assert.deepEqual(c.events, []);
    assert.deepEqual(c.errors, []);
    assert.deepEqual(c.consoleErrors(), []);
  });
}
