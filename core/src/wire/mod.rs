//! Wire types: the JSON documents selfcheck reads and writes, versioned and kept
//! apart from the domain types so that the format changes only on purpose.
//!
//! # Wire format
//!
//! All documents are UTF-8 JSON objects (a byte-order mark at the start is ignored; a file in
//! another encoding, such as GBK, is refused with "save it as UTF-8"). Unknown fields and
//! duplicate keys are rejected, every number is an integer (no fractions, within ±2^53), and each
//! document names its format so that a file of the wrong kind is recognized ([`detect`]). A file
//! that is not JSON is named by its kind when it has one ([`detect_file`]: a key file, the key
//! register or expected list, a zip archive, a Word or Excel file, a PDF, an image, a web page,
//! plain text), by every reader that takes a file. Every refusal names the field by its path
//! (`credentialSubject.report.total`) and what is wrong with it.
//!
//! Limits, checked before anything is parsed: results 4 MiB, answers 2 MiB (drafts too),
//! catalogues 4 MiB, key registers and expected lists 4 MiB, review files 8 MiB, signed
//! summaries 16 MiB, key files 16 KiB. Documents are nested at most 128 levels. A key file
//! may ask for at most 10,000,000 PBKDF2 iterations or 32 MiB of scrypt memory. Catalogue
//! points are 1 to 1000 per criterion and sub-item, and at most 1,000,000 in all.
//!
//! - Catalogue (`format: 1`): [`CatalogueDoc`]. Its JSON Schema is
//!   `core/catalogues/catalogue.schema.json`. The catalogue digest is the
//!   lowercase hex SHA-256 of the RFC 8785 canonical form of the file without its
//!   top-level `$schema` member.
//! - Answers (`format: "selfcheck-answers/1"`): [`AnswersDoc`]. The association
//!   profile, the catalogue it answers (id, version and optionally digest), and one
//!   entry per answered criterion. Entries: `value` is `"yes"`, `"partly"`, `"no"` or
//!   `"na"` (not applicable); a checklist is answered by `checked`, the ids of the
//!   sub-items met (or `value: "na"`); `note` and `evidence` are kept with the entry.
//!   An absent criterion, or an entry with neither `value` nor `checked`, is open.
//!   `title`, `allowed` and `items` are hints written by `selfcheck template` and
//!   ignored on input.
//! - Answers, version 2 (`format: "selfcheck-answers/2"`): version 1 and two optional parts
//!   ([`MonthlyDoc`], [`NoticeReplyDoc`]), written only when one of them is present, so that
//!   answers without them stay version 1 and readable by every release:
//!   - `monthly`, this month's report to the bureau: `progress` (text, at most 4,000
//!     characters), `areas` (progress by the catalogue's area id, each at most 4,000
//!     characters) and `problems`, at most 20 new situations and problems in the order given,
//!     each with `title` (one line, at most 200 characters, required), `description` (at most
//!     4,000 characters), `help_requested` (whether the bureau's help is asked) and `evidence`
//!     (as an entry's). The bureau follows a problem by the result's digest and its place.
//!   - `rectification`, the reply to a rectification notice: `notice` (the lowercase hex
//!     SHA-256 of the notice file's bytes) and `items`, by criterion id, each with `note` (at
//!     most 4,000 characters) and `evidence`.
//! - Report (`format: "selfcheck-report/1"`): [`ReportDoc`]. What the core computed:
//!   points, per-mille score, grade, areas, vetoes, completeness and rectification.
//! - Result: [`ResultDoc`], a W3C Verifiable Credential 2.0 (`@context`
//!   `["https://www.w3.org/ns/credentials/v2"]`, `type` `["VerifiableCredential",
//!   "SelfDisciplineSelfAssessmentCredential"]`, `issuer` the association's `did:key`,
//!   `validFrom`) whose `credentialSubject` (`format: "selfcheck-result/1"`) holds the
//!   profile, the catalogue reference with digest, the answers and the report, secured by a
//!   `DataIntegrityProof` with cryptosuite `eddsa-jcs-2022` as W3C vc-di-eddsa specifies:
//!   the signature is Ed25519 over SHA-256(JCS(proof configuration)) ‖ SHA-256(JCS(document
//!   without proof)), written `z` + base58btc in `proofValue`. Its JSON Schema is
//!   `core/schemas/result.schema.json`. A subject of version 2 (`format:
//!   "selfcheck-result/2"`) carries the `monthly` and `rectification` parts of answers of
//!   version 2, beside `answers`; a result is signed in version 2 only when one is present, and
//!   results of both versions verify.
//! - Review file (`format: "selfcheck-review/1"`): [`ReviewFileDoc`]. The bureau's review of
//!   each result: `reviews`, one entry per result digest (`result`, 64 lowercase hex digits, each
//!   once) with `state` (`pending`, `approved`, `returned` or `needs-explanation`), an optional
//!   `note` (at most 2,000 characters, line breaks allowed) and an optional `updated` time. A
//!   result without an entry is pending. Version 2 (`selfcheck-review/2`, written only when
//!   it holds one) adds `problems`: how each new problem an association reported is handled,
//!   one entry per result digest and problem number (`result`, `problem` from 1, each pair
//!   once) with `state` (`open`, `read`, `answered` or `closed`: 未处理, 已阅, 已答复, 已办结),
//!   an optional `note` and `updated` as for a review.
//! - Signed summary: [`SummaryDoc`], a Verifiable Credential 2.0 like a result, of type
//!   `SelfcheckBureauSummaryCredential`, issued by the bureau's `did:key`, whose subject
//!   (`type: "SelfcheckBureauSummary"`, `format: "selfcheck-summary/3"`) holds `kind`
//!   (`ranking`, `matrix` or `year`), `settings` (`months`, `deadline`, `longest_period_days`,
//!   `ranking_month`; for a year's summary `year`, `model_months` and `language`), `inputs`
//!   (every file it was computed from: `name`, `sha256`, `role` of `file`, `register`,
//!   `expected`, `review`, `catalogue` or `notice`), the `ranking` (an array), the `matrix` (an
//!   object) or the `year` (an object, `selfcheck-year/1`) as the analysis and the year's summary
//!   write them, and `notices` (the rectification notices followed, as the analysis's part). Its
//!   `validFrom` is the clock its verdicts were given at, so that the same files give the same
//!   summary (`selfcheck_bureau::VerifiedSummary::reproduce`). Formats `/1` and `/2` had no
//!   `year`, no `notices` and no `notice` input, and `/1` ranked by score alone.
//! - Analysis (`format: "selfcheck-analysis/3"`), written only: what `selfcheck summary
//!   --format json` prints, built by `selfcheck_bureau::analysis_json`: `settings`, `counts`,
//!   `files` (each file's verdict), `matrix`, `ranking`, `province`, `anomalies` and `monthly`
//!   (the month's reports of the accepted results); codes, ids and integers, the associations'
//!   own words, and messages in the language asked for.

mod answers;
mod catalogue;
mod envelope;
mod file_kind;
mod monthly;
mod notice;
#[doc(hidden)] // For the readers of `selfcheck-bureau`, not an API of its own.
pub mod read;
mod report;
mod result;
// The bureau's own formats, read by `selfcheck-bureau`; their tags name such a file anywhere.
mod review;
mod summary;

pub use answers::*;
pub use catalogue::*;
pub use envelope::{CredentialDoc, Subject};
#[doc(hidden)] // For the readers of `selfcheck-bureau`, not an API of its own.
pub use file_kind::named_or;
pub use file_kind::{HEAD_BYTES, detect_file, file_text, oversized};
pub use monthly::*;
pub use notice::*;
pub use report::*;
pub use result::*;
pub use review::*;
pub use summary::*;

use crate::error::{Document, Error};
use crate::json::{self, Json};

/// Parses `text` as a strict JSON document of kind `what`, refusing it by size before reading. Text
/// that is not JSON is named by its kind when it has one (a key file, plain text, …).
#[doc(hidden)] // For the readers of `selfcheck-bureau`, not an API of its own.
pub fn parse_document(text: &str, what: Document, limit: usize) -> Result<Json, Error> {
    if text.len() > limit {
        return Err(Error::TooLarge { what, size: text.len(), limit });
    }
    json::parse(text).map_err(|error| named_or(text, what, Error::json(what, error)))
}

/// Reads `text` as a document of the kind `what` and no other: JSON within `limit` bytes,
/// detected as `what`. The first check of a signed result or summary, which the widget makes
/// before it loads its signing module, so that a file of another kind is named at once.
///
/// # Errors
/// [`Error::TooLarge`], [`Error::Json`] (or the kind of file it is, when it is none of JSON),
/// and [`Error::WrongDocument`] naming the kind found.
pub fn expect_document(text: &str, what: Document, limit: usize) -> Result<Json, Error> {
    let value = parse_document(text, what, limit)?;
    match detect(&value) {
        found if found == what => Ok(value),
        found => Err(Error::WrongDocument { expected: what, found }),
    }
}

/// What kind of selfcheck document `value` is, judged by its format tag and its type, so that a
/// file given in the wrong place is named ("this is a signed result, not a draft file").
///
/// A credential counts as a selfcheck result when it says so in its `type` or its subject's
/// `format`, even if it is otherwise malformed (so that its problems are reported as such).
pub fn detect(value: &Json) -> Document {
    let Some(object) = value.as_object() else { return Document::UnknownJson };
    let types: Vec<&str> = match object.get("type") {
        Some(Json::String(text)) => vec![text.as_str()],
        Some(Json::Array(items)) => items.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    };
    let is_credential = types.contains(&"VerifiableCredential")
        || ["@context", "credentialSubject", "proof", "issuer"].iter().any(|key| object.contains_key(key));
    if is_credential {
        let subject_format = object.get("credentialSubject").and_then(|subject| subject.get("format"));
        let subject_format = subject_format.and_then(Json::as_str);
        return if types.contains(&RESULT_TYPE) || subject_format.is_some_and(|format| RESULT_FORMATS.contains(&format))
        {
            Document::Result
        } else if types.contains(&NOTICE_TYPE) || subject_format == Some(NOTICE_FORMAT) {
            Document::Notice
        } else if types.contains(&SUMMARY_TYPE)
            || subject_format.is_some_and(|format| SUMMARY_FORMATS.contains(&format))
        {
            Document::Summary
        } else {
            Document::OtherCredential
        };
    }
    match object.get("format") {
        Some(Json::String(format)) if ANSWERS_FORMATS.contains(&format.as_str()) => Document::Answers,
        Some(Json::String(format)) if format == REPORT_FORMAT => Document::Report,
        Some(Json::String(format)) if REVIEW_FORMATS.contains(&format.as_str()) => Document::Review,
        // Any version of the analysis: one saved by an earlier release is as much a wrong pick.
        Some(Json::String(format)) if format.starts_with("selfcheck-analysis/") => Document::Analysis,
        Some(Json::Number(_)) if object.contains_key("areas") => Document::Catalogue,
        _ => Document::UnknownJson,
    }
}
