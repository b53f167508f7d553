//! The typed layer of `wx-bindings`, generated: for every callback, sync
//! and converter API, a typed function at `wx_bindings::<category>::<name>`,
//! the options types it takes (builders over a JS object, as web-sys
//! dictionaries are), the result types it gives (accessors over WeChat's
//! answer), string-literal unions as Rust enums, and version gates on the
//! functions, fields and values that need a newer base library.
//!
//! The model is computed from the allowlist passed in ([`Model::new`]); each
//! category becomes one folder (`wx-bindings/src/generated/<category>/`: its
//! functions in `mod.rs`, one file per interface), and interfaces used by
//! several categories go to `common`.

mod enums;
mod files;
mod functions;
mod gates;
mod interfaces;
mod model;
mod names;
mod objects;
mod shapes;
#[cfg(test)]
mod tests;

pub use files::{GENERATED, HEADER, files, module_parts};
pub use model::{COMMON, EnumType, Model, Usage};
pub use names::member_ident;
