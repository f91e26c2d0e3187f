//! Two self-assessments compared criterion by criterion: what changed, up or down, and by how
//! many points. The widget shows it when a signed result is set beside the draft; a reviewer
//! sets one month's result beside the next.
//!
//! Criteria are matched by id, so the two sides may be scored against different versions of the
//! catalogue: a criterion only one of them has is reported as added or removed, and checklist
//! answers are compared by the ids of the sub-items met, not by their positions.
//!
//! ```
//! use selfcheck_core::compare::{Comparison, Side};
//! use selfcheck_core::{Answers, Catalogue, Report, Response};
//!
//! let catalogue = Catalogue::builtin();
//! let before = Answers::blank(catalogue);
//! let mut after = before.clone();
//! let a1 = catalogue.index_of("A1").unwrap();
//! after.set_response(catalogue, a1, Some(Response::Partly)).unwrap();
//! let (report_before, report_after) = (Report::compute(catalogue, &before)?, Report::compute(catalogue, &after)?);
//!
//! let comparison = Comparison::between(
//!     Side { answers: &before, report: &report_before },
//!     Side { answers: &after, report: &report_after },
//! )?;
//! let changed: Vec<_> = comparison.changed().collect();
//! assert_eq!(changed.len(), 1);
//! assert_eq!(changed[0].id, "A1");
//! assert_eq!(changed[0].points_change(), 20);
//! assert_eq!(comparison.total_change(), 20);
//! # Ok::<(), selfcheck_core::Error>(())
//! ```

use crate::Error;
use crate::answers::{Answers, Entry, Response};
use crate::catalogue::{Catalogue, Criterion};
use crate::report::Report;

/// One side of a comparison: answers and their report, which knows their catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The answers.
    pub answers: &'a Answers,
    /// Their report (`Report::compute` of the two).
    pub report: &'a Report,
}

/// Where one criterion stands on one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The answer; `None` while open. For a checklist, `Checked` holds bits of this side's
    /// catalogue: read `met_items` to compare across versions.
    pub response: Option<Response>,
    /// The ids of the checklist sub-items met (empty for other kinds).
    pub met_items: Vec<String>,
    /// Points earned.
    pub points: u32,
    /// Points at stake (0 when not applicable).
    pub maximum: u32,
}

/// One criterion on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionChange {
    /// The criterion's id.
    pub id: String,
    /// Its index in the later side's catalogue, when it has it.
    pub index_after: Option<usize>,
    /// Its index in the earlier side's catalogue, when it has it.
    pub index_before: Option<usize>,
    /// The earlier standing; `None` when the earlier catalogue lacks the criterion.
    pub before: Option<Standing>,
    /// The later standing; `None` when the later catalogue lacks the criterion.
    pub after: Option<Standing>,
    /// The note differs.
    pub note_changed: bool,
    /// The evidence (links, file names, sizes or digests) differs.
    pub evidence_changed: bool,
}

impl CriterionChange {
    /// Points after minus points before (a criterion missing on a side counts 0 there).
    pub fn points_change(&self) -> i64 {
        let points = |standing: &Option<Standing>| standing.as_ref().map_or(0, |standing| i64::from(standing.points));
        points(&self.after) - points(&self.before)
    }

    /// The answer differs (a checklist by the sub-items met), or the criterion is on one side only.
    pub fn answer_changed(&self) -> bool {
        match (&self.before, &self.after) {
            (Some(before), Some(after)) => answer_key(before) != answer_key(after),
            _ => true,
        }
    }

    /// Anything differs: the answer, the points at stake, the note or the evidence.
    pub fn changed(&self) -> bool {
        self.answer_changed()
            || self.points_change() != 0
            || self.before.as_ref().map(|standing| standing.maximum)
                != self.after.as_ref().map(|standing| standing.maximum)
            || self.note_changed
            || self.evidence_changed
    }
}

/// The answer without the bits that depend on a catalogue's item order.
fn answer_key(standing: &Standing) -> (u8, &[String]) {
    let kind = match standing.response {
        None => 0,
        Some(Response::Yes) => 1,
        Some(Response::Partly) => 2,
        Some(Response::No) => 3,
        Some(Response::NotApplicable) => 4,
        Some(Response::Checked(_)) => 5,
    };
    (kind, &standing.met_items)
}

/// One area on both sides: points earned and points at stake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaChange {
    /// The area's id.
    pub id: String,
    /// Points and maximum before; `None` when the earlier catalogue lacks the area.
    pub before: Option<(u32, u32)>,
    /// Points and maximum after; `None` when the later catalogue lacks the area.
    pub after: Option<(u32, u32)>,
}

/// Two self-assessments side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Every criterion of either side: the later catalogue's in its order, then those only
    /// the earlier one has.
    pub criteria: Vec<CriterionChange>,
    /// Every area of either side, in the same order.
    pub areas: Vec<AreaChange>,
    /// Points earned and at stake, before and after.
    pub totals: [(u32, u32); 2],
    /// Per-mille scores, before and after.
    pub scores: [u32; 2],
    /// Grade ids, before and after.
    pub grades: [crate::GradeId; 2],
    /// The grades as people read them ([`crate::Report::grade_text`]), in Chinese and English,
    /// before and after.
    pub grade_texts: [crate::Text; 2],
    /// Answered criteria, before and after.
    pub answered: [usize; 2],
}

impl Side<'_> {
    fn catalogue(&self) -> &Catalogue {
        self.report.catalogue()
    }
}

impl Comparison {
    /// Compares `before` with `after`, criterion by criterion.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when a side's answers or report belong to another catalogue
    /// than the side's.
    pub fn between(before: Side<'_>, after: Side<'_>) -> Result<Comparison, Error> {
        before.answers.fits(before.catalogue())?;
        after.answers.fits(after.catalogue())?;
        let mut criteria: Vec<CriterionChange> = after
            .catalogue()
            .criteria()
            .iter()
            .enumerate()
            .map(|(index, criterion)| {
                let index_before = before.catalogue().index_of(&criterion.id);
                change(&criterion.id, index_before.map(|at| (before, at)), Some((after, index)))
            })
            .collect();
        criteria.extend(
            before
                .catalogue()
                .criteria()
                .iter()
                .enumerate()
                .filter(|(_, criterion)| after.catalogue().index_of(&criterion.id).is_none())
                .map(|(index, criterion)| change(&criterion.id, Some((before, index)), None)),
        );
        let area_points = |side: Side<'_>, id: &str| {
            side.report.areas().find(|score| score.area.id == id).map(|score| (score.points, score.maximum))
        };
        let mut areas: Vec<AreaChange> = after
            .catalogue()
            .areas()
            .iter()
            .map(|area| AreaChange {
                id: area.id.clone(),
                before: area_points(before, &area.id),
                after: area_points(after, &area.id),
            })
            .collect();
        areas.extend(
            before
                .catalogue()
                .areas()
                .iter()
                .filter(|area| area_points(after, &area.id).is_none())
                .map(|area| AreaChange { id: area.id.clone(), before: area_points(before, &area.id), after: None }),
        );
        let grade = |side: Side<'_>| side.report.grade().id.clone();
        let grade_text = |side: Side<'_>| crate::Text {
            zh: side.report.grade_text(crate::Lang::Zh),
            en: side.report.grade_text(crate::Lang::En),
        };
        Ok(Comparison {
            criteria,
            areas,
            totals: [(before.report.total(), before.report.maximum()), (after.report.total(), after.report.maximum())],
            scores: [before.report.score(), after.report.score()],
            grades: [grade(before), grade(after)],
            grade_texts: [grade_text(before), grade_text(after)],
            answered: [before.report.answered(), after.report.answered()],
        })
    }

    /// The criteria where anything changed, in the order of [`Comparison::criteria`].
    pub fn changed(&self) -> impl Iterator<Item = &CriterionChange> {
        self.criteria.iter().filter(|criterion| criterion.changed())
    }

    /// Points earned after minus before.
    pub fn total_change(&self) -> i64 {
        i64::from(self.totals[1].0) - i64::from(self.totals[0].0)
    }

    /// Per-mille score after minus before.
    pub fn score_change(&self) -> i64 {
        i64::from(self.scores[1]) - i64::from(self.scores[0])
    }
}

fn change<'a>(id: &str, before: Option<(Side<'a>, usize)>, after: Option<(Side<'a>, usize)>) -> CriterionChange {
    fn entry<'a>(side: Option<(Side<'a>, usize)>) -> Option<&'a Entry> {
        side.and_then(|(side, index)| side.answers.entry(index))
    }
    let (entry_before, entry_after) = (entry(before), entry(after));
    fn note(entry: Option<&Entry>) -> &str {
        entry.map_or("", |entry| entry.note.as_str())
    }
    fn evidence(entry: Option<&Entry>) -> &[crate::answers::Evidence] {
        entry.map(|entry| entry.evidence.as_slice()).unwrap_or_default()
    }
    CriterionChange {
        id: id.to_owned(),
        index_after: after.map(|(_, index)| index),
        index_before: before.map(|(_, index)| index),
        before: before.map(|(side, index)| standing(side, index)),
        after: after.map(|(side, index)| standing(side, index)),
        note_changed: note(entry_before) != note(entry_after),
        evidence_changed: evidence(entry_before) != evidence(entry_after),
    }
}

fn standing(side: Side<'_>, index: usize) -> Standing {
    let criterion: &Criterion = &side.catalogue().criteria()[index];
    let response = side.answers.entry(index).and_then(|entry| entry.response);
    let met_items = match response {
        Some(Response::Checked(met)) => met.met_items(criterion).map(|item| item.id.clone()).collect(),
        _ => Vec::new(),
    };
    let outcome = side.report.outcomes()[index];
    Standing { response, met_items, points: outcome.points, maximum: outcome.maximum }
}

#[cfg(test)]
mod tests {
    use super::{Comparison, Side};
    use crate::answers::{Answers, Evidence, ItemsMet, Response};
    use crate::catalogue::Catalogue;
    use crate::report::Report;

    fn checked(places: &[usize]) -> Response {
        Response::Checked(places.iter().copied().collect())
    }

    fn compare(catalogue: &Catalogue, before: &Answers, after: &Answers) -> Comparison {
        let (report_before, report_after) =
            (Report::compute(catalogue, before).unwrap(), Report::compute(catalogue, after).unwrap());
        Comparison::between(
            Side { answers: before, report: &report_before },
            Side { answers: after, report: &report_after },
        )
        .unwrap()
    }

    fn answered(catalogue: &Catalogue, answers: &[(&str, Response)]) -> Answers {
        let mut all = Answers::blank(catalogue);
        for (id, response) in answers {
            all.set_response(catalogue, catalogue.index_of(id).unwrap(), Some(*response)).unwrap();
        }
        all
    }

    #[test]
    fn only_what_changed_with_points_up_and_down() {
        let catalogue = Catalogue::builtin();
        let before = answered(catalogue, &[("A1", Response::Yes), ("A3", Response::No), ("B1", checked(&[0, 1]))]);
        let after = answered(catalogue, &[("A1", Response::Partly), ("A3", Response::No), ("B1", checked(&[0, 1, 3]))]);
        let comparison = compare(catalogue, &before, &after);
        let changed: Vec<(&str, i64)> =
            comparison.changed().map(|change| (change.id.as_str(), change.points_change())).collect();
        assert_eq!(changed, [("A1", -20), ("B1", 12)]);
        assert_eq!(comparison.total_change(), -8);
        assert_eq!(comparison.criteria.len(), catalogue.criteria().len());
        let b1 = comparison.changed().find(|change| change.id == "B1").unwrap();
        assert_eq!(b1.after.as_ref().unwrap().met_items, ["B1.1", "B1.2", "B1.4"]);
        let area_a = &comparison.areas[0];
        assert_eq!((area_a.before.unwrap().0, area_a.after.unwrap().0), (40, 20));
    }

    #[test]
    fn answering_a_checklist_none_is_a_change_from_open_though_no_points_move() {
        let catalogue = Catalogue::builtin();
        let before = Answers::blank(catalogue);
        let after = answered(catalogue, &[("B2", Response::Checked(ItemsMet::NONE))]);
        let comparison = compare(catalogue, &before, &after);
        let changed: Vec<_> = comparison.changed().collect();
        assert_eq!(changed.len(), 1);
        assert!(changed[0].answer_changed());
        assert_eq!(changed[0].points_change(), 0);
        assert_eq!(comparison.answered, [0, 1]);
    }

    #[test]
    fn not_applicable_changes_the_points_at_stake() {
        let catalogue = Catalogue::builtin();
        let before = answered(catalogue, &[("D10", Response::No)]);
        let after = answered(catalogue, &[("D10", Response::NotApplicable)]);
        let comparison = compare(catalogue, &before, &after);
        let d10 = comparison.changed().next().unwrap();
        assert_eq!((d10.before.as_ref().unwrap().maximum, d10.after.as_ref().unwrap().maximum), (16, 0));
        assert_eq!(comparison.totals[0].1 - comparison.totals[1].1, 16);
    }

    #[test]
    fn notes_and_evidence_count_as_changes() {
        let catalogue = Catalogue::builtin();
        let before = answered(catalogue, &[("A1", Response::Yes)]);
        let mut after = before.clone();
        after.set_note_at(0, "已补充会议纪要").unwrap();
        after.add_evidence_at(1, Evidence::Link("https://www.example.org.cn/a".into())).unwrap();
        let comparison = compare(catalogue, &before, &after);
        let changed: Vec<(&str, bool, bool, bool)> = comparison
            .changed()
            .map(|change| (change.id.as_str(), change.answer_changed(), change.note_changed, change.evidence_changed))
            .collect();
        assert_eq!(changed, [("A1", false, true, false), ("A2", false, false, true)]);
    }

    #[test]
    fn criteria_are_matched_by_id_across_catalogue_versions() {
        let all = Catalogue::builtins();
        let (first, last) = (&all[0], &all[all.len() - 1]);
        let before = answered(first, &[("C4", Response::No), ("C7", checked(&[0, 2]))]);
        let after = answered(last, &[("C4", Response::Yes), ("C7", checked(&[0, 2]))]);
        let (report_before, report_after) =
            (Report::compute(first, &before).unwrap(), Report::compute(last, &after).unwrap());
        let comparison = Comparison::between(
            Side { answers: &before, report: &report_before },
            Side { answers: &after, report: &report_after },
        )
        .unwrap();
        let changed: Vec<(&str, i64)> =
            comparison.changed().map(|change| (change.id.as_str(), change.points_change())).collect();
        assert_eq!(changed, [("C4", 14)]);
        assert_eq!(comparison.grades, ["rectify".to_owned(), "rectify".to_owned()]);
    }
}
