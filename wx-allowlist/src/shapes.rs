//! The types of what permitted functions take and give, one level below the
//! functions: options, results, returned objects with their methods and
//! events, listener payloads. Read from `data/interfaces.json`, which
//! `wx-allowlist/typings/extract.mjs` writes from the official typings.
//!
//! ```
//! use wx_allowlist::{Allowlist, Shape};
//! let list = Allowlist::get();
//! let option = list.interface("ShowModalOption").unwrap();
//! let editable = option.field("editable").unwrap();
//! assert_eq!(editable.shape, Shape::Boolean);
//! assert_eq!(editable.since.as_ref().unwrap().to_string(), "2.17.1");
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::{PluginNote, Version};

/// The interfaces snapshot written by `wx-allowlist/typings/extract.mjs`.
pub(crate) const INTERFACES_JSON: &str = include_str!("../data/interfaces.json");

/// The type of a field, parameter or result, reduced to what a binding
/// generator maps to a Rust type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A JS string.
    String,
    /// A JS number.
    Number,
    /// A JS boolean.
    Boolean,
    /// An `ArrayBuffer`.
    ArrayBuffer,
    /// A typed array of the standard library (`Uint8ClampedArray`, ...).
    TypedArray(String),
    /// A plain object with any keys (`IAnyObject`, `Record<string, any>`).
    Record,
    /// Anything (`any`, or a union of unlike types).
    Any,
    /// Nothing.
    Void,
    /// A `Promise`.
    Promise,
    /// A union of string literals.
    Enum(Vec<EnumValue>),
    /// An interface of the snapshot, by name.
    Object(String),
    /// An array.
    Array(Box<Shape>),
    /// A callback, with the shape of its first argument (`None`: it takes none).
    Function(Option<Box<Shape>>),
}

impl Shape {
    /// The interface this shape names, if it is an object.
    pub fn object_name(&self) -> Option<&str> {
        match self {
            Shape::Object(name) => Some(name),
            _ => None,
        }
    }

    fn from_json(value: &Value) -> Result<Shape, String> {
        let bad = || format!("bad shape {value}");
        Ok(match value {
            Value::String(s) => match s.as_str() {
                "string" => Shape::String,
                "number" => Shape::Number,
                "boolean" => Shape::Boolean,
                "arraybuffer" => Shape::ArrayBuffer,
                "record" => Shape::Record,
                "any" => Shape::Any,
                "void" => Shape::Void,
                "promise" => Shape::Promise,
                _ => return Err(bad()),
            },
            Value::Object(map) if map.len() == 1 => {
                let (key, inner) = map.iter().next().expect("one entry");
                match key.as_str() {
                    "object" => Shape::Object(inner.as_str().ok_or_else(bad)?.to_string()),
                    "typedarray" => Shape::TypedArray(inner.as_str().ok_or_else(bad)?.to_string()),
                    "array" => Shape::Array(Box::new(Shape::from_json(inner)?)),
                    "function" if inner.is_null() => Shape::Function(None),
                    "function" => Shape::Function(Some(Box::new(Shape::from_json(inner)?))),
                    "enum" => {
                        let values: Vec<RawEnumValue> =
                            serde_json::from_value(inner.clone()).map_err(|e| format!("{}: {e}", bad()))?;
                        Shape::Enum(
                            values
                                .into_iter()
                                .map(|v| {
                                    Ok(EnumValue {
                                        since: v.since.as_deref().map(parse_since).transpose()?,
                                        value: v.value,
                                        doc: v.doc,
                                    })
                                })
                                .collect::<Result<_, String>>()?,
                        )
                    }
                    _ => return Err(bad()),
                }
            }
            _ => return Err(bad()),
        })
    }
}

/// One value of a string-literal union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// The string.
    pub value: String,
    /// What it means (from the typings' `可选值` list).
    pub doc: String,
    /// The base library that introduced this value, where stated.
    pub since: Option<Version>,
}

#[derive(Deserialize)]
struct RawEnumValue {
    value: String,
    doc: String,
    since: Option<String>,
}

/// A data field of an interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The JS name.
    pub name: String,
    /// Its type.
    pub shape: Shape,
    /// Whether it may be absent.
    pub optional: bool,
    /// The base library that introduced it (`需要基础库`), where stated.
    pub since: Option<Version>,
    /// The first sentence of its JSDoc.
    pub doc: String,
}

/// A parameter of a method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodParam {
    /// The JS name.
    pub name: String,
    /// Its type.
    pub shape: Shape,
    /// Whether it may be left out.
    pub optional: bool,
}

/// A method of a returned object (a task, context or manager), events
/// (`on*` / `off*`) included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    /// The JS name.
    pub name: String,
    /// The base library that introduced it (`需要基础库`), where stated.
    pub since: Option<Version>,
    /// What its JSDoc says about plugins.
    pub plugin: PluginNote,
    /// Its parameters.
    pub params: Vec<MethodParam>,
    /// What it returns.
    pub returns: Shape,
    /// The first sentence of its JSDoc.
    pub summary: String,
    /// Its documentation page.
    pub doc: Option<String>,
}

/// An interface of the typings: its fields and methods, inherited ones included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    /// The typings' name (`ShowModalOption`, `RecorderManager`).
    pub name: String,
    /// Data fields, in the typings' order.
    pub fields: Vec<Field>,
    /// Methods, in the typings' order.
    pub methods: Vec<Method>,
}

impl Method {
    /// The base from which plugins may call this method: the later of its
    /// plugin note's version and its general minimum (the baseline when it
    /// states none); `None` when the typings say plugins may not call it. A
    /// method without a plugin note follows its object.
    pub fn plugin_since(&self) -> Option<Version> {
        let general = self.since.clone().unwrap_or_else(crate::baseline);
        match &self.plugin {
            PluginNote::Unsupported => None,
            PluginNote::Since(v) if v > &general => Some(v.clone()),
            _ => Some(general),
        }
    }
}

impl Interface {
    /// The field with this JS name.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The method with this JS name.
    pub fn method(&self, name: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.name == name)
    }
}

#[derive(Deserialize)]
struct RawSnapshot {
    interfaces: Vec<RawInterface>,
}

#[derive(Deserialize)]
struct RawInterface {
    name: String,
    fields: Vec<RawField>,
    methods: Vec<RawMethod>,
}

#[derive(Deserialize)]
struct RawField {
    name: String,
    shape: Value,
    optional: bool,
    since: Option<String>,
    doc: String,
}

#[derive(Deserialize)]
struct RawParam {
    name: String,
    shape: Value,
    optional: bool,
}

#[derive(Deserialize)]
struct RawMethod {
    name: String,
    since: Option<String>,
    plugin: String,
    plugin_since: Option<String>,
    params: Vec<RawParam>,
    returns: Value,
    summary: String,
    doc: Option<String>,
}

fn parse_since(text: &str) -> Result<Version, String> {
    Version::parse(text).map_err(|e| format!("bad version `{text}`: {e}"))
}

/// Parses a plugin note as the snapshots write it.
pub(crate) fn plugin_note(plugin: &str, since: Option<&str>) -> Result<PluginNote, String> {
    Ok(match (plugin, since) {
        ("supported", _) => PluginNote::Supported,
        ("unsupported", _) => PluginNote::Unsupported,
        ("unspecified", _) => PluginNote::Unspecified,
        ("since", Some(v)) => PluginNote::Since(parse_since(v)?),
        (other, _) => return Err(format!("bad plugin note `{other}`")),
    })
}

/// Parses `data/interfaces.json` into interfaces by name.
pub(crate) fn parse_interfaces(text: &str) -> Result<BTreeMap<String, Interface>, String> {
    let raw: RawSnapshot = serde_json::from_str(text).map_err(|e| format!("interfaces.json: {e}"))?;
    let mut out = BTreeMap::new();
    for i in raw.interfaces {
        let at = |what: &str, e: String| format!("interfaces.json: {}.{what}: {e}", i.name);
        let fields = i
            .fields
            .iter()
            .map(|f| {
                Ok(Field {
                    name: f.name.clone(),
                    shape: Shape::from_json(&f.shape).map_err(|e| at(&f.name, e))?,
                    optional: f.optional,
                    since: f
                        .since
                        .as_deref()
                        .map(parse_since)
                        .transpose()
                        .map_err(|e| at(&f.name, e))?,
                    doc: f.doc.clone(),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let methods = i
            .methods
            .iter()
            .map(|m| {
                let params = m
                    .params
                    .iter()
                    .map(|p| {
                        Ok(MethodParam {
                            name: p.name.clone(),
                            shape: Shape::from_json(&p.shape).map_err(|e| at(&m.name, e))?,
                            optional: p.optional,
                        })
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                Ok(Method {
                    name: m.name.clone(),
                    since: m
                        .since
                        .as_deref()
                        .map(parse_since)
                        .transpose()
                        .map_err(|e| at(&m.name, e))?,
                    plugin: plugin_note(&m.plugin, m.plugin_since.as_deref()).map_err(|e| at(&m.name, e))?,
                    params,
                    returns: Shape::from_json(&m.returns).map_err(|e| at(&m.name, e))?,
                    summary: m.summary.clone(),
                    doc: m.doc.clone(),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let name = i.name.clone();
        if out.insert(name.clone(), Interface { name, fields, methods }).is_some() {
            return Err(format!("interfaces.json: {} is listed twice", i.name));
        }
    }
    Ok(out)
}

/// Parses a shape written in a snapshot (`data/typings.json` links use the
/// same notation).
pub(crate) fn shape_from_json(value: &Value) -> Result<Shape, String> {
    Shape::from_json(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_parse_from_their_json_notation() {
        let parse = |text: &str| Shape::from_json(&serde_json::from_str(text).unwrap());
        assert_eq!(parse(r#""string""#), Ok(Shape::String));
        assert_eq!(parse(r#"{"object":"X"}"#), Ok(Shape::Object("X".into())));
        assert_eq!(
            parse(r#"{"array":{"array":"number"}}"#),
            Ok(Shape::Array(Box::new(Shape::Array(Box::new(Shape::Number)))))
        );
        assert_eq!(parse(r#"{"function":null}"#), Ok(Shape::Function(None)));
        let e = parse(r#"{"enum":[{"value":"a","doc":"","since":"2.14.1"}]}"#).unwrap();
        let Shape::Enum(values) = e else { panic!() };
        assert_eq!(values[0].since, Some(Version::new(2, 14, 1)));
        assert!(parse(r#""strnig""#).is_err());
        assert!(parse(r#"{"object":"X","array":"number"}"#).is_err());
        assert!(parse(r#"{"enum":[{"value":"a","doc":"","since":"x"}]}"#).is_err());
    }
}
