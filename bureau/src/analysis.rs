//! Aggregates over a set of verdicts: the association × month matrix, each month's reporting
//! figures, months missed in a row, the ranking, and the province's figures (grades, area
//! means, criteria failed, vetoes). Integers only: rates are per mille, rounded down.

use std::collections::{BTreeMap, HashMap};

use selfcheck_core::catalogue::Catalogue;
use selfcheck_core::credential::VerifiedResult;
use selfcheck_core::report::Standing;
use selfcheck_core::time::Timestamp;

use super::anomaly::{Anomaly, find_anomalies};
use super::expected::ExpectedList;
use super::month::{Month, MonthRange};
pub use super::settings::{AUTOMATIC_MONTHS, DEFAULT_LONGEST_PERIOD_DAYS, Rules, Settings};
use super::verdict::{Stage, Verdict};

/// What a cell of the matrix says about one association's month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellStatus {
    /// One accepted result (see [`Cell::late`]).
    Received,
    /// Two or more different accepted results for the same month.
    Duplicate,
    /// Only rejected files name this association and month.
    Invalid,
    /// Nothing, and the month is due.
    Missing,
    /// Nothing, and the month is not due yet.
    NotDue,
    /// With an expected list: a month before the first file of an association not on it, which
    /// nobody expected to report then ([`Rules::V2`]).
    Unlisted,
}

impl CellStatus {
    /// A stable code.
    pub fn code(self) -> &'static str {
        match self {
            CellStatus::Received => "received",
            CellStatus::Duplicate => "duplicate",
            CellStatus::Invalid => "invalid",
            CellStatus::Missing => "missing",
            CellStatus::NotDue => "not-due",
            CellStatus::Unlisted => "unlisted",
        }
    }

    /// The status in a word or two of `lang`.
    pub fn label(self, lang: selfcheck_core::Lang) -> &'static str {
        crate::words::cell_status(self, lang)
    }

    /// Whether the association reported this month (one or more accepted results).
    pub fn is_received(self) -> bool {
        matches!(self, CellStatus::Received | CellStatus::Duplicate)
    }

    /// Whether the month counts as missed: due, and no accepted result.
    pub fn is_missed(self) -> bool {
        matches!(self, CellStatus::Invalid | CellStatus::Missing)
    }
}

/// One association's month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What it says.
    pub status: CellStatus,
    /// With a deadline: the first accepted result was signed after it.
    pub late: bool,
    /// Indexes (into the verdicts) of the accepted results, one per different result, first
    /// signed first.
    pub accepted: Vec<usize>,
    /// Indexes of the rejected files that name this association and month, one per file.
    pub rejected: Vec<usize>,
}

/// One association's row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    /// The credit code.
    pub credit_code: String,
    /// The name on the expected list, else the one its latest accepted result gives; empty when
    /// only rejected files name it (their names are unverified).
    pub name: String,
    /// Whether it is on the expected list.
    pub expected: bool,
    /// One cell per month of [`Analysis::months`].
    pub cells: Vec<Cell>,
    /// The longest run of consecutive missed months.
    pub longest_missed_run: u32,
    /// The missed months in a row up to the last due month.
    pub current_missed_run: u32,
}

/// One month's reporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigures {
    /// The month.
    pub month: Month,
    /// The associations counted: those on the expected list when one is given, else every row.
    pub associations: u32,
    /// How many of them reported (received or duplicate).
    pub received: u32,
    /// Of those, how many late.
    pub late: u32,
    /// How many sent two or more different results.
    pub duplicate: u32,
    /// How many sent only rejected files.
    pub invalid: u32,
    /// How many sent nothing although the month is due.
    pub missing: u32,
    /// How many sent nothing for a month not due yet.
    pub not_due: u32,
    /// `received × 1000 / associations`, rounded down (0 when there are none).
    pub rate_per_mille: u32,
    /// With an expected list: associations not on it that reported this month.
    pub unlisted_received: u32,
}

/// One row of the ranking: an association's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankingRow {
    /// 1 for the best score among the ranked results; equal scores share a rank (1, 2, 2, 4).
    /// `None` for a result that is not ranked (see [`Standing`]).
    pub rank: Option<u32>,
    /// Where the result stands, which orders the ranking.
    pub standing: Standing,
    /// The verdict (accepted) whose result this is.
    pub verdict: usize,
    /// The month it reports on.
    pub month: Month,
    /// Whether the association is on the expected list.
    pub expected: bool,
}

/// A criterion's figures across the results ranked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CriterionFigures {
    /// Results to which it applied.
    pub applicable: u32,
    /// Full points.
    pub full: u32,
    /// Some points, not all.
    pub partial: u32,
    /// No points (open ones included).
    pub none: u32,
    /// Left open (no answer).
    pub open: u32,
    /// Answered not applicable.
    pub not_applicable: u32,
    /// Its veto triggered.
    pub vetoes: u32,
    /// `(applicable − full) × 1000 / applicable`, rounded down: how often it is failed.
    pub failed_per_mille: u32,
}

/// An area's figures across the results ranked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AreaFigures {
    /// Points earned, summed.
    pub points: u64,
    /// Points at stake, summed.
    pub maximum: u64,
    /// `points × 1000 / maximum`, rounded down: the area's mean, weighted by what was at stake.
    pub per_mille: u32,
}

/// The province's figures for the results of one catalogue among those ranked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueFigures {
    /// The catalogue.
    pub catalogue: Catalogue,
    /// How many results.
    pub results: u32,
    /// The mean per-mille score of the complete results, rounded down.
    pub mean_score: u32,
    /// Complete results per grade, in the catalogue's order of grades (a vetoed result has the
    /// veto grade).
    pub grades: Vec<u32>,
    /// Results with criteria still open: they have no grade ([`Standing::Incomplete`]).
    pub incomplete: u32,
    /// Per area, in catalogue order.
    pub areas: Vec<AreaFigures>,
    /// Per criterion, in catalogue order.
    pub criteria: Vec<CriterionFigures>,
    /// Results with at least one veto.
    pub with_veto: u32,
}

impl CatalogueFigures {
    /// Criterion indexes, the most often failed first (by rate, then count, then catalogue
    /// order), only those failed at least once.
    pub fn most_failed(&self) -> Vec<usize> {
        let mut indexes: Vec<usize> = (0..self.criteria.len())
            .filter(|&index| self.criteria[index].applicable > self.criteria[index].full)
            .collect();
        indexes.sort_by_key(|&index| {
            let figures = &self.criteria[index];
            (std::cmp::Reverse(figures.failed_per_mille), std::cmp::Reverse(figures.applicable - figures.full), index)
        });
        indexes
    }
}

/// How many files of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Files given.
    pub files: u32,
    /// Accepted, copies included.
    pub accepted: u32,
    /// Rejected, per stage (in [`Stage::ALL`]'s order), copies included.
    pub rejected: [u32; 6],
    /// Files that repeat an earlier one (the same result, or the same bytes).
    pub copies: u32,
}

impl Counts {
    /// Rejected at `stage`.
    pub fn rejected_at(&self, stage: Stage) -> u32 {
        self.rejected[stage as usize]
    }

    /// Signed results that were rejected (every stage after "not a result").
    pub fn invalid(&self) -> u32 {
        self.rejected[1..].iter().sum()
    }
}

/// Everything the bureau sees in a set of verdicts. A pure function of the verdicts (in their
/// order), the expected list and the settings: the desk and `selfcheck summary` compute the
/// same from the same files.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The settings it was computed with.
    pub settings: Settings,
    /// The months of the matrix; `None` when no file names a month.
    pub months: Option<MonthRange>,
    /// The matrix: the expected list's associations in its order, then the others by credit
    /// code.
    pub rows: Vec<MatrixRow>,
    /// Each month's figures, in order.
    pub month_figures: Vec<MonthFigures>,
    /// The ranking: in the order of [`Rules`] (best score first, equal scores by credit code).
    pub ranking: Vec<RankingRow>,
    /// The province's figures over the ranked results, one per catalogue, the most used first.
    pub province: Vec<CatalogueFigures>,
    /// What only signatures can show: see [`super::anomaly`].
    pub anomalies: Vec<Anomaly>,
    /// The files by kind.
    pub counts: Counts,
    /// For each verdict, the earlier verdict it is a copy of (the same result, or for files
    /// that are not signed results the same bytes).
    pub copy_of: Vec<Option<usize>>,
    /// Verdicts that name a month outside [`Analysis::months`], or a valid credit code nowhere.
    pub unplaced: Vec<usize>,
}

impl Analysis {
    /// Computes the analysis of `verdicts` (in the order the host keeps them; indexes in the
    /// analysis refer to it).
    pub fn compute(verdicts: &[Verdict], expected: Option<&ExpectedList>, settings: Settings) -> Analysis {
        let copy_of = copies(verdicts);
        let counts = count(verdicts, &copy_of);
        let months = settings.months.or_else(|| automatic_months(verdicts, &copy_of));
        let (rows, unplaced) = matrix(verdicts, &copy_of, expected, &settings, months);
        let month_figures = month_figures(&rows, months, expected.is_some());
        let ranking = ranking(verdicts, &copy_of, expected, settings.ranking_month, settings.rules);
        let province = province(verdicts, &ranking);
        let anomalies = find_anomalies(verdicts, &copy_of, &settings);
        Analysis { settings, months, rows, month_figures, ranking, province, anomalies, counts, copy_of, unplaced }
    }

    /// The matrix rows that missed at least `months` months in a row: the desk's "missed 2+
    /// months in a row" filter.
    pub fn missing_in_a_row(&self, months: u32) -> impl Iterator<Item = &MatrixRow> {
        self.rows.iter().filter(move |row| row.longest_missed_run >= months)
    }
}

/// The identity of a file for spotting copies: the result's digest when its signature holds
/// (every copy of a result has it, whatever its whitespace), else the bytes' SHA-256.
fn identity(verdict: &Verdict) -> &str {
    verdict.signer.as_ref().map_or(&verdict.file.sha256, |signer| &signer.digest)
}

fn copies(verdicts: &[Verdict]) -> Vec<Option<usize>> {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(verdicts.len());
    verdicts
        .iter()
        .enumerate()
        .map(|(index, verdict)| {
            let original = *first.entry(identity(verdict)).or_insert(index);
            (original != index).then_some(original)
        })
        .collect()
}

fn count(verdicts: &[Verdict], copy_of: &[Option<usize>]) -> Counts {
    let mut counts = Counts { files: verdicts.len() as u32, ..Counts::default() };
    for (verdict, copy) in verdicts.iter().zip(copy_of) {
        match verdict.stage() {
            None => counts.accepted += 1,
            Some(stage) => counts.rejected[stage as usize] += 1,
        }
        counts.copies += u32::from(copy.is_some());
    }
    counts
}

/// The credit code and month a verdict is placed at: what it names (verified when accepted).
fn placement(verdict: &Verdict) -> Option<(&str, Month)> {
    let claim = verdict.claim.as_ref().filter(|claim| claim.credit_code_valid)?;
    Some((&claim.credit_code, claim.month()?))
}

fn automatic_months(verdicts: &[Verdict], copy_of: &[Option<usize>]) -> Option<MonthRange> {
    let originals = || verdicts.iter().zip(copy_of).filter(|(_, copy)| copy.is_none()).map(|(verdict, _)| verdict);
    let accepted: Vec<Month> = originals().filter(|v| v.accepted().is_some()).filter_map(Verdict::month).collect();
    let months = if accepted.is_empty() {
        originals().filter_map(|verdict| placement(verdict).map(|(_, month)| month)).collect()
    } else {
        accepted
    };
    let (first, last) = (*months.iter().min()?, *months.iter().max()?);
    let back = last.plus(1 - AUTOMATIC_MONTHS as i32).unwrap_or(first);
    MonthRange::new(first.max(back), last)
}

struct RowBuilder {
    name: String,
    expected: bool,
    /// The accepted result naming it last (by month, then signing time): the row's name when
    /// the expected list does not give one.
    latest: Option<(Month, Timestamp)>,
    cells: Vec<Cell>,
}

fn empty_cells(months: Option<MonthRange>) -> Vec<Cell> {
    let count = months.map_or(0, |months| months.len());
    vec![Cell { status: CellStatus::Missing, late: false, accepted: Vec::new(), rejected: Vec::new() }; count]
}

fn matrix(
    verdicts: &[Verdict],
    copy_of: &[Option<usize>],
    expected: Option<&ExpectedList>,
    settings: &Settings,
    months: Option<MonthRange>,
) -> (Vec<MatrixRow>, Vec<usize>) {
    let mut order: Vec<String> = Vec::new();
    let mut rows: HashMap<String, RowBuilder> = HashMap::new();
    for entry in expected.map_or(&[][..], |list| list.entries()) {
        let code = entry.credit_code.as_str().to_owned();
        order.push(code.clone());
        rows.insert(
            code,
            RowBuilder { name: entry.name.clone(), expected: true, latest: None, cells: empty_cells(months) },
        );
    }
    let listed = order.len();
    let mut unplaced = Vec::new();
    for (index, verdict) in verdicts.iter().enumerate() {
        if copy_of[index].is_some() {
            continue;
        }
        let Some((code, month)) = placement(verdict) else {
            if verdict.is_result() {
                unplaced.push(index);
            }
            continue;
        };
        let Some(position) = months.and_then(|months| months.position(month)) else {
            unplaced.push(index);
            continue;
        };
        let row = rows.entry(code.to_owned()).or_insert_with(|| {
            order.push(code.to_owned());
            RowBuilder { name: String::new(), expected: false, latest: None, cells: empty_cells(months) }
        });
        let cell = &mut row.cells[position];
        match verdict.accepted() {
            Some(result) => {
                cell.accepted.push(index);
                let signed = (month, result.issued.clone());
                if !row.expected && row.latest.as_ref().is_none_or(|latest| *latest < signed) {
                    row.name = result.answers.profile().name().to_owned();
                    row.latest = Some(signed);
                }
            }
            None => cell.rejected.push(index),
        }
    }
    order[listed..].sort();
    let today = settings.now.beijing_date();
    let rows = order
        .into_iter()
        .map(|code| {
            let mut row = rows.remove(&code).unwrap_or_else(|| unreachable!("every code in order has a row"));
            for (cell, month) in row.cells.iter_mut().zip(months.iter().flat_map(|months| months.months())) {
                cell.accepted.sort_by_key(|&index| verdicts[index].signer.as_ref().map(|signer| signer.issued.clone()));
                let due = settings.deadline.map_or_else(|| month.last_day(), |deadline| deadline.due(month));
                cell.status = match (cell.accepted.len(), cell.rejected.is_empty()) {
                    (2.., _) => CellStatus::Duplicate,
                    (1, _) => CellStatus::Received,
                    (0, false) => CellStatus::Invalid,
                    (0, true) if today.as_str() <= due.as_str() => CellStatus::NotDue,
                    (0, true) => CellStatus::Missing,
                };
                cell.late = match (settings.deadline, cell.accepted.first()) {
                    (Some(deadline), Some(&first)) => verdicts[first]
                        .signer
                        .as_ref()
                        .is_some_and(|signer| deadline.is_late(month, &signer.issued.beijing_date())),
                    _ => false,
                };
            }
            if settings.rules == Rules::V2 && expected.is_some() && !row.expected {
                let first = row.cells.iter().position(|cell| !cell.accepted.is_empty() || !cell.rejected.is_empty());
                for cell in &mut row.cells[..first.unwrap_or(0)] {
                    cell.status = CellStatus::Unlisted;
                }
            }
            let (longest, current) = missed_runs(&row.cells);
            MatrixRow {
                credit_code: code,
                name: row.name,
                expected: row.expected,
                cells: row.cells,
                longest_missed_run: longest,
                current_missed_run: current,
            }
        })
        .collect();
    (rows, unplaced)
}

/// The longest run of missed months, and the run up to the last month that is due.
fn missed_runs(cells: &[Cell]) -> (u32, u32) {
    let (mut longest, mut run) = (0, 0);
    let mut current = 0;
    for cell in cells {
        if matches!(cell.status, CellStatus::NotDue | CellStatus::Unlisted) {
            // Months not due (or nobody expected) end nothing and start nothing: the current run
            // is the one before them.
            continue;
        }
        run = if cell.status.is_missed() { run + 1 } else { 0 };
        longest = longest.max(run);
        current = run;
    }
    (longest, current)
}

fn per_mille(part: u64, whole: u64) -> u32 {
    (part * 1000).checked_div(whole).map_or(0, |rate| rate as u32)
}

fn month_figures(rows: &[MatrixRow], months: Option<MonthRange>, has_list: bool) -> Vec<MonthFigures> {
    let Some(months) = months else { return Vec::new() };
    months
        .months()
        .enumerate()
        .map(|(position, month)| {
            let mut figures = MonthFigures {
                month,
                associations: 0,
                received: 0,
                late: 0,
                duplicate: 0,
                invalid: 0,
                missing: 0,
                not_due: 0,
                rate_per_mille: 0,
                unlisted_received: 0,
            };
            for row in rows {
                let cell = &row.cells[position];
                if has_list && !row.expected {
                    figures.unlisted_received += u32::from(cell.status.is_received());
                    continue;
                }
                figures.associations += 1;
                match cell.status {
                    CellStatus::Received => figures.received += 1,
                    CellStatus::Duplicate => {
                        figures.received += 1;
                        figures.duplicate += 1;
                    }
                    CellStatus::Invalid => figures.invalid += 1,
                    CellStatus::Missing => figures.missing += 1,
                    CellStatus::NotDue => figures.not_due += 1,
                    CellStatus::Unlisted => {}
                }
                figures.late += u32::from(cell.late);
            }
            figures.rate_per_mille = per_mille(u64::from(figures.received), u64::from(figures.associations));
            figures
        })
        .collect()
}

fn ranking(
    verdicts: &[Verdict],
    copy_of: &[Option<usize>],
    expected: Option<&ExpectedList>,
    month: Option<Month>,
    rules: Rules,
) -> Vec<RankingRow> {
    // Each association's latest accepted result (of `month`, when given).
    let mut chosen: BTreeMap<&str, (Month, &Timestamp, usize)> = BTreeMap::new();
    for (index, verdict) in verdicts.iter().enumerate() {
        let (Some(result), None) = (verdict.accepted(), copy_of[index]) else { continue };
        let Some((code, result_month)) = placement(verdict) else { continue };
        if month.is_some_and(|month| month != result_month) {
            continue;
        }
        let candidate = (result_month, &result.issued, index);
        let entry = chosen.entry(code).or_insert(candidate);
        if (candidate.0, candidate.1) > (entry.0, entry.1) {
            *entry = candidate;
        }
    }
    let report = |index: usize| verdicts[index].accepted().map(|result| &result.report);
    let score = |index: usize| report(index).map_or(0, |report| report.score());
    let standing = |index: usize| report(index).map_or(Standing::Incomplete, selfcheck_core::Report::standing);
    // The standing that orders the ranking: under the first rules, every result was ranked.
    let ordered_as = |index: usize| if rules == Rules::V1 { Standing::Graded } else { standing(index) };
    let mut rows: Vec<(&str, Month, usize)> =
        chosen.into_iter().map(|(code, (month, _, index))| (code, month, index)).collect();
    rows.sort_by_key(|&(code, _, index)| {
        let group = ordered_as(index);
        // Incomplete results: the most answered first.
        let answered =
            if group == Standing::Incomplete { report(index).map_or(0, selfcheck_core::Report::answered) } else { 0 };
        (group, std::cmp::Reverse(answered), std::cmp::Reverse(score(index)), code)
    });
    let mut ranking: Vec<RankingRow> = Vec::with_capacity(rows.len());
    let mut ranked = 0_u32;
    let mut previous: Option<(u32, u32)> = None;
    for (code, month, index) in rows {
        let rank = ordered_as(index).is_ranked().then(|| {
            ranked += 1;
            let rank = match previous {
                Some((previous_score, previous_rank)) if previous_score == score(index) => previous_rank,
                _ => ranked,
            };
            previous = Some((score(index), rank));
            rank
        });
        let on_list = expected.is_some_and(|list| list.contains(code));
        ranking.push(RankingRow { rank, standing: standing(index), verdict: index, month, expected: on_list });
    }
    ranking
}

fn province(verdicts: &[Verdict], ranking: &[RankingRow]) -> Vec<CatalogueFigures> {
    let mut figures: Vec<CatalogueFigures> = Vec::new();
    let mut score_sums: Vec<u64> = Vec::new();
    for row in ranking {
        let Some(result) = verdicts[row.verdict].accepted() else { continue };
        let position = match figures.iter().position(|figures| figures.catalogue == result.catalogue) {
            Some(position) => position,
            None => {
                figures.push(empty_figures(&result.catalogue));
                score_sums.push(0);
                figures.len() - 1
            }
        };
        add_result(&mut figures[position], result);
        if result.report.standing() != Standing::Incomplete {
            score_sums[position] += u64::from(result.report.score());
        }
    }
    for (figures, sum) in figures.iter_mut().zip(score_sums) {
        let complete = figures.results - figures.incomplete;
        figures.mean_score = (sum / u64::from(complete.max(1))) as u32;
        for area in &mut figures.areas {
            area.per_mille = per_mille(area.points, area.maximum);
        }
        for criterion in &mut figures.criteria {
            criterion.failed_per_mille =
                per_mille(u64::from(criterion.applicable - criterion.full), u64::from(criterion.applicable));
        }
    }
    figures.sort_by_key(|figures| (std::cmp::Reverse(figures.results), figures.catalogue.digest().to_owned()));
    figures
}

fn empty_figures(catalogue: &Catalogue) -> CatalogueFigures {
    CatalogueFigures {
        catalogue: catalogue.clone(),
        results: 0,
        mean_score: 0,
        grades: vec![0; catalogue.grades().len()],
        incomplete: 0,
        areas: vec![AreaFigures::default(); catalogue.areas().len()],
        criteria: vec![CriterionFigures::default(); catalogue.criteria().len()],
        with_veto: 0,
    }
}

fn add_result(figures: &mut CatalogueFigures, result: &VerifiedResult) {
    let report = &result.report;
    figures.results += 1;
    match report.standing() {
        Standing::Incomplete => figures.incomplete += 1,
        Standing::Graded | Standing::Vetoed => {
            let grade = &report.grade().id;
            let at = report.catalogue().grades().iter().position(|each| &each.id == grade);
            if let Some(count) = at.and_then(|at| figures.grades.get_mut(at)) {
                *count += 1;
            }
        }
    }
    figures.with_veto += u32::from(report.vetoes().len() > 0);
    for (area, score) in figures.areas.iter_mut().zip(report.areas()) {
        area.points += u64::from(score.points);
        area.maximum += u64::from(score.maximum);
    }
    for (criterion, outcome) in figures.criteria.iter_mut().zip(report.outcomes()) {
        if outcome.maximum == 0 {
            criterion.not_applicable += 1;
            continue;
        }
        criterion.applicable += 1;
        match outcome.points {
            0 => criterion.none += 1,
            points if points == outcome.maximum => criterion.full += 1,
            _ => criterion.partial += 1,
        }
        criterion.open += u32::from(!outcome.answered);
        criterion.vetoes += u32::from(outcome.veto);
    }
}
