'use strict';
// openDocument (a viewer) and saveFileToDisk (PC's save dialog): the file
// must exist; recorded in host.ui.opened. fileType, when given, must be one
// the typings list.

const fs = require('node:fs');
const { fail } = require('../../errors');
const { needPath } = require('../../files/args');

const DOC_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];
function existing(env, o) {
  const p = needPath(o, 'filePath');
  const { real } = env.files.locate(p);
  if (!fs.existsSync(real) || !fs.statSync(real).isFile()) throw fail(`file not exist ${p}`);
  return p;
}
const entries = [
  {
    name: 'openDocument',
    kind: 'async',
    simulated: 'stateful',
    impl: (o, env) => {
      if (o.fileType !== undefined && !DOC_TYPES.includes(o.fileType)) throw fail(`parameter error: parameter.fileType should be one of ${DOC_TYPES.join(', ')} instead of ${JSON.stringify(o.fileType)};`);
      const p = existing(env, o);
      env.ui.opened.push({ document: p, fileType: o.fileType ?? (p.split('.').pop() || ''), showMenu: o.showMenu === true });
    },
  },
  { name: 'saveFileToDisk', kind: 'async', simulated: 'stateful', impl: (o, env) => { env.ui.opened.push({ savedToDisk: existing(env, o) }); } },
];

module.exports = { entries };
