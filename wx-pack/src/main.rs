//! `wx-pack`: packages a Rust plugin crate into a WeChat plugin folder (in progress).

fn main() {
    eprintln!("wx-pack is not implemented yet");
    std::process::exit(2);
}
