//! Compile errors are part of the product: trybuild pins them.
//!
//! Which suite runs depends on the features of this crate, because the
//! version gates of `wx-bindings` are cargo features (trybuild passes them
//! on): by default the compile-fail and baseline compile-pass cases;
//! `--features recorder` both sides of the first two gates (1.9.94 open,
//! 2.1.0 still closed); `--features latest` the cases that name every
//! binding and every typed function at the highest baseline, and every
//! forbidden name there too.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    if cfg!(feature = "latest") {
        cases.pass("ui/pass-latest/*.rs");
        cases.compile_fail("ui/fail-latest/*.rs");
    } else if cfg!(feature = "recorder") {
        cases.pass("ui/pass-recorder/*.rs");
        cases.compile_fail("ui/fail-recorder/*.rs");
    } else {
        cases.compile_fail("ui/fail/*.rs");
        cases.pass("ui/pass/*.rs");
    }
}
