//! The bureau's exports: the analysis as tables in the reader's language (ranking, matrix,
//! months, criteria, areas, grades, anomalies, and the files with their SHA-256), written as CSV
//! ([`to_csv`]) or as one XLSX workbook ([`to_xlsx`]). No IO: the host saves the bytes.
//!
//! Every export names the files it was built from: the `files` table lists each one with its
//! SHA-256 and role, and is a sheet of every workbook.

mod csv;
pub mod table;
mod xlsx;
pub(crate) mod zip;

pub use csv::{CsvStyle, to_csv};
pub use table::{Column, Table, Value};
pub use xlsx::to_xlsx;
pub use zip::crc32;

use crate::words::{ExportWords, export_words};
use selfcheck_core::text::Lang;

use super::analysis::Analysis;
use super::input::{Input, InputRole};
use super::notice::NoticeTrack;
use super::review::Reviews;
use super::verdict::Verdict;

/// What the exports are made of: the analysis, the verdicts it was computed from, the reviews,
/// the other files used (register, expected list, review file, catalogues), and the
/// rectification notices followed ([`crate::track_notices`]).
#[derive(Debug, Clone, Copy)]
pub struct ExportSource<'a> {
    /// The analysis.
    pub analysis: &'a Analysis,
    /// The verdicts, in the analysis's order.
    pub verdicts: &'a [Verdict],
    /// The reviews, when kept.
    pub reviews: Option<&'a Reviews>,
    /// The files used besides the received ones.
    pub others: &'a [Input],
    /// The rectification notices followed, and where each stands.
    pub notices: &'a [NoticeTrack<'a>],
}

/// Every table, in the order of the workbook's sheets: ranking, matrix, months, criteria, areas,
/// grades, anomalies, the month's progress and the problems reported, files, and the settings
/// the analysis was computed with.
pub fn tables(source: ExportSource<'_>, lang: Lang) -> Vec<Table> {
    let words = export_words(lang);
    vec![
        ranking(source, &words, lang),
        matrix(source, &words, lang),
        months(source, &words),
        criteria(source, &words, lang),
        areas(source, &words, lang),
        grades(source, &words, lang),
        anomalies(source, &words, lang),
        progress(source, &words, lang),
        problems(source, &words, lang),
        notices(source, &words, lang),
        files(source, &words, lang),
        settings(source, &words, lang),
    ]
}

/// The table with id `id` (see [`tables`]).
pub fn table(source: ExportSource<'_>, id: &str, lang: Lang) -> Option<Table> {
    tables(source, lang).into_iter().find(|table| table.id == id)
}

/// The ids of the tables, in order.
pub const TABLE_IDS: [&str; 12] = [
    "ranking",
    "matrix",
    "months",
    "criteria",
    "areas",
    "grades",
    "anomalies",
    "progress",
    "problems",
    "notices",
    "files",
    "settings",
];

/// The XLSX workbook of every table.
pub fn workbook(source: ExportSource<'_>, lang: Lang) -> Vec<u8> {
    to_xlsx(&tables(source, lang))
}

fn yes_no(value: bool, words: &ExportWords) -> Value {
    Value::from(if value { words.yes } else { words.no })
}

fn ranking(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "ranking",
        words.ranking,
        &[
            (words.rank, 6),
            (words.credit_code, 22),
            (words.name, 30),
            (words.on_list, 8),
            (words.month, 9),
            (words.period, 24),
            (words.score, 10),
            (words.grade, 8),
            (words.standing, 26),
            (words.vetoes, 10),
            (words.answered, 8),
            (words.key_status, 12),
            (words.fingerprint, 42),
            (words.signed, 18),
            (words.review_state, 8),
            (words.review_note, 30),
            (words.file, 30),
            (words.result_digest, 66),
            (words.signed_machine, 28),
        ],
    );
    for row in &source.analysis.ranking {
        let verdict = &source.verdicts[row.verdict];
        let Some(result) = verdict.accepted() else { continue };
        let profile = &result.answers.profile();
        let report = &result.report;
        let criteria = result.catalogue.criteria();
        let vetoes: Vec<&str> = report.vetoes().map(|criterion| criterion.id.as_str()).collect();
        let review = source.reviews.and_then(|reviews| reviews.get(&result.digest));
        table.push(vec![
            row.rank.into(),
            profile.credit_code().map(|code| code.as_str()).into(),
            profile.name().into(),
            yes_no(row.expected, words),
            row.month.to_string().into(),
            selfcheck_core::messages::profile_period(profile, lang).into(),
            report.score().into(),
            report.grade_text(lang).into(),
            crate::words::unranked_reason(row.standing, report.answered(), criteria.len(), lang).into(),
            vetoes.join(" ").into(),
            format!("{} / {}", report.answered(), criteria.len()).into(),
            key_label(verdict, lang).into(),
            String::from(result.key.fingerprint()).into(),
            selfcheck_core::messages::beijing_short(&result.issued).into(),
            source.reviews.map(|reviews| reviews.state(&result.digest).label(lang)).into(),
            review.map(|review| review.note.as_str()).into(),
            verdict.file.name.as_str().into(),
            result.digest.as_str().into(),
            result.issued.as_str().into(),
        ]);
    }
    table
}

fn key_label(verdict: &Verdict, lang: Lang) -> &'static str {
    selfcheck_core::messages::key_status_label(verdict.key_status.as_ref().map(selfcheck_core::KeyStatus::code), lang)
}

fn matrix(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let analysis = source.analysis;
    let month_names: Vec<String> =
        analysis.months.iter().flat_map(|months| months.months()).map(|month| month.to_string()).collect();
    let mut columns: Vec<(&str, u16)> = vec![(words.credit_code, 22), (words.name, 30), (words.on_list, 8)];
    columns.extend(month_names.iter().map(|month| (month.as_str(), 10)));
    columns.extend([(words.longest_missed, 10), (words.current_missed, 10)]);
    let mut table = Table::new("matrix", words.matrix, &columns);
    for row in &analysis.rows {
        let mut cells: Vec<Value> = vec![
            row.credit_code.as_str().into(),
            if row.name.is_empty() { words.unverified_name.into() } else { row.name.as_str().into() },
            yes_no(row.expected, words),
        ];
        cells.extend(row.cells.iter().map(|cell| {
            let label = cell.status.label(lang);
            Value::from(if cell.late { format!("{label}{}", words.late_suffix) } else { label.to_owned() })
        }));
        cells.extend([row.longest_missed_run.into(), row.current_missed_run.into()]);
        table.push(cells);
    }
    table
}

fn months(source: ExportSource<'_>, words: &ExportWords) -> Table {
    let mut table = Table::new(
        "months",
        words.months,
        &[
            (words.month, 9),
            (words.associations, 8),
            (words.received, 8),
            (words.late, 8),
            (words.duplicate, 8),
            (words.invalid, 8),
            (words.missing, 8),
            (words.not_due, 8),
            (words.rate, 12),
            (words.unlisted, 12),
        ],
    );
    for figures in &source.analysis.month_figures {
        table.push(vec![
            figures.month.to_string().into(),
            figures.associations.into(),
            figures.received.into(),
            figures.late.into(),
            figures.duplicate.into(),
            figures.invalid.into(),
            figures.missing.into(),
            figures.not_due.into(),
            selfcheck_core::messages::percent(figures.rate_per_mille).into(),
            figures.unlisted_received.into(),
        ]);
    }
    table
}

fn criteria(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "criteria",
        words.criteria,
        &[
            (words.failed_rank, 8),
            (words.catalogue, 30),
            (words.criterion, 8),
            (words.title, 40),
            (words.clause, 10),
            (words.points, 6),
            (words.applicable, 8),
            (words.full, 8),
            (words.partial, 8),
            (words.none, 8),
            (words.open, 8),
            (words.not_applicable, 8),
            (words.veto_count, 8),
            (words.failed_rate, 12),
        ],
    );
    for figures in &source.analysis.province {
        let catalogue = &figures.catalogue;
        let most_failed = figures.most_failed();
        let rest = (0..catalogue.criteria().len()).filter(|index| !most_failed.contains(index));
        let order: Vec<usize> = most_failed.iter().copied().chain(rest).collect();
        for (position, index) in order.into_iter().enumerate() {
            let criterion = &catalogue.criteria()[index];
            let counts = &figures.criteria[index];
            let rank = (position < most_failed.len()).then_some(position as u32 + 1);
            table.push(vec![
                rank.into(),
                catalogue.label().into(),
                criterion.id.as_str().into(),
                criterion.title.get(lang).into(),
                criterion.clause.section.as_str().into(),
                criterion.points.into(),
                counts.applicable.into(),
                counts.full.into(),
                counts.partial.into(),
                counts.none.into(),
                counts.open.into(),
                counts.not_applicable.into(),
                if criterion.veto.is_some() { counts.vetoes.into() } else { Value::Empty },
                selfcheck_core::messages::percent(counts.failed_per_mille).into(),
            ]);
        }
    }
    table
}

fn areas(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "areas",
        words.areas,
        &[
            (words.catalogue, 30),
            (words.area, 6),
            (words.title, 24),
            (words.results, 8),
            (words.points_sum, 10),
            (words.maximum_sum, 10),
            (words.area_mean, 12),
        ],
    );
    for figures in &source.analysis.province {
        for (area, area_figures) in figures.catalogue.areas().iter().zip(&figures.areas) {
            table.push(vec![
                figures.catalogue.label().into(),
                area.id.as_str().into(),
                area.title.get(lang).into(),
                figures.results.into(),
                area_figures.points.into(),
                area_figures.maximum.into(),
                area_figures.per_mille.into(),
            ]);
        }
        table.push(vec![
            figures.catalogue.label().into(),
            Value::Empty,
            words.overall.into(),
            figures.results.into(),
            Value::Empty,
            Value::Empty,
            figures.mean_score.into(),
        ]);
    }
    table
}

fn grades(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "grades",
        words.grades,
        &[(words.catalogue, 30), (words.grade, 10), (words.results, 8), (words.share, 12)],
    );
    for figures in &source.analysis.province {
        for (grade, &count) in figures.catalogue.grades().iter().zip(&figures.grades) {
            table.push(vec![
                figures.catalogue.label().into(),
                grade.label.get(lang).into(),
                count.into(),
                share(count, figures.results).into(),
            ]);
        }
        table.push(vec![
            figures.catalogue.label().into(),
            selfcheck_core::messages::not_finished(lang).into(),
            figures.incomplete.into(),
            share(figures.incomplete, figures.results).into(),
        ]);
        table.push(vec![
            figures.catalogue.label().into(),
            words.with_veto.into(),
            figures.with_veto.into(),
            share(figures.with_veto, figures.results).into(),
        ]);
    }
    table
}

/// `part` of `whole` as people read a rate (see [`selfcheck_core::messages::percent`]).
fn share(part: u32, whole: u32) -> String {
    let per_mille = (u64::from(part) * 1000).checked_div(u64::from(whole)).unwrap_or(0);
    selfcheck_core::messages::percent(per_mille as u32)
}

fn anomalies(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "anomalies",
        words.anomalies,
        &[
            (words.kind, 20),
            (words.description, 60),
            (words.credit_code, 22),
            (words.file, 40),
            (words.sha256, 66),
            (words.code, 26),
        ],
    );
    for anomaly in &source.analysis.anomalies {
        let names: Vec<&str> = anomaly.files.iter().map(|&index| source.verdicts[index].file.name.as_str()).collect();
        let digests: Vec<&str> =
            anomaly.files.iter().map(|&index| source.verdicts[index].file.sha256.as_str()).collect();
        table.push(vec![
            anomaly.label(lang).into(),
            anomaly.message(lang).into(),
            anomaly.credit_code().into(),
            names.join("\n").into(),
            digests.join("\n").into(),
            anomaly.code().into(),
        ]);
    }
    table
}

/// The accepted results (each once, copies left out) that carry a month's report, by month and
/// then credit code: the rows of the progress and problems tables, and of `summary`'s text.
pub fn monthly_reports<'a>(source: ExportSource<'a>) -> Vec<&'a Verdict> {
    let mut reports: Vec<&Verdict> = source
        .verdicts
        .iter()
        .enumerate()
        .filter(|(index, _)| source.analysis.copy_of[*index].is_none())
        .map(|(_, verdict)| verdict)
        .filter(|verdict| verdict.accepted().is_some_and(|result| !result.answers.monthly().is_empty()))
        .collect();
    let credit_code = |verdict: &Verdict| {
        verdict.accepted().and_then(|result| result.credit_code()).map(|code| code.as_str().to_owned())
    };
    reports.sort_by_cached_key(|verdict| (verdict.month(), credit_code(verdict)));
    reports
}

/// Each association's progress this month: the whole, then each area written about.
fn progress(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "progress",
        words.progress_title,
        &[
            (words.credit_code, 22),
            (words.name, 30),
            (words.month, 9),
            (words.area, 24),
            (words.progress, 60),
            (words.result_digest, 66),
        ],
    );
    for verdict in monthly_reports(source) {
        let Some(result) = verdict.accepted() else { continue };
        let monthly = result.answers.monthly();
        let area_title = |id: &str| {
            result
                .catalogue
                .areas()
                .iter()
                .find(|area| area.id == id)
                .map_or_else(|| id.to_owned(), |area| format!("{} {}", area.id, area.title.get(lang)))
        };
        let whole = (!monthly.progress.is_empty()).then(|| (words.whole.to_owned(), monthly.progress.as_str()));
        let areas = monthly.areas.iter().map(|(id, text)| (area_title(id), text.as_str()));
        for (area, text) in whole.into_iter().chain(areas) {
            table.push(vec![
                result.credit_code().map(|code| code.as_str()).into(),
                result.answers.profile().name().into(),
                verdict.month().map(|month| month.to_string()).into(),
                area.into(),
                text.into(),
                result.digest.as_str().into(),
            ]);
        }
    }
    table
}

/// Every new situation and problem reported, with how the bureau is handling it.
fn problems(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "problems",
        words.problems_title,
        &[
            (words.credit_code, 22),
            (words.name, 30),
            (words.month, 9),
            (words.problem_number, 6),
            (words.problem_title, 30),
            (words.description, 60),
            (words.help_requested, 8),
            (words.handling, 10),
            (words.handling_note, 30),
            (words.result_digest, 66),
        ],
    );
    let history = crate::ProblemHistory::new(source.verdicts);
    for verdict in monthly_reports(source) {
        let (Some(result), Some(month)) = (verdict.accepted(), verdict.month()) else { continue };
        for (place, problem) in result.answers.monthly().problems.iter().enumerate() {
            let number = u32::try_from(place + 1).unwrap_or(u32::MAX);
            let handling = history.handling(source.reviews, result, month, number);
            table.push(vec![
                result.credit_code().map(|code| code.as_str()).into(),
                result.answers.profile().name().into(),
                month.to_string().into(),
                number.into(),
                problem.title.as_str().into(),
                problem.description.as_str().into(),
                yes_no(problem.help_requested, words),
                handling.map_or(crate::ProblemState::Open, |handling| handling.state).label(lang).into(),
                handling.map(|handling| handling.note.as_str()).into(),
                result.digest.as_str().into(),
            ]);
        }
    }
    table
}

/// Every rectification notice followed: whom it is for, what and by when, and where it stands.
fn notices(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "notices",
        words.notices_title,
        &[
            (words.credit_code, 22),
            (words.name, 30),
            (words.issued, 18),
            (words.notice_deadline, 12),
            (words.notice_items, 24),
            (words.notice_remark, 40),
            (words.notice_state, 12),
            (words.notice_open, 24),
            (words.notice_accepted, 24),
            (words.notice_result, 66),
            (words.fingerprint, 42),
            (words.notice_digest, 66),
        ],
    );
    let separator = if lang == Lang::Zh { "、" } else { ", " };
    let item_text = |item: &selfcheck_core::notice::NoticeItem| match (item.remark.is_empty(), lang) {
        (true, _) => item.criterion.clone(),
        (false, Lang::Zh) => format!("{}（{}）", item.criterion, item.remark),
        (false, Lang::En) => format!("{} ({})", item.criterion, item.remark),
    };
    for track in source.notices {
        let notice = track.notice;
        table.push(vec![
            notice.content.credit_code.as_str().into(),
            notice.content.name.as_str().into(),
            selfcheck_core::messages::beijing_short(&notice.issued).into(),
            notice.content.deadline.as_str().into(),
            notice.content.items.iter().map(item_text).collect::<Vec<_>>().join(separator).into(),
            notice.content.remark.as_str().into(),
            track.state.label(lang).into(),
            track.open.join(separator).into(),
            track.accepted.join(separator).into(),
            track.result.and_then(|verdict| verdict.accepted()).map(|result| result.digest.as_str()).into(),
            String::from(notice.key.fingerprint()).into(),
            notice.digest.as_str().into(),
        ]);
    }
    table
}

fn files(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new(
        "files",
        words.files,
        &[
            (words.file, 40),
            (words.sha256, 66),
            (words.size, 10),
            (words.role, 10),
            (words.verdict, 12),
            (words.reason, 60),
            (words.verified, 8),
            (words.name, 30),
            (words.credit_code, 22),
            (words.period_from, 12),
            (words.period_to, 12),
            (words.score, 10),
            (words.grade, 8),
            (words.vetoes, 10),
            (words.fingerprint, 42),
            (words.key_status, 12),
            (words.sm2, 10),
            (words.signed, 18),
            (words.result_digest, 66),
            (words.copy_of, 40),
            (words.review_state, 8),
            (words.review_note, 30),
            (words.signed_machine, 28),
        ],
    );
    for (index, verdict) in source.verdicts.iter().enumerate() {
        let result = verdict.accepted();
        let claim = verdict.claim.as_ref();
        let review = result.and_then(|result| source.reviews.and_then(|reviews| reviews.get(&result.digest)));
        let vetoes = result
            .map(|result| result.report.vetoes().map(|criterion| criterion.id.as_str()).collect::<Vec<_>>().join(" "));
        table.push(vec![
            verdict.file.name.as_str().into(),
            verdict.file.sha256.as_str().into(),
            verdict.file.size.into(),
            InputRole::File.label(lang).into(),
            verdict.stage().map_or(words.accepted, |stage| stage.label(lang)).into(),
            verdict.reason().map(|reason| reason.message(lang)).into(),
            claim.map(|_| if result.is_some() { words.verified_yes } else { words.verified_no }).into(),
            claim.map(|claim| claim.name.as_str()).into(),
            claim.map(|claim| claim.credit_code.as_str()).into(),
            claim.map(|claim| claim.period_from.as_str()).into(),
            claim.map(|claim| claim.period_to.as_str()).into(),
            result.map(|result| result.report.score()).into(),
            result.map(|result| result.report.grade_text(lang)).into(),
            vetoes.into(),
            verdict.signer.as_ref().map(|signer| signer.fingerprint.as_str()).into(),
            verdict.signer.as_ref().map(|_| key_label(verdict, lang)).into(),
            verdict
                .signer
                .as_ref()
                .map(|signer| if signer.key.sm2().is_some() { words.sm2_valid } else { words.sm2_absent })
                .into(),
            verdict.signer.as_ref().map(|signer| selfcheck_core::messages::beijing_short(&signer.issued)).into(),
            verdict.signer.as_ref().map(|signer| signer.digest.as_str()).into(),
            source
                .analysis
                .copy_of
                .get(index)
                .copied()
                .flatten()
                .map(|original| source.verdicts[original].file.name.as_str())
                .into(),
            result.and_then(|result| source.reviews.map(|reviews| reviews.state(&result.digest).label(lang))).into(),
            review.map(|review| review.note.as_str()).into(),
            verdict.signer.as_ref().map(|signer| signer.issued.as_str()).into(),
        ]);
    }
    for input in source.others {
        let mut row =
            vec![input.name.as_str().into(), input.sha256.as_str().into(), Value::Empty, input.role.label(lang).into()];
        row.resize(table.columns.len(), Value::Empty);
        table.push(row);
    }
    table
}

fn settings(source: ExportSource<'_>, words: &ExportWords, lang: Lang) -> Table {
    let mut table = Table::new("settings", words.settings, &[(words.setting, 20), (words.value, 50)]);
    for (name, value) in crate::words::settings_lines(&source.analysis.settings, source.analysis.months, lang) {
        table.push(vec![name.into(), value.into()]);
    }
    table
}
