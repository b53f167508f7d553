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

/// What a kind of API makes of a typed function: the parameters (the
/// `_checked` companion takes `running` before them), the return type, the
/// bodies, and what the docs say it returns. `function_items` adds the
/// rest (docs, gate, companion), which every kind shares.
struct Plumbing {
    params: Vec<TokenStream>,
    output: TokenStream,
    body: TokenStream,
    checked_body: TokenStream,
    returns_text: String,
}

/// The facts about an API every kind's plumbing reads.
struct Call<'a> {
    model: &'a Model,
    api: &'static Api,
    e: &'static wx_allowlist::TypingsEntry,
    js_name: &'static str,
    /// The raw binding, `wx_bindings::raw::<name>`.
    raw: TokenStream,
    /// `wx_bindings::version::Version::new(..)` of the API's base.
    version: TokenStream,
}

impl Arg {
    /// `ident: Type`.
    fn param(&self) -> TokenStream {
        let (n, t) = (&self.ident, &self.ty);
        quote!(#n: #t)
    }
}

impl Call<'_> {
    /// The type of the options object the first parameter names, if it has one.
    fn options(&self) -> Option<TokenStream> {
        let name = self.e.param_shapes.first().and_then(Shape::object_name)?;
        self.model.object_type(name)
    }

    /// What `success` answers with: its result type, or `()` for a bare report.
    fn success(&self) -> TokenStream {
        match self.e.success.as_ref().and_then(Shape::object_name) {
            Some(name) if !is_report(self.model.list, name) => {
                self.model.object_type(name).unwrap_or(quote!(wasm_bindgen::JsValue))
            }
            _ => quote!(()),
        }
    }

    /// Takes an options object with `success`/`fail`: a [`WxFuture`].
    fn callback(&self) -> Plumbing {
        let Call {
            js_name, raw, version, ..
        } = self;
        let js = quote!(wasm_bindgen::JsValue);
        let success = self.success();
        let extra = plain_args(self.model, self.api, 1..self.e.params.len());
        let extra_raw = extra.iter().map(|a| &a.raw);
        let extra_js = extra.iter().map(|a| &a.js);
        let (options_param, options_value) = match self.options() {
            Some(t) => (
                Some(quote!(options: &#t)),
                quote!(::core::convert::AsRef::<#js>::as_ref(options)),
            ),
            None => (None, quote!(&#js::UNDEFINED)),
        };
        let call = if extra.is_empty() {
            raw.clone()
        } else {
            quote!(|options| #raw(options, #(#extra_raw),*))
        };
        Plumbing {
            params: options_param.into_iter().chain(extra.iter().map(Arg::param)).collect(),
            output: quote!(wx_bindings::runtime::WxFuture<#success>),
            body: quote!({ wx_bindings::runtime::call(#js_name, #options_value, #call) }),
            checked_body: quote!({
                crate::__private::call_async_checked(
                    running, #js_name, #version, #options_value, ::std::vec![#(#extra_js),*],
                )
            }),
            returns_text: format!(
                "Resolves to {} when WeChat calls `success`, to `WxError::Fail` with WeChat's `errMsg` and `errno` when it calls `fail`, and to `WxError::Js` at once when the call throws or `wx.{js_name}` is missing. The call is made at once; dropping the future is safe.",
                if success.to_string() == "()" {
                    "`()`"
                } else {
                    "the result"
                },
            ),
        }
    }

    /// Returns a task object: a [`Task`].
    fn task(&self) -> Plumbing {
        let Call { js_name, raw, .. } = self;
        let options = self.options().expect("tasks take options");
        let success = self.success();
        let object = self
            .e
            .returns_shape
            .as_ref()
            .and_then(Shape::object_name)
            .and_then(|n| self.model.object_type(n))
            .expect("tasks return an object");
        let body = quote!({
            wx_bindings::runtime::task(#js_name, ::core::convert::AsRef::<wasm_bindgen::JsValue>::as_ref(options), #raw)
        });
        Plumbing {
            params: vec![quote!(options: &#options)],
            output: quote!(wx_bindings::runtime::Task<#success, #object>),
            checked_body: body.clone(),
            body,
            returns_text: format!(
                "Starts the task at once. Await the [`Task`](crate::runtime::Task) for WeChat's answer; `object()` is the task object with its methods and events. Dropping the task before it finishes aborts it. `wx.{js_name}` missing or throwing: the task fails at once."
            ),
        }
    }

    /// `on*`: a [`Subscription`].
    fn on(&self) -> Plumbing {
        let Call {
            e,
            api,
            js_name,
            raw,
            version,
            ..
        } = self;
        let ident = member_ident(&api.name);
        let kind = event_payload(self.model.list, js_name, e.payload.as_ref());
        let (payload, convert) = kind.rust(self.model, js_name);
        let rebind = rebind(&convert);
        // A legacy spelling's off* (the modern one) may not remove what it registered.
        let off = match (&e.off, &api.legacy) {
            (Some(off), None) => quote!(::core::option::Option::Some(#off)),
            _ => quote!(::core::option::Option::None),
        };
        Plumbing {
            params: vec![quote!(listener: impl ::core::ops::FnMut(#payload) + 'static)],
            output: quote!(::core::result::Result<wx_bindings::runtime::Subscription, wx_bindings::WxError>),
            body: quote!({
                #rebind
                wx_bindings::runtime::subscribe_wx(#js_name, #off, #raw, #convert)
            }),
            checked_body: quote!({
                #rebind
                wx_bindings::runtime::subscribe_wx_checked(running, #version, #js_name, #off, #convert)
            }),
            returns_text: format!(
                "`listener` receives each event. Returns the subscription: dropping it stops delivery at once (even on bases without `off*`), `forget` keeps it; `EventStream::new({ident})` streams the events instead. The JS side registers once per event however many subscribe (see [`runtime::Subscription`](crate::runtime::Subscription)). `Err(WxError::Js)` when `wx.{js_name}` is missing at run time.{}",
                kind.doc()
            ),
        }
    }

    /// `off*`: ends the typed layer's subscriptions, then calls WeChat's.
    fn off(&self) -> Plumbing {
        let Call {
            e,
            js_name,
            raw,
            version,
            ..
        } = self;
        let on = format!("on{}", &js_name[3..]);
        let removes_all = e.params.first().is_none_or(|p| p.optional);
        let raw_call = match e.params.first() {
            None => quote!(#raw().map_err(|error| wx_bindings::WxError::js(#js_name, error))),
            Some(p) if p.optional => quote!(
                #raw(::core::option::Option::None).map_err(|error| wx_bindings::WxError::js(#js_name, error))
            ),
            Some(_) => quote!(::core::result::Result::Ok(())),
        };
        let checked_call = if removes_all {
            quote!(crate::__private::call_checked::<()>(running, #js_name, #version, ::std::vec![]))
        } else {
            quote!(running.require(#js_name, #version))
        };
        Plumbing {
            params: Vec::new(),
            output: quote!(::core::result::Result<(), wx_bindings::WxError>),
            body: quote!({
                wx_bindings::runtime::unsubscribe_all_wx(#on);
                #raw_call
            }),
            checked_body: quote!({
                #checked_call?;
                wx_bindings::runtime::unsubscribe_all_wx(#on);
                ::core::result::Result::Ok(())
            }),
            returns_text: format!(
                "Ends every subscription to `{on}` made through the typed layer, then calls `wx.{js_name}`{} so that listeners registered some other way go too.",
                if removes_all { " without a listener" } else { "" }
            ),
        }
    }

    /// Sync APIs, factories and converters: returns a value or throws.
    fn sync(&self) -> Plumbing {
        let Call {
            e,
            js_name,
            raw,
            version,
            ..
        } = self;
        let js = quote!(wasm_bindgen::JsValue);
        let args = plain_args(self.model, self.api, 0..e.params.len());
        let raw_args = args.iter().map(|a| &a.raw);
        let js_args = args.iter().map(|a| &a.js);
        let shape = e.returns_shape.clone().unwrap_or(Shape::Void);
        // The typed return, how to make it from the raw one (if it differs), the raw return.
        let (ret, convert, raw_ret) = match &shape {
            Shape::Object(name) if self.model.object_type(name).is_some() => {
                let t = self.model.object_type(name).expect("checked");
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
        Plumbing {
            params: args.iter().map(Arg::param).collect(),
            output: quote!(::core::result::Result<#ret, wx_bindings::WxError>),
            body: quote!({
                #raw(#(#raw_args),*)
                    #map
                    .map_err(|error| wx_bindings::WxError::thrown(#js_name, error))
            }),
            checked_body: quote!({
                crate::__private::call_checked::<#raw_ret>(
                    running, #js_name, #version, ::std::vec![#(#js_args),*],
                )
                #map
            }),
            returns_text: format!(
                "Returns `Err(WxError::Fail)` when WeChat throws its failure (`\"{js_name}:fail <reason>\"`, read as the callback APIs' `fail` is), `Err(WxError::Js)` when the call throws anything else or `wx.{js_name}` is missing at run time."
            ),
        }
    }
}

pub(crate) fn function_items(model: &Model, api: &'static Api) -> TokenStream {
    if api.typings.is_none() {
        return untyped_function_items(api);
    }
    let ident = member_ident(&api.name);
    let js_name = &api.name;
    let alias = alias(&api.name, &ident);
    let (major, minor, patch) = (api.since.major, api.since.minor, api.since.patch);
    let raw = format_ident!("{}", api.rust_name);
    let call = Call {
        model,
        api,
        e: entry(api),
        js_name,
        raw: quote!(wx_bindings::raw::#raw),
        version: quote!(wx_bindings::version::Version::new(#major, #minor, #patch)),
    };
    let Plumbing {
        params,
        output,
        body: call_body,
        checked_body,
        returns_text,
    } = match api.kind {
        Kind::Async => call.callback(),
        Kind::Task => call.task(),
        Kind::Listener if api.name.starts_with("on") => call.on(),
        Kind::Listener => call.off(),
        _ => call.sync(),
    };
    let sig_params = quote!((#(#params),*) -> #output);
    // `running` first; no trailing comma when there is nothing after it.
    let checked = std::iter::once(quote!(running: &wx_bindings::version::RunningVersion)).chain(params);
    let checked_params = quote!((#(#checked),*) -> #output);

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
