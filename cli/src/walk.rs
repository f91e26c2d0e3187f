//! The entries of the files and folders given to `summary`: folders walked in name order, each
//! regular file listed once (by device and inode, whatever the links and hard links to it), and
//! everything else listed with what it is and why it is not read: pipes, sockets and devices
//! (never opened, so a FIFO cannot make the walk wait), broken and looping links, links that
//! leave the folders named (not followed) or that lead back into them (not followed: what they
//! lead to is listed where it is), and folders that cannot be read (the rest is still walked).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::escape;
use crate::input::{FileId, FileKind, ReadProblem};

/// One entry of the walk.
#[derive(Debug)]
pub enum Entry {
    /// A regular file, to be read and checked.
    File(PathBuf),
    /// Something listed but not read, and why.
    NotRead(PathBuf, Skip),
}

impl Entry {
    /// The path as found.
    pub fn path(&self) -> &Path {
        match self {
            Entry::File(path) | Entry::NotRead(path, _) => path,
        }
    }
}

/// Why an entry is not read. Paths in it are escaped for display.
#[derive(Debug)]
pub enum Skip {
    /// Not a regular file.
    NotAFile(FileKind),
    /// A symbolic link to nothing (its target).
    BrokenLink(String),
    /// A symbolic link that leads to itself.
    LinkLoop,
    /// A symbolic link out of the folders named (its resolved target).
    LinkOutside(String),
    /// A symbolic link to a folder inside the folders named.
    LinkToFolder(String),
    /// A symbolic link to a file inside the folders named, listed where it is.
    LinkToFile(String),
    /// The same file as an earlier entry (a hard link, or named twice).
    SameFile(String),
    /// The same folder as one walked before (named twice, or inside another named one).
    SameFolder(String),
    /// A folder or entry that cannot be read.
    UnreadableFolder(ReadProblem),
}

/// Every entry under `paths`, in order: each path as named (links followed, since they were
/// named), folders walked in name order.
///
/// # Errors
///
/// A named path that does not exist or cannot be looked at, with why: that is a mistake on the
/// command line, not an entry.
pub fn entries(paths: &[PathBuf]) -> Result<Vec<Entry>, (PathBuf, ReadProblem)> {
    let mut walk = Walk { roots: Vec::new(), files: HashMap::new(), folders: HashMap::new(), entries: Vec::new() };
    for path in paths {
        walk.roots.push(std::fs::canonicalize(path).map_err(|error| (path.clone(), error.into()))?);
    }
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|error| (path.clone(), error.into()))?;
        if metadata.is_dir() {
            walk.folder(path);
        } else {
            walk.file(path, &metadata);
        }
    }
    Ok(walk.entries)
}

struct Walk {
    /// The named paths, resolved: links that lead inside them are not followed.
    roots: Vec<PathBuf>,
    /// Each file listed, with where it was first found.
    files: HashMap<FileId, PathBuf>,
    /// Each folder walked, with where it was first found.
    folders: HashMap<FileId, PathBuf>,
    entries: Vec<Entry>,
}

impl Walk {
    fn not_read(&mut self, path: &Path, skip: Skip) {
        self.entries.push(Entry::NotRead(path.to_owned(), skip));
    }

    fn file(&mut self, path: &Path, metadata: &std::fs::Metadata) {
        if let Some(kind) = FileKind::of(metadata) {
            return self.not_read(path, Skip::NotAFile(kind));
        }
        if let Some(id) = FileId::from_metadata(path, metadata) {
            if let Some(first) = self.files.get(&id) {
                let first = escape::path(first);
                return self.not_read(path, Skip::SameFile(first));
            }
            self.files.insert(id, path.to_owned());
        }
        self.entries.push(Entry::File(path.to_owned()));
    }

    /// Walks a folder without recursion: a stack of the entries still to visit in each folder.
    fn folder(&mut self, root: &Path) {
        let mut stack: Vec<std::vec::IntoIter<PathBuf>> = Vec::new();
        if let Some(children) = self.enter(root) {
            stack.push(children);
        }
        while let Some(children) = stack.last_mut() {
            let Some(path) = children.next() else {
                stack.pop();
                continue;
            };
            let metadata = match std::fs::symlink_metadata(&path) {
                Ok(metadata) => metadata,
                Err(error) => {
                    self.not_read(&path, Skip::UnreadableFolder(error.into()));
                    continue;
                }
            };
            if metadata.file_type().is_symlink() {
                self.link(&path);
            } else if metadata.is_dir() {
                if let Some(children) = self.enter(&path) {
                    stack.push(children);
                }
            } else {
                self.file(&path, &metadata);
            }
        }
    }

    /// The entries of a folder not walked before, sorted by name; a folder that cannot be read
    /// is an entry saying why.
    fn enter(&mut self, folder: &Path) -> Option<std::vec::IntoIter<PathBuf>> {
        if let Some(id) = std::fs::metadata(folder).ok().and_then(|metadata| FileId::from_metadata(folder, &metadata)) {
            if let Some(first) = self.folders.get(&id) {
                let first = escape::path(first);
                self.not_read(folder, Skip::SameFolder(first));
                return None;
            }
            self.folders.insert(id, folder.to_owned());
        }
        let listed = std::fs::read_dir(folder).and_then(|entries| {
            entries.map(|entry| entry.map(|entry| entry.path())).collect::<std::io::Result<Vec<_>>>()
        });
        match listed {
            Ok(mut paths) => {
                paths.sort();
                Some(paths.into_iter())
            }
            Err(error) => {
                self.not_read(folder, Skip::UnreadableFolder(error.into()));
                None
            }
        }
    }

    fn link(&mut self, path: &Path) {
        let target = match std::fs::canonicalize(path) {
            Ok(target) => target,
            Err(error) => {
                #[cfg(unix)]
                if error.raw_os_error() == Some(libc::ELOOP) {
                    return self.not_read(path, Skip::LinkLoop);
                }
                let _ = error;
                let target = std::fs::read_link(path).map(|target| escape::path(&target)).unwrap_or_default();
                return self.not_read(path, Skip::BrokenLink(target));
            }
        };
        let shown = escape::path(&target);
        if !self.roots.iter().any(|root| target.starts_with(root)) {
            return self.not_read(path, Skip::LinkOutside(shown));
        }
        if target.is_dir() {
            self.not_read(path, Skip::LinkToFolder(shown));
        } else {
            self.not_read(path, Skip::LinkToFile(shown));
        }
    }
}
