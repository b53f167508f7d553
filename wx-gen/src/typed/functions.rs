//! Typed functions: one per typed API, with its arguments, gate and docs.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use wx_allowlist::names::{feature_of, typed_path};
use wx_allowlist::{Api, Kind, Shape};

use super::gates::{Gate, enable_note};
use super::model::{Model, entry, event_payload, is_report, rebind, subscription_must_use};
use super::names::{alias, doc_text, docs, member_ident};
use super::objects::{bind_value, optional_to_js};

/// The docs of a typed function.
pub(crate) fn function_doc(api: &Api, extra: &str) -> String {
    let e = entry(api);
    let url = e.doc.clone().unwrap_or_default();
    let mut text = format!("[`wx.{}`]({url})", api.name);
    if !e.summary.is_empty() {
        text.push_str(&format!(": {}", doc_text(&e.summary)));
    }
    text.push_str(".\n\n");
    text.push_str(&format!("* Minimum base library in plugins: **{}**\n", api.since));
    match feature_of(api) {
        Some(feature) => text.push_str(&format!(
            "* Cargo feature: `{feature}` (or call `{}_checked`, which checks the running version first)\n",
            api.rust_name
        )),
        None => text.push_str("* Cargo feature: none, available at the default baseline\n"),
    }
    text.push_str(&format!(
        "* Raw binding: [`raw::{0}`](crate::raw::{0})\n",
        api.rust_name
    ));
    if let Some(note) = &api.disagreement {
        text.push_str(&format!(
            "\n**Note:** {note}. It may be missing at run time on today's bases: the call then fails with `WxError::Js`.\n"
        ));
    }
    if api.unsupported_today() {
        text.push_str(&format!("\n{}\n", wx_codegen::emit::UNSUPPORTED_TODAY_DOC));
    }
    if let Some(Some(modern)) = &api.legacy {
        text.push_str(&format!(
            "\nLegacy spelling: the reference page lists it; today's typings spell it `wx.{modern}`, whose types it uses.\n"
        ));
    }
    text.push('\n');
    text.push_str(extra);
    text
}

/// A parameter of a typed function other than an async API's options.
pub(crate) struct Arg {
    pub(crate) ident: Ident,
    pub(crate) ty: TokenStream,
    /// The argument of the raw binding.
    pub(crate) raw: TokenStream,
    /// The argument as a JS value (for the `_checked` companion).
    pub(crate) js: TokenStream,
}

pub(crate) fn plain_args(model: &Model, api: &Api, params: std::ops::Range<usize>) -> Vec<Arg> {
    let e = entry(api);
    let js = quote!(wasm_bindgen::JsValue);
    params
        .map(|index| {
            let param = &e.params[index];
            let shape = &e.param_shapes[index];
            let ident = member_ident(&param.name);
            let origin = format!("{}.{}", api.name, param.name);
            let c = model.input(shape, &origin);
            let ty = c.ty;
            let to_js = c.expr;
            let as_js = quote!(::core::convert::AsRef::<#js>::as_ref(#ident));
            let (ty, raw, js_arg) = if param.optional {
                // The raw binding takes `Option<_>` for primitives and callbacks,
                // `&JsValue` (maybe undefined) for the rest.
                let raw = match shape {
                    Shape::String | Shape::Number | Shape::Boolean | Shape::Function(_) => quote!(#ident),
                    _ => {
                        let value = optional_to_js(shape, &ident, &to_js);
                        quote!(&#value)
                    }
                };
                (
                    quote!(::core::option::Option<#ty>),
                    raw,
                    optional_to_js(shape, &ident, &to_js),
                )
            } else {
                let raw = match shape {
                    Shape::String | Shape::Number | Shape::Boolean | Shape::ArrayBuffer | Shape::Function(_) => {
                        quote!(#ident)
                    }
                    Shape::Enum(_) if model.enum_type(&origin).is_some() => quote!(#ident.as_str()),
                    Shape::Object(_) | Shape::Record | Shape::TypedArray(_) => as_js,
                    Shape::Any | Shape::Void | Shape::Promise => quote!(#ident),
                    _ => {
                        let expr = bind_value(&quote!(#ident), &to_js);
                        quote!(&#expr)
                    }
                };
                (ty, raw, bind_value(&quote!(#ident), &to_js))
            };
            Arg {
                ident,
                ty,
                raw,
                js: js_arg,
            }
        })
        .collect()
}

/// The typed function of an API that today's typings do not describe
/// (`makeVoIPCall`, an old spelling only the reference page lists): the
/// calling convention is typed (a future, `WxError`), its options and
/// answer are not, as there is no source for their fields.
pub(crate) fn untyped_function_items(api: &'static Api) -> TokenStream {
    assert_eq!(api.kind, Kind::Async, "{}: only async APIs lack typings", api.name);
    let ident = member_ident(&api.name);
    let raw = format_ident!("{}", api.rust_name);
    let js_name = &api.name;
    let js = quote!(wasm_bindgen::JsValue);
    let alias = alias(&api.name, &ident);
    let doc = [
        format!(" `wx.{js_name}`: a legacy name on the plugin allowlist that today's miniprogram-api-typings no longer describe."),
        String::new(),
        " Its options and its answer have no typings to be generated from, so they are plain JS values: build `options` as any JS object (`js_sys::Object` with `js_sys::Reflect::set`, or `serde_wasm_bindgen::to_value` of a serde type). What is typed is the calling convention.".to_string(),
        String::new(),
        format!(" Resolves to the `success` result, to `WxError::Fail` with WeChat's `errMsg` and `errno` when it calls `fail`, and to `WxError::Js` at once when the call throws or `wx.{js_name}` is missing. The call is made at once; dropping the future is safe."),
    ];
    quote! {
        #(#[doc = #doc])*
        #alias
        pub fn #ident(options: &#js) -> wx_bindings::runtime::WxFuture<#js> {
            wx_bindings::runtime::call(#js_name, options, wx_bindings::raw::#raw)
        }
    }
}

pub(crate) fn function_items(model: &Model, api: &'static Api) -> TokenStream {
    if api.typings.is_none() {
        return untyped_function_items(api);
    }
    let e = entry(api);
    let ident = member_ident(&api.name);
    let raw = format_ident!("{}", api.rust_name);
    let js_name = &api.name;
    let js = quote!(wasm_bindgen::JsValue);
    let (major, minor, patch) = (api.since.major, api.since.minor, api.since.patch);
    let alias = alias(&api.name, &ident);

    let (sig_params, call_body, checked_params, checked_body, returns_text) = match api.kind {
        Kind::Async => {
            let options = e
                .param_shapes
                .first()
                .and_then(Shape::object_name)
                .and_then(|n| model.object_type(n));
            let success = match e.success.as_ref().and_then(Shape::object_name) {
                Some(name) if !is_report(model.list, name) => model.object_type(name).unwrap_or(quote!(#js)),
                _ => quote!(()),
            };
            let extra = plain_args(model, api, 1..e.params.len());
            let extra_params: Vec<TokenStream> = extra
                .iter()
                .map(|a| {
                    let (n, t) = (&a.ident, &a.ty);
                    quote!(#n: #t)
                })
                .collect();
            let extra_raw: Vec<&TokenStream> = extra.iter().map(|a| &a.raw).collect();
            let extra_js: Vec<&TokenStream> = extra.iter().map(|a| &a.js).collect();
            let (options_param, options_value) = match &options {
                Some(t) => (
                    vec![quote!(options: &#t)],
                    quote!(::core::convert::AsRef::<#js>::as_ref(options)),
                ),
                None => (Vec::new(), quote!(&#js::UNDEFINED)),
            };
            let params: Vec<TokenStream> = options_param.iter().cloned().chain(extra_params).collect();
            let output = quote!(wx_bindings::runtime::WxFuture<#success>);
            let call = if extra.is_empty() {
                quote!(wx_bindings::raw::#raw)
            } else {
                quote!(|options| wx_bindings::raw::#raw(options, #(#extra_raw),*))
            };
            let body = quote!({ wx_bindings::runtime::call(#js_name, #options_value, #call) });
            let checked_body = quote!({
                crate::__private::call_async_checked(
                    running, #js_name, wx_bindings::version::Version::new(#major, #minor, #patch), #options_value, ::std::vec![#(#extra_js),*],
                )
            });
            let text = format!(
                "Resolves to {} when WeChat calls `success`, to `WxError::Fail` with WeChat's `errMsg` and `errno` when it calls `fail`, and to `WxError::Js` at once when the call throws or `wx.{}` is missing. The call is made at once; dropping the future is safe.",
                if success.to_string() == "()" {
                    "`()`".to_string()
                } else {
                    "the result".to_string()
                },
                api.name
            );
            (
                quote!((#(#params),*) -> #output),
                body,
                quote!((running: &wx_bindings::version::RunningVersion, #(#params),*) -> #output),
                checked_body,
                text,
            )
        }
        Kind::Task => {
            let options = e
                .param_shapes
                .first()
                .and_then(Shape::object_name)
                .and_then(|n| model.object_type(n))
                .expect("tasks take options");
            let success = match e.success.as_ref().and_then(Shape::object_name) {
                Some(name) if !is_report(model.list, name) => model.object_type(name).unwrap_or(quote!(#js)),
                _ => quote!(()),
            };
            let object = e
                .returns_shape
                .as_ref()
                .and_then(Shape::object_name)
                .and_then(|n| model.object_type(n))
                .expect("tasks return an object");
            let output = quote!(wx_bindings::runtime::Task<#success, #object>);
            let body = quote!({
                wx_bindings::runtime::task(#js_name, ::core::convert::AsRef::<#js>::as_ref(options), wx_bindings::raw::#raw)
            });
            let text = format!(
                "Starts the task at once. Await the [`Task`](crate::runtime::Task) for WeChat's answer; `object()` is the task object with its methods and events. Dropping the task before it finishes aborts it. `wx.{}` missing or throwing: the task fails at once.",
                api.name
            );
            (
                quote!((options: &#options) -> #output),
                body.clone(),
                quote!((running: &wx_bindings::version::RunningVersion, options: &#options) -> #output),
                body,
                text,
            )
        }
        Kind::Listener if api.name.starts_with("on") => {
            let kind = event_payload(model.list, &api.name, e.payload.as_ref());
            let (payload, convert) = kind.rust(model, js_name);
            let rebind = rebind(&convert);
            // A legacy spelling's off* (the modern one) may not remove what it registered.
            let off = match (&e.off, &api.legacy) {
                (Some(off), None) => quote!(::core::option::Option::Some(#off)),
                _ => quote!(::core::option::Option::None),
            };
            let params = quote!(listener: impl ::core::ops::FnMut(#payload) + 'static);
            let output = quote!(::core::result::Result<wx_bindings::runtime::Subscription, wx_bindings::WxError>);
            let body = quote!({
                #rebind
                wx_bindings::runtime::subscribe_wx(#js_name, #off, wx_bindings::raw::#raw, #convert)
            });
            let checked_body = quote!({
                #rebind
                wx_bindings::runtime::subscribe_wx_checked(running, wx_bindings::version::Version::new(#major, #minor, #patch), #js_name, #off, #convert)
            });
            let text = format!(
                "`listener` receives each event. Returns the subscription: dropping it stops delivery at once (even on bases without `off*`), `forget` keeps it; `EventStream::new({ident})` streams the events instead. The JS side registers once per event however many subscribe (see [`runtime::Subscription`](crate::runtime::Subscription)). `Err(WxError::Js)` when `wx.{}` is missing at run time.{}",
                api.name,
                kind.doc()
            );
            (
                quote!((#params) -> #output),
                body,
                quote!((running: &wx_bindings::version::RunningVersion, #params) -> #output),
                checked_body,
                text,
            )
        }
        Kind::Listener => {
            let on = format!("on{}", &api.name[3..]);
            let removes_all = e.params.first().is_none_or(|p| p.optional);
            let raw_call = match e.params.first() {
                None => quote!(wx_bindings::raw::#raw().map_err(|error| wx_bindings::WxError::js(#js_name, error))),
                Some(p) if p.optional => quote!(
                    wx_bindings::raw::#raw(::core::option::Option::None).map_err(|error| wx_bindings::WxError::js(#js_name, error))
                ),
                Some(_) => quote!(::core::result::Result::Ok(())),
            };
            let checked_call = if removes_all {
                quote!(crate::__private::call_checked::<()>(running, #js_name, wx_bindings::version::Version::new(#major, #minor, #patch), ::std::vec![]))
            } else {
                quote!(running.require(#js_name, wx_bindings::version::Version::new(#major, #minor, #patch)))
            };
            let output = quote!(::core::result::Result<(), wx_bindings::WxError>);
            let body = quote!({
                wx_bindings::runtime::unsubscribe_all_wx(#on);
                #raw_call
            });
            let checked_body = quote!({
                #checked_call?;
                wx_bindings::runtime::unsubscribe_all_wx(#on);
                ::core::result::Result::Ok(())
            });
            let text = format!(
                "Ends every subscription to `{on}` made through the typed layer, then calls `wx.{}`{} so that listeners registered some other way go too.",
                api.name,
                if removes_all { " without a listener" } else { "" }
            );
            (
                quote!(() -> #output),
                body,
                quote!((running: &wx_bindings::version::RunningVersion) -> #output),
                checked_body,
                text,
            )
        }
        _ => {
            let args = plain_args(model, api, 0..e.params.len());
            let params: Vec<TokenStream> = args
                .iter()
                .map(|a| {
                    let (n, t) = (&a.ident, &a.ty);
                    quote!(#n: #t)
                })
                .collect();
            let raw_args: Vec<&TokenStream> = args.iter().map(|a| &a.raw).collect();
            let js_args: Vec<&TokenStream> = args.iter().map(|a| &a.js).collect();
            let shape = e.returns_shape.clone().unwrap_or(Shape::Void);
            // The typed return, how to make it from the raw one (if it differs), the raw return.
            let (ret, convert, raw_ret) = match &shape {
                Shape::Object(name) if model.object_type(name).is_some() => {
                    let t = model.object_type(name).expect("checked");
                    (
                        t.clone(),
                        Some(quote!(<#t as wx_bindings::runtime::JsObject>::from_js)),
                        quote!(#js),
                    )
                }
                Shape::String => (quote!(::std::string::String), None, quote!(::std::string::String)),
                Shape::Number => (quote!(f64), None, quote!(f64)),
                Shape::Boolean => (quote!(bool), None, quote!(bool)),
                Shape::ArrayBuffer => (quote!(js_sys::ArrayBuffer), None, quote!(js_sys::ArrayBuffer)),
                Shape::Void => (quote!(()), None, quote!(())),
                _ => (quote!(#js), None, quote!(#js)),
            };
            let map = convert.as_ref().map(|c| quote!(.map(#c)));
            let output = quote!(::core::result::Result<#ret, wx_bindings::WxError>);
            let body = quote!({
                wx_bindings::raw::#raw(#(#raw_args),*)
                    #map
                    .map_err(|error| wx_bindings::WxError::thrown(#js_name, error))
            });
            let checked_body = quote!({
                crate::__private::call_checked::<#raw_ret>(
                    running, #js_name, wx_bindings::version::Version::new(#major, #minor, #patch), ::std::vec![#(#js_args),*],
                )
                #map
            });
            let text = format!(
                "Returns `Err(WxError::Fail)` when WeChat throws its failure (`\"{0}:fail <reason>\"`, read as the callback APIs' `fail` is), `Err(WxError::Js)` when the call throws anything else or `wx.{0}` is missing at run time.",
                api.name
            );
            (
                quote!((#(#params),*) -> #output),
                body,
                quote!((running: &wx_bindings::version::RunningVersion, #(#params),*) -> #output),
                checked_body,
                text,
            )
        }
    };

    // A listener returns `Result<Subscription, _>`, whose own must-use note
    // (and rustc's "use `let _ = ...`") says nothing of unsubscribing.
    let must_use = (api.kind == Kind::Listener && api.name.starts_with("on")).then(subscription_must_use);
    let doc = docs(&function_doc(api, &returns_text));
    // Deprecated where the page permits it but today's typings do not.
    let deprecated = wx_codegen::emit::unsupported_today_attr(api, "`Err(WxError::Js)`");
    let doc = quote!(#doc #alias #must_use #deprecated);
    let sig = quote!(pub fn #ident #sig_params);
    if feature_of(api).is_none() {
        return quote!(#doc #sig #call_body);
    }
    let since = &api.since;
    let checked = format_ident!("{}_checked", api.rust_name);
    let gate = Gate {
        since,
        trait_name: format_ident!("__wx_needs_newer_base_{}", api.rust_name),
        message: format!("`wx.{js_name}` needs WeChat base library {since} or later in plugins"),
        note: {
            let note = format!(
                "{}, or call `{}::{checked}`, which checks the running version first",
                enable_note(since),
                typed_path(api).expect("typed").rsplit_once("::").expect("a path").0
            );
            match wx_codegen::emit::counterpart(js_name) {
                Some(instead) => format!("{note}; {instead}"),
                None => note,
            }
        },
    };
    let trait_item = gate.trait_item();
    let gated_fn = gate.function(&doc, &sig, &call_body);
    let checked_doc = docs(&format!(
        "[`{}`]({}) after checking that the running base library is {since} or later, so a plugin built for a lower baseline can use it where it exists. `wx.{js_name}` is looked up at run time, so using this does not raise the plugin's minimum base library; on an older base the answer is `WxError::TooOld`.",
        ident, ident
    ));
    quote! {
        #trait_item
        #gated_fn

        #checked_doc
        #alias
        #must_use
        #deprecated
        pub fn #checked #checked_params #checked_body
    }
}
