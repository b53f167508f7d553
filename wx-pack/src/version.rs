//! Base-library versions and the choice between the two output modes.
//!
//! A plugin folder runs on some range of WeChat base libraries. Two things bound it from
//! below: the `wx` APIs the plugin binds (each usable in plugins from some version) and the
//! way the code is loaded — `WXWebAssembly`, which plugins have from 2.18.1, or plain
//! JavaScript produced by wasm2js, which runs everywhere.

use std::fmt;
use std::str::FromStr;

use anyhow::{Context as _, Result, bail};
use semver::Version;

/// The first base library whose plugins have `WXWebAssembly` (held once, in
/// wx-allowlist, which also writes it into the simulated host's data).
pub use wx_allowlist::WXWEBASSEMBLY_SINCE;

/// The lowest base library a plugin can target: the allowlist's baseline.
pub fn lowest_base() -> Version {
    wx_allowlist::baseline()
}

/// How the packaged plugin carries its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Brotli-compressed wasm loaded with `WXWebAssembly` (base library 2.18.1 and later).
    Wasm,
    /// The wasm translated to JavaScript by binaryen's wasm2js (any base library).
    Wasm2js,
}

impl Mode {
    /// The version the loader itself needs, if any.
    pub fn loader_since(self) -> Option<Version> {
        match self {
            Mode::Wasm => Some(WXWEBASSEMBLY_SINCE),
            Mode::Wasm2js => None,
        }
    }

    /// The mode for a target base library: wasm where `WXWebAssembly` exists.
    pub fn for_base(base: &Version) -> Mode {
        if *base >= WXWEBASSEMBLY_SINCE {
            Mode::Wasm
        } else {
            Mode::Wasm2js
        }
    }

    /// The name used on the command line and in `wx-pack.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Wasm => "wasm",
            Mode::Wasm2js => "wasm2js",
        }
    }
}

/// The WebAssembly features the module of the wasm mode may use (`--wasm-features`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WasmFeatures {
    /// WebAssembly 1.0 (the MVP), which every engine with WebAssembly runs: iOS 11's
    /// JavaScriptCore on, Android's V8 of Chrome 57 on. Built with `-C target-cpu=mvp`, what
    /// the precompiled std still has lowered by wasm-opt.
    #[default]
    Mvp,
    /// What rustc's wasm32 target enables and the code uses: sign-extension (iOS 14.5,
    /// Chrome 69), multi-value (iOS 13.4, Chrome 86), non-trapping float-to-int (iOS 15,
    /// Chrome 75), bulk memory (iOS 15, Chrome 75) and reference types (iOS 15, Chrome 96).
    Modern,
}

impl WasmFeatures {
    /// The name used on the command line and in `wx-pack.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            WasmFeatures::Mvp => "mvp",
            WasmFeatures::Modern => "modern",
        }
    }

    /// What the phone's engine needs for this set, for the build's summary.
    pub fn engines(self) -> &'static str {
        match self {
            WasmFeatures::Mvp => {
                "WebAssembly 1.0 only, which any WXWebAssembly engine runs (iOS 11+, Android Chrome 57+)"
            }
            WasmFeatures::Modern => {
                "sign-extension, multi-value, bulk memory, reference types, non-trapping float-to-int where used \
                 (iOS 15+, Android Chrome 96+; --wasm-features mvp runs on all)"
            }
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A base-library version given on the command line: three numbers, like `2.18.1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base(pub Version);

impl FromStr for Base {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Base> {
        parse_base(text).map(Base)
    }
}

/// Parses a base-library version (`1.9.6`, `2.18.1`); versions compare numerically.
pub fn parse_base(text: &str) -> Result<Version> {
    let trimmed = text.trim();
    let ok_shape = trimmed.split('.').count() == 3
        && trimmed
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if !ok_shape {
        bail!("`{text}` is not a base-library version: expected three numbers like 2.18.1 or 1.9.6");
    }
    let version = Version::parse(trimmed)
        .with_context(|| format!("`{text}` is not a base-library version: expected three numbers like 2.18.1"))?;
    if version < lowest_base() {
        bail!(
            "base library {version} is older than any plugin base library: the lowest is {}",
            lowest_base()
        );
    }
    Ok(version)
}

/// The mode to build, decided before compiling, from `--mode` and `--base`.
///
/// `None` means "not decided yet": without either flag the default base is the lowest the
/// plugin's APIs allow, known only once the glue has been generated ([`mode_after_apis`]).
pub fn mode_before_apis(mode: Option<Mode>, base: Option<&Version>) -> Result<Option<Mode>> {
    match (mode, base) {
        (Some(Mode::Wasm), Some(base)) if *base < WXWEBASSEMBLY_SINCE => bail!(
            "--mode wasm needs base library {WXWEBASSEMBLY_SINCE} or later (plugins have WXWebAssembly from \
             {WXWEBASSEMBLY_SINCE}), but --base is {base}: drop --mode to get the wasm2js build for {base}, \
             or raise --base"
        ),
        (Some(mode), _) => Ok(Some(mode)),
        (None, Some(base)) => Ok(Some(Mode::for_base(base))),
        (None, None) => Ok(None),
    }
}

/// The mode when neither `--mode` nor `--base` chose one: from the APIs' own minimum.
pub fn mode_after_apis(decided: Option<Mode>, apis_base: &Version) -> Mode {
    decided.unwrap_or_else(|| Mode::for_base(apis_base))
}

/// One `wx` API the plugin binds, with the base library it is usable from in plugins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundApi {
    /// The JS name (`showToast`).
    pub name: String,
    /// Usable in plugins from this base library.
    pub since: Version,
}

/// The lowest base library the plugin's APIs allow: the highest of their `since`
/// (the allowlist's baseline when there are none).
pub fn apis_base(apis: &[BoundApi]) -> Version {
    apis.iter()
        .map(|api| api.since.clone())
        .max()
        .unwrap_or_else(lowest_base)
        .max(lowest_base())
}

/// `minBaseVersion` of the folder: the APIs' minimum and the loader's, whichever is higher.
pub fn min_base_version(apis: &[BoundApi], mode: Mode) -> Version {
    let apis = apis_base(apis);
    match mode.loader_since() {
        Some(loader) if loader > apis => loader,
        _ => apis,
    }
}

/// Checks a requested `--base` against the plugin's APIs; the error names every API that
/// needs a newer base library, with its version.
pub fn check_base_covers_apis(base: &Version, apis: &[BoundApi]) -> Result<()> {
    let mut too_new: Vec<&BoundApi> = apis.iter().filter(|api| api.since > *base).collect();
    if too_new.is_empty() {
        return Ok(());
    }
    too_new.sort_by(|a, b| b.since.cmp(&a.since).then_with(|| a.name.cmp(&b.name)));
    let list = too_new
        .iter()
        .map(|api| format!("wx.{} needs {}", api.name, api.since))
        .collect::<Vec<_>>()
        .join(", ");
    bail!(
        "--base {base} is lower than this plugin needs: {list}; use --base {} or later, or stop using {}",
        too_new[0].since,
        if too_new.len() == 1 { "that API" } else { "those APIs" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    fn api(name: &str, since: &str) -> BoundApi {
        BoundApi {
            name: name.into(),
            since: v(since),
        }
    }

    #[test]
    fn parses_base_versions_numerically() {
        assert_eq!(parse_base("2.18.1").unwrap(), v("2.18.1"));
        assert_eq!(parse_base(" 1.9.94 ").unwrap(), v("1.9.94"));
        assert!(parse_base("1.9.94").unwrap() > parse_base("1.9.6").unwrap());
    }

    #[test]
    fn rejects_bad_base_strings() {
        for bad in [
            "",
            "2",
            "2.18",
            "2.18.1.4",
            "v2.18.1",
            "2.x.1",
            "2.18.1-beta",
            "latest",
            "2..1",
        ] {
            let err = parse_base(bad).unwrap_err().to_string();
            assert!(err.contains("not a base-library version"), "{bad}: {err}");
            assert!(err.contains("2.18.1"), "{bad}: {err}");
        }
        let err = parse_base("1.0.0").unwrap_err().to_string();
        assert!(err.contains("lowest is 1.9.6"), "{err}");
    }

    #[test]
    fn mode_from_flags() {
        assert_eq!(mode_before_apis(None, None).unwrap(), None);
        assert_eq!(mode_before_apis(None, Some(&v("2.18.1"))).unwrap(), Some(Mode::Wasm));
        assert_eq!(mode_before_apis(None, Some(&v("3.0.0"))).unwrap(), Some(Mode::Wasm));
        assert_eq!(mode_before_apis(None, Some(&v("2.18.0"))).unwrap(), Some(Mode::Wasm2js));
        assert_eq!(mode_before_apis(None, Some(&v("1.9.6"))).unwrap(), Some(Mode::Wasm2js));
        // --mode wins over --base ...
        assert_eq!(
            mode_before_apis(Some(Mode::Wasm2js), Some(&v("3.0.0"))).unwrap(),
            Some(Mode::Wasm2js)
        );
        assert_eq!(mode_before_apis(Some(Mode::Wasm), None).unwrap(), Some(Mode::Wasm));
        // ... except that wasm cannot run below 2.18.1.
        let err = mode_before_apis(Some(Mode::Wasm), Some(&v("2.10.2")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("--mode wasm needs base library 2.18.1"), "{err}");
        assert!(err.contains("2.10.2"), "{err}");
    }

    #[test]
    fn default_mode_follows_the_apis() {
        assert_eq!(mode_after_apis(None, &v("1.9.6")), Mode::Wasm2js);
        assert_eq!(mode_after_apis(None, &v("2.18.1")), Mode::Wasm);
        assert_eq!(mode_after_apis(None, &v("2.20.0")), Mode::Wasm);
        assert_eq!(mode_after_apis(Some(Mode::Wasm2js), &v("2.20.0")), Mode::Wasm2js);
    }

    #[test]
    fn min_base_is_the_highest_of_apis_and_loader() {
        let old = [api("showToast", "1.9.6"), api("getRecorderManager", "1.9.94")];
        assert_eq!(apis_base(&old), v("1.9.94"));
        assert_eq!(min_base_version(&old, Mode::Wasm2js), v("1.9.94"));
        assert_eq!(min_base_version(&old, Mode::Wasm), v("2.18.1"));
        let new = [api("showToast", "1.9.6"), api("pluginLogin", "2.20.1")];
        assert_eq!(min_base_version(&new, Mode::Wasm), v("2.20.1"));
        assert_eq!(min_base_version(&new, Mode::Wasm2js), v("2.20.1"));
        assert_eq!(apis_base(&[]), v("1.9.6"));
        assert_eq!(min_base_version(&[], Mode::Wasm2js), v("1.9.6"));
    }

    #[test]
    fn base_lower_than_apis_names_them() {
        let apis = [
            api("showToast", "1.9.6"),
            api("pluginLogin", "2.20.1"),
            api("getRecorderManager", "1.9.94"),
        ];
        check_base_covers_apis(&v("2.20.1"), &apis).unwrap();
        let err = check_base_covers_apis(&v("1.9.6"), &apis).unwrap_err().to_string();
        assert!(err.contains("wx.pluginLogin needs 2.20.1"), "{err}");
        assert!(err.contains("wx.getRecorderManager needs 1.9.94"), "{err}");
        assert!(err.contains("use --base 2.20.1 or later"), "{err}");
        assert!(!err.contains("showToast"), "{err}");
    }
}
