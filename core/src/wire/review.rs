//! The review file (`selfcheck-review/1`): the bureau's review state and note for each result,
//! by the result's digest; version 2 (`selfcheck-review/2`) adds how each new problem an
//! association reported is being handled, and the criteria of rectification notices the officer
//! accepted as rectified though below full points.

use super::read::{Reader, index, join};
use crate::json::Json;

/// The format tag of review files.
pub const REVIEW_FORMAT: &str = "selfcheck-review/1";

/// The review states as written: 待审, 通过, 退回, 需说明.
pub const REVIEW_STATES: &[&str] = &["pending", "approved", "returned", "needs-explanation"];

/// The format tag of review files that hold the handling of reported problems.
pub const REVIEW_FORMAT_2: &str = "selfcheck-review/2";

/// Every format of review files that is read. A review file is written in version 1 when it
/// holds no problem's handling.
pub const REVIEW_FORMATS: [&str; 2] = [REVIEW_FORMAT, REVIEW_FORMAT_2];

/// The handling states of a reported problem as written: 未处理, 已阅, 已答复, 已办结.
pub const PROBLEM_STATES: &[&str] = &["open", "read", "answered", "closed"];

/// How one problem reported in a result is being handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemHandlingDoc {
    /// The result's digest (64 lowercase hex digits).
    pub result: String,
    /// The problem's number in the result's month report, from 1.
    pub problem: u32,
    /// One of [`PROBLEM_STATES`].
    pub state: String,
    /// The bureau's note; empty when none.
    pub note: String,
    /// When the state or note was last set, RFC 3339; absent when unknown.
    pub updated: Option<String>,
}

/// A criterion of a rectification notice the officer accepted as rectified, though the
/// association's result has it below full points (its reply convinced them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedItemDoc {
    /// The notice's digest (64 lowercase hex digits).
    pub notice: String,
    /// The criterion's id, one of the notice's.
    pub criterion: String,
    /// Why; empty when none.
    pub note: String,
    /// When it was accepted, RFC 3339; absent when unknown.
    pub updated: Option<String>,
}

/// A review file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewFileDoc {
    /// Always [`REVIEW_FORMAT`].
    pub format: String,
    /// One entry per result reviewed.
    pub reviews: Vec<ReviewDoc>,
    /// One entry per reported problem handled (version 2).
    pub problems: Vec<ProblemHandlingDoc>,
    /// One entry per notice's criterion accepted (version 2).
    pub accepted: Vec<AcceptedItemDoc>,
}

/// One result's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDoc {
    /// The result's digest (64 lowercase hex digits).
    pub result: String,
    /// One of [`REVIEW_STATES`].
    pub state: String,
    /// The reviewer's note; empty when none.
    pub note: String,
    /// When the state or note was last set, RFC 3339; absent when unknown.
    pub updated: Option<String>,
}

impl ReviewFileDoc {
    /// Reads a review file's fields, collecting every problem with its path.
    #[doc(hidden)] // For the readers of `selfcheck-bureau`, not an API of its own.
    pub fn read(reader: &mut Reader, value: &Json) -> ReviewFileDoc {
        let object = reader.fields(value, "", &["format", "reviews", "problems", "accepted"]);
        let format = reader.required_string(object, "", "format");
        let reviews = reader.required(object, "", "reviews");
        let items = reader.array(reviews, "reviews");
        let reviews = items
            .iter()
            .enumerate()
            .map(|(position, item)| {
                let at = index("reviews", position);
                let fields = reader.fields(item, &at, &["result", "state", "note", "updated"]);
                ReviewDoc {
                    result: reader.required_string(fields, &at, "result"),
                    state: {
                        let value = reader.required(fields, &at, "state");
                        reader.word(value, &join(&at, "state"), REVIEW_STATES, REVIEW_STATES).unwrap_or("").to_owned()
                    },
                    note: reader.optional_string(fields, &at, "note"),
                    updated: reader.maybe_string(fields, &at, "updated"),
                }
            })
            .collect();
        let items = reader.array(object.get("problems"), "problems");
        let problems = items
            .iter()
            .enumerate()
            .map(|(position, item)| {
                let at = index("problems", position);
                let fields = reader.fields(item, &at, &["result", "problem", "state", "note", "updated"]);
                let number = reader.required(fields, &at, "problem");
                ProblemHandlingDoc {
                    result: reader.required_string(fields, &at, "result"),
                    problem: u32::try_from(reader.integer(number, &join(&at, "problem"), 1, 1000)).unwrap_or(0),
                    state: {
                        let value = reader.required(fields, &at, "state");
                        reader.word(value, &join(&at, "state"), PROBLEM_STATES, PROBLEM_STATES).unwrap_or("").to_owned()
                    },
                    note: reader.optional_string(fields, &at, "note"),
                    updated: reader.maybe_string(fields, &at, "updated"),
                }
            })
            .collect();
        let items = reader.array(object.get("accepted"), "accepted");
        let accepted = items
            .iter()
            .enumerate()
            .map(|(position, item)| {
                let at = index("accepted", position);
                let fields = reader.fields(item, &at, &["notice", "criterion", "note", "updated"]);
                AcceptedItemDoc {
                    notice: reader.required_string(fields, &at, "notice"),
                    criterion: reader.required_string(fields, &at, "criterion"),
                    note: reader.optional_string(fields, &at, "note"),
                    updated: reader.maybe_string(fields, &at, "updated"),
                }
            })
            .collect();
        ReviewFileDoc { format, reviews, problems, accepted }
    }

    /// The file as JSON, members in the order selfcheck writes them.
    pub fn to_json(&self) -> Json {
        let reviews = self
            .reviews
            .iter()
            .map(|review| {
                let mut entry = crate::json::Object::new();
                entry.insert("result", review.result.as_str());
                entry.insert("state", review.state.as_str());
                note_and_time(&mut entry, &review.note, review.updated.as_deref());
                Json::Object(entry)
            })
            .collect::<Vec<Json>>();
        let mut out = crate::json::Object::new();
        out.insert("format", self.format.as_str());
        out.insert("reviews", Json::Array(reviews));
        if !self.problems.is_empty() {
            let problems = self
                .problems
                .iter()
                .map(|handling| {
                    let mut entry = crate::json::Object::new();
                    entry.insert("result", handling.result.as_str());
                    entry.insert("problem", handling.problem);
                    entry.insert("state", handling.state.as_str());
                    note_and_time(&mut entry, &handling.note, handling.updated.as_deref());
                    Json::Object(entry)
                })
                .collect::<Vec<Json>>();
            out.insert("problems", Json::Array(problems));
        }
        if !self.accepted.is_empty() {
            let accepted = self
                .accepted
                .iter()
                .map(|item| {
                    let mut entry = crate::json::Object::new();
                    entry.insert("notice", item.notice.as_str());
                    entry.insert("criterion", item.criterion.as_str());
                    note_and_time(&mut entry, &item.note, item.updated.as_deref());
                    Json::Object(entry)
                })
                .collect::<Vec<Json>>();
            out.insert("accepted", Json::Array(accepted));
        }
        Json::Object(out)
    }
}

/// An entry's note (left out when empty) and the time it was set (left out when unknown).
fn note_and_time(entry: &mut crate::json::Object, note: &str, updated: Option<&str>) {
    if !note.is_empty() {
        entry.insert("note", note);
    }
    entry.insert_some("updated", updated);
}
