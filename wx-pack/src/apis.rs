//! The allowlist, as wx-pack uses it: every call into `wx_allowlist` is in this module.

use anyhow::{Result, bail};

use crate::version::BoundApi;

/// Looks up the `wx` names the glue binds. A name that plugins may not call (or that is
/// no `wx` function at all) is an error: it would be missing at run time.
pub fn resolve(names: &[String]) -> Result<Vec<BoundApi>> {
    let list = wx_allowlist::Allowlist::get();
    let mut apis = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        match list.lookup(name) {
            Some(api) => apis.push(BoundApi {
                name: api.name.clone(),
                since: api.since.clone(),
            }),
            None if list.forbidden(name).is_some() => {
                problems.push(format!("wx.{name} is not available to plugins"));
            }
            None => {
                let hint = list
                    .suggest(name)
                    .map(|api| format!(" (did you mean wx.{}?)", api.name))
                    .unwrap_or_default();
                problems.push(format!("wx.{name} is not on the plugin allowlist{hint}"));
            }
        }
    }
    if !problems.is_empty() {
        bail!(
            "the plugin binds wx functions that a plugin cannot call: {}; a plugin's `wx` object simply \
             lacks them at run time",
            problems.join("; ")
        );
    }
    apis.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(apis)
}

/// The JSON listing of the allowlist that the simulated host reads (`--allowlist`).
pub fn json_listing() -> String {
    wx_allowlist::json_listing()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_permitted_names() {
        let apis = resolve(&["showToast".into(), "getSystemInfoSync".into()]).unwrap();
        assert_eq!(
            apis.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
            ["getSystemInfoSync", "showToast"]
        );
        assert!(apis.iter().all(|a| a.since >= crate::version::lowest_base()));
    }

    #[test]
    fn rejects_names_plugins_cannot_call() {
        let err = resolve(&["showToastt".into(), "showToast".into()])
            .unwrap_err()
            .to_string();
        assert!(err.contains("wx.showToastt is not on the plugin allowlist"), "{err}");
        assert!(err.contains("did you mean wx.showToast?"), "{err}");
    }

    #[test]
    fn listing_is_a_json_array() {
        let listing: serde_json::Value = serde_json::from_str(&json_listing()).unwrap();
        assert!(listing.as_array().is_some_and(|a| a.len() >= 104));
    }
}
