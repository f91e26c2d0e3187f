//! Scoring: the report is a pure function of a catalogue and answers checked against it.

use crate::Error;
use crate::answers::{Answers, ItemsMet, Response};
use crate::catalogue::{Area, Catalogue, Criterion, Grade, Item, Kind};
use crate::wire::{AreaScoreDoc, CompletenessDoc, REPORT_FORMAT, RectificationDoc, ReportDoc};

/// One criterion's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Points earned.
    pub points: u32,
    /// Points at stake: the criterion's points, or 0 when not applicable.
    pub maximum: u32,
    /// Answered (not applicable included).
    pub answered: bool,
    /// A veto gate answered no.
    pub veto: bool,
}

impl Outcome {
    /// The points lost: what is at stake less what was earned.
    pub fn lost(&self) -> u32 {
        self.maximum.saturating_sub(self.points)
    }
}

/// What the answers earn against the catalogue.
///
/// Its fields are indexes into the catalogue it was computed with, whose digest it keeps; the
/// accessors ([`Report::grade_in`], [`Report::area_scores`], [`Report::rectification_entries`],
/// …) return the catalogue's own items instead, and an error when given another catalogue (or a
/// report whose fields were changed to point outside it), never a panic or a wrong label.
///
/// # Errors
///
/// [`Report::compute`] and every accessor return [`Error::CatalogueMismatch`] when the answers
/// or the report belong to another catalogue than the one given.
///
/// ```
/// use selfcheck_core::{Answers, Catalogue, Report, Response};
///
/// let catalogue = Catalogue::builtin();
/// let mut answers = Answers::blank(catalogue);
/// answers.set(catalogue, "A1", Response::Yes).unwrap();
/// let report = Report::compute(catalogue, &answers)?;
/// assert_eq!(report.answered(), 1);
/// let a1 = catalogue.criterion("A1").unwrap();
/// assert_eq!(report.total, a1.points);
/// // Every other criterion is open and on the rectification list, with the points it lacks.
/// let to_fix = report.rectification_entries(catalogue, &answers)?;
/// assert_eq!(to_fix.len(), catalogue.criteria().len() - 1);
/// assert!(to_fix.iter().all(|entry| entry.open && entry.criterion.id != "A1"));
/// # Ok::<(), selfcheck_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Points earned.
    pub total: u32,
    /// Points available after not-applicable.
    pub maximum: u32,
    /// `total × 1000 / maximum`, rounded down; 0 when nothing is applicable.
    pub score: u32,
    /// Index of the grade in [`Catalogue::grades`].
    pub grade: usize,
    /// Points and maximum of each area, in catalogue order.
    pub areas: Vec<(u32, u32)>,
    /// Each criterion's outcome, in catalogue order.
    pub outcomes: Vec<Outcome>,
    /// Indexes of the criteria whose veto was triggered.
    pub vetoes: Vec<usize>,
    /// Indexes of the open criteria.
    pub open: Vec<usize>,
    /// Indexes of the criteria below full points: vetoes first, then most points lost first,
    /// then catalogue order.
    pub rectification: Vec<usize>,
    /// The digest of the catalogue the report was computed with.
    catalogue: String,
}

/// Where a result stands for the people who read it and in the bureau's ranking: the one rule
/// that every page, export, command and binding shows, so that the same file shows the same
/// grade everywhere.
///
/// - [`Standing::Incomplete`]: a criterion is still open. It has no grade (it reads "尚未完成",
///   whatever its points and vetoes) and is not ranked: the ranking lists it after every other
///   result, the most answered first.
/// - [`Standing::Vetoed`]: every criterion answered, and a veto triggered. Its grade is the
///   catalogue's veto grade (需整改), and it is not ranked either: the ranking lists it, marked
///   with its vetoes, after the ranked results and before the incomplete ones.
/// - [`Standing::Graded`]: every criterion answered, no veto. Its grade is its score's band, and
///   it is ranked by score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Standing {
    /// Complete, no veto: graded by score and ranked.
    Graded,
    /// Complete, with a veto: the veto grade, listed after the ranked results.
    Vetoed,
    /// Criteria still open: no grade, listed last.
    Incomplete,
}

impl Standing {
    /// A stable code: `graded`, `vetoed`, `incomplete`.
    pub fn code(self) -> &'static str {
        match self {
            Standing::Graded => "graded",
            Standing::Vetoed => "vetoed",
            Standing::Incomplete => "incomplete",
        }
    }

    /// The standing of a code written by [`Standing::code`].
    pub fn from_code(code: &str) -> Option<Standing> {
        [Standing::Graded, Standing::Vetoed, Standing::Incomplete].into_iter().find(|standing| standing.code() == code)
    }

    /// Whether a result of this standing gets a rank number.
    pub fn is_ranked(self) -> bool {
        self == Standing::Graded
    }
}

/// The checklist sub-items of `criterion` (at `index` in `answers`) not met: all of them while
/// it is open, none when it does not apply.
fn items_missing<'c>(criterion: &'c Criterion, answers: &Answers, index: usize) -> impl Iterator<Item = &'c Item> {
    let met = match answers.entry(index).and_then(|entry| entry.response) {
        Some(Response::Checked(met)) => Some(met),
        Some(Response::NotApplicable) => None,
        _ => Some(ItemsMet::NONE),
    };
    criterion
        .items()
        .iter()
        .enumerate()
        .filter(move |(place, _)| met.is_some_and(|met| !met.contains(*place)))
        .map(|(_, item)| item)
}

/// The outcome of one criterion given its response.
pub fn outcome(criterion: &Criterion, response: Option<Response>) -> Outcome {
    let full = criterion.points;
    let (points, maximum) = match (response, &criterion.kind) {
        (None, _) => (0, full),
        (Some(Response::NotApplicable), _) => (0, 0),
        (Some(Response::Yes), _) => (full, full),
        (Some(Response::Partly), _) => (full / 2, full),
        (Some(Response::No), _) => (0, full),
        (Some(Response::Checked(met)), Kind::Checklist(_)) => {
            (met.met_items(criterion).map(|item| item.points).sum(), full)
        }
        // Answers are checked against the catalogue before scoring; a mismatched kind earns nothing.
        (Some(Response::Checked(_)), Kind::Scale | Kind::Binary) => (0, full),
    };
    Outcome {
        points,
        maximum,
        answered: response.is_some(),
        veto: criterion.veto.is_some() && response == Some(Response::No),
    }
}

impl Report {
    /// Scores `answers` against `catalogue`.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the answers were made for another catalogue.
    pub fn compute(catalogue: &Catalogue, answers: &Answers) -> Result<Report, Error> {
        answers.fits(catalogue)?;
        let outcomes: Vec<Outcome> = catalogue
            .criteria()
            .iter()
            .zip(answers.entries())
            .map(|(criterion, entry)| outcome(criterion, entry.response))
            .collect();
        Report::from_outcomes(catalogue, outcomes)
    }

    /// Builds the report from per-criterion outcomes (in catalogue order), so that a caller that
    /// keeps outcomes can re-score one changed criterion without recomputing the others.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when there is not one outcome for each of the catalogue's
    /// criteria.
    pub fn from_outcomes(catalogue: &Catalogue, outcomes: Vec<Outcome>) -> Result<Report, Error> {
        if outcomes.len() != catalogue.criteria().len() {
            return Err(Error::CatalogueMismatch {
                expected: catalogue.to_string(),
                found: format!("{} / {}", outcomes.len(), catalogue.criteria().len()),
            });
        }
        Ok(Report::build(catalogue, outcomes))
    }

    /// The report of blank answers for `catalogue`: every criterion open, nothing earned.
    pub fn blank(catalogue: &Catalogue) -> Report {
        Report::build(catalogue, catalogue.criteria().iter().map(|criterion| outcome(criterion, None)).collect())
    }

    /// The report of `outcomes`, one for each of the catalogue's criteria in its order (checked
    /// by the callers).
    fn build(catalogue: &Catalogue, outcomes: Vec<Outcome>) -> Report {
        let areas: Vec<(u32, u32)> = catalogue
            .areas()
            .iter()
            .map(|area| {
                outcomes[area.criteria.clone()]
                    .iter()
                    .fold((0, 0), |(points, maximum), outcome| (points + outcome.points, maximum + outcome.maximum))
            })
            .collect();
        let total = areas.iter().map(|area| area.0).sum();
        let maximum = areas.iter().map(|area| area.1).sum();
        let score = if maximum == 0 { 0 } else { (u64::from(total) * 1000 / u64::from(maximum)) as u32 };
        let vetoes: Vec<usize> = (0..outcomes.len()).filter(|&index| outcomes[index].veto).collect();
        let grades = catalogue.grades();
        let grade = if vetoes.is_empty() {
            grades.iter().position(|grade| score >= grade.min).unwrap_or(grades.len() - 1)
        } else {
            grades.iter().position(|grade| grade.id == catalogue.veto_grade().id).unwrap_or(grades.len() - 1)
        };
        let open = (0..outcomes.len()).filter(|&index| !outcomes[index].answered).collect();
        let mut rectification: Vec<usize> =
            (0..outcomes.len()).filter(|&index| outcomes[index].points < outcomes[index].maximum).collect();
        rectification.sort_by_key(|&index| {
            let outcome = &outcomes[index];
            (!outcome.veto, std::cmp::Reverse(outcome.lost()), index)
        });
        Report {
            total,
            maximum,
            score,
            grade,
            areas,
            outcomes,
            vetoes,
            open,
            rectification,
            catalogue: catalogue.digest().to_owned(),
        }
    }

    /// Whether every index the report holds points into `catalogue`, the one it was computed
    /// with: after it, the accessors index the catalogue without a panic.
    fn fits(&self, catalogue: &Catalogue) -> Result<(), Error> {
        let criteria = catalogue.criteria().len();
        let fits = self.catalogue == catalogue.digest()
            && self.outcomes.len() == criteria
            && self.areas.len() == catalogue.areas().len()
            && self.grade < catalogue.grades().len()
            && [&self.vetoes, &self.open, &self.rectification]
                .iter()
                .all(|indexes| indexes.iter().all(|&index| index < criteria));
        if fits {
            Ok(())
        } else {
            Err(Error::CatalogueMismatch { expected: catalogue.to_string(), found: self.catalogue.clone() })
        }
    }

    /// Whether `answers` and the report belong to `catalogue`.
    pub(crate) fn fits_with(&self, catalogue: &Catalogue, answers: &Answers) -> Result<(), Error> {
        self.fits(catalogue)?;
        answers.fits(catalogue)
    }

    /// The report as a wire document.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the report or the answers belong to another catalogue.
    pub fn to_doc(&self, catalogue: &Catalogue, answers: &Answers) -> Result<ReportDoc, Error> {
        self.fits_with(catalogue, answers)?;
        let criteria = catalogue.criteria();
        Ok(ReportDoc {
            format: REPORT_FORMAT.to_owned(),
            catalogue: catalogue.reference(),
            total: self.total,
            maximum: self.maximum,
            score: self.score,
            grade: catalogue.grades()[self.grade].id.as_str().to_owned(),
            areas: catalogue
                .areas()
                .iter()
                .zip(&self.areas)
                .map(|(area, &(points, maximum))| AreaScoreDoc { id: area.id.clone(), points, maximum })
                .collect(),
            vetoes: self.vetoes.iter().map(|&index| criteria[index].id.clone()).collect(),
            completeness: CompletenessDoc {
                answered: (self.outcomes.len() - self.open.len()) as u32,
                total: self.outcomes.len() as u32,
                open: self.open.iter().map(|&index| criteria[index].id.clone()).collect(),
            },
            rectification: self
                .rectification
                .iter()
                .map(|&index| {
                    let outcome = &self.outcomes[index];
                    RectificationDoc {
                        criterion: criteria[index].id.clone(),
                        lost: outcome.lost(),
                        open: !outcome.answered,
                        veto: outcome.veto,
                        missing_items: Report::missing_item_ids(catalogue, answers, index),
                    }
                })
                .collect(),
        })
    }

    /// The checklist sub-items of criterion `index` not met (all of them while open); none for
    /// an index outside the catalogue.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the report or the answers belong to another catalogue.
    pub fn missing_items(&self, catalogue: &Catalogue, answers: &Answers, index: usize) -> Result<Vec<String>, Error> {
        self.fits_with(catalogue, answers)?;
        Ok(Report::missing_item_ids(catalogue, answers, index))
    }

    /// [`Report::missing_items`] once the inputs were found to belong together.
    fn missing_item_ids(catalogue: &Catalogue, answers: &Answers, index: usize) -> Vec<String> {
        catalogue.criteria().get(index).map_or_else(Vec::new, |criterion| {
            items_missing(criterion, answers, index).map(|item| item.id.clone()).collect()
        })
    }

    /// Where the result stands: see [`Standing`].
    pub fn standing(&self) -> Standing {
        if !self.open.is_empty() {
            Standing::Incomplete
        } else if !self.vetoes.is_empty() {
            Standing::Vetoed
        } else {
            Standing::Graded
        }
    }

    /// The grade as people read it, in `lang`: the grade's label once every criterion is
    /// answered, else "尚未完成" (see [`Standing`]).
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when `catalogue` is not the one the report was computed with.
    pub fn grade_text(&self, catalogue: &Catalogue, lang: crate::Lang) -> Result<String, Error> {
        Ok(self.standing().grade_text(self.grade_in(catalogue)?.label.get(lang), lang))
    }

    /// Answered criteria (not applicable included).
    pub fn answered(&self) -> usize {
        self.outcomes.len() - self.open.len()
    }

    /// The grade, as the catalogue names it.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when `catalogue` is not the one the report was computed with.
    pub fn grade_in<'c>(&self, catalogue: &'c Catalogue) -> Result<&'c Grade, Error> {
        self.fits(catalogue)?;
        Ok(&catalogue.grades()[self.grade])
    }

    /// Each area with its points and maximum, in catalogue order.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when `catalogue` is not the one the report was computed with.
    pub fn area_scores<'c>(&self, catalogue: &'c Catalogue) -> Result<Vec<AreaScore<'c>>, Error> {
        self.fits(catalogue)?;
        Ok(catalogue
            .areas()
            .iter()
            .zip(&self.areas)
            .map(|(area, &(points, maximum))| AreaScore { area, points, maximum })
            .collect())
    }

    /// The criteria whose veto was triggered, in catalogue order.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when `catalogue` is not the one the report was computed with.
    pub fn veto_criteria<'c>(&self, catalogue: &'c Catalogue) -> Result<Vec<&'c Criterion>, Error> {
        self.fits(catalogue)?;
        Ok(self.vetoes.iter().map(|&index| &catalogue.criteria()[index]).collect())
    }

    /// The criteria still open, in catalogue order.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when `catalogue` is not the one the report was computed with.
    pub fn open_criteria<'c>(&self, catalogue: &'c Catalogue) -> Result<Vec<&'c Criterion>, Error> {
        self.fits(catalogue)?;
        Ok(self.open.iter().map(|&index| &catalogue.criteria()[index]).collect())
    }

    /// What to fix, in the order to fix it (vetoes first, then most points lost first): each
    /// criterion with the points it lost and, for a checklist, the sub-items not met.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the report or the answers belong to another catalogue.
    pub fn rectification_entries<'c>(
        &self,
        catalogue: &'c Catalogue,
        answers: &Answers,
    ) -> Result<Vec<Rectification<'c>>, Error> {
        self.fits_with(catalogue, answers)?;
        Ok(self
            .rectification
            .iter()
            .map(|&index| {
                let outcome = &self.outcomes[index];
                let criterion = &catalogue.criteria()[index];
                Rectification {
                    criterion,
                    lost: outcome.lost(),
                    open: !outcome.answered,
                    veto: outcome.veto,
                    missing_items: items_missing(criterion, answers, index).collect(),
                }
            })
            .collect())
    }

    /// The report as pretty-printed JSON (`selfcheck-report/1`), as `selfcheck score --format
    /// json` writes it; [`crate::wire::ReportDoc::from_json`] reads it back.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the report or the answers belong to another catalogue.
    pub fn to_json_string(&self, catalogue: &Catalogue, answers: &Answers) -> Result<String, Error> {
        Ok(self.to_doc(catalogue, answers)?.to_json_string())
    }
}

/// An area's points in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaScore<'c> {
    /// The area.
    pub area: &'c Area,
    /// Points earned.
    pub points: u32,
    /// Points available after not applicable.
    pub maximum: u32,
}

/// A criterion below full points, in a report's rectification list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rectification<'c> {
    /// The criterion.
    pub criterion: &'c Criterion,
    /// Points lost.
    pub lost: u32,
    /// Whether it is still unanswered.
    pub open: bool,
    /// Whether it triggered a veto.
    pub veto: bool,
    /// The checklist's sub-items not met.
    pub missing_items: Vec<&'c Item>,
}
