// Runs a plugin's `__wx_components()` once, at build time, on the package's own artifacts
// (docs/component-protocol.md §1-2), and prints {"shape": "<the JSON string it returned>"}.
//
//   node components.mjs '<spec JSON>'
//
// spec: { dir, glue, code, mode: "wasm" | "wasm2js", glueImportName, startCalls, exportName }
// — `dir` holds the adapted glue (`glue`), its snippets and the code: wasm2js mode, the JS
// module (`code`); wasm mode, the optimised `.wasm` before brotli. They are wired up as
// wx-pack's index.js wires them (templates/index.js), with Node's WebAssembly standing in for
// WXWebAssembly. There is no `wx` here: any use of it throws, naming the member.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { GUARD, ON_MEMORY_GROW, RESET_MEMORY_VIEWS } from './adapt/protocol.mjs';

const spec = JSON.parse(process.argv[2]);
const require = createRequire(path.join(spec.dir, 'describe.cjs'));

const noWx = (member) => {
  throw new Error(
    `${member} was used while wx-pack ran ${spec.exportName}() at build time, where no wx exists: ` +
      `the components' shape (and a #[wasm_bindgen(start)] function, which runs first) must not call wx`,
  );
};
globalThis.wx = new Proxy(Object.create(null), {
  get: (_, key) => noWx(`wx.${String(key)}`),
  has: (_, key) => noWx(`'${String(key)}' in wx`),
  set: (_, key) => noWx(`wx.${String(key)} = …`),
});

function start(glue, wasm) {
  wasm = glue[GUARD](wasm);
  glue.__wbg_set_wasm(wasm);
  for (const call of spec.startCalls) {
    if (call !== '__wbindgen_start') wasm[call]();
  }
  if (typeof wasm.__wbindgen_start === 'function') wasm.__wbindgen_start();
}

try {
  const glue = require(`./${spec.glue}`);
  if (spec.mode === 'wasm2js') {
    const wasm = require(`./${spec.code}`);
    wasm[ON_MEMORY_GROW](glue[RESET_MEMORY_VIEWS]);
    start(glue, wasm);
  } else {
    const bytes = fs.readFileSync(path.join(spec.dir, spec.code));
    const { instance } = await WebAssembly.instantiate(bytes, { [spec.glueImportName]: glue });
    start(glue, instance.exports);
  }
  if (typeof glue[spec.exportName] !== 'function') {
    throw new Error(`the glue has no function ${spec.exportName}`);
  }
  const shape = glue[spec.exportName]();
  if (typeof shape !== 'string') {
    throw new Error(`${spec.exportName}() returned ${typeof shape}, not a JSON string`);
  }
  process.stdout.write(`${JSON.stringify({ shape })}\n`);
} catch (e) {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}
