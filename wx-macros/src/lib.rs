//! Proc-macros behind `wx-bindings`: they declare `wx.*` bindings and check
//! every name against the WeChat plugin allowlist (`wx-allowlist`) at compile
//! time.
//!
//! Use them through `wx-bindings`, which re-exports [`wx!`] and provides the
//! paths the generated code names (`::wx_bindings::__private`, the version
//! gates). This crate is kept thin: parsing, checking and code generation
//! are plain functions over `proc_macro2` tokens (see the `parse`, `check`
//! and `emit` modules), unit-tested without a compiler in the loop.

mod check;
mod emit;
mod parse;
mod signature;

use proc_macro::TokenStream;

/// Declares bindings to permitted `wx.*` functions, checked against the
/// WeChat plugin allowlist.
///
/// Each declaration is a function signature ending in `;`, like an item of a
/// `#[wasm_bindgen] extern "C"` block. The function's name is the Rust
/// (snake_case) name of the API (`show_toast` for `wx.showToast`) or its JS
/// name; `#[wx(js_name = "showToast")]` picks the API explicitly when you
/// want another Rust name. The return type must be `Result<T, JsValue>`: a
/// JS exception, or a function missing at run time, becomes an `Err`.
///
/// ```text
/// use wasm_bindgen::JsValue;
/// wx_bindings::wx! {
///     /// Shows a toast with just a title.
///     #[wx(js_name = "showToast")]
///     pub fn toast(options: &JsValue) -> Result<(), JsValue>;
///     pub fn get_storage_sync(key: &str) -> Result<JsValue, JsValue>;
/// }
/// ```
///
/// A name that is not on the allowlist is a compile error at the name: a
/// known API that plugins may not call says so; an unknown name gets the
/// closest permitted one as a suggestion. An API that needs a newer base
/// library than the enabled baseline compiles to a function whose every call
/// is an error naming the version and the cargo feature of `wx-bindings`
/// that raises the baseline (`wx_bindings::raw::<name>_checked` calls it
/// after a run-time version check instead).
#[proc_macro]
pub fn wx(input: TokenStream) -> TokenStream {
    let mut errors = parse::Errors::default();
    let declarations = parse::parse_declarations(input.into(), &mut errors);
    let checked = check::check(declarations, &mut errors);
    match errors.finish(checked) {
        Ok(checked) => emit::declarations(&checked, &emit::default_crate_path()).into(),
        Err(errors) => errors.to_compile_error().into(),
    }
}

/// Declares every permitted API with the signature the official typings give
/// it: the raw layer, `wx_bindings::raw`. Internal to `wx-bindings`.
#[doc(hidden)]
#[proc_macro]
pub fn __raw_layer(input: TokenStream) -> TokenStream {
    without_input("__raw_layer!", input, emit::raw_layer)
}

/// Declares a stub for every known `wx` function that plugins may not call,
/// so that naming one in `wx_bindings::raw` is an error saying so. Internal
/// to `wx-bindings`.
#[doc(hidden)]
#[proc_macro]
pub fn __forbidden_stubs(input: TokenStream) -> TokenStream {
    without_input("__forbidden_stubs!", input, emit::forbidden_stubs)
}

/// Expands a data-driven macro that takes no input.
fn without_input(
    name: &str,
    input: TokenStream,
    expand: fn(&proc_macro2::TokenStream) -> proc_macro2::TokenStream,
) -> TokenStream {
    if !input.is_empty() {
        let message = format!("{name} takes no input");
        return syn::Error::new(proc_macro2::Span::call_site(), message)
            .to_compile_error()
            .into();
    }
    expand(&emit::default_crate_path()).into()
}
