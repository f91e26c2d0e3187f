//! The entries of the files and folders given to `summary` (and to every binding's folder
//! function): folders walked in name order, each regular file listed once (by device and inode,
//! whatever the links and hard links to it), a named pipe the user named listed to be read, and
//! everything else listed with what it is and why it is not read: pipes found in a folder,
//! sockets and devices (never opened, so a FIFO cannot make the walk wait), broken and looping
//! links, links that leave the folders named (not followed) or that lead back into them (not
//! followed: what they lead to is listed where it is), and folders that cannot be read (the rest
//! is still walked).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::display_path;
use crate::read::{ReadProblem, read_found, read_named};
use crate::system::{FileId, FileKind, FileSystem, Kind, Metadata, is_link_loop};

/// One entry of the walk.
#[derive(Debug)]
pub enum Entry {
    /// A file to be read and checked: `named` when the user named it (a named pipe is then read
    /// too), else a regular file found in a folder.
    File {
        /// The path as found.
        path: PathBuf,
        /// Whether the user named it.
        named: bool,
    },
    /// Something listed but not read, and why.
    NotRead(PathBuf, Skip),
}

impl Entry {
    /// The path as found.
    pub fn path(&self) -> &Path {
        match self {
            Entry::File { path, .. } | Entry::NotRead(path, _) => path,
        }
    }

    /// Reads a file entry as its kind asks ([`read_named`] or [`read_found`]); `None` for an
    /// entry not read.
    pub fn read(&self, fs: &dyn FileSystem) -> Option<Result<Vec<u8>, ReadProblem>> {
        match self {
            Entry::File { path, named: true } => Some(read_named(fs, path)),
            Entry::File { path, named: false } => Some(read_found(fs, path)),
            Entry::NotRead(..) => None,
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
pub fn entries(fs: &dyn FileSystem, paths: &[PathBuf]) -> Result<Vec<Entry>, (PathBuf, ReadProblem)> {
    let mut walk = Walk { fs, roots: Vec::new(), files: HashMap::new(), folders: HashMap::new(), entries: Vec::new() };
    let mut named = Vec::with_capacity(paths.len());
    for path in paths {
        let metadata = fs.metadata(path).map_err(|error| (path.clone(), error.into()))?;
        match fs.canonicalize(path) {
            Ok(root) => walk.roots.push(root),
            // A pipe of bash's `<(…)` (`/dev/fd/63`) resolves to no path: it is read, and no link
            // can lead into it.
            Err(_) if !metadata.is_dir() => {}
            Err(error) => return Err((path.clone(), error.into())),
        }
        named.push(metadata);
    }
    for (path, metadata) in paths.iter().zip(named) {
        if metadata.is_dir() {
            walk.folder(path);
        } else {
            walk.file(path, &metadata, true);
        }
    }
    Ok(walk.entries)
}

struct Walk<'a> {
    fs: &'a dyn FileSystem,
    /// The named paths, resolved: links that lead inside them are not followed.
    roots: Vec<PathBuf>,
    /// Each file listed, with where it was first found.
    files: HashMap<FileId, PathBuf>,
    /// Each folder walked, with where it was first found.
    folders: HashMap<FileId, PathBuf>,
    entries: Vec<Entry>,
}

impl Walk<'_> {
    fn not_read(&mut self, path: &Path, skip: Skip) {
        self.entries.push(Entry::NotRead(path.to_owned(), skip));
    }

    /// A file, named by the user (`named`: a named pipe is then read) or found in a folder.
    fn file(&mut self, path: &Path, metadata: &Metadata, named: bool) {
        match metadata.kind {
            Kind::File => {}
            Kind::Special(FileKind::Fifo) if named => {}
            Kind::Special(kind) => return self.not_read(path, Skip::NotAFile(kind)),
            Kind::Symlink => return self.link(path),
        }
        if let Some(id) = &metadata.id {
            if let Some(first) = self.files.get(id) {
                let first = display_path(first);
                return self.not_read(path, Skip::SameFile(first));
            }
            self.files.insert(id.clone(), path.to_owned());
        }
        self.entries.push(Entry::File { path: path.to_owned(), named });
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
            let metadata = match self.fs.symlink_metadata(&path) {
                Ok(metadata) => metadata,
                Err(error) => {
                    self.not_read(&path, Skip::UnreadableFolder(error.into()));
                    continue;
                }
            };
            if metadata.is_dir() {
                if let Some(children) = self.enter(&path) {
                    stack.push(children);
                }
            } else {
                self.file(&path, &metadata, false);
            }
        }
    }

    /// The entries of a folder not walked before, sorted by name; a folder that cannot be read
    /// is an entry saying why.
    fn enter(&mut self, folder: &Path) -> Option<std::vec::IntoIter<PathBuf>> {
        if let Some(id) = self.fs.metadata(folder).ok().and_then(|metadata| metadata.id) {
            if let Some(first) = self.folders.get(&id) {
                let first = display_path(first);
                self.not_read(folder, Skip::SameFolder(first));
                return None;
            }
            self.folders.insert(id, folder.to_owned());
        }
        match self.fs.read_dir(folder) {
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
        let target = match self.fs.canonicalize(path) {
            Ok(target) => target,
            Err(error) if is_link_loop(&error) => return self.not_read(path, Skip::LinkLoop),
            Err(_) => {
                let target = self.fs.read_link(path).map(|target| display_path(&target)).unwrap_or_default();
                return self.not_read(path, Skip::BrokenLink(target));
            }
        };
        let shown = display_path(&target);
        if !self.roots.iter().any(|root| target.starts_with(root)) {
            return self.not_read(path, Skip::LinkOutside(shown));
        }
        if self.fs.metadata(&target).is_ok_and(|metadata| metadata.is_dir()) {
            self.not_read(path, Skip::LinkToFolder(shown));
        } else {
            self.not_read(path, Skip::LinkToFile(shown));
        }
    }
}
