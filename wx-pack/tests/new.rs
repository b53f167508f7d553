//! `wx-pack new`: the project it creates is the plugin project layout WeChat DevTools opens,
//! its JSON files have the fields DevTools reads with the types it expects, its crate
//! builds with a bare `wx-pack build` into `plugin/rust/`, and the demo page's calls of the
//! plugin, made in the simulated host, return what the crate's code says. An existing
//! folder is never written into.
//!
//! The project's crate builds in `<target>/tmp/wx-pack-new`, kept between runs, so only
//! the first run compiles wx-bindings and wasm-bindgen for wasm32.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn wx_pack(cwd: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wx-pack"));
    command
        .args(args)
        .current_dir(cwd)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-new"),
        )
        // The project's Cargo.lock (the checkout's) has every version: no registry needed.
        .env("CARGO_NET_OFFLINE", "true")
        // Its npm tools: the checkout's, as the project is outside it.
        .env("WX_PACK_NODE_MODULES", workspace_root().join("node_modules"))
        .env(
            "WX_PACK_CACHE",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-cache"),
        );
    for var in ["WX_PACK_ROOT", "WX_PACK_NODE", "WX_HOST", "WX_BINDINGS_PATH"] {
        command.env_remove(var);
    }
    command
}

fn ok(out: Output) -> String {
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    stdout
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// `value[key]`, which must be there and have the JSON type `kind`.
fn field<'a>(value: &'a Value, key: &str, kind: &str, file: &str) -> &'a Value {
    let field = value
        .get(key)
        .unwrap_or_else(|| panic!("{file}: no `{key}` in {value}"));
    let actual = match field {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => "null",
    };
    assert_eq!(actual, kind, "{file}: `{key}` is {field}");
    field
}

/// The `plugin.<name>(<JSON arguments>)` calls in the demo page's code, as wx-host
/// `--call name=[arguments]`.
fn demo_calls(page: &str) -> Vec<String> {
    let mut calls = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("plugin.") {
        rest = &rest[at + "plugin.".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let Some(args) = rest[name.len()..].strip_prefix('(') else {
            continue;
        };
        let close = args.find(')').expect("a closing parenthesis");
        let args = &args[..close];
        serde_json::from_str::<Value>(&format!("[{args}]"))
            .unwrap_or_else(|e| panic!("the demo's arguments of {name} are not JSON ({e}): {args}"));
        calls.push(format!("{name}=[{args}]"));
    }
    calls
}

#[test]
fn new_creates_a_devtools_plugin_project_that_builds_and_runs_its_demo_calls() {
    let tmp = tempfile::tempdir().unwrap();
    let checkout = workspace_root();
    let stdout = ok(wx_pack(
        tmp.path(),
        &["new", "my-plugin", "--path-to-bindings", checkout.to_str().unwrap()],
    )
    .output()
    .unwrap());
    let project = tmp.path().join("my-plugin");
    assert!(
        stdout.starts_with(&format!(
            "created the WeChat DevTools plugin project {} (",
            project.display()
        )),
        "{stdout}"
    );

    // project.config.json, as DevTools reads it
    // (https://developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig.html):
    // compileType "plugin" with miniprogramRoot and pluginRoot (folders of the project),
    // appid, projectname and libVersion strings, setting an object of booleans,
    // packOptions.ignore an array of { type, value }.
    let config = json(&project.join("project.config.json"));
    let file = "project.config.json";
    assert_eq!(field(&config, "compileType", "string", file), "plugin");
    let mini_root = field(&config, "miniprogramRoot", "string", file).as_str().unwrap();
    let plugin_root = field(&config, "pluginRoot", "string", file).as_str().unwrap();
    assert_eq!((mini_root, plugin_root), ("miniprogram/", "plugin/"));
    assert!(project.join(mini_root).is_dir() && project.join(plugin_root).is_dir());
    assert_eq!(field(&config, "appid", "string", file), "touristappid");
    assert_eq!(field(&config, "projectname", "string", file), "my-plugin");
    let lib_version = field(&config, "libVersion", "string", file).as_str().unwrap();
    assert_eq!(lib_version.split('.').filter(|p| p.parse::<u32>().is_ok()).count(), 3);
    // DevTools runs it on the base the crate builds for (its wx-pack metadata).
    let manifest = std::fs::read_to_string(project.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(&format!("base = \"{lib_version}\"")),
        "{lib_version} vs {manifest}"
    );
    for (key, value) in field(&config, "setting", "object", file).as_object().unwrap() {
        assert!(value.is_boolean(), "setting.{key} is {value}");
    }
    assert_eq!(
        config["setting"]["es6"], true,
        "the glue needs the ES6 → ES5 pass on old bases"
    );
    let pack = field(&config, "packOptions", "object", file);
    for rule in field(pack, "ignore", "array", file).as_array().unwrap() {
        let kind = field(rule, "type", "string", file).as_str().unwrap();
        assert!(
            ["folder", "file", "suffix", "prefix", "regexp", "glob"].contains(&kind),
            "{rule}"
        );
        field(rule, "value", "string", file);
    }

    // plugin/plugin.json
    // (https://developers.weixin.qq.com/miniprogram/dev/framework/plugin/development.html):
    // publicComponents and pages objects, main the path of the main module.
    let plugin_dir = project.join(plugin_root);
    let plugin = json(&plugin_dir.join("plugin.json"));
    let file = "plugin/plugin.json";
    field(&plugin, "publicComponents", "object", file);
    field(&plugin, "pages", "object", file);
    let main = field(&plugin, "main", "string", file).as_str().unwrap();
    assert!(plugin_dir.join(main).is_file(), "main {main}");
    let plugin_json_before = std::fs::read(plugin_dir.join("plugin.json")).unwrap();

    // miniprogram/app.json (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html):
    // pages an array of page paths, each with its .js, .json, .wxml and .wxss; plugins maps
    // the name requirePlugin uses to { version, provider } strings, "dev" while developing
    // (https://developers.weixin.qq.com/miniprogram/dev/framework/plugin/using.html).
    let mini = project.join(mini_root);
    let app = json(&mini.join("app.json"));
    let file = "miniprogram/app.json";
    let pages = field(&app, "pages", "array", file).as_array().unwrap();
    assert!(!pages.is_empty());
    let plugins = field(&app, "plugins", "object", file).as_object().unwrap();
    assert_eq!(plugins.keys().collect::<Vec<_>>(), ["my-plugin"]);
    let entry = &plugins["my-plugin"];
    assert_eq!(field(entry, "version", "string", file), "dev");
    assert_eq!(field(entry, "provider", "string", file), &config["appid"]);
    assert!(mini.join("app.js").is_file());
    let sitemap = field(&app, "sitemapLocation", "string", file).as_str().unwrap();
    field(&json(&mini.join(sitemap)), "rules", "array", sitemap);
    for page in pages {
        let page = page.as_str().expect("a page path string");
        for ext in ["js", "json", "wxml", "wxss"] {
            assert!(mini.join(format!("{page}.{ext}")).is_file(), "{page}.{ext}");
        }
        // A page's own JSON (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/page.html).
        let page_json = json(&mini.join(format!("{page}.json")));
        field(&page_json, "usingComponents", "object", page);
    }
    // The plugin's documentation, where DevTools looks for it (the development page above).
    assert!(
        std::fs::read_to_string(project.join("doc/README.md"))
            .unwrap()
            .starts_with("# my-plugin\n")
    );

    // The project's README says which files call the template's exports, naming the real demo page.
    let readme = std::fs::read_to_string(project.join("README.md")).unwrap();
    let demo = format!("miniprogram/{}.js", pages[0].as_str().unwrap());
    assert!(readme.contains(&format!("the demo\npage ({demo})")), "{readme}");
    assert!(
        readme.contains("doc/README.md") && readme.contains("nothing updates them"),
        "{readme}"
    );

    // The demo page requires the plugin under its app.json name and calls it.
    let page = std::fs::read_to_string(mini.join(format!("{}.js", pages[0].as_str().unwrap()))).unwrap();
    assert!(page.contains("requirePlugin('my-plugin')"), "{page}");
    let calls = demo_calls(&page);
    assert_eq!(calls, [r#"hello=["WeChat"]"#, "add=[2, 40]"]);

    // The crate: wx-bindings from the checkout, by path.
    let manifest = std::fs::read_to_string(project.join("Cargo.toml")).unwrap();
    let bindings = checkout.join("wx-bindings").canonicalize().unwrap();
    assert!(
        manifest.contains(&format!(
            "\nwx-bindings = {{ path = \"{}\", features = [\"base-2-18-1\"] }}\n",
            bindings.display()
        )),
        "{manifest}"
    );

    // A bare `wx-pack build` in the project writes plugin/rust/ (wasm mode, base 2.18.1),
    // and leaves the project's plugin.json as it was.
    let stdout = ok(wx_pack(&project, &["build", "-q"]).output().unwrap());
    assert!(!stdout.contains("note: no plugin.json written"), "{stdout}");
    let rust = plugin_dir.join("rust");
    let built = json(&rust.join("wx-pack.json"));
    assert_eq!(built["crate"], "my-plugin");
    assert_eq!(built["mode"], "wasm");
    assert_eq!(built["minBaseVersion"], "2.18.1");
    assert_eq!(built["exports"], serde_json::json!(["add", "hello"]));
    assert!(rust.join("index.js").is_file() && rust.join("my_plugin_bg.wasm.br").is_file());
    assert!(!rust.join("plugin.json").exists());
    assert_eq!(
        std::fs::read(plugin_dir.join("plugin.json")).unwrap(),
        plugin_json_before
    );

    // The demo page's calls, in the simulated host, through `wx-pack run` in the project:
    // it runs the plugin root plugin/, whose main module requires rust/index.js.
    let mut args = vec!["run", "-q", "--", "--json"];
    for call in &calls {
        args.extend_from_slice(&["--call", call]);
    }
    let stdout = ok(wx_pack(&project, &args).output().unwrap());
    let report: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(report["base"], "2.18.1");
    let results = report["calls"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{report}");
    assert!(results.iter().all(|c| c["ok"] == true), "{report}");
    // src/lib.rs: "Hello, {name}!" and the model and SDKVersion of getSystemInfoSync.
    let trace = report["trace"].as_array().unwrap();
    let info = &trace
        .iter()
        .find(|t| t["api"] == "getSystemInfoSync")
        .expect("getSystemInfoSync called")["result"];
    assert_eq!(
        results[0]["result"],
        format!(
            "Hello, WeChat! From Rust on {}, base library {}",
            info["model"].as_str().unwrap(),
            info["SDKVersion"].as_str().unwrap()
        )
    );
    assert_eq!(results[1]["result"], 42);
    let toast = trace.iter().find(|t| t["api"] == "showToast").expect("a toast");
    assert_eq!(toast["args"][0]["title"], "Hello, WeChat!");
    assert_eq!(
        trace.iter().find(|t| t["api"] == "WXWebAssembly.instantiate").unwrap()["args"][0],
        "/rust/my_plugin_bg.wasm.br"
    );

    // `new` again: refused, nothing touched.
    std::fs::write(project.join("src/lib.rs"), "// mine\n").unwrap();
    let out = wx_pack(tmp.path(), &["new", "my-plugin"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: {} already exists: `wx-pack new` only creates a new folder",
            project.display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(project.join("src/lib.rs")).unwrap(),
        "// mine\n"
    );
}

#[test]
fn new_depends_on_wx_bindings_by_version_unless_a_path_is_given() {
    let tmp = tempfile::tempdir().unwrap();
    ok(
        wx_pack(tmp.path(), &["new", "by-version", "--appid", "wx0123456789abcdef"])
            .output()
            .unwrap(),
    );
    for file in ["by-version/project.config.json", "by-version/miniprogram/app.json"] {
        let text = std::fs::read_to_string(tmp.path().join(file)).unwrap();
        assert!(text.contains("\"wx0123456789abcdef\""), "{file}: {text}");
    }
    let manifest = std::fs::read_to_string(tmp.path().join("by-version/Cargo.toml")).unwrap();
    assert!(
        manifest.contains(&format!(
            "\nwx-bindings = {{ version = \"{}\", features = [\"base-2-18-1\"] }}\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{manifest}"
    );
    assert!(!tmp.path().join("by-version/Cargo.lock").exists());

    // WX_BINDINGS_PATH does what --path-to-bindings does.
    let out = wx_pack(tmp.path(), &["new", "nested/by-env"])
        .env("WX_BINDINGS_PATH", workspace_root().join("wx-bindings"))
        .output()
        .unwrap();
    ok(out);
    let manifest = std::fs::read_to_string(tmp.path().join("nested/by-env/Cargo.toml")).unwrap();
    assert!(manifest.contains("\nname = \"by-env\"\n"), "{manifest}");
    assert!(manifest.contains("\nwx-bindings = { path = \""), "{manifest}");

    for (args, expected) in [
        (
            &["new", "2fast"][..],
            "error: `2fast` cannot name a plugin crate: use ASCII letters, digits",
        ),
        (
            &["new", "x", "--appid", "my-app"][..],
            "error: --appid `my-app` is not an AppID: expected `wx` and 16 hexadecimal digits",
        ),
        (
            &["new", "x", "--path-to-bindings", "/nonexistent"][..],
            "error: --path-to-bindings /nonexistent: neither it nor its wx-bindings/ folder is the wx-bindings crate",
        ),
    ] {
        let out = wx_pack(tmp.path(), args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    }
    assert!(!tmp.path().join("2fast").exists() && !tmp.path().join("x").exists());
}
