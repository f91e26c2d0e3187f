//! What can keep a received `.zip` archive of e-mail attachments, or one file in it, from being
//! read: each becomes a row of the files table with its own verdict ("not a result", saying
//! which), counted like any other file, so that nothing received drops out of the review.
//!
//! The host opens the archives (the review desk does, in its worker); the core does no IO and
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
    /// The file would unpack to more than a result can be ([`crate::credential::MAX_RESULT_BYTES`]),
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
}

impl ArchiveProblem {
    /// Every problem.
    pub const ALL: [ArchiveProblem; 6] = [
        ArchiveProblem::Damaged,
        ArchiveProblem::Encrypted,
        ArchiveProblem::TooLarge,
        ArchiveProblem::ChecksumMismatch,
        ArchiveProblem::DamagedEntry,
        ArchiveProblem::UnsupportedMethod,
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
