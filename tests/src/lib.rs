//! Support for the workspace tests: the end-to-end helpers (`e2e`), and the generators of the files derived
//! from the allowlist (the version gates and cargo features of
//! `wx-bindings`, a compile-pass case naming every binding). The test
//! `tests/generated.rs` checks the committed files match; run
//! `cargo run -p wx-tests --bin regenerate` to rewrite them.

pub mod e2e;
pub mod generated;
