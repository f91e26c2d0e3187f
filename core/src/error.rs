//! The core's one error type, and the problems found in a document.

use std::fmt;

use crate::credit_code::CreditCodeError;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is larger than the documented limit; it was not parsed.
    #[error("the {what} is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// What was being read ("answers file", "catalogue", …).
        what: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The input is not JSON, or not of the document's shape.
    #[error("the {what} cannot be read: {detail}")]
    Syntax {
        /// What was being read.
        what: &'static str,
        /// What is wrong, in plain words, with line and column: empty, cut short, not JSON,
        /// nested too deeply, or serde_json's description of a field of the wrong shape.
        detail: String,
    },
    /// The input is well-formed JSON of another kind of document.
    #[error("this is not {expected}: its format is {found:?}")]
    WrongFormat {
        /// What was expected, e.g. "an answers document (selfcheck-answers/1)".
        expected: &'static str,
        /// The format it declares.
        found: String,
    },
    /// The catalogue breaks its own rules.
    #[error("the catalogue is invalid:{}", list(.0))]
    InvalidCatalogue(Vec<Problem>),
    /// The answers do not fit the catalogue.
    #[error("the answers do not fit the catalogue:{}", list(.0))]
    InvalidAnswers(Vec<Problem>),
    /// A result is signed only for a complete profile.
    #[error("the profile is not complete enough to sign:{}", list(.0))]
    IncompleteProfile(Vec<Problem>),
    /// A result's structure is not that of a selfcheck result.
    #[error("this is not a selfcheck result: {0}")]
    NotAResult(String),
    /// The proof is of another kind than selfcheck verifies.
    #[error("the proof is not supported: {0}")]
    UnsupportedProof(String),
    /// The issuer or verification method is not a usable did:key.
    #[error("the signing key cannot be read: {0}")]
    BadDidKey(String),
    /// The proof names another key than the issuer's.
    #[error("the proof's verificationMethod {found:?} is not the issuer's key {expected:?}")]
    VerificationMethodMismatch {
        /// issuer + "#" + multibase.
        expected: String,
        /// What the proof names.
        found: String,
    },
    /// The proof's `@context` is not a prefix of the document's.
    #[error("the proof's @context is not a prefix of the document's @context")]
    ProofContextMismatch,
    /// The proofValue is not a multibase base58btc Ed25519 signature.
    #[error("the proofValue is not a base58btc Ed25519 signature: {0}")]
    BadProofValue(String),
    /// The signature does not match.
    #[error("the signature does not match: the result was changed after it was signed, or signed with another key")]
    SignatureMismatch,
    /// The embedded report differs from what the embedded answers score.
    #[error("the embedded report does not match its answers: {field} says {claimed}, the answers score {computed}")]
    ReportMismatch {
        /// The first field that differs.
        field: &'static str,
        /// What the result claims.
        claimed: String,
        /// What the core computes.
        computed: String,
    },
    /// The result pins a catalogue this program does not know.
    #[error(
        "the result was made with a catalogue this program does not know: {id}@{version} ({digest}); pass it with --catalog"
    )]
    UnknownCatalogue {
        /// Catalogue id.
        id: String,
        /// Catalogue version.
        version: String,
        /// Catalogue digest.
        digest: String,
    },
    /// A timestamp that is not RFC 3339.
    #[error("{0:?} is not a date-time of the form 2026-01-31T08:00:00Z")]
    BadTimestamp(String),
    /// The passphrase does not open the key file.
    #[error("the passphrase is wrong (or the key file is damaged)")]
    WrongPassphrase,
    /// A new key's passphrase is too short.
    #[error("the passphrase must have at least {min} characters")]
    WeakPassphrase {
        /// The minimum.
        min: usize,
    },
    /// The key file cannot be used.
    #[error("the key file cannot be used: {0}")]
    KeyFile(String),
    /// The answers name another catalogue than the one given.
    #[error("the answers are for catalogue {found}, but the catalogue in use is {expected}")]
    CatalogueMismatch {
        /// id@version (digest) of the catalogue in use.
        expected: String,
        /// What the answers name.
        found: String,
    },
}

impl Error {
    /// The error for a document (`what`) that serde_json could not read from `text`, worded for
    /// people: an empty file, a file cut short and a file that is not JSON each say so.
    pub(crate) fn syntax(what: &'static str, error: &serde_json::Error, text: &str) -> Error {
        use serde_json::error::Category;
        let (line, column) = (error.line(), error.column());
        let detail = if text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
            "it is empty".to_owned()
        } else {
            match error.classify() {
                Category::Eof => format!("it ends too early, at line {line} column {column}: the file is cut short"),
                Category::Syntax if error.to_string().starts_with("recursion limit exceeded") => format!(
                    "it is nested more than 128 levels deep (at line {line} column {column}), which no document needs"
                ),
                // serde_json also says "expected value" for a word it does not know in a place
                // that allows only some (yes, no, …): the text is JSON then, the value is wrong.
                Category::Syntax if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() => {
                    format!("the value at line {line} column {column} is not one of the values allowed there")
                }
                Category::Syntax => format!("it is not JSON: {error}"),
                Category::Data | Category::Io => error.to_string(),
            }
        };
        Error::Syntax { what, detail }
    }
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|problem| format!("\n  - {problem}")).collect()
}

/// One thing wrong with a document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: a criterion id (`B3`), an item id (`B1.2`) or a field path (`profile.credit_code`).
    pub at: String,
    /// What.
    pub kind: ProblemKind,
}

impl Problem {
    pub(crate) fn new(at: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem { at: at.into(), kind }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.kind)
    }
}

/// What is wrong. Structured, so that each interface can say it in its own language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    // Answers.
    /// No criterion with this id in the catalogue.
    UnknownCriterion,
    /// No sub-item with this id in the criterion's checklist.
    UnknownItem(String),
    /// A sub-item listed twice.
    DuplicateItem(String),
    /// A checklist answered with a value other than `na`.
    ChecklistNeedsChecked,
    /// A scale or binary criterion answered with `checked`.
    NotAChecklist,
    /// Both `value` and `checked` given.
    ValueAndChecked,
    /// `partly` on a binary criterion.
    PartlyNotAllowed,
    /// `na` where the criterion does not allow it.
    NotApplicableNotAllowed,
    /// A link that is not an http(s) address.
    BadLink(String),
    /// A file digest that is not 64 lowercase hex digits.
    BadFileDigest,
    /// An empty file name in the evidence.
    EmptyFileName,
    /// The credit code is invalid.
    CreditCode(CreditCodeError),
    /// A date that is not a real `YYYY-MM-DD` date.
    BadDate(String),
    /// The period ends before it starts.
    PeriodReversed,
    /// A text longer than allowed.
    TooLong {
        /// The limit in characters.
        limit: usize,
    },
    // Catalogue.
    /// A field that must be of a given form is not.
    Malformed(&'static str),
    /// An id used twice.
    DuplicateId,
    /// A criterion or item id that does not start with its parent's id.
    IdOutsideParent(String),
    /// Points that do not add up.
    PointsMismatch {
        /// What they must add up to.
        expected: u32,
        /// What they add up to.
        found: u32,
    },
    /// A scale criterion with odd points: half of them would not be an integer.
    OddScalePoints,
    /// A veto on a criterion that is not binary, or that allows not applicable.
    MisplacedVeto,
    /// A checklist with fewer than two or more than 64 items, or items on a non-checklist.
    BadItems,
    /// Grade bands not in strictly decreasing order from at most 1000 down to 0.
    BadGradeBands,
    /// The veto grade is not one of the grades.
    UnknownVetoGrade,
    /// An empty text.
    EmptyText,
    /// A field that must be filled in to sign.
    Missing,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::UnknownCriterion => {
                write!(f, "there is no criterion with this id in the catalogue")
            }
            ProblemKind::UnknownItem(item) => {
                write!(f, "{item} is not one of this checklist's sub-items")
            }
            ProblemKind::DuplicateItem(item) => write!(f, "{item} is listed twice"),
            ProblemKind::ChecklistNeedsChecked => write!(
                f,
                "this criterion is a checklist: answer with \"checked\" (the sub-items met) or \"value\": \"na\""
            ),
            ProblemKind::NotAChecklist => {
                write!(f, "this criterion is not a checklist: answer with \"value\", not \"checked\"")
            }
            ProblemKind::ValueAndChecked => {
                write!(f, "give either \"value\" or \"checked\", not both")
            }
            ProblemKind::PartlyNotAllowed => {
                write!(f, "this criterion is answered yes or no; \"partly\" is not allowed")
            }
            ProblemKind::NotApplicableNotAllowed => {
                write!(f, "this criterion always applies; \"na\" is not allowed")
            }
            ProblemKind::BadLink(url) => write!(f, "{url:?} is not an http:// or https:// address"),
            ProblemKind::BadFileDigest => {
                write!(f, "a file's sha256 must be 64 lowercase hexadecimal digits")
            }
            ProblemKind::EmptyFileName => write!(f, "a file in the evidence has no name"),
            ProblemKind::CreditCode(error) => write!(f, "{error}"),
            ProblemKind::BadDate(date) => {
                write!(f, "{date:?} is not a date of the form YYYY-MM-DD")
            }
            ProblemKind::PeriodReversed => write!(f, "the period ends before it starts"),
            ProblemKind::TooLong { limit } => {
                write!(f, "longer than the limit of {limit} characters")
            }
            ProblemKind::Malformed(rule) => write!(f, "{rule}"),
            ProblemKind::DuplicateId => write!(f, "this id is used more than once"),
            ProblemKind::IdOutsideParent(parent) => write!(f, "the id must start with {parent}"),
            ProblemKind::PointsMismatch { expected, found } => {
                write!(f, "the points add up to {found}, but must add up to {expected}")
            }
            ProblemKind::OddScalePoints => {
                write!(f, "a scale criterion needs even points, since \"partly\" earns half of them")
            }
            ProblemKind::MisplacedVeto => {
                write!(f, "a veto belongs only on a binary criterion that does not allow not applicable")
            }
            ProblemKind::BadItems => write!(f, "a checklist has 2 to 64 sub-items, and only checklists have sub-items"),
            ProblemKind::BadGradeBands => write!(
                f,
                "grade bands must be listed highest first, with strictly decreasing minimums from at most 1000 down to 0"
            ),
            ProblemKind::UnknownVetoGrade => write!(f, "the veto grade is not one of the grades"),
            ProblemKind::EmptyText => write!(f, "the text is empty"),
            ProblemKind::Missing => write!(f, "must be filled in before the result is signed"),
        }
    }
}
