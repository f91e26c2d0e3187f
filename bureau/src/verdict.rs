//! The bureau's verdict on one received file, in the order of the checks, stopping at the first
//! failure: not a result → format → signature → key register → catalogue → period.
//!
//! The work is split so that a host can keep what does not depend on the register:
//! [`examine`] runs every stage but the register (the costly signature among them) once per
//! file; [`Examined::judge`] applies a register in its place in the order, cheaply, each time the
//! register changes. [`verdict`] does both.

use std::sync::Arc;

use selfcheck_core::catalogue::Catalogue;
use selfcheck_core::credential::{ResultClaims, ResultWarning, SignedResult, VerifiedResult};
use selfcheck_core::error::{Document, Error, ErrorClass};
use selfcheck_core::keys::{Fingerprint, PublicKey};
use selfcheck_core::register::{KeyRegister, KeyStatus};
use selfcheck_core::text::Lang;
use selfcheck_core::time::Timestamp;
use selfcheck_core::wire::ResultDoc;

use super::month::{Month, report_month};
use crate::archive::ArchiveProblem;

/// A file as received: its name (as the host knows it), size and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The name the host gave it (a path, a file name, a name inside a zip).
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Lowercase hex SHA-256 of its bytes.
    pub sha256: String,
}

impl InputFile {
    /// Names `bytes` and takes their SHA-256.
    pub fn new(name: impl Into<String>, bytes: &[u8]) -> InputFile {
        InputFile { name: name.into(), size: bytes.len() as u64, sha256: selfcheck_core::credential::sha256_hex(bytes) }
    }
}

/// The stage at which a file failed, in the order they are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Not a signed result: unreadable, not JSON, or another kind of document.
    NotAResult,
    /// A result of the wrong format: fields, types, timestamps.
    Format,
    /// The signature does not hold, or the result is signed later than the verifier's clock.
    Signature,
    /// The key that signed is not the one filed for the result's credit code.
    KeyRegister,
    /// The catalogue it pins is unknown, its answers or profile do not fit it, or its report
    /// is not what its answers score.
    Catalogue,
    /// Its period had not begun on the day it was signed.
    Period,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 6] =
        [Stage::NotAResult, Stage::Format, Stage::Signature, Stage::KeyRegister, Stage::Catalogue, Stage::Period];

    /// A stable code for scripts and bindings.
    pub fn code(self) -> &'static str {
        match self {
            Stage::NotAResult => "not-a-result",
            Stage::Format => "format",
            Stage::Signature => "signature",
            Stage::KeyRegister => "key-register",
            Stage::Catalogue => "catalogue",
            Stage::Period => "period",
        }
    }

    /// What failing at this stage means, in a few words of `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        crate::words::stage(self, lang)
    }
}

/// What is wrong with a result's period, for the bureau.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PeriodProblem {
    /// The period starts after the day the result was signed: it reports on a time that had
    /// not begun.
    NotBegun {
        /// The period's first day.
        from: String,
        /// The signing date, Beijing time.
        signed: String,
    },
}

/// Why a file was rejected.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Reason {
    /// Reading or verification failed with this error.
    Error(crate::Error),
    /// The register does not file the signing key for the result's credit code.
    Key(KeyStatus),
    /// The period cannot be a report's.
    Period(PeriodProblem),
    /// The bureau requires the second signature in China's national algorithms (SM2/SM3), and
    /// the result has only its Ed25519 proof.
    Sm2Required,
}

impl Reason {
    /// The reason in plain words of `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Reason::Error(error) => error.message(lang),
            Reason::Key(status) => status.message(lang),
            Reason::Period(problem) => crate::words::period_problem(problem, lang),
            Reason::Sm2Required => crate::words::sm2_required(lang).to_owned(),
        }
    }

    /// A stable code for scripts and bindings: the error's, the key status's, or the period
    /// problem's.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Error(error) => error.code(),
            Reason::Key(status) => status.code(),
            Reason::Period(PeriodProblem::NotBegun { .. }) => "period-not-begun",
            Reason::Sm2Required => "sm2-required",
        }
    }
}

/// Who and which period a result names. Authentic (what the signer wrote) when the verdict has
/// a [`Signer`]; otherwise only what the file **claims**, to be shown marked as unverified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The association's name, trimmed.
    pub name: String,
    /// The credit code in its canonical form when valid, else as written (spaces and hyphens
    /// dropped).
    pub credit_code: String,
    /// Whether the credit code is a valid one.
    pub credit_code_valid: bool,
    /// The period's first day as written.
    pub period_from: String,
    /// The period's last day as written.
    pub period_to: String,
}

impl Claim {
    fn of(document: &ResultDoc) -> Claim {
        let profile = &document.credential_subject.profile;
        Claim::new(&profile.name, &profile.credit_code, &profile.period.from, &profile.period.to)
    }

    fn new(name: &str, credit_code: &str, period_from: &str, period_to: &str) -> Claim {
        let parsed = selfcheck_core::CreditCode::parse(credit_code);
        Claim {
            name: name.trim().to_owned(),
            credit_code: parsed
                .as_ref()
                .map_or_else(|_| selfcheck_core::credit_code::normalize(credit_code), |code| code.as_str().to_owned()),
            credit_code_valid: parsed.is_ok(),
            period_from: period_from.to_owned(),
            period_to: period_to.to_owned(),
        }
    }

    /// What a result of the wrong format still says about who and when, where those fields are
    /// texts: so that the bureau sees whose (claimed) file is malformed.
    fn of_malformed(text: &str) -> Option<Claim> {
        let value = selfcheck_core::json::parse(text).ok()?;
        let profile = value.get("credentialSubject")?.get("profile")?;
        let field = |path: &[&str]| {
            path.iter()
                .try_fold(profile, |value, key| value.get(key))
                .and_then(selfcheck_core::json::Json::as_str)
                .unwrap_or("")
        };
        let claim =
            Claim::new(field(&["name"]), field(&["credit_code"]), field(&["period", "from"]), field(&["period", "to"]));
        (!claim.name.is_empty() || !claim.credit_code.is_empty()).then_some(claim)
    }

    /// The month it reports on (see [`super::month`]), when its period's last day is a date.
    pub fn month(&self) -> Option<Month> {
        report_month(&self.period_to)
    }
}

/// What a holding signature vouches for: the key that signed, when, and the result's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// The key.
    pub key: PublicKey,
    /// Its fingerprint, as the register files it.
    pub fingerprint: Fingerprint,
    /// When it was signed (`validFrom`).
    pub issued: Timestamp,
    /// The result's digest: SHA-256 of the canonical form of the signed document, the same for
    /// every copy of the result.
    pub digest: String,
}

/// A file examined by every stage that does not depend on the key register. Keep it, and
/// [`judge`](Examined::judge) it again when the register changes.
#[derive(Debug, Clone)]
pub struct Examined {
    file: InputFile,
    claim: Option<Claim>,
    signer: Option<Signer>,
    /// The first failure before the register, with its stage.
    early: Option<(Stage, crate::Error)>,
    /// After the register: the content's stage, then the period's.
    content: Option<Result<Arc<VerifiedResult>, Error>>,
}

/// Examines one file: reads it, checks its format and signature against the verifier's clock
/// `now`, and (when the signature holds) its catalogue, answers, report and period. No IO: the
/// host passes the bytes.
///
/// ```
/// use selfcheck_bureau::{Stage, examine};
/// use selfcheck_core::{Catalogue, Timestamp};
///
/// let now = Timestamp::parse("2026-12-01T00:00:00Z").unwrap();
/// let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
/// let examined = examine("notes.txt", "这不是自查结果".as_bytes(), &catalogues, &now);
/// assert_eq!(examined.judge(None).stage(), Some(Stage::NotAResult));
/// ```
pub fn examine(name: &str, bytes: &[u8], catalogues: &[&Catalogue], now: &Timestamp) -> Examined {
    let file = InputFile::new(name, bytes);
    let mut examined = Examined { file, claim: None, signer: None, early: None, content: None };
    let text = match selfcheck_core::wire::file_text(bytes, Document::Result) {
        Ok(text) => text,
        Err(error) => {
            examined.early = Some((Stage::NotAResult, error.into()));
            return examined;
        }
    };
    let claims = match ResultClaims::read(text) {
        Ok(claims) => claims,
        Err(error) => {
            let stage = match error.class() {
                ErrorClass::NotAResult => Stage::NotAResult,
                ErrorClass::Malformed => Stage::Format,
                // A proof that is not one object, or whose @context is not the document's.
                _ => Stage::Signature,
            };
            if stage != Stage::NotAResult {
                examined.claim = Claim::of_malformed(text);
            }
            examined.early = Some((stage, error.into()));
            return examined;
        }
    };
    examined.claim = Some(Claim::of(claims.document()));
    let signed: SignedResult = match claims.verify_signature(now) {
        Ok(signed) => signed,
        Err(error) => {
            examined.early = Some((Stage::Signature, error.into()));
            return examined;
        }
    };
    examined.signer = Some(Signer {
        fingerprint: signed.key().fingerprint(),
        key: *signed.key(),
        issued: signed.issued().clone(),
        digest: signed.digest().to_owned(),
    });
    examined.content = Some(signed.check_content(catalogues).map(Arc::new));
    examined
}

/// A received file the host could not open or unpack (a damaged `.zip` archive, or a file in
/// one that is encrypted, too large, damaged or packed another way): examined as not a result,
/// saying why, so that it is a row like any other file and counted. `bytes` are what was received
/// for it (the archive; for a file in one, its data as stored in the archive): the row's size and
/// SHA-256 are theirs.
///
/// ```
/// use selfcheck_bureau::{ArchiveProblem, Stage, unopened};
/// use selfcheck_core::Lang;
///
/// let examined = unopened("附件.zip", b"PK\x03\x04 cut short", ArchiveProblem::Damaged);
/// let verdict = examined.judge(None);
/// assert_eq!(verdict.stage(), Some(Stage::NotAResult));
/// assert_eq!(verdict.reason().unwrap().code(), "damaged-archive");
/// assert!(verdict.message(Lang::Zh).contains("压缩包已损坏"));
/// ```
pub fn unopened(name: &str, bytes: &[u8], problem: ArchiveProblem) -> Examined {
    unopened_file(InputFile::new(name, bytes), problem)
}

/// As [`unopened`], for a file whose size and SHA-256 the host computed as it streamed it (an
/// entry of an archive too large to hold, say, or one kept without its bytes).
pub fn unopened_file(file: InputFile, problem: ArchiveProblem) -> Examined {
    not_a_result(file, crate::Error::Archive(problem))
}

/// A received file larger than a result can be ([`selfcheck_core::credential::MAX_RESULT_BYTES`]: a video
/// dropped by mistake, say), which the host did not read whole: `file` with the size and SHA-256
/// it computed as it streamed the file, and `head`, its first bytes (up to
/// [`selfcheck_core::wire::HEAD_BYTES`]), which name its kind when they show it ([`selfcheck_core::wire::oversized`]).
///
/// ```
/// use selfcheck_bureau::{InputFile, oversized};
/// use selfcheck_core::Lang;
///
/// let file = InputFile { name: "汇报.pdf.json".into(), size: 2_000_000_000, sha256: "0".repeat(64) };
/// let verdict = oversized(file, b"%PDF-1.7\n").judge(None);
/// assert_eq!(verdict.message(Lang::En), "Not a result: This is a PDF file, not a signed result.");
/// ```
pub fn oversized(file: InputFile, head: &[u8]) -> Examined {
    let size = usize::try_from(file.size).unwrap_or(usize::MAX);
    let error =
        selfcheck_core::wire::oversized(Document::Result, size, selfcheck_core::credential::MAX_RESULT_BYTES, head);
    not_a_result(file, error.into())
}

fn not_a_result(file: InputFile, error: crate::Error) -> Examined {
    Examined { file, claim: None, signer: None, early: Some((Stage::NotAResult, error)), content: None }
}

impl Examined {
    /// The file.
    pub fn file(&self) -> &InputFile {
        &self.file
    }

    /// The verdict with `register` (none: the register's stage is skipped, and the verdict says
    /// that no key was checked).
    pub fn judge(&self, register: Option<&KeyRegister>) -> Verdict {
        self.judge_with(register, false)
    }

    /// The verdict with `register`, and with `require_sm2` a result without the second signature
    /// in China's national algorithms refused at the signature's stage ([`Reason::Sm2Required`]).
    pub fn judge_with(&self, register: Option<&KeyRegister>, require_sm2: bool) -> Verdict {
        let verdict = |key_status, outcome| Verdict {
            file: self.file.clone(),
            claim: self.claim.clone(),
            signer: self.signer.clone(),
            key_status,
            outcome,
        };
        let rejected = |stage, reason| Outcome::Rejected { stage, reason };
        if let Some((stage, error)) = &self.early {
            return verdict(None, rejected(*stage, Reason::Error(error.clone())));
        }
        let (Some(signer), Some(claim), Some(content)) = (&self.signer, &self.claim, &self.content) else {
            unreachable!("a file that passed the signature has a signer, a claim and a content check")
        };
        if require_sm2 && signer.key.sm2().is_none() {
            return verdict(None, rejected(Stage::Signature, Reason::Sm2Required));
        }
        let key_status = register.map(|register| register.status_of(&claim.credit_code, &signer.key));
        if let Some(status) = key_status.as_ref().filter(|status| !status.is_registered()) {
            return verdict(key_status.clone(), rejected(Stage::KeyRegister, Reason::Key(status.clone())));
        }
        let result = match content {
            Ok(result) => result,
            Err(error) => return verdict(key_status, rejected(Stage::Catalogue, Reason::Error(error.clone().into()))),
        };
        if let Some(problem) = period_problem(result) {
            return verdict(key_status, rejected(Stage::Period, Reason::Period(problem)));
        }
        verdict(key_status, Outcome::Accepted(result.clone()))
    }
}

/// The period stage: a report cannot be on a period that had not begun when it was signed.
fn period_problem(result: &VerifiedResult) -> Option<PeriodProblem> {
    let signed = result.issued.beijing_date();
    let from = result.answers.profile().period_from()?;
    (*from > signed)
        .then(|| PeriodProblem::NotBegun { from: from.as_str().to_owned(), signed: signed.as_str().to_owned() })
}

/// Examines and judges one file: [`examine`] then [`Examined::judge`].
pub fn verdict(
    name: &str,
    bytes: &[u8],
    catalogues: &[&Catalogue],
    register: Option<&KeyRegister>,
    now: &Timestamp,
) -> Verdict {
    examine(name, bytes, catalogues, now).judge(register)
}

/// The bureau's verdict on one file.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The file.
    pub file: InputFile,
    /// Who and which period it names: authentic when [`Verdict::signer`] is present, otherwise
    /// only claimed. `None` when it is not a result of the right format.
    pub claim: Option<Claim>,
    /// Present when the signature holds.
    pub signer: Option<Signer>,
    /// The register's answer, when a register was given and the signature holds.
    pub key_status: Option<KeyStatus>,
    /// Accepted, or rejected at a stage.
    pub outcome: Outcome,
}

/// Accepted, or where and why not.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Every stage passed: the verified result. With a register, its key is the association's.
    Accepted(Arc<VerifiedResult>),
    /// The first stage that failed, and why. Nothing of the file's content is to be presented
    /// as trustworthy.
    Rejected {
        /// The stage.
        stage: Stage,
        /// Why.
        reason: Reason,
    },
}

impl Verdict {
    /// The verified result, when accepted.
    pub fn accepted(&self) -> Option<&VerifiedResult> {
        match &self.outcome {
            Outcome::Accepted(result) => Some(result),
            Outcome::Rejected { .. } => None,
        }
    }

    /// The stage it failed at; `None` when accepted.
    pub fn stage(&self) -> Option<Stage> {
        match &self.outcome {
            Outcome::Accepted(_) => None,
            Outcome::Rejected { stage, .. } => Some(*stage),
        }
    }

    /// Why it was rejected; `None` when accepted.
    pub fn reason(&self) -> Option<&Reason> {
        match &self.outcome {
            Outcome::Accepted(_) => None,
            Outcome::Rejected { reason, .. } => Some(reason),
        }
    }

    /// Whether it is a signed result at all (accepted or not).
    pub fn is_result(&self) -> bool {
        self.stage() != Some(Stage::NotAResult)
    }

    /// The month the file reports on: the verified one when accepted, else what it claims.
    pub fn month(&self) -> Option<Month> {
        self.claim.as_ref().and_then(Claim::month)
    }

    /// The warnings of an accepted result.
    pub fn warnings(&self) -> &[ResultWarning] {
        self.accepted().map_or(&[], |result| &result.warnings)
    }

    /// A stable code of the verdict: `accepted`, or the stage's code.
    pub fn code(&self) -> &'static str {
        self.stage().map_or("accepted", Stage::code)
    }

    /// The verdict in a line of `lang`: accepted, or the stage and the reason.
    pub fn message(&self, lang: Lang) -> String {
        crate::words::verdict(self, lang)
    }
}
