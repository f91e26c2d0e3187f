//! What can keep a received `.zip` archive of e-mail attachments, or one file in it, from being
//! read: each becomes a row of the files table with its own verdict ("not a result", saying
//! which), counted like any other file, so that nothing received drops out of the review.
//!
//! The host opens the archives (the review desk does, in its worker); this crate does no IO and
//! reads no archive. It gives the problem its words, its stable code and its place among the
//! verdicts ([`super::unopened`]).

/// Why an archive, or a file in it, was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ArchiveProblem {
    /// The archive's directory cannot be read: cut short, damaged, or not a zip archive after
    /// all. None of its files was read.
    Damaged,
    /// The file is encrypted: a password was set when the archive was made.
    Encrypted,
    /// The file would unpack to more than a result can be ([`selfcheck_core::credential::MAX_RESULT_BYTES`]),
    /// by what the archive declares or by what it gives: it was not unpacked further.
    TooLarge,
    /// The unpacked file does not match the checksum (CRC-32) the archive records for it:
    /// damaged in transit.
    ChecksumMismatch,
    /// The file's packed data cannot be unpacked: damaged or cut short.
    DamagedEntry,
    /// The file is packed with a method other than stored or deflate (the two every archiver
    /// writes by default).
    UnsupportedMethod,
    /// The archive's directory (at its end) is damaged or missing, cut short in transit say: the
    /// files were read from their own headers, as far as they go.
    DirectoryDamaged,
    /// The archive lists more files than one is opened with ([`MAX_ARCHIVE_ENTRIES`]): none was
    /// read.
    TooManyEntries,
    /// The file's name leads out of the archive (`../`, or an absolute path): an archive made to
    /// write elsewhere on an unpacking computer. It was not read.
    UnsafeName,
    /// macOS's metadata (`__MACOSX/`, `._name`), which its compressing adds beside each file: not a
    /// file that was sent.
    MacMetadata,
    /// An archive inside archives more than [`MAX_ARCHIVE_DEPTH`] deep: not opened further.
    NestedTooDeep,
}

/// The most files one archive is opened with: many times what a bureau receives in a month, and
/// few enough that reading an archive keeps memory bounded.
pub const MAX_ARCHIVE_ENTRIES: u64 = 10_000;

/// How deep archives inside archives are opened (an e-mail's attachments forwarded as an archive
/// inside an archive is two).
pub const MAX_ARCHIVE_DEPTH: usize = 3;

impl ArchiveProblem {
    /// Every problem.
    pub const ALL: [ArchiveProblem; 11] = [
        ArchiveProblem::Damaged,
        ArchiveProblem::Encrypted,
        ArchiveProblem::TooLarge,
        ArchiveProblem::ChecksumMismatch,
        ArchiveProblem::DamagedEntry,
        ArchiveProblem::UnsupportedMethod,
        ArchiveProblem::DirectoryDamaged,
        ArchiveProblem::TooManyEntries,
        ArchiveProblem::UnsafeName,
        ArchiveProblem::MacMetadata,
        ArchiveProblem::NestedTooDeep,
    ];

    /// A stable code for scripts and bindings, and for a host that keeps the problem.
    pub fn code(self) -> &'static str {
        match self {
            ArchiveProblem::Damaged => "damaged-archive",
            ArchiveProblem::Encrypted => "encrypted-entry",
            ArchiveProblem::TooLarge => "entry-too-large",
            ArchiveProblem::ChecksumMismatch => "entry-checksum-mismatch",
            ArchiveProblem::DamagedEntry => "damaged-entry",
            ArchiveProblem::UnsupportedMethod => "unsupported-compression",
            ArchiveProblem::DirectoryDamaged => "damaged-archive-directory",
            ArchiveProblem::TooManyEntries => "too-many-entries",
            ArchiveProblem::UnsafeName => "unsafe-entry-name",
            ArchiveProblem::MacMetadata => "macos-metadata",
            ArchiveProblem::NestedTooDeep => "archive-nested-too-deep",
        }
    }

    /// The problem of a code [`ArchiveProblem::code`] gave.
    pub fn from_code(code: &str) -> Option<ArchiveProblem> {
        ArchiveProblem::ALL.into_iter().find(|problem| problem.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for problem in ArchiveProblem::ALL {
            assert_eq!(ArchiveProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(ArchiveProblem::from_code("accepted"), None);
    }
}
