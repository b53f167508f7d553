//! End-to-end tests of the `wx-pack` command: the fixture plugin crate
//! (`tests/fixtures/wxpack-fixture`) is packaged in both modes and run in the simulated
//! host (`wx-host/`), whose sandbox has no `WebAssembly`, `TextEncoder` or `TextDecoder`;
//! and every error a user can make gets a clear message, a non-zero exit and no panic.
//!
//! Expected values come from outside the code under test: the files on disk, the fixture's
//! source, and the documented rules (`wx-host/README.md`, `wx-pack/README.md`).
//!
//! The fixture crates have workspaces of their own. They build in
//! `<target>/tmp/wx-pack-fixtures`, kept between runs, so only the first run pays for
//! compiling wasm-bindgen and friends for wasm32 (twice: normal and MVP).
//!
//! One test binary (`cargo test -p wx-pack --test pack`), its tests by subject: `modes`
//! (both output modes, run), `errors` (the user's mistakes), `output` (the output folder),
//! `cargo_build` (what wx-pack asks of cargo); `package` holds the checks of a built package.

use std::process::Command;

use support::Ran;

#[path = "../support/mod.rs"]
mod support;

mod cargo_build;
mod errors;
mod modes;
mod output;
mod package;

/// A failure must be one clear `error:` message, not a panic or a backtrace.
pub(crate) fn assert_clear_error(ran: &Ran, expected: &[&str]) {
    assert_ne!(ran.code, Some(0), "should fail:\n{}", ran.stderr);
    assert!(ran.code.is_some(), "killed by a signal:\n{}", ran.stderr);
    assert!(
        !ran.stderr.contains("panicked") && !ran.stderr.contains("RUST_BACKTRACE"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("error: "), "{}", ran.stderr);
    for text in expected {
        assert!(ran.stderr.contains(text), "expected {text:?} in:\n{}", ran.stderr);
    }
}

/// Node, as wx-pack finds it (`WX_PACK_NODE`, else `node` on `PATH`).
pub(crate) fn node() -> Command {
    Command::new(std::env::var_os("WX_PACK_NODE").unwrap_or_else(|| "node".into()))
}
