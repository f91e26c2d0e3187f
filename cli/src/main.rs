//! `selfcheck`: the command-line tool of the bureau and of scripts, built on selfcheck-core.
//!
//! Exit codes ([`EXIT_CODES`], shown by `selfcheck --help`): 0 success; 1 the input could not
//! be read, parsed, checked or signed, or a result is invalid (every problem is printed); 2 the
//! command line itself is wrong. It never panics on input: exit code 101 would be a bug.

mod escape;
mod i18n;
mod input;
mod passphrase;
mod render;
mod results;
mod walk;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use selfcheck_core::keys::PBKDF2_ITERATIONS;
use selfcheck_core::{Answers, AssociationKey, Catalogue, Lang, Report, Timestamp, sign_result};

use crate::i18n::Action;
use crate::results::{Checked, TrustedKeys};

/// The exit codes, as `selfcheck --help` lists them (README.md says the same).
const EXIT_CODES: &str = "\
退出码 / Exit codes:
  0  成功 / success (verify, report: every result is valid; summary: the table is written)
  1  输入无法读取、解析、检查或签名，或结果无效，每个问题都会列出 /
     an input could not be read, parsed, checked or signed, or a result is invalid;
     every problem is printed
  2  命令行有误 / the command line is wrong";

#[derive(Parser)]
#[command(
    name = "selfcheck",
    version,
    about = "行业自律与诚信创建活动自查工具 / Industry self-discipline and integrity self-assessment",
    after_help = EXIT_CODES
)]
struct Cli {
    /// Language of every line written and of the catalogue's text: zh (Simplified Chinese) or en.
    #[arg(long, global = true, default_value = "zh", value_parser = ["zh", "en"])]
    lang: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the criteria catalogue (JSON, or a Markdown handbook for association staff).
    Catalog {
        /// Output format.
        #[arg(long, value_enum, default_value_t = CatalogFormat::Json)]
        format: CatalogFormat,
        /// A custom catalogue file instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        catalog: Option<PathBuf>,
    },
    /// Print a blank answers document listing every criterion with its allowed values.
    Template {
        /// A custom catalogue file instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        catalog: Option<PathBuf>,
    },
    /// Check answers against the catalogue and score them.
    Score {
        /// The answers document (JSON); `-` reads standard input.
        answers: PathBuf,
        /// A custom catalogue file instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        catalog: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Create the association's signing key, encrypted with a passphrase.
    Keygen {
        /// Where to write the encrypted key (PEM); an existing file is never overwritten.
        #[arg(long, value_name = "KEY.pem")]
        out: PathBuf,
        /// Read the passphrase from the first line of FILE (else SELFCHECK_PASSPHRASE, else a prompt).
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Check, score and sign answers: the signed result for the bureau.
    Sign {
        /// The answers document (JSON); `-` reads standard input.
        answers: PathBuf,
        /// The association's encrypted key.
        #[arg(long, value_name = "KEY.pem")]
        key: PathBuf,
        /// Where to write the result (default: standard output); an existing file is kept unless --force.
        #[arg(long, value_name = "RESULT.json")]
        out: Option<PathBuf>,
        /// Replace an existing --out file.
        #[arg(long)]
        force: bool,
        /// Read the passphrase from the first line of FILE (else SELFCHECK_PASSPHRASE, else a prompt).
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// A custom catalogue file instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        catalog: Option<PathBuf>,
    },
    /// Verify signed results: one line per file; exit 0 only when all are valid.
    Verify {
        /// Result files.
        #[arg(required = true)]
        results: Vec<PathBuf>,
        /// The register of association keys: one `CREDIT_CODE FINGERPRINT` per line.
        #[arg(long, value_name = "FILE")]
        trusted_keys: Option<PathBuf>,
        /// Further catalogues results may pin (the built-in one is always known).
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
    },
    /// Show what a signed result says, with its validity.
    Report {
        /// The result file.
        result: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
        format: ResultFormat,
        /// The register of association keys.
        #[arg(long, value_name = "FILE")]
        trusted_keys: Option<PathBuf>,
        /// Further catalogues results may pin.
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
    },
    /// One CSV row per file under the given files and folders: association, scores, validity.
    Summary {
        /// Files and folders (walked recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write the CSV here instead of standard output.
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// The register of association keys.
        #[arg(long, value_name = "FILE")]
        trusted_keys: Option<PathBuf>,
        /// Further catalogues results may pin.
        #[arg(long = "catalog", value_name = "FILE")]
        catalogs: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ResultFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum CatalogFormat {
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from_tag(&cli.lang);
    match run(cli.command, lang) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // A reader that stops early (`selfcheck … | head`) is not an error of ours.
        Err(Failure::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(error)) => {
            eprintln!("{}", i18n::program(lang, &i18n::cannot_write_output(lang, &error)));
            ExitCode::from(1)
        }
        Err(Failure::Message(message)) => {
            eprintln!("{}", escape::lines(&i18n::program(lang, &message)));
            ExitCode::from(1)
        }
    }
}

/// Why a command stopped: a message in the chosen language (input in it already escaped), or
/// standard output that could not be written.
enum Failure {
    Message(String),
    Output(std::io::Error),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Message(message)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        Failure::Output(error)
    }
}

/// Runs a command; `Ok(false)` when it ran but found something invalid.
fn run(command: Command, lang: Lang) -> Result<bool, Failure> {
    let mut out = std::io::stdout().lock();
    match command {
        Command::Catalog { format, catalog } => {
            let catalogue = load_catalogue(catalog.as_deref(), lang)?;
            match format {
                CatalogFormat::Json => writeln!(out, "{}", to_json(&catalogue.to_doc().to_json()))?,
                CatalogFormat::Markdown => {
                    write!(out, "{}", escape::lines(&render::catalogue_markdown(&catalogue, lang)))?
                }
            }
        }
        Command::Template { catalog } => {
            let catalogue = load_catalogue(catalog.as_deref(), lang)?;
            writeln!(out, "{}", to_json(&render::template(&catalogue, lang).to_json()))?;
        }
        Command::Score { answers: path, catalog, format } => {
            let catalogue = load_catalogue(catalog.as_deref(), lang)?;
            let json = read_input(&path, i18n::ANSWERS_FILE, lang)?;
            let answers = Answers::from_json(&catalogue, &json)
                .map_err(|error| i18n::cannot(lang, Action::Score, &escape::path(&path), &i18n::core(lang, &error)))?;
            warn_about(&answers, lang);
            let report = Report::compute(&catalogue, &answers);
            match format {
                ReportFormat::Json => writeln!(out, "{}", to_json(&report.to_doc(&catalogue, &answers).to_json()))?,
                ReportFormat::Text => {
                    write!(out, "{}", escape::lines(&render::report_text(&catalogue, &answers, &report, lang)))?
                }
            }
        }
        Command::Keygen { out: path, passphrase_file } => {
            // A link, even a broken one, counts as existing: writing through it is never wanted.
            if std::fs::symlink_metadata(&path).is_ok() {
                return Err(i18n::key_exists(lang, &escape::path(&path)).into());
            }
            let passphrase = passphrase::new(passphrase_file.as_deref(), lang)?;
            let key = AssociationKey::from_seed(random_bytes(lang)?);
            let pem = key
                .to_encrypted_pem(&passphrase, random_bytes(lang)?, random_bytes(lang)?, PBKDF2_ITERATIONS)
                .map_err(|error| i18n::core(lang, &error))?;
            write_new_file(&path, pem.as_bytes(), true, lang)?;
            let public = key.public();
            // Stable lines for scripts (the same in both languages).
            writeln!(out, "key: {}", escape::path(&path))?;
            writeln!(out, "fingerprint: {}", public.fingerprint())?;
            writeln!(out, "did: {}", public.did())?;
            eprintln!("{}", i18n::program(lang, &i18n::keep_the_key_safe(lang, &escape::path(&path))));
        }
        Command::Sign { answers: answers_path, key: key_path, out: out_path, force, passphrase_file, catalog } => {
            let catalogue = load_catalogue(catalog.as_deref(), lang)?;
            let json = read_input(&answers_path, i18n::ANSWERS_FILE, lang)?;
            let checked = Answers::from_json(&catalogue, &json).map_err(|error| {
                i18n::cannot(lang, Action::Sign, &escape::path(&answers_path), &i18n::core(lang, &error))
            })?;
            if let Some(path) = &out_path {
                let inputs = [
                    Some(answers_path.as_path()),
                    Some(key_path.as_path()),
                    passphrase_file.as_deref(),
                    catalog.as_deref(),
                ];
                if let Some(input) = results::same_file_as(path, inputs.into_iter().flatten()) {
                    return Err(i18n::output_is_an_input(lang, &escape::path(path), &escape::path(input)).into());
                }
                if std::fs::symlink_metadata(path).is_ok() && !force {
                    return Err(i18n::out_exists(lang, &escape::path(path)).into());
                }
            }
            let pem = read_input(&key_path, i18n::KEY_FILE, lang)?;
            let passphrase = passphrase::existing(passphrase_file.as_deref(), lang)?;
            let key = AssociationKey::from_encrypted_pem(&pem, &passphrase).map_err(|error| {
                i18n::cannot(lang, Action::OpenKey, &escape::path(&key_path), &i18n::core(lang, &error))
            })?;
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|_| i18n::clock_before_1970(lang).to_owned())?;
            let issued = Timestamp::from_unix_seconds(now.as_secs());
            let result = sign_result(&catalogue, &checked, &key, &issued, random_bytes(lang)?).map_err(|error| {
                i18n::cannot(lang, Action::Sign, &escape::path(&answers_path), &i18n::core(lang, &error))
            })?;
            let report = Report::compute(&catalogue, &checked);
            match &out_path {
                Some(path) => write_new_file(path, format!("{result}\n").as_bytes(), false, lang)?,
                None => writeln!(out, "{}", escape::json(&result))?,
            }
            warn_about(&checked, lang);
            if !report.open.is_empty() {
                let note = i18n::unanswered_note(lang, report.open.len(), catalogue.criteria().len());
                eprintln!("{}", i18n::program(lang, &note));
            }
            let grade = escape::escape(catalogue.grades()[report.grade].label.get(lang)).into_owned();
            let shown_out = out_path.as_deref().map(escape::path);
            let signed = i18n::signed(lang, report.score, &grade, &key.public().fingerprint(), shown_out.as_deref());
            eprintln!("{}", i18n::program(lang, &signed));
        }
        Command::Verify { results: paths, trusted_keys, catalogs } => {
            let catalogues = results::load_catalogues(&catalogs, lang)?;
            let catalogues: Vec<&Catalogue> = catalogues.iter().collect();
            let trusted = trusted_keys.as_deref().map(|path| TrustedKeys::load(path, lang)).transpose()?;
            let files: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
            let checked = results::check_files(&files, &catalogues, trusted.as_ref(), lang);
            for (path, checked) in files.iter().zip(&checked) {
                writeln!(out, "{}", escape::lines(&results::verify_line(path, checked, lang)))?;
            }
            out.flush()?;
            return Ok(checked.iter().all(|checked| matches!(checked, Checked::Valid(_))));
        }
        Command::Report { result, format, trusted_keys, catalogs } => {
            let catalogues = results::load_catalogues(&catalogs, lang)?;
            let catalogues: Vec<&Catalogue> = catalogues.iter().collect();
            let trusted = trusted_keys.as_deref().map(|path| TrustedKeys::load(path, lang)).transpose()?;
            let checked = results::check_file(&result, &catalogues, trusted.as_ref());
            match &checked {
                Checked::NotAResult(reason) => {
                    return Err(i18n::not_a_result(lang, &escape::path(&result), &reason.line(lang)).into());
                }
                Checked::Unreadable(problem) => {
                    return Err(i18n::cannot_read(lang, i18n::RESULT_FILE, &escape::path(&result), problem).into());
                }
                Checked::Valid(_) | Checked::Invalid(..) => {}
            }
            let text = match format {
                ResultFormat::Text => escape::lines(&render::result_text(&checked, &catalogues, lang, false)),
                ResultFormat::Markdown => escape::lines(&render::result_text(&checked, &catalogues, lang, true)),
                ResultFormat::Json => to_json(&render::result_json(&checked, lang)),
            };
            writeln!(out, "{}", text.trim_end())?;
            out.flush()?;
            return Ok(matches!(checked, Checked::Valid(_)));
        }
        Command::Summary { paths, csv, trusted_keys, catalogs } => {
            let entries = walk::entries(&paths).map_err(|(path, problem)| {
                i18n::cannot_read(lang, i18n::RESULT_FILE, &escape::path(&path), &problem)
            })?;
            let files: Vec<&Path> = entries
                .iter()
                .filter_map(|entry| match entry {
                    walk::Entry::File(path) => Some(path.as_path()),
                    walk::Entry::NotRead(..) => None,
                })
                .collect();
            if let Some(path) = &csv {
                let inputs =
                    files.iter().copied().chain(trusted_keys.as_deref()).chain(catalogs.iter().map(PathBuf::as_path));
                if let Some(input) = results::same_file_as(path, inputs) {
                    return Err(i18n::output_is_an_input(lang, &escape::path(path), &escape::path(input)).into());
                }
            }
            let catalogues = results::load_catalogues(&catalogs, lang)?;
            let catalogues: Vec<&Catalogue> = catalogues.iter().collect();
            let trusted = trusted_keys.as_deref().map(|path| TrustedKeys::load(path, lang)).transpose()?;
            let checked = results::check_files(&files, &catalogues, trusted.as_ref(), lang);
            let mut checked = checked.iter();
            let rows: Vec<(&walk::Entry, results::Row<'_>)> = entries
                .iter()
                .filter_map(|entry| match entry {
                    walk::Entry::File(_) => checked.next().map(|checked| (entry, results::Row::Checked(checked))),
                    walk::Entry::NotRead(_, skip) => Some((entry, results::Row::NotRead(skip))),
                })
                .collect();
            let table = results::summary_csv(&rows, lang);
            match &csv {
                // With a byte-order mark, which spreadsheets on Chinese Windows need to read
                // UTF-8 (without one, Excel takes the file for GBK).
                Some(path) => write_new_file(path, format!("\u{feff}{table}").as_bytes(), false, lang)?,
                None => write!(out, "{table}")?,
            }
            out.flush()?;
            let (valid, invalid, not_results, not_read) = results::counts(&rows);
            let counts = i18n::summary_counts(lang, files.len(), valid, invalid, not_results, not_read);
            eprintln!("{}", i18n::program(lang, &counts));
        }
    }
    out.flush()?;
    Ok(true)
}

/// The warnings about a credit code, on standard error.
fn warn_about(answers: &Answers, lang: Lang) {
    for warning in answers.warnings() {
        let message = selfcheck_core::messages::credit_code_warning(warning, lang);
        eprintln!("{}", i18n::program(lang, &escape::escape(&message)));
    }
}

/// Random bytes from the operating system; the core takes them as arguments.
fn random_bytes<const N: usize>(lang: Lang) -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| i18n::random_failed(lang, &error))?;
    Ok(bytes)
}

/// Writes a file that must not exist yet (or, unless `exclusive`, may be replaced), readable
/// only by its owner when `exclusive` (keys).
fn write_new_file(path: &Path, bytes: &[u8], exclusive: bool, lang: Lang) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if exclusive {
        options.create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    } else {
        options.create(true).truncate(true);
    }
    let failed = |error: std::io::Error| i18n::cannot_write(lang, &escape::path(path), &error);
    let mut file = options.open(path).map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    // On disk before success is reported; a device or pipe (`--csv /dev/stdout`) has no disk.
    if file.metadata().is_ok_and(|metadata| metadata.is_file()) {
        file.sync_all().map_err(failed)?;
    }
    Ok(())
}

/// The built-in catalogue, or the one in `path`.
///
/// # Errors
///
/// The message (in `lang`) for a catalogue that cannot be read or used.
pub(crate) fn load_catalogue(path: Option<&Path>, lang: Lang) -> Result<Catalogue, String> {
    match path {
        None => Ok(Catalogue::builtin().clone()),
        Some(path) => {
            let json = read_input(path, i18n::CATALOGUE_FILE, lang)?;
            Catalogue::from_json(&json).map_err(|error| {
                i18n::cannot(lang, Action::UseCatalogue, &escape::path(path), &i18n::core(lang, &error))
            })
        }
    }
}

/// Reads an input (standard input for `-`) as text, bounded and checked by [`input::read_text`],
/// with the file named in the message (in `lang`) when it cannot be.
pub(crate) fn read_input(path: &Path, role: i18n::Words, lang: Lang) -> Result<String, String> {
    input::read_text(path).map_err(|problem| i18n::cannot_read(lang, role, &escape::path(path), &problem))
}

/// A document as JSON for people and scripts: pretty, and with every character that could act
/// on a terminal written as a JSON escape (the values are unchanged).
fn to_json(value: &selfcheck_core::json::Json) -> String {
    escape::json(&selfcheck_core::json::pretty(value)).into_owned()
}

/// The system clock, for checking that results are not from the future (a clock before 1970
/// reads as 1970: every result is then from the future, which the verdict says).
pub(crate) fn now() -> Timestamp {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |now| now.as_secs());
    Timestamp::from_unix_seconds(seconds)
}
