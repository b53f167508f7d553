//! Rust signatures for the raw layer, from the types the typings declare.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use wx_allowlist::{Api, JsType, Param};

/// The Rust type of a parameter: JS-shaped, borrowed.
pub fn param_type(param: &Param, private: &TokenStream) -> TokenStream {
    let wasm_bindgen = quote!(#private::wasm_bindgen);
    let js_sys = quote!(#private::js_sys);
    match (param.ty, param.optional) {
        (JsType::String, false) => quote!(&str),
        (JsType::String, true) => quote!(::core::option::Option<&str>),
        (JsType::Number, false) => quote!(f64),
        (JsType::Number, true) => quote!(::core::option::Option<f64>),
        (JsType::Boolean, false) => quote!(bool),
        (JsType::Boolean, true) => quote!(::core::option::Option<bool>),
        (JsType::Function, false) => quote!(&#js_sys::Function),
        // `on*` and `off*` take the same callback type; `None` leaves it out
        // (an `off*` without a listener removes them all).
        (JsType::Function, true) => quote!(::core::option::Option<&#js_sys::Function>),
        (JsType::ArrayBuffer, false) => quote!(&#js_sys::ArrayBuffer),
        // Optional objects: pass `&JsValue::UNDEFINED` to leave them out.
        _ => quote!(&#wasm_bindgen::JsValue),
    }
}

/// The Rust type of a return value (the `T` of `Result<T, JsValue>`).
pub fn return_type(ty: JsType, private: &TokenStream) -> TokenStream {
    match ty {
        JsType::Void => quote!(()),
        JsType::String => quote!(::std::string::String),
        JsType::Number => quote!(f64),
        JsType::Boolean => quote!(bool),
        JsType::ArrayBuffer => quote!(#private::js_sys::ArrayBuffer),
        JsType::Function => quote!(#private::js_sys::Function),
        JsType::Object | JsType::Any | JsType::Promise => quote!(#private::wasm_bindgen::JsValue),
    }
}

/// The Rust name of a parameter: snake_case, never a keyword.
pub fn param_ident(param: &Param) -> Ident {
    let name = wx_allowlist::rust_name_of(&param.name);
    let name = if syn::parse_str::<Ident>(&name).is_ok() {
        name
    } else {
        format!("{name}_")
    };
    Ident::new(&name, Span::call_site())
}

/// The parameter list and `Result` return type of `api`'s raw binding.
pub fn raw_signature(api: &Api, private: &TokenStream) -> (Vec<(Ident, TokenStream)>, TokenStream) {
    let params = api
        .params
        .iter()
        .map(|p| (param_ident(p), param_type(p, private)))
        .collect();
    (params, return_type(api.returns, private))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_become_valid_identifiers() {
        let param = Param {
            name: "type".into(),
            ty: JsType::String,
            optional: false,
        };
        assert_eq!(param_ident(&param), "type_");
        let param = Param {
            name: "canvasId".into(),
            ty: JsType::String,
            optional: false,
        };
        assert_eq!(param_ident(&param), "canvas_id");
    }

    #[test]
    fn typings_signatures_map_to_js_shaped_rust_types() {
        let private = quote!(p);
        let list = wx_allowlist::Allowlist::get();
        let (params, ret) = raw_signature(list.lookup("setStorageSync").unwrap(), &private);
        let rendered: Vec<String> = params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        assert_eq!(rendered, ["key: & str", "data: & p :: wasm_bindgen :: JsValue"]);
        assert_eq!(ret.to_string(), "()");
        let (params, ret) = raw_signature(list.lookup("arrayBufferToBase64").unwrap(), &private);
        assert_eq!(params[0].1.to_string(), "& p :: js_sys :: ArrayBuffer");
        assert_eq!(ret.to_string(), ":: std :: string :: String");
        // A listener's on* and off* take the same callback type.
        let (on, _) = raw_signature(list.lookup("onNetworkStatusChange").unwrap(), &private);
        let (off, _) = raw_signature(list.lookup("offNetworkStatusChange").unwrap(), &private);
        assert_eq!(on[0].1.to_string(), "& p :: js_sys :: Function");
        assert_eq!(
            off[0].1.to_string(),
            ":: core :: option :: Option < & p :: js_sys :: Function >"
        );
    }
}
