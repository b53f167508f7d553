//! Support for the workspace tests: the end-to-end helpers (`e2e`) that
//! package an example with `wx-pack` and run it in the simulated host,
//! and the loopback servers (`servers`) they talk to.
//! The files derived from the allowlist are generated and checked by
//! `wx-gen` (`cargo run -p wx-gen`).

pub mod e2e;
pub mod servers;
