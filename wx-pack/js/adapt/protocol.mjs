// protocol.mjs — the `__wxpack_*` names wx-pack adds between the wasm module, the adapted
// glue, the adapted wasm2js output and index.js, on the Node side. The Rust side is
// wx-pack/src/protocol.rs (the module's exports, index.js's template); a Rust test holds the
// two to the same names.
//
//   __wxpack_stack_pointer()             the module's shadow-stack pointer (added by wasm.rs)
//   __wxpack_set_stack_pointer(sp)       puts it back (added by wasm.rs)
//   __wxpack_guard(exports)              glue: the wasm's exports, each call putting the stack
//                                        back when it throws; index.js calls it first
//   __wxpack_reset_memory_views()        glue: forgets its cached views of wasm memory
//   __wxpack_on_memory_grow(listener)    wasm2js output: calls listener after every
//                                        memory.grow; index.js hands it the glue's reset
//
// Every other identifier starting with PREFIX is the adapted modules' own, and a module that
// already uses one is refused (commonjs.mjs).

export const PREFIX = '__wxpack_';
export const STACK_POINTER_GET = '__wxpack_stack_pointer';
export const STACK_POINTER_SET = '__wxpack_set_stack_pointer';
export const GUARD = '__wxpack_guard';
export const RESET_MEMORY_VIEWS = '__wxpack_reset_memory_views';
export const ON_MEMORY_GROW = '__wxpack_on_memory_grow';

/** The exports wx-pack adds to the wasm module, which wasm2js output names: they are ours. */
export const WASM_EXPORTS = new Set([STACK_POINTER_GET, STACK_POINTER_SET]);

// glue: `__wxpack_guard(exports)` wraps every function the wasm exports so that, when a
// call throws (a trap: a Rust panic with panic = "abort", or a JS exception passing
// through), the shadow-stack pointer goes back to where that call found it. Nothing else
// unwinds the frames a trap abandons. It needs the two exports wx-pack adds to the module
// (wasm.rs); without them it returns the exports unchanged. The other exports are copied
// as they are: the memory and tables are objects that stay the same (wasm2js's memory
// too: its buffer is a getter).
export const GUARD_SOURCE = `
function ${GUARD}(exports) {
  var get = exports.${STACK_POINTER_GET}, set = exports.${STACK_POINTER_SET}, guarded = {};
  if (!set) return exports;
  Object.keys(exports).forEach(function (name) {
    var f = exports[name];
    guarded[name] = typeof f !== 'function' ? f : function () {
      var sp = get();
      try { return f.apply(this, arguments); } catch (e) { set(sp); throw e; }
    };
  });
  return guarded;
}
`;

/** glue: the function that forgets the glue's cached memory views (`views`, their names). */
export function resetMemoryViewsSource(views) {
  return `function ${RESET_MEMORY_VIEWS}() {${views.map((v) => ` ${v} = null;`).join('')} }`;
}

/**
 * wasm2js: the listeners of memory growth, `__wxpack_on_memory_grow` that adds one, and
 * `__wxpack_wrap_grow`, which commonjs.mjs wraps `__wasm_memory_grow` in.
 */
export const WRAP_GROW = `${PREFIX}wrap_grow`;
export function growHookSource() {
  return [
    `var ${PREFIX}grow_listeners = [];`,
    `function ${ON_MEMORY_GROW}(listener) { ${PREFIX}grow_listeners.push(listener); }`,
    `function ${WRAP_GROW}(grow) { return function (pagesToAdd) { var old = grow(pagesToAdd);` +
      ` for (var i = 0; i < ${PREFIX}grow_listeners.length; i++) ${PREFIX}grow_listeners[i](); return old; }; }`,
  ];
}
