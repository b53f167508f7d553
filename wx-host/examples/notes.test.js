// A mini-program's own test of a plugin, run with `node --test`: the
// plugin folder runs in wx-host at a chosen base library, its exports are
// called, and the trace of its wx calls is asserted on.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { runPlugin } = require('wx-host');

test('a saved note is stored and announced', async () => {
  const report = await runPlugin({
    pluginDir: path.join(__dirname, 'notes-plugin'),
    baseVersion: '2.18.1',
    calls: [{ export: 'save', args: ['milk'] }, { export: 'save', args: ['  '] }],
  });
  assert.deepEqual(report.calls[0], { export: 'save', args: ['milk'], ok: true, result: 1 });
  assert.equal(report.calls[1].ok, false);
  assert.match(report.calls[1].error, /a note needs some text/);
  const stored = report.trace.find((t) => t.api === 'setStorageSync');
  assert.deepEqual(stored.args, ['notes', ['milk']]);
  const toast = report.trace.find((t) => t.api === 'showToast');
  assert.equal(toast.args[0].title, '1 notes');
  assert.equal(toast.outcome, 'success');
});
