//! What can go wrong in the bureau's review beyond what the core says: a summary that would not
//! list an input it rests on, and a received archive (or a file in it) that could not be read.

use selfcheck_core::Lang;

use crate::archive::ArchiveProblem;
use crate::input::InputRole;

/// An error of the bureau's review: the core's, or one of the bureau's own.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// What the core refused: reading, verifying, signing.
    #[error(transparent)]
    Core(#[from] selfcheck_core::Error),
    /// A signed summary would rest on a file (register, expected list, reviews) that it does not
    /// list among its inputs, so that nobody could compute it again.
    #[error("{}", crate::words::error(self, Lang::En))]
    SummaryInputMissing(InputRole),
    /// A received `.zip` archive, or a file in it, that the host could not open or unpack.
    #[error("{}", crate::words::error(self, Lang::En))]
    Archive(ArchiveProblem),
    /// A summary asked to be signed under rules kept only to compute earlier summaries again.
    #[error("{}", crate::words::error(self, Lang::En))]
    EarlierRules,
}

impl Error {
    /// The error in plain words of `lang`.
    pub fn message(&self, lang: Lang) -> String {
        crate::words::error(self, lang)
    }

    /// A stable code for scripts and bindings: the core's, `summary-input-missing`,
    /// `summary-earlier-rules`, or the archive problem's.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Core(error) => error.code(),
            Error::SummaryInputMissing(_) => "summary-input-missing",
            Error::Archive(problem) => problem.code(),
            Error::EarlierRules => "summary-earlier-rules",
        }
    }
}
