//! Checking signed results and the bureau's signed summaries for `verify` and `report`: one
//! file, many files in parallel, the trusted-keys register, and the lines of `verify`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use selfcheck_bureau::{self as bureau, Outcome, Stage, VerifiedSummary, examine, verify_summary};
use selfcheck_core::time::date_text;
use selfcheck_core::wire::ResultDoc;
use selfcheck_core::{Catalogue, Document, Error, ErrorClass, KeyRegister, Lang, VerifiedResult};

use crate::escape::{self, escape};
use crate::i18n;
use crate::input::{self, ReadProblem};

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
        read_register(path, lang).map(|(register, _)| TrustedKeys(register))
    }

    /// The core's register.
    fn register(&self) -> &KeyRegister {
        &self.0
    }
}

/// Reads the key register at `path` from its bytes as received, with the core's words for every
/// refusal (the review desk reads a register loaded there the same way): the register and those
/// bytes.
///
/// # Errors
///
/// The message (in `lang`) for a register that cannot be read or used.
pub fn read_register(path: &Path, lang: Lang) -> Result<(KeyRegister, Vec<u8>), String> {
    let (action, role) = (i18n::Action::UseRegister, i18n::Words::RegisterFile);
    let limit = selfcheck_core::register::MAX_REGISTER_BYTES;
    read_document(path, Document::Register, limit, (action, role), KeyRegister::from_bytes, lang)
}

/// Reads the expected list at `path` as [`read_register`] reads the register.
///
/// # Errors
///
/// The message (in `lang`) for a list that cannot be read or used.
pub fn read_expected(path: &Path, lang: Lang) -> Result<(bureau::ExpectedList, Vec<u8>), String> {
    let (action, role) = (i18n::Action::UseExpected, i18n::Words::ExpectedFile);
    let limit = bureau::expected::MAX_EXPECTED_BYTES;
    read_document(path, Document::ExpectedList, limit, (action, role), bureau::ExpectedList::from_bytes, lang)
}

/// A document of kind `what` read by `read` from the bytes at `path`; a file over `limit` is
/// named by its first bytes, not read whole.
fn read_document<T>(
    path: &Path,
    what: Document,
    limit: usize,
    (action, role): (i18n::Action, i18n::Words),
    read: impl Fn(&[u8]) -> Result<T, Error>,
    lang: Lang,
) -> Result<(T, Vec<u8>), String> {
    let cannot = |error: &Error| i18n::cannot(lang, action, &escape::path(path), &i18n::core(lang, error));
    if let Some(error) = input::oversized(path, what, limit) {
        return Err(cannot(&error));
    }
    let bytes =
        input::read_bytes(path).map_err(|problem| i18n::cannot_read(lang, role, &escape::path(path), &problem))?;
    let document = read(&bytes).map_err(|error| cannot(&error))?;
    Ok((document, bytes))
}

/// Why a file is not a valid result: the core's reason from the bureau's verdict, worded for a
/// terminal.
#[derive(Debug)]
pub struct Reason(pub bureau::Reason);

impl Reason {
    /// The reason on one line, in `lang`, escaped.
    pub fn line(&self, lang: Lang) -> String {
        match &self.0 {
            bureau::Reason::Error(bureau::Error::Core(error)) => i18n::core(lang, error),
            other => escape(&other.message(lang)).into_owned(),
        }
    }

    /// The stable code scripts match on: the core's, the same codes the bindings return.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }
}

/// What one file turned out to be.
pub enum Checked {
    /// The bureau's signed summary, its signature holding.
    Summary(Box<VerifiedSummary>),
    /// The bureau's rectification notice, its signature and content holding.
    Notice(Box<selfcheck_core::notice::VerifiedNotice>),
    /// A valid result (and, with a register, signed with the registered key).
    Valid(Box<VerifiedResult>),
    /// A result that fails verification, with the reason, and what it claims when readable.
    Invalid(Reason, Option<Box<ResultDoc>>),
    /// A file that is not a signed result at all.
    NotAResult(Reason),
    /// A file that cannot be read.
    Unreadable(ReadProblem),
}

impl Checked {
    /// The bureau's document this is instead of a result, when it is one.
    pub fn bureau_document(&self) -> Option<selfcheck_core::Document> {
        match self {
            Checked::Summary(_) => Some(selfcheck_core::Document::Summary),
            Checked::Notice(_) => Some(selfcheck_core::Document::Notice),
            _ => None,
        }
    }
}

/// Checks one file with the bureau's verdict, in its order (format, signature, key register,
/// catalogue, period), so that `verify`, `report` and `summary` say the same of every file.
pub fn check_file(path: &Path, catalogues: &[&Catalogue], trusted: Option<&TrustedKeys>, require_sm2: bool) -> Checked {
    let bytes = match input::read_bytes(path) {
        Ok(bytes) => bytes,
        Err(problem) => return Checked::Unreadable(problem),
    };
    // The core reads the bytes as `summary`, the review desk and the bindings do: a file of
    // another program (a PDF, a spreadsheet, …) or in another encoding (GBK, UTF-16) is named.
    let json = match selfcheck_core::wire::file_text(&bytes, Document::Result) {
        Ok(text) => text.to_owned(),
        Err(error) => return Checked::NotAResult(Reason(bureau::Reason::Error(error.into()))),
    };
    let now = crate::now();
    let verdict = examine(&path.to_string_lossy(), json.as_bytes(), catalogues, &now)
        .judge_with(trusted.map(TrustedKeys::register), require_sm2);
    let claimed = || ResultDoc::from_json_unverified(&json).ok().map(Box::new);
    match verdict.outcome {
        Outcome::Accepted(result) => Checked::Valid(Box::new(Arc::unwrap_or_clone(result))),
        Outcome::Rejected {
            stage: Stage::NotAResult,
            reason: bureau::Reason::Error(bureau::Error::Core(Error::WrongDocument { found: Document::Summary, .. })),
        } => match verify_summary(&json, &now) {
            Ok(summary) => Checked::Summary(Box::new(summary)),
            Err(error) if error.class() == ErrorClass::NotAResult => {
                Checked::NotAResult(Reason(bureau::Reason::Error(error.into())))
            }
            Err(error) => Checked::Invalid(Reason(bureau::Reason::Error(error.into())), None),
        },
        Outcome::Rejected {
            stage: Stage::NotAResult,
            reason: bureau::Reason::Error(bureau::Error::Core(Error::WrongDocument { found: Document::Notice, .. })),
        } => match selfcheck_core::notice::verify_notice(&json, catalogues, &now) {
            Ok(notice) => Checked::Notice(Box::new(notice)),
            Err(error) if error.class() == ErrorClass::NotAResult => {
                Checked::NotAResult(Reason(bureau::Reason::Error(error.into())))
            }
            Err(error) => Checked::Invalid(Reason(bureau::Reason::Error(error.into())), None),
        },
        Outcome::Rejected { stage: Stage::NotAResult, reason } => Checked::NotAResult(Reason(reason)),
        Outcome::Rejected { reason, .. } => Checked::Invalid(Reason(reason), claimed()),
    }
}

/// Checks many files on every core, reporting progress on stderr when there are many.
pub fn check_files(
    paths: &[&Path],
    catalogues: &[&Catalogue],
    trusted: Option<&TrustedKeys>,
    require_sm2: bool,
    lang: Lang,
) -> Vec<Checked> {
    crate::bureau::in_parallel(paths.len(), |index| check_file(paths[index], catalogues, trusted, require_sm2), lang)
}

/// One line per file, as `selfcheck verify` prints it: the verdict first, before anything that
/// came from the file, and everything from the file escaped, so that no content can start a
/// line or imitate a verdict.
pub fn verify_line(path: &Path, checked: &Checked, lang: Lang) -> String {
    let file = escape::path(path);
    match checked {
        Checked::Valid(verified) => {
            let profile = verified.answers.profile();
            let detail = i18n::valid_line(
                lang,
                &escape(profile.name()),
                &escape(profile.credit_code().map(|code| code.as_str()).unwrap_or("")),
                &escape(date_text(profile.period_from())),
                &escape(date_text(profile.period_to())),
                verified.report.score(),
                &escape(&verified.report.grade_text(lang)),
                &verified.key.fingerprint(),
                selfcheck_core::messages::sm2_status(&verified.key, lang),
            );
            let detail = i18n::with_warnings(lang, &detail, &warnings(verified, lang));
            i18n::verdict_line(lang, i18n::Words::VerdictValid, &file, &detail)
        }
        Checked::Summary(summary) => {
            i18n::verdict_line(lang, i18n::Words::VerdictValid, &file, &summary_detail(summary, lang))
        }
        Checked::Notice(notice) => {
            let detail = i18n::notice_line(
                lang,
                &escape(&notice.content.name),
                notice.content.credit_code.as_str(),
                notice.content.items.len(),
                notice.content.deadline.as_str(),
                &notice.key.fingerprint(),
            );
            i18n::verdict_line(lang, i18n::Words::VerdictValid, &file, &detail)
        }
        Checked::Invalid(reason, _) => i18n::verdict_line(lang, i18n::Words::VerdictInvalid, &file, &reason.line(lang)),
        Checked::NotAResult(reason) => {
            i18n::verdict_line(lang, i18n::Words::VerdictNotAResult, &file, &reason.line(lang))
        }
        Checked::Unreadable(problem) => {
            i18n::verdict_line(lang, i18n::Words::VerdictUnreadable, &file, &i18n::read_problem(lang, problem))
        }
    }
}

/// What `verify` says of a signed summary whose signature holds: what it carries, from how many
/// files, when and by which key.
pub fn summary_detail(summary: &VerifiedSummary, lang: Lang) -> String {
    i18n::summary_verified(
        lang,
        &summary.kind.describe(summary.rows(), lang),
        summary.inputs.len(),
        &selfcheck_core::messages::beijing_short(&summary.issued),
        &summary.key.fingerprint(),
    )
}

/// The warnings about a valid result (signed long after or before its period, …), in `lang`,
/// escaped.
pub fn warnings(verified: &VerifiedResult, lang: Lang) -> Vec<String> {
    verified.warnings.iter().map(|warning| escape(&warning.message(lang)).into_owned()).collect()
}

/// The first of `inputs` that is the same file as `output`, if any (by device and inode).
pub fn same_file_as<'a>(output: &Path, inputs: impl IntoIterator<Item = &'a Path>) -> Option<&'a Path> {
    let output = input::file_id(output)?;
    inputs.into_iter().find(|input| input::file_id(input).as_ref() == Some(&output))
}
