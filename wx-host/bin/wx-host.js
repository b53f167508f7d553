#!/usr/bin/env node
'use strict';
const { main } = require('../src/cli');

main(process.argv.slice(2)).then((code) => {
  // Exit explicitly: a plugin's leftover intervals must not keep us alive.
  process.stdout.write('', () => process.exit(code));
});
