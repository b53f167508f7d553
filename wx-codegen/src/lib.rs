//! Code generation for `wx-bindings`, as a plain library (the role
//! `wasm-bindgen-macro-support` plays for `wasm-bindgen`, and web-sys's
//! WebIDL generator for web-sys).
//!
//! * [`parse`], [`check`] and [`emit`]: the `wx!` macro's work — parse
//!   declarations, check each name against the allowlist (every problem
//!   reported, each at its span), emit wasm-bindgen externs with version
//!   gates and docs. `wx-macros` is a thin forwarder over these.
//! * [`typed`]: the typed layer — option builders, result accessors,
//!   futures for callback APIs, field-level version gates — one Rust file
//!   per API category.
//! * [`files`]: every file of the workspace derived from the allowlist, with
//!   its expected contents: the raw layer and the typed layer of
//!   `wx-bindings` (committed, as web-sys commits its generated code), its
//!   cargo features and gate macros, the README's feature table, compile-pass
//!   and compile-fail cases naming every binding, and the per-base
//!   TypeScript declarations of [`plugin_typings`]. The `wx-codegen` binary
//!   rewrites them; a test fails when a committed file differs.
//!
//! [`typed`], [`files`], [`plugin_typings`] and [`format_file`] need the
//! `generator` feature (on by default); `wx-macros` builds without it.
//!
//! Everything is derived from [`wx_allowlist::Allowlist::get`] and is
//! deterministic: the same data gives the same bytes.

pub mod check;
pub mod emit;
#[cfg(feature = "generator")]
pub mod files;
pub mod parse;
#[cfg(feature = "generator")]
pub mod plugin_typings;
pub mod signature;
#[cfg(feature = "generator")]
pub mod typed;

#[cfg(feature = "generator")]
/// Formats generated items as a Rust source file (`prettyplease`: the same
/// output on every machine, whatever rustfmt is installed).
pub fn format_file(header: &str, tokens: proc_macro2::TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).unwrap_or_else(|e| panic!("generated code does not parse: {e}"));
    let mut out = String::from(header);
    out.push_str(&prettyplease::unparse(&file));
    out
}
