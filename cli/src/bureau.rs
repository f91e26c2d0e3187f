//! `selfcheck summary` on the core's review of received files (`selfcheck_bureau`): every
//! file examined in parallel, the matrix, monthly figures, anomalies and rejected files as text,
//! the analysis as JSON, the files table as CSV, the XLSX workbook, and the signed summary; and
//! computing a signed summary again for `verify --inputs`. The rules are the core's; this module
//! reads files, runs workers, and lays out lines.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use selfcheck_bureau::export::{Table, Value};
use selfcheck_bureau::{
    Analysis, Examined, ExportSource, NoticeTrack, ProblemState, Reproduction, Verdict, VerifiedSummary, examine,
};
use selfcheck_core::{Catalogue, Lang, Timestamp};

use crate::escape::{self, escape};
use crate::i18n;
use selfcheck_files::{Entry, Native, ReadProblem, Skip};

/// Runs `work(index)` for every index below `count` on every core, in order of the indexes in
/// the result, with progress on standard error when there are many.
pub fn in_parallel<T: Send>(count: usize, work: impl Fn(usize) -> T + Sync, lang: Lang) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<T>>> = (0..count).map(|_| Mutex::new(None)).collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(count.max(1));
    let show_progress = count >= 500;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= count {
                        break;
                    }
                    let value = work(index);
                    if let Ok(mut slot) = slots[index].lock() {
                        *slot = Some(value);
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        if show_progress {
            let started = Instant::now();
            while done.load(Ordering::Relaxed) < count {
                std::thread::sleep(Duration::from_millis(250));
                let line = i18n::progress(lang, done.load(Ordering::Relaxed), count, started.elapsed());
                eprint!("\r{}", i18n::program(lang, &line));
            }
            eprintln!();
        }
    });
    slots.into_iter().filter_map(|slot| slot.into_inner().ok().flatten()).collect()
}

/// Reads and examines every file, in parallel: the core's examination, or why it could not be
/// read. Files are named to the core by their path as given.
pub fn examine_files(
    files: &[&Entry],
    catalogues: &[&Catalogue],
    now: &Timestamp,
    lang: Lang,
) -> Vec<Result<Examined, ReadProblem>> {
    in_parallel(
        files.len(),
        |index| {
            let entry = files[index];
            let bytes = entry.read(&Native).unwrap_or(Err(ReadProblem::NotFound))?;
            Ok(examine(&selfcheck_files::file_name(entry.path()), &bytes, catalogues, now))
        },
        lang,
    )
}

/// The new situations and problems the accepted results report, month by month, each with
/// whether help is asked and, with a review file, how it is handled; nothing when none does.
pub fn problems_text(source: ExportSource<'_>, lang: Lang) -> String {
    let mut lines = Vec::new();
    let history = selfcheck_bureau::ProblemHistory::new(source.verdicts);
    for verdict in selfcheck_bureau::export::monthly_reports(source) {
        let (Some(result), Some(month)) = (verdict.accepted(), verdict.month()) else { continue };
        let code = result.credit_code().map_or("", |code| code.as_str());
        for (place, problem) in result.answers.monthly().problems.iter().enumerate() {
            let number = u32::try_from(place + 1).unwrap_or(u32::MAX);
            let handling = history.handling(source.reviews, result, month, number);
            let state = handling.map_or(ProblemState::Open, |handling| handling.state);
            lines.push(format!(
                "  {}",
                i18n::problem_line(
                    lang,
                    &month.to_string(),
                    &escape(result.answers.profile().name()),
                    &escape(code),
                    number,
                    &escape(&problem.title),
                    problem.help_requested,
                    state.label(lang),
                )
            ));
        }
    }
    if lines.is_empty() {
        return String::new();
    }
    lines.insert(0, format!("\n{}", i18n::problems_heading(lang, lines.len())));
    lines.push(String::new());
    lines.join("\n")
}

/// Where each notice given stands, one line each; nothing without a notice.
pub fn notices_text(tracks: &[NoticeTrack<'_>], lang: Lang) -> String {
    if tracks.is_empty() {
        return String::new();
    }
    let mut lines = vec![String::new(), i18n::notices_heading(lang, tracks.len())];
    for track in tracks {
        let notice = track.notice;
        lines.push(format!(
            "  {}",
            i18n::notice_state_line(
                lang,
                &escape(&notice.content.name),
                notice.content.credit_code.as_str(),
                notice.content.deadline.as_str(),
                track.state.label(lang),
                &track.open.join(if lang == Lang::Zh { "、" } else { ", " }),
            )
        ));
    }
    lines.push(String::new());
    lines.join("\n")
}

/// The text `summary` prints: the matrix, each month's figures, where the ranking is, the
/// anomalies, and the files that did not pass (or could not be read), the verdict first on each
/// line. Everything from input escaped.
pub fn summary_text(
    analysis: &Analysis,
    verdicts: &[Verdict],
    unreadable: &[(&Path, &ReadProblem)],
    lang: Lang,
) -> String {
    let mut lines: Vec<String> = Vec::new();
    match analysis.months {
        None => lines.push(i18n::no_matrix(lang).to_owned()),
        Some(months) => {
            let deadline = analysis.settings.deadline.map(|deadline| deadline.day());
            let (first, last) = (months.first.to_string(), months.last.to_string());
            lines.push(i18n::matrix_heading(lang, &first, &last, deadline, analysis.rows.len()));
            lines.push(i18n::matrix_legend(lang).to_owned());
            let (code, missed, name) = i18n::matrix_columns(lang);
            let mut header = pad(code, 20);
            for month in months.months() {
                header.push_str(&format!("{:02} ", month.month()));
            }
            header.push(' ');
            header.push_str(&pad(missed, 12));
            header.push_str(name);
            lines.push(header);
            for row in &analysis.rows {
                let mut line = pad(&escape(&row.credit_code), 20);
                for cell in &row.cells {
                    line.push_str(i18n::cell_mark(lang, cell.status, cell.late));
                    line.push(' ');
                }
                line.push(' ');
                line.push_str(&pad(&row.longest_missed_run.to_string(), 12));
                line.push_str(&if row.name.is_empty() {
                    i18n::unverified_name(lang).to_owned()
                } else {
                    escape(&row.name).into_owned()
                });
                if !row.expected && analysis.rows.iter().any(|row| row.expected) {
                    line.push_str(i18n::not_on_list(lang));
                }
                lines.push(line);
            }
            lines.push(String::new());
            lines.push(i18n::months_heading(lang).to_owned());
            for figures in &analysis.month_figures {
                lines.push(format!("  {}", i18n::month_line(lang, figures)));
            }
        }
    }
    lines.push(String::new());
    lines.push(i18n::ranking_note(lang, analysis.ranking.len()));
    lines.push(String::new());
    if analysis.anomalies.is_empty() {
        lines.push(i18n::no_anomalies(lang).to_owned());
    } else {
        lines.push(i18n::anomalies_heading(lang, analysis.anomalies.len()));
        for anomaly in &analysis.anomalies {
            let mut files: Vec<String> = anomaly
                .files
                .iter()
                .take(SHOWN_FILES)
                .map(|&index| escape(&verdicts[index].file.name).into_owned())
                .collect();
            if anomaly.files.len() > SHOWN_FILES {
                files.push(i18n::more_files(lang, anomaly.files.len() - SHOWN_FILES));
            }
            lines.push(format!("  {}", i18n::anomaly_line(lang, &escape(&anomaly.message(lang)), &files)));
        }
    }
    let rejected: Vec<&Verdict> = verdicts.iter().filter(|verdict| verdict.stage().is_some()).collect();
    if !rejected.is_empty() || !unreadable.is_empty() {
        lines.push(String::new());
        lines.push(i18n::rejected_heading(lang, rejected.len() + unreadable.len()));
        for verdict in rejected {
            let (Some(stage), Some(reason)) = (verdict.stage(), verdict.reason()) else { continue };
            lines.push(format!(
                "  {}",
                i18n::rejected_line(
                    lang,
                    stage.label(lang),
                    &escape(&verdict.file.name),
                    &escape(&reason.message(lang))
                )
            ));
        }
        for (path, problem) in unreadable {
            let label = i18n::Words::VerdictUnreadable.get(lang);
            lines.push(format!("  {}", i18n::rejected_line(lang, label, &escape::path(path), &problem.message(lang))));
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    escape::lines(&text)
}

/// The files an anomaly's line names before "and N more" (the exports list them all).
const SHOWN_FILES: usize = 3;

/// `text` and spaces to `width` terminal columns (a CJK character takes two).
fn pad(text: &str, width: usize) -> String {
    let columns: usize = text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(columns).max(1)))
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}')
}

/// What became of an entry of the walk, for the files table.
pub enum Row<'a> {
    /// Read and examined: the core's row.
    Examined,
    /// A regular file that could not be read.
    Unreadable(&'a ReadProblem),
    /// Not read at all.
    NotRead(&'a Skip),
}

/// The core's files table with a row for every entry of the walk in its order (what could not
/// be read among them, saying why), every text escaped for a terminal or a spreadsheet.
pub fn files_table(mut table: Table, entries: &[(&Entry, Row<'_>)], lang: Lang) -> Table {
    let columns = table.columns.len();
    let mut core_rows = std::mem::take(&mut table.rows).into_iter();
    let mut rows = Vec::with_capacity(entries.len() + 4);
    let role = selfcheck_bureau::InputRole::File.label(lang);
    for (entry, row) in entries {
        let (status, why) = match row {
            Row::Examined => {
                rows.extend(core_rows.next());
                continue;
            }
            Row::Unreadable(problem) => (i18n::Words::StatusUnreadable.get(lang), problem.message(lang)),
            Row::NotRead(skip) => (i18n::Words::StatusNotRead.get(lang), selfcheck_files::not_read(lang, skip)),
        };
        let mut cells = vec![
            Value::from(entry.path().to_string_lossy().into_owned()),
            Value::Empty,
            Value::Empty,
            Value::from(role),
            Value::from(status),
            Value::from(why),
        ];
        cells.resize(columns, Value::Empty);
        rows.push(cells);
    }
    // The register, the expected list, the reviews and the catalogues used.
    rows.extend(core_rows);
    table.rows = rows
        .into_iter()
        .map(|cells| {
            cells
                .into_iter()
                .map(|cell| match cell {
                    Value::Text(text) => Value::Text(escape(&text).into_owned()),
                    other => other,
                })
                .collect()
        })
        .collect();
    table
}

/// Every regular file under `paths` (walked as `summary` walks), read, for computing a signed
/// summary again; what cannot be read is left out (the summary then says which input is
/// missing).
pub fn read_inputs(paths: &[PathBuf], lang: Lang) -> Result<Vec<(String, Vec<u8>)>, String> {
    let entries = selfcheck_files::entries(&Native, paths)
        .map_err(|(path, problem)| i18n::cannot_read(lang, i18n::Words::InputFile, &escape::path(&path), &problem))?;
    let files: Vec<&Entry> = entries.iter().filter(|entry| matches!(entry, Entry::File { .. })).collect();
    let read = in_parallel(files.len(), |index| files[index].read(&Native).and_then(Result::ok), lang);
    Ok(files
        .iter()
        .zip(read)
        .filter_map(|(entry, bytes)| bytes.map(|bytes| (selfcheck_files::file_name(entry.path()), bytes)))
        .collect())
}

/// Computes `summary` again from `files` with the built-in catalogues and `catalogues`.
pub fn reproduce(
    summary: &VerifiedSummary,
    files: &[(String, Vec<u8>)],
    catalogues: &[&Catalogue],
    lang: Lang,
) -> Result<Reproduction, String> {
    let given: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    summary.reproduce(&given, catalogues).map_err(|error| i18n::core(lang, &error))
}
