//! Compile errors are part of the product: trybuild pins them.
//!
//! Which suite runs depends on the features of this crate, because the
//! version gates of `wx-bindings` are cargo features (trybuild passes them
//! on): by default the compile-fail and baseline compile-pass cases;
//! `--features recorder` the 1.9.94 case; `--features latest` the case that
//! names every binding at the highest baseline.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    if cfg!(feature = "latest") {
        cases.pass("ui/pass-latest/*.rs");
    } else if cfg!(feature = "recorder") {
        cases.pass("ui/pass-recorder/*.rs");
    } else {
        cases.compile_fail("ui/fail/*.rs");
        cases.pass("ui/pass/*.rs");
    }
}
