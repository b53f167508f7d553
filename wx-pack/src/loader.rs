//! The plugin's main module, `index.js`: `templates/index.js` filled in. It requires the
//! adapted glue, instantiates the wasm (wasm mode: `WXWebAssembly`, whose result may be
//! `{instance, module}` or an `Instance`; wasm2js mode: synchronously, by requiring the JS
//! translation), guards the exports and hands them to the glue with `__wbg_set_wasm`, runs
//! the start calls of wasm-bindgen's entry, and exports every plugin function as a wrapper
//! that waits for all that and returns a Promise. ES5, for the oldest bases. The
//! `__wxpack_*` names it uses are [`crate::protocol`]'s.

use crate::protocol;
use crate::version::{Mode, WXWEBASSEMBLY_SINCE};

/// The template, with `{{name}}` placeholders (see its own comments).
const TEMPLATE: &str = include_str!("../templates/index.js");

/// A user-facing export of the plugin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Export {
    /// The name the host mini-program calls.
    pub(crate) name: String,
    /// The glue's name for it.
    pub(crate) local: String,
    /// A class (exported as is) rather than a function (wrapped to await the wasm).
    pub(crate) is_class: bool,
}

/// What `index.js` needs to know.
#[derive(Clone, Debug)]
pub(crate) struct IndexSpec<'a> {
    /// The crate, for the header comment.
    pub(crate) crate_name: &'a str,
    /// The output mode.
    pub(crate) mode: Mode,
    /// The glue module, relative to `index.js` (`./hello_bg.js`).
    pub(crate) glue_require: &'a str,
    /// The glue's module name as the wasm imports it (`./hello_bg.js`).
    pub(crate) glue_import_name: &'a str,
    /// wasm mode: the `.wasm.br` path absolute from the plugin root (`/hello_bg.wasm.br`).
    /// wasm2js mode: the JS module relative to `index.js` (`./hello_bg.wasm.js`).
    pub(crate) code: &'a str,
    /// Calls of wasm exports that wasm-bindgen's bundler entry makes after
    /// `__wbg_set_wasm` (`__wbindgen_start`).
    pub(crate) start_calls: &'a [String],
    /// The plugin's exports.
    pub(crate) exports: &'a [Export],
    /// The lowest base library the folder runs on.
    pub(crate) min_base: &'a str,
    /// Which file: `index.js` alone ([`Role::Main`]), or with components `load.js`
    /// ([`Role::Load`]) and the `index.js` that requires it ([`Role::Entry`]).
    pub(crate) role: Role,
}

/// The files the template makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// `index.js` of a plugin without components: loads the wasm and exports the functions
    /// (what wx-pack wrote before components, byte for byte).
    Main,
    /// `load.js`, with components: loads the wasm once, for `index.js` and every component,
    /// and holds the component handlers' queue.
    Load,
    /// `index.js`, with components: the plugin's functions, through `load.js`.
    Entry,
}

/// `load.js`, as `index.js` and the components require it.
pub(crate) const LOAD_JS: &str = "load.js";

fn js_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Generates the plugin's main module.
pub(crate) fn index_js(spec: &IndexSpec<'_>) -> String {
    let how = match spec.mode {
        Mode::Wasm => "loads the wasm with WXWebAssembly",
        Mode::Wasm2js => "runs the wasm translated to JavaScript by wasm2js",
    };
    let since = WXWEBASSEMBLY_SINCE.to_string();
    let values = [
        ("version", env!("CARGO_PKG_VERSION").to_owned()),
        ("crate", spec.crate_name.to_owned()),
        ("how", how.to_owned()),
        ("min_base", spec.min_base.to_owned()),
        ("glue_require", js_str(spec.glue_require)),
        ("glue_import_name", js_str(spec.glue_import_name)),
        ("code", js_str(spec.code)),
        ("wxwebassembly_since", since),
        ("guard", protocol::GUARD.to_owned()),
        ("on_memory_grow", protocol::ON_MEMORY_GROW.to_owned()),
        ("reset_memory_views", protocol::RESET_MEMORY_VIEWS.to_owned()),
        ("load_require", js_str(&format!("./{LOAD_JS}"))),
        ("component_create", protocol::COMPONENT_CREATE.to_owned()),
        ("component_call", protocol::COMPONENT_CALL.to_owned()),
        ("component_drop", protocol::COMPONENT_DROP.to_owned()),
    ];
    // wasm-bindgen's entry calls `__wbindgen_start` last; the template calls it if it is there.
    let start_calls = spec
        .start_calls
        .iter()
        .filter(|c| c.as_str() != "__wbindgen_start")
        .map(|call| format!("wasm[{}]();", js_str(call)))
        .collect();
    let exports = spec
        .exports
        .iter()
        .map(|export| {
            if export.is_class {
                format!(
                    "module.exports[{}] = glue[{}]; // a class: construct it once a function call has resolved",
                    js_str(&export.name),
                    js_str(&export.local)
                )
            } else {
                format!(
                    "module.exports[{}] = function () {{ return call({}, arguments); }};",
                    js_str(&export.name),
                    js_str(&export.local)
                )
            }
        })
        .collect();
    let role = match spec.role {
        Role::Main => ["main", "loads", "exports"],
        Role::Load => ["load", "loads", "load"],
        Role::Entry => ["entry", "exports", "entry"],
    };
    let mut on = vec![spec.mode.as_str()];
    on.extend(role);
    fill(
        TEMPLATE,
        &on,
        &values,
        &[("start_calls", start_calls), ("exports", exports)],
    )
}

/// Fills `template` in: `{{name}}` from `values`; a line that is only `{{name}}` with a name
/// of `lists` becomes those lines, indented as it is; the lines between `{{#x}}` and `{{/x}}`
/// (which nest) are kept only when every open block is in `on`; `{{! …}}` lines are dropped.
/// A name the template uses that is not given is a bug of wx-pack: it panics (the tests fill
/// every mode and role).
fn fill(template: &str, on: &[&str], values: &[(&str, String)], lists: &[(&str, Vec<String>)]) -> String {
    let mut out = String::new();
    let mut blocks: Vec<&str> = Vec::new();
    for line in template.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("{{!") {
            continue;
        }
        let tag = trimmed.strip_prefix("{{").and_then(|t| t.strip_suffix("}}"));
        if let Some(name) = tag.and_then(|t| t.strip_prefix('#')) {
            blocks.push(name);
            continue;
        }
        if let Some(name) = tag.and_then(|t| t.strip_prefix('/')) {
            let open = blocks.pop();
            assert_eq!(open, Some(name), "templates: {{{{/{name}}}}} closes {open:?}");
            continue;
        }
        if !blocks.iter().all(|b| on.contains(b)) {
            continue;
        }
        if let Some((_, lines)) = tag.and_then(|t| lists.iter().find(|(name, _)| *name == t)) {
            let indent = &line[..line.len() - line.trim_start().len()];
            for item in lines {
                out.push_str(indent);
                out.push_str(item);
                out.push('\n');
            }
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find("{{") {
            let close = rest[open..].find("}}").expect("a placeholder is closed on its line") + open;
            let name = &rest[open + 2..close];
            let (_, value) = values
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| panic!("templates: no value for {{{{{name}}}}}"));
            out.push_str(&rest[..open]);
            out.push_str(value);
            rest = &rest[close + 2..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    assert!(blocks.is_empty(), "templates: {blocks:?} not closed");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exports() -> Vec<Export> {
        vec![
            Export {
                name: "hello".into(),
                local: "hello".into(),
                is_class: false,
            },
            Export {
                name: "Counter".into(),
                local: "Counter".into(),
                is_class: true,
            },
        ]
    }

    #[test]
    fn wasm_index_instantiates_by_absolute_path() {
        let exports = exports();
        let start = vec!["__wbindgen_start".to_owned()];
        let js = index_js(&IndexSpec {
            crate_name: "hello",
            mode: Mode::Wasm,
            glue_require: "./hello_bg.js",
            glue_import_name: "./hello_bg.js",
            code: "/hello_bg.wasm.br",
            start_calls: &start,
            exports: &exports,
            min_base: "2.18.1",
            role: Role::Main,
        });
        assert!(js.contains("var glue = require(\"./hello_bg.js\");"), "{js}");
        assert!(js.contains("var WASM_PATH = \"/hello_bg.wasm.br\";"), "{js}");
        assert!(js.contains("imports[\"./hello_bg.js\"] = glue;"), "{js}");
        assert!(js.contains("WXWebAssembly.instantiate(WASM_PATH, imports)"), "{js}");
        assert!(
            js.contains("result && result.instance ? result.instance : result"),
            "{js}"
        );
        assert!(js.contains("glue.__wbg_set_wasm(wasm);"), "{js}");
        assert!(js.contains("wasm.__wbindgen_start();"), "{js}");
        assert!(
            js.contains("module.exports[\"hello\"] = function () { return call(\"hello\", arguments); };"),
            "{js}"
        );
        assert!(js.contains("module.exports[\"Counter\"] = glue[\"Counter\"];"), "{js}");
        assert!(js.contains("base library 2.18.1 and later"), "{js}");
        assert!(!js.contains("__wxpack_on_memory_grow"), "{js}");
    }

    #[test]
    fn wasm2js_index_is_synchronous() {
        let exports = exports();
        let start = vec!["__wbindgen_start".to_owned(), "__custom_init".to_owned()];
        let js = index_js(&IndexSpec {
            crate_name: "hello",
            mode: Mode::Wasm2js,
            glue_require: "./hello_bg.js",
            glue_import_name: "./hello_bg.js",
            code: "./hello_bg.wasm.js",
            start_calls: &start,
            exports: &exports,
            min_base: "1.9.6",
            role: Role::Main,
        });
        assert!(!js.contains("WXWebAssembly.instantiate"), "{js}");
        assert!(js.contains("var wasm = require(\"./hello_bg.wasm.js\");"), "{js}");
        assert!(
            js.contains("wasm.__wxpack_on_memory_grow(glue.__wxpack_reset_memory_views);"),
            "{js}"
        );
        assert!(js.contains("wasm[\"__custom_init\"]();"), "{js}");
        assert!(js.contains("ready = Promise.resolve();"), "{js}");
        assert!(js.contains("module.exports[\"hello\"] = function"), "{js}");
    }

    #[test]
    fn index_js_quotes_names() {
        let exports = vec![Export {
            name: "we\"ird".into(),
            local: "we\"ird".into(),
            is_class: false,
        }];
        let js = index_js(&IndexSpec {
            crate_name: "x",
            mode: Mode::Wasm2js,
            glue_require: "./x_bg.js",
            glue_import_name: "./x_bg.js",
            code: "./x_bg.wasm.js",
            start_calls: &[],
            exports: &exports,
            min_base: "1.9.6",
            role: Role::Main,
        });
        assert!(
            js.contains(r#"module.exports["we\"ird"] = function () { return call("we\"ird", arguments); };"#),
            "{js}"
        );
    }

    /// The template writes, byte for byte, what the loader built with `push_str` wrote
    /// (tests/fixtures/loader/, made by that code).
    #[test]
    fn the_template_writes_what_the_earlier_loader_wrote() {
        let ex = |n: &str, l: &str, c: bool| Export {
            name: n.into(),
            local: l.into(),
            is_class: c,
        };
        let strings = |s: &[&str]| s.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>();
        let cases = [
            (
                include_str!("../tests/fixtures/loader/wasm.js"),
                Mode::Wasm,
                "/hello_bg.wasm.br",
                strings(&["__wbindgen_start"]),
                vec![ex("hello", "hello", false), ex("Counter", "Counter", true)],
                "2.18.1",
            ),
            (
                include_str!("../tests/fixtures/loader/wasm-subdir-starts.js"),
                Mode::Wasm,
                "/lib/rust/x_bg.wasm.br",
                strings(&["__custom_init", "__wbindgen_start", "other"]),
                vec![],
                "2.19.2",
            ),
            (
                include_str!("../tests/fixtures/loader/wasm2js.js"),
                Mode::Wasm2js,
                "./hello_bg.wasm.js",
                strings(&["__wbindgen_start", "__custom_init"]),
                vec![
                    ex("hello", "hello", false),
                    ex("add", "add", false),
                    ex("Counter", "Counter", true),
                ],
                "1.9.6",
            ),
            (
                include_str!("../tests/fixtures/loader/wasm2js-quoted.js"),
                Mode::Wasm2js,
                "./we\"ird_bg.wasm.js",
                vec![],
                vec![ex("we\"ird", "we\\ird", false), ex("Cl'ass", "Cl'ass", true)],
                "2.17.1",
            ),
        ];
        for (expected, mode, code, start_calls, exports, min_base) in cases {
            let js = index_js(&IndexSpec {
                crate_name: "hello",
                mode,
                glue_require: "./hello_bg.js",
                glue_import_name: "./hello_bg.js",
                code,
                start_calls: &start_calls,
                exports: &exports,
                min_base,
                role: Role::Main,
            });
            assert_eq!(
                js.replace(env!("CARGO_PKG_VERSION"), "VERSION"),
                expected,
                "{mode} {code}"
            );
        }
    }
}
