//! The running base library's version, read at run time.
//!
//! Plugins have no `wx.canIUse`; the running version is
//! `wx.getSystemInfoSync().SDKVersion`. Versions compare numerically
//! (`1.9.94 > 1.9.6`), through [`semver`].
//!
//! The `_checked` companion of every binding above the default baseline
//! takes a [`RunningVersion`], so a plugin built for a low baseline can still
//! call a newer API where the phone has it:
//!
//! ```no_run
//! use wx_bindings::{raw, version::RunningVersion};
//! # fn main() -> Result<(), wx_bindings::WxError> {
//! let running = RunningVersion::detect()?;
//! if running.at_least(1, 9, 94) {
//!     let _recorder = raw::get_recorder_manager_checked(&running)?;
//! }
//! # Ok(()) }
//! ```

use std::fmt;

/// A base-library version (`2.18.1`), as `RunningVersion::require` and the
/// generated `_checked` functions take it: `Version::new(2, 18, 1)`.
pub use semver::Version;
use wasm_bindgen::JsValue;

use crate::WxError;
pub use crate::error::VersionError;

/// The base library a plugin is running on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RunningVersion(Version);

impl RunningVersion {
    /// Reads `wx.getSystemInfoSync().SDKVersion`.
    pub fn detect() -> Result<Self, WxError> {
        let info = crate::raw::get_system_info_sync().map_err(|e| WxError::js("getSystemInfoSync", e))?;
        Self::from_system_info(&info)
    }

    /// Reads the `SDKVersion` of a system-info object the plugin already has
    /// (from `wx.getSystemInfoSync()` or `wx.getSystemInfo`).
    pub fn from_system_info(info: &JsValue) -> Result<Self, WxError> {
        let sdk = js_sys::Reflect::get(info, &JsValue::from_str("SDKVersion"))
            .map_err(|e| WxError::js("getSystemInfoSync", e))?;
        match sdk.as_string() {
            Some(text) => Ok(Self::parse(&text)?),
            None => Err(VersionError {
                text: String::new(),
                reason: "SDKVersion is missing or not a string".into(),
            }
            .into()),
        }
    }

    /// Parses a version string such as `2.10.2`. WeChat's versions have
    /// three numeric parts; surrounding spaces are ignored.
    pub fn parse(text: &str) -> Result<Self, VersionError> {
        Version::parse(text.trim())
            .map(RunningVersion)
            .map_err(|e| VersionError {
                text: text.to_string(),
                reason: e.to_string(),
            })
    }

    /// The version.
    pub fn version(&self) -> &Version {
        &self.0
    }

    /// Whether it is `major.minor.patch` or later.
    pub fn at_least(&self, major: u64, minor: u64, patch: u64) -> bool {
        self.0 >= Version::new(major, minor, patch)
    }

    /// `Ok` when `wx.<api>`, which needs base library `needs`, may be
    /// called; else `WxError::TooOld` naming both versions.
    pub fn require(&self, api: &'static str, needs: Version) -> Result<(), WxError> {
        if self.0 >= needs {
            Ok(())
        } else {
            Err(WxError::TooOld {
                api,
                needs,
                running: self.0.clone(),
            })
        }
    }
}

impl fmt::Display for RunningVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        let old = RunningVersion::parse("1.9.6").unwrap();
        let new = RunningVersion::parse(" 1.9.94 ").unwrap();
        assert!(new > old);
        assert!(new.at_least(1, 9, 94));
        assert!(!old.at_least(1, 9, 94));
        assert!(RunningVersion::parse("2.10.2").unwrap().at_least(2, 9, 99));
    }

    #[test]
    fn unparsable_versions_are_clear_errors() {
        let error = RunningVersion::parse("2.x").unwrap_err();
        assert_eq!(error.text, "2.x");
        assert!(
            error
                .to_string()
                .starts_with("`2.x` is not a base-library version like 2.10.2")
        );
        assert!(RunningVersion::parse("").is_err());
    }

    #[test]
    fn require_names_the_api_and_both_versions() {
        let running = RunningVersion::parse("1.9.6").unwrap();
        let error = running
            .require("getRecorderManager", Version::new(1, 9, 94))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "wx.getRecorderManager needs base library 1.9.94 in plugins; this one is 1.9.6"
        );
        assert!(running.require("showToast", Version::new(1, 9, 6)).is_ok());
    }
}
