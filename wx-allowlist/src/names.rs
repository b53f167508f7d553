//! The names the consumers of the data give what it describes: the cargo
//! feature of `wx-bindings` that raises the baseline to a version, the gate
//! macro that reads that feature, the path of an API's typed function.
//!
//! The data itself ([`crate::Api`]) holds facts: a version, a category.
//! These names are the consumers' convention, kept in one module they all
//! share — the `wx!` macro (`wx-codegen`), the generator (`wx-gen`),
//! `wx-pack new`, and this crate's own listing (`--json`, which the
//! simulated host reads) and `--explain`. It lives here, below every
//! consumer, because the listing and the explanations print these names and
//! a crate of its own would add a sixth published crate for four functions.

use crate::{Api, Version, baseline};

/// The cargo feature of `wx-bindings` that raises the baseline to `version`
/// (`base-2-1-0` for 2.1.0), or `None` for the default baseline.
pub fn feature_for(version: &Version) -> Option<String> {
    (version > &baseline()).then(|| format!("base-{}-{}-{}", version.major, version.minor, version.patch))
}

/// The cargo feature of `wx-bindings` that enables `api`, or `None` when it
/// is available at the baseline.
pub fn feature_of(api: &Api) -> Option<String> {
    feature_for(&api.since)
}

/// The name of the `wx-bindings` macro that gates code on `version`'s
/// feature (`__wx_gate_base_2_1_0`), or `None` for the default baseline.
pub fn gate_macro_for(version: &Version) -> Option<String> {
    feature_for(version).map(|feature| format!("__wx_gate_{}", feature.replace('-', "_")))
}

/// The Rust path of the API's typed function in `wx-bindings`
/// (`wx_bindings::ui::show_toast`): the module is its
/// [category](Api::category), so every API with one has a path (a legacy
/// spelling uses its modern spelling's types; `makeVoIPCall`, which today's
/// typings no longer describe, takes and gives JS values).
pub fn typed_path(api: &Api) -> Option<String> {
    api.category()
        .map(|category| format!("wx_bindings::{category}::{}", api.rust_name))
}
