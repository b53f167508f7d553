//! Rewrites the files derived from the allowlist (see `wx_tests::generated`).

use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace");
    let written = wx_tests::generated::regenerate(root)?;
    if written.is_empty() {
        println!("generated files are up to date");
    }
    for path in written {
        println!("rewrote {path}");
    }
    Ok(())
}
