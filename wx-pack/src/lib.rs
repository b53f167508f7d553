//! `wx-pack`: packages a Rust plugin crate into a folder that a WeChat mini-program can
//! load as a plugin, and runs that folder in the simulated host (`wx-host/`).
//!
//! Two output modes:
//!
//! - **wasm** (base library 2.18.1 and later, where plugins have `WXWebAssembly`): the
//!   wasm, optimised and brotli-compressed, is instantiated by path from the plugin root;
//! - **wasm2js** (any base library from 1.9.6): the wasm is translated to JavaScript by
//!   binaryen's wasm2js and loaded synchronously.
//!
//! Both ship wasm-bindgen's glue converted to CommonJS with its own UTF-8
//! `TextEncoder`/`TextDecoder` (WeChat phones have neither) by `js/adapt.mjs`, and a main
//! module `index.js` whose exported functions return Promises.
//!
//! This is the library of a command ([`main`]). Its modules are private but for what the
//! tests use: [`check`] finds the forbidden and too-new `wx` calls of an existing JavaScript
//! or TypeScript plugin; [`tools`] finds (or installs into a per-user cache) the Node side,
//! which ships inside the binary; [`wasm`] runs wasm-bindgen and edits wasm binaries;
//! [`apis`] gives the allowlist's listing to the simulated host. Inside: `stages` are the
//! steps of `wx-pack build` (resolve, cargo, plan, optimise, adapt, write), `loader` makes
//! `index.js` from `templates/index.js`, `protocol` names what wx-pack adds between the
//! module, the glue and the loader, `run` runs a built folder, `doctor` checks what wx-pack
//! needs, `new` creates a WeChat DevTools plugin project around a plugin crate.

pub mod apis;
pub mod check;
pub mod tools;
pub mod wasm;

pub(crate) mod cache;
pub(crate) mod cli;
pub(crate) mod commands;
pub(crate) mod doctor;
pub(crate) mod loader;
pub(crate) mod lock;
pub(crate) mod new;
pub(crate) mod protocol;
pub(crate) mod run;
pub(crate) mod sizes;
pub(crate) mod stages;
pub(crate) mod uses;
pub(crate) mod version;
pub(crate) mod workspace;

/// The `wx-pack` command line: parses the arguments, runs the command, and gives the exit
/// status (errors are printed on stderr).
pub fn main() -> std::process::ExitCode {
    commands::main()
}
