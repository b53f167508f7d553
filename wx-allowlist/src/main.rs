//! `wx-allowlist`: prints the WeChat plugin allowlist.
//!
//! ```text
//! wx-allowlist                 a table of every permitted API
//! wx-allowlist --json          the whole list as a JSON array
//! wx-allowlist --lookup NAME   what one name (JS or Rust) means to plugins; also a member
//!                              of a returned object or an option (`RecorderManager.onError`,
//!                              `ShowModalOption.editable`)
//! wx-allowlist --at VERSION    the APIs a plugin on that base library may call
//! wx-allowlist --features      the cargo features of wx-bindings, one per version
//! ```

use std::process::ExitCode;

use wx_allowlist::names::feature_for;
use wx_allowlist::{Allowlist, Api, parse_version};

const USAGE: &str = "usage: wx-allowlist [--json | --lookup NAME | --at VERSION | --features]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = Allowlist::get();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => {
            for api in list.iter() {
                println!("{}", table_row(api));
            }
        }
        ["--json"] => println!("{}", wx_allowlist::json_listing()),
        ["--lookup", name] => return lookup(name),
        ["--at", version] => match parse_version(version) {
            Ok(base) => {
                for api in list.available_at(&base) {
                    println!("{}", table_row(api));
                }
            }
            Err(err) => {
                eprintln!("error: `{version}` is not a base-library version like 2.10.2: {err}");
                return ExitCode::from(2);
            }
        },
        ["--features"] => {
            for version in list.gated_versions() {
                let added = list.iter().filter(|a| a.since == version).count();
                println!("{}\t{version}\t{added} APIs", feature_for(&version).unwrap_or_default());
            }
        }
        ["--help" | "-h"] => println!("{USAGE}"),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn table_row(api: &Api) -> String {
    let mut row = format!(
        "{:<40} {:<8} {:<9} {}",
        api.name,
        api.since.to_string(),
        api.kind,
        api.rust_name
    );
    if api.is_legacy() {
        row.push_str("  (legacy spelling)");
    }
    if let Some(note) = &api.disagreement {
        row.push_str(&format!("  [{note}]"));
    }
    row
}

/// Prints [`wx_allowlist::explain`]'s text: 0 for a name plugins may use, 1 otherwise.
fn lookup(name: &str) -> ExitCode {
    let (text, usable) = wx_allowlist::explain(name);
    print!("{text}");
    if usable { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
