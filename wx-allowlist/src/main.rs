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

use wx_allowlist::{Allowlist, Api, Resolution, baseline, closest_name, feature_for, parse_version, rust_name_of};

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
        ["--lookup", name] => return lookup(list, name),
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

fn lookup(list: &Allowlist, name: &str) -> ExitCode {
    if let Some((interface, member)) = name.split_once('.') {
        return lookup_member(list, interface, member);
    }
    match list.resolve(name) {
        Resolution::Permitted(api) => {
            println!("wx.{}: permitted in plugins from base library {}", api.name, api.since);
            println!("  kind: {} (from {})", api.kind, api.kind_source());
            println!("  binding: wx_bindings::raw::{}", api.rust_name);
            if let Some(typed) = api.typed_path() {
                println!("  typed: {typed}");
            }
            match api.feature() {
                Some(feature) => println!("  cargo feature: {feature}"),
                None => println!("  cargo feature: none (default baseline)"),
            }
            let sources: Vec<&str> = api
                .sources
                .iter()
                .map(|s| match s {
                    wx_allowlist::Source::ReferencePage => "reference page",
                    wx_allowlist::Source::Typings => "typings",
                })
                .collect();
            println!("  source: {}", sources.join(" + "));
            if let Some(Some(modern)) = &api.legacy {
                println!("  legacy spelling of wx.{modern}");
            } else if api.is_legacy() {
                println!("  legacy spelling, absent from today's typings");
            }
            if let Some(note) = &api.disagreement {
                println!("  note: {note}");
            }
            ExitCode::SUCCESS
        }
        Resolution::Forbidden(f) => {
            println!("wx.{}: not available to WeChat plugins ({})", f.name, f.typings.plugin);
            ExitCode::from(1)
        }
        Resolution::Unknown { suggestion } => {
            match suggestion {
                Some(api) => println!(
                    "`{name}` is not a known wx API; did you mean wx.{} ({})?",
                    api.name, api.rust_name
                ),
                None => println!("`{name}` is not a known wx API"),
            }
            ExitCode::from(1)
        }
    }
}

/// `Interface.member`: a method (events included) of a returned object, or a
/// field of an options or result interface, with its own plugin note and base.
fn lookup_member(list: &Allowlist, interface: &str, member: &str) -> ExitCode {
    let Some(iface) = list.interface(interface) else {
        let closest = closest_name(interface, list.interfaces().map(|i| i.name.as_str()));
        match closest {
            Some(found) => println!("`{interface}` is not an interface of the typings; did you mean {found}?"),
            None => println!("`{interface}` is not an interface of the typings"),
        }
        return ExitCode::from(1);
    };
    let rust = rust_name_of(member);
    if let Some(method) = iface.method(member) {
        match method.plugin_since() {
            Some(since) => {
                // No base and no note of its own: wherever the object is, so is the method.
                if method.since.is_none() && since == baseline() {
                    println!(
                        "{interface}.{member}: method, permitted in plugins wherever {interface} is ({})",
                        method.plugin
                    );
                } else {
                    println!("{interface}.{member}: method, permitted in plugins from base library {since}");
                }
                println!("  typed: {interface}::{rust}");
                print_feature(&since);
            }
            None => {
                println!(
                    "{interface}.{member}: method, not available to WeChat plugins (typings: unsupported in plugins)"
                );
                return ExitCode::from(1);
            }
        }
        if !method.summary.is_empty() {
            println!("  summary: {}", method.summary);
        }
        return ExitCode::SUCCESS;
    }
    if let Some(field) = iface.field(member) {
        let since = field.since.clone().unwrap_or_else(baseline);
        println!(
            "{interface}.{member}: {} field, from base library {since}",
            if field.optional { "optional" } else { "required" }
        );
        println!("  typed: {interface}::{rust}");
        print_feature(&since);
        if !field.doc.is_empty() {
            println!("  summary: {}", field.doc);
        }
        return ExitCode::SUCCESS;
    }
    let names = iface
        .methods
        .iter()
        .map(|m| m.name.as_str())
        .chain(iface.fields.iter().map(|f| f.name.as_str()));
    match closest_name(member, names) {
        Some(found) => println!("{interface} has no member `{member}`; did you mean {interface}.{found}?"),
        None => println!("{interface} has no member `{member}`"),
    }
    ExitCode::from(1)
}

fn print_feature(since: &wx_allowlist::Version) {
    match feature_for(since) {
        Some(feature) => println!("  cargo feature: {feature}"),
        None => println!("  cargo feature: none (default baseline)"),
    }
}
