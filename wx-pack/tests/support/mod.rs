//! What the packaging tests share: wx-pack run in the workspace root, building the
//! fixtures in one target dir (so `pack/` and `packsafe.rs` share compiled
//! dependencies), and what it printed.

#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn wx_pack(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wx-pack"));
    command
        .args(args)
        .current_dir(workspace_root())
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("wx-pack-fixtures"),
        )
        .env_remove("WX_PACK_ROOT")
        .env_remove("WX_PACK_NODE")
        .env_remove("WX_PACK_NODE_MODULES")
        .env_remove("WX_HOST");
    command
}

pub struct Ran {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(command: &mut Command) -> Ran {
    let Output { status, stdout, stderr } = command.output().expect("wx-pack starts");
    Ran {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
    }
}

pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}
