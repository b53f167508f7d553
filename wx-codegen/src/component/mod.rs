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

mod emit;
mod handlers;
mod properties;
#[cfg(test)]
mod tests;

pub use emit::emit;
pub use handlers::parse_impl;
pub use properties::{Property, derive_properties, parse_properties, wechat_type_of};

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
