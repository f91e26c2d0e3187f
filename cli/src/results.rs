//! Checking signed results for the bureau: one file, many files in parallel, the trusted-keys
//! register, and the CSV summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use selfcheck_core::keys::normalize_fingerprint;
use selfcheck_core::wire::ResultDoc;
use selfcheck_core::{Catalogue, ErrorClass, Lang, VerifiedResult, verify_result};

use crate::read_text;

/// Every built-in catalogue version followed by those given with `--catalog`.
pub fn load_catalogues(extra: &[PathBuf]) -> Result<Vec<Catalogue>> {
    let mut catalogues = Catalogue::builtins().to_vec();
    for path in extra {
        catalogues.push(crate::load_catalogue(Some(path))?);
    }
    Ok(catalogues)
}

/// The bureau's register of keys: credit code → fingerprint.
#[derive(Debug, Default)]
pub struct TrustedKeys(BTreeMap<String, String>);

impl TrustedKeys {
    /// Reads a register: one `CREDIT_CODE FINGERPRINT` per line; `#` starts a comment.
    pub fn load(path: &Path) -> Result<TrustedKeys> {
        let text = read_text(path)?;
        let mut keys = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let (code, fingerprint) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let code = selfcheck_core::CreditCode::parse(code)
                .map_err(|error| anyhow::anyhow!("{}:{}: {error}", path.display(), number + 1))?;
            let Some(fingerprint) = normalize_fingerprint(fingerprint) else {
                bail!(
                    "{}:{}: expected a credit code and a fingerprint of 32 hexadecimal digits",
                    path.display(),
                    number + 1
                );
            };
            if keys.insert(code.as_str().to_owned(), fingerprint).is_some() {
                bail!("{}:{}: credit code {code} is listed twice", path.display(), number + 1);
            }
        }
        Ok(TrustedKeys(keys))
    }

    /// Why a verified result's key is not the one registered for its credit code, if it is not.
    fn mismatch(&self, verified: &VerifiedResult) -> Option<String> {
        let code = verified.answers.profile.credit_code.as_ref()?.as_str();
        let fingerprint = verified.key.fingerprint();
        match self.0.get(code) {
            Some(registered) if *registered == fingerprint => None,
            Some(registered) => {
                Some(format!("signed with key {fingerprint}, but the key registered for {code} is {registered}"))
            }
            None => Some(format!("no key is registered for credit code {code} (signed with key {fingerprint})")),
        }
    }
}

/// What one file turned out to be.
pub enum Checked {
    /// A valid result (and, with a register, signed with the registered key).
    Valid(Box<VerifiedResult>),
    /// A result that fails verification, with the reason, and what it claims when readable.
    Invalid(String, Option<Box<ResultDoc>>),
    /// A file that is not a signed result at all.
    NotAResult(String),
    /// A file that cannot be read.
    Unreadable(String),
}

/// Checks one file.
pub fn check_file(path: &Path, catalogues: &[&Catalogue], trusted: Option<&TrustedKeys>) -> Checked {
    let json = match read_text(path) {
        Ok(json) => json,
        Err(error) => return Checked::Unreadable(format!("{error:#}")),
    };
    let claimed = || ResultDoc::from_json_unverified(&json).ok().map(Box::new);
    match verify_result(&json, catalogues, &crate::now()) {
        Ok(verified) => match trusted.and_then(|trusted| trusted.mismatch(&verified)) {
            Some(reason) => Checked::Invalid(reason, claimed()),
            None => Checked::Valid(Box::new(verified)),
        },
        Err(error) if error.class() == ErrorClass::NotAResult => Checked::NotAResult(error.to_string()),
        Err(error) => Checked::Invalid(error.to_string(), claimed()),
    }
}

/// Checks many files on every core, reporting progress on stderr when there are many.
pub fn check_files(paths: &[PathBuf], catalogues: &[&Catalogue], trusted: Option<&TrustedKeys>) -> Vec<Checked> {
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
                eprint!(
                    "\rselfcheck: checked {} of {} files ({:.0?})",
                    done.load(Ordering::Relaxed),
                    paths.len(),
                    started.elapsed()
                );
            }
            eprintln!();
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| Checked::NotAResult("it was not checked".to_owned()))
        })
        .collect()
}

/// Every file under the given paths (folders walked recursively, in sorted order).
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if metadata.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("cannot read the folder {}", dir.display()))?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, files)?;
        } else {
            files.push(entry);
        }
    }
    Ok(())
}

/// One line per file, as `selfcheck verify` prints it.
pub fn verify_line(path: &Path, checked: &Checked, lang: Lang) -> String {
    match checked {
        Checked::Valid(verified) => {
            let catalogue = &verified.catalogue;
            let profile = &verified.answers.profile;
            format!(
                "{}: valid: {} ({}), {} – {}, score {} ({}), key {}",
                path.display(),
                profile.name,
                profile.credit_code.as_ref().map(|code| code.as_str()).unwrap_or(""),
                profile.period_from,
                profile.period_to,
                verified.report.score,
                catalogue.grades()[verified.report.grade].label.get(lang),
                verified.key.fingerprint()
            )
        }
        Checked::Invalid(reason, _) => format!("{}: INVALID: {reason}", path.display()),
        Checked::NotAResult(reason) => format!("{}: NOT A RESULT: {reason}", path.display()),
        Checked::Unreadable(reason) => format!("{}: UNREADABLE: {reason}", path.display()),
    }
}

/// The summary as CSV (RFC 4180), one row per file, safe to open in a spreadsheet.
pub fn summary_csv(paths: &[PathBuf], checked: &[Checked]) -> String {
    let mut csv = String::from(
        "file,association,credit_code,period_from,period_to,total,maximum,score,grade,vetoes,answered,criteria,fingerprint,signed_at,status\n",
    );
    for (path, checked) in paths.iter().zip(checked) {
        let mut row: Vec<String> = vec![path.display().to_string()];
        match checked {
            Checked::Valid(verified) => {
                let catalogue = &verified.catalogue;
                let profile = &verified.answers.profile;
                let report = &verified.report;
                let vetoes: Vec<&str> =
                    report.vetoes.iter().map(|&index| catalogue.criteria()[index].id.as_str()).collect();
                row.extend([
                    profile.name.clone(),
                    profile.credit_code.as_ref().map(|code| code.as_str().to_owned()).unwrap_or_default(),
                    profile.period_from.clone(),
                    profile.period_to.clone(),
                    report.total.to_string(),
                    report.maximum.to_string(),
                    report.score.to_string(),
                    catalogue.grades()[report.grade].id.clone(),
                    vetoes.join(" "),
                    report.answered().to_string(),
                    catalogue.criteria().len().to_string(),
                    verified.key.fingerprint(),
                    verified.issued.to_string(),
                    "valid".to_owned(),
                ]);
            }
            Checked::Invalid(reason, claimed) => {
                // What an invalid result claims is shown, marked by its status, never as valid.
                let subject = claimed.as_ref().map(|doc| &doc.credential_subject);
                let text = |f: &dyn Fn(&selfcheck_core::wire::SubjectDoc) -> String| subject.map(f).unwrap_or_default();
                row.extend([
                    text(&|s| s.profile.name.clone()),
                    text(&|s| s.profile.credit_code.clone()),
                    text(&|s| s.profile.period.from.clone()),
                    text(&|s| s.profile.period.to.clone()),
                ]);
                row.extend(std::iter::repeat_n(String::new(), 9));
                row.push(format!("invalid: {reason}"));
            }
            Checked::NotAResult(reason) => {
                row.extend(std::iter::repeat_n(String::new(), 13));
                row.push(format!("not a result: {reason}"));
            }
            Checked::Unreadable(reason) => {
                row.extend(std::iter::repeat_n(String::new(), 13));
                row.push(format!("unreadable: {reason}"));
            }
        }
        let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
        let _ = writeln!(csv, "{}", cells.join(","));
    }
    csv
}

fn csv_cell(value: &str) -> String {
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}
