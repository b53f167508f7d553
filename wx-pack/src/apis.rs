//! The allowlist's listing for the simulated host. wx-pack judges a plugin's `wx` uses in
//! `uses`, for `build` and `check` alike.

/// The JSON listing of the allowlist that the simulated host reads (`--allowlist`).
pub fn json_listing() -> String {
    wx_allowlist::json_listing()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_is_a_json_array() {
        let listing: serde_json::Value = serde_json::from_str(&json_listing()).unwrap();
        assert!(listing.as_array().is_some_and(|a| a.len() >= 104));
    }
}
