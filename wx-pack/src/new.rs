//! `wx-pack new NAME`: a WeChat DevTools plugin project around a Rust plugin crate.
//!
//! The layout is the one DevTools creates for a plugin project ("插件开发",
//! <https://developers.weixin.qq.com/miniprogram/dev/framework/plugin/development.html>):
//!
//! ```text
//! NAME/
//!   project.config.json      compileType "plugin", miniprogramRoot, pluginRoot
//!   plugin/plugin.json       the plugin: main "index.js", publicComponents, pages
//!   plugin/index.js          its main module: re-exports plugin/rust/index.js
//!   plugin/rust/             what `wx-pack build` writes (--plugin-subdir rust)
//!   miniprogram/             a demo mini-program whose page requirePlugin()s the plugin
//!   doc/README.md            the plugin's documentation, as DevTools shows it
//!   Cargo.toml, src/lib.rs   the Rust crate; [package.metadata.wx-pack] says where to build
//! ```

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::workspace::WASM_BINDGEN_VERSION;

/// The `wasm-bindgen-futures` that goes with [`WASM_BINDGEN_VERSION`] (runs `async fn`
/// exports). A unit test holds this to the workspace's pin.
pub const WASM_BINDGEN_FUTURES_VERSION: &str = "0.4.80";

/// The AppID written when none is given: DevTools' own placeholder for a project
/// without one. Replace it with the plugin's AppID before uploading.
pub const PLACEHOLDER_APPID: &str = "touristappid";

/// The base library the project builds for: the first with `WXWebAssembly` in plugins.
pub const PROJECT_BASE: &str = "2.18.1";

/// The base library DevTools runs the project on (`libVersion`): the one it
/// builds for, so DevTools shows what the oldest phone it claims does, and
/// `wx-pack check` (which reads `libVersion` as the minimum) agrees with the build.
pub const DEVTOOLS_LIB_VERSION: &str = PROJECT_BASE;

/// The wx-bindings feature of [`PROJECT_BASE`] (`base-2-18-1`).
fn project_base_feature() -> String {
    let base = semver::Version::parse(PROJECT_BASE).expect("PROJECT_BASE is a version");
    wx_allowlist::names::feature_for(&base).expect("PROJECT_BASE is above the bindings' baseline")
}

/// Where the crate's wx-bindings comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bindings {
    /// A path to the wx-bindings crate folder.
    Path(PathBuf),
    /// A crates.io version.
    Version(String),
}

impl Bindings {
    /// From `--path-to-bindings` (a wx checkout or its `wx-bindings/` folder), else this
    /// wx-pack's version from crates.io.
    pub fn from_arg(path: Option<&Path>, cwd: &Path) -> Result<Bindings> {
        let Some(path) = path else {
            return Ok(Bindings::Version(env!("CARGO_PKG_VERSION").to_owned()));
        };
        let path = cwd.join(path);
        for dir in [path.join("wx-bindings"), path.clone()] {
            let manifest = dir.join("Cargo.toml");
            let is_bindings = std::fs::read_to_string(&manifest)
                .is_ok_and(|text| text.lines().any(|l| l.trim() == "name = \"wx-bindings\""));
            if is_bindings {
                let dir = dir
                    .canonicalize()
                    .with_context(|| format!("cannot read {}", dir.display()))?;
                return Ok(Bindings::Path(dir));
            }
        }
        bail!(
            "--path-to-bindings {}: neither it nor its wx-bindings/ folder is the wx-bindings crate (a Cargo.toml with \
             name = \"wx-bindings\"); give a wx checkout or its wx-bindings folder, or leave it out to depend on \
             wx-bindings {} from crates.io",
            path.display(),
            env!("CARGO_PKG_VERSION")
        )
    }

    /// The dependency line, with the bindings' baseline raised to the base the project
    /// builds for: its wasm mode cannot run below it, so what plugins have there is
    /// usable without a `*_checked` call.
    fn dependency(&self) -> String {
        let source = match self {
            Bindings::Path(dir) => format!("path = {}", toml_str(&dir.display().to_string())),
            Bindings::Version(version) => format!("version = \"{version}\""),
        };
        format!(
            "wx-bindings = {{ {source}, features = [\"{}\"] }}",
            project_base_feature()
        )
    }
}

/// What `wx-pack new` creates.
#[derive(Clone, Debug)]
pub struct NewOptions {
    /// The project folder (created; must not exist).
    pub dir: PathBuf,
    /// Where wx-bindings comes from.
    pub bindings: Bindings,
    /// The plugin's AppID.
    pub appid: String,
}

/// A TOML basic string.
fn toml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Checks a project name: it names the crate (cargo's rules) and the plugin in the demo's
/// `requirePlugin` and app.json.
pub fn check_name(name: &str) -> Result<()> {
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        bail!(
            "`{name}` cannot name a plugin crate: use ASCII letters, digits, `-` and `_`, starting with a letter (like \
             `hello-plugin`)"
        );
    }
    Ok(())
}

/// Checks an AppID: DevTools' placeholder, or `wx` and 16 hexadecimal digits (the form
/// of the AppIDs the WeChat platform issues, as shown on mp.weixin.qq.com).
pub fn check_appid(appid: &str) -> Result<()> {
    let issued = appid.len() == 18 && appid.starts_with("wx") && appid[2..].bytes().all(|b| b.is_ascii_hexdigit());
    if appid != PLACEHOLDER_APPID && !issued {
        bail!(
            "--appid `{appid}` is not an AppID: expected `wx` and 16 hexadecimal digits (like wx0123456789abcdef, from \
             the plugin's settings on mp.weixin.qq.com), or leave it out for DevTools' placeholder {PLACEHOLDER_APPID}"
        );
    }
    Ok(())
}

/// The files of a project named `name`, as (path, content).
pub fn files(name: &str, bindings: &Bindings, appid: &str) -> Vec<(&'static str, String)> {
    let lib = name.replace('-', "_");
    let fill = |template: &str| {
        template
            .replace("__NAME__", name)
            .replace("__LIB__", &lib)
            .replace("__APPID__", appid)
            .replace("__WX_PACK_VERSION__", env!("CARGO_PKG_VERSION"))
            .replace("__WASM_BINDGEN__", WASM_BINDGEN_VERSION)
            .replace("__WASM_BINDGEN_FUTURES__", WASM_BINDGEN_FUTURES_VERSION)
            .replace("__WX_BINDINGS__", &bindings.dependency())
            .replace("__BASE__", PROJECT_BASE)
            .replace("__LIB_VERSION__", DEVTOOLS_LIB_VERSION)
    };
    vec![
        ("project.config.json", fill(PROJECT_CONFIG_JSON)),
        ("plugin/plugin.json", fill(PLUGIN_JSON)),
        ("plugin/index.js", fill(PLUGIN_INDEX_JS)),
        ("miniprogram/app.json", fill(APP_JSON)),
        ("miniprogram/app.js", fill(APP_JS)),
        ("miniprogram/app.wxss", fill(APP_WXSS)),
        ("miniprogram/sitemap.json", fill(SITEMAP_JSON)),
        ("miniprogram/pages/index/index.js", fill(PAGE_JS)),
        ("miniprogram/pages/index/index.json", fill(PAGE_JSON)),
        ("miniprogram/pages/index/index.wxml", fill(PAGE_WXML)),
        ("miniprogram/pages/index/index.wxss", fill(PAGE_WXSS)),
        ("doc/README.md", fill(DOC_README)),
        ("Cargo.toml", fill(CARGO_TOML)),
        ("src/lib.rs", fill(LIB_RS)),
        ("README.md", fill(README)),
        (".gitignore", fill(GITIGNORE)),
    ]
}

/// Creates the project; refuses a folder that exists. Returns the files written.
pub fn create(options: &NewOptions) -> Result<Vec<PathBuf>> {
    let dir = &options.dir;
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .with_context(|| format!("`{}` has no folder name to name the plugin after", dir.display()))?;
    check_name(name)?;
    check_appid(&options.appid)?;
    if dir.symlink_metadata().is_ok() {
        bail!(
            "{} already exists: `wx-pack new` only creates a new folder, it does not write into an existing one; \
             choose another NAME or remove that folder",
            dir.display()
        );
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    // Created on its own first: a folder that appears meanwhile is not written into.
    std::fs::create_dir(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    for (path, content) in files(name, &options.bindings, &options.appid) {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, content).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    // With wx-bindings from a checkout, start from the versions the checkout is tested
    // with: its Cargo.lock (cargo drops what this crate does not use).
    if let Bindings::Path(bindings) = &options.bindings {
        let lock = bindings.parent().map(|p| p.join("Cargo.lock"));
        if let Some(lock) = lock.filter(|l| l.is_file()) {
            let to = dir.join("Cargo.lock");
            std::fs::copy(&lock, &to).with_context(|| format!("cannot copy {} to {}", lock.display(), to.display()))?;
            written.push(to);
        }
    }
    Ok(written)
}

// DevTools' project settings (https://developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig.html).
// `es6` on: the glue uses ES2015+ and wx-pack's README says to keep the ES6 → ES5 pass.
// The Rust side stays out of the upload: only miniprogramRoot and pluginRoot are packed,
// and packOptions.ignore keeps DevTools away from the crate's files too.
const PROJECT_CONFIG_JSON: &str = r#"{
  "description": "__NAME__: a WeChat mini-program plugin written in Rust, packaged by wx-pack",
  "compileType": "plugin",
  "miniprogramRoot": "miniprogram/",
  "pluginRoot": "plugin/",
  "appid": "__APPID__",
  "projectname": "__NAME__",
  "libVersion": "__LIB_VERSION__",
  "setting": {
    "es6": true,
    "enhance": true,
    "postcss": true,
    "minified": true,
    "urlCheck": true
  },
  "packOptions": {
    "ignore": [
      { "type": "folder", "value": "src" },
      { "type": "folder", "value": "target" },
      { "type": "file", "value": "Cargo.toml" },
      { "type": "file", "value": "Cargo.lock" }
    ],
    "include": []
  },
  "condition": {}
}
"#;

// The plugin's own configuration (https://developers.weixin.qq.com/miniprogram/dev/framework/plugin/development.html).
const PLUGIN_JSON: &str = r#"{
  "publicComponents": {},
  "pages": {},
  "main": "index.js"
}
"#;

const PLUGIN_INDEX_JS: &str = r#"// The plugin's main module (plugin.json "main"): what requirePlugin('__NAME__') returns.
// The Rust exports come from rust/, which `wx-pack build` writes; add JavaScript of your
// own here. Every Rust export returns a Promise.
module.exports = require('./rust/index.js');
"#;

// The demo mini-program uses the plugin under development: version "dev", provider the
// plugin's AppID (https://developers.weixin.qq.com/miniprogram/dev/framework/plugin/using.html).
const APP_JSON: &str = r#"{
  "pages": ["pages/index/index"],
  "plugins": {
    "__NAME__": {
      "version": "dev",
      "provider": "__APPID__"
    }
  },
  "window": {
    "navigationBarTitleText": "__NAME__ demo"
  },
  "sitemapLocation": "sitemap.json"
}
"#;

const APP_JS: &str = "App({});\n";

const APP_WXSS: &str = "page {\n  padding: 32rpx;\n  font-size: 32rpx;\n}\n";

const SITEMAP_JSON: &str = r#"{
  "rules": [{ "action": "allow", "page": "*" }]
}
"#;

// The demo page calls the plugin as its host mini-program will; the calls' arguments are
// JSON, so that a test can make the same calls in wx-host.
const PAGE_JS: &str = r#"// Calls the plugin's Rust exports, as a host mini-program does.
const plugin = requirePlugin('__NAME__');

Page({
  data: { greeting: '', sum: '', error: '' },

  onLoad() {
    Promise.all([plugin.hello("WeChat"), plugin.add(2, 40)])
      .then(([greeting, sum]) => this.setData({ greeting, sum: String(sum) }))
      .catch((error) => this.setData({ error: String(error) }));
  },
});
"#;

const PAGE_JSON: &str = r#"{
  "usingComponents": {}
}
"#;

const PAGE_WXML: &str = r#"<view class="demo">
  <text>{{greeting}}</text>
  <text wx:if="{{sum}}">2 + 40 = {{sum}}</text>
  <text wx:if="{{error}}" class="error">{{error}}</text>
</view>
"#;

const PAGE_WXSS: &str = ".demo {\n  display: flex;\n  flex-direction: column;\n}\n.error {\n  color: #e64340;\n}\n";

const DOC_README: &str = r#"# __NAME__

A WeChat mini-program plugin written in Rust.

## Use it

In the mini-program's `app.json`:

```json
{ "plugins": { "__NAME__": { "version": "1.0.0", "provider": "__APPID__" } } }
```

Then, in a page:

```js
const plugin = requirePlugin('__NAME__');
plugin.hello("WeChat").then((greeting) => console.log(greeting));
plugin.add(2, 40).then((sum) => console.log(sum)); // 42
```

Every function returns a Promise.

| function | returns |
|---|---|
| `hello(name)` | a greeting naming the device and the base library; shows it as a toast |
| `add(a, b)` | `a + b` |

It needs base library __BASE__ or later.
"#;

const CARGO_TOML: &str = r#"[package]
name = "__NAME__"
version = "0.1.0"
edition = "2024"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
wasm-bindgen = "=__WASM_BINDGEN__"
wasm-bindgen-futures = "=__WASM_BINDGEN_FUTURES__"   # runs `#[wasm_bindgen] async fn` exports
# Its feature is the baseline of the typed bindings: the base below.
__WX_BINDINGS__

# `wx-pack build` here writes the plugin's Rust part into plugin/rust/, which
# plugin/index.js re-exports; wasm mode, for base library __BASE__ and later.
[package.metadata.wx-pack]
out = "plugin/rust"
plugin-subdir = "rust"
base = "__BASE__"

# Small wasm: the plugin counts against its host mini-program's 2 MB.
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"

# A project of its own, not a member of a workspace around it.
[workspace]
"#;

const LIB_RS: &str = r#"//! The __NAME__ plugin: what a mini-program calls through `requirePlugin('__NAME__')`.

use wasm_bindgen::prelude::*;
use wx_bindings::base::get_system_info_sync;
use wx_bindings::ui::{self, ShowToastOption, ShowToastOptionIcon};

/// Greets `name` with a toast, and says which device and base library it runs on.
#[wasm_bindgen]
pub async fn hello(name: String) -> Result<String, JsValue> {
    let info = get_system_info_sync()?;
    let greeting = format!("Hello, {name}!");
    let toast = ShowToastOption::new(&greeting).icon(ShowToastOptionIcon::None);
    ui::show_toast(&toast).await?;
    Ok(format!(
        "{greeting} From Rust on {}, base library {}",
        info.model(),
        info.sdk_version()
    ))
}

/// Adds two numbers (a Promise on the JavaScript side, like every export).
#[wasm_bindgen]
pub fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}
"#;

const README: &str = r#"# __NAME__

A WeChat mini-program plugin in Rust, made by `wx-pack new` (wx-pack __WX_PACK_VERSION__).

```sh
wx-pack build        # compiles src/lib.rs into plugin/rust/ (see [package.metadata.wx-pack])
wx-pack run -- --call 'hello=["WeChat"]' --call 'add=[2,40]'   # in the simulated host
```

Then open this folder in WeChat DevTools: it is a plugin project (`project.config.json`,
`compileType` "plugin"). `plugin/` is the plugin, `miniprogram/` a demo mini-program that
calls it, `doc/README.md` the plugin's documentation. Set your plugin's AppID as `appid` in
project.config.json and as `provider` in miniprogram/app.json (now `__APPID__`).

When you rename, remove or add exports in src/lib.rs, change what calls them too: the demo
page (miniprogram/pages/index/index.js), the `wx-pack run` line above and doc/README.md were
written for the template's `hello` and `add`, and nothing updates them for you.
"#;

const GITIGNORE: &str = "/target\n/plugin/rust/\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn futures_pin_is_the_workspaces() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
        let text = std::fs::read_to_string(root).unwrap();
        let pin = format!("wasm-bindgen-futures = \"={WASM_BINDGEN_FUTURES_VERSION}\"");
        assert!(text.contains(&pin), "the root Cargo.toml should pin {pin}");
    }

    #[test]
    fn names() {
        for good in ["hello", "hello-plugin", "a_b2"] {
            check_name(good).unwrap();
        }
        for bad in ["", "2x", "-x", "héllo", "a b", "a.b"] {
            let err = check_name(bad).unwrap_err().to_string();
            assert!(err.contains("cannot name a plugin crate"), "{bad}: {err}");
        }
    }

    #[test]
    fn appids() {
        for good in [PLACEHOLDER_APPID, "wx0123456789abcdef", "wxABCDEF0123456789"] {
            check_appid(good).unwrap();
        }
        for bad in [
            "",
            "wx",
            "wx0123456789abcde",
            "wx0123456789abcdefa",
            "ab0123456789abcdef",
            "wx0123456789abcdeg",
        ] {
            let err = check_appid(bad).unwrap_err().to_string();
            assert!(err.contains("is not an AppID"), "{bad}: {err}");
        }
    }

    #[test]
    fn wx_bindings_by_version_or_path() {
        let version = Bindings::Version("0.1.0".into());
        let files = files("p", &version, PLACEHOLDER_APPID);
        let cargo = &files.iter().find(|(p, _)| *p == "Cargo.toml").unwrap().1;
        assert!(
            cargo.contains("\nwx-bindings = { version = \"0.1.0\", features = [\"base-2-18-1\"] }\n"),
            "{cargo}"
        );
        let path = Bindings::Path(PathBuf::from("/x/it's \"here\"/wx-bindings"));
        let files = self::files("p", &path, PLACEHOLDER_APPID);
        let cargo = &files.iter().find(|(p, _)| *p == "Cargo.toml").unwrap().1;
        assert!(
            cargo.contains(
                "\nwx-bindings = { path = \"/x/it's \\\"here\\\"/wx-bindings\", features = [\"base-2-18-1\"] }\n"
            ),
            "{cargo}"
        );
        // No placeholder is left in any file.
        for (path, content) in &files {
            assert!(!content.contains("__"), "{path}: {content}");
        }
    }

    #[test]
    fn path_to_bindings_finds_the_crate_in_a_checkout() {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let crate_dir = checkout.join("wx-bindings").canonicalize().unwrap();
        for given in [checkout.to_path_buf(), checkout.join("wx-bindings")] {
            assert_eq!(
                Bindings::from_arg(Some(&given), Path::new("/")).unwrap(),
                Bindings::Path(crate_dir.clone())
            );
        }
        let err = Bindings::from_arg(Some(&checkout.join("wx-pack")), Path::new("/"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("is the wx-bindings crate"), "{err}");
        assert_eq!(
            Bindings::from_arg(None, Path::new("/")).unwrap(),
            Bindings::Version(env!("CARGO_PKG_VERSION").into())
        );
    }
}
