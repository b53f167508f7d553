//! Base-library versions and the choice between the two output modes.
//!
//! A plugin folder runs on some range of WeChat base libraries. Two things bound it from
//! below: the `wx` APIs the plugin binds (each usable in plugins from some version) and the
//! way the code is loaded — `WXWebAssembly`, which plugins have from 2.18.1, or plain
//! JavaScript produced by wasm2js, which runs everywhere.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;

use anyhow::{Context as _, Result, bail};
use semver::Version;

/// The first base library whose plugins have `WXWebAssembly` (held once, in
/// wx-allowlist, which also writes it into the simulated host's data).
pub use wx_allowlist::WXWEBASSEMBLY_SINCE;

/// The lowest base library a plugin can target: the allowlist's baseline.
pub fn lowest_base() -> Version {
    wx_allowlist::baseline()
}

/// The newest base library the data knows (wx-allowlist's highest version, the highest
/// `base-*` feature of wx-bindings): nothing above it can be checked, so no package claims it.
pub fn highest_base() -> Version {
    static HIGHEST: OnceLock<Version> = OnceLock::new();
    HIGHEST
        .get_or_init(|| {
            wx_allowlist::Allowlist::get()
                .gated_versions()
                .pop()
                .unwrap_or_else(lowest_base)
        })
        .clone()
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
    if version > highest_base() {
        // A package claiming it would say "runs from {version}" of code checked at most
        // against the newest data: nothing above it is known to exist, let alone checked.
        bail!(
            "base library {version} is newer than any base library wx-pack knows: the newest in its data \
             (wx-allowlist) is {}",
            highest_base()
        );
    }
    Ok(version)
}

/// Where a base library given to `build` came from, to name it in messages: `--base`, or
/// `base` of the crate's `[package.metadata.wx-pack]` (in that `Cargo.toml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseFrom {
    /// The `--base` flag.
    Flag,
    /// `[package.metadata.wx-pack] base` in this `Cargo.toml`.
    Metadata(PathBuf),
}

/// A base library given to `build`, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GivenBase {
    /// The version.
    pub version: Version,
    /// Where it was given.
    pub from: BaseFrom,
}

impl GivenBase {
    /// `--base 1.9.6`, or ``[package.metadata.wx-pack] base` in /p/Cargo.toml: 1.9.6`: the
    /// subject of a sentence about it.
    pub fn said(&self) -> String {
        match &self.from {
            BaseFrom::Flag => format!("--base {}", self.version),
            BaseFrom::Metadata(manifest) => format!(
                "`[package.metadata.wx-pack] base` in {}: {}",
                manifest.display(),
                self.version
            ),
        }
    }

    /// How to ask for `version` instead, where it was given.
    pub fn raise_to(&self, version: &Version) -> String {
        match &self.from {
            BaseFrom::Flag => format!("use --base {version} or later"),
            BaseFrom::Metadata(_) => format!("set that `base` to \"{version}\" or later (or pass --base)"),
        }
    }
}

/// The highest `base-X-Y-Z` feature among `features` (those wx-bindings is compiled with),
/// with its version: the base library the crate's code was checked against. `None`: the
/// default baseline.
pub fn bindings_baseline<'a>(features: impl IntoIterator<Item = &'a str>) -> Option<(Version, String)> {
    features
        .into_iter()
        .filter_map(|feature| {
            let numbers = feature.strip_prefix("base-")?;
            let mut parts = numbers.split('-').map(|n| n.parse::<u64>().ok());
            let version = match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) => Version::new(major, minor, patch),
                _ => return None,
            };
            Some((version, feature.to_owned()))
        })
        .max()
}

/// Refuses a base library below the one wx-bindings was compiled for (`feature`): every
/// field, enum value and method that wx-bindings gates between the two would be in the
/// code unchecked.
pub fn check_base_covers_baseline(base: &GivenBase, baseline: &Version, feature: &str, manifest: &Path) -> Result<()> {
    if base.version >= *baseline {
        return Ok(());
    }
    bail!(
        "{} is lower than the base library the crate is compiled for: wx-bindings has the cargo feature \
         `{feature}`, which lets the code use fields, enum values and methods of base library {baseline} \
         that base library {} may lack; {}, or lower that feature (it comes from {} or a crate it depends on, \
         or from --features)",
        base.said(),
        base.version,
        base.raise_to(baseline),
        manifest.display()
    )
}

/// The mode to build, decided before compiling, from `--mode` and `--base`.
///
/// `None` means "not decided yet": without either flag the default base is the lowest the
/// plugin's APIs allow, known only once the glue has been generated ([`mode_after_apis`]).
pub fn mode_before_apis(mode: Option<Mode>, base: Option<&GivenBase>) -> Result<Option<Mode>> {
    match (mode, base) {
        (Some(Mode::Wasm), Some(base)) if base.version < WXWEBASSEMBLY_SINCE => bail!(
            "--mode wasm needs base library {WXWEBASSEMBLY_SINCE} or later (plugins have WXWebAssembly from \
             {WXWEBASSEMBLY_SINCE}), but {}: drop --mode to get the wasm2js build for {}, or {}",
            base.said(),
            base.version,
            base.raise_to(&WXWEBASSEMBLY_SINCE)
        ),
        (Some(mode), _) => Ok(Some(mode)),
        (None, Some(base)) => Ok(Some(Mode::for_base(&base.version))),
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

/// `minBaseVersion` of the folder: the highest of the APIs' minimum, the loader's and
/// `compiled`, the base library wx-bindings was compiled for (its highest `base-*` feature).
pub fn min_base_version(apis: &[BoundApi], mode: Mode, compiled: Option<&Version>) -> Version {
    let apis = apis_base(apis);
    let floor = match mode.loader_since() {
        Some(loader) if loader > apis => loader,
        _ => apis,
    };
    match compiled {
        Some(compiled) if *compiled > floor => compiled.clone(),
        _ => floor,
    }
}

/// Checks a requested base against the plugin's APIs; the error names every API that
/// needs a newer base library, with its version.
pub fn check_base_covers_apis(base: &GivenBase, apis: &[BoundApi]) -> Result<()> {
    let mut too_new: Vec<&BoundApi> = apis.iter().filter(|api| api.since > base.version).collect();
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
        "{} is lower than this plugin needs: {list}; {}, or stop using {}",
        base.said(),
        base.raise_to(&too_new[0].since),
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

    fn flag(text: &str) -> GivenBase {
        GivenBase {
            version: v(text),
            from: BaseFrom::Flag,
        }
    }

    fn metadata(text: &str) -> GivenBase {
        GivenBase {
            version: v(text),
            from: BaseFrom::Metadata(PathBuf::from("/p/plugin/Cargo.toml")),
        }
    }

    #[test]
    fn mode_from_flags() {
        assert_eq!(mode_before_apis(None, None).unwrap(), None);
        assert_eq!(mode_before_apis(None, Some(&flag("2.18.1"))).unwrap(), Some(Mode::Wasm));
        assert_eq!(mode_before_apis(None, Some(&flag("3.0.0"))).unwrap(), Some(Mode::Wasm));
        assert_eq!(
            mode_before_apis(None, Some(&flag("2.18.0"))).unwrap(),
            Some(Mode::Wasm2js)
        );
        assert_eq!(
            mode_before_apis(None, Some(&flag("1.9.6"))).unwrap(),
            Some(Mode::Wasm2js)
        );
        // --mode wins over --base ...
        assert_eq!(
            mode_before_apis(Some(Mode::Wasm2js), Some(&flag("3.0.0"))).unwrap(),
            Some(Mode::Wasm2js)
        );
        assert_eq!(mode_before_apis(Some(Mode::Wasm), None).unwrap(), Some(Mode::Wasm));
        // ... except that wasm cannot run below 2.18.1.
        let err = mode_before_apis(Some(Mode::Wasm), Some(&flag("2.10.2")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("--mode wasm needs base library 2.18.1"), "{err}");
        assert!(err.contains("but --base 2.10.2: "), "{err}");
        assert!(err.contains("or use --base 2.18.1 or later"), "{err}");
        // A base from the crate's metadata is named as such, not as a flag never given.
        let err = mode_before_apis(Some(Mode::Wasm), Some(&metadata("2.10.2")))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("but `[package.metadata.wx-pack] base` in /p/plugin/Cargo.toml: 2.10.2: "),
            "{err}"
        );
        assert!(err.contains("set that `base` to \"2.18.1\" or later"), "{err}");
        assert!(!err.contains("--base 2.10.2"), "{err}");
    }

    #[test]
    fn a_base_above_the_newest_the_data_knows_is_refused() {
        // The newest gated version, read from the allowlist's data directly: the highest
        // `base-*` feature wx-bindings has.
        let newest = wx_allowlist::Allowlist::get()
            .gated_versions()
            .into_iter()
            .max()
            .unwrap();
        assert_eq!(highest_base(), newest);
        assert_eq!(parse_base(&newest.to_string()).unwrap(), newest);
        let above = Version::new(newest.major, newest.minor, newest.patch + 1);
        let err = parse_base(&above.to_string()).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "base library {above} is newer than any base library wx-pack knows: the newest in its data \
                 (wx-allowlist) is {newest}"
            )
        );
        assert!(parse_base("9.9.9").is_err());
    }

    #[test]
    fn the_compiled_baseline_is_the_highest_base_feature() {
        assert_eq!(bindings_baseline([]), None);
        assert_eq!(bindings_baseline(["default", "std"]), None);
        // Numerically, not as text: 2.9.4 < 2.10.0 < 2.17.1.
        assert_eq!(
            bindings_baseline(["base-1-9-90", "base-2-10-0", "base-2-17-1", "base-2-9-4", "other"]),
            Some((v("2.17.1"), "base-2-17-1".to_owned()))
        );
        assert_eq!(bindings_baseline(["base-2-x-1", "base-2-1", "base-2-1-0-1"]), None);
    }

    #[test]
    fn a_base_below_the_compiled_baseline_names_the_feature_and_the_ways_out() {
        let manifest = Path::new("/p/plugin/Cargo.toml");
        check_base_covers_baseline(&flag("2.17.1"), &v("2.17.1"), "base-2-17-1", manifest).unwrap();
        check_base_covers_baseline(&flag("2.18.1"), &v("2.17.1"), "base-2-17-1", manifest).unwrap();
        let err = check_base_covers_baseline(&flag("1.9.6"), &v("2.17.1"), "base-2-17-1", manifest)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("--base 1.9.6 is lower than the base library the crate is compiled for"),
            "{err}"
        );
        assert!(err.contains("`base-2-17-1`"), "{err}");
        assert!(
            err.contains("use --base 2.17.1 or later, or lower that feature"),
            "{err}"
        );
        assert!(err.contains("/p/plugin/Cargo.toml"), "{err}");
        let err = check_base_covers_baseline(&metadata("2.10.0"), &v("2.17.1"), "base-2-17-1", manifest)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("`[package.metadata.wx-pack] base` in /p/plugin/Cargo.toml: 2.10.0 is lower"),
            "{err}"
        );
        assert!(err.contains("set that `base` to \"2.17.1\" or later"), "{err}");
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
        assert_eq!(min_base_version(&old, Mode::Wasm2js, None), v("1.9.94"));
        assert_eq!(min_base_version(&old, Mode::Wasm, None), v("2.18.1"));
        let new = [api("showToast", "1.9.6"), api("pluginLogin", "2.20.1")];
        assert_eq!(min_base_version(&new, Mode::Wasm, None), v("2.20.1"));
        assert_eq!(min_base_version(&new, Mode::Wasm2js, None), v("2.20.1"));
        assert_eq!(apis_base(&[]), v("1.9.6"));
        assert_eq!(min_base_version(&[], Mode::Wasm2js, None), v("1.9.6"));
        // The base wx-bindings is compiled for counts as much as the APIs and the loader.
        assert_eq!(min_base_version(&old, Mode::Wasm2js, Some(&v("2.17.1"))), v("2.17.1"));
        assert_eq!(min_base_version(&old, Mode::Wasm, Some(&v("2.17.1"))), v("2.18.1"));
        assert_eq!(min_base_version(&new, Mode::Wasm, Some(&v("2.19.0"))), v("2.20.1"));
        assert_eq!(min_base_version(&new, Mode::Wasm, Some(&v("3.0.0"))), v("3.0.0"));
    }

    #[test]
    fn base_lower_than_apis_names_them() {
        let apis = [
            api("showToast", "1.9.6"),
            api("pluginLogin", "2.20.1"),
            api("getRecorderManager", "1.9.94"),
        ];
        check_base_covers_apis(&flag("2.20.1"), &apis).unwrap();
        let err = check_base_covers_apis(&flag("1.9.6"), &apis).unwrap_err().to_string();
        assert!(err.contains("wx.pluginLogin needs 2.20.1"), "{err}");
        assert!(err.contains("wx.getRecorderManager needs 1.9.94"), "{err}");
        assert!(err.contains("use --base 2.20.1 or later"), "{err}");
        assert!(!err.contains("showToast"), "{err}");
        let err = check_base_covers_apis(&metadata("1.9.6"), &apis)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "`[package.metadata.wx-pack] base` in /p/plugin/Cargo.toml: 1.9.6 is lower than this plugin needs"
            ),
            "{err}"
        );
        assert!(err.contains("set that `base` to \"2.20.1\" or later"), "{err}");
    }
}
