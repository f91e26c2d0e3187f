//! gzip -9 and brotli 11, as a real server sends the widget's files: the sizes the budget and
//! the benchmarks report, and the precompressed `.gz` and `.br` files written beside the built
//! files, which `cargo xtask serve` sends as they are (a portal's server can do the same).

use std::fs;
use std::io::Write as _;
use std::path::Path;

/// `bytes` gzipped at level 9.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|error| error.to_string())?;
    encoder.finish().map_err(|error| error.to_string())
}

/// `bytes` with brotli at quality 11 (window 22, as the benchmarks' Node zlib).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut compressed = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &params).map_err(|error| error.to_string())?;
    Ok(compressed)
}

/// Whether a file of this name is worth compressing: text and WebAssembly, not images.
pub fn compressible(name: &str) -> bool {
    [".js", ".mjs", ".wasm", ".css", ".html", ".json", ".svg"].iter().any(|end| name.ends_with(end))
}

/// Writes `NAME.gz` and `NAME.br` beside every compressible file of `dir` (not below it), so
/// that a server sends them without compressing on every request. A stale pair is rewritten.
pub fn precompress(dir: &Path) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|error| format!("cannot list {}: {error}", dir.display()))?.path();
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_owned();
        // The manifest is read by npm, not sent to browsers.
        if !path.is_file() || !compressible(&name) || name == "package.json" {
            continue;
        }
        let bytes = fs::read(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        for (suffix, compressed) in [("gz", gzip(&bytes)?), ("br", brotli(&bytes)?)] {
            let target = dir.join(format!("{name}.{suffix}"));
            fs::write(&target, compressed).map_err(|error| format!("cannot write {}: {error}", target.display()))?;
        }
    }
    Ok(())
}
