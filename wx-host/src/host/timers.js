'use strict';
// The plugin's timers: setTimeout / setInterval with WeChat's numeric ids,
// on the host's clock (wall or virtual), tracked so settle() can wait for
// them; on the virtual clock the plugin's Date follows the clock too.

/**
 * Installs the four timer functions in the plugin realm. Returns count()
 * (timers not fired or cleared) and clearAll() (for dispose()).
 */
function installTimers({ realm, clock, track, callPlugin }) {
  const timers = new Map();
  let timerSeq = 0;
  function addTimer(kind, fn, ms, args) {
    if (typeof fn !== 'function') throw realm.typeError(`${kind}: callback must be a function`);
    const id = ++timerSeq;
    const delay = Math.max(0, Number(ms) || 0);
    const label = kind === 'setInterval' ? `setInterval #${id} (every ${delay} ms)` : `setTimeout #${id} (${delay} ms)`;
    const done = track(label, { timer: true });
    const fire = () => {
      if (kind === 'setTimeout') { timers.delete(id); done(); }
      callPlugin(`${label} callback`, fn, ...args);
    };
    const handle = kind === 'setInterval' ? clock.setInterval(fire, delay) : clock.setTimeout(fire, delay);
    timers.set(id, { handle, done });
    return id;
  }
  function clearTimer(id) {
    const t = timers.get(id);
    if (!t) return;
    clock.clear(t.handle); // also clears intervals
    t.done();
    timers.delete(id);
  }
  // On the virtual clock the plugin's Date follows it too (from the wall time the host was made).
  if (clock.virtual) {
    const epoch = Date.now();
    realm.setNow(() => epoch + clock.now());
  }
  realm.install('setTimeout', function setTimeout(fn, ms, ...args) { return addTimer('setTimeout', fn, ms, args); });
  realm.install('setInterval', function setInterval(fn, ms, ...args) { return addTimer('setInterval', fn, ms, args); });
  realm.install('clearTimeout', function clearTimeout(id) { clearTimer(id); });
  realm.install('clearInterval', function clearInterval(id) { clearTimer(id); });
  return {
    count: () => timers.size,
    clearAll() { for (const id of [...timers.keys()]) clearTimer(id); },
  };
}

module.exports = { installTimers };
