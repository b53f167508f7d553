//! What `#[component]` and `#[derive(Properties)]` need, as plain functions
//! over `proc_macro2` tokens (unit-tested without a compiler, as `wx!` is):
//! parse the attribute and the `impl` block, check every handler, emit the
//! `Component` impl that the runtime in `wx_bindings::component` calls.
//!
//! Every problem is collected and reported together, each at its span.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, FnArg, Ident, ImplItem, ImplItemFn, ItemImpl, LitStr, ReturnType, Type};

use crate::parse::Errors;

/// WeChat's component lifetimes.
pub const LIFETIMES: [&str; 6] = ["created", "attached", "ready", "moved", "detached", "error"];
/// WeChat's page lifetimes, as components see them.
pub const PAGE_LIFETIMES: [&str; 3] = ["show", "hide", "resize"];

/// What a handler is, to WeChat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A method the WXML binds.
    Method,
    /// A component lifetime.
    Lifetime,
    /// A page lifetime.
    PageLifetime,
    /// A `Component({ observers })` key.
    Observer,
}

impl Role {
    fn kind(self) -> TokenStream {
        match self {
            Role::Method => quote!(Method),
            Role::Lifetime => quote!(Lifetime),
            Role::PageLifetime => quote!(PageLifetime),
            Role::Observer => quote!(Observer),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Role::Method => "method",
            Role::Lifetime => "lifetime",
            Role::PageLifetime => "page lifetime",
            Role::Observer => "observer key",
        }
    }
}

/// One handler of the impl block.
pub struct Handler {
    /// The fn's name.
    pub ident: Ident,
    /// Its role.
    pub role: Role,
    /// The name WeChat calls it by: the method's, lifetime's or observer key.
    pub key: String,
    /// Whether it is `async` (takes a `Handle<Self>`).
    pub is_async: bool,
    /// The type of its optional last argument.
    pub arg: Option<Type>,
    /// Where its return type is (for the error of a return type that is
    /// not `()` or `Result<(), impl Display>`).
    pub output_span: Span,
}

impl std::fmt::Debug for Handler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} `{}` ({})", self.role, self.key, self.ident)
    }
}

/// The parsed `#[component(...)]` arguments.
pub struct Args {
    /// `name = "..."`.
    pub name: LitStr,
    /// `properties = Type`, when given.
    pub properties: Option<Type>,
}

/// Expands `#[component(args)] impl ... { ... }`, or the compile errors.
pub fn component(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let parsed_args = parse_args(args, &mut errors);
    let mut item = match syn::parse2::<ItemImpl>(item) {
        Ok(item) => item,
        Err(error) => {
            errors.push(syn::Error::new(
                error.span(),
                "#[component] goes on an `impl YourData { ... }` block of handlers",
            ));
            return errors.finish(()).unwrap_err().to_compile_error();
        }
    };
    let handlers = parse_impl(&mut item, &mut errors);
    match (errors.finish(()), parsed_args) {
        (Ok(()), Some(args)) => emit(&args, &item, &handlers),
        (Err(error), _) => {
            // The impl as written (our attributes stripped) next to the
            // errors, so that its own code is still checked and no
            // "unknown attribute" error piles on.
            let errors = error.to_compile_error();
            quote!(#item #errors)
        }
        (Ok(()), None) => quote!(#item),
    }
}

/// Parses `name = "counter", properties = CounterProps`.
pub fn parse_args(args: TokenStream, errors: &mut Errors) -> Option<Args> {
    let mut name: Option<LitStr> = None;
    let mut properties = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("name") {
            name = Some(meta.value()?.parse()?);
            Ok(())
        } else if meta.path.is_ident("properties") {
            properties = Some(meta.value()?.parse::<Type>()?);
            Ok(())
        } else {
            Err(meta.error(
                "unknown #[component] argument; it takes `name = \"my-component\"` and `properties = YourProps`",
            ))
        }
    });
    if let Err(error) = parser.parse2(args) {
        errors.push(error);
        return None;
    }
    let Some(name) = name else {
        errors.push(syn::Error::new(
            Span::call_site(),
            "#[component] needs the component's name: #[component(name = \"my-component\")] \
             (its key in plugin.json's publicComponents)",
        ));
        return None;
    };
    if let Err(message) = check_name(&name.value()) {
        errors.push(syn::Error::new(name.span(), message));
        return None;
    }
    Some(Args { name, properties })
}

/// Whether `name` can be a component name: lower-case letters, digits and
/// `-`; the error suggests the name in that form.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        return Ok(());
    }
    let mut suggestion = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !suggestion.ends_with('-') {
                suggestion.push('-');
            }
            suggestion.push(c.to_ascii_lowercase());
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            suggestion.push(c);
        } else if !suggestion.is_empty() && !suggestion.ends_with('-') {
            suggestion.push('-');
        }
    }
    let suggestion = suggestion.trim_end_matches('-');
    let mut message = format!(
        "`{name}` is not a component name: use lower-case letters, digits and `-` \
         (it is a folder and a key in plugin.json's publicComponents)"
    );
    if !suggestion.is_empty() {
        message.push_str(&format!("; did you mean `{suggestion}`?"));
    }
    Err(message)
}

/// Checks every fn of the impl, strips the handler attributes and returns
/// the handlers.
pub fn parse_impl(item: &mut ItemImpl, errors: &mut Errors) -> Vec<Handler> {
    if let Some((path, _)) = &item.trait_ {
        errors.push(syn::Error::new(
            path.span(),
            "#[component] goes on an inherent impl (`impl Counter { ... }`), not a trait impl",
        ));
    }
    if !item.generics.params.is_empty() {
        errors.push(syn::Error::new(
            item.generics.span(),
            "a component cannot be generic: WeChat creates it by name",
        ));
    }
    let mut handlers: Vec<Handler> = Vec::new();
    for impl_item in &mut item.items {
        let ImplItem::Fn(function) = impl_item else {
            continue;
        };
        let Some((role, key)) = role_of(function, errors) else {
            continue;
        };
        let Some(handler) = check_signature(function, role, key, errors) else {
            continue;
        };
        if handler.role != Role::Method
            && let Some(first) = handlers.iter().find(|h| h.role == handler.role && h.key == handler.key)
        {
            errors.push(syn::Error::new(
                handler.ident.span(),
                format!(
                    "two handlers for the {} `{}`: `{}` already handles it; WeChat calls one, so merge them",
                    handler.role.what(),
                    handler.key,
                    first.ident
                ),
            ));
            continue;
        }
        handlers.push(handler);
    }
    handlers
}

/// The role of a fn from its attributes (which are removed), and the name
/// WeChat calls it by.
fn role_of(function: &mut ImplItemFn, errors: &mut Errors) -> Option<(Role, String)> {
    let fn_name = function.sig.ident.to_string();
    let fn_name = fn_name.strip_prefix("r#").unwrap_or(&fn_name).to_string();
    let mut found: Vec<(Role, String)> = Vec::new();
    let mut ok = true;
    let mut kept: Vec<Attribute> = Vec::new();
    for attr in std::mem::take(&mut function.attrs) {
        let role = if attr.path().is_ident("lifetime") {
            Role::Lifetime
        } else if attr.path().is_ident("page_lifetime") {
            Role::PageLifetime
        } else if attr.path().is_ident("observer") {
            Role::Observer
        } else {
            kept.push(attr);
            continue;
        };
        match attr_key(&attr, role, &fn_name, function.sig.ident.span()) {
            Ok(key) => found.push((role, key)),
            Err(error) => {
                errors.push(error);
                ok = false;
            }
        }
    }
    function.attrs = kept;
    if found.len() > 1 {
        errors.push(syn::Error::new(
            function.sig.ident.span(),
            "one fn has one role: a lifetime, a page lifetime, an observer or (without an attribute) a method",
        ));
        return None;
    }
    if !ok {
        return None;
    }
    Some(found.pop().unwrap_or((Role::Method, fn_name)))
}

/// The lifetime / page lifetime named by `#[lifetime]` (the fn's name) or
/// `#[lifetime(attached)]`, checked; the key of `#[observer("a, b")]`.
fn attr_key(attr: &Attribute, role: Role, fn_name: &str, fn_span: Span) -> syn::Result<String> {
    if role == Role::Observer {
        let key: LitStr = attr.parse_args().map_err(|e| {
            syn::Error::new(
                e.span(),
                "#[observer] takes the observed fields as a string: #[observer(\"count, user.name\")]",
            )
        })?;
        if key.value().trim().is_empty() {
            return Err(syn::Error::new(
                key.span(),
                "an observer needs at least one field: \"count\", \"**\"",
            ));
        }
        return Ok(key.value());
    }
    let (name, span) = match &attr.meta {
        syn::Meta::Path(_) => (fn_name.to_string(), None),
        syn::Meta::List(_) => {
            let ident: Ident = attr.parse_args()?;
            (ident.to_string(), Some(ident.span()))
        }
        syn::Meta::NameValue(nv) => {
            return Err(syn::Error::new(
                nv.span(),
                "write #[lifetime] on a fn named after the lifetime, or #[lifetime(attached)]",
            ));
        }
    };
    let (known, what, attribute): (&[&str], _, _) = match role {
        Role::Lifetime => (&LIFETIMES, "component lifetime", "lifetime"),
        _ => (&PAGE_LIFETIMES, "page lifetime", "page_lifetime"),
    };
    if known.contains(&name.as_str()) {
        return Ok(name);
    }
    let mut message = format!("`{name}` is not a {what} WeChat calls");
    match wx_allowlist::closest_name(&name, known.iter().copied()) {
        Some(suggestion) => message.push_str(&format!("; did you mean `{suggestion}`?")),
        None => message.push_str(&format!(" (the {what}s: {})", known.join(", "))),
    }
    if span.is_none() {
        message.push_str(&format!(
            "\n(#[{attribute}] takes the fn's name; name another one with #[{attribute}(name)])"
        ));
    }
    Err(syn::Error::new(span.unwrap_or(fn_span), message))
}

/// Checks a handler's signature: `(&mut self, cx: &Context<Self>, [arg])`,
/// or `async (this: Handle<Self>, [arg])`.
fn check_signature(function: &ImplItemFn, role: Role, key: String, errors: &mut Errors) -> Option<Handler> {
    let sig = &function.sig;
    let ident = sig.ident.clone();
    let is_async = sig.asyncness.is_some();
    let fail = |errors: &mut Errors, span: Span, message: String| {
        errors.push(syn::Error::new(span, message));
        None
    };
    let expected = if is_async {
        "an async handler is `async fn name(this: Handle<Self>)`, optionally with one more argument \
         (an `Event`, or a `js_sys::Array` of the raw arguments): it runs after WeChat's call returns, \
         so it cannot borrow `self`"
    } else {
        "a handler is `fn name(&mut self, cx: &Context<Self>)`, optionally with one more argument \
         (an `Event`, or a `js_sys::Array` of the raw arguments); put helpers in another `impl` block"
    };
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        return fail(
            errors,
            sig.generics.span(),
            format!("a handler cannot be generic: {expected}"),
        );
    }
    if sig.constness.is_some() || sig.abi.is_some() || sig.variadic.is_some() {
        return fail(errors, ident.span(), format!("not a handler signature: {expected}"));
    }
    let mut inputs = sig.inputs.iter();
    let first = inputs.next();
    let rest_from = if is_async {
        match first {
            Some(FnArg::Typed(pat)) if last_segment_is(&pat.ty, "Handle") => 1,
            Some(other) => return fail(errors, other.span(), expected.to_string()),
            None => return fail(errors, ident.span(), expected.to_string()),
        }
    } else {
        let receiver_ok = matches!(
            first,
            Some(FnArg::Receiver(syn::Receiver {
                kind: syn::ReceiverKind::Reference(_, _, Some(_)),
                ..
            }))
        );
        if !receiver_ok {
            let span = first.map_or(ident.span(), |f| f.span());
            return fail(errors, span, expected.to_string());
        }
        match inputs.next() {
            Some(FnArg::Typed(pat)) if matches!(&*pat.ty, Type::Reference(r) if r.mutability.is_none() && last_segment_is(&r.elem, "Context")) =>
                {}
            Some(other) => {
                return fail(
                    errors,
                    other.span(),
                    format!("the second argument is the component's context, `cx: &Context<Self>`: {expected}"),
                );
            }
            None => {
                return fail(
                    errors,
                    sig.paren_token.span.join(),
                    format!("missing `cx: &Context<Self>` after `&mut self`: {expected}"),
                );
            }
        }
        2
    };
    let rest: Vec<&FnArg> = sig.inputs.iter().skip(rest_from).collect();
    let arg = match rest.as_slice() {
        [] => None,
        [FnArg::Typed(pat)] => Some((*pat.ty).clone()),
        [_, extra, ..] => {
            return fail(
                errors,
                extra.span(),
                format!("a handler takes at most one argument after the context: {expected}"),
            );
        }
        [other] => return fail(errors, other.span(), expected.to_string()),
    };
    let output_span = match &sig.output {
        ReturnType::Default => ident.span(),
        ReturnType::Type(_, ty) => ty.span(),
    };
    Some(Handler {
        ident,
        role,
        key,
        is_async,
        arg,
        output_span,
    })
}

/// Whether `ty` is a path whose last segment is `name` (`Context<Self>`,
/// `wx_bindings::component::Handle<Self>`).
fn last_segment_is(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name))
}

/// The impl as written plus the `Component` impl.
pub fn emit(args: &Args, item: &ItemImpl, handlers: &[Handler]) -> TokenStream {
    let self_ty = &item.self_ty;
    let name = &args.name;
    let properties = match &args.properties {
        Some(ty) => quote!(#ty),
        None => quote!(::wx_bindings::component::NoProperties),
    };
    let list = |role: Role| {
        let keys = handlers.iter().filter(|h| h.role == role).map(|h| &h.key);
        quote!(&[#(#keys),*])
    };
    let (methods, lifetimes, page_lifetimes, observers) = (
        list(Role::Method),
        list(Role::Lifetime),
        list(Role::PageLifetime),
        list(Role::Observer),
    );
    let arms = handlers.iter().map(|h| arm(self_ty, h));
    quote! {
        #item

        impl ::wx_bindings::component::Component for #self_ty {
            type Properties = #properties;
            const NAME: &'static str = #name;

            fn __shape() -> ::wx_bindings::component::__private::Shape {
                ::wx_bindings::component::__private::Shape {
                    methods: #methods,
                    lifetimes: #lifetimes,
                    page_lifetimes: #page_lifetimes,
                    observers: #observers,
                }
            }

            fn __handler(
                kind: ::wx_bindings::component::__private::Kind,
                name: &str,
            ) -> ::core::option::Option<::wx_bindings::component::__private::Handler<Self>> {
                match (kind, name) {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}

/// One `match` arm of `__handler`.
fn arm(self_ty: &Type, h: &Handler) -> TokenStream {
    let kind = h.role.kind();
    let key = &h.key;
    let ident = &h.ident;
    let private = quote!(::wx_bindings::component::__private);
    let (read, pass) = match &h.arg {
        Some(ty) => (
            quote_spanned! {ty.span()=>
                let arg = <#ty as ::wx_bindings::component::FromHandlerArgs>::from_args(args)
                    .map_err(|e| ::std::string::ToString::to_string(&e))?;
            },
            quote!(, arg),
        ),
        None => (quote!(let _ = args;), quote!()),
    };
    let body = if h.is_async {
        let spawn = quote_spanned! {h.output_span=>
            #private::spawn::<Self, _>(#key, #self_ty::#ident(this #pass));
        };
        quote! {
            #private::Handler::Async(|this: ::wx_bindings::component::Handle<Self>, args: &#private::Array| {
                #read
                #spawn
                ::core::result::Result::Ok(())
            })
        }
    } else {
        // Only the conversion carries the return type's span, so that a
        // return type that is no HandlerResult is reported there alone.
        let convert = quote_spanned! {h.output_span=>
            ::wx_bindings::component::HandlerResult::into_result(result)
        };
        let call = quote! {
            let result = #self_ty::#ident(this, cx #pass);
            #convert
        };
        quote! {
            #private::Handler::Sync(|this: &mut Self, cx: &::wx_bindings::component::Context<Self>, args: &#private::Array| {
                #read
                #call
            })
        }
    };
    quote! {
        (#private::Kind::#kind, #key) => ::core::option::Option::Some(#body),
    }
}

/// Expands `#[derive(Properties)]`, or the compile errors.
pub fn derive_properties(input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let input = match syn::parse2::<syn::DeriveInput>(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let properties = parse_properties(&input, &mut errors);
    if let Err(error) = errors.finish(()) {
        return error.to_compile_error();
    }
    let ident = &input.ident;
    let private = quote!(::wx_bindings::component::__private);
    let shapes = properties.iter().map(|p| {
        let name = &p.name;
        let ty = match &p.wechat_type {
            Some(t) => quote!(::core::option::Option::Some(#t)),
            None => quote!(::core::option::Option::None),
        };
        let value = match &p.default {
            Some(expr) => {
                let field_ty = &p.ty;
                quote_spanned! {expr.span()=>
                    ::core::option::Option::Some(#private::property_default::<#field_ty>(#expr))
                }
            }
            None => quote!(::core::option::Option::None),
        };
        let observer = match &p.observer {
            Some(o) => quote!(::core::option::Option::Some(#o)),
            None => quote!(::core::option::Option::None),
        };
        quote! {
            #private::PropertyShape { name: #name, ty: #ty, value: #value, observer: #observer }
        }
    });
    quote! {
        impl ::wx_bindings::component::Properties for #ident {
            fn __describe() -> ::std::vec::Vec<#private::PropertyShape> {
                ::std::vec![#(#shapes),*]
            }
        }
    }
}

/// One field of a properties struct.
pub struct Property {
    /// The property's name (the field's serde name).
    pub name: String,
    /// The field's type.
    pub ty: Type,
    /// WeChat's type for it, `None` for any.
    pub wechat_type: Option<String>,
    /// `#[property(default = ...)]`.
    pub default: Option<Expr>,
    /// `#[property(observer = "...")]`.
    pub observer: Option<String>,
}

/// Reads the fields of a properties struct.
pub fn parse_properties(input: &syn::DeriveInput, errors: &mut Errors) -> Vec<Property> {
    let syn::Data::Struct(data) = &input.data else {
        errors.push(syn::Error::new(
            input.ident.span(),
            "#[derive(Properties)] goes on a struct with named fields, one per property",
        ));
        return Vec::new();
    };
    let syn::Fields::Named(fields) = &data.fields else {
        errors.push(syn::Error::new(
            input.ident.span(),
            "#[derive(Properties)] goes on a struct with named fields, one per property",
        ));
        return Vec::new();
    };
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(
            input.generics.span(),
            "a properties struct cannot be generic",
        ));
    }
    let camel = match serde_rename_all(&input.attrs) {
        Ok(camel) => camel,
        Err(error) => {
            errors.push(error);
            false
        }
    };
    let mut out = Vec::new();
    for field in &fields.named {
        let Some(ident) = &field.ident else { continue };
        let rust_name = ident.to_string();
        let rust_name = rust_name.strip_prefix("r#").unwrap_or(&rust_name).to_string();
        let mut name = if camel { camel_case(&rust_name) } else { rust_name };
        let mut default = None;
        let mut observer = None;
        let mut wechat_type = wechat_type_of(&field.ty);
        for attr in &field.attrs {
            if attr.path().is_ident("serde") {
                let _ = attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("rename") {
                        let lit: LitStr = meta.value()?.parse()?;
                        name = lit.value();
                    } else if meta.input.peek(syn::Token![=]) {
                        let _: Expr = meta.value()?.parse()?;
                    } else if meta.input.peek(syn::token::Paren) {
                        let _ = meta.parse_nested_meta(|inner| {
                            if inner.input.peek(syn::Token![=]) {
                                let _: Expr = inner.value()?.parse()?;
                            }
                            Ok(())
                        });
                    }
                    Ok(())
                });
            }
            if !attr.path().is_ident("property") {
                continue;
            }
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("default") {
                    default = Some(meta.value()?.parse::<Expr>()?);
                } else if meta.path.is_ident("observer") {
                    let lit: LitStr = meta.value()?.parse()?;
                    observer = Some(lit.value());
                } else if meta.path.is_ident("type") {
                    let lit: LitStr = meta.value()?.parse()?;
                    wechat_type = match lit.value().as_str() {
                        t @ ("String" | "Number" | "Boolean" | "Object" | "Array") => Some(t.to_string()),
                        "any" => None,
                        other => {
                            return Err(syn::Error::new(
                                lit.span(),
                                format!(
                                    "`{other}` is not a WeChat property type: String, Number, Boolean, Object, \
                                     Array, or \"any\""
                                ),
                            ));
                        }
                    };
                } else {
                    return Err(meta.error(
                        "unknown #[property] argument; it takes `default = <expr>`, `observer = \"method\"` \
                         and `type = \"Object\"`",
                    ));
                }
                Ok(())
            });
            if let Err(error) = result {
                errors.push(error);
            }
        }
        out.push(Property {
            name,
            ty: field.ty.clone(),
            wechat_type,
            default,
            observer,
        });
    }
    out
}

/// Whether the struct says `#[serde(rename_all = "camelCase")]`; another
/// `rename_all` is an error (the property names would be guessed wrong).
fn serde_rename_all(attrs: &[Attribute]) -> syn::Result<bool> {
    let mut camel = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let mut problem = None;
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let lit: LitStr = meta.value()?.parse()?;
                if lit.value() == "camelCase" {
                    camel = true;
                } else {
                    problem = Some(syn::Error::new(
                        lit.span(),
                        "#[derive(Properties)] understands `rename_all = \"camelCase\"` (WeChat's property \
                         names) and `#[serde(rename = \"...\")]` on a field, no other renaming",
                    ));
                }
            } else if meta.input.peek(syn::Token![=]) {
                let _: Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
        if let Some(problem) = problem {
            return Err(problem);
        }
    }
    Ok(camel)
}

/// `max_count` as `maxCount`.
fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// WeChat's property type of a Rust type, read from its syntax: `None`
/// (any type) for an `Option` and for `serde_json::Value`.
pub fn wechat_type_of(ty: &Type) -> Option<String> {
    let t = match ty {
        Type::Reference(r) => return wechat_type_of(&r.elem),
        Type::Array(_) | Type::Slice(_) | Type::Tuple(_) => "Array",
        Type::Path(p) => {
            let last = p.path.segments.last()?.ident.to_string();
            match last.as_str() {
                "String" | "str" | "char" | "Cow" => "String",
                "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
                | "f32" | "f64" => "Number",
                "bool" => "Boolean",
                "Vec" | "VecDeque" | "HashSet" | "BTreeSet" | "LinkedList" => "Array",
                "Option" | "Value" => return None,
                _ => "Object",
            }
        }
        _ => "Object",
    };
    Some(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handlers_of(item: TokenStream) -> Result<Vec<Handler>, String> {
        let mut item: ItemImpl = syn::parse2(item).unwrap();
        let mut errors = Errors::default();
        let handlers = parse_impl(&mut item, &mut errors);
        errors
            .finish(handlers)
            .map_err(|e| e.into_iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))
    }

    #[test]
    fn roles_and_keys_come_from_the_attributes() {
        let handlers = handlers_of(quote! {
            impl Counter {
                #[lifetime] fn attached(&mut self, cx: &Context<Self>) {}
                #[lifetime(detached)] fn bye(&mut self, cx: &Context<Self>) {}
                #[page_lifetime] fn show(&mut self, cx: &Context<Self>) {}
                #[observer("count, step")] fn watch(&mut self, cx: &Context<Self>, values: js_sys::Array) {}
                fn increment(&mut self, cx: &Context<Self>, event: Event) -> Result<(), E> { Ok(()) }
                async fn load(this: Handle<Self>) {}
            }
        })
        .unwrap();
        let seen: Vec<(Role, &str, &str, bool, bool)> = handlers
            .iter()
            .map(|h| (h.role, h.key.as_str(), h.ident_str(), h.is_async, h.arg.is_some()))
            .collect();
        assert_eq!(
            seen,
            [
                (Role::Lifetime, "attached", "attached", false, false),
                (Role::Lifetime, "detached", "bye", false, false),
                (Role::PageLifetime, "show", "show", false, false),
                (Role::Observer, "count, step", "watch", false, true),
                (Role::Method, "increment", "increment", false, true),
                (Role::Method, "load", "load", true, false),
            ]
        );
    }

    impl Handler {
        fn ident_str(&self) -> &'static str {
            Box::leak(self.ident.to_string().into_boxed_str())
        }
    }

    #[test]
    fn a_misspelt_lifetime_gets_a_suggestion() {
        let error =
            handlers_of(quote! { impl C { #[lifetime] fn atached(&mut self, cx: &Context<Self>) {} } }).unwrap_err();
        assert!(
            error.starts_with("`atached` is not a component lifetime WeChat calls; did you mean `attached`?"),
            "{error}"
        );
        let error = handlers_of(quote! { impl C { #[page_lifetime(shwo)] fn s(&mut self, cx: &Context<Self>) {} } })
            .unwrap_err();
        assert_eq!(
            error,
            "`shwo` is not a page lifetime WeChat calls; did you mean `show`?"
        );
        let error =
            handlers_of(quote! { impl C { #[lifetime(zzz)] fn s(&mut self, cx: &Context<Self>) {} } }).unwrap_err();
        assert_eq!(
            error,
            "`zzz` is not a component lifetime WeChat calls (the component lifetimes: created, attached, ready, moved, detached, error)"
        );
    }

    #[test]
    fn two_handlers_for_one_lifetime_are_refused() {
        let error = handlers_of(quote! {
            impl C {
                #[lifetime] fn attached(&mut self, cx: &Context<Self>) {}
                #[lifetime(attached)] fn also(&mut self, cx: &Context<Self>) {}
            }
        })
        .unwrap_err();
        assert!(
            error.starts_with("two handlers for the lifetime `attached`: `attached` already handles it"),
            "{error}"
        );
    }

    #[test]
    fn wrong_signatures_are_refused_each() {
        let cases = [
            (
                quote! { fn f(&self, cx: &Context<Self>) {} },
                "a handler is `fn name(&mut self",
            ),
            (quote! { fn f(&mut self) {} }, "missing `cx: &Context<Self>`"),
            (
                quote! { fn f(&mut self, n: u32) {} },
                "the second argument is the component's context",
            ),
            (
                quote! { fn f(&mut self, cx: &Context<Self>, a: Event, b: Event) {} },
                "at most one argument",
            ),
            (
                quote! { fn f<T>(&mut self, cx: &Context<Self>) {} },
                "cannot be generic",
            ),
            (quote! { fn helper() {} }, "put helpers in another `impl` block"),
            (
                quote! { async fn f(&mut self) {} },
                "an async handler is `async fn name(this: Handle<Self>)`",
            ),
        ];
        for (function, expected) in cases {
            let error = handlers_of(quote! { impl C { #function } }).unwrap_err();
            assert!(error.contains(expected), "{function}: {error}");
        }
    }

    #[test]
    fn several_problems_are_reported_together() {
        let error = handlers_of(quote! {
            impl C {
                #[lifetime] fn atached(&mut self, cx: &Context<Self>) {}
                fn f(&self) {}
            }
        })
        .unwrap_err();
        assert_eq!(error.lines().filter(|l| !l.starts_with('(')).count(), 2, "{error}");
    }

    #[test]
    fn component_names_are_checked_with_a_suggestion() {
        assert!(check_name("counter").is_ok());
        assert!(check_name("todo-list-2").is_ok());
        assert!(
            check_name("TodoList")
                .unwrap_err()
                .ends_with("did you mean `todo-list`?")
        );
        assert!(
            check_name("todo_list")
                .unwrap_err()
                .ends_with("did you mean `todo-list`?")
        );
        assert!(check_name("").is_err());
    }

    #[test]
    fn the_handler_attributes_are_stripped_and_the_rest_kept() {
        let mut item: ItemImpl = syn::parse2(quote! {
            impl C { #[doc = "x"] #[lifetime] #[inline] fn attached(&mut self, cx: &Context<Self>) {} }
        })
        .unwrap();
        parse_impl(&mut item, &mut Errors::default());
        let ImplItem::Fn(f) = &item.items[0] else { panic!() };
        let kept: Vec<String> = f.attrs.iter().map(|a| quote!(#a).to_string()).collect();
        assert_eq!(kept, ["# [doc = \"x\"]", "# [inline]"]);
    }

    #[test]
    fn the_emitted_impl_lists_each_kind_in_order() {
        let out = component(
            quote!(name = "counter", properties = Props),
            quote! {
                impl Counter {
                    fn increment(&mut self, cx: &Context<Self>) {}
                    #[lifetime] fn attached(&mut self, cx: &Context<Self>) {}
                    fn reset(&mut self, cx: &Context<Self>) {}
                }
            },
        )
        .to_string();
        assert!(out.contains("type Properties = Props"), "{out}");
        assert!(out.contains("const NAME : & 'static str = \"counter\""), "{out}");
        assert!(out.contains("methods : & [\"increment\" , \"reset\"]"), "{out}");
        assert!(out.contains("lifetimes : & [\"attached\"]"), "{out}");
        assert!(!out.contains("# [lifetime]"), "{out}");
    }

    #[test]
    fn wechat_types_follow_the_rust_types() {
        let cases = [
            (quote!(String), Some("String")),
            (quote!(i64), Some("Number")),
            (quote!(f32), Some("Number")),
            (quote!(bool), Some("Boolean")),
            (quote!(Vec<Item>), Some("Array")),
            (quote!([u8; 4]), Some("Array")),
            (quote!(Option<String>), None),
            (quote!(serde_json::Value), None),
            (quote!(std::collections::HashMap<String, u32>), Some("Object")),
            (quote!(User), Some("Object")),
        ];
        for (ty, expected) in cases {
            let parsed: Type = syn::parse2(ty.clone()).unwrap();
            assert_eq!(wechat_type_of(&parsed).as_deref(), expected, "{ty}");
        }
    }

    #[test]
    fn properties_read_names_defaults_observers_and_renames() {
        let input: syn::DeriveInput = syn::parse2(quote! {
            #[serde(rename_all = "camelCase")]
            struct Props {
                #[property(default = 1)]
                step: i64,
                #[property(observer = "label_changed")]
                max_label: String,
                #[serde(rename = "kind")]
                #[property(type = "any")]
                r#type: String,
            }
        })
        .unwrap();
        let mut errors = Errors::default();
        let props = parse_properties(&input, &mut errors);
        assert!(errors.finish(()).is_ok());
        let seen: Vec<(&str, Option<&str>, bool, Option<&str>)> = props
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.wechat_type.as_deref(),
                    p.default.is_some(),
                    p.observer.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("step", Some("Number"), true, None),
                ("maxLabel", Some("String"), false, Some("label_changed")),
                ("kind", None, false, None),
            ]
        );
    }

    #[test]
    fn property_mistakes_are_errors() {
        for (input, expected) in [
            (
                quote! { struct P { #[property(obsever = "x")] a: u8 } },
                "unknown #[property] argument",
            ),
            (
                quote! { struct P { #[property(type = "Int")] a: u8 } },
                "`Int` is not a WeChat property type",
            ),
            (quote! { enum P { A } }, "goes on a struct with named fields"),
            (
                quote! { #[serde(rename_all = "kebab-case")] struct P { a: u8 } },
                "understands `rename_all = \"camelCase\"`",
            ),
        ] {
            let input: syn::DeriveInput = syn::parse2(input).unwrap();
            let mut errors = Errors::default();
            parse_properties(&input, &mut errors);
            let error = errors.finish(()).unwrap_err().to_string();
            assert!(error.contains(expected), "{error}");
        }
    }
}
