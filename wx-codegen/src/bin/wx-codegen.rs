//! Rewrites the files derived from the allowlist (see `wx_codegen::files`).
//!
//! ```text
//! cargo run -p wx-codegen              rewrite what is stale
//! cargo run -p wx-codegen -- --check   exit 1 and list what is stale
//! ```

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("wx-codegen/ lives in the workspace");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => wx_codegen::files::regenerate(root).map(|written| {
            if written.is_empty() {
                println!("generated files are up to date");
            }
            for path in written {
                println!("rewrote {path}");
            }
        }),
        ["--check"] => wx_codegen::files::stale(root).and_then(|stale| match stale.as_slice() {
            [] => Ok(()),
            _ => Err(format!(
                "out of date with the allowlist: {}; run `cargo run -p wx-codegen`",
                stale.join(", ")
            )),
        }),
        _ => Err("usage: wx-codegen [--check]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
