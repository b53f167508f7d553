//! What the `wx!` macro needs, as a plain library (the role
//! `wasm-bindgen-macro-support` plays for `wasm-bindgen`): `wx-macros` is a
//! thin forwarder over these.
//!
//! * [`parse`]: the declarations inside `wx!`.
//! * [`check`]: each name against the allowlist, every problem reported,
//!   each at its span.
//! * [`emit`]: wasm-bindgen externs with version gates and docs.
//! * [`component`]: `#[component]` and `#[derive(Properties)]` of
//!   `wx_bindings::component`: the handlers of a component's `impl` block
//!   checked, its `Component` impl emitted.
//!
//! The generator of the committed files (the typed layer, the features, the
//! typings) is the unpublished `wx-gen` crate of the repository, which uses
//! [`emit`] for the raw layer.

pub mod check;
pub mod component;
pub mod emit;
pub mod parse;
pub mod signature;
