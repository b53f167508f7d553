'use strict';
// The "media" category: its APIs, one file per subsystem under
// apis/media/, in this order (the registry keeps it): the recorder manager,
// the audio players, the old voice functions, images and videos, VoIP, the
// contexts of components.

const SUBSYSTEMS = [
  require('./media/recorder'),
  require('./media/players'),
  require('./media/voice'),
  require('./media/images'),
  require('./media/voip'),
  require('./media/contexts'),
];

const entries = SUBSYSTEMS.flatMap((s) => s.entries);

module.exports = { entries };
