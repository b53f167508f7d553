//! Checks WXML files against names given on the command line, until wx-pack
//! reads them from a component's Rust logic:
//!
//! ```text
//! cargo run -p wx-wxml --example check -- counter.wxml --data count,items --properties title --methods onTap
//! ```
//!
//! Prints each diagnostic and exits with status 1 if there is any.

use std::process::ExitCode;

use wx_wxml::{ComponentNames, check};

fn main() -> ExitCode {
    let mut names = ComponentNames::default();
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let list = match arg.as_str() {
            "--data" => &mut names.data,
            "--properties" => &mut names.properties,
            "--methods" => &mut names.methods,
            _ => {
                files.push(arg);
                continue;
            }
        };
        let Some(value) = args.next() else {
            eprintln!("error: {arg} needs a comma-separated list of names");
            return ExitCode::from(2);
        };
        list.extend(value.split(',').filter(|n| !n.is_empty()).map(String::from));
    }
    if files.is_empty() {
        eprintln!("usage: check FILE.wxml... [--data a,b] [--properties c] [--methods onTap,onInput]");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in &files {
        let wxml = match std::fs::read_to_string(file) {
            Ok(wxml) => wxml,
            Err(error) => {
                eprintln!("error: cannot read {file}: {error}");
                return ExitCode::from(2);
            }
        };
        for diagnostic in check(file, &wxml, &names) {
            eprintln!("{diagnostic}");
            failed = true;
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
