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
//! The modules are the pieces of [`pipeline::build`]; [`run`] runs a built folder;
//! [`tools`] finds (or installs into a per-user cache) the Node side, which ships inside
//! the binary, so an installed wx-pack needs no checkout; [`doctor`] checks all it needs;
//! [`new`] creates a WeChat DevTools plugin project around a plugin crate; [`check`] finds the
//! forbidden and too-new `wx` calls of an existing JavaScript or TypeScript plugin.

pub mod apis;
pub mod cache;
pub mod check;
pub mod cli;
pub mod doctor;
pub mod emit;
pub mod new;
pub mod pipeline;
pub mod run;
pub mod sizes;
pub mod tools;
pub mod uses;
pub mod version;
pub mod wasm;
pub mod workspace;
