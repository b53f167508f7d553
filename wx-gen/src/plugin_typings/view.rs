//! What the plugin's `wx` is at one base: the functions it may call, and
//! the returned objects narrowed to the methods and fields it may use.

use std::collections::{BTreeMap, BTreeSet};

use wx_allowlist::{Allowlist, Api, JsType, Shape, Version, baseline};

/// An interface narrowed at a base: the official interface without some
/// methods and fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrowed {
    /// The methods and fields left out, each with why (`"needs base library
    /// 2.20.1"`, or `"not available to plugins"`), sorted by name.
    pub omitted: BTreeMap<String, String>,
    /// Methods kept whose result is itself narrowed: method name → the
    /// narrowed interface's name.
    pub rewritten: BTreeMap<String, String>,
}

/// How a member of the plugin's `wx` is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    /// As the official typings declare it (picked).
    Official,
    /// The official function, returning a narrowed interface.
    Returning(String),
    /// A legacy spelling: its modern spelling's official type.
    Legacy(String),
    /// A legacy spelling without a modern one: typed from the listing's
    /// parameters and return type.
    Listed(String),
}

/// What the plugin's `wx` is at one base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The permitted functions at that base, by name.
    pub members: BTreeMap<String, Member>,
    /// The narrowed interfaces, by the official interface's name.
    pub narrowed: BTreeMap<String, Narrowed>,
}

/// The interface of the snapshot a shape names, if it is one.
pub(super) fn object<'s>(list: &Allowlist, shape: &'s Shape) -> Option<&'s str> {
    let name = shape.object_name()?;
    list.interface(name).map(|_| name)
}

/// The interface an API returns, if it returns one.
pub(super) fn returned<'a>(list: &Allowlist, api: &'a Api) -> Option<&'a str> {
    api.typings
        .as_ref()
        .and_then(|t| t.returns_shape.as_ref())
        .and_then(|shape| object(list, shape))
}

/// Why a method is left out at `base`, or `None` when plugins may call it there.
pub(super) fn omitted_because(method: &wx_allowlist::Method, base: &Version) -> Option<String> {
    match method.plugin_since() {
        None => Some("not available to plugins".to_string()),
        Some(since) if &since > base => Some(format!("needs base library {since}")),
        Some(_) => None,
    }
}

/// A TypeScript type for a parameter or result the listing describes.
pub(super) fn ts_type(ty: JsType) -> &'static str {
    match ty {
        JsType::String => "string",
        JsType::Number => "number",
        JsType::Boolean => "boolean",
        JsType::Function => "(...args: any[]) => void",
        JsType::ArrayBuffer => "ArrayBuffer",
        JsType::Object => "WechatMiniprogram.IAnyObject",
        JsType::Any => "any",
        JsType::Void => "void",
        JsType::Promise => "Promise<any>",
    }
}

/// The interfaces reachable at `base` from what the permitted functions
/// return, through what the methods kept there return. It grows with the
/// base: the functions and the kept methods do.
pub(super) fn reachable_at(list: &Allowlist, base: &Version) -> BTreeSet<String> {
    let mut reachable = BTreeSet::new();
    let mut todo: Vec<&str> = list.available_at(base).filter_map(|api| returned(list, api)).collect();
    while let Some(name) = todo.pop() {
        if !reachable.insert(name.to_string()) {
            continue;
        }
        let interface = list.interface(name).expect("shapes name interfaces of the snapshot");
        for m in interface.methods.iter().filter(|m| omitted_because(m, base).is_none()) {
            todo.extend(object(list, &m.returns));
        }
    }
    reachable
}

/// The interfaces of `among` narrowed at `base`: those that lose methods or
/// fields, and those a kept method of which returns a narrowed one (to a
/// fixed point: objects return each other, `SelectorQuery` ↔ `NodesRef`).
/// `among` must hold what its interfaces' kept methods return.
pub(super) fn narrowed_among(list: &Allowlist, among: &BTreeSet<String>, base: &Version) -> BTreeMap<String, Narrowed> {
    let mut narrowed: BTreeMap<String, Narrowed> = BTreeMap::new();
    for name in among {
        let interface = list.interface(name).unwrap();
        let methods = interface
            .methods
            .iter()
            .filter_map(|m| omitted_because(m, base).map(|why| (m.name.clone(), why)));
        let fields = interface.fields.iter().filter_map(|f| match &f.since {
            Some(since) if since > base => Some((f.name.clone(), format!("needs base library {since}"))),
            _ => None,
        });
        let omitted: BTreeMap<String, String> = methods.chain(fields).collect();
        if !omitted.is_empty() {
            narrowed.insert(
                name.clone(),
                Narrowed {
                    omitted,
                    rewritten: BTreeMap::new(),
                },
            );
        }
    }
    loop {
        let mut changed = false;
        for name in among {
            let interface = list.interface(name).unwrap();
            for m in interface.methods.iter().filter(|m| omitted_because(m, base).is_none()) {
                let Some(target) = object(list, &m.returns) else {
                    continue;
                };
                if !narrowed.contains_key(target) {
                    continue;
                }
                let entry = narrowed.entry(name.clone()).or_insert_with(|| Narrowed {
                    omitted: BTreeMap::new(),
                    rewritten: BTreeMap::new(),
                });
                if entry.rewritten.insert(m.name.clone(), target.to_string()).is_none() {
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    narrowed
}

impl View {
    /// The plugin's `wx` at `base`.
    pub fn at(list: &Allowlist, base: &Version) -> View {
        let apis: Vec<&Api> = list.available_at(base).collect();
        let narrowed = narrowed_among(list, &reachable_at(list, base), base);

        let members = apis
            .iter()
            .map(|api| {
                let member = match &api.legacy {
                    Some(Some(modern)) => Member::Legacy(modern.clone()),
                    Some(None) => {
                        let params: Vec<String> = api
                            .params
                            .iter()
                            .map(|p| format!("{}{}: {}", p.name, if p.optional { "?" } else { "" }, ts_type(p.ty)))
                            .collect();
                        Member::Listed(format!("({}) => {}", params.join(", "), ts_type(api.returns)))
                    }
                    None => match returned(list, api).filter(|r| narrowed.contains_key(*r)) {
                        Some(target) => Member::Returning(target.to_string()),
                        None => Member::Official,
                    },
                };
                (api.name.clone(), member)
            })
            .collect();
        View { members, narrowed }
    }
}

/// The bases with an entry, ascending: every version at which the plugin's
/// `wx` differs from the one below (the baseline first).
pub fn bases(list: &Allowlist) -> Vec<Version> {
    let mut candidates: BTreeSet<Version> = list.iter().map(|a| a.since.clone()).collect();
    candidates.insert(baseline());
    candidates.extend(
        list.interfaces()
            .flat_map(|i| i.methods.iter())
            .filter_map(wx_allowlist::Method::plugin_since),
    );
    candidates.extend(
        list.interfaces()
            .flat_map(|i| i.fields.iter())
            .filter_map(|f| f.since.clone()),
    );
    let mut out: Vec<Version> = Vec::new();
    let mut previous: Option<View> = None;
    for base in candidates.into_iter().filter(|v| v >= &baseline()) {
        let view = View::at(list, &base);
        if previous.as_ref() != Some(&view) {
            out.push(base);
            previous = Some(view);
        }
    }
    out
}
