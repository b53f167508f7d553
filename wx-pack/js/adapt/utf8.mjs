// utf8.mjs — the UTF-8 TextEncoder/TextDecoder that commonjs.mjs puts into a module that uses
// them (WeChat phones have neither): the `wxPackUtf8` function of ../utf8.cjs, its comments
// and blank lines left out.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acorn, AdaptError } from './ast.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

let utf8Source;
/** The source text of the `wxPackUtf8` function in utf8.cjs. */
export function utf8FunctionSource() {
  if (utf8Source === undefined) {
    const text = readFileSync(join(HERE, '..', 'utf8.cjs'), 'utf8');
    const comments = [];
    const ast = acorn.parse(text, { ecmaVersion: 5, sourceType: 'script', onComment: comments });
    const fn = ast.body.find((s) => s.type === 'FunctionDeclaration' && s.id.name === 'wxPackUtf8');
    if (!fn) throw new AdaptError('utf8.cjs has no wxPackUtf8 function');
    // Its comments (by their parsed ranges) and blank lines stay in utf8.cjs: plugins pay for size.
    let code = '';
    let at = fn.start;
    for (const c of comments.filter((c) => c.start >= fn.start && c.end <= fn.end)) {
      code += text.slice(at, c.start) + (c.type === 'Block' ? ' ' : '');
      at = c.end;
    }
    code += text.slice(at, fn.end);
    utf8Source = code
      .split('\n')
      .map((line) => line.replace(/\s+$/, ''))
      .filter((line) => line !== '')
      .join('\n');
  }
  return utf8Source;
}
