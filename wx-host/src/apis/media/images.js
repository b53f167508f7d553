'use strict';
// Images and videos: the scenario's `images` / `videos` are what the user
// picks, in order (one queue each); each pick is written into the plugin's temp files as a real
// file: a PNG of that size (grey), or a JPEG / GIF whose header says that
// size; a video of `size` zero bytes. getImageInfo reads the size from the
// file's header (PNG, JPEG, GIF), for temp and user files and the plugin's
// own package files. With nothing left to pick the user cancels.

const fs = require('node:fs');
const path = require('node:path');
const { fail } = require('../../errors');
const { typeName, needString, needEnum, needArray } = require('../../validate');
const { jpegBytes } = require('../../codecs/jpeg');
const { IMAGE_MAKERS, EXT, imageSize } = require('../../codecs/image');
const { mediaState } = require('./state');

const entries = [];

/** Writes the next picked image as a temp file: { path, size, width, height, type }. */
function pickImage(env, compressed) {
  const m = mediaState(env);
  const list = env.scenario.images || [];
  if (m.images >= list.length) return null;
  const img = list[m.images++];
  const type = img.type || 'png';
  m.files += 1;
  const base = (img.name || `image-${m.files}.${EXT[type]}`).replace(/[\\/]/g, '_');
  const bytes = IMAGE_MAKERS[type](img.width, img.height);
  const p = env.files.writeTempNamed(`pick-${m.files}-${base}`, bytes);
  return { path: p, size: img.size ?? bytes.length, width: img.width, height: img.height, type, compressed };
}
function pickVideo(env) {
  const m = mediaState(env);
  const list = env.scenario.videos || [];
  if (m.videos >= list.length) return null;
  const v = list[m.videos++];
  m.files += 1;
  const base = (v.name || `video-${m.files}.mp4`).replace(/[\\/]/g, '_');
  const size = v.size ?? 0;
  const p = env.files.writeTempNamed(`pick-${m.files}-${base}`, Buffer.alloc(size));
  const thumb = env.files.writeTempNamed(`pick-${m.files}-thumb.jpg`, jpegBytes(v.width, v.height));
  const info = { duration: v.duration, height: v.height, size, width: v.width, thumb };
  m.videoInfo.set(p, info);
  return { path: p, ...info };
}
function checkCount(o, max) {
  if (o.count === undefined) return max;
  if (typeof o.count !== 'number') throw fail(`parameter error: parameter.count should be Number instead of ${typeName(o.count)};`);
  return Math.max(1, Math.min(max, Math.floor(o.count)));
}
/** The real file behind a local path: user or temp files, or the plugin's own package files. */
function localFile(env, src) {
  if (src.startsWith('wxfile://')) return env.files.locate(src).real;
  if (/^[a-z]+:\/\//i.test(src)) return null;
  const root = env.pluginRoot();
  if (!root) return null;
  const real = path.resolve(root, src.replace(/^\/+/, ''));
  return real.startsWith(root) ? real : null;
}
function readLocal(env, src, api) {
  const real = localFile(env, src);
  if (!real || !fs.existsSync(real) || !fs.statSync(real).isFile()) throw fail(`file not exist ${src}`);
  void api;
  return fs.readFileSync(real);
}

entries.push(
  {
    name: 'chooseImage',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const count = checkCount(o, 9);
      const picked = [];
      for (let i = 0; i < count; i++) { const img = pickImage(env); if (!img) break; picked.push(img); }
      if (!picked.length) throw fail('cancel');
      return { tempFilePaths: picked.map((p) => p.path), tempFiles: picked.map((p) => ({ path: p.path, size: p.size })) };
    },
  },
  {
    name: 'chooseMedia',
    kind: 'async',
    simulated: 'scripted',
    // mediaType ['image'] picks images, ['video'] videos, both (the default) images first, then videos.
    impl: (o, env) => {
      const count = checkCount(o, 9);
      const types = o.mediaType === undefined ? ['image', 'video'] : needArray(o, 'mediaType');
      for (const t of types) if (!['image', 'video', 'mix'].includes(t)) throw fail(`parameter error: parameter.mediaType should be one of image, video, mix instead of ${JSON.stringify(t)};`);
      const wantImage = types.includes('image') || types.includes('mix');
      const wantVideo = types.includes('video') || types.includes('mix');
      const files = [];
      while (files.length < count) {
        const img = wantImage ? pickImage(env) : null;
        if (img) {
          files.push({ duration: 0, fileType: 'image', height: img.height, size: img.size, tempFilePath: img.path, thumbTempFilePath: '', width: img.width });
          continue;
        }
        const v = wantVideo ? pickVideo(env) : null;
        if (!v) break;
        files.push({ duration: v.duration, fileType: 'video', height: v.height, size: v.size, tempFilePath: v.path, thumbTempFilePath: v.thumb, width: v.width });
      }
      if (!files.length) throw fail('cancel');
      const kinds = new Set(files.map((f) => f.fileType));
      return { tempFiles: files, type: kinds.size > 1 ? 'mix' : [...kinds][0] };
    },
  },
  {
    name: 'chooseVideo',
    kind: 'async',
    simulated: 'scripted',
    impl: (o, env) => {
      const v = pickVideo(env);
      if (!v) throw fail('cancel');
      return { duration: v.duration, height: v.height, size: v.size, tempFilePath: v.path, width: v.width };
    },
  },
  {
    name: 'getImageInfo',
    kind: 'async',
    simulated: 'real',
    impl: (o, env) => {
      const src = needString(o, 'src');
      const info = imageSize(readLocal(env, src, 'getImageInfo'));
      if (!info) throw fail('invalid image');
      return { height: info.height, orientation: 'up', path: src, type: info.type, width: info.width };
    },
  },
  {
    name: 'compressImage',
    kind: 'async',
    simulated: 'stateful',
    // A new temp file of the same kind; compressedWidth / compressedHeight scale it (keeping the ratio when one is given).
    impl: (o, env) => {
      const src = needString(o, 'src');
      if (o.quality !== undefined && !(typeof o.quality === 'number' && o.quality >= 0 && o.quality <= 100)) throw fail(`parameter error: parameter.quality should be between 0 and 100 instead of ${JSON.stringify(o.quality)};`);
      const info = imageSize(readLocal(env, src, 'compressImage'));
      if (!info) throw fail('invalid image');
      let { width, height } = info;
      if (o.compressedWidth && o.compressedHeight) { width = o.compressedWidth; height = o.compressedHeight; }
      else if (o.compressedWidth) { height = Math.round((height * o.compressedWidth) / width); width = o.compressedWidth; }
      else if (o.compressedHeight) { width = Math.round((width * o.compressedHeight) / height); height = o.compressedHeight; }
      const m = mediaState(env);
      m.files += 1;
      return { tempFilePath: env.files.writeTempNamed(`compressed-${m.files}.${EXT[info.type]}`, IMAGE_MAKERS[info.type](width, height)) };
    },
  },
  {
    name: 'previewImage',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const urls = Array.from(needArray(o, 'urls'), String);
      if (o.current !== undefined && typeof o.current !== 'string') throw fail(`parameter error: parameter.current should be String instead of ${typeName(o.current)};`);
      env.ui.previews.push({ urls, current: o.current ?? urls[0] ?? '' });
    },
  },
  {
    name: 'previewMedia',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const sources = Array.from(needArray(o, 'sources'), (x) => ({ url: String(x && x.url), type: (x && x.type) || 'image' }));
      env.ui.previews.push({ sources, current: o.current ?? 0 });
    },
  },
  {
    name: 'saveImageToPhotosAlbum',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { const filePath = needString(o, 'filePath'); readLocal(env, filePath); env.ui.album.push({ kind: 'image', filePath }); },
  },
  {
    name: 'saveVideoToPhotosAlbum',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => { const filePath = needString(o, 'filePath'); readLocal(env, filePath); env.ui.album.push({ kind: 'video', filePath }); },
  },
  {
    name: 'getVideoInfo',
    kind: 'async',
    simulated: 'scripted',
    // What the scenario said of a picked video; other files: their size, the rest 0.
    impl: (o, env) => {
      const src = needString(o, 'src');
      const bytes = readLocal(env, src);
      const v = mediaState(env).videoInfo.get(src) || { duration: 0, height: 0, width: 0, size: bytes.length };
      return { bitrate: v.duration ? Math.round((v.size * 8) / v.duration / 1000) : 0, duration: v.duration, fps: 30, height: v.height, orientation: 'up', size: Math.round(v.size / 1024), type: 'mp4', width: v.width };
    },
  },
  {
    name: 'compressVideo',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      const src = needString(o, 'src');
      for (const k of ['bitrate', 'fps', 'resolution']) {
        if (o.quality === undefined && typeof o[k] !== 'number') throw fail(`parameter error: parameter.${k} should be Number instead of ${typeName(o[k])};`);
      }
      needEnum(o, 'quality', ['low', 'medium', 'high']);
      const bytes = readLocal(env, src);
      const m = mediaState(env);
      m.files += 1;
      const size = Math.floor(bytes.length / 2);
      const tempFilePath = env.files.writeTempNamed(`compressed-${m.files}.mp4`, Buffer.alloc(size));
      const info = m.videoInfo.get(src);
      if (info) m.videoInfo.set(tempFilePath, { ...info, size });
      return { size: Math.round(size / 1024), tempFilePath };
    },
  },
  {
    name: 'openVideoEditor',
    kind: 'async',
    simulated: 'scripted',
    // The user keeps the video as it is: a copy, and a thumbnail.
    impl: (o, env) => {
      const filePath = needString(o, 'filePath');
      const bytes = readLocal(env, filePath);
      const m = mediaState(env);
      m.files += 1;
      const info = m.videoInfo.get(filePath) || { duration: 0, width: 0, height: 0 };
      const tempFilePath = env.files.writeTempNamed(`edited-${m.files}.mp4`, bytes);
      const tempThumbPath = env.files.writeTempNamed(`edited-${m.files}-thumb.jpg`, jpegBytes(info.width || 1, info.height || 1));
      m.videoInfo.set(tempFilePath, { ...info, size: bytes.length });
      return { duration: info.duration * 1000, size: bytes.length, tempFilePath, tempThumbPath };
    },
  },
);

module.exports = { entries };
