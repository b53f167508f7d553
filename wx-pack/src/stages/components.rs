//! The components stage (issue 22; the contract is docs/component-protocol.md), between
//! adapt's lowering and the loader: the plugin's `__wx_components()` is run once in Node on
//! the package's own artifacts ([`describe`]); its shapes are checked against the crate's
//! `[package.metadata.wx-pack.components]` ([`cross_check`]), each template against its
//! shape with `wx_wxml` ([`check_templates`]) and each shape against the package's base
//! ([`check_bases`]); then each component's files are made ([`files`]): the author's
//! `.wxml`, `.wxss`, `.json` copied, and a generated `.js` whose `Component({...})` forwards
//! every handler to Rust through `load.js`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, Result, bail};
use semver::Version;
use serde::Deserialize;
use serde_json::Value;

use crate::loader::LOAD_JS;
use crate::protocol;
use crate::stages::resolve::ComponentSource;
use crate::stages::write::PackageFile;
use crate::tools::Tools;
use crate::version::Mode;

/// WeChat's `lifetimes` field of `Component()` (2.2.3); below it, lifetimes are read from
/// the top level only ([Component reference](https://developers.weixin.qq.com/miniprogram/dev/reference/api/Component.html)).
pub(crate) const LIFETIMES_FIELD_SINCE: Version = Version::new(2, 2, 3);
/// `pageLifetimes` (2.2.3): below it they do not exist at all.
pub(crate) const PAGE_LIFETIMES_SINCE: Version = Version::new(2, 2, 3);
/// `observers` (2.6.1).
pub(crate) const OBSERVERS_SINCE: Version = Version::new(2, 6, 1);

const LIFETIMES: [&str; 6] = ["created", "attached", "ready", "moved", "detached", "error"];
const PAGE_LIFETIMES: [&str; 3] = ["show", "hide", "resize"];
const PROPERTY_TYPES: [&str; 5] = ["String", "Number", "Boolean", "Object", "Array"];

/// What `__wx_components()` returns (§2).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shapes {
    /// In declaration order.
    pub(crate) components: Vec<Shape>,
}

/// One component's static shape (§2).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Shape {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) properties: Vec<Property>,
    #[serde(default)]
    pub(crate) data: serde_json::Map<String, Value>,
    #[serde(default)]
    pub(crate) methods: Vec<String>,
    #[serde(default)]
    pub(crate) lifetimes: Vec<String>,
    #[serde(default)]
    pub(crate) page_lifetimes: Vec<String>,
    #[serde(default)]
    pub(crate) observers: Vec<String>,
    #[serde(default)]
    pub(crate) options: serde_json::Map<String, Value>,
    #[serde(default)]
    pub(crate) external_classes: Vec<String>,
    #[serde(default)]
    pub(crate) export: bool,
}

/// A property of a shape.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Property {
    pub(crate) name: String,
    /// `"String"`, `"Number"`, … or null (any type).
    #[serde(rename = "type")]
    pub(crate) ty: Option<String>,
    /// The default.
    #[serde(default)]
    pub(crate) value: Option<Value>,
    /// Whether the property's own observer is forwarded (kind `"property"`).
    #[serde(default)]
    pub(crate) observer: bool,
}

/// Where the package's artifacts are, for [`describe`].
pub(crate) struct Artifacts<'a> {
    pub(crate) mode: Mode,
    /// The adapted glue, its snippets (names under `snippets/`) and the code as shipped
    /// (wasm mode: [`PackageFile::raw`] is the `.wasm` before brotli).
    pub(crate) glue: &'a PackageFile,
    pub(crate) snippets: &'a [PackageFile],
    pub(crate) code: &'a PackageFile,
    pub(crate) glue_import_name: &'a str,
    pub(crate) start_calls: &'a [String],
    /// A folder of the build's own, emptied and filled here.
    pub(crate) dir: &'a Path,
}

/// Runs the plugin's `__wx_components()` once in Node (`js/components.mjs`) on the
/// package's artifacts, wired up as `index.js` wires them, and parses what it returns.
pub(crate) fn describe(artifacts: &Artifacts<'_>, tools: &Tools) -> Result<Shapes> {
    let dir = artifacts.dir;
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot empty {}", dir.display()))?;
    }
    let code_name = match artifacts.mode {
        // The `.wasm` before brotli: `.wasm.br` → `.wasm`.
        Mode::Wasm => artifacts.code.name.trim_end_matches(".br").to_owned(),
        Mode::Wasm2js => artifacts.code.name.clone(),
    };
    let mut files = vec![(artifacts.glue.name.as_str(), artifacts.glue.raw())];
    files.extend(artifacts.snippets.iter().map(|s| (s.name.as_str(), s.raw())));
    files.push((code_name.as_str(), artifacts.code.raw()));
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("inside dir"))
            .with_context(|| format!("cannot create the folder of {}", path.display()))?;
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let spec = serde_json::json!({
        "dir": dir,
        "glue": artifacts.glue.name,
        "code": code_name,
        "mode": artifacts.mode.as_str(),
        "glueImportName": artifacts.glue_import_name,
        "startCalls": artifacts.start_calls,
        "exportName": protocol::COMPONENTS,
    });
    let json = tools.describe_components(&spec)?;
    parse_shapes(&json)
}

/// Parses and checks `__wx_components()`'s JSON (§2).
pub(crate) fn parse_shapes(json: &str) -> Result<Shapes> {
    let what = format!("the plugin's {}()", protocol::COMPONENTS);
    let value: Value = serde_json::from_str(json).with_context(|| format!("{what} returned no JSON: {json}"))?;
    let known = protocol::COMPONENT_PROTOCOL;
    match value.get("protocol").and_then(Value::as_u64) {
        Some(version) if version == known => {}
        Some(version) => bail!(
            "{what} speaks component protocol {version}, and this wx-pack knows protocol {known} only: build with \
             the wx-pack of the same release as the crate's wx-bindings"
        ),
        None => bail!("{what} returned JSON without a numeric `protocol`: {json}"),
    }
    let Some(list) = value.get("components") else {
        bail!("{what} returned JSON without `components`: {json}");
    };
    let components: Vec<Shape> = serde_json::from_value(list.clone())
        .with_context(|| format!("{what}: `components` is not protocol {known}"))?;
    for shape in &components {
        check_shape(shape).with_context(|| format!("{what}: component `{}`", shape.name))?;
    }
    let mut names: Vec<&str> = components.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    if let Some(twice) = names.windows(2).find(|w| w[0] == w[1]) {
        bail!("{what}: component `{}` is listed twice", twice[0]);
    }
    Ok(Shapes { components })
}

fn check_shape(shape: &Shape) -> Result<()> {
    if !crate::workspace::is_component_name(&shape.name) {
        bail!("not a component name: use lower-case letters, digits and `-`, starting with a letter");
    }
    for property in &shape.properties {
        if let Some(ty) = &property.ty
            && !PROPERTY_TYPES.contains(&ty.as_str())
        {
            bail!(
                "property `{}` has type `{ty}`; WeChat's property types are {} or null",
                property.name,
                PROPERTY_TYPES.join(", ")
            );
        }
    }
    for lifetime in &shape.lifetimes {
        if !LIFETIMES.contains(&lifetime.as_str()) {
            bail!("`{lifetime}` is no lifetime; WeChat's are {}", LIFETIMES.join(", "));
        }
    }
    for lifetime in &shape.page_lifetimes {
        if !PAGE_LIFETIMES.contains(&lifetime.as_str()) {
            bail!(
                "`{lifetime}` is no page lifetime; WeChat's are {}",
                PAGE_LIFETIMES.join(", ")
            );
        }
    }
    if shape.export {
        bail!("`export: true` (wx://component-export) is for a later protocol version; this wx-pack does not write it");
    }
    Ok(())
}

/// Every component the metadata lists has a shape, and every shape is listed: the error
/// names both sides and what to add where. `exports_components` says whether the plugin
/// exports `__wx_components` at all.
pub(crate) fn cross_check(sources: &[ComponentSource], shapes: &Shapes, manifest: &Path) -> Result<()> {
    let listed: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    let shaped: Vec<&str> = shapes.components.iter().map(|s| s.name.as_str()).collect();
    let unshaped: Vec<&str> = listed.iter().copied().filter(|n| !shaped.contains(n)).collect();
    let unlisted: Vec<&str> = shaped.iter().copied().filter(|n| !listed.contains(n)).collect();
    let mut problems = Vec::new();
    if !unshaped.is_empty() {
        problems.push(format!(
            "[package.metadata.wx-pack.components] in {} lists {}, which the plugin's Rust does not define (its \
             {}() returns {}): add the component to `wx_bindings::components![...]` in the crate, or remove it \
             from the metadata",
            manifest.display(),
            quoted(&unshaped),
            protocol::COMPONENTS,
            if shaped.is_empty() {
                "none".to_owned()
            } else {
                quoted(&shaped)
            }
        ));
    }
    if !unlisted.is_empty() {
        let lines: Vec<String> = unlisted.iter().map(|n| format!("{n} = \"components/{n}\"")).collect();
        problems.push(format!(
            "the plugin's Rust defines {} (in `wx_bindings::components![...]`), which \
             [package.metadata.wx-pack.components] in {} does not list{}: add\n\n    \
             [package.metadata.wx-pack.components]\n    {}\n\nwith a folder holding each one's .wxml, or remove \
             it from `components![...]`",
            quoted(&unlisted),
            manifest.display(),
            if listed.is_empty() {
                String::new()
            } else {
                format!(" (it lists {})", quoted(&listed))
            },
            lines.join("\n    ")
        ));
    }
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    Ok(())
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// The shape of each listed component, in the metadata's order.
fn shape_of<'a>(shapes: &'a Shapes, name: &str) -> &'a Shape {
    shapes
        .components
        .iter()
        .find(|s| s.name == name)
        .expect("cross_check found every shape")
}

/// Checks each component's WXML against its shape with `wx_wxml`: every diagnostic, as
/// `file:line:col: message`, the file being the author's (shown relative to `cwd` when it
/// is under it). Any diagnostic fails the build.
pub(crate) fn check_templates(sources: &[ComponentSource], shapes: &Shapes, cwd: &Path) -> Result<()> {
    let mut found = Vec::new();
    for source in sources {
        let shape = shape_of(shapes, &source.name);
        let names = wx_wxml::ComponentNames {
            data: shape.data.keys().cloned().collect(),
            properties: shape.properties.iter().map(|p| p.name.clone()).collect(),
            methods: shape.methods.clone(),
        };
        let path = source.wxml_path.strip_prefix(cwd).unwrap_or(&source.wxml_path);
        for diagnostic in wx_wxml::check(&path.to_string_lossy(), &source.wxml, &names) {
            found.push(diagnostic.to_string());
        }
    }
    if !found.is_empty() {
        bail!(
            "{} in the components' templates (checked against the data, properties and methods their Rust \
             defines):\n{}",
            if found.len() == 1 {
                "1 problem".to_owned()
            } else {
                format!("{} problems", found.len())
            },
            found.join("\n")
        );
    }
    Ok(())
}

/// Checks the components' options against the base the package is built for (`base`,
/// `base_named` saying where it came from); returns the lowest base they need, which the
/// package's minimum base is raised to.
pub(crate) fn check_bases(shapes: &Shapes, base: &Version, base_named: &str) -> Result<Option<Version>> {
    let mut needs: Option<Version> = None;
    let mut refused = Vec::new();
    let mut highest: Option<Version> = None;
    for shape in &shapes.components {
        let uses = [
            (&shape.observers, "observers", &OBSERVERS_SINCE),
            (&shape.page_lifetimes, "pageLifetimes", &PAGE_LIFETIMES_SINCE),
        ];
        for (list, what, since) in uses {
            if list.is_empty() {
                continue;
            }
            if base < since {
                highest = highest.max(Some(since.clone()));
                refused.push(format!(
                    "component `{}` has {what} ({}), which WeChat has from base library {since}",
                    shape.name,
                    list.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                ));
            } else if needs.as_ref().is_none_or(|n| n < since) {
                needs = Some(since.clone());
            }
        }
    }
    if let Some(highest) = highest {
        bail!(
            "{}; the package is built for base library {base} ({base_named}): build with `--base {highest}` or \
             later (or `base = \"{highest}\"` under [package.metadata.wx-pack]), or take those out of the \
             component",
            refused.join("; ")
        );
    }
    Ok(needs)
}

/// `publicComponents` of plugin.json: each component's path from the plugin root.
pub(crate) fn public_components(sources: &[ComponentSource], plugin_subdir: Option<&str>) -> BTreeMap<String, String> {
    sources
        .iter()
        .map(|s| {
            let path = format!("components/{0}/{0}", s.name);
            let path = match plugin_subdir {
                Some(sub) => format!("{}/{path}", sub.trim_matches('/')),
                None => path,
            };
            (s.name.clone(), path)
        })
        .collect()
}

/// Each component's files: `components/<name>/<name>.js` (generated, not yet minified),
/// `.wxml`, `.wxss` (if the author has one), `.json`.
pub(crate) fn files(
    sources: &[ComponentSource],
    shapes: &Shapes,
    crate_name: &str,
    min_base: &Version,
) -> Vec<PackageFile> {
    let mut files = Vec::new();
    for source in sources {
        let name = &source.name;
        let file = |ext: &str| format!("components/{name}/{name}.{ext}");
        let js = component_js(shape_of(shapes, name), crate_name, min_base);
        files.push(PackageFile::plain(file("js"), js.into_bytes()));
        files.push(PackageFile::plain(file("wxml"), source.wxml.clone().into_bytes()));
        if let Some(wxss) = &source.wxss {
            files.push(PackageFile::plain(file("wxss"), wxss.clone()));
        }
        files.push(PackageFile::plain(file("json"), source.json.clone()));
    }
    files
}

/// A JSON value as ES5 source: JSON is JavaScript but for U+2028 and U+2029, which end a
/// line in a string literal before ES2019.
fn js(value: &Value) -> String {
    serde_json::to_string(value)
        .expect("a JSON value serialises")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn js_str(s: &str) -> String {
    js(&Value::String(s.to_owned()))
}

/// The component's `<name>.js` (docs/component-protocol.md §3): ES5, deterministic,
/// `Component({...})` called at load with the static shape, every handler made by
/// `load.js` (which queues calls until the module is ready and reports errors with
/// `console.error`). Lifetimes are also written at the top level below 2.2.3, where WeChat
/// reads only those; from 2.2.3 it uses `lifetimes` when both exist, so nothing runs twice.
pub(crate) fn component_js(shape: &Shape, crate_name: &str, min_base: &Version) -> String {
    let name = js_str(&shape.name);
    let handler = |kind: &str, key: &str| format!("load.handler({name}, {}, {})", js_str(kind), js_str(key));
    let mut out = String::new();
    out.push_str(&format!(
        "// Generated by wx-pack {} for `{crate_name}`: the component `{}`, whose handlers run the plugin's Rust.\n",
        env!("CARGO_PKG_VERSION"),
        shape.name
    ));
    out.push_str(&format!("// Runs on base library {min_base} and later. Do not edit.\n"));
    out.push_str("'use strict';\n");
    out.push_str(&format!(
        "var load = require({});\n",
        js_str(&format!("../../{LOAD_JS}"))
    ));
    // created and detached always: they create and drop the Rust instance.
    let mut lifetimes = vec![(
        "created".to_owned(),
        format!(
            "load.created({name}, {})",
            shape.lifetimes.iter().any(|l| l == "created")
        ),
    )];
    for lifetime in LIFETIMES {
        if lifetime != "created" && lifetime != "detached" && shape.lifetimes.iter().any(|l| l == lifetime) {
            lifetimes.push((lifetime.to_owned(), handler("lifetime", lifetime)));
        }
    }
    lifetimes.push((
        "detached".to_owned(),
        format!(
            "load.detached({name}, {})",
            shape.lifetimes.iter().any(|l| l == "detached")
        ),
    ));
    out.push_str("var lifetimes = {\n");
    push_entries(&mut out, "  ", lifetimes.iter().map(|(k, v)| (js_str(k), v.clone())));
    out.push_str("};\n");
    out.push_str("Component({\n");
    let mut fields: Vec<(String, String)> = Vec::new();
    if !shape.properties.is_empty() {
        let mut body = String::from("{\n");
        let entries = shape.properties.iter().map(|p| {
            let mut parts = vec![format!(
                "type: {}",
                p.ty.as_deref().unwrap_or("null") // a global constructor, or null: any type
            )];
            if let Some(value) = p.value.as_ref().filter(|v| !v.is_null()) {
                parts.push(format!("value: {}", js(value)));
            }
            if p.observer {
                parts.push(format!("observer: {}", handler("property", &p.name)));
            }
            (js_str(&p.name), format!("{{ {} }}", parts.join(", ")))
        });
        push_entries(&mut body, "    ", entries);
        body.push_str("  }");
        fields.push(("properties".into(), body));
    }
    fields.push(("data".into(), js(&Value::Object(shape.data.clone()))));
    if !shape.methods.is_empty() {
        let mut body = String::from("{\n");
        push_entries(
            &mut body,
            "    ",
            shape.methods.iter().map(|m| (js_str(m), handler("method", m))),
        );
        body.push_str("  }");
        fields.push(("methods".into(), body));
    }
    fields.push(("lifetimes".into(), "lifetimes".into()));
    if *min_base < LIFETIMES_FIELD_SINCE {
        for (key, _) in &lifetimes {
            fields.push((key.clone(), format!("lifetimes[{}]", js_str(key))));
        }
    }
    if !shape.page_lifetimes.is_empty() {
        let mut body = String::from("{\n");
        push_entries(
            &mut body,
            "    ",
            shape
                .page_lifetimes
                .iter()
                .map(|l| (js_str(l), handler("pageLifetime", l))),
        );
        body.push_str("  }");
        fields.push(("pageLifetimes".into(), body));
    }
    if !shape.observers.is_empty() {
        let mut body = String::from("{\n");
        push_entries(
            &mut body,
            "    ",
            shape.observers.iter().map(|o| (js_str(o), handler("observer", o))),
        );
        body.push_str("  }");
        fields.push(("observers".into(), body));
    }
    if !shape.options.is_empty() {
        let mut body = String::from("{\n");
        let entries = shape.options.iter().map(|(key, value)| {
            // WeChat takes a RegExp; the protocol carries its source.
            let value = match (key.as_str(), value) {
                ("pureDataPattern", Value::String(source)) => format!("new RegExp({})", js_str(source)),
                _ => js(value),
            };
            (js_str(key), value)
        });
        push_entries(&mut body, "    ", entries);
        body.push_str("  }");
        fields.push(("options".into(), body));
    }
    if !shape.external_classes.is_empty() {
        fields.push((
            "externalClasses".into(),
            js(&Value::Array(
                shape.external_classes.iter().cloned().map(Value::String).collect(),
            )),
        ));
    }
    push_entries(&mut out, "  ", fields.into_iter());
    out.push_str("});\n");
    out
}

/// `key: value` lines, comma-separated, each under `indent`.
fn push_entries(out: &mut String, indent: &str, entries: impl Iterator<Item = (String, String)>) {
    let entries: Vec<(String, String)> = entries.collect();
    for (i, (key, value)) in entries.iter().enumerate() {
        let comma = if i + 1 < entries.len() { "," } else { "" };
        out.push_str(&format!("{indent}{key}: {value}{comma}\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The protocol's example (docs/component-protocol.md §2), word for word.
    const EXAMPLE: &str = r#"{
      "protocol": 1,
      "components": [
        {
          "name": "counter",
          "properties": [
            { "name": "step", "type": "Number", "value": 1, "observer": false }
          ],
          "data": { "count": 0 },
          "methods": ["increment", "reset"],
          "lifetimes": ["attached", "detached"],
          "pageLifetimes": ["show"],
          "observers": ["count, step"],
          "options": { "multipleSlots": true },
          "externalClasses": ["custom-class"],
          "export": false
        }
      ]
    }"#;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn the_protocols_example_parses() {
        let shapes = parse_shapes(EXAMPLE).unwrap();
        let counter = &shapes.components[0];
        assert_eq!(counter.name, "counter");
        assert_eq!(counter.properties[0].ty.as_deref(), Some("Number"));
        assert_eq!(counter.properties[0].value, Some(serde_json::json!(1)));
        assert_eq!(counter.methods, ["increment", "reset"]);
        assert_eq!(counter.page_lifetimes, ["show"]);
        assert_eq!(counter.observers, ["count, step"]);
        assert_eq!(counter.external_classes, ["custom-class"]);
    }

    #[test]
    fn other_protocols_and_bad_shapes_are_refused() {
        let err = parse_shapes(&EXAMPLE.replace("\"protocol\": 1", "\"protocol\": 2")).unwrap_err();
        assert!(
            err.to_string()
                .contains("speaks component protocol 2, and this wx-pack knows protocol 1 only"),
            "{err}"
        );
        let err = format!(
            "{:#}",
            parse_shapes(&EXAMPLE.replace("\"Number\"", "\"Integer\"")).unwrap_err()
        );
        assert!(err.contains("property `step` has type `Integer`"), "{err}");
        let err = format!(
            "{:#}",
            parse_shapes(&EXAMPLE.replace("\"show\"", "\"unload\"")).unwrap_err()
        );
        assert!(err.contains("`unload` is no page lifetime"), "{err}");
        let err = format!(
            "{:#}",
            parse_shapes(&EXAMPLE.replace("\"export\": false", "\"relations\": {}")).unwrap_err()
        );
        assert!(err.contains("unknown field `relations`"), "{err}");
    }

    #[test]
    fn bases_refuse_observers_and_page_lifetimes_below_theirs() {
        let shapes = parse_shapes(EXAMPLE).unwrap();
        let err = check_bases(&shapes, &v("1.9.6"), "its minimum")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("component `counter` has observers (`count, step`), which WeChat has from base library 2.6.1"),
            "{err}"
        );
        assert!(
            err.contains("has pageLifetimes (`show`), which WeChat has from base library 2.2.3"),
            "{err}"
        );
        assert!(err.contains("build with `--base 2.6.1` or later"), "{err}");
        let err = check_bases(&shapes, &v("2.2.3"), "--base").unwrap_err().to_string();
        assert!(!err.contains("pageLifetimes"), "{err}");
        assert_eq!(check_bases(&shapes, &v("2.6.1"), "--base").unwrap(), Some(v("2.6.1")));
        let plain = parse_shapes(r#"{"protocol":1,"components":[{"name":"a","lifetimes":["attached"]}]}"#).unwrap();
        assert_eq!(check_bases(&plain, &v("1.9.6"), "x").unwrap(), None);
    }

    #[test]
    fn lifetimes_are_also_top_level_below_2_2_3() {
        let shapes = parse_shapes(r#"{"protocol":1,"components":[{"name":"a","lifetimes":["attached"]}]}"#).unwrap();
        let old = component_js(&shapes.components[0], "x", &v("2.2.2"));
        for key in ["created", "attached", "detached"] {
            assert!(old.contains(&format!("  {key}: lifetimes[\"{key}\"]")), "{old}");
        }
        let new = component_js(&shapes.components[0], "x", &v("2.2.3"));
        assert!(!new.contains("lifetimes[\""), "{new}");
        assert!(new.contains("  lifetimes: lifetimes"), "{new}");
        // Deterministic.
        assert_eq!(new, component_js(&shapes.components[0], "x", &v("2.2.3")));
    }
}
