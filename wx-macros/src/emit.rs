//! Code generation: wasm-bindgen externs for permitted APIs, version gates,
//! run-time-checked companions, and stubs that turn forbidden names into
//! errors at the caller.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use wx_allowlist::{Allowlist, Api, Kind, Source, feature_for};

use crate::check::Checked;
use crate::signature;

/// The path of `wx-bindings` as seen from generated code.
pub fn default_crate_path() -> TokenStream {
    quote!(::wx_bindings)
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

/// Bindings for checked user declarations.
pub fn declarations(checked: &[Checked], krate: &TokenStream) -> TokenStream {
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
                krate,
            )
        })
        .collect()
}

/// Set (to anything) while compiling `wx-bindings` to bind only the
/// reference page's 104 APIs: `scripts/bench-build.sh` uses it to measure
/// what the APIs added from the typings cost a plugin's build and wasm.
pub const PAGE_ONLY_ENV: &str = "WX_BENCH_REFERENCE_PAGE_ONLY";

/// The raw layer: every permitted API with the typings' signature.
pub fn raw_layer(krate: &TokenStream) -> TokenStream {
    let private = quote!(#krate::__private);
    let page_only = std::env::var_os(PAGE_ONLY_ENV).is_some();
    Allowlist::get()
        .iter()
        .filter(|api| !page_only || api.on_reference_page())
        .map(|api| {
            let (params, ok_type) = signature::raw_signature(api, &private);
            let output = quote!(::core::result::Result<#ok_type, #private::wasm_bindgen::JsValue>);
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
                krate,
            )
        })
        .collect()
}

fn binding(b: &Binding<'_>, krate: &TokenStream) -> TokenStream {
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
    let all_docs = quote!(#(#docs)* #generated_docs);
    let since = &api.since;
    let Some(feature) = api.feature() else {
        return extern_fn(ident, vis, &all_docs);
    };

    // Above the baseline: the binding when the feature is on, a stub whose
    // every call is an error naming the version and feature when it is off,
    // and a `_checked` companion that works either way after a run-time check.
    let gate = Ident::new(
        &wx_allowlist::gate_macro_for(since).expect("gated APIs have a gate"),
        Span::call_site(),
    );
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
    let stub = quote_spanned! {ident.span()=>
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        #vis trait #needs {}

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
    let gated = quote! {
        #krate::#gate! {
            { #enabled }
            { #stub }
        }
    };
    if !*checked_companion {
        return gated;
    }
    let checked = format_ident!("{}", checked_name);
    quote! {
        #gated
        #checked_docs
        #[allow(clippy::too_many_arguments)]
        #vis fn #checked(
            running: &#krate::version::RunningVersion,
            #(#param_names: #param_types),*
        ) -> ::core::result::Result<#ok_type, #krate::WxError> {
            #private::call_checked(
                running,
                #js_name,
                (#major, #minor, #patch),
                ::std::vec![#(#private::IntoJsArg::into_js_arg(#param_names)),*],
            )
        }
    }
}
/// Stubs for every known function that plugins may not call: each call is
/// an error at the caller saying so.
pub fn forbidden_stubs(krate: &TokenStream) -> TokenStream {
    let private = quote!(#krate::__private);
    Allowlist::get()
        .forbidden_iter()
        .map(|f| {
            let ident = Ident::new(&f.rust_name, Span::call_site());
            let not_available = format_ident!("__wx_not_available_{}", ident);
            let generics: Vec<Ident> = (0..f.typings.params.len()).map(|i| format_ident!("A{}", i)).collect();
            let ok_type = signature::return_type(f.typings.returns, &private);
            let message = format!("`wx.{}` is not available to WeChat plugins", f.name);
            let note = format!(
                "WeChat leaves it out of the `wx` object a plugin sees (miniprogram-api-typings {}: {}); \
                 `cargo run -p wx-allowlist` lists what plugins may call",
                Allowlist::get().typings_version(),
                f.typings.plugin
            );
            quote! {
                #[doc(hidden)]
                #[allow(non_camel_case_types)]
                #[diagnostic::on_unimplemented(message = #message, label = "not on the WeChat plugin allowlist", note = #note)]
                pub trait #not_available {}

                #[doc(hidden)]
                pub fn #ident<#(#generics),*>(#(_: #generics),*) -> ::core::result::Result<#ok_type, #private::wasm_bindgen::JsValue>
                where
                    for<'__wx> (): #not_available,
                {
                    ::core::unreachable!()
                }
            }
        })
        .collect()
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
        declarations(&checked, &quote!(::wx_bindings)).to_string()
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
        // Custom declarations have no companion; the raw layer's does.
        assert!(!out.contains("fn get_recorder_manager_checked"), "{out}");
        let raw = raw_layer(&quote!(::wx_bindings)).to_string();
        assert!(raw.contains("pub fn get_recorder_manager_checked"), "companion missing");
        assert!(
            raw.contains("\"getRecorderManager\" , (1u64 , 9u64 , 94u64)"),
            "companion check missing"
        );
    }

    #[test]
    fn docs_carry_disagreements_and_legacy_spellings() {
        let list = Allowlist::get();
        let docs = api_docs(list.lookup("onCompassChange").unwrap(), "on_compass_change");
        assert!(docs.contains("mark it not supported in plugins"), "{docs}");
        let docs = api_docs(list.lookup("onBLEConnectionStateChanged").unwrap(), "x");
        assert!(
            docs.contains("today's typings spell it `wx.onBLEConnectionStateChange`"),
            "{docs}"
        );
    }

    #[test]
    fn generation_is_deterministic() {
        let a = raw_layer(&quote!(::wx_bindings)).to_string();
        let b = raw_layer(&quote!(::wx_bindings)).to_string();
        assert_eq!(a, b);
        assert!(
            forbidden_stubs(&quote!(::wx_bindings))
                .to_string()
                .contains("pub fn authorize < A0 >")
        );
    }
}
