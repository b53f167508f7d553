//! Code generation: wasm-bindgen externs for permitted APIs, version gates,
//! run-time-checked companions, and stubs that turn forbidden names into
//! errors at the caller.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use wx_allowlist::names::{feature_for, feature_of};
use wx_allowlist::{Allowlist, Api, Forbidden, Kind, Source};

use crate::check::{Checked, WHAT_PLUGINS_MAY_CALL};
use crate::signature;

/// Where generated bindings live, which decides how they name `wx-bindings`
/// and how they are gated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Expanded by `wx!` in a plugin crate: paths through `::wx_bindings`,
    /// gates through `wx-bindings`' gate macros (so that *its* features
    /// decide, not the plugin's).
    UserCrate,
    /// Inside `wx-bindings` itself (the committed raw layer): paths through
    /// `crate`, gates as plain `#[cfg(feature = ...)]`.
    Bindings,
}

impl Context {
    /// The path of `wx-bindings` as seen from generated code.
    pub fn krate(self) -> TokenStream {
        match self {
            Context::UserCrate => quote!(::wx_bindings),
            Context::Bindings => quote!(crate),
        }
    }

    /// `on` when `since`'s feature is enabled, `off` otherwise.
    fn gate(self, since: &wx_allowlist::Version, on: TokenStream, off: TokenStream) -> TokenStream {
        let krate = self.krate();
        match self {
            Context::UserCrate => {
                let gate = Ident::new(
                    &wx_allowlist::names::gate_macro_for(since).expect("gated APIs have a gate"),
                    Span::call_site(),
                );
                quote! { #krate::#gate! { { #on } { #off } } }
            }
            Context::Bindings => {
                let feature = feature_for(since).expect("gated APIs have a feature");
                let on = with_cfg(&quote!(feature = #feature), on);
                let off = with_cfg(&quote!(not(feature = #feature)), off);
                quote!(#on #off)
            }
        }
    }
}

/// Puts `#[cfg(<predicate>)]` on every item of `items`.
pub fn with_cfg(predicate: &TokenStream, items: TokenStream) -> TokenStream {
    let file: syn::File = syn::parse2(items).expect("generated items parse");
    file.items
        .into_iter()
        .map(|item| quote!(#[cfg(#predicate)] #item))
        .collect()
}

/// One binding to emit, whether declared by a user or derived from the typings.
struct Binding<'a> {
    api: &'a Api,
    vis: TokenStream,
    ident: Ident,
    docs: Vec<TokenStream>,
    params: Vec<(Ident, TokenStream)>,
    ok_type: TokenStream,
    output: TokenStream,
    /// Whether to emit a `_checked` companion (the raw layer's bindings,
    /// whose parameter and return types the companion knows how to convert).
    checked_companion: bool,
}

/// Bindings for checked user declarations (the expansion of `wx!`).
pub fn declarations(checked: &[Checked]) -> TokenStream {
    let context = Context::UserCrate;
    checked
        .iter()
        .map(|Checked { decl, api }| {
            let vis = &decl.vis;
            let ok_type = &decl.ok_type;
            let output = &decl.output;
            let docs = &decl.docs;
            binding(
                &Binding {
                    api,
                    vis: quote!(#vis),
                    ident: decl.ident.clone(),
                    docs: docs.iter().map(|d| quote!(#d)).collect(),
                    params: decl.params.iter().map(|(n, t)| (n.clone(), quote!(#t))).collect(),
                    ok_type: quote!(#ok_type),
                    output: quote!(#output),
                    checked_companion: false,
                },
                context,
            )
        })
        .collect()
}

/// The raw layer (`wx_bindings::raw`): every permitted API with the
/// typings' signature, then a stub for every forbidden name.
pub fn raw_layer() -> TokenStream {
    let bindings: TokenStream = Allowlist::get().iter().map(raw_binding).collect();
    let stubs = forbidden_stubs();
    quote!(#bindings #stubs)
}

/// The raw layer's binding of one permitted API (its gate and `_checked`
/// companion included), for a generator that spreads the layer over files.
pub fn raw_binding(api: &Api) -> TokenStream {
    let context = Context::Bindings;
    // Inside wx-bindings the types are named by the paths a plugin writes
    // (`::wasm_bindgen::JsValue`): rustc quotes signatures in its errors.
    let types = quote!();
    let (params, ok_type) = signature::raw_signature(api, &types);
    let output = quote!(::core::result::Result<#ok_type, ::wasm_bindgen::JsValue>);
    binding(
        &Binding {
            api,
            vis: quote!(pub),
            ident: Ident::new(&api.rust_name, Span::call_site()),
            docs: Vec::new(),
            params,
            ok_type,
            output,
            checked_companion: true,
        },
        context,
    )
}

/// The `#[diagnostic::on_unimplemented]` trait behind a gated or forbidden
/// stub. Its one impl, for an uninhabited type and hidden from diagnostics,
/// keeps rustc from adding "this trait has no implementations".
pub fn diagnostic_trait(name: &Ident, vis: &TokenStream, message: &str, label: &str, note: &str) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        #vis trait #name {}
        #[diagnostic::do_not_recommend]
        impl #name for ::core::convert::Infallible {}
    }
}

fn binding(b: &Binding<'_>, context: Context) -> TokenStream {
    let krate = context.krate();
    let private = quote!(#krate::__private);
    let Binding {
        api,
        vis,
        ident,
        docs,
        params,
        ok_type,
        output,
        checked_companion,
    } = b;
    let js_name = &api.name;
    let param_names: Vec<&Ident> = params.iter().map(|(n, _)| n).collect();
    let param_types: Vec<&TokenStream> = params.iter().map(|(_, t)| t).collect();
    let generated_docs = doc_attrs(&api_docs(api, &ident.to_string()));
    let extern_fn = |ident: &Ident, vis: &TokenStream, docs: &TokenStream| {
        quote! {
            #[#private::wasm_bindgen::prelude::wasm_bindgen(wasm_bindgen = #private::wasm_bindgen)]
            extern "C" {
                #docs
                #[wasm_bindgen(js_namespace = wx, js_name = #js_name, catch)]
                #vis fn #ident(#(#param_names: #param_types),*) -> #output;
            }
        }
    };
    let deprecated = unsupported_today_attr(api, "`Err`");
    let all_docs = quote!(#(#docs)* #generated_docs #deprecated);
    let since = &api.since;
    let Some(feature) = feature_of(api) else {
        return extern_fn(ident, vis, &all_docs);
    };

    // Above the baseline: the binding when the feature is on, a stub whose
    // every call is an error naming the version and feature when it is off,
    // and a `_checked` companion that works either way after a run-time check.
    let needs = format_ident!("__wx_needs_newer_base_{}", ident);
    let (major, minor, patch) = (since.major, since.minor, since.patch);
    let checked_name = format!("{}_checked", api.rust_name);
    let checked_docs = doc_attrs(&format!(
        "Calls [`wx.{js_name}`]({}) after checking that the running base library is {since} or later, \
         so a plugin built for a lower baseline can use it where it exists. The function is looked up \
         at run time, so using it does not raise the plugin's minimum base library.\n\n\
         Returns [`WxError::TooOld`](crate::WxError::TooOld) on an older base library, \
         and [`WxError::Js`](crate::WxError::Js) when the call throws or the function is missing.",
        api_doc_url(api),
    ));
    let message = format!("`wx.{js_name}` needs WeChat base library {since} or later in plugins");
    let label = format!("needs base library {since}, above the enabled baseline");
    let note = format!(
        "enable the cargo feature `{feature}` of wx-bindings to raise the baseline to {since}, \
         or call `wx_bindings::raw::{checked_name}`, which checks the running version first"
    );
    let note = match counterpart(js_name) {
        Some(instead) => format!("{note}; {instead}"),
        None => note,
    };
    let needs_trait = diagnostic_trait(&needs, vis, &message, &label, &note);
    let stub = quote_spanned! {ident.span()=>
        #needs_trait

        #all_docs
        #[allow(unused_variables, clippy::too_many_arguments)]
        #vis fn #ident(#(#param_names: #param_types),*) -> #output
        where
            for<'__wx> (): #needs,
        {
            ::core::unreachable!()
        }
    };
    let enabled = extern_fn(ident, vis, &all_docs);
    let gated = context.gate(since, enabled, stub);
    if !*checked_companion {
        return gated;
    }
    let checked = format_ident!("{}", checked_name);
    quote! {
        #gated
        #checked_docs
        #deprecated
        #[allow(clippy::too_many_arguments)]
        #vis fn #checked(
            running: &#krate::version::RunningVersion,
            #(#param_names: #param_types),*
        ) -> ::core::result::Result<#ok_type, #krate::WxError> {
            #private::call_checked(
                running,
                #js_name,
                #krate::version::Version::new(#major, #minor, #patch),
                ::std::vec![#(#private::IntoJsArg::into_js_arg(#param_names)),*],
            )
        }
    }
}

/// The `#[deprecated]` note of an API the reference page permits but
/// today's typings mark unsupported in plugins ([`Api::unsupported_today`]),
/// `None` for the others. The page stays the gate, so such a call compiles;
/// the warning is the compile-time word that it may be missing on a phone.
/// `err` is what the call returns then.
pub fn unsupported_today_note(api: &Api, err: &str) -> Option<String> {
    let typings = api.typings.as_ref().filter(|_| api.unsupported_today())?;
    Some(format!(
        "`wx.{}` is on the official plugin API page, but today's WeChat may leave it out of the `wx` object \
         a plugin sees (miniprogram-api-typings {}: {}): the call then returns {err}; handle that `Err`, \
         and `#[allow(deprecated)]` silences this warning",
        api.name,
        Allowlist::get().typings_version(),
        typings.plugin
    ))
}

/// `#[deprecated(note = ...)]` with [`unsupported_today_note`] for such an
/// API, nothing for the others. The `#[allow(deprecated)]` beside it is for
/// the item's own body, which the warning is not for: on wasm32,
/// wasm-bindgen puts the attributes on its import too and calls that from
/// the binding; a typed function calls its deprecated raw binding.
pub fn unsupported_today_attr(api: &Api, err: &str) -> TokenStream {
    match unsupported_today_note(api, err) {
        Some(note) => quote!(#[deprecated(note = #note)] #[allow(deprecated)]),
        None => TokenStream::new(),
    }
}

/// The docs' word on the warning of an API [`unsupported_today_note`] covers.
pub const UNSUPPORTED_TODAY_DOC: &str = "Calling it is a `deprecated` warning, not an error: the page \
     permits it, so it stays, and the warning says it may be missing. `#[allow(deprecated)]` silences it \
     where the `Err` is handled.";

/// "plugins call `wx.X` instead (...)" for an API with a plugin counterpart.
pub fn counterpart(js_name: &str) -> Option<String> {
    let api = Allowlist::get().lookup(wx_allowlist::plugin_counterpart(js_name)?)?;
    Some(format!(
        "plugins call `wx.{}` instead (`wx_bindings::raw::{}`, base library {})",
        api.name, api.rust_name, api.since
    ))
}

/// Stubs for every known function that plugins may not call: each call is
/// an error at the caller saying so.
pub fn forbidden_stubs() -> TokenStream {
    Allowlist::get().forbidden_iter().map(forbidden_stub).collect()
}

/// The stub of one function that plugins may not call.
pub fn forbidden_stub(f: &Forbidden) -> TokenStream {
    // The paths a plugin writes, as in `raw_layer`.
    let types = quote!();
    let list = Allowlist::get();
    let ident = Ident::new(&f.rust_name, Span::call_site());
    let not_available = format_ident!("__wx_not_available_{}", ident);
    let generics: Vec<Ident> = (0..f.typings.params.len()).map(|i| format_ident!("A{}", i)).collect();
    let ok_type = signature::return_type(f.typings.returns, &types);
    let message = format!("`wx.{}` is not available to WeChat plugins", f.name);
    let mut note = format!(
        "WeChat leaves it out of the `wx` object a plugin sees (miniprogram-api-typings {}: {})",
        list.typings_version(),
        f.typings.plugin
    );
    match counterpart(&f.name) {
        Some(instead) => note.push_str(&format!("; {instead}")),
        None => note.push_str(&format!("; {WHAT_PLUGINS_MAY_CALL}")),
    }
    let diagnostic = diagnostic_trait(
        &not_available,
        &quote!(pub),
        &message,
        "not on the WeChat plugin allowlist",
        &note,
    );
    quote! {
        #diagnostic

        #[doc(hidden)]
        pub fn #ident<#(#generics),*>(#(_: #generics),*) -> ::core::result::Result<#ok_type, ::wasm_bindgen::JsValue>
        where
            for<'__wx> (): #not_available,
        {
            ::core::unreachable!()
        }
    }
}

fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| format!(" {line}"));
    quote!(#(#[doc = #lines])*)
}

fn api_doc_url(api: &Api) -> String {
    api.typings.as_ref().and_then(|t| t.doc.clone()).unwrap_or_else(|| {
        format!(
            "https://developers.weixin.qq.com/miniprogram/dev/api/wx.{}.html",
            api.name
        )
    })
}

/// The generated rustdoc of a binding: what it binds, since when, behind
/// which gate, from which source.
fn api_docs(api: &Api, rust_name: &str) -> String {
    let mut doc = format!("Binds [`wx.{}`]({}).", api.name, api_doc_url(api));
    if !api.summary().is_empty() {
        doc.push_str(&format!(" {}", api.summary()));
    }
    let kind = match api.kind {
        Kind::Async => "async: one options object with `success` / `fail` / `complete` callbacks",
        Kind::Task => "async, returning a task object (`abort()`, progress listeners)",
        Kind::Sync => "sync: returns a value or throws",
        Kind::Factory => "factory: returns an object with methods of its own",
        Kind::Listener => "event listener: registers or unregisters a callback",
        Kind::Converter => "sync data converter",
    };
    let gate = match feature_for(&api.since) {
        None => "none: available at the default baseline".to_string(),
        Some(feature) => format!(
            "`{feature}` (without it, calling `{rust_name}` is a compile error; \
             `wx_bindings::raw::{}_checked` checks the running version instead)",
            api.rust_name
        ),
    };
    let sources: Vec<String> = api
        .sources
        .iter()
        .map(|s| match s {
            Source::ReferencePage => "the reference page (1.9.x)".to_string(),
            Source::Typings => format!("miniprogram-api-typings {}", Allowlist::get().typings_version()),
        })
        .collect();
    doc.push_str("\n\n");
    doc.push_str(&format!("* Minimum base library in plugins: **{}**\n", api.since));
    doc.push_str(&format!("* Kind: {kind}\n"));
    doc.push_str(&format!("* Cargo feature: {gate}\n"));
    doc.push_str(&format!("* Source: {}\n", sources.join(", ")));
    match &api.legacy {
        Some(Some(modern)) => doc.push_str(&format!(
            "\nLegacy spelling: the reference page lists it; today's typings spell it `wx.{modern}`.\n"
        )),
        Some(None) => doc.push_str("\nLegacy API: the reference page lists it; today's typings no longer carry it.\n"),
        None => {}
    }
    if let Some(note) = &api.disagreement {
        doc.push_str(&format!(
            "\n**Note:** {note}. It may be missing at run time on today's bases: the call then returns `Err`.\n"
        ));
    }
    if api.unsupported_today() {
        doc.push_str(&format!("\n{UNSUPPORTED_TODAY_DOC}\n"));
    }
    doc.push_str("\nReturns `Err` with the JS exception when the call throws or the function is missing at run time.");
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::parse::parse_declarations;

    fn expand(tokens: TokenStream) -> String {
        let mut errors = crate::parse::Errors::default();
        let checked = check(parse_declarations(tokens, &mut errors), &mut errors);
        let checked = errors.finish(checked).unwrap_or_else(|e| panic!("{e}"));
        declarations(&checked).to_string()
    }

    #[test]
    fn baseline_api_is_a_plain_catching_extern() {
        let out = expand(quote! { pub fn show_toast(options: &JsValue) -> Result<(), JsValue>; });
        assert!(
            out.contains("js_namespace = wx , js_name = \"showToast\" , catch"),
            "{out}"
        );
        assert!(!out.contains("__wx_gate"), "{out}");
        assert!(out.contains("Minimum base library in plugins: **1.9.6**"), "{out}");
    }

    #[test]
    fn newer_api_is_gated_with_a_stub_and_a_checked_companion() {
        let out = expand(quote! { pub fn get_recorder_manager() -> Result<JsValue, JsValue>; });
        assert!(out.contains(":: wx_bindings :: __wx_gate_base_1_9_94 !"), "{out}");
        assert!(
            out.contains("for < '__wx > () : __wx_needs_newer_base_get_recorder_manager"),
            "{out}"
        );
        assert!(
            out.contains("`wx.getRecorderManager` needs WeChat base library 1.9.94 or later in plugins"),
            "{out}"
        );
        // Custom declarations have no companion; the raw layer's does, gated by cfg.
        assert!(!out.contains("fn get_recorder_manager_checked"), "{out}");
        let raw = raw_layer().to_string();
        assert!(raw.contains("pub fn get_recorder_manager_checked"), "companion missing");
        assert!(
            raw.contains("\"getRecorderManager\" , crate :: version :: Version :: new (1u64 , 9u64 , 94u64)"),
            "companion check missing"
        );
        assert!(raw.contains("# [cfg (feature = \"base-1-9-94\")]"), "cfg gate missing");
    }

    #[test]
    fn forbidden_and_early_names_point_to_their_plugin_counterpart() {
        let stubs = forbidden_stubs().to_string();
        assert!(
            stubs.contains(
                "plugins call `wx.requestPluginPayment` instead (`wx_bindings::raw::request_plugin_payment`, base library 2.22.1)"
            ),
            "requestPayment's note"
        );
        assert!(stubs.contains(WHAT_PLUGINS_MAY_CALL));
        assert!(!stubs.contains("cargo run -p wx-allowlist"));
        // wx.login is usable from 2.3.1; below it, the error names pluginLogin too.
        let raw = raw_layer().to_string();
        assert!(
            raw.contains("which checks the running version first; plugins call `wx.pluginLogin` instead"),
            "login's note"
        );
    }

    /// The APIs of issue 20 item 9: on the reference page, marked
    /// `在插件中使用：不支持` by miniprogram-api-typings.
    const UNSUPPORTED_TODAY: [&str; 6] = [
        "onAccelerometerChange",
        "onBackgroundAudioPause",
        "onBackgroundAudioPlay",
        "onBackgroundAudioStop",
        "onCompassChange",
        "onUserCaptureScreen",
    ];

    #[test]
    fn apis_unsupported_today_are_deprecated_with_the_typings_note() {
        let raw = raw_layer().to_string();
        assert_eq!(
            raw.matches("# [deprecated").count(),
            UNSUPPORTED_TODAY.len(),
            "raw layer"
        );
        for name in UNSUPPORTED_TODAY {
            let note = format!(
                "`wx.{name}` is on the official plugin API page, but today's WeChat may leave it out of the `wx` \
                 object a plugin sees (miniprogram-api-typings 5.2.3: not supported in plugins): the call then returns `Err`;"
            );
            assert!(raw.contains(&note), "raw layer lacks {note}");
        }
        // The form a plugin declares with wx! warns too; a supported API does not.
        let out = expand(quote! {
            pub fn on_compass_change(listener: &js_sys::Function) -> Result<(), JsValue>;
            pub fn on_network_status_change(listener: &js_sys::Function) -> Result<(), JsValue>;
        });
        assert_eq!(out.matches("# [deprecated").count(), 1, "{out}");
        assert!(out.contains("# [deprecated (note = \"`wx.onCompassChange`"), "{out}");
    }

    #[test]
    fn docs_carry_disagreements_and_legacy_spellings() {
        let list = Allowlist::get();
        let docs = api_docs(list.lookup("onCompassChange").unwrap(), "on_compass_change");
        assert!(docs.contains("mark it not supported in plugins"), "{docs}");
        assert!(docs.contains(UNSUPPORTED_TODAY_DOC), "{docs}");
        let docs = api_docs(list.lookup("onBLEConnectionStateChanged").unwrap(), "x");
        assert!(
            docs.contains("today's typings spell it `wx.onBLEConnectionStateChange`"),
            "{docs}"
        );
    }
}
