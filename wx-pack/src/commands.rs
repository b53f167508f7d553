//! The command line: each subcommand's work and what it prints.

use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::Parser as _;

use crate::cli::{BuildArgs, CheckArgs, Cli, Command};
use crate::stages::cargo::CargoFlags;
use crate::stages::resolve::{BuildOptions, Resolved};
use crate::stages::{self, Built};
use crate::version::{Mode, WasmFeatures};
use crate::{check, doctor, new, run, sizes, tools};

/// Parses the command line, runs the command and gives its exit status.
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn options(args: &BuildArgs) -> Result<BuildOptions> {
    Ok(BuildOptions {
        spec: args.krate.clone(),
        base: args.base.clone().map(|b| b.0),
        mode: args.mode,
        wasm_features: if args.mvp {
            WasmFeatures::Mvp
        } else {
            args.wasm_features
        },
        out: args.out.clone(),
        plugin_subdir: args.plugin_subdir.clone(),
        cwd: std::env::current_dir().context("cannot read the current directory")?,
        verbose: !args.quiet,
        keep_profile: args.keep_profile,
        minify: !args.no_minify,
        overwrite_out: args.overwrite_out,
        cargo: CargoFlags {
            features: args.features.clone(),
            all_features: args.all_features,
            no_default_features: args.no_default_features,
            profile: args.profile.clone(),
        },
    })
}

fn summary(built: &Built) -> String {
    let m = &built.manifest;
    let mut text = format!(
        "{} → {} ({} mode, base library {} and later)\n",
        m.crate_name,
        built.out_dir.display(),
        m.mode,
        m.min_base_version
    );
    let apis = if m.apis.is_empty() {
        "none".to_owned()
    } else {
        m.apis.join(", ")
    };
    text.push_str(&format!("wx APIs: {apis}\nexports: {}\n", m.exports.join(", ")));
    if !m.components.is_empty() {
        text.push_str(&format!("components: {}\n", m.components.join(", ")));
    }
    let parses = m.glue_es_version.map_or("?".to_owned(), |v| v.to_string());
    match (m.mode, m.wasm_features) {
        (Mode::Wasm, Some(features)) => text.push_str(&format!(
            "engine: wasm features {}: {}; JavaScript lowered to ES{} (the glue parses as ES{parses})\n\n",
            features.as_str(),
            features.engines(),
            m.es_target
        )),
        _ => text.push_str("engine: no WebAssembly (wasm2js); JavaScript ES5, every file\n\n"),
    }
    text.push_str(&sizes::table(&m.files));
    for note in &built.notes {
        text.push_str(&format!("note: {note}\n"));
    }
    text
}

/// `wx-pack check`: 1 on findings, 0 on none, 2 when the check could not be made (clap's
/// usage errors exit with 2 too).
fn check_command(args: &CheckArgs) -> u8 {
    let run = || -> Result<check::Report> {
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        let dir = cwd.join(&args.dir);
        if !dir.is_dir() {
            bail!("{} is not a folder", args.dir.display());
        }
        let tools = tools::Tools::locate(&cwd)?;
        check::check(&tools, &dir, args.base.clone().map(|b| b.0))
    };
    let report = match run() {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: {err:#}");
            return 2;
        }
    };
    if args.json {
        println!("{}", check::json(&report.findings));
    } else if args.eslint {
        println!("{}", check::eslint(&report));
    } else {
        print!("{}", check::text(&report.findings));
    }
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    for error in &report.errors {
        eprintln!("error: {error}");
    }
    eprintln!("{}", check::summary(&report));
    if !report.errors.is_empty() {
        eprintln!("error: syntax errors: the files above were not checked whole");
        2
    } else {
        u8::from(!report.findings.is_empty())
    }
}

fn dispatch(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Build(args) => {
            let built = stages::build(&Resolved::new(&options(&args)?)?)?;
            print!("{}", summary(&built));
            Ok(0)
        }
        Command::Run(args) => {
            let opts = options(&args.build)?;
            let resolved = Resolved::new(&opts)?;
            resolved.check_runnable()?;
            let built = stages::build(&resolved)?;
            if !args.build.quiet {
                eprint!("{}", summary(&built));
                eprintln!();
            }
            let tools = tools::Tools::locate(&opts.cwd)?;
            let dir = built.plugin_root().unwrap_or_else(|| built.out_dir.clone());
            let code = run::run(&tools, &dir, &built, &args.host_args)?;
            Ok(u8::try_from(code).unwrap_or(1))
        }
        Command::New(args) => {
            let cwd = std::env::current_dir().context("cannot read the current directory")?;
            let path = args.path_to_bindings.clone().or_else(|| {
                std::env::var_os("WX_BINDINGS_PATH")
                    .filter(|p| !p.is_empty())
                    .map(Into::into)
            });
            let bindings = new::Bindings::from_arg(path.as_deref(), &cwd)?;
            let dir = cwd.join(&args.path);
            let written = new::create(&new::NewOptions {
                dir: dir.clone(),
                bindings: bindings.clone(),
                appid: args.appid.clone(),
            })?;
            let from = match &bindings {
                new::Bindings::Path(path) => format!("wx-bindings from {}", path.display()),
                new::Bindings::Version(version) => format!("wx-bindings {version} from crates.io"),
            };
            println!(
                "created the WeChat DevTools plugin project {} ({} files; {from})",
                dir.display(),
                written.len()
            );
            println!("\nnext:\n  cd {}", tools::shell_word(&args.path));
            println!("  wx-pack build                              # writes plugin/rust/");
            println!("  wx-pack run -- --call 'hello=[\"WeChat\"]'    # in the simulated host");
            println!(
                "then open the folder in WeChat DevTools; set your plugin's AppID in project.config.json and \
                 miniprogram/app.json"
            );
            Ok(0)
        }
        Command::Check(args) => Ok(check_command(&args)),
        Command::Lookup(args) => {
            let (text, usable) = wx_allowlist::explain(&args.name);
            print!("{text}");
            Ok(u8::from(!usable))
        }
        Command::Doctor(args) => {
            let cwd = std::env::current_dir().context("cannot read the current directory")?;
            if args.fix {
                let side = tools::NodeSide::resolve(&cwd)?;
                if let Err(err) = side.prepare() {
                    eprintln!("error: {err:#}");
                }
            }
            let (side, checks) = doctor::checks(&cwd)?;
            print!("{}", doctor::report(&side, &checks));
            Ok(u8::from(checks.iter().any(|c| !c.ok)))
        }
    }
}
