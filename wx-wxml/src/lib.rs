//! Checks a WeChat component's WXML template against the names its logic
//! defines: every `{{expression}}` root must be a data field, a property, a
//! `wx:for` item or index or a `<wxs>` module, and every event binding
//! (`bindtap`, `bind:tap`, `catch:tap`, `mut-bind:tap`, `capture-bind:tap`,
//! `capture-catch:tap`, …) must name a method. Malformed WXML is refused too.
//!
//! The parsing is done by `glass-easel-template-compiler`, the template
//! compiler of WeChat's own glass-easel framework, so what counts as WXML
//! here is what WeChat's parser accepts; this crate only walks its syntax tree.
//!
//! ```
//! use wx_wxml::{check, ComponentNames};
//!
//! let names = ComponentNames {
//!     data: vec!["count".into()],
//!     properties: vec![],
//!     methods: vec!["onTap".into()],
//! };
//! let diagnostics = check("counter.wxml", "<view bindtap=\"onTap\">{{cout}}</view>", &names);
//! assert_eq!(diagnostics.len(), 1);
//! assert_eq!(
//!     diagnostics[0].to_string(),
//!     "counter.wxml:1:25: `cout` is not a data field, property, wx:for item or index, \
//!      or wxs module of this component\n  help: did you mean `count`?",
//! );
//! ```

use std::fmt;

use glass_easel_template_compiler::parse::{
    self, ParseErrorKind, ParseErrorLevel, Position,
    expr::{ArrayFieldKind, Expression},
    tag::{Attribute, ClassAttribute, CommonElementAttributes, Element, ElementKind, Node, StyleAttribute, Value},
};

/// The names a component's logic defines, which its template may use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComponentNames {
    /// The fields of the component's `data`.
    pub data: Vec<String>,
    /// The component's `properties`, usable in the template like data fields.
    pub properties: Vec<String>,
    /// The component's `methods`, the only valid targets of event bindings.
    pub methods: Vec<String>,
}

/// One problem found in a template, with a 1-based position.
///
/// Displays as `file:line:column: message`, followed by a
/// `help: did you mean `x`?` line when a close name is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The path given to [`check`], for messages only.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters (not bytes, not UTF-16 units).
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// A known name close to the wrong one, if any.
    pub suggestion: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "\n  help: did you mean `{suggestion}`?")?;
        }
        Ok(())
    }
}

/// Checks one WXML template against the component's `names`.
///
/// Returns the problems in source order; an empty vector means the template
/// is accepted. `path` only appears in the diagnostics. Malformed WXML gives
/// the parser's errors; when the parser could not make sense of the input
/// (an unclosed `{{`, a broken tag), the names are not checked, since the
/// tree it recovered would give misleading diagnostics.
pub fn check(path: &str, wxml: &str, names: &ComponentNames) -> Vec<Diagnostic> {
    let (template, state) = parse::parse(path, wxml);
    let mut checker = Checker {
        path,
        source: wxml,
        names,
        scopes: Vec::new(),
        in_template_definition: false,
        diagnostics: Vec::new(),
    };

    let mut fatal = false;
    for error in state.warnings() {
        if refused(&error.kind, error.level()) {
            fatal |= error.level() >= ParseErrorLevel::Fatal;
            checker.report(error.location.start, format!("malformed WXML: {}", error.kind), None);
        }
    }
    if !fatal {
        // `<wxs module>` names are file-global, whatever their place.
        checker.scopes.extend(
            template
                .globals
                .scripts
                .iter()
                .map(|script| script.module_name().name.to_string()),
        );
        for node in &template.content {
            checker.node(node);
        }
        // A `<template name>` is rendered with the data its `<template is
        // data>` user passes, not the component's: its expressions are not
        // checked (they cannot be, without knowing every caller). Its event
        // bindings still call the methods of the component it renders in.
        checker.in_template_definition = true;
        for definition in &template.globals.sub_templates {
            for node in &definition.content {
                checker.node(node);
            }
        }
    }
    checker.diagnostics.sort_by_key(|d| (d.line, d.column));
    checker.diagnostics
}

/// The parser's findings that fail the build: its errors, plus the unclosed
/// and mismatched tags that it only warns about but a phone refuses.
fn refused(kind: &ParseErrorKind, level: ParseErrorLevel) -> bool {
    level >= ParseErrorLevel::Error || matches!(kind, ParseErrorKind::MissingEndTag | ParseErrorKind::InvalidEndTag)
}

struct Checker<'a> {
    path: &'a str,
    source: &'a str,
    names: &'a ComponentNames,
    /// Names in scope besides data and properties, for suggestions only:
    /// the parser itself resolves which roots are `wx:for` items, indexes
    /// and wxs modules (they are not `Expression::DataField`).
    scopes: Vec<String>,
    in_template_definition: bool,
    diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, at: Position, message: String, suggestion: Option<String>) {
        let (line, column) = line_column(self.source, at);
        self.diagnostics.push(Diagnostic {
            path: self.path.to_string(),
            line,
            column,
            message,
            suggestion,
        });
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Text(value) => self.value(value),
            Node::Element(element) => self.element(element),
            // Comments and unknown meta tags (`<!DOCTYPE …>`) hold no names.
            _ => {}
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn element(&mut self, element: &Element) {
        let outer = self.scopes.len();
        match &element.kind {
            ElementKind::Normal {
                tag_name: _,
                attributes,
                class,
                style,
                change_attributes,
                children,
                let_vars,
                common,
                ..
            } => {
                self.attributes(let_vars);
                self.scopes.extend(let_vars.iter().map(|a| a.name.name.to_string()));
                for attribute in attributes {
                    let name = attribute.name.name.as_str();
                    match (event_prefix(name), &attribute.value) {
                        // `bindtap="…"`: the parser keeps the colon-less forms
                        // as plain attributes.
                        (Some(event), Some(value)) if !event.is_empty() => self.event_handler(name, value),
                        (_, Some(value)) => self.value(value),
                        (_, None) => {}
                    }
                }
                match class {
                    ClassAttribute::String(_, value) => self.value(value),
                    ClassAttribute::Multiple(list) => {
                        for (_, _, value) in list {
                            if let Some(value) = value {
                                self.value(value);
                            }
                        }
                    }
                    _ => {}
                }
                match style {
                    StyleAttribute::String(_, value) => self.value(value),
                    StyleAttribute::Multiple(list) => {
                        for (_, _, value) in list {
                            self.value(value);
                        }
                    }
                    _ => {}
                }
                self.attributes(change_attributes);
                self.common(common);
                self.scopes
                    .extend(common.slot_value_refs.iter().map(|a| a.value.name.to_string()));
                self.nodes(children);
            }
            ElementKind::Pure {
                children,
                let_vars,
                slot,
                slot_value_refs,
                ..
            } => {
                if let Some((_, value)) = slot {
                    self.value(value);
                }
                self.attributes(let_vars);
                self.scopes.extend(let_vars.iter().map(|a| a.name.name.to_string()));
                self.scopes
                    .extend(slot_value_refs.iter().map(|a| a.value.name.to_string()));
                self.nodes(children);
            }
            ElementKind::For {
                list,
                item_name,
                index_name,
                children,
                ..
            } => {
                // The list is evaluated outside the loop's own names.
                self.value(&list.1);
                self.scopes.push(item_name.1.name.to_string());
                self.scopes.push(index_name.1.name.to_string());
                self.nodes(children);
            }
            ElementKind::If {
                branches, else_branch, ..
            } => {
                for (_, condition, children) in branches {
                    self.value(condition);
                    self.nodes(children);
                }
                if let Some((_, children)) = else_branch {
                    self.nodes(children);
                }
            }
            ElementKind::TemplateRef { target, data, .. } => {
                self.value(&target.1);
                self.value(&data.1);
            }
            ElementKind::Slot {
                name, values, common, ..
            } => {
                self.value(&name.1);
                self.attributes(values);
                self.common(common);
            }
            // `<include src>` and any later kind: nothing to check here (an
            // included file is checked on its own, if at all).
            _ => {}
        }
        self.scopes.truncate(outer);
    }

    fn attributes(&mut self, attributes: &[Attribute]) {
        for attribute in attributes {
            if let Some(value) = &attribute.value {
                self.value(value);
            }
        }
    }

    fn common(&mut self, common: &CommonElementAttributes) {
        if let Some((_, value)) = &common.id {
            self.value(value);
        }
        if let Some((_, value)) = &common.slot {
            self.value(value);
        }
        // `data-*` and `mark:*` values are expressions like any other.
        self.attributes(&common.data);
        self.attributes(&common.marks);
        for binding in &common.event_bindings {
            let prefix = match (binding.is_capture, binding.is_mut, binding.is_catch) {
                (false, false, false) => "bind",
                (false, false, true) => "catch",
                (false, true, _) => "mut-bind",
                (true, false, false) => "capture-bind",
                (true, false, true) => "capture-catch",
                (true, true, _) => "capture-mut-bind",
            };
            let attribute = format!("{prefix}:{}", binding.name.name);
            match &binding.value {
                Some(value) => self.event_handler(&attribute, value),
                None => self.report(
                    binding.name.location.start,
                    format!("event binding `{attribute}` names no method (it has no value)"),
                    None,
                ),
            }
        }
    }

    /// An event binding's value: a method name, or an expression computing
    /// one, which is not checked (its value is only known at run time).
    fn event_handler(&mut self, attribute: &str, value: &Value) {
        match value {
            Value::Static { value, location, .. } => {
                if self.names.methods.iter().any(|m| m == value.as_str()) {
                    return;
                }
                let message = if value.is_empty() {
                    format!("event binding `{attribute}` names no method (its value is empty)")
                } else {
                    format!("event binding `{attribute}` names `{value}`, which is not a method of this component")
                };
                let suggestion = closest(value, self.names.methods.iter());
                self.report(location.start, message, suggestion);
            }
            // Dynamic handler name: only its own roots are checked.
            _ => self.value(value),
        }
    }

    fn value(&mut self, value: &Value) {
        if let Value::Dynamic { expression, .. } = value {
            self.expression(expression);
        }
    }

    fn expression(&mut self, expression: &Expression) {
        match expression {
            Expression::DataField { name, location } => {
                let name = name.as_str();
                if self.in_template_definition
                    || self.names.data.iter().any(|d| d == name)
                    || self.names.properties.iter().any(|p| p == name)
                {
                    return;
                }
                let known = self.names.data.iter().chain(&self.names.properties).chain(&self.scopes);
                let suggestion = closest(name, known);
                self.report(
                    location.start,
                    format!(
                        "`{name}` is not a data field, property, wx:for item or index, \
                         or wxs module of this component"
                    ),
                    suggestion,
                );
            }
            // The parser's own walk stops at the first hole of `[a, , b]`.
            Expression::LitArr { fields, .. } => {
                for field in fields {
                    if let ArrayFieldKind::Normal { value } | ArrayFieldKind::Spread { value, .. } = field {
                        self.expression(value);
                    }
                }
            }
            _ => {
                for sub in expression.sub_expressions() {
                    self.expression(sub);
                }
            }
        }
    }
}

/// The event name of a colon-less binding attribute (`bindtap` → `tap`,
/// `catchtouchstart` → `touchstart`), or `None` for other attributes.
fn event_prefix(attribute: &str) -> Option<&str> {
    attribute
        .strip_prefix("bind")
        .or_else(|| attribute.strip_prefix("catch"))
}

/// The closest known name to `wrong`, if one is close enough to be a typo.
fn closest<'n>(wrong: &str, known: impl Iterator<Item = &'n String>) -> Option<String> {
    known
        .map(|name| (strsim::damerau_levenshtein(wrong, name), name))
        .filter(|(distance, name)| *distance <= (name.chars().count().max(3) / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name.clone())
}

/// The parser's 0-based line and UTF-16 column as 1-based line and
/// character column, which is what editors show.
fn line_column(source: &str, at: Position) -> (usize, usize) {
    let (line, utf16_col) = at.line_col_utf16();
    let text = source.split('\n').nth(line).unwrap_or("");
    let mut units = 0;
    let mut chars = 0;
    for c in text.chars() {
        if units >= utf16_col {
            break;
        }
        units += c.len_utf16();
        chars += 1;
    }
    (line + 1, chars + 1)
}
