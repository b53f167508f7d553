//! Reuse of the expensive stages' outputs (wasm-opt, brotli, wasm2js and its minification)
//! when their inputs did not change, as cargo's fingerprints do for compilation.
//!
//! Each stage's output is stored in the crate's work folder (`TARGET_DIR/wx-pack/CRATE/cache/`)
//! under a key: a hash of everything the output depends on (its input bytes, the tools'
//! versions, the flags, the wx-pack build). One slot per stage and variant keeps the folder
//! bounded; a build whose key differs overwrites it. A slot is used only when its key matches
//! and every stored file has the length and hash written with it, so a half-written or damaged
//! slot is rebuilt, not reused.

use std::hash::{DefaultHasher, Hasher as _};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

/// Bumped when what a slot holds changes meaning, so older slots are never read.
const FORMAT: &str = "wx-pack stage cache 1";

/// The file in a slot that holds its key and the list of its outputs; written last.
const KEY_FILE: &str = "key";

/// A 128-bit hash of a sequence of labelled parts: two SipHash-1-3 runs (std's
/// `DefaultHasher`, fixed keys) that differ by a leading salt. Parts are length-prefixed, so
/// `("ab", "c")` and `("a", "bc")` differ. std's algorithm may change between Rust releases:
/// that only costs a rebuild, as the key of a new wx-pack differs anyway.
#[derive(Clone, Debug)]
pub struct KeyBuilder {
    a: DefaultHasher,
    b: DefaultHasher,
}

impl KeyBuilder {
    /// A key for the stage `stage`, covering this cache's format and the wx-pack build.
    pub fn new(stage: &str) -> KeyBuilder {
        let mut b = DefaultHasher::new();
        b.write(b"second half");
        let mut key = KeyBuilder {
            a: DefaultHasher::new(),
            b,
        };
        key.add("format", FORMAT.as_bytes());
        key.add("wx-pack", env!("CARGO_PKG_VERSION").as_bytes());
        key.add("stage", stage.as_bytes());
        key
    }

    /// Adds one named part.
    pub fn add(&mut self, label: &str, bytes: &[u8]) -> &mut KeyBuilder {
        for h in [&mut self.a, &mut self.b] {
            h.write_usize(label.len());
            h.write(label.as_bytes());
            h.write_usize(bytes.len());
            h.write(bytes);
        }
        self
    }

    /// The key, 32 hex digits.
    pub fn finish(&self) -> String {
        format!("{:016x}{:016x}", self.a.finish(), self.b.finish())
    }
}

/// The hash of one output file, stored with it to catch a damaged slot.
fn content_hash(bytes: &[u8]) -> String {
    KeyBuilder::new("content").add("bytes", bytes).finish()
}

/// The stage outputs kept in a folder.
#[derive(Clone, Debug)]
pub struct StageCache {
    dir: PathBuf,
}

impl StageCache {
    /// The cache in `dir` (created on the first store).
    pub fn new(dir: &Path) -> StageCache {
        StageCache { dir: dir.to_path_buf() }
    }

    /// The outputs `names` of slot `slot` when it was stored under `key` and is whole.
    pub fn get(&self, slot: &str, key: &str, names: &[&str]) -> Option<Vec<Vec<u8>>> {
        let dir = self.dir.join(slot);
        let listing = std::fs::read_to_string(dir.join(KEY_FILE)).ok()?;
        let mut lines = listing.lines();
        if lines.next()? != key {
            return None;
        }
        let mut outputs = Vec::new();
        for name in names {
            let (listed, rest) = lines.next()?.split_once(' ')?;
            let (len, hash) = rest.split_once(' ')?;
            if listed != *name {
                return None;
            }
            let bytes = std::fs::read(dir.join(name)).ok()?;
            if bytes.len().to_string() != len || content_hash(&bytes) != hash {
                return None;
            }
            outputs.push(bytes);
        }
        Some(outputs)
    }

    /// Stores `outputs` (name, bytes) in slot `slot` under `key`, replacing what it held.
    pub fn put(&self, slot: &str, key: &str, outputs: &[(&str, &[u8])]) -> Result<()> {
        let dir = self.dir.join(slot);
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        // The old key goes first: a slot interrupted from here on has none, so is not reused.
        match std::fs::remove_file(dir.join(KEY_FILE)) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                return Err(err).with_context(|| format!("cannot remove {}", dir.join(KEY_FILE).display()));
            }
            _ => {}
        }
        let mut listing = format!("{key}\n");
        for (name, bytes) in outputs {
            let path = dir.join(name);
            std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
            listing.push_str(&format!("{name} {} {}\n", bytes.len(), content_hash(bytes)));
        }
        let path = dir.join(KEY_FILE);
        std::fs::write(&path, listing).with_context(|| format!("cannot write {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(parts: &[(&str, &[u8])]) -> String {
        let mut k = KeyBuilder::new("stage");
        for (label, bytes) in parts {
            k.add(label, bytes);
        }
        k.finish()
    }

    #[test]
    fn keys_are_stable_and_separate_their_parts() {
        let one = key(&[("a", b"xy"), ("b", b"z")]);
        assert_eq!(one, key(&[("a", b"xy"), ("b", b"z")]));
        assert_eq!(one.len(), 32);
        assert_ne!(one, key(&[("a", b"x"), ("b", b"yz")]));
        assert_ne!(one, key(&[("a", b"xy"), ("b", b"Z")]));
        assert_ne!(one, key(&[("b", b"z"), ("a", b"xy")]));
        let mut other = KeyBuilder::new("other stage");
        other.add("a", b"xy").add("b", b"z");
        assert_ne!(one, other.finish());
    }

    #[test]
    fn a_slot_is_reused_only_under_its_key_and_whole() {
        let dir = tempfile::tempdir().unwrap();
        let cache = StageCache::new(dir.path());
        assert_eq!(cache.get("s", "k1", &["a"]), None);
        cache.put("s", "k1", &[("a", b"first"), ("b", b"")]).unwrap();
        assert_eq!(
            cache.get("s", "k1", &["a", "b"]),
            Some(vec![b"first".to_vec(), Vec::new()])
        );
        assert_eq!(cache.get("s", "k2", &["a", "b"]), None, "another key");
        assert_eq!(cache.get("t", "k1", &["a", "b"]), None, "another slot");
        assert_eq!(cache.get("s", "k1", &["b", "a"]), None, "other names");
        // A damaged output: same length, other bytes.
        std::fs::write(dir.path().join("s/a"), b"fir5t").unwrap();
        assert_eq!(cache.get("s", "k1", &["a", "b"]), None);
        cache.put("s", "k2", &[("a", b"second"), ("b", b"2")]).unwrap();
        assert_eq!(cache.get("s", "k1", &["a", "b"]), None, "replaced");
        assert_eq!(
            cache.get("s", "k2", &["a", "b"]),
            Some(vec![b"second".to_vec(), b"2".to_vec()])
        );
    }
}
