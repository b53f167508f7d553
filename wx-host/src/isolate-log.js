'use strict';
// The progress log runPluginIsolated's worker writes and the main thread
// reads once the worker has been stopped: JSON lines in a growable
// SharedArrayBuffer. Writing costs the worker a JSON.stringify per entry and
// the main thread nothing until it reads.

// Header: [bytes of text written, 1 when an entry did not fit].
const HEADER = 8;
const INITIAL_BYTES = 1 << 20;
// Past this the log keeps what it has and says it is full; a run that
// writes this much is logging without end.
const MAX_BYTES = 256 << 20;

/** A fresh log, to hand to the worker (workerData) and to readLog. */
function createLog(maxBytes = MAX_BYTES) {
  return new SharedArrayBuffer(HEADER + INITIAL_BYTES, { maxByteLength: HEADER + maxBytes });
}

/** The worker's side: append(entry) writes one JSON line. */
function openLog(sab) {
  const header = new Int32Array(sab, 0, 2);
  const bytes = new Uint8Array(sab); // tracks the buffer's length as it grows
  const encoder = new TextEncoder();
  return {
    append(entry) {
      if (Atomics.load(header, 1)) return;
      let text;
      try {
        text = `${JSON.stringify(entry)}\n`;
      } catch {
        return; // not JSON (the report itself is jsonSafe; this is belt and braces)
      }
      const at = HEADER + Atomics.load(header, 0);
      for (;;) {
        const { read, written } = encoder.encodeInto(text, bytes.subarray(at));
        if (read === text.length) {
          Atomics.store(header, 0, at + written - HEADER);
          return;
        }
        // At most 3 bytes per UTF-16 unit: grow to fit, doubling, within the maximum.
        const want = Math.max(sab.byteLength * 2, at + text.length * 3);
        if (sab.byteLength >= sab.maxByteLength) { Atomics.store(header, 1, 1); return; }
        sab.grow(Math.min(want, sab.maxByteLength));
      }
    },
  };
}

/** The main thread's side: { entries, full } once the worker is done writing. */
function readLog(sab) {
  const header = new Int32Array(sab, 0, 2);
  const length = Atomics.load(header, 0);
  const text = Buffer.from(sab, HEADER, length).toString('utf8');
  const entries = [];
  for (const line of text.split('\n')) if (line) entries.push(JSON.parse(line));
  return { entries, full: Atomics.load(header, 1) === 1 };
}

module.exports = { createLog, openLog, readLog };
