//! The core's one error type, and the structured problems found in a document.
//!
//! Nothing here is worded for one language: [`Error::message`] and [`Problem::message`] (in
//! `messages.rs`) say each in Simplified Chinese or English, and [`Error::code`] gives a stable
//! code for scripts and bindings. `Display` is the English message.

use crate::credit_code::CreditCodeError;
use crate::json::{JsonError, JsonType};
use crate::text::Lang;

/// The kinds of document selfcheck reads and writes: what a message names, and what a file of the
/// wrong kind turns out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Document {
    /// A signed self-assessment result (a Verifiable Credential).
    Result,
    /// An answers document (`selfcheck-answers/1`).
    Answers,
    /// A draft saved by the widget (an answers document whose profile may be incomplete).
    Draft,
    /// A criteria catalogue.
    Catalogue,
    /// A report (`selfcheck-report/1`).
    Report,
    /// An encrypted key file.
    KeyFile,
    /// The bureau's register of association keys.
    Register,
    /// The bureau's list of associations expected to report.
    ExpectedList,
    /// The bureau's review file (`selfcheck-review/1`).
    Review,
    /// The bureau's signed summary.
    Summary,
    /// The bureau's signed rectification notice (整改通知).
    Notice,
    /// The bureau's analysis of received files (`selfcheck-analysis/1`).
    Analysis,
    /// A Verifiable Credential of another kind than a selfcheck result.
    OtherCredential,
    /// JSON of no kind selfcheck knows.
    UnknownJson,
    // Files of other programs, which people pick by mistake.
    /// A zip archive (of e-mail attachments, say).
    Archive,
    /// A word-processing document (.docx, .doc, .odt).
    WordProcessing,
    /// A spreadsheet (.xlsx, .xls, .ods).
    Spreadsheet,
    /// A PDF file.
    Pdf,
    /// An image (PNG, JPEG, GIF, BMP, WebP, TIFF).
    Image,
    /// A video or sound recording (MP4, MOV, AVI, MKV, WebM, WMV, FLV, MP3, WAV, Ogg).
    Media,
    /// A web page (HTML).
    WebPage,
    /// Plain text of no kind selfcheck reads.
    PlainText,
}

/// Everything that can go wrong in the core.
///
/// Match on it for control flow; show it with [`Error::message`] in the user's language.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than the documented limit; it was not parsed.
    #[error("{}", self.message(Lang::En))]
    TooLarge {
        /// What was being read.
        what: Document,
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input is not JSON (or not UTF-8): empty, cut short, a stray character, too deep, a
    /// duplicate key, a number that is not an integer within ±2^53.
    #[error("{}", self.message(Lang::En))]
    Json {
        /// What was being read.
        what: Document,
        /// What is wrong and where.
        error: JsonError,
    },
    /// The input is JSON of another kind of document (a result where a draft was expected, …).
    #[error("{}", self.message(Lang::En))]
    WrongDocument {
        /// What was expected.
        expected: Document,
        /// What it is.
        found: Document,
    },
    /// The input is the right kind of document, but fields are missing, unknown or of the wrong
    /// shape; every problem names its field by path.
    #[error("{}", self.message(Lang::En))]
    Malformed {
        /// What was being read.
        what: Document,
        /// Each field's problem.
        problems: Vec<Problem>,
    },
    /// The catalogue breaks its own rules.
    #[error("{}", self.message(Lang::En))]
    InvalidCatalogue(Vec<Problem>),
    /// The answers do not fit the catalogue.
    #[error("{}", self.message(Lang::En))]
    InvalidAnswers(Vec<Problem>),
    /// A result is signed only for a complete profile.
    #[error("{}", self.message(Lang::En))]
    IncompleteProfile(Vec<Problem>),
    /// The proof is of another kind than selfcheck verifies.
    #[error("{}", self.message(Lang::En))]
    UnsupportedProof(ProofProblem),
    /// The issuer or verification method is not a usable did:key.
    #[error("{}", self.message(Lang::En))]
    BadDidKey(String),
    /// The proof names another key than the issuer's.
    #[error("{}", self.message(Lang::En))]
    VerificationMethodMismatch {
        /// The issuer's key: issuer + "#" + multibase.
        expected: String,
        /// What the proof names.
        found: String,
    },
    /// The proof's `@context` is not the document's.
    #[error("{}", self.message(Lang::En))]
    ProofContextMismatch,
    /// The proofValue is not a multibase base58btc Ed25519 signature.
    #[error("{}", self.message(Lang::En))]
    BadProofValue(ProofValueProblem),
    /// The signature does not match.
    #[error("{}", self.message(Lang::En))]
    SignatureMismatch,
    /// The second proof, the SM2 signature (国密签名), does not match, or is not one.
    #[error("{}", self.message(Lang::En))]
    Sm2SignatureMismatch,
    /// The embedded report differs from what the embedded answers score.
    #[error("{}", self.message(Lang::En))]
    ReportMismatch {
        /// The first field that differs, as a path in the report (`total`, `areas[1].points`).
        field: String,
        /// What the result claims.
        claimed: String,
        /// What the core computes.
        computed: String,
    },
    /// The result pins a catalogue this program does not know.
    #[error("{}", self.message(Lang::En))]
    UnknownCatalogue {
        /// Catalogue id.
        id: String,
        /// Catalogue version.
        version: String,
        /// Catalogue digest.
        digest: String,
    },
    /// A custom catalogue claims the id and version of a built-in one, with other content.
    #[error("{}", self.message(Lang::En))]
    CatalogueImpersonation {
        /// Catalogue id.
        id: String,
        /// Catalogue version.
        version: String,
    },
    /// A time that is not an RFC 3339 date-time of the form 2026-01-31T08:00:00Z.
    #[error("{}", self.message(Lang::En))]
    BadTimestamp(TimestampProblem),
    /// A result signed later than the verifier's clock: not valid yet.
    #[error("{}", self.message(Lang::En))]
    NotYetValid {
        /// Where: `validFrom` or `proof.created`.
        field: String,
        /// The time it names.
        time: String,
        /// The verifier's clock.
        now: String,
    },
    /// The passphrase does not open the key file.
    #[error("{}", self.message(Lang::En))]
    WrongPassphrase,
    /// A new key's passphrase is too short.
    #[error("{}", self.message(Lang::En))]
    WeakPassphrase {
        /// The minimum number of characters.
        min: usize,
    },
    /// The key file cannot be used.
    #[error("{}", self.message(Lang::En))]
    KeyFile(KeyFileProblem),
    /// The answers name another catalogue than the one given.
    #[error("{}", self.message(Lang::En))]
    CatalogueMismatch {
        /// id@version (digest) of the catalogue in use.
        expected: String,
        /// What the answers name.
        found: String,
    },
}

/// What makes a proof unsupported.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProofProblem {
    /// The document has no `proof`.
    Missing,
    /// `proof` is not one object, nor a proof set of one `eddsa-jcs-2022` proof and one SM2
    /// proof (other proofs, or another shape).
    NotOneObject,
    /// Its `type` is not `DataIntegrityProof`.
    Type(String),
    /// Its `cryptosuite` is not `eddsa-jcs-2022`.
    Cryptosuite(String),
    /// Its `proofPurpose` is not `assertionMethod`.
    Purpose(String),
    /// It has no `verificationMethod`.
    NoVerificationMethod,
    /// Its `verificationMethod` has no `#fragment` naming the key.
    NoKeyFragment(String),
}

/// What is wrong with a `proofValue`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProofValueProblem {
    /// There is none.
    Missing,
    /// It does not start with `z` (multibase base58btc).
    NotMultibase,
    /// It is not base58.
    NotBase58,
    /// It decodes to this many bytes instead of 64.
    WrongLength(usize),
}

/// What is wrong with a timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimestampProblem {
    /// Not of the form `2026-01-31T08:00:00Z` (or with an offset such as `+08:00`).
    Form(String),
    /// Before 2013 (the campaign's year) or after 9999.
    OutOfRange(String),
    /// A leap second (`:60`), which no signing host writes.
    LeapSecond(String),
    /// More than nine digits of fractional seconds.
    Fraction(String),
}

impl TimestampProblem {
    /// The text that was refused.
    pub fn text(&self) -> &str {
        match self {
            TimestampProblem::Form(text)
            | TimestampProblem::OutOfRange(text)
            | TimestampProblem::LeapSecond(text)
            | TimestampProblem::Fraction(text) => text,
        }
    }
}

/// How a caller should treat a failed verification: the verdict's first failing stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorClass {
    /// Not a signed result at all: unreadable, not JSON, or another kind of document.
    NotAResult,
    /// A result whose format is wrong: fields, types, timestamps.
    Malformed,
    /// A well-formed result whose signature, key, catalogue or report does not hold up, or that
    /// is not valid yet.
    Invalid,
    /// Not about a result: a key file, a passphrase, answers or a catalogue given to sign.
    Other,
}

impl Error {
    /// A stable code for scripts and bindings (`"signature-mismatch"`, `"not-json"`, …), the same
    /// in every interface.
    pub fn code(&self) -> &'static str {
        match self {
            Error::TooLarge { .. } => "too-large",
            Error::Json { error, .. } => match error.kind {
                crate::json::JsonErrorKind::NotUtf8 { .. } => "not-utf8",
                _ => "not-json",
            },
            Error::WrongDocument { .. } => "wrong-document",
            Error::Malformed { .. } => "malformed",
            Error::InvalidCatalogue(_) => "invalid-catalogue",
            Error::InvalidAnswers(_) => "invalid-answers",
            Error::IncompleteProfile(_) => "incomplete-profile",
            Error::UnsupportedProof(_) => "unsupported-proof",
            Error::BadDidKey(_) => "bad-did-key",
            Error::VerificationMethodMismatch { .. } => "verification-method-mismatch",
            Error::ProofContextMismatch => "proof-context-mismatch",
            Error::BadProofValue(_) => "bad-proof-value",
            Error::SignatureMismatch => "signature-mismatch",
            Error::Sm2SignatureMismatch => "sm2-signature-mismatch",
            Error::ReportMismatch { .. } => "report-mismatch",
            Error::UnknownCatalogue { .. } => "unknown-catalogue",
            Error::CatalogueImpersonation { .. } => "catalogue-impersonation",
            Error::BadTimestamp(_) => "bad-timestamp",
            Error::NotYetValid { .. } => "not-yet-valid",
            Error::WrongPassphrase => "wrong-passphrase",
            Error::WeakPassphrase { .. } => "weak-passphrase",
            Error::KeyFile(_) => "key-file",
            Error::CatalogueMismatch { .. } => "catalogue-mismatch",
        }
    }

    /// How a failed verification ranks: not a result at all, a malformed result, or an invalid one.
    pub fn class(&self) -> ErrorClass {
        match self {
            Error::TooLarge { .. } | Error::Json { .. } | Error::WrongDocument { .. } => ErrorClass::NotAResult,
            Error::Malformed { .. } | Error::BadTimestamp(_) => ErrorClass::Malformed,
            Error::UnsupportedProof(_)
            | Error::BadDidKey(_)
            | Error::VerificationMethodMismatch { .. }
            | Error::ProofContextMismatch
            | Error::BadProofValue(_)
            | Error::SignatureMismatch
            | Error::Sm2SignatureMismatch
            | Error::ReportMismatch { .. }
            | Error::UnknownCatalogue { .. }
            | Error::NotYetValid { .. }
            | Error::InvalidAnswers(_)
            | Error::IncompleteProfile(_) => ErrorClass::Invalid,
            Error::InvalidCatalogue(_)
            | Error::CatalogueImpersonation { .. }
            | Error::WrongPassphrase
            | Error::WeakPassphrase { .. }
            | Error::KeyFile(_)
            | Error::CatalogueMismatch { .. } => ErrorClass::Other,
        }
    }

    /// The structured problems, for errors that list them.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Malformed { problems, .. }
            | Error::InvalidCatalogue(problems)
            | Error::InvalidAnswers(problems)
            | Error::IncompleteProfile(problems) => problems,
            _ => &[],
        }
    }

    /// The error for a document that is not JSON.
    pub(crate) fn json(what: Document, error: JsonError) -> Error {
        Error::Json { what, error }
    }
}

/// One thing wrong with a document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: a field path (`credentialSubject.profile.name`, `answers.A1.evidence[0].url`), a
    /// criterion id (`B3`) or a sub-item id (`B1.2`).
    pub at: String,
    /// What.
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem at `at`.
    pub fn new(at: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem { at: at.into(), kind }
    }

    /// A stable code for scripts and bindings.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// What is wrong. Structured, so that each interface can say it in its own language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    // The shape of a document.
    /// A field of the wrong JSON type.
    WrongType {
        /// What the format asks for.
        expected: JsonType,
        /// What is there.
        found: JsonType,
    },
    /// A required field is absent.
    MissingField,
    /// A field the format does not have.
    UnknownField,
    /// A text that must be one of a few words.
    NotOneOf {
        /// The words allowed.
        allowed: &'static [&'static str],
        /// What is there.
        found: String,
    },
    /// An integer outside its range.
    OutOfRange {
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
        /// What is there.
        found: i64,
    },
    /// A text that must be exactly this value.
    MustBe(String),
    /// A list that must contain these values.
    MustInclude(Vec<String>),
    /// A `urn:uuid:` identifier was expected.
    NotUrnUuid,
    /// A text of exactly this many hexadecimal digits was expected.
    NotHex {
        /// How many digits.
        digits: usize,
    },
    /// A text with no visible character (only spaces or invisible characters).
    NoVisibleText,
    /// A text with control characters (line breaks, escape sequences) where only one line of
    /// plain text belongs.
    ControlCharacters,
    /// Template hints (`title`, `allowed`, `items`) inside a signed result's answers.
    TemplateHints,
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
    /// More pieces of evidence than a criterion may have.
    TooMuchEvidence {
        /// The limit.
        limit: usize,
    },
    /// No area with this id in the catalogue.
    UnknownArea,
    /// More new problems than one month's report may carry.
    TooManyProblems {
        /// The limit.
        limit: usize,
    },
    /// The credit code is invalid.
    CreditCode(CreditCodeError),
    /// A date that is not a real `YYYY-MM-DD` date from 1900 on.
    BadDate(String),
    /// The period ends before it starts.
    PeriodReversed,
    /// A notice's deadline before the day it is issued (that day, Beijing).
    DeadlineBeforeIssued(String),
    /// A notice that names no criterion to fix.
    NoNoticeItems,
    /// An e-mail address that is not of the form name@domain.
    BadEmail(String),
    /// A text longer than allowed.
    TooLong {
        /// The limit in characters.
        limit: usize,
    },
    /// A field that must be filled in to sign.
    Missing,
    // Catalogue.
    /// The catalogue's `format` is not one this program reads.
    UnsupportedCatalogueFormat(i64),
    /// An id that must be lowercase letters, digits and single hyphens.
    NotASlug,
    /// A version that must be three numbers separated by dots.
    NotAVersion,
    /// An area id that is not one capital letter.
    BadAreaId,
    /// A criterion id that is not its area's letter and a number (`A1`).
    BadCriterionId,
    /// A sub-item id that is not its criterion's id, a dot and a number (`A1.1`).
    BadItemId,
    /// A list that must not be empty (areas, an area's criteria).
    Empty,
    /// An id used twice.
    DuplicateId,
    /// A criterion or item id that does not start with its parent's id.
    IdOutsideParent(String),
    /// Points outside 1 to the limit.
    PointsOutOfRange {
        /// The most allowed.
        max: u32,
    },
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
    /// The veto grade is not the lowest grade: a veto would raise a low score.
    VetoGradeNotLowest,
    /// An empty text.
    EmptyText,
    // The key register.
    /// A key fingerprint that is not 32 hexadecimal digits.
    BadFingerprint,
    /// A key filed already for another association, whose credit code this is.
    KeyOfAnotherAssociation(String),
    // The bureau's files.
    /// A line of the expected list without a credit code.
    NoCreditCode,
    /// A credit code that Excel turned into a number (`5.144E+17`), its last digits lost.
    CodeAsNumber(String),
    /// A line of the expected list without a name.
    NoName,
    /// An expected list without a single association.
    NoAssociations,
    /// A credit code listed already, on this line.
    ListedTwice {
        /// The line it is first listed on.
        line: usize,
    },
    /// A quotation mark that is never closed.
    UnclosedQuote,
    /// A result digest that is not 64 lowercase hexadecimal digits.
    BadResultDigest,
    /// A time that is not an RFC 3339 date-time.
    BadTime(String),
    /// A month that is not `YYYY-MM` (or a range `YYYY-MM..YYYY-MM`).
    BadMonth(String),
}

impl ProblemKind {
    /// A stable code for scripts and bindings.
    pub fn code(&self) -> &'static str {
        match self {
            ProblemKind::WrongType { .. } => "wrong-type",
            ProblemKind::MissingField => "missing-field",
            ProblemKind::UnknownField => "unknown-field",
            ProblemKind::NotOneOf { .. } => "not-one-of",
            ProblemKind::OutOfRange { .. } => "out-of-range",
            ProblemKind::MustBe(_) => "must-be",
            ProblemKind::MustInclude(_) => "must-include",
            ProblemKind::NotUrnUuid => "not-urn-uuid",
            ProblemKind::NotHex { .. } => "not-hex",
            ProblemKind::NoVisibleText => "no-visible-text",
            ProblemKind::ControlCharacters => "control-characters",
            ProblemKind::TemplateHints => "template-hints",
            ProblemKind::UnknownCriterion => "unknown-criterion",
            ProblemKind::UnknownItem(_) => "unknown-item",
            ProblemKind::DuplicateItem(_) => "duplicate-item",
            ProblemKind::ChecklistNeedsChecked => "checklist-needs-checked",
            ProblemKind::NotAChecklist => "not-a-checklist",
            ProblemKind::ValueAndChecked => "value-and-checked",
            ProblemKind::PartlyNotAllowed => "partly-not-allowed",
            ProblemKind::NotApplicableNotAllowed => "not-applicable-not-allowed",
            ProblemKind::BadLink(_) => "bad-link",
            ProblemKind::BadFileDigest => "bad-file-digest",
            ProblemKind::EmptyFileName => "empty-file-name",
            ProblemKind::TooMuchEvidence { .. } => "too-much-evidence",
            ProblemKind::UnknownArea => "unknown-area",
            ProblemKind::TooManyProblems { .. } => "too-many-problems",
            ProblemKind::CreditCode(_) => "credit-code",
            ProblemKind::BadDate(_) => "bad-date",
            ProblemKind::PeriodReversed => "period-reversed",
            ProblemKind::DeadlineBeforeIssued(_) => "deadline-before-issued",
            ProblemKind::NoNoticeItems => "no-notice-items",
            ProblemKind::BadEmail(_) => "bad-email",
            ProblemKind::TooLong { .. } => "too-long",
            ProblemKind::Missing => "missing",
            ProblemKind::UnsupportedCatalogueFormat(_) => "unsupported-catalogue-format",
            ProblemKind::NotASlug => "not-a-slug",
            ProblemKind::NotAVersion => "not-a-version",
            ProblemKind::BadAreaId => "bad-area-id",
            ProblemKind::BadCriterionId => "bad-criterion-id",
            ProblemKind::BadItemId => "bad-item-id",
            ProblemKind::Empty => "empty",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::IdOutsideParent(_) => "id-outside-parent",
            ProblemKind::PointsOutOfRange { .. } => "points-out-of-range",
            ProblemKind::PointsMismatch { .. } => "points-mismatch",
            ProblemKind::OddScalePoints => "odd-scale-points",
            ProblemKind::MisplacedVeto => "misplaced-veto",
            ProblemKind::BadItems => "bad-items",
            ProblemKind::BadGradeBands => "bad-grade-bands",
            ProblemKind::UnknownVetoGrade => "unknown-veto-grade",
            ProblemKind::VetoGradeNotLowest => "veto-grade-not-lowest",
            ProblemKind::EmptyText => "empty-text",
            ProblemKind::BadFingerprint => "bad-fingerprint",
            ProblemKind::KeyOfAnotherAssociation(_) => "key-of-another-association",
            ProblemKind::NoCreditCode => "no-credit-code",
            ProblemKind::CodeAsNumber(_) => "code-as-number",
            ProblemKind::NoName => "no-name",
            ProblemKind::NoAssociations => "no-associations",
            ProblemKind::ListedTwice { .. } => "listed-twice",
            ProblemKind::UnclosedQuote => "unclosed-quote",
            ProblemKind::BadResultDigest => "bad-result-digest",
            ProblemKind::BadTime(_) => "bad-time",
            ProblemKind::BadMonth(_) => "bad-month",
        }
    }
}

/// What makes a key file unusable, said by [`crate::messages`] in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyFileProblem {
    /// No `-----BEGIN` line: not a PEM file.
    NotPem,
    /// No `-----END` line: cut short.
    CutShort,
    /// More than one PEM block.
    SeveralBlocks,
    /// A PEM block of another kind (`label`); `unencrypted` when it is a private key kept unencrypted.
    WrongLabel {
        /// The block's label, as far as it is printable.
        label: String,
        /// Whether it is an unencrypted private key.
        unencrypted: bool,
    },
    /// The PEM text does not decode.
    Undecodable,
    /// The encrypted key structure cannot be read.
    Unreadable,
    /// An encryption scheme selfcheck cannot use.
    UnsupportedEncryption,
    /// A key derivation function selfcheck cannot use.
    UnsupportedKdf,
    /// scrypt's N is not a power of two above 1.
    BadScryptCost(u64),
    /// A parameter of the encryption is outside what selfcheck accepts.
    OutOfRange {
        /// Which.
        parameter: KeyFileParameter,
        /// Its value in the file.
        found: u64,
        /// The least accepted.
        min: u64,
        /// The most accepted.
        max: u64,
    },
    /// The key derivation needs more memory than allowed.
    TooMuchMemory {
        /// Bytes it needs.
        bytes: u64,
        /// Bytes allowed.
        limit: u64,
    },
    /// The key derivation is more work than allowed, in SHA-256 PBKDF2 iterations.
    TooMuchWork {
        /// Which derivation (`PBKDF2-HMAC-SHA256`, `scrypt`, …).
        what: &'static str,
        /// Its work.
        work: u64,
        /// The work allowed.
        limit: u64,
    },
    /// It holds a key of another kind.
    NotEd25519(KeyKind),
    /// An Ed25519 key with algorithm parameters, which RFC 8410 forbids.
    AlgorithmParameters,
    /// The Ed25519 private key is not a 32-byte seed (its length when it is an OCTET STRING).
    SeedLength(Option<usize>),
    /// The public key in the file is not the private key's.
    PublicKeyMismatch,
    /// Protected with scrypt, which the browser cannot derive: only the `selfcheck` program
    /// opens it.
    ScryptNeedsNative,
    /// A new key file with fewer PBKDF2 iterations than selfcheck writes.
    TooFewIterations {
        /// The minimum.
        min: u32,
    },
    /// The key could not be encoded (a bug: please report it).
    Encoding,
    /// The SM2 part of a key file is not a usable SM2 key, or random bytes gave no SM2 key.
    Sm2Scalar,
    /// The second block of a key file holds a key of this kind: after the association's key, a
    /// key file holds only its SM2 part.
    SecondBlock(KeyKind),
}

/// A parameter of a key file's encryption, which [`KeyFileProblem::OutOfRange`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyFileParameter {
    /// scrypt's cost `N`.
    ScryptCost,
    /// scrypt's block size `r`.
    ScryptBlockSize,
    /// scrypt's parallelization `p`.
    ScryptParallelization,
    /// PBKDF2's iteration count.
    Pbkdf2Iterations,
    /// The length of the derived key, in bytes, which the cipher fixes (AES-256: 32).
    KeyLength,
}

/// The kind of key a decrypted PKCS#8 structure holds, as people name it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyKind {
    /// Ed25519, the one selfcheck signs with.
    Ed25519,
    /// Ed448.
    Ed448,
    /// X25519 (key agreement, not signing).
    X25519,
    /// X448.
    X448,
    /// RSA.
    Rsa,
    /// RSA-PSS.
    RsaPss,
    /// DSA.
    Dsa,
    /// Diffie-Hellman.
    DiffieHellman,
    /// An elliptic-curve key on a named curve (P-256, secp256k1, SM2, …).
    Ec(&'static str),
    /// An elliptic-curve key on a curve named by this OID (`None`: given by explicit parameters).
    EcCurve(Option<String>),
    /// A key of the algorithm with this OID.
    Other(String),
}
