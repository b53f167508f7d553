//! Stage 3: the plan — which mode, which WebAssembly feature set, which minimum base.
//!
//! [`BuildPlan`] owns the decisions that used to go back and forth between the build and
//! `version.rs`. Before compiling, `--mode` and `--base` (or the metadata's `base`) may fix
//! the mode; without them the mode follows the lowest base the code allows, known only after
//! wasm-bindgen (the `wx` APIs the glue binds) and cargo (the `base-*` feature wx-bindings is
//! compiled with).
//!
//! The one decision that could have asked for a second compilation — the MVP feature set
//! (`-C target-cpu=mvp`) or rustc's default — is made before compiling, once: the MVP is the
//! default of both modes, and `--wasm-features modern` is refused for a wasm2js build, before
//! compiling when the flags say so, after when the code's base does. So the plugin is compiled
//! once (`the_feature_set_is_decided_before_compiling` below holds it for every case).

use std::path::PathBuf;

use anyhow::{Result, bail};
use semver::Version;

use crate::tools::EsTarget;
use crate::version::{self, BoundApi, GivenBase, Mode, WXWEBASSEMBLY_SINCE, WasmFeatures};

/// The plan of one build, from the flags to the final mode and minimum base.
#[derive(Clone, Debug)]
pub(crate) struct BuildPlan {
    /// `--base` (or the metadata's).
    given: Option<GivenBase>,
    /// The mode the flags fix, if they do.
    decided: Option<Mode>,
    /// `--wasm-features modern`.
    modern: bool,
    /// The crate's manifest, for messages.
    manifest: PathBuf,
}

/// What the plan settled after compiling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Planned {
    /// The output mode.
    pub(crate) mode: Mode,
    /// The highest `base-*` feature wx-bindings was compiled with, with its version.
    pub(crate) baseline: Option<(Version, String)>,
    /// `minBaseVersion`: the highest of the APIs', the loader's and the baseline.
    pub(crate) min_base: Version,
    /// The base library to run it at: the given one, else `min_base`.
    pub(crate) base: Version,
}

impl Planned {
    /// The edition the package's JavaScript is lowered to ([`es_target`]).
    pub(crate) fn es_target(&self) -> EsTarget {
        es_target(self.mode)
    }
}

impl BuildPlan {
    /// The plan before anything is looked at: `--mode wasm` below 2.18.1 is refused here.
    pub(crate) fn new(
        mode: Option<Mode>,
        given: Option<GivenBase>,
        features: WasmFeatures,
        manifest: PathBuf,
    ) -> Result<BuildPlan> {
        let decided = version::mode_before_apis(mode, given.as_ref())?;
        Ok(BuildPlan {
            given,
            decided,
            modern: features == WasmFeatures::Modern,
            manifest,
        })
    }

    /// Refuses a given base below the base library wx-bindings is (predicted, or was)
    /// compiled for (`baseline`).
    pub(crate) fn check_baseline(&self, baseline: Option<&(Version, String)>) -> Result<()> {
        if let (Some(base), Some((baseline, feature))) = (&self.given, baseline) {
            version::check_base_covers_baseline(base, baseline, feature, &self.manifest)?;
        }
        Ok(())
    }

    /// Whether to compile for the MVP feature set (`-C target-cpu=mvp`): the default, and
    /// what wasm2js needs. `--wasm-features modern` with flags that fix the wasm2js mode is
    /// refused here, before compiling.
    pub(crate) fn mvp(&self) -> Result<bool> {
        if self.modern && self.decided == Some(Mode::Wasm2js) {
            bail!(
                "--wasm-features modern is for the wasm mode: the wasm2js mode (base libraries below \
                 {WXWEBASSEMBLY_SINCE}) translates a WebAssembly 1.0 module to JavaScript"
            );
        }
        Ok(!self.modern)
    }

    /// After compiling: the `wx` APIs the plugin binds and the features cargo compiled
    /// wx-bindings with (with the `predicted` baseline) settle the mode and the minimum base.
    /// Refuses a given base below either, and `--wasm-features modern` when the code's base
    /// makes it a wasm2js build.
    pub(crate) fn settle(
        &self,
        predicted: Option<&(Version, String)>,
        bindings_features: &[String],
        apis: &[BoundApi],
    ) -> Result<Planned> {
        // What cargo actually compiled wx-bindings with, in case it differs from the prediction.
        let predicted_feature = predicted.iter().map(|(_, f)| f.as_str());
        let baseline =
            version::bindings_baseline(predicted_feature.chain(bindings_features.iter().map(String::as_str)));
        self.check_baseline(baseline.as_ref())?;
        let apis_base = version::apis_base(apis);
        if let Some(base) = &self.given {
            version::check_base_covers_apis(base, apis)?;
        }
        // The lowest base the code allows: its APIs', and the one wx-bindings is compiled for.
        let code_base = match &baseline {
            Some((baseline, _)) if *baseline > apis_base => baseline.clone(),
            _ => apis_base,
        };
        let mode = version::mode_after_apis(self.decided, &code_base);
        if self.modern && mode == Mode::Wasm2js {
            bail!(
                "--wasm-features modern is for the wasm mode, but the plugin allows base library {code_base}, \
                 below {WXWEBASSEMBLY_SINCE}, so it builds the wasm2js mode: add `--mode wasm` (or a --base of \
                 {WXWEBASSEMBLY_SINCE} or later)"
            );
        }
        let min_base = version::min_base_version(apis, mode, baseline.as_ref().map(|(v, _)| v));
        let base = self
            .given
            .as_ref()
            .map_or_else(|| min_base.clone(), |b| b.version.clone());
        Ok(Planned {
            mode,
            baseline,
            min_base,
            base,
        })
    }
}

/// The edition the JavaScript of a mode is lowered to: ES5 for the wasm2js mode (base
/// libraries below 2.18.1, on phones whose engines cannot be known; WeChat's upload skips
/// its own ES6 → ES5 pass for files over 2 MB), ES2017 for the wasm mode (an engine with
/// WebAssembly, iOS 11 or Chrome 57 on, has ES2017 but not ES2020's `?.` and `??`).
pub(crate) fn es_target(mode: Mode) -> EsTarget {
    match mode {
        Mode::Wasm => EsTarget::Es2017,
        Mode::Wasm2js => EsTarget::Es5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::BaseFrom;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    fn plan(mode: Option<Mode>, base: Option<&str>, features: WasmFeatures) -> Result<BuildPlan> {
        let given = base.map(|b| GivenBase {
            version: v(b),
            from: BaseFrom::Flag,
        });
        BuildPlan::new(mode, given, features, PathBuf::from("/p/Cargo.toml"))
    }

    fn api(name: &str, since: &str) -> BoundApi {
        BoundApi {
            name: name.into(),
            since: v(since),
        }
    }

    #[test]
    fn without_flags_the_code_picks_the_mode() {
        // The README's "The minimum base": the highest of the APIs', the loader's and the
        // baseline's; wasm2js below 2.18.1.
        let plan = plan(None, None, WasmFeatures::Mvp).unwrap();
        assert!(plan.mvp().unwrap());
        let old = plan.settle(None, &[], &[api("showToast", "1.9.6")]).unwrap();
        assert_eq!(
            (old.mode, old.min_base.clone(), old.base.clone()),
            (Mode::Wasm2js, v("1.9.6"), v("1.9.6"))
        );
        assert_eq!(old.es_target(), EsTarget::Es5);
        let new = plan
            .settle(None, &[], &[api("getFileSystemManager", "2.19.2")])
            .unwrap();
        assert_eq!(new.es_target(), EsTarget::Es2017);
        assert_eq!((new.mode, new.min_base), (Mode::Wasm, v("2.19.2")));
        // wx-bindings compiled with base-2-17-1: 2.17.1, still wasm2js.
        let gated = plan.settle(None, &["base-2-17-1".into()], &[]).unwrap();
        assert_eq!((gated.mode, &gated.min_base), (Mode::Wasm2js, &v("2.17.1")));
        assert_eq!(gated.baseline, Some((v("2.17.1"), "base-2-17-1".into())));
    }

    #[test]
    fn a_given_base_fixes_the_mode_and_is_checked() {
        let wasm = plan(None, Some("2.18.1"), WasmFeatures::Mvp).unwrap();
        let planned = wasm.settle(None, &[], &[]).unwrap();
        assert_eq!(
            (planned.mode, planned.min_base, planned.base),
            (Mode::Wasm, v("2.18.1"), v("2.18.1"))
        );
        let low = plan(None, Some("1.9.6"), WasmFeatures::Mvp).unwrap();
        let err = low
            .settle(None, &[], &[api("getFileSystemManager", "2.19.2")])
            .unwrap_err();
        assert!(
            err.to_string().contains("wx.getFileSystemManager needs 2.19.2"),
            "{err}"
        );
        let err = low.settle(None, &["base-2-17-1".into()], &[]).unwrap_err();
        assert!(err.to_string().contains("`base-2-17-1`"), "{err}");
        let err = plan(Some(Mode::Wasm), Some("1.9.6"), WasmFeatures::Mvp).unwrap_err();
        assert!(
            err.to_string().starts_with("--mode wasm needs base library 2.18.1"),
            "{err}"
        );
    }

    #[test]
    fn modern_features_are_for_the_wasm_mode_only() {
        let err = plan(Some(Mode::Wasm2js), None, WasmFeatures::Modern)
            .unwrap()
            .mvp()
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("the wasm2js mode (base libraries below 2.18.1)"),
            "{err}"
        );
        let modern = plan(None, None, WasmFeatures::Modern).unwrap();
        assert!(!modern.mvp().unwrap());
        let err = modern.settle(None, &[], &[]).unwrap_err();
        assert!(err.to_string().contains("add `--mode wasm`"), "{err}");
        let planned = plan(Some(Mode::Wasm), None, WasmFeatures::Modern).unwrap();
        assert_eq!(planned.settle(None, &[], &[]).unwrap().mode, Mode::Wasm);
    }

    /// The build used to compile a second time when the mode settled after compiling wanted
    /// another feature set than the first compilation's. For every combination of flags and
    /// code, the feature set chosen before compiling is the one the settled mode needs (the
    /// MVP for wasm2js; modern only in the wasm mode), or the plan refuses: one compilation.
    #[test]
    fn the_feature_set_is_decided_before_compiling() {
        let modes = [None, Some(Mode::Wasm), Some(Mode::Wasm2js)];
        let bases = [None, Some("1.9.6"), Some("2.17.1"), Some("2.18.1"), Some("2.19.2")];
        let codes = ["1.9.6", "2.17.1", "2.18.1", "2.19.2"];
        let mut settled = 0;
        for mode in modes {
            for base in bases {
                for features in [WasmFeatures::Mvp, WasmFeatures::Modern] {
                    let Ok(plan) = plan(mode, base, features) else { continue };
                    let Ok(mvp) = plan.mvp() else { continue };
                    for code in codes {
                        let Ok(planned) = plan.settle(None, &[], &[api("x", code)]) else {
                            continue;
                        };
                        let wanted = planned.mode == Mode::Wasm2js || features == WasmFeatures::Mvp;
                        assert_eq!(mvp, wanted, "{mode:?} {base:?} {features:?} {code}");
                        settled += 1;
                    }
                }
            }
        }
        assert!(settled > 20, "{settled}");
    }
}
