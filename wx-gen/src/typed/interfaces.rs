//! Plain-data interfaces: options builders and result accessors.

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use wx_allowlist::{Field, Interface, Shape};

use super::model::{Model, data_fields};
use super::names::{docs, gated, member_ident, type_ident};
use super::objects::{
    checked_ident, checked_setter_doc, field_doc, gated_member, inline_enum_setter, require_call, setter_call,
};
use super::shapes::Conversion;

pub(crate) fn interface_items(model: &Model, i: &'static Interface) -> TokenStream {
    let usage = &model.usage[&i.name];
    let ty = type_ident(&i.name);
    let name = &i.name;
    let role = match (usage.input, usage.output) {
        (true, false) => "an options object the plugin writes",
        (false, true) => "a result WeChat answers with",
        _ => "an object the plugin writes and WeChat answers with",
    };
    let mut text = format!("The typings' `{name}`: {role}.");
    if !usage.used_by.is_empty() {
        text.push_str(&format!("\n\nUsed by {}.", links_to(&usage.used_by)));
    }
    let type_docs = docs(&text);
    let mut methods = Vec::new();
    let mut traits = Vec::new();
    let fields: Vec<&Field> = data_fields(i).collect();

    if usage.input {
        // Required fields are the arguments of `new` (unless gated: those are builders too).
        let required: Vec<&Field> = fields
            .iter()
            .copied()
            .filter(|f| !f.optional && gated(f.since.as_ref()).is_none())
            .collect();
        let args: Vec<(Ident, Conversion)> = required
            .iter()
            .map(|f| {
                (
                    member_ident(&f.name),
                    model.input(&f.shape, &format!("{name}.{}", f.name)),
                )
            })
            .collect();
        let params = args.iter().map(|(n, c)| {
            let t = &c.ty;
            quote!(#n: #t)
        });
        let sets: Vec<TokenStream> = args
            .iter()
            .zip(&required)
            .map(|((n, _), f)| setter_call(model, f, name, &quote!(this.0), &quote!(#n)))
            .collect();
        let mut new_doc = format!("A `{name}` with the fields WeChat requires");
        if required.is_empty() {
            new_doc = format!("An empty `{name}`: WeChat's defaults apply to every field you do not set.");
        } else {
            let list: Vec<String> = required.iter().map(|f| format!("`{}`", f.name)).collect();
            new_doc.push_str(&format!(
                " ({}); set the others with the builder methods.",
                list.join(", ")
            ));
        }
        let new_docs = docs(&new_doc);
        let body = if sets.is_empty() {
            quote!(Self(wx_bindings::runtime::new_object()))
        } else {
            quote! {
                let this = Self(wx_bindings::runtime::new_object());
                #(#sets)*
                this
            }
        };
        methods.push(quote! {
            #new_docs
            pub fn new(#(#params),*) -> Self {
                #body
            }
        });
        if required.is_empty() {
            traits.push(quote! {
                impl ::core::default::Default for #ty {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            });
        }
        for f in fields
            .iter()
            .filter(|f| f.optional || gated(f.since.as_ref()).is_some())
        {
            let ident = member_ident(&f.name);
            let c = model.input(&f.shape, &format!("{name}.{}", f.name));
            let ty = &c.ty;
            let set = setter_call(model, f, name, &quote!(self.0), &quote!(value));
            let doc = field_doc(f);
            let inline = inline_enum_setter(model, f, name);
            let sig = quote!(pub fn #ident(self, value: #ty) -> Self);
            let body = quote!({ #set self });
            let Some(since) = gated(f.since.as_ref()) else {
                methods.push(quote!(#doc #inline #sig #body));
                continue;
            };
            let checked = checked_ident(&ident);
            assert!(
                !fields.iter().any(|g| member_ident(&g.name) == checked),
                "{name}: the field {} and the run-time-checked setter of {} would both be `{checked}`",
                checked,
                f.name
            );
            let more = checked_setter_doc(&checked);
            let doc = quote!(#doc #more #inline);
            methods.push(gated_member(
                i,
                f,
                &doc,
                &sig,
                &body,
                "set",
                Some(&checked),
                &mut traits,
            ));
            let qualified = format!("{name}.{}", f.name);
            let require = require_call(since, &qualified);
            let checked_doc = docs(&format!(
                "[`{ident}`](Self::{ident}) after checking that the running base library is {since} or later, \
                 so a plugin built for a lower baseline can set it where WeChat reads it; on an older base \
                 the answer is `Err(WxError::TooOld)` and nothing is set. An options value is a handle on one \
                 JS object, so to go on without the field there, set it on a clone: \
                 `let options = options.clone().{checked}(&running, value).unwrap_or(options);`."
            ));
            methods.push(quote! {
                #checked_doc
                #inline
                pub fn #checked(
                    self,
                    running: &wx_bindings::version::RunningVersion,
                    value: #ty,
                ) -> ::core::result::Result<Self, wx_bindings::WxError> {
                    #require
                    #set
                    ::core::result::Result::Ok(self)
                }
            });
        }
    }
    if usage.output {
        for f in &fields {
            let ident = if usage.input {
                format_ident!("get_{}", member_ident(&f.name).to_string().trim_end_matches('_'))
            } else {
                member_ident(&f.name)
            };
            let key = &f.name;
            let c = model.output(&f.shape, f.optional, &format!("{name}.{}", f.name), key);
            let ty = &c.ty;
            let expr = &c.expr;
            let doc = field_doc(f);
            let sig = quote!(pub fn #ident(&self) -> #ty);
            let body = quote!({ #expr });
            methods.push(gated_member(i, f, &doc, &sig, &body, "read", None, &mut traits));
        }
    }
    wrapper_type(&ty, &type_docs, &methods, &traits)
}

/// Rustdoc links to typed functions given by their `wx_bindings::...` paths.
pub(crate) fn links_to(paths: &BTreeSet<String>) -> String {
    paths
        .iter()
        .map(|p| {
            format!(
                "[`{}`]({})",
                p.rsplit("::").next().expect("a path"),
                p.replace("wx_bindings", "crate")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A type over a JS value (an options object, a result, a WeChat object):
/// its members, and the conversions every such type has.
pub(crate) fn wrapper_type(
    ty: &Ident,
    docs: &TokenStream,
    members: &[TokenStream],
    extra: &[TokenStream],
) -> TokenStream {
    let js = quote!(wasm_bindgen::JsValue);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #[repr(transparent)]
        pub struct #ty(#js);

        impl #ty {
            #(#members)*
        }

        impl wx_bindings::runtime::JsObject for #ty {
            fn from_js(value: #js) -> Self {
                Self(value)
            }
        }

        impl ::core::convert::AsRef<#js> for #ty {
            fn as_ref(&self) -> &#js {
                &self.0
            }
        }

        impl ::core::convert::From<#ty> for #js {
            fn from(value: #ty) -> Self {
                value.0
            }
        }

        #(#extra)*
    }
}

/// The type a method's return value has in Rust, and the `.map(...)` that
/// converts the `JsValue` into it (none when it is the `JsValue` itself).
pub(crate) fn returned(model: &Model, shape: &Shape) -> (TokenStream, TokenStream) {
    let js = quote!(wasm_bindgen::JsValue);
    match shape {
        Shape::Void => (quote!(()), quote!(.map(drop))),
        Shape::String => (
            quote!(::std::string::String),
            quote!(.map(|value| value.as_string().unwrap_or_default())),
        ),
        Shape::Number => (quote!(f64), quote!(.map(|value| value.as_f64().unwrap_or_default()))),
        Shape::Boolean => (quote!(bool), quote!(.map(|value| value.as_bool().unwrap_or_default()))),
        Shape::Object(name) if model.object_type(name).is_some() => {
            let t = model.object_type(name).expect("checked");
            (t.clone(), quote!(.map(<#t as wx_bindings::runtime::JsObject>::from_js)))
        }
        _ => (quote!(#js), quote!()),
    }
}
