//! The year's summary of the campaign (阶段性总结): what the notice asks the bureau to report
//! before the year ends, from the same files as every other export. Participation month by
//! month, the grades month by month, the areas' means, the criteria most often below full
//! points (first half of the year against the second), the associations that improved most, the
//! problems reported and how they were handled, the notices issued and where they stand, and the
//! candidates for 示范创建单位 by a stated rule ([`ModelRule`]). Each part is a [`Table`]: the
//! workbook's sheets, and what the desk prints (every chart with its table).
//!
//! Each association counts once a month: its latest accepted result for that month (a copy of
//! another file never counts).

use std::collections::BTreeMap;

use selfcheck_core::report::Standing;
use selfcheck_core::text::Lang;

use crate::export::{ExportSource, Table, Value};
use crate::month::Month;
use crate::notice::NoticeState;
use crate::review::ProblemState;
use crate::verdict::Verdict;
use crate::words::{YearWords, year_words};

/// How many recent months a 示范 candidate must have been graded 示范 in, by default.
pub const DEFAULT_MODEL_MONTHS: u32 = 3;

/// The rule that names candidates for 示范创建单位: graded at the catalogue's top grade (示范)
/// in each of the last `months` months of the year the review reaches, no veto in any result of
/// the year, and no notice still in progress or overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ModelRule {
    /// The recent months, 1 to 12.
    pub months: u32,
}

impl Default for ModelRule {
    fn default() -> ModelRule {
        ModelRule { months: DEFAULT_MODEL_MONTHS }
    }
}

/// The ids of the year's tables, in the order of the workbook's sheets.
pub const YEAR_TABLE_IDS: [&str; 8] = [
    "participation",
    "year-grades",
    "year-areas",
    "year-criteria",
    "improved",
    "year-problems",
    "year-notices",
    "models",
];

/// How many criteria and associations the "most" tables list.
const TOP: usize = 10;

/// The year's tables for `year` (e.g. 2026), candidates named by `rule`, in `lang`.
pub fn year_tables(source: ExportSource<'_>, year: i32, rule: ModelRule, lang: Lang) -> Vec<Table> {
    let words = year_words(lang);
    let results = year_results(source, year);
    vec![
        participation(source, year, &words),
        grades(&results, &words, lang),
        areas(&results, &words, lang),
        criteria(&results, &words, lang),
        improved(&results, &words),
        problems(source, &results, &words, lang),
        notices(source, year, &words, lang),
        models(source, &results, year, rule, &words, lang),
    ]
}

/// The year's workbook: its tables as sheets.
pub fn year_workbook(source: ExportSource<'_>, year: i32, rule: ModelRule, lang: Lang) -> Vec<u8> {
    crate::export::to_xlsx(&year_tables(source, year, rule, lang))
}

/// The year's summary as a document for a page to show and print (`selfcheck-year/1`): the
/// year, the rule, and each table with its title, headers and cells as text.
pub fn year_json(source: ExportSource<'_>, year: i32, rule: ModelRule, lang: Lang) -> selfcheck_core::json::Json {
    use selfcheck_core::json::Json;
    use selfcheck_core::wire::read::object;
    let tables = year_tables(source, year, rule, lang).into_iter().map(|table| {
        let cell = |value: &Value| match value {
            Value::Text(text) => Json::from(text.as_str()),
            Value::Integer(number) => Json::from(number.to_string()),
            Value::Empty => Json::from(""),
        };
        object([
            ("id", table.id.into()),
            ("title", table.title.as_str().into()),
            ("columns", Json::Array(table.columns.iter().map(|column| Json::from(column.header.as_str())).collect())),
            ("rows", Json::Array(table.rows.iter().map(|row| Json::Array(row.iter().map(cell).collect())).collect())),
        ])
    });
    object([
        ("format", YEAR_FORMAT.into()),
        ("year", u32::try_from(year).unwrap_or(0).into()),
        ("model_months", rule.months.into()),
        ("tables", Json::Array(tables.collect())),
    ])
}

/// The format tag of [`year_json`]'s document.
pub const YEAR_FORMAT: &str = "selfcheck-year/1";

/// Each association's result for each month of `year`: the latest accepted one signed for it,
/// by credit code and then month.
fn year_results<'a>(source: ExportSource<'a>, year: i32) -> BTreeMap<(String, Month), &'a Verdict> {
    let mut results: BTreeMap<(String, Month), &Verdict> = BTreeMap::new();
    for (index, verdict) in source.verdicts.iter().enumerate() {
        if source.analysis.copy_of.get(index).is_some_and(Option::is_some) {
            continue;
        }
        let (Some(result), Some(month)) = (verdict.accepted(), verdict.month()) else { continue };
        let Some(code) = result.credit_code() else { continue };
        if month.year() != year {
            continue;
        }
        let key = (code.as_str().to_owned(), month);
        let later = results
            .get(&key)
            .and_then(|held| held.accepted())
            .is_none_or(|held| held.issued.unix_seconds() <= result.issued.unix_seconds());
        if later {
            results.insert(key, verdict);
        }
    }
    results
}

/// The months of `year` the review's matrix reaches.
fn months_of(source: ExportSource<'_>, year: i32) -> Vec<Month> {
    source.analysis.month_figures.iter().map(|figures| figures.month).filter(|month| month.year() == year).collect()
}

fn participation(source: ExportSource<'_>, year: i32, words: &YearWords) -> Table {
    let mut table = Table::new(
        "participation",
        words.participation,
        &[(words.month, 9), (words.expected, 10), (words.reported, 10), (words.late, 8), (words.rate, 10)],
    );
    for figures in source.analysis.month_figures.iter().filter(|figures| figures.month.year() == year) {
        table.push(vec![
            figures.month.to_string().into(),
            figures.associations.into(),
            figures.received.into(),
            figures.late.into(),
            selfcheck_core::messages::percent(figures.rate_per_mille).into(),
        ]);
    }
    table
}

/// The grade of each month's results: one column per grade of the catalogue, then the
/// incomplete ones.
fn grades(results: &BTreeMap<(String, Month), &Verdict>, words: &YearWords, lang: Lang) -> Table {
    let catalogue = selfcheck_core::Catalogue::builtin();
    let grade_labels: Vec<String> = catalogue.grades().iter().map(|grade| grade.label.get(lang).to_owned()).collect();
    let mut columns: Vec<(&str, u16)> = vec![(words.month, 9), (words.results, 8)];
    columns.extend(grade_labels.iter().map(|label| (label.as_str(), 10)));
    columns.push((words.incomplete, 10));
    let mut table = Table::new("year-grades", words.grades, &columns);
    let mut by_month: BTreeMap<Month, Vec<&Verdict>> = BTreeMap::new();
    for ((_, month), verdict) in results {
        by_month.entry(*month).or_default().push(verdict);
    }
    for (month, verdicts) in by_month {
        let mut counts = vec![0u32; grade_labels.len()];
        let mut incomplete = 0u32;
        for result in verdicts.iter().filter_map(|verdict| verdict.accepted()) {
            let report = &result.report;
            if report.standing() == Standing::Incomplete {
                incomplete += 1;
                continue;
            }
            // Grades are compared by label: an earlier catalogue's grades are the same bands.
            let label = report.grade().label.get(lang);
            if let Some(place) = grade_labels.iter().position(|known| known == label) {
                counts[place] += 1;
            }
        }
        let mut row: Vec<Value> = vec![month.to_string().into(), (verdicts.len() as u64).into()];
        row.extend(counts.into_iter().map(Value::from));
        row.push(incomplete.into());
        table.push(row);
    }
    table
}

/// Each area's mean over the year's results, as a share of its points available (‰ and %).
fn areas(results: &BTreeMap<(String, Month), &Verdict>, words: &YearWords, lang: Lang) -> Table {
    let mut table = Table::new("year-areas", words.areas, &[(words.area, 30), (words.results, 8), (words.mean, 10)]);
    let mut sums: BTreeMap<String, (String, u64, u64, u32)> = BTreeMap::new();
    for result in results.values().filter_map(|verdict| verdict.accepted()) {
        for area in result.report.areas() {
            let entry =
                sums.entry(area.area.id.clone()).or_insert_with(|| (area.area.title.get(lang).to_owned(), 0, 0, 0));
            entry.1 += u64::from(area.points);
            entry.2 += u64::from(area.maximum);
            entry.3 += 1;
        }
    }
    for (id, (title, points, maximum, count)) in sums {
        let per_mille = (points * 1000).checked_div(maximum).unwrap_or(0);
        table.push(vec![
            format!("{id} {title}").into(),
            count.into(),
            selfcheck_core::messages::percent(u32::try_from(per_mille).unwrap_or(1000)).into(),
        ]);
    }
    table
}

/// The criteria most often below full points in the year, and how that moved from the first
/// half of the year to the second: as shares of each half's results, since the halves hold
/// different numbers of months (a change in percentage points).
fn criteria(results: &BTreeMap<(String, Month), &Verdict>, words: &YearWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "year-criteria",
        words.criteria,
        &[
            (words.criterion, 40),
            (words.failed, 10),
            (words.first_half, 12),
            (words.second_half, 12),
            (words.change_points, 10),
        ],
    );
    let mut halves = [0u64; 2];
    // id → (title, failed in the first half, in the second)
    let mut failed: BTreeMap<String, (String, [u64; 2])> = BTreeMap::new();
    for ((_, month), verdict) in results {
        let Some(result) = verdict.accepted() else { continue };
        let half = usize::from(month.month() > 6);
        halves[half] += 1;
        for (criterion, outcome) in result.catalogue.criteria().iter().zip(result.report.outcomes()) {
            if outcome.lost() > 0 {
                let entry = failed
                    .entry(criterion.id.clone())
                    .or_insert_with(|| (criterion.title.get(lang).to_owned(), [0, 0]));
                entry.1[half] += 1;
            }
        }
    }
    let share = |count: u64, half: usize| (count * 1000).checked_div(halves[half]);
    let mut rows: Vec<(String, String, [u64; 2])> =
        failed.into_iter().map(|(id, (title, counts))| (id, title, counts)).collect();
    rows.sort_by(|a, b| (b.2[0] + b.2[1]).cmp(&(a.2[0] + a.2[1])).then_with(|| a.0.cmp(&b.0)));
    for (id, title, counts) in rows.into_iter().take(TOP) {
        let (first, second) = (share(counts[0], 0), share(counts[1], 1));
        let percent = |per_mille: Option<u64>| {
            per_mille.map(|per_mille| selfcheck_core::messages::percent(u32::try_from(per_mille).unwrap_or(1000)))
        };
        let change = first.zip(second).map(|(first, second)| {
            let change = i64::try_from(second).unwrap_or(0) - i64::try_from(first).unwrap_or(0);
            let sign = if change > 0 {
                "+"
            } else if change < 0 {
                "-"
            } else {
                ""
            };
            format!("{sign}{}.{}", change.abs() / 10, change.abs() % 10)
        });
        table.push(vec![
            format!("{id} {title}").into(),
            (counts[0] + counts[1]).into(),
            percent(first).into(),
            percent(second).into(),
            change.into(),
        ]);
    }
    table
}

/// The associations whose score rose most from their first result of the year to their last.
fn improved(results: &BTreeMap<(String, Month), &Verdict>, words: &YearWords) -> Table {
    let mut table = Table::new(
        "improved",
        words.improved,
        &[
            (words.name, 30),
            (words.credit_code, 22),
            (words.first_month, 9),
            (words.first_score, 10),
            (words.last_month, 9),
            (words.last_score, 10),
            (words.change, 8),
        ],
    );
    let mut by_association: BTreeMap<&str, Vec<(Month, &Verdict)>> = BTreeMap::new();
    for ((code, month), verdict) in results {
        by_association.entry(code.as_str()).or_default().push((*month, verdict));
    }
    let mut rows = Vec::new();
    for (code, months) in by_association {
        let (Some((first_month, first)), Some((last_month, last))) = (months.first(), months.last()) else { continue };
        let (Some(first), Some(last)) = (first.accepted(), last.accepted()) else { continue };
        if first_month == last_month {
            continue;
        }
        let change = i64::from(last.report.score()) - i64::from(first.report.score());
        if change > 0 {
            rows.push((
                change,
                code,
                last.answers.profile().name().to_owned(),
                *first_month,
                first.report.score(),
                *last_month,
                last.report.score(),
            ));
        }
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    for (change, code, name, first_month, first_score, last_month, last_score) in rows.into_iter().take(TOP) {
        table.push(vec![
            name.into(),
            code.into(),
            first_month.to_string().into(),
            first_score.into(),
            last_month.to_string().into(),
            last_score.into(),
            signed(change).into(),
        ]);
    }
    table
}

/// How many problems were reported in the year, by how they are handled. Each association's
/// month counts once: the problems of its latest result for the month. A problem the officer
/// handled on an earlier result of that month (sent again, the same title at the same number)
/// keeps its handling.
fn problems(
    source: ExportSource<'_>,
    results: &BTreeMap<(String, Month), &Verdict>,
    words: &YearWords,
    lang: Lang,
) -> Table {
    let mut table = Table::new("year-problems", words.problems, &[(words.handling, 12), (words.count, 8)]);
    let states = [ProblemState::Open, ProblemState::Read, ProblemState::Answered, ProblemState::Closed];
    let mut counts = [0u32; 4];
    let mut help = 0u32;
    let history = crate::ProblemHistory::new(source.verdicts);
    for ((_, month), verdict) in results {
        let Some(result) = verdict.accepted() else { continue };
        for (place, problem) in result.answers.monthly().problems.iter().enumerate() {
            let number = u32::try_from(place + 1).unwrap_or(u32::MAX);
            let handling = history.handling(source.reviews, result, *month, number);
            let state = handling.map_or(ProblemState::Open, |handling| handling.state);
            if let Some(slot) = states.iter().position(|known| *known == state) {
                counts[slot] += 1;
            }
            help += u32::from(problem.help_requested);
        }
    }
    for (state, count) in states.iter().zip(counts) {
        table.push(vec![state.label(lang).into(), count.into()]);
    }
    table.push(vec![words.help_requested.into(), help.into()]);
    table.push(vec![words.total.into(), counts.iter().sum::<u32>().into()]);
    table
}

/// The notices issued in the year, by where they stand.
fn notices(source: ExportSource<'_>, year: i32, words: &YearWords, lang: Lang) -> Table {
    let mut table = Table::new("year-notices", words.notices, &[(words.state, 12), (words.count, 8)]);
    let states = [NoticeState::InProgress, NoticeState::Rectified, NoticeState::Overdue];
    let mut counts = [0u32; 3];
    for track in source
        .notices
        .iter()
        .filter(|track| track.notice.issued.beijing_date().as_str().starts_with(&format!("{year}-")))
    {
        if let Some(slot) = states.iter().position(|known| *known == track.state) {
            counts[slot] += 1;
        }
    }
    for (state, count) in states.iter().zip(counts) {
        table.push(vec![state.label(lang).into(), count.into()]);
    }
    table.push(vec![words.total.into(), counts.iter().sum::<u32>().into()]);
    table
}

/// The candidates for 示范创建单位 by `rule`, with the rule stated in the table's last column (a
/// row saying none was found when none was).
fn models(
    source: ExportSource<'_>,
    results: &BTreeMap<(String, Month), &Verdict>,
    year: i32,
    rule: ModelRule,
    words: &YearWords,
    lang: Lang,
) -> Table {
    let mut table = Table::new(
        "models",
        words.models,
        &[(words.name, 30), (words.credit_code, 22), (words.months_at_top, 12), (words.rule, 60)],
    );
    let months = months_of(source, year);
    let wanted = usize::try_from(rule.months.clamp(1, 12)).unwrap_or(1);
    let recent: Vec<Month> = months.iter().rev().take(wanted).rev().copied().collect();
    let top = selfcheck_core::Catalogue::builtin().grades().first().map(|grade| grade.label.get(lang).to_owned());
    let (Some(first), Some(last), Some(top)) = (recent.first(), recent.last(), top) else { return table };
    let rule_text = words.rule_text(recent.len(), &first.to_string(), &last.to_string(), &top);
    let mut codes: Vec<&str> = results.keys().map(|(code, _)| code.as_str()).collect();
    codes.dedup();
    for code in codes {
        let at_top = recent.iter().all(|month| {
            results.get(&(code.to_owned(), *month)).and_then(|verdict| verdict.accepted()).is_some_and(|result| {
                result.report.standing() == Standing::Graded && result.report.grade().label.get(lang) == top
            })
        });
        let vetoed = results
            .iter()
            .filter(|((held, _), _)| held == code)
            .any(|(_, verdict)| verdict.accepted().is_some_and(|result| result.report.vetoes().len() > 0));
        let pending = source
            .notices
            .iter()
            .any(|track| track.notice.content.credit_code.as_str() == code && track.state != NoticeState::Rectified);
        if at_top && !vetoed && !pending {
            let name = results
                .iter()
                .rev()
                .find(|((held, _), _)| held == code)
                .and_then(|(_, verdict)| verdict.accepted())
                .map(|result| result.answers.profile().name().to_owned())
                .unwrap_or_default();
            table.push(vec![name.into(), code.into(), (recent.len() as u64).into(), rule_text.as_str().into()]);
        }
    }
    // None found: the rule still says what was looked for.
    if table.rows.is_empty() {
        table.push(vec![words.none_found.into(), Value::Empty, Value::Empty, rule_text.as_str().into()]);
    }
    table
}

/// A change with its sign (`+12`, `-3`, `0`), as text so that a spreadsheet keeps the sign.
fn signed(change: i64) -> String {
    if change > 0 { format!("+{change}") } else { change.to_string() }
}
