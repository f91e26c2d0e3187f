//! The bureau's review of each result: 待审 (pending), 通过 (approved), 退回 (returned) or 需说明
//! (needs an explanation), with a note, kept by the result's digest; and the handling of each
//! new problem an association reported (未处理, 已阅, 已答复, 已办结), kept by the result's digest
//! and the problem's number; and the criteria of rectification notices the officer accepted as
//! rectified though the association's result has them below full points, kept by the notice's
//! digest and the criterion. Written as a review file (`selfcheck-review/1`, or `/2` once a
//! problem is handled or a criterion accepted) that the desk exports and imports and the
//! exports include.
//!
//! ```
//! use selfcheck_bureau::{ReviewState, Reviews};
//!
//! let digest = "a".repeat(64);
//! let mut reviews = Reviews::new();
//! reviews.set(&digest, ReviewState::NeedsExplanation, "请说明第 B3 项的佐证。", None).unwrap();
//! let file = reviews.to_json();
//! let again = Reviews::from_json(&file).unwrap();
//! assert_eq!(again.state(&digest), ReviewState::NeedsExplanation);
//! assert_eq!(again.state(&"b".repeat(64)), ReviewState::Pending);
//! ```

use std::collections::BTreeMap;

use selfcheck_core::error::{Document, Error, Problem, ProblemKind};
use selfcheck_core::text::Lang;
use selfcheck_core::time::Timestamp;
use selfcheck_core::wire::read::{Reader, index, join};
use selfcheck_core::wire::{
    AcceptedItemDoc, PROBLEM_STATES, ProblemHandlingDoc, REVIEW_FORMAT, REVIEW_FORMAT_2, REVIEW_FORMATS, REVIEW_STATES,
    ReviewDoc, ReviewFileDoc,
};

/// The largest review file accepted: notes for tens of thousands of results.
pub const MAX_REVIEW_BYTES: usize = 8 * 1024 * 1024;
/// The longest note, in characters.
pub const MAX_REVIEW_NOTE_CHARS: usize = 2000;

/// Where a result stands with the bureau.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ReviewState {
    /// 待审: not reviewed yet.
    #[default]
    Pending,
    /// 通过.
    Approved,
    /// 退回: sent back to the association.
    Returned,
    /// 需说明: the association is asked to explain.
    NeedsExplanation,
}

impl ReviewState {
    /// Every state, in order.
    pub const ALL: [ReviewState; 4] =
        [ReviewState::Pending, ReviewState::Approved, ReviewState::Returned, ReviewState::NeedsExplanation];

    /// The word a review file writes: `pending`, `approved`, `returned`, `needs-explanation`.
    pub fn code(self) -> &'static str {
        REVIEW_STATES[self as usize]
    }

    /// The state read from its word.
    pub fn from_code(code: &str) -> Option<ReviewState> {
        REVIEW_STATES.iter().position(|word| *word == code).map(|position| ReviewState::ALL[position])
    }

    /// The state as the bureau says it (待审, 通过, 退回, 需说明).
    pub fn label(self, lang: Lang) -> &'static str {
        crate::words::review_state(self, lang)
    }
}

/// How a reported problem is being handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProblemState {
    /// 未处理: not handled yet.
    #[default]
    Open,
    /// 已阅: read.
    Read,
    /// 已答复: answered to the association.
    Answered,
    /// 已办结: closed.
    Closed,
}

impl ProblemState {
    /// Every state, in order.
    pub const ALL: [ProblemState; 4] =
        [ProblemState::Open, ProblemState::Read, ProblemState::Answered, ProblemState::Closed];

    /// The word a review file writes: `open`, `read`, `answered`, `closed`.
    pub fn code(self) -> &'static str {
        PROBLEM_STATES[self as usize]
    }

    /// The state read from its word.
    pub fn from_code(code: &str) -> Option<ProblemState> {
        PROBLEM_STATES.iter().position(|word| *word == code).map(|position| ProblemState::ALL[position])
    }

    /// The state as the bureau says it (未处理, 已阅, 已答复, 已办结).
    pub fn label(self, lang: Lang) -> &'static str {
        crate::words::problem_state(self, lang)
    }
}

/// How one reported problem is being handled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handling {
    /// The state.
    pub state: ProblemState,
    /// The note; empty when none.
    pub note: String,
    /// When it was last set.
    pub updated: Option<Timestamp>,
}

/// A notice's criterion the officer accepted as rectified.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Acceptance {
    /// Why; empty when none.
    pub note: String,
    /// When it was accepted.
    pub updated: Option<Timestamp>,
}

/// One result's review.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    /// The state.
    pub state: ReviewState,
    /// The note; empty when none.
    pub note: String,
    /// When it was last set.
    pub updated: Option<Timestamp>,
}

/// The reviews, by result digest. A result without one is pending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reviews {
    reviews: BTreeMap<String, Review>,
    /// By result digest and the problem's number (from 1).
    problems: BTreeMap<(String, u32), Handling>,
    /// By notice digest and criterion id.
    accepted: BTreeMap<(String, String), Acceptance>,
}

impl Reviews {
    /// No reviews.
    pub fn new() -> Reviews {
        Reviews::default()
    }

    /// Reads a review file, reporting every problem at once.
    ///
    /// # Errors
    /// [`Error::TooLarge`] over [`MAX_REVIEW_BYTES`], [`Error::Json`], [`Error::WrongDocument`]
    /// for another kind of document, [`Error::Malformed`] listing every field's problem (a
    /// digest that is not 64 lowercase hex digits, a result listed twice, an unknown state, a
    /// note too long or with control characters other than line breaks, a bad time).
    pub fn from_json(text: &str) -> Result<Reviews, Error> {
        let value = selfcheck_core::wire::parse_document(text, Document::Review, MAX_REVIEW_BYTES)?;
        let found = selfcheck_core::wire::detect(&value);
        if found != Document::Review && found != Document::UnknownJson {
            return Err(Error::WrongDocument { expected: Document::Review, found });
        }
        let mut reader = Reader::new();
        let document = ReviewFileDoc::read(&mut reader, &value);
        let format =
            if document.problems.is_empty() && document.accepted.is_empty() { REVIEW_FORMAT } else { REVIEW_FORMAT_2 };
        let known = REVIEW_FORMATS.contains(&document.format.as_str());
        if (!known || (format == REVIEW_FORMAT_2 && document.format != format)) && value.get("format").is_some() {
            reader.problem("format", ProblemKind::MustBe(format.into()));
        }
        let mut reviews = Reviews::new();
        for (position, doc) in document.reviews.into_iter().enumerate() {
            let at = index("reviews", position);
            if !is_digest(&doc.result) {
                reader.problem(join(&at, "result"), ProblemKind::BadResultDigest);
                continue;
            }
            if reviews.reviews.contains_key(&doc.result) {
                reader.problem(join(&at, "result"), ProblemKind::DuplicateId);
                continue;
            }
            let updated = read_note_and_time(&mut reader, &at, &doc.note, doc.updated.as_deref());
            let state = ReviewState::from_code(&doc.state).unwrap_or_default();
            reviews.reviews.insert(doc.result, Review { state, note: doc.note, updated });
        }
        for (position, doc) in document.problems.into_iter().enumerate() {
            let at = index("problems", position);
            if !is_digest(&doc.result) {
                reader.problem(join(&at, "result"), ProblemKind::BadResultDigest);
                continue;
            }
            let key = (doc.result, doc.problem);
            if reviews.problems.contains_key(&key) {
                reader.problem(join(&at, "problem"), ProblemKind::DuplicateId);
                continue;
            }
            let updated = read_note_and_time(&mut reader, &at, &doc.note, doc.updated.as_deref());
            let state = ProblemState::from_code(&doc.state).unwrap_or_default();
            reviews.problems.insert(key, Handling { state, note: doc.note, updated });
        }
        for (position, doc) in document.accepted.into_iter().enumerate() {
            let at = index("accepted", position);
            if !is_digest(&doc.notice) {
                reader.problem(join(&at, "notice"), ProblemKind::BadFileDigest);
                continue;
            }
            if !is_criterion_id(&doc.criterion) {
                reader.problem(join(&at, "criterion"), ProblemKind::UnknownCriterion);
                continue;
            }
            let key = (doc.notice, doc.criterion);
            if reviews.accepted.contains_key(&key) {
                reader.problem(join(&at, "criterion"), ProblemKind::DuplicateId);
                continue;
            }
            let updated = read_note_and_time(&mut reader, &at, &doc.note, doc.updated.as_deref());
            reviews.accepted.insert(key, Acceptance { note: doc.note, updated });
        }
        if reader.problems.is_empty() {
            Ok(reviews)
        } else {
            Err(Error::Malformed { what: Document::Review, problems: reader.problems })
        }
    }

    /// The review file, pretty-printed, results in digest order.
    pub fn to_json(&self) -> String {
        let document = ReviewFileDoc {
            // Version 2 only once a problem is handled or a criterion accepted: other files stay
            // readable by every release.
            format: if self.problems.is_empty() && self.accepted.is_empty() { REVIEW_FORMAT } else { REVIEW_FORMAT_2 }
                .to_owned(),
            reviews: self
                .reviews
                .iter()
                .map(|(digest, review)| ReviewDoc {
                    result: digest.clone(),
                    state: review.state.code().to_owned(),
                    note: review.note.clone(),
                    updated: review.updated.as_ref().map(|time| time.as_str().to_owned()),
                })
                .collect(),
            problems: self
                .problems
                .iter()
                .map(|((digest, problem), handling)| ProblemHandlingDoc {
                    result: digest.clone(),
                    problem: *problem,
                    state: handling.state.code().to_owned(),
                    note: handling.note.clone(),
                    updated: handling.updated.as_ref().map(|time| time.as_str().to_owned()),
                })
                .collect(),
            accepted: self
                .accepted
                .iter()
                .map(|((notice, criterion), acceptance)| AcceptedItemDoc {
                    notice: notice.clone(),
                    criterion: criterion.clone(),
                    note: acceptance.note.clone(),
                    updated: acceptance.updated.as_ref().map(|time| time.as_str().to_owned()),
                })
                .collect(),
        };
        selfcheck_core::json::pretty(&document.to_json())
    }

    /// The review of the result with `digest`, when one was set.
    pub fn get(&self, digest: &str) -> Option<&Review> {
        self.reviews.get(digest)
    }

    /// The state of the result with `digest`: pending when none was set.
    pub fn state(&self, digest: &str) -> ReviewState {
        self.get(digest).map_or(ReviewState::Pending, |review| review.state)
    }

    /// Sets the review of the result with `digest`. Pending without a note removes it.
    ///
    /// # Errors
    /// [`Error::Malformed`] when `digest` is not 64 lowercase hex digits or the note is too long
    /// or holds control characters other than line breaks.
    pub fn set(
        &mut self,
        digest: &str,
        state: ReviewState,
        note: &str,
        updated: Option<Timestamp>,
    ) -> Result<(), Error> {
        let malformed =
            |at: &str, kind| Error::Malformed { what: Document::Review, problems: vec![Problem::new(at, kind)] };
        if !is_digest(digest) {
            return Err(malformed("result", ProblemKind::BadResultDigest));
        }
        check_note(note).map_err(|kind| malformed("note", kind))?;
        if state == ReviewState::Pending && note.trim().is_empty() {
            self.reviews.remove(digest);
        } else {
            self.reviews.insert(digest.to_owned(), Review { state, note: note.trim().to_owned(), updated });
        }
        Ok(())
    }

    /// Sets the same state (and note) on many results at once.
    ///
    /// # Errors
    /// As [`Reviews::set`], for the first digest refused; nothing is changed then.
    pub fn set_many<'a>(
        &mut self,
        digests: impl IntoIterator<Item = &'a str>,
        state: ReviewState,
        note: &str,
        updated: Option<&Timestamp>,
    ) -> Result<(), Error> {
        let mut next = self.clone();
        for digest in digests {
            next.set(digest, state, note, updated.cloned())?;
        }
        *self = next;
        Ok(())
    }

    /// How the problem numbered `problem` (from 1) of the result with `digest` is handled, when
    /// that was set.
    pub fn handling(&self, digest: &str, problem: u32) -> Option<&Handling> {
        self.problems.get(&(digest.to_owned(), problem))
    }

    /// How the problem numbered `problem` is handled on the first of `digests` that has a
    /// handling for it: a result's own digest first, then those of the earlier results that
    /// reported the same problem ([`crate::ProblemHistory::earlier`]), so that the analysis's
    /// readers keep a handling as the bureau does.
    pub fn handling_among<'d>(&self, digests: impl IntoIterator<Item = &'d str>, problem: u32) -> Option<&Handling> {
        digests.into_iter().find_map(|digest| self.handling(digest, problem))
    }

    /// The handling state of a problem: not handled when none was set.
    pub fn problem_state(&self, digest: &str, problem: u32) -> ProblemState {
        self.handling(digest, problem).map_or(ProblemState::Open, |handling| handling.state)
    }

    /// Sets how the problem numbered `problem` (from 1) of the result with `digest` is handled.
    /// Not handled without a note removes it.
    ///
    /// # Errors
    /// [`Error::Malformed`] when `digest` is not 64 lowercase hex digits, the number is not from
    /// 1 to 1,000, or the note is too long or holds control characters other than line breaks.
    pub fn set_problem(
        &mut self,
        digest: &str,
        problem: u32,
        state: ProblemState,
        note: &str,
        updated: Option<Timestamp>,
    ) -> Result<(), Error> {
        let malformed =
            |at: &str, kind| Error::Malformed { what: Document::Review, problems: vec![Problem::new(at, kind)] };
        if !is_digest(digest) {
            return Err(malformed("result", ProblemKind::BadResultDigest));
        }
        if !(1..=1000).contains(&problem) {
            return Err(malformed("problem", ProblemKind::OutOfRange { min: 1, max: 1000, found: i64::from(problem) }));
        }
        check_note(note).map_err(|kind| malformed("note", kind))?;
        let key = (digest.to_owned(), problem);
        if state == ProblemState::Open && note.trim().is_empty() {
            self.problems.remove(&key);
        } else {
            self.problems.insert(key, Handling { state, note: note.trim().to_owned(), updated });
        }
        Ok(())
    }

    /// Whether the officer accepted criterion `criterion` of the notice with `notice` (its
    /// digest) as rectified, and why.
    pub fn acceptance(&self, notice: &str, criterion: &str) -> Option<&Acceptance> {
        self.accepted.get(&(notice.to_owned(), criterion.to_owned()))
    }

    /// Accepts criterion `criterion` of the notice with digest `notice` as rectified (with a
    /// note saying why), or takes that back (`accepted` false).
    ///
    /// # Errors
    /// [`Error::Malformed`] when `notice` is not 64 lowercase hex digits, `criterion` is not a
    /// criterion's id, or the note is too long or holds control characters other than line
    /// breaks.
    pub fn set_accepted(
        &mut self,
        notice: &str,
        criterion: &str,
        accepted: bool,
        note: &str,
        updated: Option<Timestamp>,
    ) -> Result<(), Error> {
        let malformed =
            |at: &str, kind| Error::Malformed { what: Document::Review, problems: vec![Problem::new(at, kind)] };
        if !is_digest(notice) {
            return Err(malformed("notice", ProblemKind::BadFileDigest));
        }
        if !is_criterion_id(criterion) {
            return Err(malformed("criterion", ProblemKind::UnknownCriterion));
        }
        check_note(note).map_err(|kind| malformed("note", kind))?;
        let key = (notice.to_owned(), criterion.to_owned());
        if accepted {
            self.accepted.insert(key, Acceptance { note: note.trim().to_owned(), updated });
        } else {
            self.accepted.remove(&key);
        }
        Ok(())
    }

    /// Every problem's handling set, by digest and number.
    pub fn handled_problems(&self) -> impl Iterator<Item = (&str, u32, &Handling)> {
        self.problems.iter().map(|((digest, problem), handling)| (digest.as_str(), *problem, handling))
    }

    /// Every review set, by digest.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Review)> {
        self.reviews.iter().map(|(digest, review)| (digest.as_str(), review))
    }

    /// How many reviews are set.
    pub fn len(&self) -> usize {
        self.reviews.len()
    }

    /// Whether none is, of results, of problems or of notices' criteria.
    pub fn is_empty(&self) -> bool {
        self.reviews.is_empty() && self.problems.is_empty() && self.accepted.is_empty()
    }
}

/// Checks an entry's note and reads its time, naming each problem at `at`.
fn read_note_and_time(reader: &mut Reader, at: &str, note: &str, updated: Option<&str>) -> Option<Timestamp> {
    if let Err(kind) = check_note(note) {
        reader.problem(join(at, "note"), kind);
    }
    let parsed = updated.map(Timestamp::parse).transpose();
    parsed.unwrap_or_else(|_| {
        reader.problem(join(at, "updated"), ProblemKind::BadTime(updated.unwrap_or_default().to_owned()));
        None
    })
}

fn is_digest(text: &str) -> bool {
    selfcheck_core::credential::is_sha256_hex(text)
}

/// Whether `text` can be a criterion's id (`B2`, `D11`): a capital letter and digits.
fn is_criterion_id(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|first| first.is_ascii_uppercase())
        && (1..=8).contains(&text.len())
        && chars.all(|rest| rest.is_ascii_alphanumeric() || rest == '.')
}

fn check_note(note: &str) -> Result<(), ProblemKind> {
    if note.chars().count() > MAX_REVIEW_NOTE_CHARS {
        return Err(ProblemKind::TooLong { limit: MAX_REVIEW_NOTE_CHARS });
    }
    if note.chars().any(|character| character.is_control() && character != '\n') {
        return Err(ProblemKind::ControlCharacters);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_of_a_review_file_is_listed_by_path() {
        let digest = "0".repeat(64);
        let text = format!(
            r#"{{"format": "selfcheck-review/1", "reviews": [
                {{"result": "{digest}", "state": "approved"}},
                {{"result": "{digest}", "state": "returned"}},
                {{"result": "ABC", "state": "approved"}},
                {{"result": "{}", "state": "maybe", "note": "a\u0007b", "updated": "yesterday"}}
            ]}}"#,
            "1".repeat(64)
        );
        let Err(Error::Malformed { what: Document::Review, problems }) = Reviews::from_json(&text) else {
            panic!("accepted")
        };
        let found: Vec<(&str, &str)> = problems.iter().map(|problem| (problem.at.as_str(), problem.code())).collect();
        assert_eq!(
            found,
            [
                ("reviews[3].state", "not-one-of"),
                ("reviews[1].result", "duplicate-id"),
                ("reviews[2].result", "bad-result-digest"),
                ("reviews[3].note", "control-characters"),
                ("reviews[3].updated", "bad-time"),
            ]
        );
    }

    #[test]
    fn a_problems_handling_makes_the_file_version_2_and_reads_back() {
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        let mut reviews = Reviews::new();
        reviews.set(&a, ReviewState::Approved, "", None).unwrap();
        assert!(reviews.to_json().contains("selfcheck-review/1"), "no problem handled: version 1");
        let when = Timestamp::from_unix_seconds(1_796_000_000);
        reviews.set_problem(&a, 2, ProblemState::Answered, "已电话答复。", Some(when.clone())).unwrap();
        reviews.set_problem(&b, 1, ProblemState::Read, "", None).unwrap();
        let file = reviews.to_json();
        assert!(file.contains("selfcheck-review/2"), "{file}");
        let again = Reviews::from_json(&file).unwrap();
        assert_eq!(again, reviews);
        assert_eq!(again.problem_state(&a, 2), ProblemState::Answered);
        assert_eq!(again.handling(&a, 2).unwrap().note, "已电话答复。");
        assert_eq!(again.problem_state(&a, 1), ProblemState::Open, "a problem never handled is open");
        assert_eq!(ProblemState::Answered.label(Lang::Zh), "已答复");
        // Back to open without a note: forgotten, and the file is version 1 again.
        let mut reset = again.clone();
        reset.set_problem(&a, 2, ProblemState::Open, " ", None).unwrap();
        reset.set_problem(&b, 1, ProblemState::Open, "", None).unwrap();
        assert!(reset.to_json().contains("selfcheck-review/1"));
        assert!(reset.set_problem("x", 1, ProblemState::Read, "", None).is_err());
        assert!(reset.set_problem(&a, 0, ProblemState::Read, "", None).is_err());
        // Handling under version 1's tag, a duplicate and an unknown state are each named.
        let text = format!(
            r#"{{"format": "selfcheck-review/1", "reviews": [], "problems": [
                {{"result": "{a}", "problem": 1, "state": "read"}},
                {{"result": "{a}", "problem": 1, "state": "closed"}},
                {{"result": "{b}", "problem": 2, "state": "done"}}
            ]}}"#
        );
        let Err(Error::Malformed { problems, .. }) = Reviews::from_json(&text) else { panic!("accepted") };
        let found: Vec<(&str, &str)> = problems.iter().map(|problem| (problem.at.as_str(), problem.code())).collect();
        assert_eq!(
            found,
            [("problems[2].state", "not-one-of"), ("format", "must-be"), ("problems[1].problem", "duplicate-id")]
        );
    }

    #[test]
    fn a_result_file_is_named_as_such() {
        let result = include_str!("../../tests/data/golden/result-complete.json");
        assert!(matches!(
            Reviews::from_json(result),
            Err(Error::WrongDocument { expected: Document::Review, found: Document::Result })
        ));
    }

    #[test]
    fn bulk_setting_changes_all_or_nothing() {
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        let mut reviews = Reviews::new();
        reviews.set_many([a.as_str(), b.as_str()], ReviewState::Approved, "", None).unwrap();
        assert_eq!(reviews.len(), 2);
        assert!(reviews.set_many([a.as_str(), "bad"], ReviewState::Returned, "", None).is_err());
        assert_eq!(reviews.state(&a), ReviewState::Approved);
        reviews.set(&a, ReviewState::Pending, " ", None).unwrap();
        assert_eq!(reviews.len(), 1);
    }
}
