//! The file system as the readers of this crate see it: what a path is, a folder's entries, where
//! a link leads, and opening a file. [`Native`] is the operating system's (the command line,
//! Python and C); the Node binding implements the same trait over Node's `fs`, so that every
//! host walks and reads with the one code of [`crate::walk`] and [`crate::read`].

use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// What a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A symbolic link (only when links are not followed).
    Symlink,
    /// Anything else: a folder, a pipe, a device, …
    Special(FileKind),
}

/// What a path is when it is not a regular file (nor, links followed, a link).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// What the readers need to know of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// What it is.
    pub kind: Kind,
    /// Its size as the file system reports it (devices and pipes have none to speak of).
    pub len: u64,
    /// Its identity, to read each file once whatever the links and hard links to it.
    pub id: Option<FileId>,
}

impl Metadata {
    /// Whether it is a folder.
    pub fn is_dir(&self) -> bool {
        self.kind == Kind::Special(FileKind::Directory)
    }
}

/// The identity of a file: its device and inode where the system has them, else its resolved
/// path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileId {
    /// Device and inode.
    Inode {
        /// The device.
        device: u64,
        /// The inode.
        inode: u64,
    },
    /// The path, links resolved.
    Path(PathBuf),
}

/// The error a file system gives for a link that leads back to itself (a host without the
/// system's own `ELOOP` wraps this in its `io::Error`).
#[derive(Debug)]
pub struct LinkLoop;

impl std::fmt::Display for LinkLoop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too many levels of symbolic links")
    }
}

impl std::error::Error for LinkLoop {}

/// Whether `error` says that links loop.
pub fn is_link_loop(error: &io::Error) -> bool {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) {
        return true;
    }
    error.get_ref().is_some_and(|inner| inner.is::<LinkLoop>())
}

/// A file system.
pub trait FileSystem {
    /// What `path` is, links followed.
    ///
    /// # Errors
    /// What the system says (there is nothing there, permission denied, links loop, …).
    fn metadata(&self, path: &Path) -> io::Result<Metadata>;

    /// What `path` is, a link itself being a [`Kind::Symlink`].
    ///
    /// # Errors
    /// As [`FileSystem::metadata`].
    fn symlink_metadata(&self, path: &Path) -> io::Result<Metadata>;

    /// The path with every link resolved, absolute.
    ///
    /// # Errors
    /// As [`FileSystem::metadata`]; a link to nothing is [`io::ErrorKind::NotFound`].
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;

    /// Where a link points, as it is written.
    ///
    /// # Errors
    /// As [`FileSystem::metadata`].
    fn read_link(&self, path: &Path) -> io::Result<PathBuf>;

    /// The paths of a folder's entries, in any order.
    ///
    /// # Errors
    /// As [`FileSystem::metadata`].
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>>;

    /// Opens a file to read it, with what was opened. Unless `wait_for_writer`, opening never
    /// waits: a FIFO put where a regular file was looked at would otherwise block until some
    /// process writes to it.
    ///
    /// # Errors
    /// As [`FileSystem::metadata`].
    fn open(&self, path: &Path, wait_for_writer: bool) -> io::Result<(Box<dyn Read + '_>, Metadata)>;
}

/// The operating system's file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct Native;

impl Native {
    fn metadata_of(path: &Path, metadata: &std::fs::Metadata) -> Metadata {
        Metadata { kind: kind_of(metadata), len: metadata.len(), id: native_id(path, metadata) }
    }
}

fn kind_of(metadata: &std::fs::Metadata) -> Kind {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Kind::File;
    }
    if kind.is_symlink() {
        return Kind::Symlink;
    }
    if kind.is_dir() {
        return Kind::Special(FileKind::Directory);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Kind::Special(FileKind::Fifo);
        }
        if kind.is_socket() {
            return Kind::Special(FileKind::Socket);
        }
        if kind.is_char_device() {
            return Kind::Special(FileKind::CharDevice);
        }
        if kind.is_block_device() {
            return Kind::Special(FileKind::BlockDevice);
        }
    }
    Kind::Special(FileKind::Other)
}

fn native_id(path: &Path, metadata: &std::fs::Metadata) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let _ = path;
        Some(FileId::Inode { device: metadata.dev(), inode: metadata.ino() })
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        std::fs::canonicalize(path).ok().map(FileId::Path)
    }
}

impl FileSystem for Native {
    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        std::fs::metadata(path).map(|metadata| Native::metadata_of(path, &metadata))
    }

    fn symlink_metadata(&self, path: &Path) -> io::Result<Metadata> {
        std::fs::symlink_metadata(path).map(|metadata| Native::metadata_of(path, &metadata))
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }

    fn read_link(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::read_link(path)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        std::fs::read_dir(path)?.map(|entry| entry.map(|entry| entry.path())).collect()
    }

    fn open(&self, path: &Path, wait_for_writer: bool) -> io::Result<(Box<dyn Read + '_>, Metadata)> {
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        if !wait_for_writer {
            std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
        }
        #[cfg(not(unix))]
        let _ = wait_for_writer;
        let file = options.open(path)?;
        let opened = Native::metadata_of(path, &file.metadata()?);
        Ok((Box::new(file), opened))
    }
}
