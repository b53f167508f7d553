'use strict';
// The image formats the host reads and writes, by the type names of
// getImageInfo ("png", "jpeg", "gif").

const { pngBytes, pngSize } = require('./png');
const { jpegBytes, jpegSize } = require('./jpeg');
const { gifBytes, gifSize } = require('./gif');

/** Makes an image of a type: (width, height) -> Buffer. */
const IMAGE_MAKERS = { png: pngBytes, jpeg: jpegBytes, gif: gifBytes };
/** The file extension of each type. */
const EXT = { png: 'png', jpeg: 'jpg', gif: 'gif' };

/** { width, height, type } from an image file's header (PNG, then GIF, then JPEG), or null. */
function imageSize(b) {
  for (const [type, size] of [['png', pngSize], ['gif', gifSize], ['jpeg', jpegSize]]) {
    const s = size(b);
    if (s) return { width: s.width, height: s.height, type };
  }
  return null;
}

module.exports = { IMAGE_MAKERS, EXT, imageSize };
