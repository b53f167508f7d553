//! File sizes: raw, gzipped, and as shipped in the plugin package.

use std::io::Write as _;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Serialize;

/// The sizes of one output file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileSize {
    /// The file name, relative to the output folder.
    pub name: String,
    /// Uncompressed bytes (for `.wasm.br`: of the wasm inside).
    pub bytes: u64,
    /// Gzipped (level 9) bytes of the uncompressed content, for comparison.
    pub gzip: u64,
    /// Bytes in the package: the file as written (brotli for `.wasm.br`).
    pub shipped: u64,
}

/// Gzipped size of `data`, at the best compression.
pub fn gzip_len(data: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data).expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail").len() as u64
}

/// Brotli-compresses `data` at quality 11 (the best).
pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut std::io::Cursor::new(data), &mut out, &params).expect("in-memory brotli cannot fail");
    out
}

impl FileSize {
    /// A file shipped as is.
    pub fn plain(name: &str, content: &[u8]) -> FileSize {
        FileSize {
            name: name.to_owned(),
            bytes: content.len() as u64,
            gzip: gzip_len(content),
            shipped: content.len() as u64,
        }
    }

    /// A file shipped compressed: `raw` is the content, `shipped` the bytes written.
    pub fn compressed(name: &str, raw: &[u8], shipped: &[u8]) -> FileSize {
        FileSize {
            name: name.to_owned(),
            bytes: raw.len() as u64,
            gzip: gzip_len(raw),
            shipped: shipped.len() as u64,
        }
    }
}

/// A text table of the files and their total.
pub fn table(files: &[FileSize]) -> String {
    let total = FileSize {
        name: "total".into(),
        bytes: files.iter().map(|f| f.bytes).sum(),
        gzip: files.iter().map(|f| f.gzip).sum(),
        shipped: files.iter().map(|f| f.shipped).sum(),
    };
    let width = files
        .iter()
        .chain([&total])
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = format!(
        "{:<width$}  {:>10}  {:>10}  {:>10}\n",
        "file", "bytes", "gzip", "shipped"
    );
    for f in files.iter().chain([&total]) {
        out.push_str(&format!(
            "{:<width$}  {:>10}  {:>10}  {:>10}\n",
            f.name,
            group(f.bytes),
            group(f.gzip),
            group(f.shipped)
        ));
    }
    out
}

/// `12345` → `12,345`.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn table_lists_files_and_total() {
        let files = [
            FileSize {
                name: "index.js".into(),
                bytes: 1200,
                gzip: 500,
                shipped: 1200,
            },
            FileSize {
                name: "hello_bg.wasm.br".into(),
                bytes: 11700,
                gzip: 5400,
                shipped: 4800,
            },
        ];
        let text = table(&files);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(
            lines[0].split_whitespace().collect::<Vec<_>>(),
            ["file", "bytes", "gzip", "shipped"]
        );
        assert_eq!(
            lines[1].split_whitespace().collect::<Vec<_>>(),
            ["index.js", "1,200", "500", "1,200"]
        );
        assert_eq!(
            lines[2].split_whitespace().collect::<Vec<_>>(),
            ["hello_bg.wasm.br", "11,700", "5,400", "4,800"]
        );
        assert_eq!(
            lines[3].split_whitespace().collect::<Vec<_>>(),
            ["total", "12,900", "5,900", "6,000"]
        );
        // Columns line up.
        let ends: Vec<usize> = lines.iter().map(|l| l.len()).collect();
        assert!(ends.windows(2).all(|w| w[0] == w[1]), "{text}");
    }

    #[test]
    fn sizes_of_compressed_and_plain_files() {
        let data = "你好 wasm ".repeat(500).into_bytes();
        let plain = FileSize::plain("a.js", &data);
        assert_eq!(plain.bytes, data.len() as u64);
        assert_eq!(plain.shipped, plain.bytes);
        assert!(plain.gzip < plain.bytes / 10);
        let br = brotli(&data);
        let compressed = FileSize::compressed("a.wasm.br", &data, &br);
        assert_eq!(compressed.shipped, br.len() as u64);
        assert!(compressed.shipped < compressed.gzip);
        // Round trip through the decoder.
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut std::io::Cursor::new(&br), &mut back).unwrap();
        assert_eq!(back, data);
    }
}
