'use strict';
// The "canvas" category. createCanvasContext gives a CanvasContext that
// records its drawing (host.state.canvases[canvasId].ops, each [method,
// args]; draw(reserve) ends a frame); canvasToTempFilePath writes a real
// PNG of the asked size (blank: nothing is rasterized); canvasGetImageData
// answers transparent pixels and canvasPutImageData keeps them.

const fs = require('node:fs');
const path = require('node:path');
const { fail } = require('../errors');
const { typeName, needString } = require('../validate');
const { realmBuffer } = require('../bytes');
const { makeObject } = require('../objects');
const { pngBytes } = require('../codecs/png');
const { imageSize } = require('../codecs/image');

const CANVAS_METHODS = ['arc', 'arcTo', 'beginPath', 'bezierCurveTo', 'clearRect', 'clip', 'closePath', 'drawImage', 'fill', 'fillRect', 'fillText',
  'lineTo', 'moveTo', 'quadraticCurveTo', 'rect', 'restore', 'rotate', 'save', 'scale', 'setFillStyle', 'setFontSize', 'setGlobalAlpha', 'setLineCap',
  'setLineDash', 'setLineJoin', 'setLineWidth', 'setMiterLimit', 'setShadow', 'setStrokeStyle', 'setTextAlign', 'setTextBaseline', 'setTransform',
  'stroke', 'strokeRect', 'strokeText', 'transform', 'translate'];
const CANVAS_FIELDS = { fillStyle: '#000000', font: '10px sans-serif', globalAlpha: 1, globalCompositeOperation: 'source-over', lineCap: 'butt',
  lineDashOffset: 0, lineJoin: 'miter', lineWidth: 1, miterLimit: 10, shadowBlur: 0, shadowColor: 'rgba(0, 0, 0, 0)', shadowOffsetX: 0,
  shadowOffsetY: 0, strokeStyle: '#000000' };

function canvas(env, id) {
  const all = env.state.canvases || (env.state.canvases = {});
  return all[id] || (all[id] = { ops: [], frames: 0, pixels: new Map() });
}

function canvasContext(env, canvasId) {
  const c = canvas(env, canvasId);
  let fontSize = 10;
  const methods = {};
  for (const m of CANVAS_METHODS) methods[m] = (args) => { c.ops.push([m, args.map((a) => (typeof a === 'object' && a !== null ? '[object]' : a))]); if (m === 'setFontSize') fontSize = Number(args[0]) || fontSize; };
  // A rough width: 0.6 em per character (no fonts here).
  methods.measureText = ([text]) => ({ width: String(text ?? '').length * fontSize * 0.6 });
  methods.draw = ([reserve, callback]) => {
    if (!reserve) c.ops = c.ops.filter(() => false);
    c.frames += 1;
    if (typeof callback === 'function') env.schedule('CanvasContext.draw callback', () => env.callPlugin('CanvasContext.draw callback', callback));
  };
  const { object } = makeObject(env, 'CanvasContext', methods);
  // Gradients and patterns: CanvasGradient.addColorStop is unsupported in plugins, so they have no methods.
  object.createLinearGradient = () => env.realm.object();
  object.createCircularGradient = () => env.realm.object();
  object.createPattern = () => env.realm.object();
  for (const [k, v] of Object.entries(CANVAS_FIELDS)) object[k] = v;
  return object;
}

function offscreenImage(env) {
  const image = env.realm.object();
  let src = '';
  image.width = 0;
  image.height = 0;
  image.onload = null;
  image.onerror = null;
  Object.defineProperty(image, 'src', {
    enumerable: true,
    get: () => src,
    set: (v) => {
      src = String(v);
      env.schedule('Image load', () => {
        let info = null;
        try {
          const real = src.startsWith('wxfile://') ? env.files.locate(src).real : env.pluginRoot() && path.resolve(env.pluginRoot(), src.replace(/^\/+/, ''));
          if (real && fs.existsSync(real)) info = imageSize(fs.readFileSync(real));
        } catch { info = null; }
        if (info) { image.width = info.width; image.height = info.height; env.callPlugin('Image.onload', image.onload); }
        else env.callPlugin('Image.onerror', image.onerror, env.realm.toRealm({ errMsg: `load image fail ${src}` }));
      });
    },
  });
  return image;
}

function needNumbers(o, fields) {
  for (const k of fields) if (typeof o[k] !== 'number') throw fail(`parameter error: parameter.${k} should be Number instead of ${typeName(o[k])};`);
}

const entries = [
  {
    name: 'createCanvasContext',
    kind: 'factory',
    simulated: 'stateful',
    impl: ([canvasId], env) => {
      if (typeof canvasId !== 'string') throw fail(`parameter error: canvasId should be String instead of ${typeName(canvasId)};`);
      return canvasContext(env, canvasId);
    },
  },
  {
    name: 'createOffscreenCanvas',
    kind: 'factory',
    simulated: 'stateful',
    // getContext('2d') gives a recording context (as createCanvasContext's, on the
    // canvas "offscreen-N"), other types null; createImage an image whose src,
    // once set to a user, temp or package file, loads it (width/height from its
    // header) and calls onload, else onerror.
    impl: ([options], env) => {
      const o = options && typeof options === 'object' ? options : {};
      env.state.offscreen = (env.state.offscreen || 0) + 1;
      const id = `offscreen-${env.state.offscreen}`;
      let ctx = null;
      const made = makeObject(env, 'OffscreenCanvas', {
        getContext: ([type]) => (type === '2d' ? (ctx = ctx || canvasContext(env, id)) : null),
        createImage: () => offscreenImage(env),
      });
      const object = made.object;
      object.width = typeof o.width === 'number' ? o.width : 300;
      object.height = typeof o.height === 'number' ? o.height : 150;
      return object;
    },
  },
  {
    name: 'canvasToTempFilePath',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      if (o.canvasId === undefined && o.canvas === undefined) throw fail('parameter error: parameter.canvasId should be String instead of Undefined;');
      if (o.fileType !== undefined && !['png', 'jpg'].includes(o.fileType)) throw fail(`parameter error: parameter.fileType should be one of png, jpg instead of ${JSON.stringify(o.fileType)};`);
      const width = Math.max(1, Math.round(o.destWidth ?? o.width ?? 300));
      const height = Math.max(1, Math.round(o.destHeight ?? o.height ?? 150));
      env.state.canvasFiles = (env.state.canvasFiles || 0) + 1;
      return { tempFilePath: env.files.writeTempNamed(`canvas-${env.state.canvasFiles}.png`, pngBytes(width, height)) };
    },
  },
  {
    name: 'canvasGetImageData',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const canvasId = needString(o, 'canvasId');
      needNumbers(o, ['x', 'y', 'width', 'height']);
      const c = canvas(env, canvasId);
      const data = new Uint8ClampedArray(realmBuffer(env.realm, Buffer.alloc(o.width * o.height * 4)));
      const put = c.pixels.get(`${o.x},${o.y},${o.width},${o.height}`);
      if (put) data.set(put);
      return { data, height: o.height, width: o.width };
    },
  },
  {
    name: 'canvasPutImageData',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const canvasId = needString(o, 'canvasId');
      needNumbers(o, ['x', 'y', 'width', 'height']);
      if (!o.data || typeof o.data.length !== 'number') throw fail(`parameter error: parameter.data should be Uint8ClampedArray instead of ${typeName(o.data)};`);
      if (o.data.length !== o.width * o.height * 4) throw fail('invalid data length');
      canvas(env, canvasId).pixels.set(`${o.x},${o.y},${o.width},${o.height}`, Uint8Array.from(o.data));
    },
  },
];

module.exports = { entries, CANVAS_METHODS };
