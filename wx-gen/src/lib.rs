//! The generator of every file of the workspace derived from the allowlist
//! (the role web-sys's WebIDL generator plays beside
//! `wasm-bindgen-macro-support`; the `wx!` macro's support library,
//! `wx-codegen`, stays small and published, this crate is not published).
//!
//! * [`typed`]: the typed layer — option builders, result accessors,
//!   futures for callback APIs, field-level version gates — one Rust file
//!   per API category.
//! * [`files`]: every file of the workspace derived from the allowlist, with
//!   its expected contents: the raw layer and the typed layer of
//!   `wx-bindings` (committed, as web-sys commits its generated code), its
//!   cargo features and gate macros, the README's feature table, compile-pass
//!   and compile-fail cases naming every binding, and the per-base
//!   TypeScript declarations of [`plugin_typings`]. The `wx-gen` binary
//!   rewrites them; a test fails when a committed file differs.
//!
//! Everything is derived from the [`wx_allowlist::Allowlist`] the caller
//! passes down (the binary reads [`wx_allowlist::Allowlist::get`] once), so
//! the walk from a version in the data to the text it becomes is a chain of
//! calls; and it is deterministic: the same data gives the same bytes.

pub mod files;
pub mod plugin_typings;
pub mod typed;

/// Formats generated items as a Rust source file (`prettyplease`: the same
/// output on every machine, whatever rustfmt is installed).
pub fn format_file(header: &str, tokens: proc_macro2::TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).unwrap_or_else(|e| panic!("generated code does not parse: {e}"));
    let mut out = String::from(header);
    out.push_str(&prettyplease::unparse(&file));
    out
}
