//! The `wx-pack` command: see the library's documentation.

fn main() -> std::process::ExitCode {
    wx_pack::main()
}
