//! The parts of answers and results that format 2 adds: this month's report to the bureau
//! (`monthly`: progress and new problems) and the reply to a rectification notice
//! (`rectification`).

use super::EvidenceDoc;
use super::read::{Reader, index, join, object};
use crate::json::{Json, Object};

/// The format tag of answers documents that carry a `monthly` or `rectification` part.
pub const ANSWERS_FORMAT_2: &str = "selfcheck-answers/2";

/// The format tag of a result's subject that carries a `monthly` or `rectification` part.
pub const RESULT_FORMAT_2: &str = "selfcheck-result/2";

/// This month's report to the bureau, as the notice asks of every association: how the
/// campaign progressed (每月报送活动进展) and the new situations and problems met
/// (新情况、新问题及时上报).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthlyDoc {
    /// The month's progress, in the association's words.
    pub progress: String,
    /// Progress by area: (area id, text), in the order of the JSON object.
    pub areas: Vec<(String, String)>,
    /// New situations and problems, in the order the association gave them.
    pub problems: Vec<ProblemReportDoc>,
}

/// One new situation or problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProblemReportDoc {
    /// A short title, one line.
    pub title: String,
    /// What happened, and what the association did.
    pub description: String,
    /// Whether the association asks the bureau for help.
    pub help_requested: bool,
    /// Evidence, as for an answer.
    pub evidence: Vec<EvidenceDoc>,
}

/// The association's reply to a rectification notice (整改通知): the notice it answers and,
/// per criterion of the notice, what was done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeReplyDoc {
    /// Lowercase hex SHA-256 of the notice file's bytes.
    pub notice: String,
    /// Per criterion of the notice: (criterion id, what was done), in the order of the JSON
    /// object.
    pub items: Vec<(String, ItemReplyDoc)>,
}

/// What was done about one criterion of a notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemReplyDoc {
    /// What was done, in the association's words.
    pub note: String,
    /// Evidence of it.
    pub evidence: Vec<EvidenceDoc>,
}

fn read_evidence(reader: &mut Reader, object: &Object, at: &str) -> Vec<EvidenceDoc> {
    let at = join(at, "evidence");
    let items = reader.array(object.get("evidence"), &at);
    items.iter().enumerate().map(|(place, value)| EvidenceDoc::read(reader, value, &index(&at, place))).collect()
}

fn evidence_json(evidence: &[EvidenceDoc]) -> Json {
    Json::Array(evidence.iter().map(EvidenceDoc::to_json).collect())
}

impl MonthlyDoc {
    pub(crate) fn read(reader: &mut Reader, value: &Json, at: &str) -> MonthlyDoc {
        let Some(object) = reader.object(value, at, &["progress", "areas", "problems"]) else {
            return MonthlyDoc::default();
        };
        let areas = object.get("areas").map_or_else(Vec::new, |value| {
            let at = join(at, "areas");
            match value.as_object() {
                Some(areas) => {
                    areas.iter().map(|(id, text)| (id.to_owned(), reader.string(Some(text), &join(&at, id)))).collect()
                }
                None => {
                    reader.object(value, &at, &[]);
                    Vec::new()
                }
            }
        });
        let problems_at = join(at, "problems");
        let problems = reader
            .array(object.get("problems"), &problems_at)
            .iter()
            .enumerate()
            .map(|(place, value)| ProblemReportDoc::read(reader, value, &index(&problems_at, place)))
            .collect();
        MonthlyDoc { progress: reader.optional_string(object, at, "progress"), areas, problems }
    }

    /// Whether it says nothing: no progress, by area or overall, and no problem.
    pub fn is_empty(&self) -> bool {
        self.progress.is_empty() && self.areas.is_empty() && self.problems.is_empty()
    }

    /// The part as JSON.
    pub fn to_json(&self) -> Json {
        object([
            ("progress", self.progress.as_str().into()),
            (
                "areas",
                Json::Object(self.areas.iter().map(|(id, text)| (id.clone(), Json::from(text.as_str()))).collect()),
            ),
            ("problems", Json::Array(self.problems.iter().map(ProblemReportDoc::to_json).collect())),
        ])
    }
}

impl ProblemReportDoc {
    fn read(reader: &mut Reader, value: &Json, at: &str) -> ProblemReportDoc {
        let Some(object) = reader.object(value, at, &["title", "description", "help_requested", "evidence"]) else {
            return ProblemReportDoc::default();
        };
        ProblemReportDoc {
            title: reader.required_string(object, at, "title"),
            description: reader.optional_string(object, at, "description"),
            help_requested: reader.boolean(object.get("help_requested"), &join(at, "help_requested")),
            evidence: read_evidence(reader, object, at),
        }
    }

    /// The problem as JSON.
    pub fn to_json(&self) -> Json {
        object([
            ("title", self.title.as_str().into()),
            ("description", self.description.as_str().into()),
            ("help_requested", self.help_requested.into()),
            ("evidence", evidence_json(&self.evidence)),
        ])
    }
}

impl NoticeReplyDoc {
    pub(crate) fn read(reader: &mut Reader, value: &Json, at: &str) -> NoticeReplyDoc {
        let Some(object) = reader.object(value, at, &["notice", "items"]) else {
            return NoticeReplyDoc::default();
        };
        let items = object.get("items").map_or_else(Vec::new, |value| {
            let at = join(at, "items");
            match value.as_object() {
                Some(items) => items
                    .iter()
                    .map(|(id, item)| (id.to_owned(), ItemReplyDoc::read(reader, item, &join(&at, id))))
                    .collect(),
                None => {
                    reader.object(value, &at, &[]);
                    Vec::new()
                }
            }
        });
        NoticeReplyDoc { notice: reader.required_string(object, at, "notice"), items }
    }

    /// The reply as JSON.
    pub fn to_json(&self) -> Json {
        object([
            ("notice", self.notice.as_str().into()),
            ("items", Json::Object(self.items.iter().map(|(id, item)| (id.clone(), item.to_json())).collect())),
        ])
    }
}

impl ItemReplyDoc {
    fn read(reader: &mut Reader, value: &Json, at: &str) -> ItemReplyDoc {
        let Some(object) = reader.object(value, at, &["note", "evidence"]) else {
            return ItemReplyDoc::default();
        };
        ItemReplyDoc { note: reader.optional_string(object, at, "note"), evidence: read_evidence(reader, object, at) }
    }

    /// The item as JSON.
    pub fn to_json(&self) -> Json {
        object([("note", self.note.as_str().into()), ("evidence", evidence_json(&self.evidence))])
    }
}
