//! What the scripts report on stdout (JSON), as Rust types.

use serde::Deserialize;

/// What `adapt.mjs lower` did (it also reports `helpers`, the helper functions swc inlined,
/// and `bytes`, the output's size, for people reading its output).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LowerReport {
    /// The lowest ECMAScript edition the output parses as (at most the target's).
    pub(crate) es_version: Option<u32>,
}

/// An export of a converted module.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub(crate) struct ModuleExport {
    /// The exported name.
    pub(crate) name: String,
    /// `function`, `class`, `value` or `reexport`.
    pub(crate) kind: String,
}

/// What `adapt.mjs` found while converting a module (it also reports `requires`, the
/// relative modules the module requires, and `esVersion`, the lowest edition the output
/// parses as, which the build reads after lowering instead: [`LowerReport`]).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AdaptReport {
    /// The module's exports.
    pub(crate) exports: Vec<ModuleExport>,
    /// Whether the wasm2js memory-growth hook was installed.
    #[serde(default)]
    pub(crate) grow_hook: bool,
}

/// What wasm-bindgen's bundler entry does.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EntryInfo {
    /// The glue module it imports (`./<name>_bg.js`).
    pub(crate) glue_module: String,
    /// The wasm exports it calls after `__wbg_set_wasm`, in order (`__wbindgen_start`).
    pub(crate) start_calls: Vec<String>,
    /// The user-facing exports.
    pub(crate) exports: Vec<EntryExport>,
}

/// One re-export of the bundler entry.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct EntryExport {
    /// The name the entry exports.
    pub(crate) name: String,
    /// The glue's name for it.
    pub(crate) local: String,
}
