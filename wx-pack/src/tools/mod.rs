//! The Node side: `node`, binaryen's `wasm-opt` and `wasm2js` from the npm package
//! `binaryen`, `js/adapt.mjs` (which needs the npm packages `acorn`, and `@swc/core` to lower
//! the glue's syntax to ES5 or ES2017), and `js/wxuses.mjs` (the uses of `wx` in the glue,
//! the snippets and the files `wx-pack check` reads, which needs the npm package `typescript`).
//!
//! Where they come from, first match wins (`NodeSide::resolve`):
//!
//! 1. `WX_PACK_ROOT`: a wx workspace checkout, with `wx-pack/js/` and `node_modules/`;
//! 2. `WX_PACK_NODE_MODULES`: an existing `node_modules` folder with the npm packages; the
//!    scripts are the copies inside this binary, written to the cache folder;
//! 3. the checkout wx-pack was compiled in, when wx-pack runs inside it (the current
//!    directory is under it): its `wx-pack/js/` and `node_modules/`, so that the workspace's
//!    own tests and scripts use what `npm ci` installed there;
//! 4. anywhere else, the cache folder (`side::cache_dir`): the scripts inside this binary are
//!    written there, and the npm packages are installed there on first use with `npm ci`,
//!    at the versions of the `package.json` and `package-lock.json` inside this binary.
//!
//! Debian's binaryen is not used on purpose: its version broke wasm-bindgen output, the
//! npm package's does not.

//!
//! One module per job: `scripts` (the scripts inside the binary), `npm` (the pinned npm
//! packages and `npm ci`), `side` (where the Node side is, and making it ready), `node`
//! (the `node` program), `runner` ([`Tools`]: the scripts and binaryen run), `host`
//! (finding wx-host) and `reports` (what the scripts print, as types).

pub(crate) mod host;
pub(crate) mod node;
pub(crate) mod npm;
pub(crate) mod reports;
pub(crate) mod runner;
pub(crate) mod scripts;
pub(crate) mod side;

use std::path::Path;

pub(crate) use host::{find_wx_host, wx_host_fix};
pub(crate) use node::{NODE_MIN_MAJOR, check_node, node_fix, node_program, program_version};
pub(crate) use npm::{NpmTool, npm_program, npm_tools};
pub(crate) use reports::{AdaptReport, EntryInfo, LowerReport};
pub use runner::Tools;
pub(crate) use runner::{AdaptKind, EsTarget};
pub use scripts::{WXUSES_MJS, wxuses_scripts};
pub(crate) use side::{NodeSide, Source};

/// A path as one word for a POSIX shell.
pub(crate) fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+=:@".contains(&b))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words() {
        assert_eq!(shell_word(Path::new("/tmp/a-b/node_modules")), "/tmp/a-b/node_modules");
        assert_eq!(shell_word(Path::new("/tmp/a b")), "'/tmp/a b'");
        assert_eq!(shell_word(Path::new("/tmp/it's")), r"'/tmp/it'\''s'");
    }
}
