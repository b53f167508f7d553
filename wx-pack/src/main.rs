//! The `wx-pack` command: see the library's documentation.

use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::Parser as _;
use wx_pack::cli::{BuildArgs, Cli, Command};
use wx_pack::pipeline::{self, BuildOptions, Built, CargoFlags};
use wx_pack::{doctor, run, sizes, tools};

fn main() -> ExitCode {
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
        mvp: args.mvp,
        out: args.out.clone(),
        plugin_subdir: args.plugin_subdir.clone(),
        cwd: std::env::current_dir().context("cannot read the current directory")?,
        verbose: !args.quiet,
        keep_profile: args.keep_profile,
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
    text.push_str(&format!("wx APIs: {apis}\nexports: {}\n\n", m.exports.join(", ")));
    text.push_str(&sizes::table(&m.files));
    for note in &built.notes {
        text.push_str(&format!("note: {note}\n"));
    }
    text
}

fn dispatch(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Build(args) => {
            let built = pipeline::build(&options(&args)?)?;
            print!("{}", summary(&built));
            Ok(0)
        }
        Command::Run(args) => {
            if let Some(sub) = &args.build.plugin_subdir {
                bail!(
                    "`wx-pack run` cannot run a --plugin-subdir build: that folder ({sub}) is only part of a plugin, \
                     with no plugin.json of its own; drop --plugin-subdir to run the crate on its own, or build with \
                     `wx-pack build --plugin-subdir {sub}` and run the whole plugin folder with wx-host"
                );
            }
            let opts = options(&args.build)?;
            let built = pipeline::build(&opts)?;
            if !args.build.quiet {
                eprint!("{}", summary(&built));
                eprintln!();
            }
            let tools = tools::Tools::locate(&opts.cwd)?;
            let code = run::run(&tools, &built, &args.host_args)?;
            Ok(u8::try_from(code).unwrap_or(1))
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
