//! The generator of every file of the workspace derived from the allowlist
//! (the role web-sys's WebIDL generator plays beside
//! `wasm-bindgen-macro-support`; the `wx!` macro's support library,
//! `wx-codegen`, stays small and published, this crate is not published).
//!
//! * [`typed`]: the typed layer — option builders, result accessors,
//!   futures for callback APIs, field-level version gates — one module per
//!   API category, spread over a folder ([`module_folder`]).
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

/// A file of a module spread over a folder ([`module_folder`]).
#[derive(Debug)]
pub struct Part {
    /// The file's path in the folder, without `.rs` (`show_toast_option`,
    /// `functions/interaction`).
    pub file: String,
    /// What the file holds, for its header comment (a sentence, no period).
    pub about: String,
    /// The items.
    pub items: proc_macro2::TokenStream,
}

/// A module spread over a folder, so that no file is too big to read or
/// review: `<dir>/mod.rs` holds `attrs` (the module's docs and lints), an
/// `include!` of each part's file, then `own`.
///
/// `include!`, not a `mod` per file: the items stay in the module itself,
/// so their paths — `wx_bindings::media::AddArcOption`, in rustdoc, in
/// rustc's errors and in symbol names — are what they were in one file. A
/// submodule changes the symbol names, and with them the order rustc emits
/// inlined functions in, and so a plugin's wasm.
pub fn module_folder(
    dir: &str,
    attrs: proc_macro2::TokenStream,
    parts: Vec<Part>,
    own: proc_macro2::TokenStream,
) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut includes = Vec::new();
    let mut taken = std::collections::BTreeSet::new();
    for Part { file, about, items } in parts {
        // Two parts with one name would overwrite each other.
        assert!(taken.insert(file.clone()), "two parts of {dir} would be {file}.rs");
        let header = format!("{}// {about}.\n", typed::HEADER);
        files.push((format!("{dir}/{file}.rs"), format_file(&header, items)));
        includes.push(format!("{file}.rs"));
    }
    let tokens = quote::quote! {
        #attrs
        #(include!(#includes);)*
        #own
    };
    files.insert(0, (format!("{dir}/mod.rs"), format_file(typed::HEADER, tokens)));
    files
}

/// The folder of WeChat's documentation an API's page is in, below its
/// category, as a module name: `bluetooth_ble` for
/// `…/dev/api/device/bluetooth-ble/wx.openBLEConnection.html`; `None` for
/// a page right in its category's folder, or no page.
pub fn doc_folder(doc: Option<&str>) -> Option<String> {
    let rest = doc?.split("/dev/api/").nth(1)?;
    let mut segments = rest.split('/');
    let (_category, folder) = (segments.next()?, segments.next()?);
    // The folder is followed by the page (or more folders).
    segments.next()?;
    Some(folder.replace('-', "_"))
}
