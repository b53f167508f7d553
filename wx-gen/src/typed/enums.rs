//! String-literal unions as Rust enums.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use wx_allowlist::names::feature_for;
use wx_codegen::emit::diagnostic_trait;

use super::gates::enable_note;
use super::model::EnumType;
use super::names::{alias, doc_text, docs, gate_doc, gated, type_ident, variant_ident};

pub(crate) fn enum_items(e: &EnumType) -> TokenStream {
    let ty = type_ident(&e.name);
    let mut taken = BTreeSet::new();
    let idents: Vec<Ident> = e.values.iter().map(|v| variant_ident(&v.value, &mut taken)).collect();
    let mut variants = Vec::new();
    let mut to_str = Vec::new();
    let mut from_str = Vec::new();
    let mut stand_ins = Vec::new();
    let mut traits = Vec::new();
    for (v, ident) in e.values.iter().zip(&idents) {
        let value = &v.value;
        let mut text = format!("`\"{value}\"`");
        if !v.doc.is_empty() {
            text.push_str(&format!(": {}", doc_text(&v.doc)));
        }
        let gate = gated(v.since.as_ref());
        if let Some(since) = gate {
            text.push_str(&format!("\n\n{}", gate_doc(since)));
        }
        let d = docs(&text);
        let cfg = gate.map(|since| {
            let feature = feature_for(since).expect("gated");
            quote!(#[cfg(feature = #feature)])
        });
        let alias = alias(value, ident);
        variants.push(quote!(#d #alias #cfg #ident,));
        to_str.push(quote!(#cfg #ty::#ident => #value,));
        from_str.push(quote!(#cfg #value => ::core::option::Option::Some(#ty::#ident),));
        if let Some(since) = gate {
            // Below the gate the variant does not exist, and its name is a
            // hidden function whose every use is the error saying why
            // (checked by `cargo check` too, unlike a failing constant).
            let feature = feature_for(since).expect("gated");
            let needs = format_ident!("__wx_needs_newer_base_{}_{}", e.name, ident);
            let message = format!(
                "`{}` value `\"{value}\"` (`{}::{ident}`) needs WeChat base library {since} or later in plugins",
                e.origin, e.name
            );
            let label = format!("needs base library {since}, above the enabled baseline");
            let diagnostic = diagnostic_trait(&needs, &quote!(pub), &message, &label, &enable_note(since));
            traits.push(wx_codegen::emit::with_cfg(&quote!(not(feature = #feature)), diagnostic));
            stand_ins.push(quote! {
                #[cfg(not(feature = #feature))]
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub fn #ident() -> Self
                where
                    for<'__wx> (): #needs,
                {
                    ::core::unreachable!()
                }
            });
        }
    }
    let text = format!(
        "The values of `{}` (a string-literal union in the typings).\n\n\
         `#[non_exhaustive]`: WeChat adds values over time, and a value gated by a base \
         (a cargo feature that another crate in the build may turn on) appears only above it, \
         so a `match` on it needs a `_` arm.",
        e.origin
    );
    let d = docs(&text);
    quote! {
        #d
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ty {
            #(#variants)*
        }

        impl #ty {
            #(#stand_ins)*

            /// The JS string of this value.
            // Always inlined, so that a constant variant folds to its string
            // (see `inline_enum_setter`).
            #[inline(always)]
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#to_str)*
                }
            }

            /// The value for a JS string; `None` for one these typings do not list.
            #[allow(clippy::should_implement_trait)]
            pub fn from_js_str(value: &str) -> ::core::option::Option<Self> {
                match value {
                    #(#from_str)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        #(#traits)*
    }
}
