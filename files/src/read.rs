//! Reading one input: a regular file, or a named pipe the user named (bash's `<(…)` gives
//! `/dev/fd/63`, a pipe: how people pass a secret or a generated file without writing it to
//! disk). A folder, a socket or a device is named for what it is and never read; a pipe found
//! while walking a folder is never opened ([`read_found`]), so nothing waits on it. Every read
//! is bounded as it is read, not only by the size the file system reports (which pipes and
//! devices do not have), and text is decoded as UTF-8 with a message saying what to do when it
//! is not.

use std::io::Read as _;
use std::path::{Path, PathBuf};

pub use selfcheck_core::json::Encoding;

use crate::system::{FileKind, FileSystem, Kind, Metadata, is_link_loop};

/// The most bytes read from any one input; the core's own limits are lower.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Why an input could not be read. Its words, in either language, are [`ReadProblem::message`].
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(selfcheck_core::Lang::En))]
pub enum ReadProblem {
    /// There is nothing at the path.
    NotFound,
    /// The file exists but may not be read.
    PermissionDenied,
    /// The path is a link that leads back to itself.
    LinkLoop,
    /// Not a regular file (nor a pipe named); `link_target` when the path is a symbolic link to
    /// it.
    NotAFile {
        /// What it is.
        kind: FileKind,
        /// Where the link leads, when the path is one.
        link_target: Option<PathBuf>,
    },
    /// More bytes than the limit: `size` when the file system said so before reading.
    TooLarge {
        /// The size the file system reported, when it was over the limit.
        size: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// Not UTF-8 text.
    NotUtf8 {
        /// What it seems to be.
        encoding: Encoding,
        /// The first byte that is not UTF-8.
        offset: usize,
    },
    /// Any other failure of the system.
    Io(std::io::Error),
}

impl From<std::io::Error> for ReadProblem {
    fn from(error: std::io::Error) -> ReadProblem {
        if is_link_loop(&error) {
            return ReadProblem::LinkLoop;
        }
        match error.kind() {
            std::io::ErrorKind::NotFound => ReadProblem::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadProblem::PermissionDenied,
            _ => ReadProblem::Io(error),
        }
    }
}

/// Reads what the user named: a regular file of at most [`MAX_INPUT_BYTES`] (checked by its
/// type and size before it is opened, and bounded again as it is read), or a named pipe, read
/// to its end or one byte past the limit, as standard input is. Anything else is refused,
/// saying what it is.
///
/// # Errors
/// Why it cannot be read.
pub fn read_named(fs: &dyn FileSystem, path: &Path) -> Result<Vec<u8>, ReadProblem> {
    let metadata = fs.metadata(path)?;
    match metadata.kind {
        Kind::Special(FileKind::Fifo) => {
            // Named on purpose: waiting for its writer is what the user asked for.
            let (reader, opened) = fs.open(path, true)?;
            match opened.kind {
                Kind::File | Kind::Special(FileKind::Fifo) => read_bounded(reader, None),
                Kind::Special(kind) => Err(not_a_file(fs, path, kind)),
                Kind::Symlink => Err(not_a_file(fs, path, FileKind::Other)),
            }
        }
        _ => read_regular(fs, path, &metadata),
    }
}

/// Reads a file found while walking a folder: a regular file only, opened so that it never
/// waits (nothing the user named asks for a pipe there), bounded as [`read_named`] reads.
///
/// # Errors
/// Why it cannot be read.
pub fn read_found(fs: &dyn FileSystem, path: &Path) -> Result<Vec<u8>, ReadProblem> {
    let metadata = fs.metadata(path)?;
    read_regular(fs, path, &metadata)
}

/// The size of a regular file and its first `head` bytes, without reading the rest: what names a
/// file too large to be read ([`selfcheck_core::wire::oversized`]). `None` for anything but a
/// regular file (read as [`read_named`] reads it).
pub fn size_and_head(fs: &dyn FileSystem, path: &Path, head: usize) -> Option<(u64, Vec<u8>)> {
    let metadata = fs.metadata(path).ok().filter(|metadata| metadata.kind == Kind::File)?;
    let (reader, opened) = fs.open(path, false).ok()?;
    if opened.kind != Kind::File {
        return None;
    }
    let mut bytes = Vec::new();
    reader.take(head as u64).read_to_end(&mut bytes).ok()?;
    Some((metadata.len, bytes))
}

fn read_regular(fs: &dyn FileSystem, path: &Path, metadata: &Metadata) -> Result<Vec<u8>, ReadProblem> {
    match metadata.kind {
        Kind::File => {}
        Kind::Special(kind) => return Err(not_a_file(fs, path, kind)),
        Kind::Symlink => return Err(not_a_file(fs, path, FileKind::Other)),
    }
    if metadata.len > MAX_INPUT_BYTES {
        return Err(ReadProblem::TooLarge { size: Some(metadata.len), limit: MAX_INPUT_BYTES });
    }
    let (reader, opened) = fs.open(path, false)?;
    // The path may have been replaced between the look and the opening: what counts is what
    // was opened.
    match opened.kind {
        Kind::File => read_bounded(reader, Some(opened.len)),
        Kind::Special(kind) => Err(not_a_file(fs, path, kind)),
        Kind::Symlink => Err(not_a_file(fs, path, FileKind::Other)),
    }
}

fn not_a_file(fs: &dyn FileSystem, path: &Path, kind: FileKind) -> ReadProblem {
    let is_link = fs.symlink_metadata(path).is_ok_and(|metadata| metadata.kind == Kind::Symlink);
    let link_target = is_link.then(|| fs.canonicalize(path).unwrap_or_else(|_| path.to_owned()));
    ReadProblem::NotAFile { kind, link_target }
}

/// Reads at most one byte past the limit, so that an endless input is refused without being
/// held; `size` is what the file system reported, named when it is over the limit.
///
/// # Errors
/// [`ReadProblem::TooLarge`] past [`MAX_INPUT_BYTES`], or what the reader fails with.
pub fn read_bounded(reader: impl std::io::Read, size: Option<u64>) -> Result<Vec<u8>, ReadProblem> {
    let mut bytes = Vec::new();
    reader.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadProblem::TooLarge {
            size: size.filter(|&size| size > MAX_INPUT_BYTES),
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(bytes)
}

/// Bytes as text: UTF-8, without the byte-order mark Notepad writes (as a browser's
/// `TextDecoder` drops it); anything else is refused, saying what it seems to be.
///
/// # Errors
/// [`ReadProblem::NotUtf8`], with the encoding it seems to be in.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadProblem> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            Err(ReadProblem::NotUtf8 { encoding: selfcheck_core::json::guess_encoding(error.as_bytes()), offset })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped_and_other_encodings_are_named() {
        assert_eq!(decode(b"\xef\xbb\xbf{}".to_vec()).unwrap(), "{}");
        assert_eq!(decode("\u{feff}\u{feff}x".as_bytes().to_vec()).unwrap(), "\u{feff}x", "only the first");
        // 协会 in GBK: D0 AD happens to be valid UTF-8 (U+042D), BB is not.
        let gbk = b"# \xd0\xad\xbb\xe1\n514400005000031282 0000".to_vec();
        assert!(matches!(decode(gbk), Err(ReadProblem::NotUtf8 { encoding: Encoding::Gbk, offset: 4 })));
        let utf16 = b"\xff\xfe{\x00}\x00".to_vec();
        assert!(matches!(decode(utf16), Err(ReadProblem::NotUtf8 { encoding: Encoding::Utf16, offset: 0 })));
        let latin1 = b"{\"format\": \"caf\xe9\"}".to_vec();
        assert!(matches!(decode(latin1), Err(ReadProblem::NotUtf8 { encoding: Encoding::Unknown, offset: 15 })));
    }
}
