// A small, dependency-free UTF-8 `TextEncoder` / `TextDecoder` for WeChat.
//
// WeChat phones have no `TextEncoder` / `TextDecoder` (DevTools does, which hides the
// problem), and wasm-bindgen's glue needs both at load time. `adapt.mjs` copies the
// `wxPackUtf8` function below, verbatim, into every adapted glue module and binds its
// result to local `TextEncoder` / `TextDecoder` names, so the glue always uses this code,
// on DevTools and on phones alike.
//
// It follows the WHATWG Encoding Standard for UTF-8 only:
// - `TextEncoder#encode(string)` and `#encodeInto(string, Uint8Array)`; lone surrogates
//   are encoded as U+FFFD, `encodeInto` never writes a partial character;
// - `new TextDecoder(label = 'utf-8', { fatal, ignoreBOM })` accepts only UTF-8 labels;
//   `decode(bytes, { stream })` replaces each maximal ill-formed subpart with U+FFFD
//   (or throws a `TypeError` when `fatal`), strips one leading BOM unless `ignoreBOM`,
//   and keeps an incomplete trailing sequence for the next call when `stream` is true.
//
// Written in ES5 on purpose: it must parse on the oldest base libraries.
/* eslint-disable no-var */
function wxPackUtf8() {
  'use strict';

  function toStr(input) {
    return input === undefined ? '' : String(input);
  }

  // The UTF-8 bytes of `str`, as a plain array of numbers.
  function encodeString(str) {
    var bytes = [];
    var n = str.length;
    for (var i = 0; i < n; i++) {
      var c = str.charCodeAt(i);
      if (c < 0x80) {
        bytes.push(c);
        continue;
      }
      if (c < 0x800) {
        bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        var d = i + 1 < n ? str.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          var cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
          i++;
          continue;
        }
        c = 0xfffd; // lone surrogate
      }
      bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
    return bytes;
  }

  function TextEncoder() {
    if (!(this instanceof TextEncoder)) {
      throw new TypeError("Failed to construct 'TextEncoder': Please use the 'new' operator");
    }
  }
  TextEncoder.prototype.encoding = 'utf-8';
  TextEncoder.prototype.encode = function encode(input) {
    return new Uint8Array(encodeString(toStr(input)));
  };
  TextEncoder.prototype.encodeInto = function encodeInto(input, dest) {
    var str = toStr(input);
    var n = str.length;
    var cap = dest.length;
    var read = 0;
    var written = 0;
    while (read < n) {
      var c = str.charCodeAt(read);
      if (c < 0x80) {
        if (written + 1 > cap) break;
        dest[written++] = c;
      } else if (c < 0x800) {
        if (written + 2 > cap) break;
        dest[written++] = 0xc0 | (c >> 6);
        dest[written++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          var d = read + 1 < n ? str.charCodeAt(read + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            if (written + 4 > cap) break;
            var cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            dest[written++] = 0xf0 | (cp >> 18);
            dest[written++] = 0x80 | ((cp >> 12) & 0x3f);
            dest[written++] = 0x80 | ((cp >> 6) & 0x3f);
            dest[written++] = 0x80 | (cp & 0x3f);
            read += 2;
            continue;
          }
          c = 0xfffd; // lone surrogate
        }
        if (written + 3 > cap) break;
        dest[written++] = 0xe0 | (c >> 12);
        dest[written++] = 0x80 | ((c >> 6) & 0x3f);
        dest[written++] = 0x80 | (c & 0x3f);
      }
      read += 1;
    }
    return { read: read, written: written };
  };

  var LABELS = ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'];

  function TextDecoder(label, options) {
    if (!(this instanceof TextDecoder)) {
      throw new TypeError("Failed to construct 'TextDecoder': Please use the 'new' operator");
    }
    var name = label === undefined ? 'utf-8' : String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
    if (LABELS.indexOf(name) < 0) {
      throw new RangeError("The encoding label provided ('" + label + "') is not supported by this UTF-8-only TextDecoder");
    }
    options = options || {};
    this.encoding = 'utf-8';
    this.fatal = !!options.fatal;
    this.ignoreBOM = !!options.ignoreBOM;
    this._pending = [];
    this._bomSeen = false;
  }

  function toBytes(input) {
    if (input === undefined || input === null) return new Uint8Array(0);
    if (input instanceof Uint8Array) return input;
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    // Cross-realm buffers (another context's ArrayBuffer or typed array).
    if (input && typeof input.byteLength === 'number') {
      if (typeof input.byteOffset === 'number' && input.buffer) {
        return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      }
      return new Uint8Array(input);
    }
    throw new TypeError("The provided value is not of type '(ArrayBuffer or ArrayBufferView)'");
  }

  TextDecoder.prototype.decode = function decode(input, options) {
    var stream = !!(options && options.stream);
    var bytes = toBytes(input);
    if (this._pending.length) {
      var joined = new Uint8Array(this._pending.length + bytes.length);
      joined.set(this._pending, 0);
      joined.set(bytes, this._pending.length);
      bytes = joined;
      this._pending = [];
    }
    var fatal = this.fatal;
    var units = [];
    var chunks = [];
    var n = bytes.length;
    var i = 0;
    // The WHATWG UTF-8 decoder: code point, bytes needed/seen, and the allowed range of
    // the next continuation byte; an unexpected byte ends the ill-formed subpart (one
    // U+FFFD) and is then processed again from the start state.
    var cp = 0;
    var needed = 0;
    var seen = 0;
    var lower = 0x80;
    var upper = 0xbf;
    var seqStart = 0;
    function error() {
      if (fatal) throw new TypeError('The encoded data was not valid UTF-8');
      units.push(0xfffd);
    }
    function flush() {
      if (units.length) {
        chunks.push(String.fromCharCode.apply(null, units));
        units = [];
      }
    }
    while (i < n) {
      var b = bytes[i];
      if (needed === 0) {
        seqStart = i;
        if (b <= 0x7f) {
          units.push(b);
        } else if (b >= 0xc2 && b <= 0xdf) {
          needed = 1;
          cp = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          if (b === 0xed) upper = 0x9f;
          needed = 2;
          cp = b & 0xf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          if (b === 0xf4) upper = 0x8f;
          needed = 3;
          cp = b & 0x7;
        } else {
          error();
        }
        i++;
      } else if (b < lower || b > upper) {
        cp = needed = seen = 0;
        lower = 0x80;
        upper = 0xbf;
        error(); // do not consume b: it starts over
      } else {
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (b & 0x3f);
        seen++;
        i++;
        if (seen === needed) {
          if (cp >= 0x10000) {
            cp -= 0x10000;
            units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
          } else {
            units.push(cp);
          }
          cp = needed = seen = 0;
        }
      }
      if (units.length >= 8192) flush();
    }
    if (needed !== 0) {
      if (stream) {
        for (var k = seqStart; k < n; k++) this._pending.push(bytes[k]);
      } else {
        error();
      }
    }
    flush();
    var out = chunks.join('');
    if (!this.ignoreBOM && !this._bomSeen && out.length) {
      this._bomSeen = true;
      if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
    }
    if (!stream) {
      this._bomSeen = false;
      this._pending = [];
    }
    return out;
  };

  return { TextEncoder: TextEncoder, TextDecoder: TextDecoder };
}

if (typeof module !== 'undefined' && module.exports) {
  module.exports = wxPackUtf8;
}
