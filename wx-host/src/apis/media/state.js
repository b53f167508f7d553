'use strict';
// The media category's own state (host.state.media): how many scenario
// images and videos were picked, a count for temp file names (picks,
// compressions, photos of the camera context) and what is known of each
// video file.

/** host.state.media, made on first use. */
function mediaState(env) {
  return env.state.media || (env.state.media = { images: 0, videos: 0, files: 0, videoInfo: new Map(), album: [], previews: [] });
}

module.exports = { mediaState };
