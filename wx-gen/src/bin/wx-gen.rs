//! Rewrites the files derived from the allowlist (see `wx_gen::files`).
//!
//! ```text
//! cargo run -p wx-gen              rewrite what is stale
//! cargo run -p wx-gen -- --check   exit 1 and list what is stale
//! ```

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("wx-gen/ lives in the workspace");
    // The one read of the allowlist: everything generated is derived from it.
    let list = wx_allowlist::Allowlist::get();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => wx_gen::files::regenerate(list, root).map(|done| {
            if done.is_empty() {
                println!("generated files are up to date");
            }
            for line in done {
                println!("{line}");
            }
        }),
        ["--check"] => wx_gen::files::stale(list, root).and_then(|stale| match stale.as_slice() {
            [] => Ok(()),
            _ => Err(format!(
                "out of date with the allowlist: {}; run `cargo run -p wx-gen`",
                stale.join(", ")
            )),
        }),
        _ => Err("usage: wx-gen [--check]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
