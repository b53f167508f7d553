//! The `wx.*` functions a WeChat mini-program **plugin** may call, each with
//! the minimum base library it needs in plugins, its calling convention
//! ([`Kind`]) and where that knowledge comes from ([`Source`]).
//!
//! Two sources are merged, and they are the only places a name or a version
//! is written:
//!
//! * `data/reference-page.tsv`: the 104 rows of the official page
//!   "插件调用 API 的限制" (base library 1.9.x era). A test holds this file to
//!   the saved page, row for row. For these 104 the page's version is the gate.
//! * `data/typings.json`: a snapshot extracted from the official typings
//!   (npm `miniprogram-api-typings`, pinned) by `wx-allowlist/typings/extract.mjs`.
//!   It gives every API's kind and signature, and today's plugin availability
//!   for everything the page does not list.
//!
//! Everything else in the workspace — the macro's checks, the cargo features
//! of `wx-bindings`, the simulated host's `wx` object — is derived from
//! [`Allowlist::get`].
//!
//! ```
//! use wx_allowlist::{Allowlist, Kind};
//! let list = Allowlist::get();
//! let toast = list.lookup("showToast").unwrap();
//! assert_eq!(toast.kind, Kind::Async);
//! assert_eq!(toast.rust_name, "show_toast");
//! assert!(list.forbidden("authorize").is_some());
//! ```

mod data;
mod listing;
pub mod names;
mod shapes;

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::OnceLock;

pub use semver::Version;
use serde::{Deserialize, Serialize};

pub use data::{PageRow, reference_page_rows, typings_entries};
pub use listing::json_listing;
pub use shapes::{EnumValue, Field, Interface, Method, MethodParam, Shape};

/// How a `wx` function is called from JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Takes one options object with `success` / `fail` / `complete` callbacks.
    Async,
    /// Asynchronous like [`Kind::Async`], and also returns a task object
    /// (`request`, `downloadFile`, `uploadFile`, `connectSocket`).
    Task,
    /// Returns a value (or nothing) synchronously, or throws.
    Sync,
    /// Returns an object with methods of its own (`create*Context`,
    /// `get*Manager`, `createSelectorQuery`, ...).
    Factory,
    /// Registers (`on*`) or unregisters (`off*`) an event callback.
    Listener,
    /// A synchronous data converter (`arrayBufferToBase64`, `base64ToArrayBuffer`).
    Converter,
}

impl Kind {
    /// The lowercase name used in the JSON listing and the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Async => "async",
            Kind::Task => "task",
            Kind::Sync => "sync",
            Kind::Factory => "factory",
            Kind::Listener => "listener",
            Kind::Converter => "converter",
        }
    }

    /// Parses the lowercase name used in the data files.
    pub fn parse(text: &str) -> Option<Kind> {
        [
            Kind::Async,
            Kind::Task,
            Kind::Sync,
            Kind::Factory,
            Kind::Listener,
            Kind::Converter,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JavaScript type of a parameter or a return value, as the typings
/// declare it, reduced to what a binding needs to choose a Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JsType {
    /// A JS string.
    String,
    /// A JS number.
    Number,
    /// A JS boolean.
    Boolean,
    /// A callback function.
    Function,
    /// An `ArrayBuffer`.
    ArrayBuffer,
    /// Any object (options, results, task or context objects, arrays).
    Object,
    /// A value of several possible types.
    Any,
    /// Nothing (return values only).
    Void,
    /// A `Promise` (return values only).
    Promise,
}

/// One parameter of a `wx` function, from the typings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param {
    /// The parameter's name in the typings.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: JsType,
    /// Whether it may be left out.
    pub optional: bool,
}

/// What the typings' JSDoc says about using a function in plugins
/// (the line `在插件中使用：...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PluginNote {
    /// `在插件中使用：支持` — usable; the general minimum applies.
    Supported,
    /// `在插件中使用：不支持` — not usable in plugins.
    Unsupported,
    /// `在插件中使用：需要基础库 x.y.z` — usable in plugins from that base.
    Since(Version),
    /// The JSDoc has no plugin line.
    Unspecified,
}

impl fmt::Display for PluginNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PluginNote::Supported => f.write_str("supported in plugins"),
            PluginNote::Unsupported => f.write_str("not supported in plugins"),
            PluginNote::Since(v) => write!(f, "usable in plugins from base library {v}"),
            PluginNote::Unspecified => f.write_str("no note on plugins"),
        }
    }
}

/// One function of the typings' `Wx` interface, as recorded in the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypingsEntry {
    /// JS name.
    pub name: String,
    /// The general minimum base library (`需要基础库`), if the typings give one.
    pub since: Option<Version>,
    /// What the typings say about plugins.
    pub plugin: PluginNote,
    /// Calling convention, derived from the declaration.
    pub kind: Kind,
    /// Declared parameters.
    pub params: Vec<Param>,
    /// Declared return type.
    pub returns: JsType,
    /// First line of the JSDoc description.
    pub summary: String,
    /// Link to the official documentation page.
    pub doc: Option<String>,
    /// The full shapes of the parameters, in order (for permitted functions;
    /// empty for the others).
    pub param_shapes: Vec<Shape>,
    /// The full shape of the return value (for permitted functions).
    pub returns_shape: Option<Shape>,
    /// For callback APIs: the shape of what `success` receives.
    pub success: Option<Shape>,
    /// For callback APIs: the shape of what `fail` receives.
    pub fail: Option<Shape>,
    /// For `on*` listeners: the shape of what the listener receives.
    pub payload: Option<Shape>,
    /// For `on*` listeners: the matching `off*` function, if the typings have one.
    pub off: Option<String>,
}

impl TypingsEntry {
    /// The minimum base library from which the typings let plugins call this
    /// function: the later of the plugin note's version and the general
    /// minimum; `None` when the typings say it is not usable in plugins.
    pub fn plugin_since(&self) -> Option<Version> {
        match &self.plugin {
            PluginNote::Since(v) => Some(match &self.since {
                Some(general) if general > v => general.clone(),
                _ => v.clone(),
            }),
            PluginNote::Supported => Some(self.since.clone().unwrap_or_else(baseline)),
            PluginNote::Unsupported | PluginNote::Unspecified => None,
        }
    }
}

/// Where an entry of the allowlist comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The official 1.9.x-era page (`data/reference/000_c738fc0b8ecb603b.txt`, a saved copy).
    ReferencePage,
    /// The official typings (npm `miniprogram-api-typings`).
    Typings,
}

/// A `wx` function a plugin may call from some base library on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    /// The JS name (`wx.<name>`).
    pub name: String,
    /// The Rust name of its binding: `wx_bindings::raw::<rust_name>`.
    pub rust_name: String,
    /// The minimum base library from which plugins may call it: the page's
    /// for the page's 104, the typings' for the rest.
    pub since: Version,
    /// Its calling convention.
    pub kind: Kind,
    /// `Some(modern)` for an old spelling that today's typings no longer
    /// carry (`Some(None)` when there is no modern spelling).
    pub legacy: Option<Option<String>>,
    /// The sources that list it as usable in plugins, or describe it.
    pub sources: Vec<Source>,
    /// The typings' entry (for a legacy spelling: its modern spelling's).
    pub typings: Option<TypingsEntry>,
    /// Where the typings say something other than the page, what they say.
    pub disagreement: Option<String>,
    /// Declared parameters (from the typings).
    pub params: Vec<Param>,
    /// Declared return type (from the typings).
    pub returns: JsType,
}

impl Api {
    /// Whether this is a legacy spelling kept because the page lists it.
    pub fn is_legacy(&self) -> bool {
        self.legacy.is_some()
    }

    /// Whether the reference page lists it.
    pub fn on_reference_page(&self) -> bool {
        self.sources.contains(&Source::ReferencePage)
    }

    /// Whether a plugin running on base library `base` may call it.
    pub fn available_at(&self, base: &Version) -> bool {
        &self.since <= base
    }

    /// Where its [`Kind`] comes from: the typings' declaration, or for a
    /// legacy spelling (which the typings no longer carry) the data file,
    /// where it is given by hand.
    pub fn kind_source(&self) -> &'static str {
        if self.is_legacy() {
            "reference-page.tsv (by hand: legacy spelling)"
        } else {
            "typings"
        }
    }

    /// A one-line summary (from the typings), or "" when there is none.
    pub fn summary(&self) -> &str {
        self.typings.as_ref().map_or("", |t| t.summary.as_str())
    }

    /// Whether today's typings say plugins may not call it, though the
    /// reference page lists it (`onCompassChange`, `onAccelerometerChange`,
    /// the background-audio listeners...): today's WeChat leaves it out of a
    /// plugin's `wx`, so a binding must cope with it missing.
    pub fn unsupported_today(&self) -> bool {
        self.typings
            .as_ref()
            .is_some_and(|t| t.plugin == PluginNote::Unsupported)
    }

    /// The API's category: the first folder of its documentation page under
    /// `/dev/api/` (`…/dev/api/network/request/wx.request.html` → `network`),
    /// as a Rust module name (`open-api` → `open_api`). The typed layer of
    /// `wx-bindings` and the simulated host file each API under it. `None`
    /// for a legacy spelling, which has no page in today's typings.
    pub fn category(&self) -> Option<String> {
        let Some(typings) = self.typings.as_ref() else {
            return CATEGORY_BY_HAND
                .iter()
                .find(|(name, _)| *name == self.name)
                .map(|(_, category)| category.to_string());
        };
        let doc = typings.doc.as_deref()?;
        let rest = doc.split("/dev/api/").nth(1)?;
        let (first, _) = rest.split_once('/')?;
        Some(first.replace('-', "_"))
    }
}

/// The category of the APIs today's typings do not describe (so have no
/// doc URL to take it from), filed by hand. `makeVoIPCall` goes with
/// today's VoIP APIs, whose docs are under `api/media/voip/`
/// (`joinVoIPChat`, `exitVoIPChat`); a test holds that.
pub const CATEGORY_BY_HAND: &[(&str, &str)] = &[("makeVoIPCall", "media")];

/// A well-known `wx` function that plugins may not call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forbidden {
    /// The JS name.
    pub name: String,
    /// The Rust name a binding would have.
    pub rust_name: String,
    /// The typings' entry.
    pub typings: TypingsEntry,
}

/// What a name means to the allowlist.
#[derive(Debug, Clone, Copy)]
pub enum Resolution<'a> {
    /// Plugins may call it (from `api.since` on).
    Permitted(&'a Api),
    /// A real `wx` function that plugins may not call.
    Forbidden(&'a Forbidden),
    /// Not a `wx` function we know of; the closest permitted API, if any is close.
    Unknown {
        /// The closest permitted API by spelling.
        suggestion: Option<&'a Api>,
    },
}

/// The merged allowlist. Get it with [`Allowlist::get`].
#[derive(Debug)]
pub struct Allowlist {
    apis: Vec<Api>,
    forbidden: Vec<Forbidden>,
    by_name: HashMap<String, usize>,
    by_rust_name: HashMap<String, usize>,
    forbidden_by_name: HashMap<String, usize>,
    typings_version: String,
    interfaces: std::collections::BTreeMap<String, Interface>,
}

/// The base library from which an async API called without `success` /
/// `fail` / `complete` returns a promise (the reference README, "Calling
/// conventions of `wx.*`": "Promise-style calls ... only exist from base
/// library 2.10.2"; tasks are never promisified, "More runtime facts").
pub const PROMISE_SINCE: Version = Version::new(2, 10, 2);

/// The base library from which plugins have `WXWebAssembly` (the reference
/// README, "Running WebAssembly in WeChat": "available to plugins from base
/// library 2.18.1").
pub const WXWEBASSEMBLY_SINCE: Version = Version::new(2, 18, 1);

/// The lowest base library on the list: the default baseline of `wx-bindings`.
pub fn baseline() -> Version {
    Version::new(1, 9, 6)
}

/// Functions whose job plugins do through a function of their own (forbidden
/// in plugins, or usable only with extra setup).
/// Given by hand, from the typings' JSDoc of the plugin functions:
/// `wx.pluginLogin` "该接口仅在小程序插件中可调用，调用接口获得插件用户标志凭证（code）"
/// (the plugin's `wx.login`), `wx.requestPluginPayment` "插件中发起支付"
/// (the plugin's `wx.requestPayment`).
const PLUGIN_COUNTERPARTS: &[(&str, &str)] = &[("login", "pluginLogin"), ("requestPayment", "requestPluginPayment")];

/// The function plugins call instead of `js_name`, if there is one
/// (`requestPayment`, forbidden → `requestPluginPayment`; `login`, usable
/// from 2.3.1 only after the user authorised the plugin's user-info
/// functional page → `pluginLogin`).
pub fn plugin_counterpart(js_name: &str) -> Option<&'static str> {
    PLUGIN_COUNTERPARTS
        .iter()
        .find(|(forbidden, _)| *forbidden == js_name)
        .map(|(_, instead)| *instead)
}

/// The string-literal values of a shape (of an array's elements too).
fn enum_values(shape: &Shape) -> &[EnumValue] {
    match shape {
        Shape::Enum(values) => values,
        Shape::Array(inner) => enum_values(inner),
        _ => &[],
    }
}

/// The Rust (snake_case) name of the binding of a JS name.
pub fn rust_name_of(js_name: &str) -> String {
    heck::ToSnakeCase::to_snake_case(js_name)
}

/// Parses a base-library version (`1.9.6`, `2.10.2`); versions compare
/// numerically, so `1.9.94 > 1.9.6`.
pub fn parse_version(text: &str) -> Result<Version, semver::Error> {
    Version::parse(text.trim())
}

impl Allowlist {
    /// The allowlist, parsed once from the data files compiled into this crate.
    pub fn get() -> &'static Allowlist {
        static LIST: OnceLock<Allowlist> = OnceLock::new();
        LIST.get_or_init(|| data::load().unwrap_or_else(|err| panic!("wx-allowlist data files are invalid: {err}")))
    }

    pub(crate) fn new(
        apis: Vec<Api>,
        forbidden: Vec<Forbidden>,
        typings_version: String,
        interfaces: std::collections::BTreeMap<String, Interface>,
    ) -> Self {
        let by_name = apis.iter().enumerate().map(|(i, a)| (a.name.clone(), i)).collect();
        let by_rust_name = apis.iter().enumerate().map(|(i, a)| (a.rust_name.clone(), i)).collect();
        let forbidden_by_name = forbidden.iter().enumerate().map(|(i, f)| (f.name.clone(), i)).collect();
        Allowlist {
            apis,
            forbidden,
            by_name,
            by_rust_name,
            forbidden_by_name,
            typings_version,
            interfaces,
        }
    }

    /// The interface of the typings with this name (options, results,
    /// returned objects, listener payloads of permitted functions).
    pub fn interface(&self, name: &str) -> Option<&Interface> {
        self.interfaces.get(name)
    }

    /// Every interface a permitted function reaches, sorted by name.
    pub fn interfaces(&self) -> impl Iterator<Item = &Interface> {
        self.interfaces.values()
    }

    /// Every permitted API, sorted by JS name.
    pub fn iter(&self) -> impl Iterator<Item = &Api> {
        self.apis.iter()
    }

    /// How many APIs are permitted at some base version.
    pub fn len(&self) -> usize {
        self.apis.len()
    }

    /// Whether the list is empty (it never is).
    pub fn is_empty(&self) -> bool {
        self.apis.is_empty()
    }

    /// The permitted API with this JS name.
    pub fn lookup(&self, js_name: &str) -> Option<&Api> {
        self.by_name.get(js_name).map(|&i| &self.apis[i])
    }

    /// The permitted API whose binding has this Rust name.
    pub fn lookup_rust(&self, rust_name: &str) -> Option<&Api> {
        self.by_rust_name.get(rust_name).map(|&i| &self.apis[i])
    }

    /// The APIs a plugin running on base library `base` may call.
    pub fn available_at<'a>(&'a self, base: &'a Version) -> impl Iterator<Item = &'a Api> + 'a {
        self.apis.iter().filter(move |api| api.available_at(base))
    }

    /// The well-known `wx` function with this JS name that plugins may not call.
    pub fn forbidden(&self, js_name: &str) -> Option<&Forbidden> {
        self.forbidden_by_name.get(js_name).map(|&i| &self.forbidden[i])
    }

    /// Every well-known `wx` function that plugins may not call, sorted by name.
    pub fn forbidden_iter(&self) -> impl Iterator<Item = &Forbidden> {
        self.forbidden.iter()
    }

    /// The distinct minimum versions above the baseline, ascending: one cargo
    /// feature of `wx-bindings` each. They are the versions of the permitted
    /// APIs and those of the fields, string-literal values and methods of the
    /// interfaces they reach (a field can need a base no function needs).
    pub fn gated_versions(&self) -> Vec<Version> {
        let fields = self.interfaces.values().flat_map(|i| i.fields.iter());
        let field_versions = fields.clone().filter_map(|f| f.since.as_ref());
        let value_versions = fields
            .flat_map(|f| enum_values(&f.shape))
            .filter_map(|v| v.since.as_ref());
        let method_versions: Vec<Version> = self
            .interfaces
            .values()
            .flat_map(|i| i.methods.iter())
            .filter_map(Method::plugin_since)
            .collect();
        let set: BTreeSet<&Version> = self
            .apis
            .iter()
            .map(|a| &a.since)
            .chain(field_versions)
            .chain(value_versions)
            .chain(method_versions.iter())
            .filter(|v| **v > baseline())
            .collect();
        set.into_iter().cloned().collect()
    }

    /// The version of the typings the snapshot was taken from.
    pub fn typings_version(&self) -> &str {
        &self.typings_version
    }

    /// Resolves a JS name or a Rust binding name.
    pub fn resolve(&self, name: &str) -> Resolution<'_> {
        if let Some(api) = self.lookup(name).or_else(|| self.lookup_rust(name)) {
            return Resolution::Permitted(api);
        }
        let forbidden = self
            .forbidden(name)
            .or_else(|| self.forbidden.iter().find(|f| f.rust_name == name));
        match forbidden {
            Some(f) => Resolution::Forbidden(f),
            None => Resolution::Unknown {
                suggestion: self.suggest(name),
            },
        }
    }

    /// The permitted API whose JS or Rust name is closest to `name`, if any is
    /// close enough to be a plausible typo.
    pub fn suggest(&self, name: &str) -> Option<&Api> {
        let found = closest_name(name, self.apis.iter().map(|api| api.name.as_str()))?;
        self.lookup(found)
    }
}

/// The candidate closest to `name` (case and `_` ignored, so a Rust name finds
/// its JS name), if it is close enough to be a plausible typo.
pub fn closest_name<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = name.to_lowercase().replace('_', "");
    candidates
        .map(|candidate| (strsim::jaro_winkler(&wanted, &candidate.to_lowercase()), candidate))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|(a, _), (b, _)| a.total_cmp(b))
        .map(|(_, candidate)| candidate)
}

/// What one name means to plugins, as `wx-allowlist --lookup NAME` and `wx-pack lookup NAME`
/// print it: a `wx` API (JS or Rust name), or a member of a returned object or an option
/// (`RecorderManager.onError`, `ShowModalOption.editable`). The text (lines, each ending in
/// a newline) and whether the name is one plugins may use; false for a forbidden API or
/// member and for an unknown name (the text then suggests the closest known one).
pub fn explain(name: &str) -> (String, bool) {
    use fmt::Write as _;
    let list = Allowlist::get();
    let mut text = String::new();
    // `wx.request` as the JS calls it is `request`.
    let name = name.strip_prefix("wx.").unwrap_or(name);
    if let Some((interface, member)) = name.split_once('.') {
        let ok = explain_member(list, interface, member, &mut text);
        return (text, ok);
    }
    let ok = match list.resolve(name) {
        Resolution::Permitted(api) => {
            let _ = writeln!(
                text,
                "wx.{}: permitted in plugins from base library {}",
                api.name, api.since
            );
            let _ = writeln!(text, "  kind: {} (from {})", api.kind, api.kind_source());
            let _ = writeln!(text, "  binding: wx_bindings::raw::{}", api.rust_name);
            if let Some(typed) = names::typed_path(api) {
                let _ = writeln!(text, "  typed: {typed}");
            }
            feature_line(&mut text, names::feature_of(api));
            let sources: Vec<&str> = api
                .sources
                .iter()
                .map(|s| match s {
                    Source::ReferencePage => "reference page",
                    Source::Typings => "typings",
                })
                .collect();
            let _ = writeln!(text, "  source: {}", sources.join(" + "));
            if let Some(Some(modern)) = &api.legacy {
                let _ = writeln!(text, "  legacy spelling of wx.{modern}");
            } else if api.is_legacy() {
                let _ = writeln!(text, "  legacy spelling, absent from today's typings");
            }
            if let Some(note) = &api.disagreement {
                let _ = writeln!(text, "  note: {note}");
            }
            true
        }
        Resolution::Forbidden(f) => {
            let _ = writeln!(
                text,
                "wx.{}: not available to WeChat plugins ({})",
                f.name, f.typings.plugin
            );
            false
        }
        Resolution::Unknown { suggestion } => {
            let _ = match suggestion {
                Some(api) => writeln!(
                    text,
                    "`{name}` is not a known wx API; did you mean wx.{} ({})?",
                    api.name, api.rust_name
                ),
                None => writeln!(text, "`{name}` is not a known wx API"),
            };
            false
        }
    };
    (text, ok)
}

fn feature_line(text: &mut String, feature: Option<String>) {
    use fmt::Write as _;
    let _ = match feature {
        Some(feature) => writeln!(text, "  cargo feature: {feature}"),
        None => writeln!(text, "  cargo feature: none (default baseline)"),
    };
}

/// `Interface.member`: a method (events included) of a returned object, or a field of an
/// options or result interface, with its own plugin note and base.
fn explain_member(list: &Allowlist, interface: &str, member: &str, text: &mut String) -> bool {
    use fmt::Write as _;
    let Some(iface) = list.interface(interface) else {
        let _ = match closest_name(interface, list.interfaces().map(|i| i.name.as_str())) {
            Some(found) => writeln!(
                text,
                "`{interface}` is not an interface of the typings; did you mean {found}?"
            ),
            None => writeln!(text, "`{interface}` is not an interface of the typings"),
        };
        return false;
    };
    let rust = rust_name_of(member);
    if let Some(method) = iface.method(member) {
        let Some(since) = method.plugin_since() else {
            let _ = writeln!(
                text,
                "{interface}.{member}: method, not available to WeChat plugins (typings: unsupported in plugins)"
            );
            return false;
        };
        // No base and no note of its own: wherever the object is, so is the method.
        if method.since.is_none() && since == baseline() {
            let _ = writeln!(
                text,
                "{interface}.{member}: method, permitted in plugins wherever {interface} is ({})",
                method.plugin
            );
        } else {
            let _ = writeln!(
                text,
                "{interface}.{member}: method, permitted in plugins from base library {since}"
            );
        }
        let _ = writeln!(text, "  typed: {interface}::{rust}");
        feature_line(text, names::feature_for(&since));
        if !method.summary.is_empty() {
            let _ = writeln!(text, "  summary: {}", method.summary);
        }
        return true;
    }
    if let Some(field) = iface.field(member) {
        let since = field.since.clone().unwrap_or_else(baseline);
        let _ = writeln!(
            text,
            "{interface}.{member}: {} field, from base library {since}",
            if field.optional { "optional" } else { "required" }
        );
        let _ = writeln!(text, "  typed: {interface}::{rust}");
        feature_line(text, names::feature_for(&since));
        if !field.doc.is_empty() {
            let _ = writeln!(text, "  summary: {}", field.doc);
        }
        return true;
    }
    let names = iface
        .methods
        .iter()
        .map(|m| m.name.as_str())
        .chain(iface.fields.iter().map(|f| f.name.as_str()));
    let _ = match closest_name(member, names) {
        Some(found) => writeln!(
            text,
            "{interface} has no member `{member}`; did you mean {interface}.{found}?"
        ),
        None => writeln!(text, "{interface} has no member `{member}`"),
    };
    false
}
