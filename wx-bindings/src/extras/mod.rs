//! Hand-written extras that read better than the generated functions they
//! stand on; each category module of the crate re-exports its own.

pub mod file;
mod headers;
pub mod network;
pub mod storage;
