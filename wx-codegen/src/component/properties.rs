//! `#[derive(Properties)]`: each field's WeChat type, default and observer.

use super::*;

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
