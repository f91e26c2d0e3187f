//! The command line's inputs, read by `selfcheck-files` as every binding reads them: `-` is
//! standard input (bounded as any input), anything else what the user named (a regular file, or
//! a named pipe such as bash's `<(…)`).

use std::path::Path;

pub use selfcheck_files::{FileId, ReadProblem, decode};
use selfcheck_files::{FileSystem as _, Native};

/// Whether `path` means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a whole input: standard input for `-`, else what the user named.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadProblem> {
    if is_stdin(path) {
        return selfcheck_files::read_bounded(std::io::stdin().lock(), None);
    }
    selfcheck_files::read_named(&Native, path)
}

/// Reads a whole input as text (UTF-8, without a byte-order mark).
pub fn read_text(path: &Path) -> Result<String, ReadProblem> {
    decode(read_bytes(path)?)
}

/// The identity of what `path` names (links followed), when it exists and is not standard
/// input: to never overwrite an input.
pub fn file_id(path: &Path) -> Option<FileId> {
    if is_stdin(path) {
        return None;
    }
    Native.metadata(path).ok()?.id
}

/// What the core says of a document file of kind `what` larger than its `limit`, by the file's
/// first bytes, without reading it whole (as the review desk says it of a file loaded there);
/// `None` when it is not larger (or not a regular file).
pub fn oversized(path: &Path, what: selfcheck_core::Document, limit: usize) -> Option<selfcheck_core::Error> {
    if is_stdin(path) {
        return None;
    }
    let (size, head) = selfcheck_files::size_and_head(&Native, path, selfcheck_core::wire::HEAD_BYTES)?;
    (size > limit as u64)
        .then(|| selfcheck_core::wire::oversized(what, usize::try_from(size).unwrap_or(usize::MAX), limit, &head))
}
