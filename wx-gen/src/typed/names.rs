//! Names and docs: Rust identifiers from JS names, doc text from the typings.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use wx_allowlist::Version;
use wx_allowlist::names::feature_for;

/// A snake_case Rust identifier for a JS name: never a keyword, never `new`.
pub fn member_ident(js: &str) -> Ident {
    let mut name = js.to_snake_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("f_{name}");
    }
    if name == "new" || name == "self" || name == "super" || name == "crate" || syn::parse_str::<Ident>(&name).is_err()
    {
        name.push('_');
    }
    Ident::new(&name, Span::call_site())
}

pub(crate) fn variant_ident(value: &str, taken: &mut BTreeSet<String>) -> Ident {
    let mut name = value.to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("V{name}");
    }
    if syn::parse_str::<Ident>(&name).is_err() {
        name.push('_');
    }
    while !taken.insert(name.clone()) {
        name.push('_');
    }
    Ident::new(&name, Span::call_site())
}

/// `#[doc(alias = "<js>")]` where the Rust name differs from the JS one
/// (rustdoc rejects an alias equal to the name).
pub(crate) fn alias(js: &str, rust: &Ident) -> TokenStream {
    if rust == js {
        quote!()
    } else {
        quote!(#[doc(alias = #js)])
    }
}

pub(crate) fn type_ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Text from the typings, safe in rustdoc: no HTML, no intra-doc links;
/// markdown links to web pages (`[camera](https://...)`) stay links.
pub(crate) fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&escape_plain(&rest[..open]));
        let after = &rest[open..];
        // `[label](http...)`: keep as a link.
        let link = after.find("](http").and_then(|close| {
            let label = &after[1..close];
            let end = after[close..].find(')')? + close;
            (!label.contains(['[', ']'])).then_some((close, end))
        });
        match link {
            Some((close, end)) => {
                out.push('[');
                out.push_str(&escape_plain(&after[1..close]));
                out.push_str(&after[close..=end]);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("\\[");
                rest = &after[1..];
            }
        }
    }
    out.push_str(&escape_plain(rest));
    out
}

pub(crate) fn escape_plain(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(']', "\\]")
}

pub(crate) fn docs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// What a version gate says in the docs.
pub(crate) fn gate_doc(since: &Version) -> String {
    match feature_for(since) {
        Some(feature) => format!("Needs base library **{since}** in plugins (cargo feature `{feature}`)."),
        None => String::new(),
    }
}

/// `since` if it is above the baseline (then it has a cargo feature).
pub(crate) fn gated(since: Option<&Version>) -> Option<&Version> {
    since.filter(|v| feature_for(v).is_some())
}
