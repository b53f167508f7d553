//! The `__wxpack_*` protocol: the names wx-pack adds between the wasm module, the adapted
//! glue, the adapted wasm2js output and `index.js`. Each name is written once on each side:
//! here for Rust (the module's exports in [`crate::wasm`], `templates/index.js` through
//! [`crate::loader`]), and in `js/adapt/protocol.mjs` for the Node side (the adapted modules);
//! a test holds the two to the same names.
//!
//! | name | what it is | defined by | used by |
//! |---|---|---|---|
//! | `__wxpack_stack_pointer()` | the shadow-stack pointer | wasm.rs, an export added to the module | the glue's guard |
//! | `__wxpack_set_stack_pointer(sp)` | puts it back | wasm.rs, likewise | the glue's guard |
//! | `__wxpack_guard(exports)` | the wasm's exports, each call putting the stack back when it throws (a panic's trap) | the adapted glue | `index.js`, before `__wbg_set_wasm` |
//! | `__wxpack_reset_memory_views()` | forgets the glue's cached views of wasm memory | the adapted glue | `index.js` hands it to the next |
//! | `__wxpack_on_memory_grow(listener)` | calls `listener` after every `memory.grow` (wasm2js copies memory into a new buffer) | the adapted wasm2js output | `index.js` (wasm2js mode) |
//!
//! Every other identifier starting with `__wxpack_` is the adapted modules' own (and a module
//! that already uses one is refused).

/// The export wx-pack adds to the module that returns the shadow-stack pointer (`__stack_pointer`).
pub const STACK_POINTER_GET: &str = "__wxpack_stack_pointer";
/// The export wx-pack adds to the module that sets the shadow-stack pointer.
pub const STACK_POINTER_SET: &str = "__wxpack_set_stack_pointer";
/// The glue's export that guards the wasm's exports.
pub const GUARD: &str = "__wxpack_guard";
/// The glue's export that forgets its cached memory views.
pub const RESET_MEMORY_VIEWS: &str = "__wxpack_reset_memory_views";
/// The wasm2js output's export that registers a memory-growth listener.
pub const ON_MEMORY_GROW: &str = "__wxpack_on_memory_grow";

// The component protocol (docs/component-protocol.md): what the plugin's wasm exports
// (written by `wx_bindings::components!`), which wx-pack calls at build time and the
// generated component files and `load.js` call at run time.

/// The component protocol version wx-pack speaks (§2's `protocol`).
pub const COMPONENT_PROTOCOL: u64 = 1;
/// `() -> String`: every component's static shape, as JSON; called once at build time.
pub const COMPONENTS: &str = "__wx_components";
/// `(name, instance) -> id`: in a component's `created`.
pub const COMPONENT_CREATE: &str = "__wx_component_create";
/// `(id, kind, name, args)`: every other handler.
pub const COMPONENT_CALL: &str = "__wx_component_call";
/// `(id)`: after `detached`.
pub const COMPONENT_DROP: &str = "__wx_component_drop";
/// The prefix of those exports, which no other crate defines: never exported by `index.js`.
pub const COMPONENT_PREFIX: &str = "__wx_component";
#[cfg(test)]
mod tests {
    use super::*;

    /// The Node side's names (js/adapt/protocol.mjs) are these, letter for letter.
    #[test]
    fn the_node_side_uses_the_same_names() {
        let js = include_str!("../js/adapt/protocol.mjs");
        for (name, value) in [
            ("PREFIX", "__wxpack_"),
            ("STACK_POINTER_GET", STACK_POINTER_GET),
            ("STACK_POINTER_SET", STACK_POINTER_SET),
            ("GUARD", GUARD),
            ("RESET_MEMORY_VIEWS", RESET_MEMORY_VIEWS),
            ("ON_MEMORY_GROW", ON_MEMORY_GROW),
        ] {
            let line = format!("export const {name} = '{value}';");
            assert!(
                js.lines().any(|l| l == line),
                "js/adapt/protocol.mjs has no line `{line}`"
            );
            assert!(value.starts_with("__wxpack_"), "{value}");
        }
    }
}
