//! wasm-bindgen (as a library) and small edits of wasm binaries.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use wasm_bindgen_cli_support::Bindgen;

/// The files wasm-bindgen wrote for the bundler target.
#[derive(Clone, Debug)]
pub(crate) struct BindgenFiles {
    /// `<stem>.js`: the bundler entry (imports the wasm, calls `__wbg_set_wasm`, re-exports).
    pub(crate) entry: PathBuf,
    /// `<stem>_bg.js`: the glue, an ES module of functions the wasm imports.
    pub(crate) glue: PathBuf,
    /// `<stem>_bg.wasm`.
    pub(crate) wasm: PathBuf,
    /// JS snippets (`inline_js`, `module = "/…"`), relative to the output directory.
    pub(crate) snippets: Vec<PathBuf>,
    /// Exported wasm globals removed because the glue never reads them.
    pub(crate) removed_global_exports: Vec<String>,
    /// Whether the stack-pointer exports ([`STACK_POINTER_GET`], [`STACK_POINTER_SET`]) were
    /// added: false only for a module without a recognisable shadow-stack pointer.
    pub(crate) stack_pointer_exported: bool,
}

pub use crate::protocol::{STACK_POINTER_GET, STACK_POINTER_SET};

/// Runs wasm-bindgen on `input` for the bundler target, writing into `out_dir` files named
/// after `stem`.
///
/// The bundler target writes the glue as a plain ES module of functions with
/// `__wbg_set_wasm`, imported by the wasm as module `./<stem>_bg.js`: the cleanest to turn
/// into CommonJS and to hand to `WXWebAssembly.instantiate`. Exported wasm globals that the
/// glue does not read (wasm-bindgen's `__abort_handler` / `__instance_terminated` with
/// panic=abort) are removed: iOS WeChat does not support exported globals.
pub(crate) fn bindgen(input: &Path, stem: &str, out_dir: &Path) -> Result<BindgenFiles> {
    let mut bindgen = Bindgen::new();
    bindgen
        .input_path(input)
        .out_name(stem)
        .bundler(true)
        .map_err(|e| anyhow!("{e:#}"))?
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true);
    let mut output = bindgen
        .generate_output()
        .map_err(|e| anyhow!("wasm-bindgen failed on {}: {e:#}", input.display()))?;
    if !output.npm_dependencies().is_empty() {
        let names: Vec<&String> = output.npm_dependencies().keys().collect();
        bail!(
            "the plugin imports npm packages through wasm-bindgen ({names:?}): a WeChat plugin folder cannot carry them"
        );
    }
    let glue_text = output
        .start()
        .cloned()
        .context("wasm-bindgen wrote no `_bg.js` glue for the bundler target")?;
    let removed_global_exports = remove_unread_global_exports(output.wasm_mut(), &glue_text);
    let stack_pointer_exported = export_stack_pointer(output.wasm_mut());

    if out_dir.exists() {
        std::fs::remove_dir_all(out_dir).with_context(|| format!("cannot clear {}", out_dir.display()))?;
    }
    output
        .emit(out_dir)
        .map_err(|e| anyhow!("cannot write wasm-bindgen's output to {}: {e:#}", out_dir.display()))?;

    let mut snippets = Vec::new();
    let snippet_dir = out_dir.join("snippets");
    if snippet_dir.is_dir() {
        collect_files(&snippet_dir, &mut snippets)?;
    }
    let snippets = snippets
        .into_iter()
        .map(|p| p.strip_prefix(out_dir).map(Path::to_path_buf).unwrap_or(p))
        .collect();
    Ok(BindgenFiles {
        entry: out_dir.join(format!("{stem}.js")),
        glue: out_dir.join(format!("{stem}_bg.js")),
        wasm: out_dir.join(format!("{stem}_bg.wasm")),
        snippets,
        removed_global_exports,
        stack_pointer_exported,
    })
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out)?
        } else {
            out.push(path)
        }
    }
    Ok(())
}

fn remove_unread_global_exports(module: &mut walrus::Module, glue: &str) -> Vec<String> {
    let unread: Vec<(walrus::ExportId, String)> = module
        .exports
        .iter()
        .filter(|e| matches!(e.item, walrus::ExportItem::Global(_)) && !glue.contains(e.name.as_str()))
        .map(|e| (e.id(), e.name.clone()))
        .collect();
    for (id, _) in &unread {
        module.exports.delete(*id);
    }
    unread.into_iter().map(|(_, name)| name).collect()
}

/// Exports a getter and a setter of the shadow-stack pointer, so that the glue can put the
/// stack back after a trap.
///
/// Plugins build with `panic = "abort"`: a panic traps, and nothing runs the epilogues of
/// the frames it abandons, so `__stack_pointer` stays where they moved it (128 bytes per
/// panic of a one-line export, measured). The glue saves it on every call into the wasm and
/// restores it when the call throws. The pointer is found as wasm-bindgen finds it: by its
/// name, else the one mutable i32 global with a non-zero initial value (rustc's
/// `-C strip=symbols` removes the names). Returns false, adding nothing, when there is no
/// such global or several.
fn export_stack_pointer(module: &mut walrus::Module) -> bool {
    use walrus::{ConstExpr, FunctionBuilder, GlobalKind, ValType, ir::Value};
    let named = module
        .globals
        .iter()
        .find(|g| g.name.as_deref() == Some("__stack_pointer"))
        .map(|g| g.id());
    let stack_pointer = named.or_else(|| {
        let mut candidates = module.globals.iter().filter(|g| {
            g.ty == ValType::I32
                && g.mutable
                && matches!(g.kind, GlobalKind::Local(ConstExpr::Value(Value::I32(n))) if n != 0)
        });
        match (candidates.next(), candidates.next()) {
            (Some(only), None) => Some(only.id()),
            _ => None,
        }
    });
    let Some(stack_pointer) = stack_pointer else {
        return false;
    };
    let mut get = FunctionBuilder::new(&mut module.types, &[], &[ValType::I32]);
    get.func_body().global_get(stack_pointer);
    let get = get.finish(vec![], &mut module.funcs);
    module.exports.add(STACK_POINTER_GET, get);
    let value = module.locals.add(ValType::I32);
    let mut set = FunctionBuilder::new(&mut module.types, &[ValType::I32], &[]);
    set.func_body().local_get(value).global_set(stack_pointer);
    let set = set.finish(vec![value], &mut module.funcs);
    module.exports.add(STACK_POINTER_SET, set);
    true
}

/// Removes custom sections from a wasm binary, except those named in `keep`.
///
/// Custom sections (names, producers, target features, debug info) are not needed to run
/// the module. Strip after wasm-bindgen, which reads `target_features`.
pub(crate) fn strip_custom_sections(wasm: &[u8], keep: &[&str]) -> Result<Vec<u8>> {
    const HEADER: [u8; 8] = [0, b'a', b's', b'm', 1, 0, 0, 0];
    if wasm.len() < 8 || wasm[..8] != HEADER {
        bail!("not a wasm module (bad header)");
    }
    let mut out = wasm[..8].to_vec();
    let mut pos = 8;
    while pos < wasm.len() {
        let start = pos;
        let id = wasm[pos];
        pos += 1;
        let size = read_leb_u32(wasm, &mut pos)? as usize;
        let end = pos
            .checked_add(size)
            .filter(|&e| e <= wasm.len())
            .context("truncated wasm section")?;
        let keep_it = if id == 0 {
            let mut p = pos;
            let len = read_leb_u32(wasm, &mut p)? as usize;
            let name = wasm.get(p..p + len).context("truncated custom section name")?;
            keep.iter().any(|k| k.as_bytes() == name)
        } else {
            true
        };
        if keep_it {
            out.extend_from_slice(&wasm[start..end]);
        }
        pos = end;
    }
    Ok(out)
}

/// The names of the custom sections of a wasm binary, in order.
pub fn custom_section_names(wasm: &[u8]) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let mut pos = 8;
    while pos < wasm.len() {
        let id = wasm[pos];
        pos += 1;
        let size = read_leb_u32(wasm, &mut pos)? as usize;
        if id == 0 {
            let mut p = pos;
            let len = read_leb_u32(wasm, &mut p)? as usize;
            names.push(String::from_utf8_lossy(wasm.get(p..p + len).context("truncated")?).into_owned());
        }
        pos += size;
    }
    Ok(names)
}

fn read_leb_u32(bytes: &[u8], pos: &mut usize) -> Result<u32> {
    let mut result: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*pos).context("truncated LEB128 number in wasm")?;
        *pos += 1;
        result |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(result);
        }
    }
    bail!("LEB128 number too long in wasm")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![id, payload.len() as u8];
        s.extend_from_slice(payload);
        s
    }

    fn custom(name: &str, data: &[u8]) -> Vec<u8> {
        let mut payload = vec![name.len() as u8];
        payload.extend_from_slice(name.as_bytes());
        payload.extend_from_slice(data);
        section(0, &payload)
    }

    #[test]
    fn strips_custom_sections_only() {
        let mut wasm = vec![0, b'a', b's', b'm', 1, 0, 0, 0];
        wasm.extend(section(1, &[1, 0x60, 0, 0])); // type section: one `() -> ()`
        wasm.extend(custom("name", b"xyz"));
        wasm.extend(custom("target_features", b"\x01+\x0bsign-ext"));
        wasm.extend(section(3, &[1, 0])); // function section
        wasm.extend(custom("producers", b"p"));
        assert_eq!(
            custom_section_names(&wasm).unwrap(),
            ["name", "target_features", "producers"]
        );

        let all = strip_custom_sections(&wasm, &[]).unwrap();
        assert_eq!(custom_section_names(&all).unwrap(), Vec::<String>::new());
        let mut expected = wasm[..8].to_vec();
        expected.extend(section(1, &[1, 0x60, 0, 0]));
        expected.extend(section(3, &[1, 0]));
        assert_eq!(all, expected);

        let kept = strip_custom_sections(&wasm, &["target_features"]).unwrap();
        assert_eq!(custom_section_names(&kept).unwrap(), ["target_features"]);
    }

    #[test]
    fn rejects_non_wasm() {
        assert!(strip_custom_sections(b"hello world", &[]).is_err());
        let mut truncated = vec![0, b'a', b's', b'm', 1, 0, 0, 0];
        truncated.extend([1, 10, 0]);
        assert!(strip_custom_sections(&truncated, &[]).is_err());
    }
}
