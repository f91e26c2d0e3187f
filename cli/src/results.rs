//! Checking signed results for the bureau: one file, many files in parallel, the trusted-keys
//! register, the lines of `verify` and the CSV of `summary`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use selfcheck_core::wire::ResultDoc;
use selfcheck_core::{Catalogue, Error, ErrorClass, KeyRegister, KeyStatus, Lang, VerifiedResult, verify_result};

use crate::escape::{self, escape};
use crate::i18n;
use crate::input::{self, ReadProblem};
use crate::walk::Entry;

/// Every built-in catalogue version followed by those given with `--catalog`.
///
/// # Errors
///
/// The message (in `lang`) for a catalogue that cannot be read or used.
pub fn load_catalogues(extra: &[PathBuf], lang: Lang) -> Result<Vec<Catalogue>, String> {
    let mut catalogues = Catalogue::builtins().to_vec();
    for path in extra {
        catalogues.push(crate::load_catalogue(Some(path), lang)?);
    }
    Ok(catalogues)
}

/// The bureau's register of keys (`--trusted-keys`), read by the core's [`KeyRegister`] so that
/// the command line and the review desk follow the same rules.
#[derive(Debug, Default)]
pub struct TrustedKeys(KeyRegister);

impl TrustedKeys {
    /// Reads a register: one `CREDIT_CODE FINGERPRINT` per line; `#` starts a comment.
    ///
    /// # Errors
    ///
    /// The message (in `lang`) for a register that cannot be read, or every bad line of it.
    pub fn load(path: &Path, lang: Lang) -> Result<TrustedKeys, String> {
        let text = crate::read_input(path, i18n::REGISTER_FILE, lang)?;
        KeyRegister::parse(&text).map(TrustedKeys).map_err(|error| {
            i18n::cannot(lang, i18n::Action::UseRegister, &escape::path(path), &i18n::core(lang, &error))
        })
    }

    /// Why a verified result's key is not one registered for its credit code, if it is not.
    fn mismatch(&self, verified: &VerifiedResult) -> Option<Reason> {
        match self.0.status(verified) {
            KeyStatus::Registered => None,
            status => Some(Reason::Key(status)),
        }
    }
}

/// Why a file is not a valid result.
#[derive(Debug)]
pub enum Reason {
    /// The core refused it.
    Core(Error),
    /// Its key is not one registered for its credit code.
    Key(KeyStatus),
}

impl Reason {
    /// The reason on one line, in `lang`, escaped.
    pub fn line(&self, lang: Lang) -> String {
        match self {
            Reason::Core(error) => i18n::core(lang, error),
            Reason::Key(status) => escape(&status.message(lang)).into_owned(),
        }
    }
}

/// What one file turned out to be.
pub enum Checked {
    /// A valid result (and, with a register, signed with the registered key).
    Valid(Box<VerifiedResult>),
    /// A result that fails verification, with the reason, and what it claims when readable.
    Invalid(Reason, Option<Box<ResultDoc>>),
    /// A file that is not a signed result at all.
    NotAResult(Reason),
    /// A file that cannot be read.
    Unreadable(ReadProblem),
}

/// Checks one file.
pub fn check_file(path: &Path, catalogues: &[&Catalogue], trusted: Option<&TrustedKeys>) -> Checked {
    let json = match input::read_text(path) {
        Ok(json) => json,
        Err(problem) => return Checked::Unreadable(problem),
    };
    let claimed = || ResultDoc::from_json_unverified(&json).ok().map(Box::new);
    match verify_result(&json, catalogues, &crate::now()) {
        Ok(verified) => match trusted.and_then(|trusted| trusted.mismatch(&verified)) {
            Some(reason) => Checked::Invalid(reason, claimed()),
            None => Checked::Valid(Box::new(verified)),
        },
        Err(error) if error.class() == ErrorClass::NotAResult => Checked::NotAResult(Reason::Core(error)),
        Err(error) => Checked::Invalid(Reason::Core(error), claimed()),
    }
}

/// Checks many files on every core, reporting progress on stderr when there are many.
pub fn check_files(
    paths: &[&Path],
    catalogues: &[&Catalogue],
    trusted: Option<&TrustedKeys>,
    lang: Lang,
) -> Vec<Checked> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Checked>>> = paths.iter().map(|_| Mutex::new(None)).collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(paths.len().max(1));
    let show_progress = paths.len() >= 500;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(index) else { break };
                    let checked = check_file(path, catalogues, trusted);
                    if let Ok(mut slot) = results[index].lock() {
                        *slot = Some(checked);
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        if show_progress {
            let started = Instant::now();
            while done.load(Ordering::Relaxed) < paths.len() {
                std::thread::sleep(Duration::from_millis(250));
                let line = i18n::progress(lang, done.load(Ordering::Relaxed), paths.len(), started.elapsed());
                eprint!("\r{}", i18n::program(lang, &line));
            }
            eprintln!();
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Checked::Unreadable(ReadProblem::Io(std::io::Error::other("a worker thread stopped")))
            })
        })
        .collect()
}

/// One line per file, as `selfcheck verify` prints it: the verdict first, before anything that
/// came from the file, and everything from the file escaped, so that no content can start a
/// line or imitate a verdict.
pub fn verify_line(path: &Path, checked: &Checked, lang: Lang) -> String {
    let file = escape::path(path);
    match checked {
        Checked::Valid(verified) => {
            let catalogue = &verified.catalogue;
            let profile = &verified.answers.profile;
            let detail = i18n::valid_line(
                lang,
                &escape(&profile.name),
                &escape(profile.credit_code.as_ref().map(|code| code.as_str()).unwrap_or("")),
                &escape(&profile.period_from),
                &escape(&profile.period_to),
                verified.report.score,
                &escape(catalogue.grades()[verified.report.grade].label.get(lang)),
                &verified.key.fingerprint(),
            );
            let detail = i18n::with_warnings(lang, &detail, &warnings(verified, lang));
            i18n::verdict_line(lang, i18n::VERDICT_VALID, &file, &detail)
        }
        Checked::Invalid(reason, _) => i18n::verdict_line(lang, i18n::VERDICT_INVALID, &file, &reason.line(lang)),
        Checked::NotAResult(reason) => i18n::verdict_line(lang, i18n::VERDICT_NOT_A_RESULT, &file, &reason.line(lang)),
        Checked::Unreadable(problem) => {
            i18n::verdict_line(lang, i18n::VERDICT_UNREADABLE, &file, &i18n::read_problem(lang, problem))
        }
    }
}

/// The warnings about a valid result (signed long after or before its period, …), in `lang`,
/// escaped.
pub fn warnings(verified: &VerifiedResult, lang: Lang) -> Vec<String> {
    verified.warnings.iter().map(|warning| escape(&warning.message(lang)).into_owned()).collect()
}

/// What a row of the summary is.
pub enum Row<'a> {
    /// A file that was read and checked.
    Checked(&'a Checked),
    /// An entry that was not read.
    NotRead(&'a crate::walk::Skip),
}

/// The counts of a summary: (valid, invalid, not results or unreadable, not read).
pub fn counts(rows: &[(&Entry, Row<'_>)]) -> (usize, usize, usize, usize) {
    let (mut valid, mut invalid, mut not_results, mut not_read) = (0, 0, 0, 0);
    for (_, row) in rows {
        match row {
            Row::Checked(Checked::Valid(_)) => valid += 1,
            Row::Checked(Checked::Invalid(..)) => invalid += 1,
            Row::Checked(Checked::NotAResult(_) | Checked::Unreadable(_)) => not_results += 1,
            Row::NotRead(_) => not_read += 1,
        }
    }
    (valid, invalid, not_results, not_read)
}

/// The summary as CSV (RFC 4180), one row per entry, in `lang`, safe to open in a spreadsheet and
/// to print on a terminal.
pub fn summary_csv(rows: &[(&Entry, Row<'_>)], lang: Lang) -> String {
    let mut csv = String::from(i18n::csv_header(lang));
    csv.push('\n');
    for (entry, row) in rows {
        let mut cells: Vec<String> = vec![entry.path().to_string_lossy().into_owned()];
        match row {
            Row::Checked(Checked::Valid(verified)) => {
                let catalogue = &verified.catalogue;
                let profile = &verified.answers.profile;
                let report = &verified.report;
                let vetoes: Vec<&str> =
                    report.vetoes.iter().map(|&index| catalogue.criteria()[index].id.as_str()).collect();
                cells.extend([
                    profile.name.clone(),
                    profile.credit_code.as_ref().map(|code| code.as_str().to_owned()).unwrap_or_default(),
                    profile.period_from.clone(),
                    profile.period_to.clone(),
                    report.total.to_string(),
                    report.maximum.to_string(),
                    report.score.to_string(),
                    catalogue.grades()[report.grade].label.get(lang).to_owned(),
                    vetoes.join(" "),
                    report.answered().to_string(),
                    catalogue.criteria().len().to_string(),
                    verified.key.fingerprint(),
                    verified.issued.to_string(),
                    i18n::status(lang, i18n::STATUS_VALID, ""),
                    warnings(verified, lang).join(" "),
                ]);
            }
            Row::Checked(Checked::Invalid(reason, claimed)) => {
                // What an invalid result claims is shown, marked by its status, never as valid.
                let profile = claimed.as_ref().map(|doc| &doc.credential_subject.profile);
                cells.extend([
                    profile.map(|profile| profile.name.clone()).unwrap_or_default(),
                    profile.map(|profile| profile.credit_code.clone()).unwrap_or_default(),
                    profile.map(|profile| profile.period.from.clone()).unwrap_or_default(),
                    profile.map(|profile| profile.period.to.clone()).unwrap_or_default(),
                ]);
                cells.extend(std::iter::repeat_n(String::new(), 9));
                cells.push(i18n::status(lang, i18n::STATUS_INVALID, &reason.line(lang)));
            }
            Row::Checked(Checked::NotAResult(reason)) => {
                cells.extend(std::iter::repeat_n(String::new(), 13));
                cells.push(i18n::status(lang, i18n::STATUS_NOT_A_RESULT, &reason.line(lang)));
            }
            Row::Checked(Checked::Unreadable(problem)) => {
                cells.extend(std::iter::repeat_n(String::new(), 13));
                cells.push(i18n::status(lang, i18n::STATUS_UNREADABLE, &i18n::read_problem(lang, problem)));
            }
            Row::NotRead(skip) => {
                cells.extend(std::iter::repeat_n(String::new(), 13));
                cells.push(i18n::status(lang, i18n::STATUS_NOT_READ, &i18n::not_read(lang, skip)));
            }
        }
        // Every row has every column: the warnings are only a valid result's.
        cells.resize(CSV_COLUMNS, String::new());
        let cells: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    csv
}

/// The columns of the CSV (`i18n::csv_header`).
const CSV_COLUMNS: usize = 16;

/// A cell: escaped (no control or bidirectional character, so no line break either), a formula
/// defused, quoted when it holds a comma or a quote.
fn csv_cell(value: &str) -> String {
    let value = escape(value);
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.into_owned() };
    if value.contains([',', '"']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// The first of `inputs` that is the same file as `output`, if any (by device and inode).
pub fn same_file_as<'a>(output: &Path, inputs: impl IntoIterator<Item = &'a Path>) -> Option<&'a Path> {
    let output = input::FileId::of(output)?;
    inputs.into_iter().find(|input| input::FileId::of(input).as_ref() == Some(&output))
}
