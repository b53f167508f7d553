//! `plugin-wx.d.ts`: the plugin's `wx` on every base, as data.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use wx_allowlist::{Allowlist, Version};

use super::view::*;
use super::{FOLDER, HEADER, MAP};

/// The names of `WxPlugin` that `plugin-wx.d.ts` declares besides the
/// returned objects, and those `base.d.ts` declares (a test holds this list
/// to that file): no returned object may take one of them.
pub(super) const RESERVED: &[&str] = &[
    // plugin-wx.d.ts and the entries
    "Base",
    "Bases",
    "Latest",
    "Versions",
    "Functions",
    "Legacy",
    "FunctionReturns",
    "Official",
    "OfficialFrom",
    "Gated",
    "MethodReturns",
    "NarrowedAt",
    "Wx",
    // base.d.ts
    "Returning",
    "Version",
    "PluginWx",
    "BelowBaseline",
    "EntryOf",
    "PluginWxAt",
    "PickOf",
    "UpTo",
    "Available",
    "NarrowingFunctions",
    "Narrowed",
    "IsNarrowed",
    "OmittedAt",
    "RewrittenAt",
    "Member",
    "HighestAtMost",
    "CompareVersions",
    "CompareNumbers",
    "CompareLengths",
    "CompareDigits",
    "Plain",
];

/// What `plugin-wx.d.ts` declares of the returned objects: every interface
/// some base narrows, with what it loses where.
pub(super) struct ObjectMap {
    /// The interfaces some entry narrows, by name, each with the first entry
    /// from which it is the official one (`None`: never).
    pub(super) official_from: BTreeMap<String, Option<Version>>,
}

impl ObjectMap {
    pub(super) fn new(list: &Allowlist, bases: &[Version]) -> ObjectMap {
        // Reachability only grows with the base, so the highest entry's
        // reaches every object any entry returns; narrowing an object
        // depends only on its members and the objects they return.
        let latest = bases.last().expect("there is an entry");
        let universe = reachable_at(list, latest);
        let mut official_from: BTreeMap<String, Option<Version>> = BTreeMap::new();
        for base in bases {
            let narrowed = narrowed_among(list, &universe, base);
            for name in &universe {
                if narrowed.contains_key(name) {
                    // Narrowed here: official from a later entry at the earliest.
                    official_from.insert(name.clone(), None);
                } else if let Some(from @ None) = official_from.get_mut(name) {
                    *from = Some(base.clone());
                }
            }
        }
        ObjectMap { official_from }
    }

    fn narrowable(&self, name: &str) -> bool {
        self.official_from.contains_key(name)
    }
}

/// A union of string literal types: on the line for one name, else one
/// `| "name"` a line, indented by `indent`.
pub(super) fn union(names: &[&str], indent: usize) -> String {
    match names {
        [one] => format!(" \"{one}\""),
        _ => names.iter().map(|n| format!("\n{:indent$}| \"{n}\"", "")).collect(),
    }
}

/// A base as a TypeScript string literal type, or `never`.
pub(super) fn literal(base: Option<&Version>) -> String {
    base.map_or_else(|| "never".to_string(), |v| format!("\"{v}\""))
}

/// `plugin-wx.d.ts`: the plugin's `wx` on every base, as data. `base.d.ts`
/// turns it into `WxPlugin.PluginWx<B>`; each entry names one base.
pub fn map_dts(list: &Allowlist) -> Result<String, String> {
    let bases = bases(list);
    let latest = bases.last().expect("there is an entry");
    let objects = ObjectMap::new(list, &bases);
    if let Some(clash) = objects.official_from.keys().find(|n| RESERVED.contains(&n.as_str())) {
        return Err(format!(
            "{FOLDER}/{MAP}: the returned object `{clash}` has the name of a type of `WxPlugin`; \
             rename that type in plugin_typings.rs and base.d.ts"
        ));
    }

    let baseline = wx_allowlist::baseline();
    // Per object: its members plugins may use only from a base above the
    // baseline (`None`: never), and its kept methods that return an object
    // some base narrows.
    let mut gated: Vec<(&str, BTreeMap<&str, Option<Version>>)> = Vec::new();
    let mut method_returns: Vec<(&str, BTreeMap<&str, &str>)> = Vec::new();
    for name in objects.official_from.keys() {
        let interface = list.interface(name).unwrap();
        let mut members = BTreeMap::new();
        let mut returns = BTreeMap::new();
        for m in &interface.methods {
            let since = m.plugin_since();
            if since.as_ref().is_none_or(|s| *s > baseline) {
                members.insert(m.name.as_str(), since.clone());
            }
            if since.is_some()
                && let Some(target) = object(list, &m.returns).filter(|t| objects.narrowable(t))
            {
                returns.insert(m.name.as_str(), target);
            }
        }
        for f in &interface.fields {
            if let Some(since) = f.since.as_ref().filter(|s| **s > baseline) {
                members.insert(f.name.as_str(), Some(since.clone()));
            }
        }
        if !members.is_empty() {
            gated.push((name, members));
        }
        if !returns.is_empty() {
            method_returns.push((name, returns));
        }
    }
    // Every version the data names: `base.d.ts` reads "at or below an
    // entry" as membership in a prefix of these.
    let mut versions: BTreeSet<Version> = bases.iter().cloned().collect();
    versions.extend(list.iter().map(|a| a.since.clone()));
    versions.extend(objects.official_from.values().flatten().cloned());
    versions.extend(gated.iter().flat_map(|(_, m)| m.values().flatten().cloned()));
    let mut out = format!(
        "{HEADER}\n\
         // The `wx` of a WeChat mini-program plugin on every base library, as data:\n\
         // each function plugins may call (wx-allowlist) with the base library from\n\
         // which they may, and each method and field of the objects those functions\n\
         // return that plugins may use only from some base library on, or never. Every\n\
         // type is the official one (miniprogram-api-typings {typings}). `base.d.ts`\n\
         // makes `WxPlugin.PluginWx<\"2.18.1\">` of it; each entry (`2.18.1/index.d.ts`)\n\
         // declares the global `wx` as one of those.\n\n\
         /// <reference path=\"./base.d.ts\" />\n\n\
         declare namespace WxPlugin {{\n    \
         /** The base libraries at which the plugin's `wx` changes, ascending: each has an entry. */\n    \
         type Bases = [\n",
        typings = list.typings_version(),
    );
    for base in &bases {
        writeln!(out, "        \"{base}\",").unwrap();
    }
    writeln!(
        out,
        "    ]\n\n    /** The highest entry's base library. */\n    type Latest = \"{latest}\"\n"
    )
    .unwrap();
    if versions.iter().eq(bases.iter()) {
        out.push_str(
            "    /** Every base library this file names, ascending: here, the entries'. */\n    \
             type Versions = Bases\n\n",
        );
    } else {
        out.push_str(
            "    /** Every base library this file names, ascending: the entries' and those of\n     \
             * functions, methods and fields on which no entry starts. */\n    type Versions = [\n",
        );
        for version in &versions {
            writeln!(out, "        \"{version}\",").unwrap();
        }
        out.push_str("    ]\n\n");
    }
    out.push_str(
        "    /** Every function plugins may call, by the base library from which they may. */\n    \
         interface Functions {\n",
    );
    let mut by_base: BTreeMap<&Version, Vec<&str>> = BTreeMap::new();
    for api in list.iter() {
        by_base.entry(&api.since).or_default().push(&api.name);
    }
    for (since, names) in by_base {
        writeln!(out, "        \"{since}\":{}", union(&names, 12)).unwrap();
    }
    out.push_str("    }\n\n");

    out.push_str(
        "    /** The legacy spellings among `Functions`, which today's typings do not declare, with their types. */\n    \
         interface Legacy {\n",
    );
    let mut returning = Vec::new();
    for (api, member) in View::at(list, latest).members {
        match member {
            Member::Legacy(modern) => writeln!(
                out,
                "        /** The legacy spelling of `wx.{modern}`, which the reference page lists for plugins. */\n        \
                 {api}: WechatMiniprogram.Wx[\"{modern}\"]"
            )
            .unwrap(),
            Member::Listed(signature) => writeln!(
                out,
                "        /** A legacy function the reference page lists for plugins; today's typings do not describe it. */\n        \
                 {api}: {signature}"
            )
            .unwrap(),
            Member::Official | Member::Returning(_) => {}
        }
    }
    out.push_str("    }\n\n");
    for api in list.iter().filter(|a| a.legacy.is_none()) {
        if let Some(target) = returned(list, api).filter(|r| objects.narrowable(r)) {
            returning.push((api.name.clone(), target.to_string()));
        }
    }
    out.push_str(
        "    /** The functions among `Functions` that return one of `Official`: on a base\n     \
         * library that narrows it, they return it narrowed. */\n    interface FunctionReturns {\n",
    );
    for (api, target) in &returning {
        writeln!(out, "        {api}: \"{target}\"").unwrap();
    }
    out.push_str("    }\n\n");

    out.push_str(
        "    /** The objects functions return that some base library narrows, by name. */\n    interface Official {\n",
    );
    for name in objects.official_from.keys() {
        writeln!(out, "        {name}: WechatMiniprogram.{name}").unwrap();
    }
    out.push_str("    }\n\n");

    out.push_str(
        "    /** The base library from which each of `Official` is the official interface, with\n     \
         * nothing left out; `never` when plugins never get all of it. */\n    interface OfficialFrom {\n",
    );
    for (name, from) in &objects.official_from {
        writeln!(out, "        {name}: {}", literal(from.as_ref())).unwrap();
    }
    out.push_str("    }\n\n");

    out.push_str(
        "    /** The methods and fields of `Official` plugins may use only from a base library\n     \
         * above the baseline ({baseline}), by that base; under `never`, those plugins may\n     \
         * never use. */\n    \
         interface Gated {\n"
            .replace("{baseline}", &baseline.to_string())
            .as_str(),
    );
    for (name, members) in &gated {
        writeln!(out, "        {name}: {{").unwrap();
        let mut by_base: BTreeMap<&Option<Version>, Vec<&str>> = BTreeMap::new();
        for (member, since) in members {
            by_base.entry(since).or_default().push(member);
        }
        // Ascending, `never` (None) last.
        let mut groups: Vec<_> = by_base.into_iter().collect();
        let never_first = groups.first().is_some_and(|(since, _)| since.is_none());
        groups.rotate_left(usize::from(never_first));
        for (since, names) in groups {
            let key = since
                .as_ref()
                .map_or_else(|| "never".to_string(), |v| format!("\"{v}\""));
            writeln!(out, "            {key}:{}", union(&names, 16)).unwrap();
        }
        out.push_str("        }\n");
    }
    out.push_str("    }\n\n");

    out.push_str(
        "    /** The methods of `Official` plugins may call that return one of `Official`: on a\n     \
         * base library that narrows that one, they return it narrowed. */\n    interface MethodReturns {\n",
    );
    for (name, returns) in &method_returns {
        writeln!(out, "        {name}: {{").unwrap();
        for (method, target) in returns {
            writeln!(out, "            {method}: \"{target}\"").unwrap();
        }
        out.push_str("        }\n");
    }
    out.push_str("    }\n");

    for name in objects.official_from.keys() {
        writeln!(
            out,
            "\n    /** `WechatMiniprogram.{name}` as a plugin gets it on base library `B` (by default the entry's). */\n    \
             type {name}<B extends Version = Base> = Narrowed<\"{name}\", EntryOf<B>>"
        )
        .unwrap();
    }
    out.push_str(
        "\n    /** Each of `Official` as a plugin gets it on the entry `E`, by name: what a\n     \
         * narrowed function or method returns (a type error names it, `RequestTask<\"1.9.6\">`). */\n    \
         interface NarrowedAt<E extends Version> {\n",
    );
    for name in objects.official_from.keys() {
        writeln!(out, "        {name}: {name}<E>").unwrap();
    }
    out.push_str("    }\n}\n");
    Ok(out)
}
