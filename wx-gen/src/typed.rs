//! The typed layer of `wx-bindings`, generated: for every callback, sync
//! and converter API, a typed function at `wx_bindings::<category>::<name>`,
//! the options types it takes (builders over a JS object, as web-sys
//! dictionaries are), the result types it gives (accessors over WeChat's
//! answer), string-literal unions as Rust enums, and version gates on the
//! functions, fields and values that need a newer base library.
//!
//! The model is computed once from the allowlist ([`Model::get`]); each
//! category becomes one file (`wx-bindings/src/generated/<category>.rs`), and
//! interfaces used by several categories go to `common`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use wx_allowlist::{Allowlist, Api, EnumValue, Field, Interface, Kind, Shape, TypingsEntry, Version, feature_for};

use wx_codegen::emit::diagnostic_trait;

/// The module of interfaces that several categories use.
pub const COMMON: &str = "common";

/// The fields every callback API's options have; the typed layer sets
/// `success` and `fail` itself and leaves `complete` to the raw layer.
const CALLBACK_FIELDS: [&str; 3] = ["success", "fail", "complete"];

/// The fields of a failure report: a `success` answer with nothing else is `()`.
const REPORT_FIELDS: [&str; 3] = ["errMsg", "errCode", "errno"];

/// How an interface is used, which decides what it gets.
#[derive(Debug, Default, Clone)]
pub struct Usage {
    /// Written by the plugin (options, and objects inside options): `new`
    /// with the required fields, a builder method per optional field.
    pub input: bool,
    /// Read by the plugin (results, and objects inside results): an
    /// accessor per field.
    pub output: bool,
    /// The categories whose functions reach it.
    pub categories: BTreeSet<String>,
    /// The typed functions that take or give it directly, as paths.
    pub used_by: BTreeSet<String>,
    /// An object WeChat gives (a task, context, manager) with methods and
    /// events, rather than plain data.
    pub object: bool,
}

/// A string-literal union turned into a Rust enum.
#[derive(Debug, Clone)]
pub struct EnumType {
    /// The Rust name: the interface and field (`ShowToastOptionIcon`), or
    /// the function and parameter (`IsVKSupportVersion`).
    pub name: String,
    /// Where it comes from, for the docs (`ShowToastOption.icon`).
    pub origin: String,
    /// Its values.
    pub values: Vec<EnumValue>,
    /// The module it lives in.
    pub home: String,
}

/// Everything the typed layer generates, computed from the allowlist.
#[derive(Debug)]
pub struct Model {
    /// The typed APIs, by category.
    pub apis: BTreeMap<String, Vec<&'static Api>>,
    /// The interfaces the typed APIs reach, with how they are used.
    pub usage: BTreeMap<String, Usage>,
    /// The enums, by name.
    pub enums: BTreeMap<String, EnumType>,
    /// Enum type names by origin (`Interface.field` or `function.param`).
    enum_by_origin: BTreeMap<String, String>,
}

/// The typings' entry of an API that has a typed function.
fn entry(api: &Api) -> &TypingsEntry {
    api.typings.as_ref().expect("typed APIs have typings")
}

fn interface(name: &str) -> Option<&'static Interface> {
    Allowlist::get().interface(name)
}

/// Whether `name` is a bare report (`GeneralCallbackResult`, `BluetoothError`...):
/// as a `success` answer it means "done", `()`.
fn is_report(name: &str) -> bool {
    interface(name).is_none_or(|i| i.fields.iter().all(|f| REPORT_FIELDS.contains(&f.name.as_str())))
}

/// `#[must_use]` for what returns `Result<Subscription, WxError>`: the
/// `Result`'s own note, and rustc's help to write `let _ = ...`, would
/// have the plugin drop the subscription, and so unsubscribe, at once.
fn subscription_must_use() -> TokenStream {
    let text = "`let _ = …` drops the Subscription at once, which unsubscribes: no event reaches the listener. \
                Bind it for as long as you want events (`let _sub = …?;`), or call `.forget()` on it to keep it for good";
    quote!(#[must_use = #text])
}

/// `let mut listener = listener;` where the event handler is a closure that
/// calls it (`impl FnMut` parameters are not `mut`), nothing where it is
/// the listener itself.
fn rebind(handler: &TokenStream) -> Option<TokenStream> {
    (handler.to_string() != "listener").then(|| quote!(let mut listener = listener;))
}

/// What the Rust listener of an event receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventPayload<'a> {
    /// Nothing: the event has no payload.
    Unit,
    /// Nothing: the event's object holds only an `errMsg` (`onPlay`'s).
    Bare,
    /// A `WxError`: an `onError` event whose payload is a bare report
    /// (`errMsg`, `errCode`, `errno`) or untyped, read as WeChat's failure
    /// (`"operateRecorder:fail recorder is recording"`, its `errCode`).
    Error,
    /// The typings' interface, with an accessor per field (an `errCode`
    /// counts as data: `onVoIPChatInterrupted`'s is the reason).
    Typed(&'a str),
    /// The JS value: the typings give the callback untyped arguments
    /// (`(...args: any[]) => any`), so its first one.
    Js,
}

/// Classifies the payload `shape` of the event `on` (its JS name).
fn event_payload<'a>(on: &str, shape: Option<&'a Shape>) -> EventPayload<'a> {
    let bare = |name: &str| interface(name).is_none_or(|i| i.fields.iter().all(|f| f.name == "errMsg"));
    let is_error = on == "onError";
    match shape {
        None | Some(Shape::Void) => {
            if is_error {
                EventPayload::Error
            } else {
                EventPayload::Unit
            }
        }
        Some(Shape::Object(name)) if is_error && is_report(name) => EventPayload::Error,
        Some(Shape::Object(name)) if bare(name) => EventPayload::Bare,
        Some(Shape::Object(name)) => EventPayload::Typed(name),
        Some(_) if is_error => EventPayload::Error,
        Some(_) => EventPayload::Js,
    }
}

impl EventPayload<'_> {
    /// The listener's argument type, and the handler that makes it from the
    /// JS event and calls `listener` (`qualified` names the event in a `WxError`).
    fn rust(self, model: &Model, qualified: &str) -> (TokenStream, TokenStream) {
        let js = quote!(wasm_bindgen::JsValue);
        match self {
            EventPayload::Unit | EventPayload::Bare => (quote!(()), quote!(move |_event| listener(()))),
            EventPayload::Error => (
                quote!(wx_bindings::WxError),
                quote!(move |event| listener(wx_bindings::WxError::from_fail(#qualified, event))),
            ),
            EventPayload::Typed(name) => match model.object_type(name) {
                Some(t) => (
                    t.clone(),
                    quote!(move |event| listener(<#t as wx_bindings::runtime::JsObject>::from_js(event))),
                ),
                None => (quote!(#js), quote!(listener)),
            },
            EventPayload::Js => (quote!(#js), quote!(listener)),
        }
    }

    /// What the docs say the listener receives.
    fn doc(self) -> &'static str {
        match self {
            EventPayload::Error => {
                "\n\n`listener` receives each error as a [`WxError`](crate::WxError): `WxError::Fail` with the \
                 event's `errMsg` (its [`reason`](crate::WxError::reason)) and its `errCode`/`errno` where WeChat \
                 sends them."
            }
            EventPayload::Js => "\n\n`listener` receives the event's first argument, untyped in the typings.",
            EventPayload::Bare => "\n\nThe event carries nothing but an `errMsg`, so `listener` receives `()`.",
            EventPayload::Unit | EventPayload::Typed(_) => "",
        }
    }
}

/// How a method of a WeChat object is called.
enum MethodKind<'a> {
    /// `onX(listener)`: an event, with its payload's shape.
    On(Option<&'a Shape>),
    /// `offX(listener?)`.
    Off,
    /// Takes an options object with `success`/`fail` callbacks.
    Async {
        options: Option<&'a str>,
        success: Option<&'a str>,
    },
    /// Returns a value or throws.
    Sync,
}

fn method_kind(m: &wx_allowlist::Method) -> MethodKind<'_> {
    let first = m.params.first().map(|p| &p.shape);
    if m.name.len() > 2
        && m.name.starts_with("on")
        && m.name[2..].starts_with(|c: char| c.is_ascii_uppercase())
        && let Some(Shape::Function(payload)) = first
    {
        return MethodKind::On(payload.as_deref());
    }
    if m.name.len() > 3 && m.name.starts_with("off") && m.name[3..].starts_with(|c: char| c.is_ascii_uppercase()) {
        return MethodKind::Off;
    }
    if let Some(options) = first.and_then(Shape::object_name)
        && let Some(success) = interface(options).and_then(|i| i.field("success"))
    {
        let success = match &success.shape {
            Shape::Function(Some(arg)) => arg.object_name(),
            _ => None,
        };
        let options = interface(options)
            .filter(|i| data_fields(i).next().is_some())
            .map(|i| i.name.as_str());
        return MethodKind::Async { options, success };
    }
    MethodKind::Sync
}

/// The base from which plugins may call a method (`None`: they may not).
fn method_since(m: &wx_allowlist::Method) -> Option<Version> {
    m.plugin_since()
}

/// The data fields of an options or result interface (no callbacks).
fn data_fields(i: &Interface) -> impl Iterator<Item = &Field> {
    i.fields.iter().filter(|f| !CALLBACK_FIELDS.contains(&f.name.as_str()))
}

/// The interfaces a shape names (itself, or its array's elements).
fn named_objects(shape: &Shape) -> Option<&str> {
    match shape {
        Shape::Object(name) => Some(name),
        Shape::Array(inner) => named_objects(inner),
        _ => None,
    }
}

fn enum_values_of(shape: &Shape) -> Option<&[EnumValue]> {
    match shape {
        Shape::Enum(values) => Some(values),
        Shape::Array(inner) => enum_values_of(inner),
        _ => None,
    }
}

impl Model {
    /// The model, computed once.
    pub fn get() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(Model::compute)
    }

    fn compute() -> Model {
        let mut model = Model {
            apis: BTreeMap::new(),
            usage: BTreeMap::new(),
            enums: BTreeMap::new(),
            enum_by_origin: BTreeMap::new(),
        };
        for api in Allowlist::get().iter().filter(|a| a.typed_path().is_some()) {
            let category = api.category().expect("typed APIs have a category");
            let path = api.typed_path().expect("filtered");
            let Some(e) = api.typings.as_ref() else {
                // makeVoIPCall: no typings, so nothing to mark; an untyped function.
                model.apis.entry(category).or_default().push(api);
                continue;
            };
            match api.kind {
                Kind::Async => {
                    if let Some(name) = e.param_shapes.first().and_then(Shape::object_name)
                        && interface(name).is_some_and(|i| data_fields(i).next().is_some())
                    {
                        model.mark(name, true, &category, Some(&path));
                    }
                    if let Some(name) = e.success.as_ref().and_then(Shape::object_name)
                        && !is_report(name)
                    {
                        model.mark(name, false, &category, Some(&path));
                    }
                }
                Kind::Listener => {
                    if let EventPayload::Typed(name) = event_payload(&api.name, e.payload.as_ref()) {
                        model.mark(name, false, &category, Some(&path));
                    }
                }
                Kind::Task => {
                    if let Some(name) = e.param_shapes.first().and_then(Shape::object_name) {
                        model.mark(name, true, &category, Some(&path));
                    }
                    if let Some(name) = e.success.as_ref().and_then(Shape::object_name)
                        && !is_report(name)
                    {
                        model.mark(name, false, &category, Some(&path));
                    }
                    if let Some(name) = e.returns_shape.as_ref().and_then(Shape::object_name) {
                        model.mark(name, false, &category, Some(&path));
                    }
                }
                _ => {
                    for shape in &e.param_shapes {
                        if let Some(name) = named_objects(shape) {
                            model.mark(name, true, &category, Some(&path));
                        }
                    }
                    if let Some(name) = e.returns_shape.as_ref().and_then(named_objects) {
                        model.mark(name, false, &category, Some(&path));
                    }
                }
            }
            model.apis.entry(category).or_default().push(api);
        }
        // Enums: one per field of a generated interface, one per enum parameter.
        let homes: Vec<(String, String)> = model.usage.keys().map(|n| (n.clone(), model.home_of(n))).collect();
        for (name, home) in homes {
            let i = interface(&name).expect("marked interfaces exist");
            for f in data_fields(i) {
                if let Some(values) = enum_values_of(&f.shape) {
                    let origin = format!("{name}.{}", f.name);
                    let rust = format!("{name}{}", f.name.to_upper_camel_case());
                    model.add_enum(origin, rust, values, &home);
                }
            }
        }
        for (category, apis) in &model.apis.clone() {
            for api in apis {
                if matches!(api.kind, Kind::Async | Kind::Listener) {
                    continue;
                }
                let Some(e) = api.typings.as_ref() else { continue };
                for (param, shape) in e.params.iter().zip(&e.param_shapes) {
                    if let Some(values) = enum_values_of(shape) {
                        let origin = format!("{}.{}", api.name, param.name);
                        let rust = format!("{}{}", api.name.to_upper_camel_case(), param.name.to_upper_camel_case());
                        model.add_enum(origin, rust, values, category);
                    }
                }
            }
        }
        model
    }

    fn add_enum(&mut self, origin: String, rust: String, values: &[EnumValue], home: &str) {
        assert!(
            !self.enums.contains_key(&rust) && !self.usage.contains_key(&rust),
            "two generated types would be named {rust}"
        );
        self.enum_by_origin.insert(origin.clone(), rust.clone());
        self.enums.insert(
            rust.clone(),
            EnumType {
                name: rust,
                origin,
                values: values.to_vec(),
                home: home.to_string(),
            },
        );
    }

    /// Records that `name` is written (`input`) or read by a function of
    /// `category`, and so is every interface inside it.
    fn mark(&mut self, name: &str, input: bool, category: &str, used_by: Option<&str>) {
        let Some(i) = interface(name) else { return };
        if !i.methods.is_empty() {
            return self.mark_object(i, category, used_by);
        }
        let usage = self.usage.entry(name.to_string()).or_default();
        if let Some(path) = used_by {
            usage.used_by.insert(path.to_string());
        }
        let role = if input { &mut usage.input } else { &mut usage.output };
        let seen = *role && usage.categories.contains(category);
        *role = true;
        usage.categories.insert(category.to_string());
        if seen {
            return;
        }
        for f in data_fields(i) {
            if let Some(inner) = named_objects(&f.shape) {
                self.mark(inner, input, category, None);
            }
        }
    }

    /// Records that WeChat gives the object `i` to a function of
    /// `category`, and marks what its permitted methods take and give.
    fn mark_object(&mut self, i: &'static Interface, category: &str, used_by: Option<&str>) {
        let usage = self.usage.entry(i.name.clone()).or_default();
        if let Some(path) = used_by {
            usage.used_by.insert(path.to_string());
        }
        let seen = usage.object && usage.categories.contains(category);
        usage.object = true;
        usage.categories.insert(category.to_string());
        if seen {
            return;
        }
        for f in data_fields(i) {
            if let Some(inner) = named_objects(&f.shape) {
                self.mark(inner, false, category, None);
            }
        }
        for m in i.methods.iter().filter(|m| method_since(m).is_some()) {
            match method_kind(m) {
                MethodKind::On(payload) => {
                    if let EventPayload::Typed(name) = event_payload(&m.name, payload) {
                        self.mark(name, false, category, None);
                    }
                }
                MethodKind::Off => {}
                MethodKind::Async { options, success } => {
                    if let Some(name) = options {
                        self.mark(name, true, category, None);
                    }
                    if let Some(name) = success.filter(|n| !is_report(n)) {
                        self.mark(name, false, category, None);
                    }
                    for p in m.params.iter().skip(1) {
                        if let Some(name) = named_objects(&p.shape) {
                            self.mark(name, true, category, None);
                        }
                    }
                }
                MethodKind::Sync => {
                    for p in &m.params {
                        if let Some(name) = named_objects(&p.shape) {
                            self.mark(name, true, category, None);
                        }
                    }
                    if let Some(name) = named_objects(&m.returns) {
                        self.mark(name, false, category, None);
                    }
                }
            }
        }
    }

    /// The module an interface lives in.
    pub fn home_of(&self, name: &str) -> String {
        let usage = &self.usage[name];
        match usage.categories.len() {
            1 => usage.categories.first().expect("one").clone(),
            _ => COMMON.to_string(),
        }
    }

    /// Every module of the typed layer, sorted.
    pub fn modules(&self) -> Vec<String> {
        let mut modules: BTreeSet<String> = self.apis.keys().cloned().collect();
        if self.usage.keys().any(|n| self.home_of(n) == COMMON) {
            modules.insert(COMMON.to_string());
        }
        modules.into_iter().collect()
    }
}

// ---- names ----------------------------------------------------------------

/// A snake_case Rust identifier for a JS name: never a keyword, never `new`.
pub fn member_ident(js: &str) -> Ident {
    let mut name = js.to_snake_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("f_{name}");
    }
    if name == "new" || name == "self" || name == "super" || name == "crate" || syn::parse_str::<Ident>(&name).is_err()
    {
        name.push('_');
    }
    Ident::new(&name, Span::call_site())
}

fn variant_ident(value: &str, taken: &mut BTreeSet<String>) -> Ident {
    let mut name = value.to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("V{name}");
    }
    if syn::parse_str::<Ident>(&name).is_err() {
        name.push('_');
    }
    while !taken.insert(name.clone()) {
        name.push('_');
    }
    Ident::new(&name, Span::call_site())
}

/// `#[doc(alias = "<js>")]` where the Rust name differs from the JS one
/// (rustdoc rejects an alias equal to the name).
fn alias(js: &str, rust: &Ident) -> TokenStream {
    if rust == js {
        quote!()
    } else {
        quote!(#[doc(alias = #js)])
    }
}

fn type_ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Text from the typings, safe in rustdoc: no HTML, no intra-doc links;
/// markdown links to web pages (`[camera](https://...)`) stay links.
fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&escape_plain(&rest[..open]));
        let after = &rest[open..];
        // `[label](http...)`: keep as a link.
        let link = after.find("](http").and_then(|close| {
            let label = &after[1..close];
            let end = after[close..].find(')')? + close;
            (!label.contains(['[', ']'])).then_some((close, end))
        });
        match link {
            Some((close, end)) => {
                out.push('[');
                out.push_str(&escape_plain(&after[1..close]));
                out.push_str(&after[close..=end]);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("\\[");
                rest = &after[1..];
            }
        }
    }
    out.push_str(&escape_plain(rest));
    out
}

fn escape_plain(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(']', "\\]")
}

fn docs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// What a version gate says in the docs.
fn gate_doc(since: &Version) -> String {
    match feature_for(since) {
        Some(feature) => format!("Needs base library **{since}** in plugins (cargo feature `{feature}`)."),
        None => String::new(),
    }
}

/// `since` if it is above the baseline (then it has a cargo feature).
fn gated(since: Option<&Version>) -> Option<&Version> {
    since.filter(|v| feature_for(v).is_some())
}

// ---- gates ------------------------------------------------------------------

/// An item that exists with `since`'s feature on, and a stub with the same
/// signature whose every use is the error `message` when it is off.
struct Gate<'a> {
    since: &'a Version,
    /// The hidden trait behind the error.
    trait_name: Ident,
    message: String,
    note: String,
}

impl Gate<'_> {
    fn feature(&self) -> String {
        feature_for(self.since).expect("gates are above the baseline")
    }

    /// The module-level trait of the stub (only when the feature is off).
    fn trait_item(&self) -> TokenStream {
        let label = format!("needs base library {}, above the enabled baseline", self.since);
        let item = diagnostic_trait(&self.trait_name, &quote!(pub), &self.message, &label, &self.note);
        let feature = self.feature();
        wx_codegen::emit::with_cfg(&quote!(not(feature = #feature)), item)
    }

    /// `doc sig { body }` with the feature on, `doc sig where (): Trait { unreachable }` off.
    fn function(&self, doc: &TokenStream, sig: &TokenStream, body: &TokenStream) -> TokenStream {
        let feature = self.feature();
        let trait_name = &self.trait_name;
        quote! {
            #doc
            #[cfg(feature = #feature)]
            #sig #body

            #doc
            #[cfg(not(feature = #feature))]
            #[allow(unused_variables)]
            #sig where for<'__wx> (): #trait_name {
                ::core::unreachable!()
            }
        }
    }
}

fn enable_note(since: &Version) -> String {
    let feature = feature_for(since).expect("gated");
    format!("enable the cargo feature `{feature}` of wx-bindings to raise the baseline to {since}")
}

// ---- Rust types of shapes -----------------------------------------------------

/// How a value of some shape is taken from, or given to, the plugin.
struct Conversion {
    /// The Rust type.
    ty: TokenStream,
    /// For inputs: an expression of `&JsValue` (or JsValue) type from `value`.
    /// For outputs: an expression converting `value: JsValue`.
    expr: TokenStream,
}

impl Model {
    fn object_type(&self, name: &str) -> Option<TokenStream> {
        self.usage.get(name).map(|_| {
            let module = format_ident!("{}", self.home_of(name));
            let ty = type_ident(name);
            quote!(wx_bindings::#module::#ty)
        })
    }

    fn enum_type(&self, origin: &str) -> Option<TokenStream> {
        let name = self.enum_by_origin.get(origin)?;
        let module = format_ident!("{}", self.enums[name].home);
        let ty = type_ident(name);
        Some(quote!(wx_bindings::#module::#ty))
    }

    /// The parameter type of a setter or function argument, and the JS
    /// value it makes (`value` is the parameter).
    fn input(&self, shape: &Shape, origin: &str) -> Conversion {
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
    fn output(&self, shape: &Shape, optional: bool, origin: &str, key: &str) -> Conversion {
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

// ---- items --------------------------------------------------------------------

/// The generated items of one module.
pub fn module(model: &Model, module: &str) -> TokenStream {
    let mut items = Vec::new();
    for (name, usage) in model.usage.iter().filter(|(n, _)| model.home_of(n) == module) {
        let i = interface(name).expect("exists");
        items.push(if usage.object {
            object_items(model, i)
        } else {
            interface_items(model, i)
        });
    }
    for e in model.enums.values().filter(|e| e.home == module) {
        items.push(enum_items(e));
    }
    for api in model.apis.get(module).into_iter().flatten() {
        items.push(function_items(model, api));
    }
    quote!(#(#items)*)
}

fn interface_items(model: &Model, i: &'static Interface) -> TokenStream {
    let usage = &model.usage[&i.name];
    let ty = type_ident(&i.name);
    let name = &i.name;
    let role = match (usage.input, usage.output) {
        (true, false) => "an options object the plugin writes",
        (false, true) => "a result WeChat answers with",
        _ => "an object the plugin writes and WeChat answers with",
    };
    let mut text = format!("The typings' `{name}`: {role}.");
    if !usage.used_by.is_empty() {
        text.push_str(&format!("\n\nUsed by {}.", links_to(&usage.used_by)));
    }
    let type_docs = docs(&text);
    let mut methods = Vec::new();
    let mut traits = Vec::new();
    let fields: Vec<&Field> = data_fields(i).collect();

    if usage.input {
        // Required fields are the arguments of `new` (unless gated: those are builders too).
        let required: Vec<&Field> = fields
            .iter()
            .copied()
            .filter(|f| !f.optional && gated(f.since.as_ref()).is_none())
            .collect();
        let args: Vec<(Ident, Conversion)> = required
            .iter()
            .map(|f| {
                (
                    member_ident(&f.name),
                    model.input(&f.shape, &format!("{name}.{}", f.name)),
                )
            })
            .collect();
        let params = args.iter().map(|(n, c)| {
            let t = &c.ty;
            quote!(#n: #t)
        });
        let sets: Vec<TokenStream> = args
            .iter()
            .zip(&required)
            .map(|((n, _), f)| setter_call(model, f, name, &quote!(this.0), &quote!(#n)))
            .collect();
        let mut new_doc = format!("A `{name}` with the fields WeChat requires");
        if required.is_empty() {
            new_doc = format!("An empty `{name}`: WeChat's defaults apply to every field you do not set.");
        } else {
            let list: Vec<String> = required.iter().map(|f| format!("`{}`", f.name)).collect();
            new_doc.push_str(&format!(
                " ({}); set the others with the builder methods.",
                list.join(", ")
            ));
        }
        let new_docs = docs(&new_doc);
        let body = if sets.is_empty() {
            quote!(Self(wx_bindings::runtime::new_object()))
        } else {
            quote! {
                let this = Self(wx_bindings::runtime::new_object());
                #(#sets)*
                this
            }
        };
        methods.push(quote! {
            #new_docs
            pub fn new(#(#params),*) -> Self {
                #body
            }
        });
        if required.is_empty() {
            traits.push(quote! {
                impl ::core::default::Default for #ty {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            });
        }
        for f in fields
            .iter()
            .filter(|f| f.optional || gated(f.since.as_ref()).is_some())
        {
            let ident = member_ident(&f.name);
            let c = model.input(&f.shape, &format!("{name}.{}", f.name));
            let ty = &c.ty;
            let set = setter_call(model, f, name, &quote!(self.0), &quote!(value));
            let doc = field_doc(f);
            let inline = inline_enum_setter(model, f, name);
            let sig = quote!(pub fn #ident(self, value: #ty) -> Self);
            let body = quote!({ #set self });
            let Some(since) = gated(f.since.as_ref()) else {
                methods.push(quote!(#doc #inline #sig #body));
                continue;
            };
            let checked = checked_ident(&ident);
            assert!(
                !fields.iter().any(|g| member_ident(&g.name) == checked),
                "{name}: the field {} and the run-time-checked setter of {} would both be `{checked}`",
                checked,
                f.name
            );
            let more = checked_setter_doc(&checked);
            let doc = quote!(#doc #more #inline);
            methods.push(gated_member(
                i,
                f,
                &doc,
                &sig,
                &body,
                "set",
                Some(&checked),
                &mut traits,
            ));
            let qualified = format!("{name}.{}", f.name);
            let require = require_call(since, &qualified);
            let checked_doc = docs(&format!(
                "[`{ident}`](Self::{ident}) after checking that the running base library is {since} or later, \
                 so a plugin built for a lower baseline can set it where WeChat reads it; on an older base \
                 the answer is `Err(WxError::TooOld)` and nothing is set. An options value is a handle on one \
                 JS object, so to go on without the field there, set it on a clone: \
                 `let options = options.clone().{checked}(&running, value).unwrap_or(options);`."
            ));
            methods.push(quote! {
                #checked_doc
                #inline
                pub fn #checked(
                    self,
                    running: &wx_bindings::version::RunningVersion,
                    value: #ty,
                ) -> ::core::result::Result<Self, wx_bindings::WxError> {
                    #require
                    #set
                    ::core::result::Result::Ok(self)
                }
            });
        }
    }
    if usage.output {
        for f in &fields {
            let ident = if usage.input {
                format_ident!("get_{}", member_ident(&f.name).to_string().trim_end_matches('_'))
            } else {
                member_ident(&f.name)
            };
            let key = &f.name;
            let c = model.output(&f.shape, f.optional, &format!("{name}.{}", f.name), key);
            let ty = &c.ty;
            let expr = &c.expr;
            let doc = field_doc(f);
            let sig = quote!(pub fn #ident(&self) -> #ty);
            let body = quote!({ #expr });
            methods.push(gated_member(i, f, &doc, &sig, &body, "read", None, &mut traits));
        }
    }
    wrapper_type(&ty, &type_docs, &methods, &traits)
}

/// Rustdoc links to typed functions given by their `wx_bindings::...` paths.
fn links_to(paths: &BTreeSet<String>) -> String {
    paths
        .iter()
        .map(|p| {
            format!(
                "[`{}`]({})",
                p.rsplit("::").next().expect("a path"),
                p.replace("wx_bindings", "crate")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A type over a JS value (an options object, a result, a WeChat object):
/// its members, and the conversions every such type has.
fn wrapper_type(ty: &Ident, docs: &TokenStream, members: &[TokenStream], extra: &[TokenStream]) -> TokenStream {
    let js = quote!(wasm_bindgen::JsValue);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #[repr(transparent)]
        pub struct #ty(#js);

        impl #ty {
            #(#members)*
        }

        impl wx_bindings::runtime::JsObject for #ty {
            fn from_js(value: #js) -> Self {
                Self(value)
            }
        }

        impl ::core::convert::AsRef<#js> for #ty {
            fn as_ref(&self) -> &#js {
                &self.0
            }
        }

        impl ::core::convert::From<#ty> for #js {
            fn from(value: #ty) -> Self {
                value.0
            }
        }

        #(#extra)*
    }
}

/// The type a method's return value has in Rust, and the `.map(...)` that
/// converts the `JsValue` into it (none when it is the `JsValue` itself).
fn returned(model: &Model, shape: &Shape) -> (TokenStream, TokenStream) {
    let js = quote!(wasm_bindgen::JsValue);
    match shape {
        Shape::Void => (quote!(()), quote!(.map(drop))),
        Shape::String => (
            quote!(::std::string::String),
            quote!(.map(|value| value.as_string().unwrap_or_default())),
        ),
        Shape::Number => (quote!(f64), quote!(.map(|value| value.as_f64().unwrap_or_default()))),
        Shape::Boolean => (quote!(bool), quote!(.map(|value| value.as_bool().unwrap_or_default()))),
        Shape::Object(name) if model.object_type(name).is_some() => {
            let t = model.object_type(name).expect("checked");
            (t.clone(), quote!(.map(<#t as wx_bindings::runtime::JsObject>::from_js)))
        }
        _ => (quote!(#js), quote!()),
    }
}

/// A WeChat object (a task, context or manager): its data fields as
/// accessors (and setters for plain values), its methods (callback ones as
/// futures, events as subscriptions), each gated by its own plugin note.
fn object_items(model: &Model, i: &'static Interface) -> TokenStream {
    let usage = &model.usage[&i.name];
    let ty = type_ident(&i.name);
    let name = &i.name;
    let js = quote!(wasm_bindgen::JsValue);
    let mut text = format!(
        "The typings' `{name}`: an object WeChat gives, with its methods and events. Methods the typings \
         mark unsupported in plugins are compile errors; methods that need a newer base library than the \
         enabled baseline are gated like functions."
    );
    if !usage.used_by.is_empty() {
        text.push_str(&format!("\n\nReturned by {}.", links_to(&usage.used_by)));
    }
    let type_docs = docs(&text);
    let mut members = Vec::new();
    let mut traits = Vec::new();
    let mut taken = BTreeSet::new();
    let mut unique = |ident: Ident| {
        let mut name = ident.to_string();
        while !taken.insert(name.clone()) {
            name.push('_');
        }
        Ident::new(&name, Span::call_site())
    };

    for f in data_fields(i) {
        let key = &f.name;
        let origin = format!("{name}.{key}");
        let getter = unique(member_ident(key));
        let c = model.output(&f.shape, f.optional, &origin, key);
        let (t, expr) = (&c.ty, &c.expr);
        let doc = field_doc(f);
        members.push(gated_member(
            i,
            f,
            &doc,
            &quote!(pub fn #getter(&self) -> #t),
            &quote!({ #expr }),
            "read",
            None,
            &mut traits,
        ));
        let settable = matches!(f.shape, Shape::String | Shape::Number | Shape::Boolean)
            || matches!(f.shape, Shape::Enum(_)) && model.enum_type(&origin).is_some();
        if settable {
            let setter = unique(format_ident!(
                "set_{}",
                member_ident(key).to_string().trim_end_matches('_')
            ));
            let input = model.input(&f.shape, &origin);
            let vt = &input.ty;
            let set = setter_call(model, f, name, &quote!(self.0), &quote!(value));
            let inline = inline_enum_setter(model, f, name);
            let sig = quote!(pub fn #setter(&self, value: #vt));
            let body = quote!({ #set });
            let Some(since) = gated(f.since.as_ref()) else {
                members.push(quote!(#doc #inline #sig #body));
                continue;
            };
            let checked = unique(checked_ident(&setter));
            let more = checked_setter_doc(&checked);
            let doc = quote!(#doc #more #inline);
            members.push(gated_member(
                i,
                f,
                &doc,
                &sig,
                &body,
                "write",
                Some(&checked),
                &mut traits,
            ));
            let require = require_call(since, &origin);
            let checked_doc = docs(&format!(
                "[`{setter}`](Self::{setter}) after checking that the running base library is {since} or later, \
                 so a plugin built for a lower baseline can set it where WeChat reads it; on an older base \
                 the answer is `Err(WxError::TooOld)` and nothing is set."
            ));
            members.push(quote! {
                #checked_doc
                #inline
                pub fn #checked(
                    &self,
                    running: &wx_bindings::version::RunningVersion,
                    value: #vt,
                ) -> ::core::result::Result<(), wx_bindings::WxError> {
                    #require
                    #set
                    ::core::result::Result::Ok(())
                }
            });
        }
    }

    for m in &i.methods {
        let ident = unique(member_ident(&m.name));
        let js_name = &m.name;
        let qualified = format!("{name}.{js_name}");
        let mut text = format!("`{qualified}`");
        if !m.summary.is_empty() {
            text.push_str(&format!(": {}", doc_text(&m.summary)));
        }
        if let Some(url) = &m.doc {
            text.push_str(&format!(" ([documentation]({url}))"));
        }
        let Some(since) = method_since(m) else {
            // Not available to plugins: a stub whose every use says so.
            let needs = format_ident!("__wx_not_available_{}_{}", name, ident);
            let message = format!("`{qualified}` is not available to WeChat plugins");
            let note = format!(
                "the typings (miniprogram-api-typings {}) mark this method not supported in plugins",
                Allowlist::get().typings_version()
            );
            traits.push(diagnostic_trait(
                &needs,
                &quote!(pub),
                &message,
                "not available to WeChat plugins",
                &note,
            ));
            let generics: Vec<Ident> = (0..m.params.len()).map(|n| format_ident!("A{}", n)).collect();
            members.push(quote! {
                #[doc(hidden)]
                pub fn #ident<#(#generics),*>(&self, #(_: #generics),*)
                where
                    for<'__wx> (): #needs,
                {
                    ::core::unreachable!()
                }
            });
            continue;
        };
        let alias = alias(js_name, &ident);
        let (params, output, body, is_future) = match method_kind(m) {
            MethodKind::On(payload) => {
                let payload = event_payload(js_name, payload);
                let (payload_ty, convert) = payload.rust(model, &qualified);
                let rebind = rebind(&convert);
                text.push_str(payload.doc());
                let off_name = format!("off{}", &js_name[2..]);
                let off = match i.method(&off_name).filter(|o| method_since(o).is_some()) {
                    Some(_) => quote!(::core::option::Option::Some(#off_name)),
                    None => quote!(::core::option::Option::None),
                };
                text.push_str("\n\nReturns the subscription: dropping it stops delivery (see [`Subscription`](crate::runtime::Subscription)).");
                (
                    vec![quote!(listener: impl ::core::ops::FnMut(#payload_ty) + 'static)],
                    quote!(::core::result::Result<wx_bindings::runtime::Subscription, wx_bindings::WxError>),
                    quote!({
                        #rebind
                        wx_bindings::runtime::subscribe_object(&self.0, #js_name, #off, #convert)
                    }),
                    false,
                )
            }
            MethodKind::Off => {
                let on_name = format!("on{}", &js_name[3..]);
                text.push_str(&format!(
                    "\n\nEnds every subscription to `{on_name}` of this object, then calls `{js_name}()`."
                ));
                (
                    Vec::new(),
                    quote!(::core::result::Result<(), wx_bindings::WxError>),
                    quote!({
                        wx_bindings::runtime::unsubscribe_all_object(&self.0, #on_name);
                        wx_bindings::runtime::invoke(&self.0, #js_name, &[])
                            .map(drop)
                            .map_err(|error| wx_bindings::WxError::js(#qualified, error))
                    }),
                    false,
                )
            }
            MethodKind::Async { options, success } => {
                let options_ty = options.and_then(|n| model.object_type(n));
                let success_ty = match success {
                    Some(n) if !is_report(n) => model.object_type(n).unwrap_or(quote!(#js)),
                    _ => quote!(()),
                };
                let extra: Vec<(Ident, TokenStream, TokenStream)> = m
                    .params
                    .iter()
                    .skip(1)
                    .map(|p| method_arg(model, name, js_name, p))
                    .collect();
                let extra_params = extra.iter().map(|(n, t, _)| quote!(#n: #t));
                let extra_values = extra.iter().map(|(_, _, v)| v);
                let (options_param, options_value) = match &options_ty {
                    Some(t) => (
                        Some(quote!(options: &#t)),
                        quote!(::core::convert::AsRef::<#js>::as_ref(options)),
                    ),
                    None => (None, quote!(&#js::UNDEFINED)),
                };
                let params: Vec<TokenStream> = options_param.into_iter().chain(extra_params).collect();
                text.push_str(
                    "\n\nResolves when WeChat calls `success` or `fail` (see [`WxFuture`](crate::runtime::WxFuture)).",
                );
                (
                    params,
                    quote!(wx_bindings::runtime::WxFuture<#success_ty>),
                    quote!({
                        let extra = [#(#extra_values),*];
                        wx_bindings::runtime::call(#qualified, #options_value, |options| {
                            let mut args = ::std::vec![options.clone()];
                            args.extend(extra);
                            wx_bindings::runtime::invoke(&self.0, #js_name, &args)
                        })
                    }),
                    true,
                )
            }
            MethodKind::Sync => {
                let args: Vec<(Ident, TokenStream, TokenStream)> =
                    m.params.iter().map(|p| method_arg(model, name, js_name, p)).collect();
                let params = args.iter().map(|(n, t, _)| quote!(#n: #t)).collect();
                let values = args.iter().map(|(_, _, v)| v);
                let (ret, convert) = returned(model, &m.returns);
                (
                    params,
                    quote!(::core::result::Result<#ret, wx_bindings::WxError>),
                    quote!({
                        wx_bindings::runtime::invoke(&self.0, #js_name, &[#(#values),*])
                            #convert
                            .map_err(|error| wx_bindings::WxError::thrown(#qualified, error))
                    }),
                    false,
                )
            }
        };
        let checked_ident =
            gated(Some(&since)).map(|_| unique(format_ident!("{}_checked", ident.to_string().trim_end_matches('_'))));
        if let Some(gate) = gated(Some(&since)) {
            text.push_str(&format!("\n\n{}", gate_doc(gate)));
            if let Some(checked) = &checked_ident {
                text.push_str(&format!(
                    " Or call [`{checked}`](Self::{checked}), which checks the running version first."
                ));
            }
        }
        let must_use = matches!(method_kind(m), MethodKind::On(_)).then(subscription_must_use);
        let doc = docs(&text);
        let doc = quote!(#doc #alias #must_use);
        let sig = quote!(pub fn #ident(&self, #(#params),*) -> #output);
        match (gated(Some(&since)), checked_ident) {
            (Some(since), Some(checked)) => {
                let gate = Gate {
                    since,
                    trait_name: format_ident!("__wx_needs_newer_base_{}_{}", name, ident),
                    message: format!("`{qualified}` needs WeChat base library {since} or later in plugins"),
                    // The error names the companion, as the method's docs do.
                    note: format!(
                        "{}, or call `{name}::{checked}`, which checks the running version first",
                        enable_note(since)
                    ),
                };
                traits.push(gate.trait_item());
                members.push(gate.function(&doc, &sig, &body));
                // The run-time-checked companion: no feature needed, as the
                // method is looked up on the object at run time anyway.
                let (major, minor, patch) = (since.major, since.minor, since.patch);
                let check = if is_future {
                    quote!(if let ::core::result::Result::Err(error) = running.require(#qualified, wx_bindings::version::Version::new(#major, #minor, #patch)) {
                        return wx_bindings::runtime::WxFuture::failed(#qualified, error);
                    })
                } else {
                    quote!(running.require(#qualified, wx_bindings::version::Version::new(#major, #minor, #patch))?;)
                };
                let checked_doc = docs(&format!(
                    "[`{ident}`](Self::{ident}) after checking that the running base library is {since} or later, \
                     so a plugin built for a lower baseline can use it where it exists; on an older base the \
                     answer is `WxError::TooOld`."
                ));
                // `running` is one more argument: the 6-number matrix methods
                // (`CanvasContext.transform`) then exceed clippy's limit.
                let allow = (params.len() + 2 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
                members.push(quote! {
                    #checked_doc
                    #alias
                    #allow
                    #must_use
                    pub fn #checked(&self, running: &wx_bindings::version::RunningVersion, #(#params),*) -> #output {
                        #check
                        #body
                    }
                });
            }
            _ => members.push(quote!(#doc #sig #body)),
        }
    }

    wrapper_type(&ty, &type_docs, &members, &traits)
}

/// The JS value of an optional argument: `undefined` when `None`.
fn optional_to_js(shape: &Shape, ident: &Ident, to_js: &TokenStream) -> TokenStream {
    let js = quote!(wasm_bindgen::JsValue);
    // `JsValue::from` takes `&str`, `f64` and `bool` as they are.
    let plain = [
        quote!(#js::from_str(value)),
        quote!(#js::from_f64(value)),
        quote!(#js::from_bool(value)),
    ]
    .iter()
    .any(|p| p.to_string() == to_js.to_string());
    match shape {
        Shape::String | Shape::Number | Shape::Boolean => quote!(#ident.map_or(#js::UNDEFINED, #js::from)),
        _ if plain => quote!(#ident.map_or(#js::UNDEFINED, #js::from)),
        _ => quote!(#ident.map_or(#js::UNDEFINED, |value| #to_js)),
    }
}

/// A method parameter: its Rust name, type, and the JS value it becomes.
fn method_arg(
    model: &Model,
    interface: &str,
    method: &str,
    p: &wx_allowlist::MethodParam,
) -> (Ident, TokenStream, TokenStream) {
    let ident = member_ident(&p.name);
    let c = model.input(&p.shape, &format!("{interface}.{method}.{}", p.name));
    let (ty, expr) = (c.ty, c.expr);
    if p.optional {
        (
            ident.clone(),
            quote!(::core::option::Option<#ty>),
            optional_to_js(&p.shape, &ident, &expr),
        )
    } else {
        let value = bind_value(&quote!(#ident), &expr);
        (ident, ty, value)
    }
}

/// The statement that writes field `f` of `target` from `value`.
fn setter_call(model: &Model, f: &Field, interface: &str, target: &TokenStream, value: &TokenStream) -> TokenStream {
    let key = &f.name;
    match &f.shape {
        Shape::String => quote!(wx_bindings::runtime::set_str(&#target, #key, #value);),
        Shape::Number => quote!(wx_bindings::runtime::set_f64(&#target, #key, #value);),
        Shape::Boolean => quote!(wx_bindings::runtime::set_bool(&#target, #key, #value);),
        Shape::Enum(_) if model.enum_type(&format!("{interface}.{key}")).is_some() => {
            quote!(wx_bindings::runtime::set_str(&#target, #key, #value.as_str());)
        }
        shape => {
            let expr = bind_value(value, &model.input(shape, &format!("{interface}.{key}")).expr);
            quote!(wx_bindings::runtime::set(&#target, #key, &#expr);)
        }
    }
}

/// `#[inline(always)]` for the setter of an enum-typed field: inlined at a
/// call site that names one variant, its `as_str` folds to that one string,
/// so a variant a plugin never names costs it nothing (without it, the
/// all-features build of a plugin carried every variant's string and a
/// lookup table: hello was 16 B larger with `base-2-14-1`'s toast icon).
fn inline_enum_setter(model: &Model, f: &Field, interface: &str) -> Option<TokenStream> {
    let is_enum = matches!(f.shape, Shape::Enum(_)) && model.enum_type(&format!("{interface}.{}", f.name)).is_some();
    is_enum.then(|| quote!(#[inline(always)]))
}

/// `expr` (written over a variable named `value`) applied to `source`.
fn bind_value(source: &TokenStream, expr: &TokenStream) -> TokenStream {
    if source.to_string() == "value" {
        expr.clone()
    } else {
        quote!({ let value = #source; #expr })
    }
}

fn field_doc(f: &Field) -> TokenStream {
    let mut text = format!("`{}`", f.name);
    if !f.doc.is_empty() {
        text.push_str(&format!(": {}", doc_text(&f.doc)));
    }
    if let Some(since) = gated(f.since.as_ref()) {
        text.push_str(&format!("\n\n{}", gate_doc(since)));
    }
    let alias = alias(&f.name, &member_ident(&f.name));
    let d = docs(&text);
    quote!(#d #alias)
}

/// `<setter>_checked`: the run-time-checked companion of a gated setter.
fn checked_ident(setter: &Ident) -> Ident {
    format_ident!("{}_checked", setter.to_string().trim_end_matches('_'))
}

/// The sentence a gated setter's docs add about its companion.
fn checked_setter_doc(checked: &Ident) -> TokenStream {
    docs(&format!(
        "\nOr call [`{checked}`](Self::{checked}), which checks the running version first."
    ))
}

/// `running.require(...)?;` for something that needs `since`.
fn require_call(since: &Version, qualified: &str) -> TokenStream {
    let (major, minor, patch) = (since.major, since.minor, since.patch);
    quote!(running.require(#qualified, wx_bindings::version::Version::new(#major, #minor, #patch))?;)
}

/// A setter or accessor, gated by its field's version where it has one;
/// `checked` names a setter's run-time-checked companion, which the error
/// suggests.
#[allow(clippy::too_many_arguments)]
fn gated_member(
    i: &Interface,
    f: &Field,
    doc: &TokenStream,
    sig: &TokenStream,
    body: &TokenStream,
    verb: &str,
    checked: Option<&Ident>,
    traits: &mut Vec<TokenStream>,
) -> TokenStream {
    let Some(since) = gated(f.since.as_ref()) else {
        return quote!(#doc #sig #body);
    };
    let mut note = enable_note(since);
    if let Some(checked) = checked {
        note.push_str(&format!(
            ", or call `{}::{checked}`, which checks the running version first",
            i.name
        ));
    }
    let gate = Gate {
        since,
        trait_name: format_ident!("__wx_needs_newer_base_{}_{}_{}", i.name, verb, member_ident(&f.name)),
        message: format!(
            "`{}.{}` needs WeChat base library {since} or later in plugins",
            i.name, f.name
        ),
        note,
    };
    traits.push(gate.trait_item());
    gate.function(doc, sig, body)
}

fn enum_items(e: &EnumType) -> TokenStream {
    let ty = type_ident(&e.name);
    let mut taken = BTreeSet::new();
    let idents: Vec<Ident> = e.values.iter().map(|v| variant_ident(&v.value, &mut taken)).collect();
    let mut variants = Vec::new();
    let mut to_str = Vec::new();
    let mut from_str = Vec::new();
    let mut stand_ins = Vec::new();
    let mut traits = Vec::new();
    for (v, ident) in e.values.iter().zip(&idents) {
        let value = &v.value;
        let mut text = format!("`\"{value}\"`");
        if !v.doc.is_empty() {
            text.push_str(&format!(": {}", doc_text(&v.doc)));
        }
        let gate = gated(v.since.as_ref());
        if let Some(since) = gate {
            text.push_str(&format!("\n\n{}", gate_doc(since)));
        }
        let d = docs(&text);
        let cfg = gate.map(|since| {
            let feature = feature_for(since).expect("gated");
            quote!(#[cfg(feature = #feature)])
        });
        let alias = alias(value, ident);
        variants.push(quote!(#d #alias #cfg #ident,));
        to_str.push(quote!(#cfg #ty::#ident => #value,));
        from_str.push(quote!(#cfg #value => ::core::option::Option::Some(#ty::#ident),));
        if let Some(since) = gate {
            // Below the gate the variant does not exist, and its name is a
            // hidden function whose every use is the error saying why
            // (checked by `cargo check` too, unlike a failing constant).
            let feature = feature_for(since).expect("gated");
            let needs = format_ident!("__wx_needs_newer_base_{}_{}", e.name, ident);
            let message = format!(
                "`{}` value `\"{value}\"` (`{}::{ident}`) needs WeChat base library {since} or later in plugins",
                e.origin, e.name
            );
            let label = format!("needs base library {since}, above the enabled baseline");
            let diagnostic = diagnostic_trait(&needs, &quote!(pub), &message, &label, &enable_note(since));
            traits.push(wx_codegen::emit::with_cfg(&quote!(not(feature = #feature)), diagnostic));
            stand_ins.push(quote! {
                #[cfg(not(feature = #feature))]
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub fn #ident() -> Self
                where
                    for<'__wx> (): #needs,
                {
                    ::core::unreachable!()
                }
            });
        }
    }
    let text = format!(
        "The values of `{}` (a string-literal union in the typings).\n\n\
         `#[non_exhaustive]`: WeChat adds values over time, and a value gated by a base \
         (a cargo feature that another crate in the build may turn on) appears only above it, \
         so a `match` on it needs a `_` arm.",
        e.origin
    );
    let d = docs(&text);
    quote! {
        #d
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ty {
            #(#variants)*
        }

        impl #ty {
            #(#stand_ins)*

            /// The JS string of this value.
            // Always inlined, so that a constant variant folds to its string
            // (see `inline_enum_setter`).
            #[inline(always)]
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#to_str)*
                }
            }

            /// The value for a JS string; `None` for one these typings do not list.
            #[allow(clippy::should_implement_trait)]
            pub fn from_js_str(value: &str) -> ::core::option::Option<Self> {
                match value {
                    #(#from_str)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        #(#traits)*
    }
}

/// The docs of a typed function.
fn function_doc(api: &Api, extra: &str) -> String {
    let e = entry(api);
    let url = e.doc.clone().unwrap_or_default();
    let mut text = format!("[`wx.{}`]({url})", api.name);
    if !e.summary.is_empty() {
        text.push_str(&format!(": {}", doc_text(&e.summary)));
    }
    text.push_str(".\n\n");
    text.push_str(&format!("* Minimum base library in plugins: **{}**\n", api.since));
    match api.feature() {
        Some(feature) => text.push_str(&format!(
            "* Cargo feature: `{feature}` (or call `{}_checked`, which checks the running version first)\n",
            api.rust_name
        )),
        None => text.push_str("* Cargo feature: none, available at the default baseline\n"),
    }
    text.push_str(&format!(
        "* Raw binding: [`raw::{0}`](crate::raw::{0})\n",
        api.rust_name
    ));
    if let Some(note) = &api.disagreement {
        text.push_str(&format!(
            "\n**Note:** {note}. It may be missing at run time on today's bases: the call then fails with `WxError::Js`.\n"
        ));
    }
    if api.unsupported_today() {
        text.push_str(&format!("\n{}\n", wx_codegen::emit::UNSUPPORTED_TODAY_DOC));
    }
    if let Some(Some(modern)) = &api.legacy {
        text.push_str(&format!(
            "\nLegacy spelling: the reference page lists it; today's typings spell it `wx.{modern}`, whose types it uses.\n"
        ));
    }
    text.push('\n');
    text.push_str(extra);
    text
}

/// A parameter of a typed function other than an async API's options.
struct Arg {
    ident: Ident,
    ty: TokenStream,
    /// The argument of the raw binding.
    raw: TokenStream,
    /// The argument as a JS value (for the `_checked` companion).
    js: TokenStream,
}

fn plain_args(model: &Model, api: &Api, params: std::ops::Range<usize>) -> Vec<Arg> {
    let e = entry(api);
    let js = quote!(wasm_bindgen::JsValue);
    params
        .map(|index| {
            let param = &e.params[index];
            let shape = &e.param_shapes[index];
            let ident = member_ident(&param.name);
            let origin = format!("{}.{}", api.name, param.name);
            let c = model.input(shape, &origin);
            let ty = c.ty;
            let to_js = c.expr;
            let as_js = quote!(::core::convert::AsRef::<#js>::as_ref(#ident));
            let (ty, raw, js_arg) = if param.optional {
                // The raw binding takes `Option<_>` for primitives and callbacks,
                // `&JsValue` (maybe undefined) for the rest.
                let raw = match shape {
                    Shape::String | Shape::Number | Shape::Boolean | Shape::Function(_) => quote!(#ident),
                    _ => {
                        let value = optional_to_js(shape, &ident, &to_js);
                        quote!(&#value)
                    }
                };
                (
                    quote!(::core::option::Option<#ty>),
                    raw,
                    optional_to_js(shape, &ident, &to_js),
                )
            } else {
                let raw = match shape {
                    Shape::String | Shape::Number | Shape::Boolean | Shape::ArrayBuffer | Shape::Function(_) => {
                        quote!(#ident)
                    }
                    Shape::Enum(_) if model.enum_type(&origin).is_some() => quote!(#ident.as_str()),
                    Shape::Object(_) | Shape::Record | Shape::TypedArray(_) => as_js,
                    Shape::Any | Shape::Void | Shape::Promise => quote!(#ident),
                    _ => {
                        let expr = bind_value(&quote!(#ident), &to_js);
                        quote!(&#expr)
                    }
                };
                (ty, raw, bind_value(&quote!(#ident), &to_js))
            };
            Arg {
                ident,
                ty,
                raw,
                js: js_arg,
            }
        })
        .collect()
}

/// The typed function of an API that today's typings do not describe
/// (`makeVoIPCall`, an old spelling only the reference page lists): the
/// calling convention is typed (a future, `WxError`), its options and
/// answer are not, as there is no source for their fields.
fn untyped_function_items(api: &'static Api) -> TokenStream {
    assert_eq!(api.kind, Kind::Async, "{}: only async APIs lack typings", api.name);
    let ident = member_ident(&api.name);
    let raw = format_ident!("{}", api.rust_name);
    let js_name = &api.name;
    let js = quote!(wasm_bindgen::JsValue);
    let alias = alias(&api.name, &ident);
    let doc = [
        format!(" `wx.{js_name}`: a legacy name on the plugin allowlist that today's miniprogram-api-typings no longer describe."),
        String::new(),
        " Its options and its answer have no typings to be generated from, so they are plain JS values: build `options` as any JS object (`js_sys::Object` with `js_sys::Reflect::set`, or `serde_wasm_bindgen::to_value` of a serde type). What is typed is the calling convention.".to_string(),
        String::new(),
        format!(" Resolves to the `success` result, to `WxError::Fail` with WeChat's `errMsg` and `errno` when it calls `fail`, and to `WxError::Js` at once when the call throws or `wx.{js_name}` is missing. The call is made at once; dropping the future is safe."),
    ];
    quote! {
        #(#[doc = #doc])*
        #alias
        pub fn #ident(options: &#js) -> wx_bindings::runtime::WxFuture<#js> {
            wx_bindings::runtime::call(#js_name, options, wx_bindings::raw::#raw)
        }
    }
}

fn function_items(model: &Model, api: &'static Api) -> TokenStream {
    if api.typings.is_none() {
        return untyped_function_items(api);
    }
    let e = entry(api);
    let ident = member_ident(&api.name);
    let raw = format_ident!("{}", api.rust_name);
    let js_name = &api.name;
    let js = quote!(wasm_bindgen::JsValue);
    let (major, minor, patch) = (api.since.major, api.since.minor, api.since.patch);
    let alias = alias(&api.name, &ident);

    let (sig_params, call_body, checked_params, checked_body, returns_text) = match api.kind {
        Kind::Async => {
            let options = e
                .param_shapes
                .first()
                .and_then(Shape::object_name)
                .and_then(|n| model.object_type(n));
            let success = match e.success.as_ref().and_then(Shape::object_name) {
                Some(name) if !is_report(name) => model.object_type(name).unwrap_or(quote!(#js)),
                _ => quote!(()),
            };
            let extra = plain_args(model, api, 1..e.params.len());
            let extra_params: Vec<TokenStream> = extra
                .iter()
                .map(|a| {
                    let (n, t) = (&a.ident, &a.ty);
                    quote!(#n: #t)
                })
                .collect();
            let extra_raw: Vec<&TokenStream> = extra.iter().map(|a| &a.raw).collect();
            let extra_js: Vec<&TokenStream> = extra.iter().map(|a| &a.js).collect();
            let (options_param, options_value) = match &options {
                Some(t) => (
                    vec![quote!(options: &#t)],
                    quote!(::core::convert::AsRef::<#js>::as_ref(options)),
                ),
                None => (Vec::new(), quote!(&#js::UNDEFINED)),
            };
            let params: Vec<TokenStream> = options_param.iter().cloned().chain(extra_params).collect();
            let output = quote!(wx_bindings::runtime::WxFuture<#success>);
            let call = if extra.is_empty() {
                quote!(wx_bindings::raw::#raw)
            } else {
                quote!(|options| wx_bindings::raw::#raw(options, #(#extra_raw),*))
            };
            let body = quote!({ wx_bindings::runtime::call(#js_name, #options_value, #call) });
            let checked_body = quote!({
                crate::__private::call_async_checked(
                    running, #js_name, wx_bindings::version::Version::new(#major, #minor, #patch), #options_value, ::std::vec![#(#extra_js),*],
                )
            });
            let text = format!(
                "Resolves to {} when WeChat calls `success`, to `WxError::Fail` with WeChat's `errMsg` and `errno` when it calls `fail`, and to `WxError::Js` at once when the call throws or `wx.{}` is missing. The call is made at once; dropping the future is safe.",
                if success.to_string() == "()" {
                    "`()`".to_string()
                } else {
                    "the result".to_string()
                },
                api.name
            );
            (
                quote!((#(#params),*) -> #output),
                body,
                quote!((running: &wx_bindings::version::RunningVersion, #(#params),*) -> #output),
                checked_body,
                text,
            )
        }
        Kind::Task => {
            let options = e
                .param_shapes
                .first()
                .and_then(Shape::object_name)
                .and_then(|n| model.object_type(n))
                .expect("tasks take options");
            let success = match e.success.as_ref().and_then(Shape::object_name) {
                Some(name) if !is_report(name) => model.object_type(name).unwrap_or(quote!(#js)),
                _ => quote!(()),
            };
            let object = e
                .returns_shape
                .as_ref()
                .and_then(Shape::object_name)
                .and_then(|n| model.object_type(n))
                .expect("tasks return an object");
            let output = quote!(wx_bindings::runtime::Task<#success, #object>);
            let body = quote!({
                wx_bindings::runtime::task(#js_name, ::core::convert::AsRef::<#js>::as_ref(options), wx_bindings::raw::#raw)
            });
            let text = format!(
                "Starts the task at once. Await the [`Task`](crate::runtime::Task) for WeChat's answer; `object()` is the task object with its methods and events. Dropping the task before it finishes aborts it. `wx.{}` missing or throwing: the task fails at once.",
                api.name
            );
            (
                quote!((options: &#options) -> #output),
                body.clone(),
                quote!((running: &wx_bindings::version::RunningVersion, options: &#options) -> #output),
                body,
                text,
            )
        }
        Kind::Listener if api.name.starts_with("on") => {
            let kind = event_payload(&api.name, e.payload.as_ref());
            let (payload, convert) = kind.rust(model, js_name);
            let rebind = rebind(&convert);
            // A legacy spelling's off* (the modern one) may not remove what it registered.
            let off = match (&e.off, &api.legacy) {
                (Some(off), None) => quote!(::core::option::Option::Some(#off)),
                _ => quote!(::core::option::Option::None),
            };
            let params = quote!(listener: impl ::core::ops::FnMut(#payload) + 'static);
            let output = quote!(::core::result::Result<wx_bindings::runtime::Subscription, wx_bindings::WxError>);
            let body = quote!({
                #rebind
                wx_bindings::runtime::subscribe_wx(#js_name, #off, wx_bindings::raw::#raw, #convert)
            });
            let checked_body = quote!({
                #rebind
                wx_bindings::runtime::subscribe_wx_checked(running, wx_bindings::version::Version::new(#major, #minor, #patch), #js_name, #off, #convert)
            });
            let text = format!(
                "`listener` receives each event. Returns the subscription: dropping it stops delivery at once (even on bases without `off*`), `forget` keeps it; `EventStream::new({ident})` streams the events instead. The JS side registers once per event however many subscribe (see [`runtime::Subscription`](crate::runtime::Subscription)). `Err(WxError::Js)` when `wx.{}` is missing at run time.{}",
                api.name,
                kind.doc()
            );
            (
                quote!((#params) -> #output),
                body,
                quote!((running: &wx_bindings::version::RunningVersion, #params) -> #output),
                checked_body,
                text,
            )
        }
        Kind::Listener => {
            let on = format!("on{}", &api.name[3..]);
            let removes_all = e.params.first().is_none_or(|p| p.optional);
            let raw_call = match e.params.first() {
                None => quote!(wx_bindings::raw::#raw().map_err(|error| wx_bindings::WxError::js(#js_name, error))),
                Some(p) if p.optional => quote!(
                    wx_bindings::raw::#raw(::core::option::Option::None).map_err(|error| wx_bindings::WxError::js(#js_name, error))
                ),
                Some(_) => quote!(::core::result::Result::Ok(())),
            };
            let checked_call = if removes_all {
                quote!(crate::__private::call_checked::<()>(running, #js_name, wx_bindings::version::Version::new(#major, #minor, #patch), ::std::vec![]))
            } else {
                quote!(running.require(#js_name, wx_bindings::version::Version::new(#major, #minor, #patch)))
            };
            let output = quote!(::core::result::Result<(), wx_bindings::WxError>);
            let body = quote!({
                wx_bindings::runtime::unsubscribe_all_wx(#on);
                #raw_call
            });
            let checked_body = quote!({
                #checked_call?;
                wx_bindings::runtime::unsubscribe_all_wx(#on);
                ::core::result::Result::Ok(())
            });
            let text = format!(
                "Ends every subscription to `{on}` made through the typed layer, then calls `wx.{}`{} so that listeners registered some other way go too.",
                api.name,
                if removes_all { " without a listener" } else { "" }
            );
            (
                quote!(() -> #output),
                body,
                quote!((running: &wx_bindings::version::RunningVersion) -> #output),
                checked_body,
                text,
            )
        }
        _ => {
            let args = plain_args(model, api, 0..e.params.len());
            let params: Vec<TokenStream> = args
                .iter()
                .map(|a| {
                    let (n, t) = (&a.ident, &a.ty);
                    quote!(#n: #t)
                })
                .collect();
            let raw_args: Vec<&TokenStream> = args.iter().map(|a| &a.raw).collect();
            let js_args: Vec<&TokenStream> = args.iter().map(|a| &a.js).collect();
            let shape = e.returns_shape.clone().unwrap_or(Shape::Void);
            // The typed return, how to make it from the raw one (if it differs), the raw return.
            let (ret, convert, raw_ret) = match &shape {
                Shape::Object(name) if model.object_type(name).is_some() => {
                    let t = model.object_type(name).expect("checked");
                    (
                        t.clone(),
                        Some(quote!(<#t as wx_bindings::runtime::JsObject>::from_js)),
                        quote!(#js),
                    )
                }
                Shape::String => (quote!(::std::string::String), None, quote!(::std::string::String)),
                Shape::Number => (quote!(f64), None, quote!(f64)),
                Shape::Boolean => (quote!(bool), None, quote!(bool)),
                Shape::ArrayBuffer => (quote!(js_sys::ArrayBuffer), None, quote!(js_sys::ArrayBuffer)),
                Shape::Void => (quote!(()), None, quote!(())),
                _ => (quote!(#js), None, quote!(#js)),
            };
            let map = convert.as_ref().map(|c| quote!(.map(#c)));
            let output = quote!(::core::result::Result<#ret, wx_bindings::WxError>);
            let body = quote!({
                wx_bindings::raw::#raw(#(#raw_args),*)
                    #map
                    .map_err(|error| wx_bindings::WxError::thrown(#js_name, error))
            });
            let checked_body = quote!({
                crate::__private::call_checked::<#raw_ret>(
                    running, #js_name, wx_bindings::version::Version::new(#major, #minor, #patch), ::std::vec![#(#js_args),*],
                )
                #map
            });
            let text = format!(
                "Returns `Err(WxError::Fail)` when WeChat throws its failure (`\"{0}:fail <reason>\"`, read as the callback APIs' `fail` is), `Err(WxError::Js)` when the call throws anything else or `wx.{0}` is missing at run time.",
                api.name
            );
            (
                quote!((#(#params),*) -> #output),
                body,
                quote!((running: &wx_bindings::version::RunningVersion, #(#params),*) -> #output),
                checked_body,
                text,
            )
        }
    };

    // A listener returns `Result<Subscription, _>`, whose own must-use note
    // (and rustc's "use `let _ = ...`") says nothing of unsubscribing.
    let must_use = (api.kind == Kind::Listener && api.name.starts_with("on")).then(subscription_must_use);
    let doc = docs(&function_doc(api, &returns_text));
    // Deprecated where the page permits it but today's typings do not.
    let deprecated = wx_codegen::emit::unsupported_today_attr(api, "`Err(WxError::Js)`");
    let doc = quote!(#doc #alias #must_use #deprecated);
    let sig = quote!(pub fn #ident #sig_params);
    if api.feature().is_none() {
        return quote!(#doc #sig #call_body);
    }
    let since = &api.since;
    let checked = format_ident!("{}_checked", api.rust_name);
    let gate = Gate {
        since,
        trait_name: format_ident!("__wx_needs_newer_base_{}", api.rust_name),
        message: format!("`wx.{js_name}` needs WeChat base library {since} or later in plugins"),
        note: {
            let note = format!(
                "{}, or call `{}::{checked}`, which checks the running version first",
                enable_note(since),
                api.typed_path().expect("typed").rsplit_once("::").expect("a path").0
            );
            match wx_codegen::emit::counterpart(js_name) {
                Some(instead) => format!("{note}; {instead}"),
                None => note,
            }
        },
    };
    let trait_item = gate.trait_item();
    let gated_fn = gate.function(&doc, &sig, &call_body);
    let checked_doc = docs(&format!(
        "[`{}`]({}) after checking that the running base library is {since} or later, so a plugin built for a lower baseline can use it where it exists. `wx.{js_name}` is looked up at run time, so using this does not raise the plugin's minimum base library; on an older base the answer is `WxError::TooOld`.",
        ident, ident
    ));
    quote! {
        #trait_item
        #gated_fn

        #checked_doc
        #alias
        #must_use
        #deprecated
        pub fn #checked #checked_params #checked_body
    }
}

// ---- files ----------------------------------------------------------------------

/// The header of every generated file.
pub const HEADER: &str = "// @generated by `cargo run -p wx-gen` from wx-allowlist; do not edit.\n";

/// The generated files of the typed layer: `wx-bindings/src/generated/<module>.rs`
/// for every module, and `generated/mod.rs` declaring them (and `raw`).
pub fn files() -> Vec<(String, String)> {
    let model = Model::get();
    let mut out = Vec::new();
    let modules = model.modules();
    for m in &modules {
        let apis = model.apis.get(m).map_or(0, Vec::len);
        let text = if m == COMMON {
            "Types that several categories of the typed layer share (results and fail reports \
             of Bluetooth, Wi-Fi, files...)."
                .to_string()
        } else {
            format!(
                "The `{}` category of `wx` (`…/dev/api/{}/…` in WeChat's documentation), typed: \
                 {apis} functions with their options and result types.\n\n\
                 Callback APIs return a [`WxFuture`](crate::runtime::WxFuture); sync APIs a \
                 `Result<_, WxError>`. See [`runtime`](crate::runtime) for how options and results \
                 are represented.",
                m,
                m.replace('_', "-")
            )
        };
        let lines = text
            .lines()
            .map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
        let body = module(model, m);
        let tokens = quote! {
            #(#![doc = #lines])*
            // Generated calls pass one argument as `&[value.clone()]`, uniform
            // with the calls that pass several.
            #![allow(clippy::cloned_ref_to_slice_refs)]
            #body
        };
        out.push((
            format!("wx-bindings/src/generated/{m}.rs"),
            crate::format_file(HEADER, tokens),
        ));
    }
    let mods = modules.iter().map(|m| {
        let ident = format_ident!("{}", m);
        quote!(pub mod #ident;)
    });
    let tokens = quote! {
        //! The generated layers of `wx-bindings`: the version gates' macros, the raw layer and one module per API category.
        // Exported at the crate root by `#[macro_export]`; first, so that they are defined before any use.
        mod gates;
        pub mod raw;
        #(#mods)*
    };
    out.push((
        "wx-bindings/src/generated/mod.rs".to_string(),
        crate::format_file(HEADER, tokens),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_functions_unsupported_today_are_deprecated() {
        // Issue 20 item 9's list: on the reference page, `在插件中使用：不支持` in the typings.
        let expected = [
            ("device", "onAccelerometerChange"),
            ("media", "onBackgroundAudioPause"),
            ("media", "onBackgroundAudioPlay"),
            ("media", "onBackgroundAudioStop"),
            ("device", "onCompassChange"),
            ("device", "onUserCaptureScreen"),
        ];
        let files = files();
        let all: String = files.iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(all.matches("#[deprecated(").count(), expected.len());
        for (module, name) in expected {
            let (_, text) = files
                .iter()
                .find(|(path, _)| path.ends_with(&format!("/{module}.rs")))
                .expect("module file");
            let note = format!(
                "`wx.{name}` is on the official plugin API page, but today's WeChat may leave it out of the `wx` object a plugin sees (miniprogram-api-typings 5.2.3: not supported in plugins): the call then returns `Err(WxError::Js)`;"
            );
            assert!(text.contains(&note), "{module}.rs lacks {note}");
        }
    }

    #[test]
    fn typings_text_is_safe_in_rustdoc() {
        assert_eq!(
            doc_text("对应[camera](https://x.cn/camera.html) 组件"),
            "对应[camera](https://x.cn/camera.html) 组件"
        );
        assert_eq!(doc_text("a[0] < b"), "a\\[0\\] &lt; b");
        assert_eq!(doc_text("[x](relative.html)"), "\\[x\\](relative.html)");
        assert_eq!(doc_text("path\\to"), "path\\\\to");
    }

    /// Every event of the typed layer (the `on*` functions and the permitted
    /// event methods of WeChat's objects), grouped by what its listener gets.
    fn events_by_payload() -> BTreeMap<&'static str, Vec<String>> {
        let model = Model::get();
        let mut events: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        let mut add = |payload: EventPayload, name: String| {
            let group = match payload {
                EventPayload::Unit => "unit",
                EventPayload::Bare => "bare",
                EventPayload::Error => "error",
                EventPayload::Typed(_) => "typed",
                EventPayload::Js => "js",
            };
            events.entry(group).or_default().push(name);
        };
        for api in model.apis.values().flatten() {
            if let Some(e) = &api.typings
                && api.kind == Kind::Listener
                && api.name.starts_with("on")
            {
                add(event_payload(&api.name, e.payload.as_ref()), api.name.clone());
            }
        }
        for (name, _) in model.usage.iter().filter(|(_, u)| u.object) {
            for m in interface(name)
                .expect("exists")
                .methods
                .iter()
                .filter(|m| method_since(m).is_some())
            {
                if let MethodKind::On(payload) = method_kind(m) {
                    add(event_payload(&m.name, payload), format!("{name}.{}", m.name));
                }
            }
        }
        for names in events.values_mut() {
            names.sort();
        }
        events
    }

    #[test]
    fn error_events_deliver_a_wx_error_and_only_bare_events_deliver_unit() {
        let events = events_by_payload();
        // Issue 20: these delivered `()`, losing WeChat's errMsg (and errCode).
        // The list is the typings': every permitted `onError` whose payload is
        // `GeneralCallbackResult`, an errCode/errMsg result, or untyped.
        assert_eq!(
            events["error"],
            [
                "BackgroundAudioManager.onError",
                "InferenceSession.onError",
                "InnerAudioContext.onError",
                "RecorderManager.onError",
                "SocketTask.onError",
                "UDPSocket.onError",
            ]
        );
        // `(...args: any[]) => any` in the typings: the first argument, untyped.
        assert_eq!(events["js"], ["InferenceSession.onLoad", "Ndef.onNdefMessage"]);
        // An errCode is data: the reason the VoIP chat was interrupted.
        assert!(
            events["typed"].contains(&"onVoIPChatInterrupted".to_string()),
            "{:?}",
            events["typed"]
        );
        // What is left as `()`: events whose object holds only an errMsg.
        let bare: Vec<String> = [
            "onAudioInterruptionBegin",
            "onAudioInterruptionEnd",
            "onBackgroundAudioPause",
            "onBackgroundAudioPlay",
            "onBackgroundAudioStop",
            "onLocalServiceDiscoveryStop",
        ]
        .into_iter()
        .map(String::from)
        .chain(
            [
                (
                    "BackgroundAudioManager",
                    &[
                        "onCanplay",
                        "onEnded",
                        "onNext",
                        "onPause",
                        "onPlay",
                        "onPrev",
                        "onSeeked",
                        "onSeeking",
                        "onStop",
                        "onTimeUpdate",
                        "onWaiting",
                    ][..],
                ),
                (
                    "InnerAudioContext",
                    &[
                        "onCanplay",
                        "onEnded",
                        "onPause",
                        "onPlay",
                        "onSeeked",
                        "onSeeking",
                        "onStop",
                        "onTimeUpdate",
                        "onWaiting",
                    ][..],
                ),
                (
                    "RecorderManager",
                    &[
                        "onInterruptionBegin",
                        "onInterruptionEnd",
                        "onPause",
                        "onResume",
                        "onStart",
                    ][..],
                ),
                ("UDPSocket", &["onClose", "onListening"][..]),
            ]
            .into_iter()
            .flat_map(|(object, events)| events.iter().map(move |e| format!("{object}.{e}"))),
        )
        .collect();
        let mut bare = bare;
        bare.sort();
        assert_eq!(events["bare"], bare);
        assert!(
            !events.contains_key("unit"),
            "an event without a payload: {:?}",
            events.get("unit")
        );
    }

    #[test]
    fn names_are_valid_rust() {
        assert_eq!(member_ident("type").to_string(), "type_");
        assert_eq!(member_ident("new").to_string(), "new_");
        assert_eq!(member_ident("SDKVersion").to_string(), "sdk_version");
        assert_eq!(member_ident("2d").to_string(), "f_2d");
        let mut taken = BTreeSet::new();
        assert_eq!(variant_ident("HMAC-SHA256", &mut taken).to_string(), "HmacSha256");
        assert_eq!(variant_ident("2d", &mut taken).to_string(), "V2d");
        assert_eq!(variant_ident("", &mut taken).to_string(), "Empty");
        assert_eq!(variant_ident("hmac_sha256", &mut taken).to_string(), "HmacSha256_");
    }
}
