//! `cargo +nightly fuzz run err_msg`: the body is `wx_fuzz::err_msg`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wx_fuzz::err_msg(data));
