//! The bureau's rectification notice (整改通知): the criteria an association must fix by a
//! deadline, with the bureau's remarks, signed with the bureau's key (the notice's 限期整改).
//! Made by the desk or the CLI, imported and verified by the widget, named by its digest in the
//! association's next result.
//!
//! ```
//! use selfcheck_core::notice::{NoticeDraft, NoticeItem, sign_notice, verify_notice};
//! use selfcheck_core::{AssociationKey, Catalogue, CreditCode, Date, Timestamp};
//!
//! let catalogue = Catalogue::builtin();
//! let bureau = AssociationKey::from_seed([9; 32]);
//! let draft = NoticeDraft {
//!     credit_code: CreditCode::parse("514400005000031282").expect("a valid credit code"),
//!     name: "广东省示例行业协会".into(),
//!     based_on: None,
//!     items: vec![NoticeItem { criterion: "B2".into(), remark: "财务制度未公开。".into() }],
//!     remark: "请于期限内整改并随下月结果报送整改情况。".into(),
//!     deadline: Date::parse("2026-12-31").unwrap(),
//! };
//! let issued = Timestamp::parse("2026-12-01T02:00:00Z")?;
//! let notice = sign_notice(catalogue, &draft, &bureau, &issued, [7; 16])?;
//! let verified = verify_notice(&notice, &[catalogue], &issued)?;
//! assert_eq!(verified.key, bureau.public());
//! assert_eq!(verified.content.items[0].criterion, "B2");
//! assert_eq!(verified.content.deadline.as_str(), "2026-12-31");
//! # Ok::<(), selfcheck_core::Error>(())
//! ```

use crate::catalogue::Catalogue;
use crate::credential::{check_envelope, is_sha256_hex, pinned_catalogue, sha256_hex, sign_document, verify_issued};
use crate::credit_code::CreditCode;
use crate::error::{Document, Error, Problem, ProblemKind};
use crate::evidence::{MAX_FIELD_CHARS, MAX_NOTE_CHARS};
use crate::keys::{AssociationKey, PublicKey};
use crate::time::{Date, Timestamp};
use crate::wire::read::{Reader, index, join};
use crate::wire::{NOTICE_FORMAT, NOTICE_SUBJECT_TYPE, NOTICE_TYPE, NoticeDoc, NoticeItemDoc, NoticeSubjectDoc};

/// The largest notice accepted, checked before parsing.
pub const MAX_NOTICE_BYTES: usize = 1024 * 1024;

/// What the bureau asks of one association: what [`sign_notice`] signs, and what a verified
/// notice says ([`VerifiedNotice::content`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDraft {
    /// The association's credit code.
    pub credit_code: CreditCode,
    /// Its name, as the bureau writes it.
    pub name: String,
    /// The digest of the result the notice was made from, when it was.
    pub based_on: Option<String>,
    /// The criteria to fix, each once, with the bureau's remark.
    pub items: Vec<NoticeItem>,
    /// The bureau's overall remark.
    pub remark: String,
    /// The last day to rectify (Beijing).
    pub deadline: Date,
}

impl NoticeDraft {
    /// The notice's subject for `catalogue`, as the format writes it (texts trimmed).
    pub fn to_subject(&self, catalogue: &Catalogue) -> NoticeSubjectDoc {
        NoticeSubjectDoc {
            kind: NOTICE_SUBJECT_TYPE.to_owned(),
            format: NOTICE_FORMAT.to_owned(),
            credit_code: self.credit_code.as_str().to_owned(),
            name: self.name.trim().to_owned(),
            catalogue: catalogue.reference(),
            based_on: self.based_on.clone(),
            items: self
                .items
                .iter()
                .map(|item| NoticeItemDoc { criterion: item.criterion.clone(), remark: item.remark.trim().to_owned() })
                .collect(),
            remark: self.remark.trim().to_owned(),
            deadline: self.deadline.as_str().to_owned(),
        }
    }
}

/// One criterion to fix, with the bureau's remark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeItem {
    /// The criterion's id.
    pub criterion: String,
    /// The bureau's remark; empty when none.
    pub remark: String,
}

/// A notice whose signature and content were checked.
///
/// It proves that the holder of [`VerifiedNotice::key`] issued it and that nothing changed
/// since; whether that key is the bureau's is for the reader to check against the fingerprint
/// the bureau publishes (the widget does so when its host page names it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedNotice {
    /// The key that signed it.
    pub key: PublicKey,
    /// When it was signed.
    pub issued: Timestamp,
    /// The credential's id.
    pub id: String,
    /// The catalogue whose criteria it names.
    pub catalogue: Catalogue,
    /// What it asks, of which association, by when.
    pub content: NoticeDraft,
    /// Lowercase hex SHA-256 of the notice's bytes as received: what a reply names.
    pub digest: String,
}

/// What is wrong with a notice's content against `catalogue`, each problem with its path under
/// `at`: no item, an unknown or repeated criterion, a remark too long, a name that is empty or
/// not one line, a `based_on` that is not a digest.
fn content_problems(catalogue: &Catalogue, subject: &NoticeSubjectDoc, at: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let name = subject.name.trim();
    if name.is_empty() {
        problems.push(Problem::new(join(at, "name"), ProblemKind::NoVisibleText));
    } else if name.chars().count() > MAX_FIELD_CHARS {
        problems.push(Problem::new(join(at, "name"), ProblemKind::TooLong { limit: MAX_FIELD_CHARS }));
    } else if name.chars().any(char::is_control) {
        problems.push(Problem::new(join(at, "name"), ProblemKind::ControlCharacters));
    }
    if subject.based_on.as_deref().is_some_and(|digest| !is_sha256_hex(digest)) {
        problems.push(Problem::new(join(at, "based_on"), ProblemKind::NotHex { digits: 64 }));
    }
    if subject.items.is_empty() {
        problems.push(Problem::new(join(at, "items"), ProblemKind::NoNoticeItems));
    }
    for (place, item) in subject.items.iter().enumerate() {
        let item_at = index(&join(at, "items"), place);
        if catalogue.index_of(&item.criterion).is_none() {
            problems.push(Problem::new(join(&item_at, "criterion"), ProblemKind::UnknownCriterion));
        } else if subject.items[..place].iter().any(|earlier| earlier.criterion == item.criterion) {
            problems.push(Problem::new(join(&item_at, "criterion"), ProblemKind::DuplicateId));
        }
        if item.remark.chars().count() > MAX_NOTE_CHARS {
            problems.push(Problem::new(join(&item_at, "remark"), ProblemKind::TooLong { limit: MAX_NOTE_CHARS }));
        }
    }
    if subject.remark.chars().count() > MAX_NOTE_CHARS {
        problems.push(Problem::new(join(at, "remark"), ProblemKind::TooLong { limit: MAX_NOTE_CHARS }));
    }
    problems
}

/// Signs `draft` with the bureau's `key` at `issued`: the notice as pretty JSON, to be saved
/// as it is (its digest is of these bytes).
///
/// # Errors
/// [`Error::Malformed`] (of [`Document::Notice`]) listing each problem of the draft: no item, a
/// criterion the catalogue does not have or named twice, a remark too long, a name that is empty
/// or not one line, a `based_on` that is not a digest, or a deadline before the day it is issued
/// (Beijing).
pub fn sign_notice(
    catalogue: &Catalogue,
    draft: &NoticeDraft,
    key: &AssociationKey,
    issued: &Timestamp,
    random_id: [u8; 16],
) -> Result<String, Error> {
    let subject = draft.to_subject(catalogue);
    let mut problems = content_problems(catalogue, &subject, "");
    let today = issued.beijing_date();
    if draft.deadline < today {
        problems.push(Problem::new("deadline", ProblemKind::DeadlineBeforeIssued(today.as_str().to_owned())));
    }
    if !problems.is_empty() {
        return Err(Error::Malformed { what: Document::Notice, problems });
    }
    let document = NoticeDoc::unsigned(NOTICE_TYPE, key.public().did(), issued, random_id, subject);
    Ok(sign_document(&document, key, issued))
}

/// Verifies a notice: its format, the bureau's signature over it, and its content against the
/// built-in catalogue it pins (one of `catalogues`).
///
/// # Errors
/// [`Error::TooLarge`] over [`MAX_NOTICE_BYTES`], [`Error::Json`] or the kind of file it is,
/// [`Error::WrongDocument`] for another kind of document (a result, a key file, …),
/// [`Error::Malformed`] listing every field's problem, the signature's errors
/// ([`Error::SignatureMismatch`], …), [`Error::NotYetValid`] for a notice signed after `now`,
/// and [`Error::UnknownCatalogue`].
pub fn verify_notice(text: &str, catalogues: &[&Catalogue], now: &Timestamp) -> Result<VerifiedNotice, Error> {
    let value = crate::wire::expect_document(text, Document::Notice, MAX_NOTICE_BYTES)?;
    let mut reader = Reader::new();
    let document = NoticeDoc::read(&mut reader, &value);
    check_envelope(&mut reader, &value, (&document.context, &document.types, &document.id), NOTICE_TYPE);
    let subject = &document.credential_subject;
    let at = "credentialSubject";
    if subject.kind != NOTICE_SUBJECT_TYPE && !subject.kind.is_empty() {
        reader.problem(join(at, "type"), ProblemKind::MustBe(NOTICE_SUBJECT_TYPE.into()));
    }
    if subject.format != NOTICE_FORMAT && !subject.format.is_empty() {
        reader.problem(join(at, "format"), ProblemKind::MustBe(NOTICE_FORMAT.into()));
    }
    let credit_code = CreditCode::parse(&subject.credit_code)
        .map_err(|error| reader.problem(join(at, "credit_code"), ProblemKind::CreditCode(error)))
        .ok();
    let deadline = Date::parse(&subject.deadline);
    if deadline.is_none() {
        reader.problem(join(at, "deadline"), ProblemKind::BadDate(subject.deadline.clone()));
    }
    let (Some(credit_code), Some(deadline), true) = (credit_code, deadline, reader.problems.is_empty()) else {
        return Err(Error::Malformed { what: Document::Notice, problems: reader.problems });
    };
    let (key, issued) = verify_issued(&value, &document, now)?;
    let catalogue = pinned_catalogue(catalogues, &subject.catalogue)?;
    let problems = content_problems(catalogue, subject, at);
    if !problems.is_empty() {
        return Err(Error::Malformed { what: Document::Notice, problems });
    }
    let subject = document.credential_subject;
    Ok(VerifiedNotice {
        key,
        issued,
        id: document.id,
        catalogue: (*catalogue).clone(),
        content: NoticeDraft {
            credit_code,
            name: subject.name,
            based_on: subject.based_on,
            items: subject
                .items
                .into_iter()
                .map(|item| NoticeItem { criterion: item.criterion, remark: item.remark })
                .collect(),
            remark: subject.remark,
            deadline,
        },
        digest: sha256_hex(text.as_bytes()),
    })
}
