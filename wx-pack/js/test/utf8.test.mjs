// The UTF-8 TextEncoder/TextDecoder of utf8.cjs, held to Node's own (WHATWG) implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { TextEncoder as NodeEncoder, TextDecoder as NodeDecoder } from 'node:util';

import { utf8FunctionSource } from '../adapt.mjs';

const require = createRequire(import.meta.url);
// Both the file and the copy adapt.mjs inlines into the glue (comments stripped).
const IMPLEMENTATIONS = [
  ['utf8.cjs', require('../utf8.cjs')()],
  ['inlined', new Function(`return (${utf8FunctionSource()})();`)()],
];

const STRINGS = [
  '',
  'hello, world',
  '\u0000\u007f\u0080\u07ff\u0800\uffff',
  'café naïve Ωμέγα',
  '你好，世界；微信小程序插件',
  '日本語のテキストと한국어',
  '🦀 crab, 👍🏽 thumbs, 👨‍👩‍👧‍👦 family, 🇨🇳 flag',
  '\ud83d\ude00\ud800\udc00\udbff\udfff', // U+1F600, U+10000, U+10FFFF
  '\ufeffBOM first',
  'lone high \ud800 here',
  'lone low \udc00 here',
  'reversed \udc00\ud800 pair',
  'high at end \ud83d',
  '\udfff',
  'mixed 🦀 \ud800 中 \udc00 é',
  'x'.repeat(10000) + '中'.repeat(10000) + '😀'.repeat(10000),
];

// Deterministic pseudo-random numbers (xorshift32).
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const INTERESTING = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xa0, 0x9f, 0xed, 0xef, 0xf0, 0x90, 0x8f, 0xf4, 0xf5, 0xff, 0xfe, 0xbb];

function randomBytes(next, maxLen) {
  const len = Math.floor(next() * (maxLen + 1));
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = next() < 0.7 ? INTERESTING[Math.floor(next() * INTERESTING.length)] : Math.floor(next() * 256);
  return out;
}

function randomString(next, maxLen) {
  const units = [];
  const len = Math.floor(next() * (maxLen + 1));
  for (let i = 0; i < len; i++) {
    const r = next();
    if (r < 0.3) units.push(Math.floor(next() * 0x80));
    else if (r < 0.5) units.push(0x80 + Math.floor(next() * 0x780));
    else if (r < 0.7) units.push(0x800 + Math.floor(next() * 0xd000));
    else if (r < 0.9) {
      const cp = 0x10000 + Math.floor(next() * 0x100000) - 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else units.push(0xd800 + Math.floor(next() * 0x800)); // lone surrogate
  }
  return String.fromCharCode(...units);
}

for (const [label, { TextEncoder, TextDecoder }] of IMPLEMENTATIONS) {
  test(`${label}: encode matches Node for BMP, CJK, emoji and lone surrogates`, () => {
    const ours = new TextEncoder();
    const node = new NodeEncoder();
    assert.equal(ours.encoding, 'utf-8');
    for (const s of STRINGS) assert.deepEqual([...ours.encode(s)], [...node.encode(s)], JSON.stringify(s.slice(0, 40)));
    assert.deepEqual([...ours.encode()], []);
    assert.ok(ours.encode('a') instanceof Uint8Array);
    const next = rng(7);
    for (let i = 0; i < 2000; i++) {
      const s = randomString(next, 12);
      assert.deepEqual([...ours.encode(s)], [...node.encode(s)], JSON.stringify(s));
    }
  });

  test(`${label}: encodeInto matches Node for every destination size`, () => {
    const ours = new TextEncoder();
    const node = new NodeEncoder();
    const samples = STRINGS.filter((s) => s.length < 200).concat(['a🦀b', '中\ud800', '😀😀']);
    for (const s of samples) {
      const full = node.encode(s).length;
      for (let size = 0; size <= full + 2; size++) {
        const a = new Uint8Array(size).fill(0xaa);
        const b = new Uint8Array(size).fill(0xaa);
        const ra = ours.encodeInto(s, a);
        const rb = node.encodeInto(s, b);
        assert.deepEqual({ read: ra.read, written: ra.written }, { read: rb.read, written: rb.written }, `${JSON.stringify(s)} into ${size}`);
        assert.deepEqual([...a], [...b], `${JSON.stringify(s)} into ${size}`);
      }
    }
    // Writes into a view at an offset, as wasm-bindgen's glue does into wasm memory.
    const memory = new Uint8Array(32);
    const view = memory.subarray(5, 20);
    const r = ours.encodeInto('héllo 🦀', view);
    assert.deepEqual(r, { read: 8, written: 11 });
    assert.equal(new NodeDecoder().decode(memory.subarray(5, 16)), 'héllo 🦀');
  });

  test(`${label}: decode round-trips what encode wrote`, () => {
    const enc = new TextEncoder();
    const dec = new TextDecoder('utf-8', { ignoreBOM: true });
    for (const s of STRINGS) {
      const wellFormed = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
      assert.equal(dec.decode(enc.encode(s)), wellFormed);
    }
  });

  test(`${label}: decode matches Node on valid and invalid bytes, with and without BOM handling`, () => {
    const next = rng(42);
    const cases = [
      [],
      [0xef, 0xbb, 0xbf, 0x41],
      [0xef, 0xbb, 0xbf],
      [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
      [0xc0, 0x80], // overlong
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // encoded surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf0, 0x9f, 0xa6], // truncated emoji
      [0xf0, 0x9f, 0xa6, 0x41],
      [0xe4, 0xbd, 0xa0, 0xe5, 0xa5],
      [0x80, 0x80, 0xff, 0xfe],
    ];
    for (let i = 0; i < 3000; i++) cases.push([...randomBytes(next, 16)]);
    for (const bytes of cases) {
      for (const ignoreBOM of [false, true]) {
        const ours = new TextDecoder('utf-8', { ignoreBOM });
        const node = new NodeDecoder('utf-8', { ignoreBOM });
        assert.equal(ours.decode(new Uint8Array(bytes)), node.decode(new Uint8Array(bytes)), `${bytes} ignoreBOM=${ignoreBOM}`);
        // fatal: throws exactly when Node's does, with a TypeError.
        const oursFatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM });
        const nodeFatal = new NodeDecoder('utf-8', { fatal: true, ignoreBOM });
        let expected;
        try {
          expected = nodeFatal.decode(new Uint8Array(bytes));
        } catch {
          expected = TypeError;
        }
        if (expected === TypeError) assert.throws(() => oursFatal.decode(new Uint8Array(bytes)), TypeError, `${bytes}`);
        else assert.equal(oursFatal.decode(new Uint8Array(bytes)), expected, `${bytes}`);
      }
    }
  });

  test(`${label}: streaming decode matches Node when input is split anywhere`, () => {
    const next = rng(99);
    const enc = new NodeEncoder();
    for (let i = 0; i < 500; i++) {
      const bytes = next() < 0.5 ? enc.encode(randomString(next, 10)) : randomBytes(next, 14);
      const cut1 = Math.floor(next() * (bytes.length + 1));
      const cut2 = cut1 + Math.floor(next() * (bytes.length - cut1 + 1));
      const parts = [bytes.subarray(0, cut1), bytes.subarray(cut1, cut2), bytes.subarray(cut2)];
      const ours = new TextDecoder();
      const node = new NodeDecoder();
      let a = '';
      let b = '';
      for (const p of parts) {
        a += ours.decode(p, { stream: true });
        b += node.decode(p, { stream: true });
      }
      a += ours.decode();
      b += node.decode();
      assert.equal(a, b, `${[...bytes]} cut at ${cut1},${cut2}`);
    }
  });

  test(`${label}: decode accepts ArrayBuffer, views at offsets, DataView and nothing`, () => {
    const dec = new TextDecoder();
    const bytes = new NodeEncoder().encode('xx你好🦀yy');
    assert.equal(dec.decode(bytes.buffer), 'xx你好🦀yy');
    assert.equal(dec.decode(bytes.subarray(2, bytes.length - 2)), '你好🦀');
    assert.equal(dec.decode(new DataView(bytes.buffer, 2, 6)), '你好');
    assert.equal(dec.decode(), '');
    assert.equal(dec.decode(undefined), '');
    assert.throws(() => dec.decode('text'), TypeError);
  });

  test(`${label}: labels and options`, () => {
    for (const label of [undefined, 'utf-8', 'UTF-8', ' utf8 ', 'unicode-1-1-utf-8']) assert.equal(new TextDecoder(label).encoding, 'utf-8');
    for (const label of ['latin1', 'utf-16le', 'ascii', '']) assert.throws(() => new TextDecoder(label), RangeError);
    const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    assert.equal(d.fatal, true);
    assert.equal(d.ignoreBOM, true);
    assert.equal(new TextDecoder().fatal, false);
    // wasm-bindgen's glue primes its decoder with an empty call.
    const primed = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
    assert.equal(primed.decode(), '');
    assert.equal(primed.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), '\ufeffa');
    assert.throws(() => TextDecoder(), TypeError);
    assert.throws(() => TextEncoder(), TypeError);
  });
}

test('polyfill source is ES5', async () => {
  const acorn = await import('acorn');
  const fs = await import('node:fs');
  const source = fs.readFileSync(new URL('../utf8.cjs', import.meta.url), 'utf8');
  assert.doesNotThrow(() => acorn.parse(source, { ecmaVersion: 5, sourceType: 'script' }));
});
