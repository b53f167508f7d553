//! The `wx!` proc-macro behind `wx-bindings`: it declares `wx.*` bindings
//! and checks every name against the WeChat plugin allowlist
//! (`wx-allowlist`) at compile time.
//!
//! Use it through `wx-bindings`, which re-exports [`wx!`] and provides the
//! paths the generated code names (`::wx_bindings::__private`, the version
//! gates). This crate is a thin forwarder: parsing, checking and code
//! generation live in `wx-codegen`, plain functions over `proc_macro2`
//! tokens, unit-tested without a compiler in the loop.

use proc_macro::TokenStream;
use wx_codegen::{check, emit, parse};

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
        Ok(checked) => emit::declarations(&checked).into(),
        Err(errors) => errors.to_compile_error().into(),
    }
}

/// Makes an `impl` block a WeChat component: `#[component(name =
/// "counter", properties = CounterProps)]` on `impl Counter { ... }`, where
/// `Counter` (`Serialize + Default`) is the component's data.
///
/// In the block, `#[lifetime]` marks a component lifetime (`attached`, or
/// `#[lifetime(attached)]` on another name), `#[page_lifetime]` a page
/// lifetime, `#[observer("a, b")]` an observer; every other fn is a method
/// the WXML can bind. An unknown lifetime (with the closest one
/// suggested), two handlers for one lifetime, a handler whose signature is
/// not `(&mut self, cx: &Context<Self>, [arg])` or
/// `async (this: Handle<Self>, [arg])`, and a bad component name are
/// compile errors. See `wx_bindings::component`.
#[proc_macro_attribute]
pub fn component(args: TokenStream, item: TokenStream) -> TokenStream {
    wx_codegen::component::component(args.into(), item.into()).into()
}

/// Derives `wx_bindings::component::Properties` for a struct of a
/// component's properties (with `serde::Deserialize`): one property per
/// field, WeChat's type from the field's type. `#[property(default = expr)]`
/// sets the default (else WeChat's default of the type), `#[property(observer
/// = "method")]` names the method that observes it, `#[property(type =
/// "Object")]` overrides the type (`"any"` for any).
#[proc_macro_derive(Properties, attributes(property))]
pub fn derive_properties(input: TokenStream) -> TokenStream {
    wx_codegen::component::derive_properties(input.into()).into()
}
