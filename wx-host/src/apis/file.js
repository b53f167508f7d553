'use strict';
// The "file" category: its APIs, one file per subsystem under apis/file/:
// the FileSystemManager (its methods are src/files/methods.js, on the
// plugin's files, src/files/sandbox.js) and the document viewer / PC save.

const SUBSYSTEMS = [
  require('./file/manager'),
  require('./file/documents'),
];

const entries = SUBSYSTEMS.flatMap((s) => s.entries);

module.exports = { entries };
