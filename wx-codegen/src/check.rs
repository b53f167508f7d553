//! Checking declarations against the allowlist.

use std::collections::HashMap;

use syn::Error;
use wx_allowlist::{Allowlist, Api, Resolution};

use crate::parse::{Declaration, Errors};

/// A declaration bound to the permitted API it names.
pub struct Checked {
    /// The declaration as written.
    pub decl: Declaration,
    /// The API it binds.
    pub api: &'static Api,
}

/// Binds each declaration to its API; reports every name that is not
/// permitted to plugins, and every API declared twice.
pub fn check(decls: Vec<Declaration>, errors: &mut Errors) -> Vec<Checked> {
    let list = Allowlist::get();
    let mut checked = Vec::new();
    let mut seen: HashMap<&str, proc_macro2::Span> = HashMap::new();
    for decl in decls {
        let (name, span) = decl.lookup_name();
        match list.resolve(&name) {
            Resolution::Permitted(api) => {
                if seen.insert(api.name.as_str(), span).is_some() {
                    errors.push(Error::new(
                        span,
                        format!("`wx.{}` is declared twice in this wx! block", api.name),
                    ));
                } else {
                    checked.push(Checked { decl, api });
                }
            }
            Resolution::Forbidden(forbidden) => errors.push(Error::new(
                span,
                forbidden_message(&forbidden.name, &forbidden.typings.plugin),
            )),
            Resolution::Unknown { suggestion } => errors.push(Error::new(span, unknown_message(&name, suggestion))),
        }
    }
    checked
}

/// Where a plugin author looks up what plugins may call, from their own
/// project (the docs of their `wx-bindings` dependency). Here, with the
/// error it ends, so that emit depends on check and not check on emit.
pub const WHAT_PLUGINS_MAY_CALL: &str =
    "`cargo doc -p wx-bindings --open` lists what plugins may call in `wx_bindings::raw`";

/// The error for a real `wx` function that plugins may not call.
pub fn forbidden_message(js_name: &str, note: &wx_allowlist::PluginNote) -> String {
    let list = Allowlist::get();
    let instead = match wx_allowlist::plugin_counterpart(js_name).and_then(|c| list.lookup(c)) {
        Some(api) => format!("plugins call `wx.{}` (`{}`) instead", api.name, api.rust_name),
        None => format!(
            "plugins may call only the functions on the allowlist ({})",
            WHAT_PLUGINS_MAY_CALL
        ),
    };
    format!(
        "`wx.{js_name}` is not available to WeChat plugins ({} says: {note}); {instead}",
        typings_label()
    )
}

/// The error for a name that is no `wx` function we know of.
pub fn unknown_message(name: &str, suggestion: Option<&Api>) -> String {
    match suggestion {
        Some(api) => format!(
            "`{name}` is not a wx function on the WeChat plugin allowlist; did you mean `{}` (`wx.{}`)?",
            api.rust_name, api.name
        ),
        None => format!("`{name}` is not a wx function on the WeChat plugin allowlist"),
    }
}

fn typings_label() -> String {
    format!("miniprogram-api-typings {}", Allowlist::get().typings_version())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_declarations;
    use quote::quote;

    fn run(tokens: proc_macro2::TokenStream) -> Result<Vec<Checked>, Error> {
        let mut errors = Errors::default();
        let decls = parse_declarations(tokens, &mut errors);
        let checked = check(decls, &mut errors);
        errors.finish(checked)
    }

    fn errors(tokens: proc_macro2::TokenStream) -> Vec<String> {
        match run(tokens) {
            Ok(_) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn binds_rust_names_js_names_and_explicit_js_names() {
        let checked = run(quote! {
            fn show_toast(o: &JsValue) -> Result<(), JsValue>;
            fn getStorageSync(k: &str) -> Result<JsValue, JsValue>;
            #[wx(js_name = "getRecorderManager")]
            fn recorder() -> Result<JsValue, JsValue>;
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = checked.iter().map(|c| c.api.name.as_str()).collect();
        assert_eq!(names, ["showToast", "getStorageSync", "getRecorderManager"]);
    }

    #[test]
    fn forbidden_unknown_and_duplicate_names_are_all_reported() {
        let found = errors(quote! {
            fn authorize(o: &JsValue) -> Result<(), JsValue>;
            fn show_tost(o: &JsValue) -> Result<(), JsValue>;
            fn hide_toast(o: &JsValue) -> Result<(), JsValue>;
            fn hideToast(o: &JsValue) -> Result<(), JsValue>;
            fn frobnicate() -> Result<(), JsValue>;
            fn vibrate_long(o: &JsValue);
        });
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(
            found[1].starts_with("`wx.authorize` is not available to WeChat plugins"),
            "{}",
            found[1]
        );
        assert!(
            found[2].contains("did you mean `show_toast` (`wx.showToast`)?"),
            "{}",
            found[2]
        );
        assert!(found[3].contains("declared twice"), "{}", found[3]);
        assert_eq!(
            found[4],
            "`frobnicate` is not a wx function on the WeChat plugin allowlist"
        );
        // Parse problems come first, then names, in source order within each.
        assert!(found[0].contains("must return `Result<T, JsValue>`"), "{}", found[0]);
    }
}
