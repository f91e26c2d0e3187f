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
/// A report keeps the catalogue it was computed with (a shared handle, not a copy), and speaks
/// in that catalogue's own items: its grade, vetoes, open criteria and rectification list are
/// the catalogue's grades and criteria, never indexes for the caller to resolve. It is built
/// only by scoring, so it cannot disagree with its catalogue; what takes answers as well
/// checks that they belong to the same catalogue.
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
/// assert_eq!(report.total(), a1.points);
/// // Every other criterion is open and on the rectification list, with the points it lacks.
/// let to_fix = report.rectification_entries(&answers)?;
/// assert_eq!(to_fix.len(), catalogue.criteria().len() - 1);
/// assert!(to_fix.iter().all(|entry| entry.open && entry.criterion.id != "A1"));
/// # Ok::<(), selfcheck_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Report {
    catalogue: Catalogue,
    total: u32,
    maximum: u32,
    score: u32,
    /// Position of the grade in the catalogue's grades.
    grade: usize,
    /// Points and maximum of each area, in catalogue order.
    areas: Vec<(u32, u32)>,
    /// Each criterion's outcome, in catalogue order.
    outcomes: Vec<Outcome>,
    /// Positions of the criteria whose veto was triggered.
    vetoes: Vec<usize>,
    /// Positions of the open criteria.
    open: Vec<usize>,
    /// Positions of the criteria below full points: vetoes first, then most points lost first,
    /// then catalogue order.
    rectification: Vec<usize>,
}

/// The catalogue is named by its digest: its whole content would drown the figures.
impl std::fmt::Debug for Report {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Report")
            .field("catalogue", &self.catalogue.digest())
            .field("total", &self.total)
            .field("maximum", &self.maximum)
            .field("score", &self.score)
            .field("grade", &self.grade)
            .field("open", &self.open)
            .field("vetoes", &self.vetoes)
            .finish_non_exhaustive()
    }
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
            catalogue: catalogue.clone(),
            total,
            maximum,
            score,
            grade,
            areas,
            outcomes,
            vetoes,
            open,
            rectification,
        }
    }

    /// The catalogue the report was computed with.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// Points earned.
    pub fn total(&self) -> u32 {
        self.total
    }

    /// Points available after not applicable.
    pub fn maximum(&self) -> u32 {
        self.maximum
    }

    /// `total × 1000 / maximum`, rounded down; 0 when nothing is applicable.
    pub fn score(&self) -> u32 {
        self.score
    }

    /// The grade, as the catalogue names it. While a criterion is open this is the grade the
    /// points would give, which nobody is shown: see [`Report::grade_text`] and [`Standing`].
    pub fn grade(&self) -> &Grade {
        &self.catalogue.grades()[self.grade]
    }

    /// The grade as people read it, in `lang`: the grade's label once every criterion is
    /// answered, else "尚未完成" (see [`Standing`]).
    pub fn grade_text(&self, lang: crate::Lang) -> String {
        self.standing().grade_text(self.grade().label.get(lang), lang)
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

    /// Answered criteria (not applicable included).
    pub fn answered(&self) -> usize {
        self.outcomes.len() - self.open.len()
    }

    /// Each criterion's outcome, in the order of the catalogue's criteria.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// Each area with its points and maximum, in catalogue order.
    pub fn areas(&self) -> impl ExactSizeIterator<Item = AreaScore<'_>> {
        self.catalogue.areas().iter().zip(&self.areas).map(|(area, &(points, maximum))| AreaScore {
            area,
            points,
            maximum,
        })
    }

    /// The criteria whose veto was triggered, in catalogue order.
    pub fn vetoes(&self) -> impl ExactSizeIterator<Item = &Criterion> {
        self.criteria_at(&self.vetoes)
    }

    /// The criteria still open, in catalogue order.
    pub fn open(&self) -> impl ExactSizeIterator<Item = &Criterion> {
        self.criteria_at(&self.open)
    }

    /// What to fix, in the order to fix it (vetoes first, then most points lost first, then
    /// catalogue order): each criterion below full points with its outcome.
    /// [`Report::rectification_entries`] adds a checklist's sub-items not met.
    pub fn rectification(&self) -> impl ExactSizeIterator<Item = (&Criterion, Outcome)> {
        self.rectification.iter().map(|&index| (&self.catalogue.criteria()[index], self.outcomes[index]))
    }

    fn criteria_at<'r>(&'r self, indexes: &'r [usize]) -> impl ExactSizeIterator<Item = &'r Criterion> {
        indexes.iter().map(|&index| &self.catalogue.criteria()[index])
    }

    /// What to fix, in the order to fix it (vetoes first, then most points lost first): each
    /// criterion with the points it lost and, for a checklist, the sub-items not met.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the answers belong to another catalogue than the report.
    pub fn rectification_entries(&self, answers: &Answers) -> Result<Vec<Rectification<'_>>, Error> {
        answers.fits(&self.catalogue)?;
        Ok(self
            .rectification
            .iter()
            .map(|&index| {
                let outcome = &self.outcomes[index];
                let criterion = &self.catalogue.criteria()[index];
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

    /// The checklist sub-items of the criterion `id` not met (all of them while open); none for
    /// an id the catalogue does not have.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the answers belong to another catalogue than the report.
    pub fn missing_items(&self, answers: &Answers, id: &str) -> Result<Vec<&Item>, Error> {
        answers.fits(&self.catalogue)?;
        Ok(self
            .catalogue
            .index_of(id)
            .map_or_else(Vec::new, |index| items_missing(&self.catalogue.criteria()[index], answers, index).collect()))
    }

    /// The report as a wire document.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the answers belong to another catalogue than the report.
    pub fn to_doc(&self, answers: &Answers) -> Result<ReportDoc, Error> {
        answers.fits(&self.catalogue)?;
        let ids =
            |criteria: &mut dyn Iterator<Item = &Criterion>| criteria.map(|criterion| criterion.id.clone()).collect();
        Ok(ReportDoc {
            format: REPORT_FORMAT.to_owned(),
            catalogue: self.catalogue.reference(),
            total: self.total,
            maximum: self.maximum,
            score: self.score,
            grade: self.grade().id.as_str().to_owned(),
            areas: self
                .areas()
                .map(|area| AreaScoreDoc { id: area.area.id.clone(), points: area.points, maximum: area.maximum })
                .collect(),
            vetoes: ids(&mut self.vetoes()),
            completeness: CompletenessDoc {
                answered: self.answered() as u32,
                total: self.outcomes.len() as u32,
                open: ids(&mut self.open()),
            },
            rectification: self
                .rectification
                .iter()
                .map(|&index| {
                    let (criterion, outcome) = (&self.catalogue.criteria()[index], &self.outcomes[index]);
                    RectificationDoc {
                        criterion: criterion.id.clone(),
                        lost: outcome.lost(),
                        open: !outcome.answered,
                        veto: outcome.veto,
                        missing_items: items_missing(criterion, answers, index).map(|item| item.id.clone()).collect(),
                    }
                })
                .collect(),
        })
    }

    /// The report as pretty-printed JSON (`selfcheck-report/1`), as `selfcheck score --format
    /// json` writes it; [`crate::wire::ReportDoc::from_json`] reads it back.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the answers belong to another catalogue than the report.
    pub fn to_json_string(&self, answers: &Answers) -> Result<String, Error> {
        Ok(self.to_doc(answers)?.to_json_string())
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
