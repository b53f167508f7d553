//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::version::{Base, Mode, WasmFeatures};

/// Packages a Rust WeChat plugin crate into a plugin folder, and runs it in the simulated host.
#[derive(Debug, Parser)]
#[command(name = "wx-pack", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the plugin folder.
    Build(BuildArgs),
    /// Build the plugin folder, then run it in the simulated host (wx-host).
    Run(RunArgs),
    /// Check what wx-pack needs (node, npm, the npm tools, the wasm32 target, wx-host) and say
    /// how to fix what is missing; exit status 1 when something is.
    Doctor(DoctorArgs),
    /// Create a WeChat DevTools plugin project (project.config.json, plugin/, miniprogram/,
    /// doc/) around a Rust plugin crate whose `wx-pack build` writes into plugin/rust/.
    New(NewArgs),
    /// Check an existing JavaScript or TypeScript plugin: report each `wx` call that plugins
    /// may not make (`not-available`) or that needs a later base library than the plugin's
    /// minimum (`needs-base`), as `file:line:col: rule: message`; exit status 1 when there
    /// is one, 2 when the check could not be made.
    Check(CheckArgs),
    /// Say what one name means to WeChat plugins: a `wx` API by its JS or Rust name
    /// (`getLocation`, `get_location`), or a member of a returned object or an option
    /// (`RecorderManager.onError`, `ShowModalOption.editable`): whether plugins may use it,
    /// from which base library, its binding and cargo feature; exit status 1 when plugins may
    /// not (or the name is unknown: the closest known one is suggested).
    Lookup(LookupArgs),
}

/// The flags of `lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The name: `request`, `wx.request`, `get_system_info_sync`, `RecorderManager.onError`...
    #[arg(value_name = "NAME")]
    pub name: String,
}

/// The flags of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The plugin folder (or the DevTools project around it); every .js, .mjs, .cjs, .ts,
    /// .mts and .cts file under it is parsed, outside node_modules/ and hidden folders.
    #[arg(value_name = "FOLDER", default_value = ".")]
    pub dir: PathBuf,

    /// The plugin's minimum base library, like 2.18.1 [default: the `libVersion` of the
    /// project's project.private.config.json or project.config.json, else 1.9.6].
    #[arg(long, value_name = "VERSION")]
    pub base: Option<Base>,

    /// Print the findings as a JSON array of {file, line, column, api, rule, message}.
    #[arg(long, conflicts_with = "eslint")]
    pub json: bool,

    /// Print the report as ESLint's `json` formatter does (one result per file, rules
    /// `wx-pack/not-available` and `wx-pack/needs-base`), for tools that read ESLint's output.
    #[arg(long)]
    pub eslint: bool,
}

/// The flags of `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The project folder to create; its last part names the crate and the plugin.
    #[arg(value_name = "NAME")]
    pub path: PathBuf,

    /// Depend on wx-bindings by path: a wx checkout, or its wx-bindings folder [default:
    /// `WX_BINDINGS_PATH`, else by version, from crates.io].
    #[arg(long, value_name = "DIR")]
    pub path_to_bindings: Option<PathBuf>,

    /// The plugin's AppID (project.config.json's `appid`, app.json's `provider`).
    #[arg(long, value_name = "APPID", default_value = crate::new::PLACEHOLDER_APPID)]
    pub appid: String,
}

/// The flags of `doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Install what wx-pack installs itself (its npm tools, into its cache folder), then check.
    #[arg(long)]
    pub fix: bool,
}

/// The flags of `build` (and of `run`).
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// A plugin crate: a path to its directory, or a package name of the workspace here.
    #[arg(value_name = "CRATE", default_value = ".")]
    pub krate: String,

    /// The base library to target, like 2.18.1 [default: the lowest the plugin's wx APIs allow].
    #[arg(long, value_name = "VERSION")]
    pub base: Option<Base>,

    /// The output mode [default: wasm from base 2.18.1 on, else wasm2js].
    #[arg(long, value_enum)]
    pub mode: Option<Mode>,

    /// The WebAssembly features the wasm mode's module may use: `mvp` (WebAssembly 1.0, which
    /// every WXWebAssembly engine runs: iOS 11 on, Android's V8 of Chrome 57 on) or `modern`
    /// (what rustc's wasm32 target enables: sign-extension, iOS 14.5 or Chrome 69;
    /// multi-value, iOS 13.4 or Chrome 86; bulk memory and non-trapping float-to-int, iOS 15
    /// or Chrome 75; reference types, iOS 15 or Chrome 96). The wasm2js mode is always `mvp`.
    #[arg(long, value_enum, value_name = "SET", default_value_t = WasmFeatures::Mvp)]
    pub wasm_features: WasmFeatures,

    /// The default, `--wasm-features mvp` (kept for older scripts).
    #[arg(long, hide = true, conflicts_with = "wasm_features")]
    pub mvp: bool,

    /// The output folder [default: TARGET_DIR/wx-plugin/CRATE/]. Refused: a file system root,
    /// the home folder, the crate's own folder or one above it, and a folder with files but
    /// no wx-pack.json (one wx-pack did not make), unless --overwrite-out.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Write into an --out folder wx-pack did not make (files but no wx-pack.json, or the
    /// crate's own folder or one above it), replacing the files there that have the names
    /// wx-pack writes (index.js, the glue...; a plugin.json of the user's is still kept).
    /// Never a file system root or the home folder, never through a symbolic link.
    #[arg(long)]
    pub overwrite_out: bool,

    /// Where the folder will sit inside the plugin root, like `rust`, when it is not the root
    /// itself: WXWebAssembly needs paths absolute from the plugin root. No plugin.json is
    /// written then; `run` runs the plugin root around the folder, so --out must be the
    /// folder DIR inside that root, and the root must have a plugin.json (as a `wx-pack new`
    /// project's plugin/ has).
    #[arg(long, value_name = "DIR")]
    pub plugin_subdir: Option<String>,

    /// Print only errors (and, for build, the table of sizes).
    #[arg(long, short)]
    pub quiet: bool,

    /// Features of the plugin crate to activate, space or comma separated (passed to cargo).
    #[arg(long, short = 'F', value_name = "FEATURES")]
    pub features: Vec<String>,

    /// Activate all the plugin crate's features (passed to cargo).
    #[arg(long)]
    pub all_features: bool,

    /// Do not activate the plugin crate's `default` feature (passed to cargo).
    #[arg(long)]
    pub no_default_features: bool,

    /// Build with this cargo profile instead of `release` (like cargo's `--profile`; the
    /// small-wasm defaults of a workspace without [profile.release] apply to `release` only).
    #[arg(long, value_name = "PROFILE-NAME")]
    pub profile: Option<String>,

    /// Keep the package's JavaScript readable: by default the glue, the snippets and the
    /// wasm2js output are minified (@swc/core), which takes the glue to about a third of
    /// its size and the wasm2js output to about 40%.
    #[arg(long)]
    pub no_minify: bool,

    /// Use the crate's release profile as it is. Without this, a workspace with no
    /// [profile.release] is built with opt-level "z", LTO, one codegen unit and
    /// panic "abort": small wasm, as a plugin counts against its host's 2 MB.
    #[arg(long)]
    pub keep_profile: bool,
}

/// The flags of `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The build flags.
    #[command(flatten)]
    pub build: BuildArgs,

    /// More arguments for `wx-host run`, after `--` (e.g. `-- --call hello='["a"]' --json`).
    #[arg(last = true, value_name = "WX-HOST ARGS")]
    pub host_args: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("wx-pack").chain(args.iter().copied()))
    }

    #[test]
    fn parses_build() {
        let cli = parse(&[
            "build",
            "examples/hello",
            "--base",
            "2.18.1",
            "--mode",
            "wasm",
            "--out",
            "/tmp/x",
        ])
        .unwrap();
        let Command::Build(args) = cli.command else {
            panic!("not build")
        };
        assert_eq!(args.krate, "examples/hello");
        assert_eq!(args.base.unwrap().0, semver::Version::new(2, 18, 1));
        assert_eq!(args.mode, Some(Mode::Wasm));
        assert_eq!(args.out, Some(PathBuf::from("/tmp/x")));
    }

    #[test]
    fn parses_run_with_host_args() {
        let cli = parse(&[
            "run",
            "hello",
            "--mode",
            "wasm2js",
            "--",
            "--call",
            "hello=[\"x\"]",
            "--json",
        ])
        .unwrap();
        let Command::Run(args) = cli.command else {
            panic!("not run")
        };
        assert_eq!(args.build.krate, "hello");
        assert_eq!(args.build.mode, Some(Mode::Wasm2js));
        assert_eq!(args.host_args, ["--call", "hello=[\"x\"]", "--json"]);
    }

    #[test]
    fn parses_cargo_flags() {
        let cli = parse(&[
            "build",
            "hello",
            "--features",
            "a b",
            "-F",
            "c,d",
            "--no-default-features",
            "--all-features",
            "--profile",
            "small",
        ])
        .unwrap();
        let Command::Build(args) = cli.command else {
            panic!("not build")
        };
        assert_eq!(args.features, ["a b", "c,d"]);
        assert!(args.no_default_features && args.all_features);
        assert_eq!(args.profile.as_deref(), Some("small"));
        let cli = parse(&["build", "hello"]).unwrap();
        let Command::Build(args) = cli.command else {
            panic!("not build")
        };
        assert!(args.features.is_empty() && !args.no_default_features && !args.all_features);
        assert_eq!(args.profile, None);
    }

    #[test]
    fn parses_check() {
        let cli = parse(&["check", "plugin", "--base", "2.18.1", "--json"]).unwrap();
        let Command::Check(args) = cli.command else {
            panic!("not check")
        };
        assert_eq!(args.dir, PathBuf::from("plugin"));
        assert_eq!(args.base.unwrap().0, semver::Version::new(2, 18, 1));
        assert!(args.json);
        let Command::Check(args) = parse(&["check"]).unwrap().command else {
            panic!("not check")
        };
        assert_eq!(args.dir, PathBuf::from("."));
        assert!(args.base.is_none() && !args.json && !args.eslint);
        assert!(parse(&["check", "--json", "--eslint"]).is_err());
    }

    #[test]
    fn bad_base_and_mode_are_usage_errors() {
        let err = parse(&["build", "hello", "--base", "2.18"]).unwrap_err().to_string();
        assert!(err.contains("not a base-library version"), "{err}");
        let err = parse(&["build", "hello", "--mode", "asm"]).unwrap_err().to_string();
        assert!(err.contains("wasm2js"), "{err}");
    }
}
