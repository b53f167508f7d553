//! Objects WeChat gives (tasks, contexts, managers): their methods, events
//! and the field-level gates of their members.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use wx_allowlist::{Field, Interface, Shape, Version};
use wx_codegen::emit::diagnostic_trait;

use super::gates::{Gate, enable_note};
use super::interfaces::{links_to, returned, wrapper_type};
use super::model::{
    MethodKind, Model, data_fields, event_payload, is_report, method_kind, method_since, rebind, subscription_must_use,
};
use super::names::{alias, doc_text, docs, gate_doc, gated, member_ident, type_ident};

/// A WeChat object (a task, context or manager): its data fields as
/// accessors (and setters for plain values), its methods (callback ones as
/// futures, events as subscriptions), each gated by its own plugin note.
pub(crate) fn object_items(model: &Model, i: &'static Interface) -> TokenStream {
    let usage = &model.usage[&i.name];
    let ty = type_ident(&i.name);
    let name = &i.name;
    let js = quote!(wasm_bindgen::JsValue);
    let mut text = format!(
        "The typings' `{name}`: an object WeChat gives, with its methods and events. Methods the typings \
         mark unsupported in plugins are compile errors; methods that need a newer base library than the \
         enabled baseline are gated like functions."
    );
    if !usage.used_by.is_empty() {
        text.push_str(&format!("\n\nReturned by {}.", links_to(&usage.used_by)));
    }
    let type_docs = docs(&text);
    let mut members = Vec::new();
    let mut traits = Vec::new();
    let mut taken = BTreeSet::new();
    let mut unique = |ident: Ident| {
        let mut name = ident.to_string();
        while !taken.insert(name.clone()) {
            name.push('_');
        }
        Ident::new(&name, Span::call_site())
    };

    for f in data_fields(i) {
        let key = &f.name;
        let origin = format!("{name}.{key}");
        let getter = unique(member_ident(key));
        let c = model.output(&f.shape, f.optional, &origin, key);
        let (t, expr) = (&c.ty, &c.expr);
        let doc = field_doc(f);
        members.push(gated_member(
            i,
            f,
            &doc,
            &quote!(pub fn #getter(&self) -> #t),
            &quote!({ #expr }),
            "read",
            None,
            &mut traits,
        ));
        let settable = matches!(f.shape, Shape::String | Shape::Number | Shape::Boolean)
            || matches!(f.shape, Shape::Enum(_)) && model.enum_type(&origin).is_some();
        if settable {
            let setter = unique(format_ident!(
                "set_{}",
                member_ident(key).to_string().trim_end_matches('_')
            ));
            let input = model.input(&f.shape, &origin);
            let vt = &input.ty;
            let set = setter_call(model, f, name, &quote!(self.0), &quote!(value));
            let inline = inline_enum_setter(model, f, name);
            let sig = quote!(pub fn #setter(&self, value: #vt));
            let body = quote!({ #set });
            let Some(since) = gated(f.since.as_ref()) else {
                members.push(quote!(#doc #inline #sig #body));
                continue;
            };
            let checked = unique(checked_ident(&setter));
            let more = checked_setter_doc(&checked);
            let doc = quote!(#doc #more #inline);
            members.push(gated_member(
                i,
                f,
                &doc,
                &sig,
                &body,
                "write",
                Some(&checked),
                &mut traits,
            ));
            let require = require_call(since, &origin);
            let checked_doc = docs(&format!(
                "[`{setter}`](Self::{setter}) after checking that the running base library is {since} or later, \
                 so a plugin built for a lower baseline can set it where WeChat reads it; on an older base \
                 the answer is `Err(WxError::TooOld)` and nothing is set."
            ));
            members.push(quote! {
                #checked_doc
                #inline
                pub fn #checked(
                    &self,
                    running: &wx_bindings::version::RunningVersion,
                    value: #vt,
                ) -> ::core::result::Result<(), wx_bindings::WxError> {
                    #require
                    #set
                    ::core::result::Result::Ok(())
                }
            });
        }
    }

    for m in &i.methods {
        let ident = unique(member_ident(&m.name));
        let js_name = &m.name;
        let qualified = format!("{name}.{js_name}");
        let mut text = format!("`{qualified}`");
        if !m.summary.is_empty() {
            text.push_str(&format!(": {}", doc_text(&m.summary)));
        }
        if let Some(url) = &m.doc {
            text.push_str(&format!(" ([documentation]({url}))"));
        }
        let Some(since) = method_since(m) else {
            // Not available to plugins: a stub whose every use says so.
            let needs = format_ident!("__wx_not_available_{}_{}", name, ident);
            let message = format!("`{qualified}` is not available to WeChat plugins");
            let note = format!(
                "the typings (miniprogram-api-typings {}) mark this method not supported in plugins",
                model.list.typings_version()
            );
            traits.push(diagnostic_trait(
                &needs,
                &quote!(pub),
                &message,
                "not available to WeChat plugins",
                &note,
            ));
            let generics: Vec<Ident> = (0..m.params.len()).map(|n| format_ident!("A{}", n)).collect();
            members.push(quote! {
                #[doc(hidden)]
                pub fn #ident<#(#generics),*>(&self, #(_: #generics),*)
                where
                    for<'__wx> (): #needs,
                {
                    ::core::unreachable!()
                }
            });
            continue;
        };
        let alias = alias(js_name, &ident);
        let (params, output, body, is_future) = match method_kind(model.list, m) {
            MethodKind::On(payload) => {
                let payload = event_payload(model.list, js_name, payload);
                let (payload_ty, convert) = payload.rust(model, &qualified);
                let rebind = rebind(&convert);
                text.push_str(payload.doc());
                let off_name = format!("off{}", &js_name[2..]);
                let off = match i.method(&off_name).filter(|o| method_since(o).is_some()) {
                    Some(_) => quote!(::core::option::Option::Some(#off_name)),
                    None => quote!(::core::option::Option::None),
                };
                text.push_str("\n\nReturns the subscription: dropping it stops delivery (see [`Subscription`](crate::runtime::Subscription)).");
                (
                    vec![quote!(listener: impl ::core::ops::FnMut(#payload_ty) + 'static)],
                    quote!(::core::result::Result<wx_bindings::runtime::Subscription, wx_bindings::WxError>),
                    quote!({
                        #rebind
                        wx_bindings::runtime::subscribe_object(&self.0, #js_name, #off, #convert)
                    }),
                    false,
                )
            }
            MethodKind::Off => {
                let on_name = format!("on{}", &js_name[3..]);
                text.push_str(&format!(
                    "\n\nEnds every subscription to `{on_name}` of this object, then calls `{js_name}()`."
                ));
                (
                    Vec::new(),
                    quote!(::core::result::Result<(), wx_bindings::WxError>),
                    quote!({
                        wx_bindings::runtime::unsubscribe_all_object(&self.0, #on_name);
                        wx_bindings::runtime::invoke(&self.0, #js_name, &[])
                            .map(drop)
                            .map_err(|error| wx_bindings::WxError::js(#qualified, error))
                    }),
                    false,
                )
            }
            MethodKind::Async { options, success } => {
                let options_ty = options.and_then(|n| model.object_type(n));
                let success_ty = match success {
                    Some(n) if !is_report(model.list, n) => model.object_type(n).unwrap_or(quote!(#js)),
                    _ => quote!(()),
                };
                let extra: Vec<(Ident, TokenStream, TokenStream)> = m
                    .params
                    .iter()
                    .skip(1)
                    .map(|p| method_arg(model, name, js_name, p))
                    .collect();
                let extra_params = extra.iter().map(|(n, t, _)| quote!(#n: #t));
                let extra_values = extra.iter().map(|(_, _, v)| v);
                let (options_param, options_value) = match &options_ty {
                    Some(t) => (
                        Some(quote!(options: &#t)),
                        quote!(::core::convert::AsRef::<#js>::as_ref(options)),
                    ),
                    None => (None, quote!(&#js::UNDEFINED)),
                };
                let params: Vec<TokenStream> = options_param.into_iter().chain(extra_params).collect();
                text.push_str(
                    "\n\nResolves when WeChat calls `success` or `fail` (see [`WxFuture`](crate::runtime::WxFuture)).",
                );
                (
                    params,
                    quote!(wx_bindings::runtime::WxFuture<#success_ty>),
                    quote!({
                        let extra = [#(#extra_values),*];
                        wx_bindings::runtime::call(#qualified, #options_value, |options| {
                            let mut args = ::std::vec![options.clone()];
                            args.extend(extra);
                            wx_bindings::runtime::invoke(&self.0, #js_name, &args)
                        })
                    }),
                    true,
                )
            }
            MethodKind::Sync => {
                let args: Vec<(Ident, TokenStream, TokenStream)> =
                    m.params.iter().map(|p| method_arg(model, name, js_name, p)).collect();
                let params = args.iter().map(|(n, t, _)| quote!(#n: #t)).collect();
                let values = args.iter().map(|(_, _, v)| v);
                let (ret, convert) = returned(model, &m.returns);
                (
                    params,
                    quote!(::core::result::Result<#ret, wx_bindings::WxError>),
                    quote!({
                        wx_bindings::runtime::invoke(&self.0, #js_name, &[#(#values),*])
                            #convert
                            .map_err(|error| wx_bindings::WxError::thrown(#qualified, error))
                    }),
                    false,
                )
            }
        };
        let checked_ident =
            gated(Some(&since)).map(|_| unique(format_ident!("{}_checked", ident.to_string().trim_end_matches('_'))));
        if let Some(gate) = gated(Some(&since)) {
            text.push_str(&format!("\n\n{}", gate_doc(gate)));
            if let Some(checked) = &checked_ident {
                text.push_str(&format!(
                    " Or call [`{checked}`](Self::{checked}), which checks the running version first."
                ));
            }
        }
        let must_use = matches!(method_kind(model.list, m), MethodKind::On(_)).then(subscription_must_use);
        let doc = docs(&text);
        let doc = quote!(#doc #alias #must_use);
        let sig = quote!(pub fn #ident(&self, #(#params),*) -> #output);
        match (gated(Some(&since)), checked_ident) {
            (Some(since), Some(checked)) => {
                let gate = Gate {
                    since,
                    trait_name: format_ident!("__wx_needs_newer_base_{}_{}", name, ident),
                    message: format!("`{qualified}` needs WeChat base library {since} or later in plugins"),
                    // The error names the companion, as the method's docs do.
                    note: format!(
                        "{}, or call `{name}::{checked}`, which checks the running version first",
                        enable_note(since)
                    ),
                };
                traits.push(gate.trait_item());
                members.push(gate.function(&doc, &sig, &body));
                // The run-time-checked companion: no feature needed, as the
                // method is looked up on the object at run time anyway.
                let (major, minor, patch) = (since.major, since.minor, since.patch);
                let check = if is_future {
                    quote!(if let ::core::result::Result::Err(error) = running.require(#qualified, wx_bindings::version::Version::new(#major, #minor, #patch)) {
                        return wx_bindings::runtime::WxFuture::failed(#qualified, error);
                    })
                } else {
                    quote!(running.require(#qualified, wx_bindings::version::Version::new(#major, #minor, #patch))?;)
                };
                let checked_doc = docs(&format!(
                    "[`{ident}`](Self::{ident}) after checking that the running base library is {since} or later, \
                     so a plugin built for a lower baseline can use it where it exists; on an older base the \
                     answer is `WxError::TooOld`."
                ));
                // `running` is one more argument: the 6-number matrix methods
                // (`CanvasContext.transform`) then exceed clippy's limit.
                let allow = (params.len() + 2 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
                members.push(quote! {
                    #checked_doc
                    #alias
                    #allow
                    #must_use
                    pub fn #checked(&self, running: &wx_bindings::version::RunningVersion, #(#params),*) -> #output {
                        #check
                        #body
                    }
                });
            }
            _ => members.push(quote!(#doc #sig #body)),
        }
    }

    wrapper_type(&ty, &type_docs, &members, &traits)
}

/// The JS value of an optional argument: `undefined` when `None`.
pub(crate) fn optional_to_js(shape: &Shape, ident: &Ident, to_js: &TokenStream) -> TokenStream {
    let js = quote!(wasm_bindgen::JsValue);
    // `JsValue::from` takes `&str`, `f64` and `bool` as they are.
    let plain = [
        quote!(#js::from_str(value)),
        quote!(#js::from_f64(value)),
        quote!(#js::from_bool(value)),
    ]
    .iter()
    .any(|p| p.to_string() == to_js.to_string());
    match shape {
        Shape::String | Shape::Number | Shape::Boolean => quote!(#ident.map_or(#js::UNDEFINED, #js::from)),
        _ if plain => quote!(#ident.map_or(#js::UNDEFINED, #js::from)),
        _ => quote!(#ident.map_or(#js::UNDEFINED, |value| #to_js)),
    }
}

/// A method parameter: its Rust name, type, and the JS value it becomes.
pub(crate) fn method_arg(
    model: &Model,
    interface: &str,
    method: &str,
    p: &wx_allowlist::MethodParam,
) -> (Ident, TokenStream, TokenStream) {
    let ident = member_ident(&p.name);
    let c = model.input(&p.shape, &format!("{interface}.{method}.{}", p.name));
    let (ty, expr) = (c.ty, c.expr);
    if p.optional {
        (
            ident.clone(),
            quote!(::core::option::Option<#ty>),
            optional_to_js(&p.shape, &ident, &expr),
        )
    } else {
        let value = bind_value(&quote!(#ident), &expr);
        (ident, ty, value)
    }
}

/// The statement that writes field `f` of `target` from `value`.
pub(crate) fn setter_call(
    model: &Model,
    f: &Field,
    interface: &str,
    target: &TokenStream,
    value: &TokenStream,
) -> TokenStream {
    let key = &f.name;
    match &f.shape {
        Shape::String => quote!(wx_bindings::runtime::set_str(&#target, #key, #value);),
        Shape::Number => quote!(wx_bindings::runtime::set_f64(&#target, #key, #value);),
        Shape::Boolean => quote!(wx_bindings::runtime::set_bool(&#target, #key, #value);),
        Shape::Enum(_) if model.enum_type(&format!("{interface}.{key}")).is_some() => {
            quote!(wx_bindings::runtime::set_str(&#target, #key, #value.as_str());)
        }
        shape => {
            let expr = bind_value(value, &model.input(shape, &format!("{interface}.{key}")).expr);
            quote!(wx_bindings::runtime::set(&#target, #key, &#expr);)
        }
    }
}

/// `#[inline(always)]` for the setter of an enum-typed field: inlined at a
/// call site that names one variant, its `as_str` folds to that one string,
/// so a variant a plugin never names costs it nothing (without it, the
/// all-features build of a plugin carried every variant's string and a
/// lookup table: hello was 16 B larger with `base-2-14-1`'s toast icon).
pub(crate) fn inline_enum_setter(model: &Model, f: &Field, interface: &str) -> Option<TokenStream> {
    let is_enum = matches!(f.shape, Shape::Enum(_)) && model.enum_type(&format!("{interface}.{}", f.name)).is_some();
    is_enum.then(|| quote!(#[inline(always)]))
}

/// `expr` (written over a variable named `value`) applied to `source`.
pub(crate) fn bind_value(source: &TokenStream, expr: &TokenStream) -> TokenStream {
    if source.to_string() == "value" {
        expr.clone()
    } else {
        quote!({ let value = #source; #expr })
    }
}

pub(crate) fn field_doc(f: &Field) -> TokenStream {
    let mut text = format!("`{}`", f.name);
    if !f.doc.is_empty() {
        text.push_str(&format!(": {}", doc_text(&f.doc)));
    }
    if let Some(since) = gated(f.since.as_ref()) {
        text.push_str(&format!("\n\n{}", gate_doc(since)));
    }
    let alias = alias(&f.name, &member_ident(&f.name));
    let d = docs(&text);
    quote!(#d #alias)
}

/// `<setter>_checked`: the run-time-checked companion of a gated setter.
pub(crate) fn checked_ident(setter: &Ident) -> Ident {
    format_ident!("{}_checked", setter.to_string().trim_end_matches('_'))
}

/// The sentence a gated setter's docs add about its companion.
pub(crate) fn checked_setter_doc(checked: &Ident) -> TokenStream {
    docs(&format!(
        "\nOr call [`{checked}`](Self::{checked}), which checks the running version first."
    ))
}

/// `running.require(...)?;` for something that needs `since`.
pub(crate) fn require_call(since: &Version, qualified: &str) -> TokenStream {
    let (major, minor, patch) = (since.major, since.minor, since.patch);
    quote!(running.require(#qualified, wx_bindings::version::Version::new(#major, #minor, #patch))?;)
}

/// A setter or accessor, gated by its field's version where it has one;
/// `checked` names a setter's run-time-checked companion, which the error
/// suggests.
#[allow(clippy::too_many_arguments)]
pub(crate) fn gated_member(
    i: &Interface,
    f: &Field,
    doc: &TokenStream,
    sig: &TokenStream,
    body: &TokenStream,
    verb: &str,
    checked: Option<&Ident>,
    traits: &mut Vec<TokenStream>,
) -> TokenStream {
    let Some(since) = gated(f.since.as_ref()) else {
        return quote!(#doc #sig #body);
    };
    let mut note = enable_note(since);
    if let Some(checked) = checked {
        note.push_str(&format!(
            ", or call `{}::{checked}`, which checks the running version first",
            i.name
        ));
    }
    let gate = Gate {
        since,
        trait_name: format_ident!("__wx_needs_newer_base_{}_{}_{}", i.name, verb, member_ident(&f.name)),
        message: format!(
            "`{}.{}` needs WeChat base library {since} or later in plugins",
            i.name, f.name
        ),
        note,
    };
    traits.push(gate.trait_item());
    gate.function(doc, sig, body)
}
