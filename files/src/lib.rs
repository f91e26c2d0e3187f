//! selfcheck-files: reading what a host is given, the one way the command line and every binding
//! (Python, Node, C) read it. Files are read as bytes, bounded as they are read, and never
//! decoded lossily (the core names a file of another encoding or kind); a named pipe is read
//! when the user names it; folders are walked in name order, each file once, links never
//! followed; and whatever is not read is an entry that says why, in both languages. The file
//! system is a trait ([`FileSystem`]): the operating system's ([`Native`]), or Node's through
//! the Node binding.

mod read;
mod system;
mod walk;
mod words;

use std::path::{Path, PathBuf};

use selfcheck_core::Lang;
use selfcheck_core::json::{Json, Object};

pub use read::{Encoding, MAX_INPUT_BYTES, ReadProblem, decode, read_bounded, read_found, read_named, size_and_head};
pub use system::{FileId, FileKind, FileSystem, Kind, LinkLoop, Metadata, Native, is_link_loop};
pub use walk::{Entry, Skip, entries};
pub use words::{file_kind, not_read, read_problem, system_error};

/// A path as messages show it: escaped by the core's `escape_control` (a path that is not UTF-8
/// is shown with U+FFFD where its bytes are not).
pub fn display_path(path: &Path) -> String {
    selfcheck_core::messages::escape_control(&path.to_string_lossy()).into_owned()
}

/// The name a read file is given to the core: its path as walked (not UTF-8: U+FFFD where its
/// bytes are not).
pub fn file_name(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Why an entry was not read: skipped by the walk, or a file that could not be read.
#[derive(Debug)]
pub enum NotRead {
    /// Not read at all.
    Skipped(Skip),
    /// A file that could not be read.
    Unreadable(ReadProblem),
}

impl NotRead {
    /// Why, in plain words of `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NotRead::Skipped(skip) => not_read(lang, skip),
            NotRead::Unreadable(problem) => read_problem(lang, problem),
        }
    }
}

/// What a walk read: every file's name and bytes, and every entry not read with why, each in the
/// walk's order.
#[derive(Debug, Default)]
pub struct Folder {
    /// The files read: name ([`file_name`]) and bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The entries not read: path and why.
    pub not_read: Vec<(PathBuf, NotRead)>,
}

impl Folder {
    /// Walks `paths` ([`entries`]) and reads every file, as `selfcheck summary PATH…` does.
    ///
    /// # Errors
    /// A named path that does not exist or cannot be looked at, with why.
    pub fn read(fs: &dyn FileSystem, paths: &[PathBuf]) -> Result<Folder, (PathBuf, ReadProblem)> {
        let mut folder = Folder::default();
        for entry in entries(fs, paths)? {
            match (entry.read(fs), entry) {
                (Some(Ok(bytes)), entry) => folder.files.push((file_name(entry.path()), bytes)),
                (Some(Err(problem)), entry) => {
                    folder.not_read.push((entry.path().to_owned(), NotRead::Unreadable(problem)));
                }
                (None, Entry::NotRead(path, skip)) => folder.not_read.push((path, NotRead::Skipped(skip))),
                (None, Entry::File { .. }) => {}
            }
        }
        Ok(folder)
    }
}

/// The entries not read, as `selfcheck summary --format json` lists them under `not_read`: each
/// `{"name", "reason"}`, the reason in `lang`.
pub fn not_read_json<'a>(not_read: impl IntoIterator<Item = (&'a Path, String)>) -> Json {
    Json::Array(
        not_read
            .into_iter()
            .map(|(path, reason)| {
                let mut object = Object::new();
                object.insert("name", file_name(path));
                object.insert("reason", reason);
                Json::Object(object)
            })
            .collect(),
    )
}
