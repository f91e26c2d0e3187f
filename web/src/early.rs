//! What the person answered or typed on the pre-rendered first screen (plain form controls shown
//! before the WebAssembly arrived), read by the package's JavaScript at the take-over and carried
//! into the draft by the reducer (`Action::CarryOver`): never lost, never reset, never twice.
//!
//! Only what the person changed is sent (a control whose state differs from the pre-rendered
//! one), so that it is laid over the draft restored from storage field by field and criterion by
//! criterion: the person's latest input wins where they touched, the stored draft everywhere else.
//!
//! The JSON the JavaScript sends (`selfcheck-widget.js`, `readFirstScreen`):
//! `{"profile": {"selfcheck-profile-name": "…", …}, "criteria": [{"id": "A1", "answer": "yes",
//! "note": "…"}, {"id": "B2", "answer": {"items": ["B2.1"], "none": false, "na": false}}]}`:
//! profile fields by their input's id; an answer as a radio's value, or a checklist's boxes.

use selfcheck_core::json::Json;
use selfcheck_core::{Catalogue, ItemsMet, Kind, Response};

use crate::profile_field::Field;

/// Input from the first screen, checked against the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EarlyInput {
    /// Answers given (or a checklist emptied again), by criterion index.
    pub responses: Vec<(usize, Option<Response>)>,
    /// Notes typed, by criterion index.
    pub notes: Vec<(usize, String)>,
    /// Profile fields typed.
    pub profile: Vec<(Field, String)>,
}

impl EarlyInput {
    /// Reads the JavaScript's JSON. What does not name a criterion or field of this catalogue, or
    /// an answer it allows, is left out: the first screen was rendered from the same catalogue,
    /// so that would be a mismatch of builds, and the rest still counts.
    pub fn read(json: &str, catalogue: &Catalogue) -> EarlyInput {
        let Ok(json) = selfcheck_core::json::parse_lenient(json) else {
            return EarlyInput::default();
        };
        let mut early = EarlyInput::default();
        if let Some(fields) = json.get("profile").and_then(Json::as_object) {
            for (id, value) in fields.iter() {
                if let (Some(field), Some(value)) = (Field::from_id(id), value.as_str()) {
                    early.profile.push((field, value.to_owned()));
                }
            }
        }
        for entry in json.get("criteria").and_then(Json::as_array).into_iter().flatten() {
            let Some(index) = entry.get("id").and_then(Json::as_str).and_then(|id| catalogue.index_of(id)) else {
                continue;
            };
            if let Some(answer) = entry.get("answer")
                && let Some(response) = response(catalogue, index, answer)
            {
                early.responses.push((index, response));
            }
            if let Some(note) = entry.get("note").and_then(Json::as_str) {
                early.notes.push((index, note.to_owned()));
            }
        }
        early
    }

    /// Whether the person changed nothing.
    pub fn is_empty(&self) -> bool {
        self.responses.is_empty() && self.notes.is_empty() && self.profile.is_empty()
    }
}

/// The response the first screen's controls of criterion `index` give: `Some(None)` for a
/// checklist with every box cleared again (open, as before it was touched), `None` for what the
/// criterion does not have.
fn response(catalogue: &Catalogue, index: usize, answer: &Json) -> Option<Option<Response>> {
    let criterion = &catalogue.criteria()[index];
    if let Some(value) = answer.as_str() {
        return match value {
            "yes" => Some(Some(Response::Yes)),
            "partly" => Some(Some(Response::Partly)),
            "no" => Some(Some(Response::No)),
            "na" => Some(Some(Response::NotApplicable)),
            _ => None,
        };
    }
    let Kind::Checklist(items) = &criterion.kind else { return None };
    let ticked = |name: &str| answer.get(name).and_then(Json::as_bool).unwrap_or(false);
    // Plain checkboxes do not exclude one another as the widget's do: "not applicable" wins, then
    // the items met, then "none of the above".
    if ticked("na") {
        return Some(Some(Response::NotApplicable));
    }
    let mut met = ItemsMet::NONE;
    for id in answer.get("items").and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_str) {
        met = met.with(items.iter().position(|item| item.id == id)?, true);
    }
    Some(if !met.is_empty() {
        Some(Response::Checked(met))
    } else if ticked("none") {
        Some(Response::Checked(ItemsMet::NONE))
    } else {
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> &'static Catalogue {
        Catalogue::builtin()
    }

    fn first(kind: fn(&Kind) -> bool) -> &'static selfcheck_core::Criterion {
        catalogue().criteria().iter().find(|criterion| kind(&criterion.kind)).expect("a criterion of that kind")
    }

    #[test]
    fn reads_answers_notes_and_fields() {
        let scale = first(|kind| matches!(kind, Kind::Scale));
        let checklist = first(|kind| matches!(kind, Kind::Checklist(_)));
        let Kind::Checklist(items) = &checklist.kind else { unreachable!() };
        let json = format!(
            r#"{{"profile": {{"selfcheck-profile-name": "广东省示例行业协会", "unknown": "x"}},
                "criteria": [{{"id": "{}", "answer": "partly", "note": "见会议纪要"}},
                             {{"id": "{}", "answer": {{"items": ["{}"], "none": true, "na": false}}}},
                             {{"id": "ZZ9", "answer": "yes"}}]}}"#,
            scale.id, checklist.id, items[1].id
        );
        let early = EarlyInput::read(&json, catalogue());
        let (scale_index, checklist_index) =
            (catalogue().index_of(&scale.id).unwrap(), catalogue().index_of(&checklist.id).unwrap());
        assert_eq!(
            early.responses,
            vec![
                (scale_index, Some(Response::Partly)),
                (checklist_index, Some(Response::Checked([1].into_iter().collect())))
            ]
        );
        assert_eq!(early.notes, vec![(scale_index, "见会议纪要".to_owned())]);
        assert_eq!(early.profile.len(), 1, "the unknown field is left out");
    }

    #[test]
    fn a_checklist_cleared_again_is_open_and_not_applicable_wins() {
        let checklist = first(|kind| matches!(kind, Kind::Checklist(_)));
        let index = catalogue().index_of(&checklist.id).unwrap();
        let cleared = serde_free(&checklist.id, r#"{"items": [], "none": false, "na": false}"#);
        assert_eq!(EarlyInput::read(&cleared, catalogue()).responses, vec![(index, None)]);
        let both = serde_free(&checklist.id, r#"{"items": [], "none": true, "na": true}"#);
        assert_eq!(EarlyInput::read(&both, catalogue()).responses, vec![(index, Some(Response::NotApplicable))]);
    }

    #[test]
    fn nonsense_is_nothing() {
        assert!(EarlyInput::read("not json", catalogue()).is_empty());
        assert!(EarlyInput::read("[]", catalogue()).is_empty());
    }

    fn serde_free(id: &str, answer: &str) -> String {
        format!(r#"{{"criteria": [{{"id": "{id}", "answer": {answer}}}]}}"#)
    }
}
