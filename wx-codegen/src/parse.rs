//! Parsing `wx!` input: a list of function signatures ending in `;`.
//!
//! Syntax errors stop parsing; every other problem is collected so that one
//! compile reports all of them, each at its own span.

use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{
    Attribute, FnArg, GenericArgument, Ident, LitStr, Pat, PathArguments, ReturnType, Signature, Token, Type,
    Visibility,
};

/// One declared binding.
#[derive(Clone)]
pub struct Declaration {
    /// Doc comments, passed through to the binding.
    pub docs: Vec<Attribute>,
    /// The binding's visibility.
    pub vis: Visibility,
    /// The binding's Rust name.
    pub ident: Ident,
    /// `#[wx(js_name = "...")]`, when given.
    pub js_name: Option<LitStr>,
    /// Parameters: name and type.
    pub params: Vec<(Ident, Type)>,
    /// The `T` of the declared `Result<T, JsValue>`.
    pub ok_type: Type,
    /// The declared return type, as written.
    pub output: Type,
}

impl Declaration {
    /// The name to look up in the allowlist, and the span to report it at.
    pub fn lookup_name(&self) -> (String, Span) {
        match &self.js_name {
            Some(lit) => (lit.value(), lit.span()),
            None => (self.ident.to_string(), self.ident.span()),
        }
    }
}

/// Collects errors so they can be reported together.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    /// Records one error.
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// `Err` with every recorded error, or `Ok(value)` if there were none.
    pub fn finish<T>(self, value: T) -> Result<T, syn::Error> {
        match self.0 {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

/// Parses the body of a `wx!` invocation. A syntax error yields no
/// declarations; a declaration with other problems is still returned, so
/// that its name can be checked too, and its problems go to `errors`.
pub fn parse_declarations(input: TokenStream, errors: &mut Errors) -> Vec<Declaration> {
    match Parser::parse2(parse_raw_items, input) {
        Ok(raw) => raw
            .into_iter()
            .map(|(attrs, vis, sig)| declaration(attrs, vis, sig, errors))
            .collect(),
        Err(error) => {
            errors.push(error);
            Vec::new()
        }
    }
}

type RawItem = (Vec<Attribute>, Visibility, Signature);

fn parse_raw_items(input: ParseStream) -> syn::Result<Vec<RawItem>> {
    let mut items = Vec::new();
    while !input.is_empty() {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        if !input.peek(Token![fn])
            && !input.peek(Token![async])
            && !input.peek(Token![unsafe])
            && !input.peek(Token![const])
        {
            return Err(input.error(
                "expected a function declaration like `pub fn show_toast(options: &JsValue) -> Result<(), JsValue>;`",
            ));
        }
        let sig: Signature = input.parse()?;
        if input.peek(syn::token::Brace) {
            let body: proc_macro2::Group = input.parse()?;
            return Err(syn::Error::new(
                body.span(),
                "a wx! declaration has no body: end it with `;`",
            ));
        }
        input
            .parse::<Token![;]>()
            .map_err(|e| syn::Error::new(e.span(), "expected `;` after the declaration"))?;
        items.push((attrs, vis, sig));
    }
    Ok(items)
}

fn declaration(attrs: Vec<Attribute>, vis: Visibility, sig: Signature, errors: &mut Errors) -> Declaration {
    let mut docs = Vec::new();
    let mut js_name = None;
    for attr in attrs {
        if attr.path().is_ident("doc") {
            docs.push(attr);
        } else if attr.path().is_ident("wx") {
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("js_name") {
                    js_name = Some(meta.value()?.parse::<LitStr>()?);
                    Ok(())
                } else {
                    Err(meta.error("unknown wx! option; the only one is `js_name = \"...\"`"))
                }
            });
            if let Err(error) = parsed {
                errors.push(error);
            }
        } else {
            errors.push(syn::Error::new(
                attr.span(),
                "only doc comments and `#[wx(js_name = \"...\")]` may annotate a wx! declaration",
            ));
        }
    }
    let unsupported = [
        (sig.constness.map(|t| t.span()), "a wx binding cannot be `const`"),
        (
            sig.asyncness.map(|t| t.span()),
            "a wx binding cannot be `async`: bind the function as JS declares it, with its `success`/`fail` callbacks in the options",
        ),
        (
            match &sig.safety {
                syn::Safety::Unsafe(t) => Some(t.span()),
                _ => None,
            },
            "a wx binding is safe to call: remove `unsafe`",
        ),
        (sig.abi.as_ref().map(|t| t.span()), "a wx binding takes no ABI string"),
        (
            sig.variadic.as_ref().map(|t| t.span()),
            "a wx binding cannot be variadic",
        ),
    ];
    for (span, message) in unsupported {
        if let Some(span) = span {
            errors.push(syn::Error::new(span, message));
        }
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.push(syn::Error::new(
            sig.generics.span(),
            "a wx binding cannot be generic: JS signatures have concrete types",
        ));
    }
    let mut params = Vec::new();
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(receiver) => errors.push(syn::Error::new(
                receiver.span(),
                "a wx binding is a free function: remove `self`",
            )),
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => {
                    params.push((pat.ident.clone(), (*typed.ty).clone()));
                }
                other => errors.push(syn::Error::new(
                    other.span(),
                    "parameters of a wx binding must be plain names",
                )),
            },
        }
    }
    let (output, ok_type) = match &sig.output {
        ReturnType::Type(_, ty) => match result_ok_type(ty) {
            Some(ok) => ((**ty).clone(), ok),
            None => {
                errors.push(syn::Error::new(ty.span(), RESULT_REQUIRED));
                ((**ty).clone(), (**ty).clone())
            }
        },
        ReturnType::Default => {
            errors.push(syn::Error::new(sig.ident.span(), RESULT_REQUIRED));
            (syn::parse_quote!(()), syn::parse_quote!(()))
        }
    };
    Declaration {
        docs,
        vis,
        ident: sig.ident,
        js_name,
        params,
        ok_type,
        output,
    }
}

const RESULT_REQUIRED: &str = "a wx binding must return `Result<T, JsValue>` (`Result<(), JsValue>` for none): a JS exception or a function missing at run time then becomes an `Err` instead of a trap";

/// The `T` of a `Result<T, E>` type written with a path ending in `Result`.
fn result_ok_type(ty: &Type) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|arg| match arg {
        GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    });
    let ok = types.next()?;
    types.next()?;
    Some(ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(tokens: TokenStream) -> Vec<Declaration> {
        let mut errors = Errors::default();
        let decls = parse_declarations(tokens, &mut errors);
        errors.finish(()).unwrap_or_else(|e| panic!("{e}"));
        decls
    }

    fn messages(tokens: TokenStream) -> Vec<String> {
        let mut errors = Errors::default();
        parse_declarations(tokens, &mut errors);
        errors
            .finish(())
            .expect_err("expected errors")
            .into_iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn parses_declarations_with_docs_and_js_name() {
        let decls = parse(quote! {
            /// Shows a toast.
            pub fn show_toast(options: &JsValue) -> Result<(), JsValue>;
            #[wx(js_name = "getStorageSync")]
            fn read(key: &str) -> core::result::Result<JsValue, JsValue>;
        });
        assert_eq!(decls.len(), 2);
        assert_eq!(decls[0].ident, "show_toast");
        assert_eq!(decls[0].docs.len(), 1);
        assert_eq!(decls[0].params.len(), 1);
        assert_eq!(decls[1].lookup_name().0, "getStorageSync");
        let ok = &decls[1].ok_type;
        assert_eq!(quote!(#ok).to_string(), "JsValue");
    }

    #[test]
    fn reports_every_problem_at_once() {
        let errors = messages(quote! {
            async fn show_toast(options: &JsValue) -> Result<(), JsValue>;
            fn hide_toast<T>(options: T) -> Result<(), JsValue>;
            fn get_storage_sync(key: &str) -> JsValue;
            #[inline]
            fn vibrate_short(self) -> Result<(), JsValue>;
        });
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(errors[0].contains("cannot be `async`"));
        assert!(errors[1].contains("cannot be generic"));
        assert!(errors[2].contains("must return `Result<T, JsValue>`"));
        assert!(errors[3].contains("only doc comments"));
        assert!(errors[4].contains("remove `self`"));
    }

    #[test]
    fn a_body_or_a_missing_semicolon_is_a_syntax_error() {
        let body = messages(quote! { fn show_toast() -> Result<(), JsValue> {} });
        assert!(body[0].contains("has no body"), "{body:?}");
        let semi = messages(quote! { fn show_toast() -> Result<(), JsValue> });
        assert!(semi[0].contains("expected `;`"), "{semi:?}");
        let junk = messages(quote! { struct Foo; });
        assert!(junk[0].contains("expected a function declaration"), "{junk:?}");
    }

    #[test]
    fn unknown_wx_options_are_rejected() {
        let errors = messages(quote! {
            #[wx(catch)]
            fn show_toast(options: &JsValue) -> Result<(), JsValue>;
        });
        assert!(errors[0].contains("unknown wx! option"), "{errors:?}");
    }
}
