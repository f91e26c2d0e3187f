//! The review file (`selfcheck-review/1`): the bureau's review state and note for each result,
//! by the result's digest.

use super::read::{Reader, index, join, object};
use crate::json::Json;

/// The format tag of review files.
pub const REVIEW_FORMAT: &str = "selfcheck-review/1";

/// The review states as written: 待审, 通过, 退回, 需说明.
pub const REVIEW_STATES: &[&str] = &["pending", "approved", "returned", "needs-explanation"];

/// A review file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewFileDoc {
    /// Always [`REVIEW_FORMAT`].
    pub format: String,
    /// One entry per result reviewed.
    pub reviews: Vec<ReviewDoc>,
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
        let object = reader.fields(value, "", &["format", "reviews"]);
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
        ReviewFileDoc { format, reviews }
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
                if !review.note.is_empty() {
                    entry.insert("note", review.note.as_str());
                }
                entry.insert_some("updated", review.updated.as_deref());
                Json::Object(entry)
            })
            .collect::<Vec<Json>>();
        object([("format", self.format.as_str().into()), ("reviews", Json::Array(reviews))])
    }
}
