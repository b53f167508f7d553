//! Runs the Node tests of `js/` (`node --test`: the UTF-8 encoder/decoder against Node's
//! own, and adapt.mjs's ES module → CommonJS conversion), so that `cargo test` covers them.

use std::path::Path;
use std::process::Command;

#[test]
fn node_tests_of_the_glue_adapter_pass() {
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
    let node = std::env::var_os("WX_PACK_NODE").unwrap_or_else(|| "node".into());
    let out = Command::new(node)
        .arg("--test")
        .current_dir(&js)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "node --test failed in {}:\n{stdout}\n{stderr}",
        js.display()
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
    assert!(!stdout.contains("# pass 0\n"), "no Node test ran:\n{stdout}");
}
