//! The `wx-pack` command: see the library's documentation.

use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::Parser as _;
use wx_pack::cli::{BuildArgs, CheckArgs, Cli, Command};
use wx_pack::pipeline::{self, BuildOptions, Built, CargoFlags};
use wx_pack::version::{Mode, WasmFeatures};
use wx_pack::{check, doctor, new, run, sizes, tools, workspace};

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
            let built = pipeline::build(&options(&args)?)?;
            print!("{}", summary(&built));
            Ok(0)
        }
        Command::Run(args) => {
            let opts = options(&args.build)?;
            // A --plugin-subdir build (the flag, or the crate's [package.metadata.wx-pack]) is
            // only part of a plugin: it runs as the plugin root around it, which must have its
            // own plugin.json (as a `wx-pack new` project's plugin/ has).
            let krate = workspace::locate(&opts.spec, &opts.cwd)?;
            let sub = opts
                .plugin_subdir
                .clone()
                .or_else(|| krate.settings.plugin_subdir.clone());
            if let Some(sub) = &sub {
                let out = opts.out.clone().or_else(|| krate.settings.out.clone());
                let root = out
                    .as_deref()
                    .map(|o| opts.cwd.join(o))
                    .and_then(|o| pipeline::plugin_root(&o, Some(sub)));
                if !root.is_some_and(|r| r.join("plugin.json").is_file()) {
                    bail!(
                        "`wx-pack run` cannot run a --plugin-subdir build: that folder ({sub}) is only part of a \
                         plugin, with no plugin.json of its own, and its --out is not <plugin root>/{sub} in a plugin \
                         root with a plugin.json; drop --plugin-subdir to run the crate on its own, give such an \
                         --out, or build with `wx-pack build --plugin-subdir {sub}` and run the whole plugin folder \
                         with wx-host"
                    );
                }
            }
            let built = pipeline::build(&opts)?;
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
