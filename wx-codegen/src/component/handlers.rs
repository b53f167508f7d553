//! The `impl` block's handlers: each fn's role (method, lifetime, page lifetime, observer), its key and its signature, checked.

use super::*;

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
