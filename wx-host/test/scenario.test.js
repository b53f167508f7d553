'use strict';
// Scenario files (src/scenario.js): applied to what the phone reports, and
// refused in full — naming the file, the JSON path and what was expected —
// before anything runs.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createHost } = require('../src');
const { validateScenario, readScenario, ScenarioError, DEVICE_FIELDS } = require('../src/scenario');
const { ALLOWLIST, plain, tempDir, writePlugin } = require('../test-support/kit');
const { WORKSPACE } = require('../test-support/allowlist');

const BIN = path.join(__dirname, '..', 'bin', 'wx-host.js');

test('the device fields a scenario may set are the typings\' SystemInfo fields, with their shapes', () => {
  const { interfaces } = JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'wx-allowlist', 'data', 'interfaces.json'), 'utf8'));
  const systemInfo = new Map(interfaces.find((i) => i.name === 'SystemInfo').fields.map((f) => [f.name, f.shape]));
  for (const [name, shape] of Object.entries(DEVICE_FIELDS)) {
    assert.ok(systemInfo.has(name), `${name} is a SystemInfo field`);
    const typed = systemInfo.get(name);
    if (typeof shape === 'string') assert.equal(typed, shape, name);
    else if (shape.enum) assert.deepEqual(typed.enum.map((v) => v.value), shape.enum, name);
    else {
      const inner = interfaces.find((i) => i.name === typed.object);
      assert.deepEqual(inner.fields.map((f) => [f.name, f.shape]), shape.object.map((f) => [f, 'number']), name);
    }
  }
  // All of SystemInfo but SDKVersion (the base) and host (the host app's appId).
  assert.deepEqual([...systemInfo.keys()].filter((k) => !(k in DEVICE_FIELDS)).sort(), ['SDKVersion', 'host']);
  // The host's default phone reports SystemInfo fields only, each of the table's shape.
  const { DEFAULT_DEVICE } = require('../src/data/system-info');
  for (const [k, v] of Object.entries(DEFAULT_DEVICE)) {
    assert.ok(k in DEVICE_FIELDS, `${k} is a settable SystemInfo field`);
    assert.doesNotThrow(() => validateScenario({ device: { [k]: v } }), k);
  }
});

test('a scenario sets the system info, network type and strength, clipboard, brightness and showModal answers', async (t) => {
  const scenario = {
    description: 'an Android phone on 4G',
    device: { brand: 'Xiaomi', model: 'MI 11', platform: 'android', pixelRatio: 2.75, screenWidth: 393, theme: 'dark',
      safeArea: { top: 30, bottom: 851, left: 0, right: 393, width: 393, height: 821 } },
    network: { type: '4g', signalStrength: -71 },
    clipboard: 'copied earlier',
    screenBrightness: 0.9,
    modal: { answers: ['cancel', 'confirm'], default: 'cancel' },
  };
  const host = createHost({ allowlist: [...ALLOWLIST,
    { name: 'getClipboardData', since: '1.9.6', kind: 'async' }, { name: 'getScreenBrightness', since: '1.9.6', kind: 'async' }],
  baseVersion: '2.18.1', scenario });
  t.after(() => host.dispose());
  const info = plain(host.evaluate('wx.getSystemInfoSync()'));
  assert.deepEqual([info.brand, info.model, info.platform, info.pixelRatio, info.screenWidth, info.theme, info.safeArea.top, info.SDKVersion],
    ['Xiaomi', 'MI 11', 'android', 2.75, 393, 'dark', 30, '2.18.1']);
  assert.equal(info.screenHeight, 844); // what the scenario leaves out stays the host's default phone
  host.evaluate(`
    globalThis.out = [];
    const note = (r) => out.push(r);
    wx.getNetworkType({ success: note });
    wx.getClipboardData({ success: note });
    wx.getScreenBrightness({ success: note });
    for (let i = 0; i < 4; i++) wx.showModal({ title: 'q' + i, showCancel: i !== 2, success: (r) => out.push(r.confirm) });`);
  await host.settle();
  assert.deepEqual(plain(host.evaluate('out')), [
    { errMsg: 'getNetworkType:ok', networkType: '4g', signalStrength: -71 },
    { errMsg: 'getClipboardData:ok', data: 'copied earlier' },
    { errMsg: 'getScreenBrightness:ok', value: 0.9 },
    false, true, // the two answers, in order
    true, // a third modal without a cancel button: only confirm is possible
    false, // then the default
  ]);
});

test('a bad scenario names every problem: the file, the JSON path, what was expected', () => {
  const bad = {
    device: { pixelRatio: '3', platform: 'symbian', SDKVersion: '9.9.9', safeArea: { top: 'x', middle: 1 }, colour: 'red' },
    network: { type: '6g', speed: 1 },
    clipboard: 5,
    screenBrightness: 2,
    modal: { answers: ['yes', 'cancel'], default: 'maybe' },
    seconds: 3,
  };
  assert.throws(() => validateScenario(bad, 'phone.json'), (e) => {
    assert.ok(e instanceof ScenarioError);
    assert.deepEqual(e.problems, [
      'phone.json: $.seconds: unknown key (expected one of description, device, network, clipboard, screenBrightness, modal, faults, clock, events, battery, location, bluetooth, beacons, wifi, scanCode, actionSheet, images, videos, nfc, localServices, hce, audio, authSetting, subscriptions, payment, nodes)',
      'phone.json: $.device.pixelRatio: expected a number, got "3"',
      'phone.json: $.device.platform: expected one of "ios", "android", "ohos", "ohos_pc", "windows", "mac", "devtools", got "symbian"',
      'phone.json: $.device.SDKVersion: not settable (it is the simulated base library, --base)',
      'phone.json: $.device.safeArea.top: expected a number, got "x"',
      'phone.json: $.device.safeArea.middle: unknown key (expected one of bottom, height, left, right, top, width)',
      `phone.json: $.device.colour: unknown key (expected one of ${Object.keys(DEVICE_FIELDS).join(', ')})`,
      'phone.json: $.network.speed: unknown key (expected one of type, signalStrength, requestDomains, uploadFileDomains, downloadFileDomains, socketDomains, allowLoopback, maxConcurrentRequests)',
      'phone.json: $.network.type: expected one of "wifi", "2g", "3g", "4g", "5g", "unknown", "none", got "6g"',
      'phone.json: $.clipboard: expected a string, got 5',
      'phone.json: $.screenBrightness: expected a number from 0 to 1, got 2',
      'phone.json: $.modal.answers[0]: expected "confirm" or "cancel", got "yes"',
      'phone.json: $.modal.default: expected "confirm" or "cancel", got "maybe"',
    ]);
    assert.equal(e.message, e.problems.join('\n'));
    return true;
  });
  assert.throws(() => validateScenario([], 'x.json'), { message: 'x.json: $: expected a JSON object, got []' });
  assert.throws(() => validateScenario({ device: [] }, 'x.json'), { message: 'x.json: $.device: expected an object of SystemInfo fields, got []' });
  assert.throws(() => validateScenario({ modal: { answers: 'confirm' } }, 'x.json'), /\$\.modal\.answers: expected an array of "confirm" \/ "cancel", got "confirm"/);
  // The host checks a scenario it is given directly, too, before anything runs.
  assert.throws(() => createHost({ allowlist: ALLOWLIST, scenario: { clipboard: 1 } }), { message: 'scenario: $.clipboard: expected a string, got 1' });
});

test('readScenario names the file when it cannot be read or is not JSON', (t) => {
  const dir = tempDir(t);
  assert.throws(() => readScenario(path.join(dir, 'none.json')), (e) => e instanceof ScenarioError && e.message === `${path.join(dir, 'none.json')}: cannot read (ENOENT)`);
  fs.writeFileSync(path.join(dir, 'broken.json'), '{"device": ');
  assert.throws(() => readScenario(path.join(dir, 'broken.json')), (e) => e.message.startsWith(`${path.join(dir, 'broken.json')}: not valid JSON (`));
  fs.writeFileSync(path.join(dir, 'ok.json'), JSON.stringify({ network: { type: 'none' } }));
  assert.deepEqual(readScenario(path.join(dir, 'ok.json')).network, { type: 'none' });
});

test('--scenario on the command line: applied; a bad one exits 2 with every problem and runs nothing', (t) => {
  const dir = tempDir(t);
  const plugin = writePlugin(path.join(dir, 'p'), {
    'index.js': `
      wx.getFileSystemManager().writeFileSync(wx.env.USER_DATA_PATH + '/loaded', 'the plugin ran');
      module.exports = {
        model: () => wx.getSystemInfoSync().model,
        ask: () => new Promise((resolve) => wx.showModal({ title: 'ok?', success: (r) => resolve(r.confirm) })),
      };`,
  });
  const allowlist = path.join(dir, 'a.json');
  fs.writeFileSync(allowlist, JSON.stringify(ALLOWLIST));
  const files = path.join(dir, 'files');
  const run = (scenario, ...extra) => {
    const file = path.join(dir, 'scenario.json');
    fs.writeFileSync(file, JSON.stringify(scenario));
    return spawnSync(process.execPath, [BIN, 'run', plugin, '--allowlist', allowlist, '--base', '2.19.2', '--json', '--files', files,
      '--scenario', file, '--call', 'model', '--call', 'ask', '--call', 'ask', ...extra], { encoding: 'utf8', timeout: 30000 });
  };
  let r = run({ device: { model: 'Pixel 8' }, modal: { answers: ['cancel'] } });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(JSON.parse(r.stdout).calls.map((c) => c.result), ['Pixel 8', false, true]);
  fs.rmSync(files, { recursive: true });

  r = run({ device: { model: 8 }, network: { type: 'lte' } });
  assert.equal(r.status, 2);
  const file = path.join(dir, 'scenario.json');
  assert.deepEqual(r.stderr.split('\n').slice(0, 2), [
    `wx-host: ${file}: $.device.model: expected a string, got 8`,
    `${file}: $.network.type: expected one of "wifi", "2g", "3g", "4g", "5g", "unknown", "none", got "lte"`,
  ]);
  assert.equal(r.stdout, '');
  assert.equal(fs.existsSync(files), false, 'the plugin was not even loaded');

  r = run({ modal: { default: 'cancel' } }, '--modal-cancel');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--modal-cancel and .*scenario\.json's \$\.modal both answer wx\.showModal; keep one/);
});

test('the README\'s example scenario is valid against the real allowlist', () => {
  const { readRealAllowlist } = require('../test-support/allowlist');
  const { faultKinds } = require('../src/faults');
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const example = /## Scenarios[\s\S]*?```json\n([\s\S]*?)```/.exec(readme);
  assert.ok(example, 'the Scenarios section opens with a JSON example');
  const scenario = validateScenario(JSON.parse(example[1]), 'README.md', { kinds: faultKinds(readRealAllowlist()) });
  assert.deepEqual(Object.keys(scenario).filter((k) => scenario[k] !== undefined),
    ['device', 'network', 'clipboard', 'screenBrightness', 'modal', 'faults', 'clock', 'events',
      'battery', 'location', 'bluetooth', 'beacons', 'wifi', 'scanCode', 'actionSheet', 'images', 'videos', 'nfc', 'localServices', 'hce', 'audio',
      'authSetting', 'subscriptions', 'payment', 'nodes'], 'the example shows every key');
});
