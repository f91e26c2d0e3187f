//! Reading what the command line is given: regular files only (a pipe, a device or a folder is
//! named for what it is and never read), never blocking on a FIFO, bounded as it is read (not
//! only by the size the file system reports, which devices and pipes do not have), and decoded
//! as UTF-8 with a message that says what to do when it is not.

use std::fs::{File, Metadata};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The most bytes read from any one input; the core's own limits are lower.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// What a path turned out to be when it is not a regular file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A folder.
    Directory,
    /// A named pipe.
    Fifo,
    /// A Unix socket.
    Socket,
    /// A character device (`/dev/zero`, a terminal).
    CharDevice,
    /// A block device (a disk).
    BlockDevice,
    /// Anything else the file system has.
    Other,
}

impl FileKind {
    /// The kind of `metadata`, or `None` for a regular file (what is read).
    pub fn of(metadata: &Metadata) -> Option<FileKind> {
        let kind = metadata.file_type();
        if kind.is_file() {
            return None;
        }
        if kind.is_dir() {
            return Some(FileKind::Directory);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if kind.is_fifo() {
                return Some(FileKind::Fifo);
            }
            if kind.is_socket() {
                return Some(FileKind::Socket);
            }
            if kind.is_char_device() {
                return Some(FileKind::CharDevice);
            }
            if kind.is_block_device() {
                return Some(FileKind::BlockDevice);
            }
        }
        Some(FileKind::Other)
    }
}

/// Why an input could not be read.
#[derive(Debug)]
pub enum ReadProblem {
    /// There is nothing at the path.
    NotFound,
    /// The file exists but may not be read.
    PermissionDenied,
    /// Not a regular file; `link_target` when the path is a symbolic link to it.
    NotAFile { kind: FileKind, link_target: Option<PathBuf> },
    /// More bytes than the limit: `size` when the file system said so before reading.
    TooLarge { size: Option<u64>, limit: u64 },
    /// Not UTF-8 text.
    NotUtf8 { encoding: Encoding, offset: usize },
    /// Any other failure of the system.
    Io(std::io::Error),
}

/// What a text that is not UTF-8 seems to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 with its byte-order mark (Notepad's "Unicode").
    Utf16,
    /// Only ASCII and well-formed GBK pairs: what Chinese Windows calls ANSI.
    Gbk,
    /// Something else.
    Unknown,
}

impl From<std::io::Error> for ReadProblem {
    fn from(error: std::io::Error) -> ReadProblem {
        match error.kind() {
            std::io::ErrorKind::NotFound => ReadProblem::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadProblem::PermissionDenied,
            _ => ReadProblem::Io(error),
        }
    }
}

/// Whether `path` means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a whole input as text: standard input for `-`, else a regular file.
pub fn read_text(path: &Path) -> Result<String, ReadProblem> {
    decode(read_bytes(path)?)
}

/// Reads a whole input: standard input for `-`, else a regular file of at most
/// [`MAX_INPUT_BYTES`], checked by its type and size before it is opened and bounded again as it
/// is read.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadProblem> {
    if is_stdin(path) {
        return read_bounded(std::io::stdin().lock(), None);
    }
    let metadata = std::fs::metadata(path)?;
    if let Some(kind) = FileKind::of(&metadata) {
        return Err(not_a_file(path, kind));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(ReadProblem::TooLarge { size: Some(metadata.len()), limit: MAX_INPUT_BYTES });
    }
    let file = open_without_blocking(path)?;
    // The path may have been replaced between the look and the opening: what counts is what
    // was opened.
    let opened = file.metadata()?;
    if let Some(kind) = FileKind::of(&opened) {
        return Err(not_a_file(path, kind));
    }
    read_bounded(file, Some(opened.len()))
}

fn not_a_file(path: &Path, kind: FileKind) -> ReadProblem {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink());
    let link_target = is_link.then(|| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()));
    ReadProblem::NotAFile { kind, link_target }
}

/// Opens a file for reading such that opening never waits: a FIFO swapped in for a regular file
/// after it was looked at would otherwise block until some process writes to it.
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// Reads at most one byte past the limit, so that an endless input is refused without being
/// held.
fn read_bounded(reader: impl std::io::Read, size: Option<u64>) -> Result<Vec<u8>, ReadProblem> {
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
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadProblem> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            Err(ReadProblem::NotUtf8 { encoding: guess_encoding(error.as_bytes()), offset })
        }
    }
}

fn guess_encoding(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Encoding::Utf16;
    }
    // GBK: ASCII, or a lead byte 0x81–0xFE followed by a trail byte 0x40–0xFE other than 0x7F.
    let mut pairs = 0;
    let mut rest = bytes;
    while let Some((&first, tail)) = rest.split_first() {
        if first < 0x80 {
            rest = tail;
            continue;
        }
        match tail.split_first() {
            Some((&second, tail))
                if (0x81..=0xfe).contains(&first) && (0x40..=0xfe).contains(&second) && second != 0x7f =>
            {
                pairs += 1;
                rest = tail;
            }
            _ => return Encoding::Unknown,
        }
    }
    if pairs > 0 { Encoding::Gbk } else { Encoding::Unknown }
}

/// The identity of a file (device and inode), to count each file once and to never overwrite an
/// input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId {
    #[cfg(unix)]
    device: u64,
    #[cfg(unix)]
    inode: u64,
    #[cfg(not(unix))]
    canonical: PathBuf,
}

impl FileId {
    /// The identity of what `path` names (links followed), when it exists.
    pub fn of(path: &Path) -> Option<FileId> {
        if is_stdin(path) {
            return None;
        }
        let metadata = std::fs::metadata(path).ok()?;
        FileId::from_metadata(path, &metadata)
    }

    /// The identity of a file from its metadata.
    pub fn from_metadata(path: &Path, metadata: &Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let _ = path;
            Some(FileId { device: metadata.dev(), inode: metadata.ino() })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            std::fs::canonicalize(path).ok().map(|canonical| FileId { canonical })
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
