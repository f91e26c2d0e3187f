//! The bureau's review of each result: 待审 (pending), 通过 (approved), 退回 (returned) or 需说明
//! (needs an explanation), with a note, kept by the result's digest and written as a review file
//! (`selfcheck-review/1`) that the desk exports and imports and the exports include.
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
use selfcheck_core::wire::{REVIEW_FORMAT, REVIEW_STATES, ReviewDoc, ReviewFileDoc};

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
        if document.format != REVIEW_FORMAT && value.get("format").is_some() {
            reader.problem("format", ProblemKind::MustBe(REVIEW_FORMAT.into()));
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
            if let Err(kind) = check_note(&doc.note) {
                reader.problem(join(&at, "note"), kind);
            }
            let updated = match doc.updated.as_deref().map(Timestamp::parse).transpose() {
                Ok(updated) => updated,
                Err(_) => {
                    reader.problem(join(&at, "updated"), ProblemKind::BadTime(doc.updated.clone().unwrap_or_default()));
                    None
                }
            };
            let state = ReviewState::from_code(&doc.state).unwrap_or_default();
            reviews.reviews.insert(doc.result, Review { state, note: doc.note, updated });
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
            format: REVIEW_FORMAT.to_owned(),
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

    /// Every review set, by digest.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Review)> {
        self.reviews.iter().map(|(digest, review)| (digest.as_str(), review))
    }

    /// How many reviews are set.
    pub fn len(&self) -> usize {
        self.reviews.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.reviews.is_empty()
    }
}

fn is_digest(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
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
