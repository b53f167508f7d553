//! Shapes to Rust types: how a value of some typings shape is taken from, or
//! given to, the plugin.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use wx_allowlist::Shape;

use super::model::Model;
use super::names::type_ident;

/// How a value of some shape is taken from, or given to, the plugin.
pub(crate) struct Conversion {
    /// The Rust type.
    pub(crate) ty: TokenStream,
    /// For inputs: an expression of `&JsValue` (or JsValue) type from `value`.
    /// For outputs: an expression converting `value: JsValue`.
    pub(crate) expr: TokenStream,
}

impl Model {
    pub(crate) fn object_type(&self, name: &str) -> Option<TokenStream> {
        self.usage.get(name).map(|_| {
            let module = format_ident!("{}", self.home_of(name));
            let ty = type_ident(name);
            quote!(wx_bindings::#module::#ty)
        })
    }

    pub(crate) fn enum_type(&self, origin: &str) -> Option<TokenStream> {
        let name = self.enum_by_origin.get(origin)?;
        let module = format_ident!("{}", self.enums[name].home);
        let ty = type_ident(name);
        Some(quote!(wx_bindings::#module::#ty))
    }

    /// The parameter type of a setter or function argument, and the JS
    /// value it makes (`value` is the parameter).
    pub(crate) fn input(&self, shape: &Shape, origin: &str) -> Conversion {
        let js = quote!(wasm_bindgen::JsValue);
        let js_sys = quote!(js_sys);
        let (ty, expr) = match shape {
            Shape::String => (quote!(&str), quote!(#js::from_str(value))),
            Shape::Number => (quote!(f64), quote!(#js::from_f64(value))),
            Shape::Boolean => (quote!(bool), quote!(#js::from_bool(value))),
            Shape::ArrayBuffer => (quote!(&#js_sys::ArrayBuffer), quote!(#js::from(value.clone()))),
            Shape::TypedArray(name) => {
                let t = type_ident(name);
                (quote!(&#js_sys::#t), quote!(#js::from(value.clone())))
            }
            Shape::Record => (quote!(&#js_sys::Object), quote!(#js::from(value.clone()))),
            Shape::Function(_) => (quote!(&#js_sys::Function), quote!(#js::from(value.clone()))),
            Shape::Enum(_) => match self.enum_type(origin) {
                Some(t) => (quote!(#t), quote!(#js::from_str(value.as_str()))),
                None => (quote!(&str), quote!(#js::from_str(value))),
            },
            Shape::Object(name) => match self.object_type(name) {
                Some(t) => (
                    quote!(&#t),
                    quote!(::core::clone::Clone::clone(::core::convert::AsRef::<#js>::as_ref(value))),
                ),
                None => (quote!(&#js), quote!(value.clone())),
            },
            Shape::Array(inner) => match &**inner {
                Shape::String => (quote!(&[&str]), quote!(wx_bindings::runtime::str_array(value))),
                Shape::Number => (
                    quote!(&[f64]),
                    quote!(wx_bindings::runtime::array_of(value.iter().map(|v| #js::from_f64(*v)))),
                ),
                Shape::Enum(_) if self.enum_type(origin).is_some() => {
                    let t = self.enum_type(origin).expect("checked");
                    (
                        quote!(&[#t]),
                        quote!(wx_bindings::runtime::array_of(value.iter().map(|v| #js::from_str(v.as_str())))),
                    )
                }
                Shape::Object(name) if self.object_type(name).is_some() => {
                    let t = self.object_type(name).expect("checked");
                    (
                        quote!(&[#t]),
                        quote!(wx_bindings::runtime::array_of(value.iter().map(|v| ::core::clone::Clone::clone(::core::convert::AsRef::<#js>::as_ref(v))))),
                    )
                }
                _ => (quote!(&#js_sys::Array), quote!(#js::from(value.clone()))),
            },
            Shape::Any | Shape::Void | Shape::Promise => (quote!(&#js), quote!(value.clone())),
        };
        Conversion { ty, expr }
    }

    /// The type an accessor returns for a field of `shape`, and the
    /// expression that reads it from `self.0` under `key`.
    pub(crate) fn output(&self, shape: &Shape, optional: bool, origin: &str, key: &str) -> Conversion {
        let js = quote!(wasm_bindgen::JsValue);
        let js_sys = quote!(js_sys);
        let get = quote!(wx_bindings::runtime::get(&self.0, #key));
        let defaulted = |ty: TokenStream, read: TokenStream| {
            if optional {
                Conversion {
                    ty: quote!(::core::option::Option<#ty>),
                    expr: read,
                }
            } else {
                Conversion {
                    ty,
                    expr: quote!(#read.unwrap_or_default()),
                }
            }
        };
        let cast = |ty: TokenStream| Conversion {
            ty: quote!(::core::option::Option<#ty>),
            expr: quote!(wasm_bindgen::JsCast::dyn_into::<#ty>(#get).ok()),
        };
        match shape {
            Shape::String => defaulted(quote!(::std::string::String), quote!(#get.as_string())),
            Shape::Number => defaulted(quote!(f64), quote!(#get.as_f64())),
            Shape::Boolean => defaulted(quote!(bool), quote!(#get.as_bool())),
            Shape::ArrayBuffer => cast(quote!(#js_sys::ArrayBuffer)),
            Shape::TypedArray(name) => {
                let t = type_ident(name);
                cast(quote!(#js_sys::#t))
            }
            Shape::Record => cast(quote!(#js_sys::Object)),
            Shape::Function(_) => cast(quote!(#js_sys::Function)),
            Shape::Enum(_) => match self.enum_type(origin) {
                Some(t) => Conversion {
                    ty: quote!(::core::option::Option<#t>),
                    expr: quote!(#get.as_string().and_then(|s| #t::from_js_str(&s))),
                },
                None => defaulted(quote!(::std::string::String), quote!(#get.as_string())),
            },
            Shape::Object(name) => match self.object_type(name) {
                Some(t) if optional => Conversion {
                    ty: quote!(::core::option::Option<#t>),
                    expr: quote!({
                        let value = #get;
                        (!value.is_undefined() && !value.is_null()).then(|| <#t as wx_bindings::runtime::JsObject>::from_js(value))
                    }),
                },
                Some(t) => Conversion {
                    ty: t.clone(),
                    expr: quote!(<#t as wx_bindings::runtime::JsObject>::from_js(#get)),
                },
                None => Conversion {
                    ty: quote!(#js),
                    expr: get,
                },
            },
            Shape::Array(inner) => {
                let (item, convert) = match &**inner {
                    Shape::String => (quote!(::std::string::String), quote!(|v| v.as_string())),
                    Shape::Number => (quote!(f64), quote!(|v| v.as_f64())),
                    Shape::Boolean => (quote!(bool), quote!(|v| v.as_bool())),
                    Shape::Enum(_) if self.enum_type(origin).is_some() => {
                        let t = self.enum_type(origin).expect("checked");
                        (quote!(#t), quote!(|v| v.as_string().and_then(|s| #t::from_js_str(&s))))
                    }
                    Shape::Object(name) if self.object_type(name).is_some() => {
                        let t = self.object_type(name).expect("checked");
                        (
                            quote!(#t),
                            quote!(|v| ::core::option::Option::Some(<#t as wx_bindings::runtime::JsObject>::from_js(v))),
                        )
                    }
                    _ => (quote!(#js), quote!(::core::option::Option::Some)),
                };
                defaulted(
                    quote!(::std::vec::Vec<#item>),
                    quote!(wx_bindings::runtime::get_array(&self.0, #key, #convert)),
                )
            }
            Shape::Any | Shape::Void | Shape::Promise => Conversion {
                ty: quote!(#js),
                expr: get,
            },
        }
    }
}
