//! `cargo +nightly fuzz run wx_input`: the body is `wx_fuzz::wx_input`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wx_fuzz::wx_input(data));
