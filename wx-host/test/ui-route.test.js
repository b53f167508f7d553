'use strict';
// The ui category's new APIs (action sheet, navigation bar, background,
// pull-down, scroll, fonts, menu button, nextTick, createAnimation), the
// route category's page stack and the wxml queries. Expected fields are
// written out by hand from the typings (ShowActionSheetSuccessCallbackResult,
// NavigateToSuccessCallbackResult, BoundingClientRectCallbackResult, ...).
const test = require('node:test');
const assert = require('node:assert/strict');
const { plain } = require('../test-support/kit');
const { host, call, ok, failed } = require('../test-support/real-host');

test('showActionSheet answers the scenario in order, then its default; cancel fails', async (t) => {
  let h = host(t, { scenario: { actionSheet: { answers: [2, 'cancel', 5], default: 1 } } });
  const items = { itemList: ['A', 'B', 'C'] };
  assert.deepEqual(await call(h, 'showActionSheet', items), ok('showActionSheet', { tapIndex: 2 }));
  assert.deepEqual(await call(h, 'showActionSheet', items), failed('showActionSheet', 'cancel'));
  assert.deepEqual(await call(h, 'showActionSheet', items), failed('showActionSheet', 'cancel')); // 5 is past the list
  assert.deepEqual(await call(h, 'showActionSheet', items), ok('showActionSheet', { tapIndex: 1 }));
  assert.deepEqual(await call(h, 'showActionSheet', {}), failed('showActionSheet', 'parameter error: parameter.itemList should be Array instead of Undefined;'));
  assert.deepEqual(await call(h, 'showActionSheet', { itemList: ['1', '2', '3', '4', '5', '6', '7'] }),
    failed('showActionSheet', 'parameter error: parameter.itemList should have 1 to 6 items;'));
  assert.deepEqual(h.ui.actionSheets.map((a) => a.tapIndex), [2, null, null, 1]);
  h = host(t);
  assert.deepEqual(await call(h, 'showActionSheet', { itemList: ['only'], alertText: 'pick' }), ok('showActionSheet', { tapIndex: 0 }));
  assert.deepEqual(h.ui.actionSheets, [{ itemList: ['only'], alertText: 'pick', tapIndex: 0 }]);
});

test('navigation bar, background, pull-down refresh, scrolling and fonts are recorded in host.ui', async (t) => {
  const h = host(t, { scenario: { nodes: { '#footer': { top: 900 } } } });
  assert.deepEqual(await call(h, 'setNavigationBarTitle', { title: '订单' }), ok('setNavigationBarTitle'));
  assert.deepEqual(await call(h, 'setNavigationBarTitle', {}), failed('setNavigationBarTitle', 'parameter error: parameter.title should be String instead of Undefined;'));
  assert.deepEqual(await call(h, 'setNavigationBarColor', { frontColor: '#ffffff', backgroundColor: '#ff0000' }), ok('setNavigationBarColor'));
  assert.deepEqual(await call(h, 'setNavigationBarColor', { frontColor: '#ff0000', backgroundColor: '#ff0000' }),
    failed('setNavigationBarColor', 'parameter error: parameter.frontColor should be one of #ffffff, #000000 instead of "#ff0000";'));
  assert.deepEqual(await call(h, 'setNavigationBarColor', { frontColor: '#000000', backgroundColor: 'red' }),
    failed('setNavigationBarColor', 'parameter error: parameter.backgroundColor should be a hexadecimal color instead of "red";'));
  assert.deepEqual(await call(h, 'showNavigationBarLoading'), ok('showNavigationBarLoading'));
  assert.deepEqual(h.ui.navigationBar, { title: '订单', frontColor: '#ffffff', backgroundColor: '#ff0000', loading: true });
  assert.deepEqual(await call(h, 'hideNavigationBarLoading'), ok('hideNavigationBarLoading'));
  assert.equal(h.ui.navigationBar.loading, false);
  assert.deepEqual(await call(h, 'setBackgroundColor', { backgroundColorTop: '#fff' }), ok('setBackgroundColor'));
  assert.deepEqual(await call(h, 'setBackgroundTextStyle', { textStyle: 'light' }), ok('setBackgroundTextStyle'));
  assert.deepEqual(await call(h, 'setBackgroundTextStyle', { textStyle: 'grey' }),
    failed('setBackgroundTextStyle', 'parameter error: parameter.textStyle should be one of dark, light instead of "grey";'));
  assert.deepEqual(h.ui.background, { backgroundColorTop: '#fff', textStyle: 'light' });
  assert.deepEqual(await call(h, 'startPullDownRefresh'), ok('startPullDownRefresh'));
  assert.equal(h.ui.pullDownRefresh, true);
  assert.deepEqual(await call(h, 'stopPullDownRefresh'), ok('stopPullDownRefresh'));
  assert.equal(h.ui.pullDownRefresh, false);
  assert.deepEqual(await call(h, 'pageScrollTo', { scrollTop: 120, duration: 0 }), ok('pageScrollTo'));
  assert.equal(h.ui.scrollTop, 120);
  assert.deepEqual(await call(h, 'pageScrollTo', { selector: '#footer', offsetTop: -20 }), ok('pageScrollTo'));
  assert.equal(h.ui.scrollTop, 1000);
  assert.deepEqual(await call(h, 'pageScrollTo', { selector: '#none' }), failed('pageScrollTo', 'selector #none not found'));
  assert.deepEqual(await call(h, 'pageScrollTo', {}), failed('pageScrollTo', 'parameter error: parameter.scrollTop or parameter.selector is required;'));
  assert.deepEqual(await call(h, 'loadFontFace', { family: 'Bit', source: 'url("https://x/bit.ttf")' }), ok('loadFontFace'));
  assert.deepEqual(await call(h, 'loadBuiltInFontFace', { family: 'Sans', source: 'builtin' }), ok('loadBuiltInFontFace'));
  assert.deepEqual(await call(h, 'loadFontFace', { family: 'Bit' }), failed('loadFontFace', 'parameter error: parameter.source should be String instead of Undefined;'));
  assert.deepEqual(h.ui.fonts.map((f) => f.family), ['Bit', 'Sans']);
});

test('the menu button rect follows the device; nextTick runs its callback on the next macrotask', async (t) => {
  const h = host(t);
  assert.deepEqual(plain(h.evaluate('wx.getMenuButtonBoundingClientRect()')), { bottom: 83, height: 32, left: 296, right: 383, top: 51, width: 87 });
  h.evaluate('globalThis.order = []; wx.nextTick(() => order.push("tick")); order.push("now")');
  await h.settle();
  assert.deepEqual(plain(h.evaluate('order')), ['now', 'tick']);
  assert.throws(() => h.evaluate('wx.nextTick(1)'), /nextTick:fail parameter error: callback should be Function instead of Number;/);
});

test('createAnimation: chainable steps, and export()\'s actions', (t) => {
  const h = host(t);
  const out = plain(h.evaluate(`(() => {
    const a = wx.createAnimation({ duration: 1000, timingFunction: 'ease' });
    const same = a.translateX(100).rotate(45) === a;
    a.step();
    a.opacity(0.5).step({ duration: 200, delay: 50 });
    const first = a.export();
    return { same, first, second: a.export() };
  })()`));
  assert.equal(out.same, true);
  assert.deepEqual(out.first, { actions: [
    { animates: [{ type: 'translateX', args: [100] }, { type: 'rotate', args: [45] }], option: { transformOrigin: '50% 50% 0', transition: { duration: 1000, timingFunction: 'ease', delay: 0 } } },
    { animates: [{ type: 'opacity', args: [0.5] }], option: { transformOrigin: '50% 50% 0', transition: { duration: 200, timingFunction: 'ease', delay: 50 } } },
  ] });
  assert.deepEqual(out.second, { actions: [] });
  assert.deepEqual(plain(h.evaluate('Object.keys(wx.createAnimation()).sort()')), ['backgroundColor', 'bottom', 'export', 'height', 'left', 'matrix',
    'matrix3d', 'opacity', 'right', 'rotate', 'rotate3d', 'rotateX', 'rotateY', 'rotateZ', 'scale', 'scale3d', 'scaleX', 'scaleY', 'scaleZ',
    'skew', 'skewX', 'skewY', 'step', 'top', 'translate', 'translate3d', 'translateX', 'translateY', 'translateZ', 'width']);
  assert.throws(() => h.evaluate("wx.createAnimation({ timingFunction: 'bounce' })"), /createAnimation:fail parameter error: parameter.timingFunction should be one of linear/);
});

test('route: a page stack with the route events, an EventChannel, the limits', async (t) => {
  const h = host(t);
  h.evaluate("wx.onAppRoute((e) => heard.push([e.openType, e.path, e.query]))");
  const r = plain(await h.evaluate("call('navigateTo', { url: '/pages/detail/detail?id=7&x=a%20b' })"));
  assert.deepEqual(Object.keys(r.res), ['errMsg', 'eventChannel']);
  assert.equal(r.res.errMsg, 'navigateTo:ok');
  assert.deepEqual(h.ui.pages, ['pages/index/index', 'pages/detail/detail']);
  const channelKeys = plain(await h.evaluate(`new Promise((resolve) => wx.navigateTo({ url: 'pages/b', events: { done: (v) => heard.push(['done', v]) },
    success: (res) => { res.eventChannel.emit('done', 42); resolve(Object.keys(res.eventChannel).sort()); } }))`));
  assert.deepEqual(channelKeys, ['emit', 'off', 'on', 'once']);
  await h.settle();
  assert.deepEqual(await call(h, 'redirectTo', { url: 'pages/c' }), ok('redirectTo'));
  assert.deepEqual(h.ui.pages, ['pages/index/index', 'pages/detail/detail', 'pages/c']);
  assert.deepEqual(await call(h, 'navigateBack', { delta: 5 }), ok('navigateBack'));
  assert.deepEqual(h.ui.pages, ['pages/index/index']);
  assert.deepEqual(await call(h, 'navigateBack'), failed('navigateBack', 'cannot navigate back at first page.'));
  assert.deepEqual(await call(h, 'switchTab', { url: 'pages/tab?x=1' }), failed('switchTab', 'can not switch to tab page with query'));
  assert.deepEqual(await call(h, 'switchTab', { url: '/pages/tab' }), ok('switchTab'));
  assert.deepEqual(await call(h, 'reLaunch', { url: 'pages/home' }), ok('reLaunch'));
  assert.deepEqual(await call(h, 'rewriteRoute', { url: 'pages/home2' }), ok('rewriteRoute'));
  assert.deepEqual(h.ui.pages, ['pages/home2']);
  assert.deepEqual(await call(h, 'navigateTo', {}), failed('navigateTo', 'parameter error: parameter.url should be String instead of Undefined;'));
  for (let i = 0; i < 9; i++) await call(h, 'navigateTo', { url: `pages/p${i}` });
  assert.deepEqual(await call(h, 'navigateTo', { url: 'pages/eleventh' }), failed('navigateTo', 'webview count limit exceed'));
  await h.settle();
  const heardNow = plain(h.evaluate('heard'));
  // The route event comes before the call's success (the page opens, then navigateTo answers).
  assert.deepEqual(heardNow.slice(0, 3), [['navigateTo', 'pages/detail/detail', { id: '7', x: 'a b' }], ['navigateTo', 'pages/b', {}], ['done', 42]]);
  assert.deepEqual(heardNow.slice(3, 8).map((x) => x[0]), ['redirectTo', 'navigateBack', 'switchTab', 'reLaunch', 'rewriteRoute']);
  assert.deepEqual(heardNow[4], ['navigateBack', 'pages/index/index', {}]);
  assert.equal(h.ui.routes.length, 16);
});

test('createSelectorQuery answers from the scenario\'s nodes (null / [] for none); the viewport from the device', async (t) => {
  const h = host(t, { scenario: { nodes: {
    '#title': { id: 'title', dataset: { k: 1 }, left: 10, top: 80, width: 300, height: 40, properties: { text: 'Hi' } },
    '.item': [{ id: 'a', top: 0, height: 10, width: 5 }, { id: 'b', top: 10, height: 10, width: 5, scrollTop: 3 }],
  } } });
  const res = plain(await h.evaluate(`new Promise((resolve) => {
    const q = wx.createSelectorQuery();
    const got = {};
    q.select('#title').boundingClientRect((r) => { got.cb = r; });
    q.selectAll('.item').scrollOffset();
    q.select('#missing').boundingClientRect();
    q.select('#title').fields({ id: true, dataset: true, size: true, properties: ['text'] });
    q.selectViewport().scrollOffset();
    q.exec((results) => resolve({ results, got }));
  })`));
  assert.deepEqual(res.got.cb, { dataset: { k: 1 }, id: 'title', bottom: 120, height: 40, left: 10, right: 310, top: 80, width: 300 });
  assert.deepEqual(res.results, [
    { dataset: { k: 1 }, id: 'title', bottom: 120, height: 40, left: 10, right: 310, top: 80, width: 300 },
    [{ dataset: {}, id: 'a', scrollHeight: 10, scrollLeft: 0, scrollTop: 0, scrollWidth: 5 }, { dataset: {}, id: 'b', scrollHeight: 10, scrollLeft: 0, scrollTop: 3, scrollWidth: 5 }],
    null,
    { id: 'title', dataset: { k: 1 }, width: 300, height: 40, text: 'Hi' },
    { dataset: {}, id: '', scrollHeight: 844, scrollLeft: 0, scrollTop: 0, scrollWidth: 390 },
  ]);
  assert.deepEqual(plain(h.evaluate('Object.keys(wx.createSelectorQuery()).sort()')), ['exec', 'in', 'select', 'selectAll', 'selectViewport']);
  assert.deepEqual(plain(h.evaluate("Object.keys(wx.createSelectorQuery().select('#x')).sort()")), ['boundingClientRect', 'context', 'fields', 'node', 'ref', 'scrollOffset']);
  assert.equal(h.evaluate('(() => { const q = wx.createSelectorQuery(); return q.in({}) === q && q.select("#a").boundingClientRect() === q; })()'), true);
});

test('createIntersectionObserver reports the scenario nodes\' intersectionRatio once; disconnect stops it', async (t) => {
  const h = host(t, { scenario: { nodes: { '.card': [{ id: 'c1', top: 800, height: 100, width: 390, intersectionRatio: 0.5 }, { id: 'c2', intersectionRatio: 0 }] } } });
  h.evaluate(`const o = wx.createIntersectionObserver(null, { observeAll: true });
    globalThis.same = o.relativeToViewport({ bottom: 0 }) === o;
    o.observe('.card', (r) => heard.push(r));
    wx.createIntersectionObserver().observe('#nothing', (r) => heard.push(r));`);
  await h.settle();
  const got = plain(h.evaluate('heard'));
  assert.equal(h.evaluate('same'), true);
  assert.equal(got.length, 1);
  assert.deepEqual(Object.keys(got[0]).sort(), ['boundingClientRect', 'dataset', 'id', 'intersectionRatio', 'intersectionRect', 'relativeRect', 'time']);
  assert.deepEqual([got[0].id, got[0].intersectionRatio, got[0].boundingClientRect], ['c1', 0.5, { bottom: 900, height: 100, left: 0, right: 390, top: 800, width: 390 }]);
  assert.deepEqual(got[0].relativeRect, { bottom: 844, left: 0, right: 390, top: 0 });
  h.evaluate("heard.length = 0; const p = wx.createIntersectionObserver(); p.observe('.card', (r) => heard.push(r)); p.disconnect()");
  await h.settle();
  assert.deepEqual(plain(h.evaluate('heard')), []);
  assert.deepEqual(plain(h.evaluate('Object.keys(wx.createIntersectionObserver()).sort()')), ['disconnect', 'observe', 'relativeTo', 'relativeToViewport']);
});
