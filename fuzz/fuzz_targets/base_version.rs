//! `cargo +nightly fuzz run base_version`: the body is `wx_fuzz::base_version`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wx_fuzz::base_version(data));
