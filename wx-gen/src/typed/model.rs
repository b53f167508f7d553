//! The model: which interfaces, enums and functions the typed layer has,
//! where each lives, and how each is used (computed once from the allowlist).

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::quote;
use wx_allowlist::names::typed_path;
use wx_allowlist::{Allowlist, Api, EnumValue, Field, Interface, Kind, Shape, TypingsEntry, Version};

/// The module of interfaces that several categories use.
pub const COMMON: &str = "common";

/// The fields every callback API's options have; the typed layer sets
/// `success` and `fail` itself and leaves `complete` to the raw layer.
pub(crate) const CALLBACK_FIELDS: [&str; 3] = ["success", "fail", "complete"];

/// The fields of a failure report: a `success` answer with nothing else is `()`.
pub(crate) const REPORT_FIELDS: [&str; 3] = ["errMsg", "errCode", "errno"];

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
    pub(crate) enum_by_origin: BTreeMap<String, String>,
    /// The allowlist it is computed from, which the items read further.
    pub list: &'static Allowlist,
}

/// The typings' entry of an API that has a typed function.
pub(crate) fn entry(api: &Api) -> &TypingsEntry {
    api.typings.as_ref().expect("typed APIs have typings")
}

pub(crate) fn interface(list: &'static Allowlist, name: &str) -> Option<&'static Interface> {
    list.interface(name)
}

/// Whether `name` is a bare report (`GeneralCallbackResult`, `BluetoothError`...):
/// as a `success` answer it means "done", `()`.
pub(crate) fn is_report(list: &'static Allowlist, name: &str) -> bool {
    interface(list, name).is_none_or(|i| i.fields.iter().all(|f| REPORT_FIELDS.contains(&f.name.as_str())))
}

/// `#[must_use]` for what returns `Result<Subscription, WxError>`: the
/// `Result`'s own note, and rustc's help to write `let _ = ...`, would
/// have the plugin drop the subscription, and so unsubscribe, at once.
pub(crate) fn subscription_must_use() -> TokenStream {
    let text = "`let _ = …` drops the Subscription at once, which unsubscribes: no event reaches the listener. \
                Bind it for as long as you want events (`let _sub = …?;`), or call `.forget()` on it to keep it for good";
    quote!(#[must_use = #text])
}

/// `let mut listener = listener;` where the event handler is a closure that
/// calls it (`impl FnMut` parameters are not `mut`), nothing where it is
/// the listener itself.
pub(crate) fn rebind(handler: &TokenStream) -> Option<TokenStream> {
    (handler.to_string() != "listener").then(|| quote!(let mut listener = listener;))
}

/// What the Rust listener of an event receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EventPayload<'a> {
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
pub(crate) fn event_payload<'a>(list: &'static Allowlist, on: &str, shape: Option<&'a Shape>) -> EventPayload<'a> {
    let bare = |name: &str| interface(list, name).is_none_or(|i| i.fields.iter().all(|f| f.name == "errMsg"));
    let is_error = on == "onError";
    match shape {
        None | Some(Shape::Void) => {
            if is_error {
                EventPayload::Error
            } else {
                EventPayload::Unit
            }
        }
        Some(Shape::Object(name)) if is_error && is_report(list, name) => EventPayload::Error,
        Some(Shape::Object(name)) if bare(name) => EventPayload::Bare,
        Some(Shape::Object(name)) => EventPayload::Typed(name),
        Some(_) if is_error => EventPayload::Error,
        Some(_) => EventPayload::Js,
    }
}

impl EventPayload<'_> {
    /// The listener's argument type, and the handler that makes it from the
    /// JS event and calls `listener` (`qualified` names the event in a `WxError`).
    pub(crate) fn rust(self, model: &Model, qualified: &str) -> (TokenStream, TokenStream) {
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
    pub(crate) fn doc(self) -> &'static str {
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
pub(crate) enum MethodKind<'a> {
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

pub(crate) fn method_kind<'m>(list: &'static Allowlist, m: &'m wx_allowlist::Method) -> MethodKind<'m> {
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
        && let Some(success) = interface(list, options).and_then(|i| i.field("success"))
    {
        let success = match &success.shape {
            Shape::Function(Some(arg)) => arg.object_name(),
            _ => None,
        };
        let options = interface(list, options)
            .filter(|i| data_fields(i).next().is_some())
            .map(|i| i.name.as_str());
        return MethodKind::Async { options, success };
    }
    MethodKind::Sync
}

/// The base from which plugins may call a method (`None`: they may not).
pub(crate) fn method_since(m: &wx_allowlist::Method) -> Option<Version> {
    m.plugin_since()
}

/// The data fields of an options or result interface (no callbacks).
pub(crate) fn data_fields(i: &Interface) -> impl Iterator<Item = &Field> {
    i.fields.iter().filter(|f| !CALLBACK_FIELDS.contains(&f.name.as_str()))
}

/// The interfaces a shape names (itself, or its array's elements).
pub(crate) fn named_objects(shape: &Shape) -> Option<&str> {
    match shape {
        Shape::Object(name) => Some(name),
        Shape::Array(inner) => named_objects(inner),
        _ => None,
    }
}

pub(crate) fn enum_values_of(shape: &Shape) -> Option<&[EnumValue]> {
    match shape {
        Shape::Enum(values) => Some(values),
        Shape::Array(inner) => enum_values_of(inner),
        _ => None,
    }
}

impl Model {
    /// The model of `list`'s typed APIs.
    pub fn new(list: &'static Allowlist) -> Model {
        let mut model = Model {
            list,
            apis: BTreeMap::new(),
            usage: BTreeMap::new(),
            enums: BTreeMap::new(),
            enum_by_origin: BTreeMap::new(),
        };
        for api in list.iter().filter(|a| typed_path(a).is_some()) {
            let category = api.category().expect("typed APIs have a category");
            let path = typed_path(api).expect("filtered");
            let Some(e) = api.typings.as_ref() else {
                // makeVoIPCall: no typings, so nothing to mark; an untyped function.
                model.apis.entry(category).or_default().push(api);
                continue;
            };
            match api.kind {
                Kind::Async => {
                    if let Some(name) = e.param_shapes.first().and_then(Shape::object_name)
                        && interface(list, name).is_some_and(|i| data_fields(i).next().is_some())
                    {
                        model.mark(name, true, &category, Some(&path));
                    }
                    if let Some(name) = e.success.as_ref().and_then(Shape::object_name)
                        && !is_report(list, name)
                    {
                        model.mark(name, false, &category, Some(&path));
                    }
                }
                Kind::Listener => {
                    if let EventPayload::Typed(name) = event_payload(list, &api.name, e.payload.as_ref()) {
                        model.mark(name, false, &category, Some(&path));
                    }
                }
                Kind::Task => {
                    if let Some(name) = e.param_shapes.first().and_then(Shape::object_name) {
                        model.mark(name, true, &category, Some(&path));
                    }
                    if let Some(name) = e.success.as_ref().and_then(Shape::object_name)
                        && !is_report(list, name)
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
            let i = interface(list, &name).expect("marked interfaces exist");
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

    pub(crate) fn add_enum(&mut self, origin: String, rust: String, values: &[EnumValue], home: &str) {
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
    pub(crate) fn mark(&mut self, name: &str, input: bool, category: &str, used_by: Option<&str>) {
        let Some(i) = interface(self.list, name) else { return };
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
    pub(crate) fn mark_object(&mut self, i: &'static Interface, category: &str, used_by: Option<&str>) {
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
            match method_kind(self.list, m) {
                MethodKind::On(payload) => {
                    if let EventPayload::Typed(name) = event_payload(self.list, &m.name, payload) {
                        self.mark(name, false, category, None);
                    }
                }
                MethodKind::Off => {}
                MethodKind::Async { options, success } => {
                    if let Some(name) = options {
                        self.mark(name, true, category, None);
                    }
                    if let Some(name) = success.filter(|n| !is_report(self.list, n)) {
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
