//! `selfcheck`: the command-line tool of the bureau and of scripts, built on selfcheck-core.
//!
//! Exit codes ([`EXIT_CODES`], shown by `selfcheck --help`): 0 success; 1 the input could not
//! be read, parsed, checked or signed, or a result is invalid (every problem is printed); 2 the
//! command line itself is wrong. It never panics on input: exit code 101 would be a bug.

mod bureau;
mod escape;
mod i18n;
mod input;
mod passphrase;
mod render;
mod results;

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
    about = "行业自律与诚信创建活动自查工具 / Industry self-discipline and integrity self-assessment", // both languages by design
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
    /// Verify signed results (and the bureau's signed summaries and rectification notices): one
    /// line per file; exit 0 only when all are valid.
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
        /// The files a signed bureau summary lists (files or folders, in any order, under any
        /// names): each summary among the results is computed again from them and compared.
        #[arg(long, value_name = "PATH", num_args = 1..)]
        inputs: Vec<PathBuf>,
        /// Refuse a result without the second signature in China's national algorithms
        /// (国密签名, SM2/SM3), saying so.
        #[arg(long)]
        require_sm2: bool,
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
        /// Refuse a result without the second signature in China's national algorithms
        /// (国密签名, SM2/SM3), saying so.
        #[arg(long)]
        require_sm2: bool,
    },
    /// The bureau's review of the files under the given files and folders: the association ×
    /// month matrix, each month's figures, the anomalies and the files that did not pass (text or
    /// JSON), the files as CSV, every table as an XLSX workbook, and a signed summary.
    Summary(SummaryArgs),
    /// Make a rectification notice (整改通知) for one association, signed with the bureau's key:
    /// the criteria to fix with a remark on each, an overall remark and the deadline. `verify`
    /// checks one.
    Notice(NoticeArgs),
}

/// `notice`'s options.
#[derive(clap::Args)]
struct NoticeArgs {
    /// The bureau's encrypted key.
    #[arg(long, value_name = "KEY.pem")]
    key: PathBuf,
    /// The association's signed result the notice answers: its credit code and name come from
    /// it, and without --item every criterion on its rectification list is named.
    #[arg(long, value_name = "RESULT.json")]
    from: Option<PathBuf>,
    /// The association's credit code (without --from).
    #[arg(long)]
    credit_code: Option<String>,
    /// The association's name (without --from).
    #[arg(long)]
    name: Option<String>,
    /// A criterion to fix, with the bureau's remark after `=`: `B2=财务制度未公开` (repeat for each).
    #[arg(long = "item", value_name = "ID[=REMARK]")]
    items: Vec<String>,
    /// The bureau's overall remark.
    #[arg(long, default_value = "")]
    remark: String,
    /// The last day to rectify, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    deadline: String,
    /// Where to write the notice (default: 整改通知-CREDIT_CODE-YYYYMMDD.json here, the day it is
    /// issued); an existing file is kept unless --force.
    #[arg(long, value_name = "NOTICE.json")]
    out: Option<PathBuf>,
    /// Replace an existing --out file.
    #[arg(long)]
    force: bool,
    /// Read the passphrase from the first line of FILE (else SELFCHECK_PASSPHRASE, else a prompt).
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

/// `summary`'s options.
#[derive(clap::Args)]
// --year is for the year's workbook or a signed year's summary: alone it would do nothing.
#[command(group(clap::ArgGroup::new("year_use").multiple(true).args(["year_xlsx", "kind"])))]
struct SummaryArgs {
    /// Files and folders (walked recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// What to print: the matrix, figures and anomalies as text; the whole analysis as JSON
    /// (selfcheck-analysis/3); or the files table as CSV.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    format: SummaryFormat,
    /// Write the files table (one row per file, with its SHA-256 and verdict) as CSV here.
    #[arg(long, value_name = "OUT.csv")]
    csv: Option<PathBuf>,
    /// CSV without the UTF-8 byte-order mark, with LF line ends and texts as they are: for
    /// scripts (spreadsheets on Chinese Windows need the mark).
    #[arg(long)]
    no_bom: bool,
    /// Write every table (ranking, matrix, months, criteria, areas, grades, anomalies, the
    /// month's progress, the problems reported with their handling, files) as an XLSX workbook
    /// here.
    #[arg(long, value_name = "OUT.xlsx")]
    xlsx: Option<PathBuf>,
    /// The year of the year's summary (阶段性总结), written as an XLSX workbook to --year-xlsx
    /// or signed with --sign --kind year (in --lang's words): participation, grades, areas, the
    /// most failed criteria, the most improved, the problems' handling, the notices' outcomes
    /// and the candidates for 示范创建单位.
    #[arg(long, value_name = "YYYY", required_if_eq("kind", "year"), requires = "year_use",
          value_parser = clap::value_parser!(i32).range(2000..=2100))]
    year: Option<i32>,
    /// Where --year writes the year's summary.
    #[arg(long, value_name = "OUT.xlsx", requires = "year")]
    year_xlsx: Option<PathBuf>,
    /// A candidate for 示范创建单位 is at the top grade in each of the last N months of the year.
    #[arg(long, value_name = "N", default_value_t = selfcheck_bureau::DEFAULT_MODEL_MONTHS,
          value_parser = clap::value_parser!(u32).range(1..=12))]
    model_months: u32,
    /// The register of association keys: one `CREDIT_CODE FINGERPRINT` per line.
    #[arg(long, value_name = "FILE")]
    trusted_keys: Option<PathBuf>,
    /// The associations expected to report (CSV, TSV or text with names and credit codes,
    /// as exported from Excel): the matrix then shows who has not reported.
    #[arg(long, value_name = "FILE")]
    expected: Option<PathBuf>,
    /// The review file (selfcheck-review/1, or /2 with the handling of reported problems):
    /// review states in the ranking and the files, handling in the problems reported.
    #[arg(long, value_name = "FILE")]
    reviews: Option<PathBuf>,
    /// A rectification notice the bureau issued (repeat for each): where each stands (整改中,
    /// 已整改, 逾期未整改) by the results examined.
    #[arg(long = "notice", value_name = "NOTICE.json")]
    notices: Vec<PathBuf>,
    /// Each month's result is due by this day (1–28) of the following month; later ones are
    /// late, and a month is not missing before it.
    #[arg(long, value_name = "DAY", value_parser = clap::value_parser!(u32).range(1..=28))]
    deadline: Option<u32>,
    /// The months of the matrix, YYYY-MM..YYYY-MM (default: from the results, at most 24).
    #[arg(long, value_name = "YYYY-MM..YYYY-MM", value_parser = parse_months)]
    months: Option<selfcheck_bureau::MonthRange>,
    /// Rank the results of this month (default: each association's latest).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    month: Option<selfcheck_bureau::Month>,
    /// A period longer than this many days is an anomaly.
    #[arg(long, value_name = "DAYS", default_value_t = selfcheck_bureau::DEFAULT_LONGEST_PERIOD_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    longest_period: u32,
    /// Refuse results without the second signature in China's national algorithms (国密签名,
    /// SM2/SM3): each is listed with that reason, and a signed summary says it was required.
    #[arg(long)]
    require_sm2: bool,
    /// Further catalogues results may pin.
    #[arg(long = "catalog", value_name = "FILE")]
    catalogs: Vec<PathBuf>,
    /// Sign a summary with the bureau's key (an encrypted key file, as keygen makes).
    #[arg(long, value_name = "KEY.pem", requires = "out")]
    sign: Option<PathBuf>,
    /// What the signed summary carries.
    #[arg(long, value_enum, default_value_t = SummaryKindArg::Ranking, requires = "sign")]
    kind: SummaryKindArg,
    /// Where to write the signed summary; an existing file is kept unless --force.
    #[arg(long, value_name = "SUMMARY.json", requires = "sign")]
    out: Option<PathBuf>,
    /// Replace an existing --out file.
    #[arg(long, requires = "sign")]
    force: bool,
    /// Read the bureau key's passphrase from the first line of FILE (else SELFCHECK_PASSPHRASE,
    /// else a prompt).
    #[arg(long, value_name = "FILE", requires = "sign")]
    passphrase_file: Option<PathBuf>,
}

fn parse_months(text: &str) -> Result<selfcheck_bureau::MonthRange, String> {
    selfcheck_bureau::MonthRange::parse(text).ok_or_else(|| {
        "expected YYYY-MM..YYYY-MM, the first not after the last, at most 120 months (2026-01..2026-06)".to_owned()
    })
}

fn parse_month(text: &str) -> Result<selfcheck_bureau::Month, String> {
    selfcheck_bureau::Month::parse(text).ok_or_else(|| "expected YYYY-MM (2026-06)".to_owned())
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryFormat {
    Text,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum SummaryKindArg {
    /// The ranking.
    Ranking,
    /// The association × month matrix.
    Matrix,
    /// The year's summary of --year.
    Year,
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
            writeln!(out, "{}", to_json(&selfcheck_core::wire::AnswersDoc::template(&catalogue, lang).to_json()))?;
        }
        Command::Score { answers: path, catalog, format } => {
            let catalogue = load_catalogue(catalog.as_deref(), lang)?;
            let json = read_input(&path, i18n::Words::AnswersFile, lang)?;
            let answers = Answers::from_json(&catalogue, &json)
                .map_err(|error| i18n::cannot(lang, Action::Score, &escape::path(&path), &i18n::core(lang, &error)))?;
            warn_about(&answers, lang);
            let cannot_score = |error: selfcheck_core::Error| {
                i18n::cannot(lang, Action::Score, &escape::path(&path), &i18n::core(lang, &error))
            };
            let report = Report::compute(&catalogue, &answers).map_err(cannot_score)?;
            match format {
                ReportFormat::Json => {
                    writeln!(out, "{}", to_json(&report.to_doc(&answers).map_err(cannot_score)?.to_json()))?
                }
                ReportFormat::Text => {
                    let text = render::report_text(&catalogue, &answers, &report, lang).map_err(cannot_score)?;
                    write!(out, "{}", escape::lines(&text))?
                }
            }
        }
        Command::Keygen { out: path, passphrase_file } => {
            // A link, even a broken one, counts as existing: writing through it is never wanted.
            if std::fs::symlink_metadata(&path).is_ok() {
                return Err(i18n::key_exists(lang, &escape::path(&path)).into());
            }
            let passphrase = passphrase::new(passphrase_file.as_deref(), lang)?;
            // Both parts: the Ed25519 key every W3C verifier reads, and the SM2 part for the
            // national algorithms; one file, one fingerprint.
            let sm2 = selfcheck_core::guomi::Sm2Key::from_random(random_bytes(lang)?)
                .map_err(|error| i18n::core(lang, &error))?;
            let key = AssociationKey::from_seed(random_bytes(lang)?).with_sm2(sm2);
            let pem = key
                .to_encrypted_pem(&passphrase, random_bytes(lang)?, random_bytes(lang)?, PBKDF2_ITERATIONS)
                .map_err(|error| i18n::core(lang, &error))?;
            write_new_file(&path, pem.as_bytes(), true, lang)?;
            let public = key.public();
            // Stable lines for scripts (the same in both languages).
            writeln!(out, "key: {}", escape::path(&path))?;
            writeln!(out, "fingerprint: {}", public.fingerprint())?;
            writeln!(out, "did: {}", public.did())?;
            if let Some(sm2) = public.sm2() {
                writeln!(out, "sm2: {}", sm2.did())?;
            }
            eprintln!("{}", i18n::program(lang, &i18n::keep_the_key_safe(lang, &escape::path(&path))));
        }
        Command::Sign { answers: answers_path, key: key_path, out: out_path, force, passphrase_file, catalog } => {
            let catalogue = load_catalogue(catalog.as_deref(), lang)?;
            let json = read_input(&answers_path, i18n::Words::AnswersFile, lang)?;
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
            let pem = read_input(&key_path, i18n::Words::KeyFile, lang)?;
            // A key file that cannot be opened is said before a passphrase is asked for.
            selfcheck_core::keys::check_key_file(&pem).map_err(|error| {
                i18n::cannot(lang, Action::OpenKey, &escape::path(&key_path), &i18n::core(lang, &error))
            })?;
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
            let report = Report::compute(&catalogue, &checked).map_err(|error| {
                i18n::cannot(lang, Action::Sign, &escape::path(&answers_path), &i18n::core(lang, &error))
            })?;
            match &out_path {
                Some(path) => write_new_file(path, format!("{result}\n").as_bytes(), false, lang)?,
                None => writeln!(out, "{}", escape::json(&result))?,
            }
            warn_about(&checked, lang);
            if report.open().len() > 0 {
                let note = i18n::unanswered_note(lang, report.open().len(), catalogue.criteria().len());
                eprintln!("{}", i18n::program(lang, &note));
            }
            let grade = escape::escape(&report.grade_text(lang)).into_owned();
            let shown_out = out_path.as_deref().map(escape::path);
            let signed = i18n::signed(
                lang,
                report.score(),
                &grade,
                &key.public().fingerprint(),
                key.sm2().is_some(),
                shown_out.as_deref(),
            );
            eprintln!("{}", i18n::program(lang, &signed));
        }
        Command::Notice(args) => notice(&args, lang)?,
        Command::Verify { results: paths, trusted_keys, catalogs, inputs, require_sm2 } => {
            let catalogues = results::load_catalogues(&catalogs, lang)?;
            let catalogues: Vec<&Catalogue> = catalogues.iter().collect();
            let trusted = trusted_keys.as_deref().map(|path| TrustedKeys::load(path, lang)).transpose()?;
            let files: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
            let checked = results::check_files(&files, &catalogues, trusted.as_ref(), require_sm2, lang);
            let given = if inputs.is_empty() { None } else { Some(bureau::read_inputs(&inputs, lang)?) };
            let mut all_valid = true;
            for (path, checked) in files.iter().zip(&checked) {
                let line = match (checked, &given) {
                    (Checked::Summary(summary), Some(given)) => {
                        let reproduction = bureau::reproduce(summary, given, &catalogues, lang)?;
                        let detail = results::summary_detail(summary, lang);
                        let detail =
                            i18n::with_reproduction(lang, &detail, &escape::escape(&reproduction.message(lang)));
                        let verdict = match reproduction {
                            selfcheck_bureau::Reproduction::Reproduced => i18n::Words::VerdictValid,
                            selfcheck_bureau::Reproduction::MissingInputs(_) => i18n::Words::VerdictNotChecked,
                            _ => i18n::Words::VerdictDiffers,
                        };
                        all_valid &= reproduction == selfcheck_bureau::Reproduction::Reproduced;
                        i18n::verdict_line(lang, verdict, &escape::path(path), &detail)
                    }
                    (Checked::Summary(summary), None) => {
                        let detail = results::summary_detail(summary, lang);
                        let detail = i18n::with_reproduction(lang, &detail, i18n::summary_not_reproduced(lang));
                        i18n::verdict_line(lang, i18n::Words::VerdictValid, &escape::path(path), &detail)
                    }
                    _ => {
                        all_valid &= matches!(checked, Checked::Valid(_) | Checked::Notice(_));
                        results::verify_line(path, checked, lang)
                    }
                };
                writeln!(out, "{}", escape::lines(&line))?;
            }
            out.flush()?;
            return Ok(all_valid);
        }
        Command::Report { result, format, trusted_keys, catalogs, require_sm2 } => {
            let catalogues = results::load_catalogues(&catalogs, lang)?;
            let catalogues: Vec<&Catalogue> = catalogues.iter().collect();
            let trusted = trusted_keys.as_deref().map(|path| TrustedKeys::load(path, lang)).transpose()?;
            let checked = results::check_file(&result, &catalogues, trusted.as_ref(), require_sm2);
            match &checked {
                Checked::NotAResult(reason) => {
                    return Err(i18n::not_a_result(lang, &escape::path(&result), &reason.line(lang)).into());
                }
                Checked::Unreadable(problem) => {
                    return Err(
                        i18n::cannot_read(lang, i18n::Words::ResultFile, &escape::path(&result), problem).into()
                    );
                }
                Checked::Summary(_) | Checked::Notice(_) => {
                    let found = checked.bureau_document().unwrap_or(selfcheck_core::Document::Summary);
                    let reason = render::not_a_result_but(lang, found);
                    return Err(i18n::not_a_result(lang, &escape::path(&result), &reason).into());
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
        Command::Summary(args) => summary(&args, lang, &mut out)?,
    }
    out.flush()?;
    Ok(true)
}

/// A file read whole, with its name as given: the register, the expected list, the reviews and
/// the catalogues a summary rests on, named with their SHA-256 in its exports.
fn read_bytes(path: &Path, role: i18n::Words, lang: Lang) -> Result<Vec<u8>, String> {
    input::read_bytes(path).map_err(|problem| i18n::cannot_read(lang, role, &escape::path(path), &problem))
}

/// Text of bytes read by [`read_bytes`], or why it is not text.
fn text_of(path: &Path, bytes: &[u8], role: i18n::Words, lang: Lang) -> Result<String, String> {
    input::decode(bytes.to_vec()).map_err(|problem| i18n::cannot_read(lang, role, &escape::path(path), &problem))
}

/// `summary`: the core's review of every file under the paths, shown and exported.
/// `notice`: the draft from the options (and the result given), signed with the bureau's key
/// and written to a new file.
fn notice(args: &NoticeArgs, lang: Lang) -> Result<(), Failure> {
    use selfcheck_core::notice::{NoticeDraft, NoticeItem, sign_notice};
    let catalogue = Catalogue::builtin();
    let from = match &args.from {
        None => None,
        Some(path) => match results::check_file(path, &[catalogue], None, false) {
            Checked::Valid(verified) => Some(verified),
            Checked::Invalid(reason, _) | Checked::NotAResult(reason) => {
                return Err(i18n::not_a_result(lang, &escape::path(path), &reason.line(lang)).into());
            }
            Checked::Unreadable(problem) => {
                return Err(i18n::cannot_read(lang, i18n::Words::ResultFile, &escape::path(path), &problem).into());
            }
            checked @ (Checked::Summary(_) | Checked::Notice(_)) => {
                let found = checked.bureau_document().unwrap_or(selfcheck_core::Document::Summary);
                return Err(
                    i18n::not_a_result(lang, &escape::path(path), &render::not_a_result_but(lang, found)).into()
                );
            }
        },
    };
    let code = args
        .credit_code
        .clone()
        .or_else(|| from.as_ref().and_then(|result| result.credit_code()).map(|code| code.as_str().to_owned()))
        .ok_or_else(|| i18n::notice_needs(lang, "--credit-code"))?;
    let credit_code = selfcheck_core::CreditCode::parse(&code).map_err(|error| {
        i18n::bad_option(lang, "--credit-code", &selfcheck_core::messages::credit_code(&error, lang))
    })?;
    let name = args
        .name
        .clone()
        .or_else(|| from.as_ref().map(|result| result.answers.profile().name().to_owned()))
        .ok_or_else(|| i18n::notice_needs(lang, "--name"))?;
    let deadline = selfcheck_core::Date::parse(&args.deadline).ok_or_else(|| {
        i18n::bad_option(lang, "--deadline", &i18n::not_a_date(lang, &escape::escape(&args.deadline)))
    })?;
    let items: Vec<NoticeItem> = if args.items.is_empty() {
        let to_fix = from
            .as_ref()
            .map(|result| result.report.rectification().map(|(criterion, _)| criterion.id.clone()).collect::<Vec<_>>());
        to_fix
            .unwrap_or_default()
            .into_iter()
            .map(|criterion| NoticeItem { criterion, remark: String::new() })
            .collect()
    } else {
        args.items
            .iter()
            .map(|item| match item.split_once('=') {
                Some((criterion, remark)) => {
                    NoticeItem { criterion: criterion.trim().to_owned(), remark: remark.to_owned() }
                }
                None => NoticeItem { criterion: item.trim().to_owned(), remark: String::new() },
            })
            .collect()
    };
    let draft = NoticeDraft {
        credit_code,
        name,
        based_on: from.as_ref().map(|result| result.digest.clone()),
        items,
        remark: args.remark.clone(),
        deadline,
    };
    let pem = read_input(&args.key, i18n::Words::KeyFile, lang)?;
    selfcheck_core::keys::check_key_file(&pem)
        .map_err(|error| i18n::cannot(lang, Action::OpenKey, &escape::path(&args.key), &i18n::core(lang, &error)))?;
    let issued = crate::now();
    let out = args.out.clone().unwrap_or_else(|| {
        let day = issued.beijing_date().as_str().replace('-', "");
        PathBuf::from(format!("整改通知-{}-{day}.json", draft.credit_code.as_str()))
    });
    let inputs = [args.from.as_deref(), Some(args.key.as_path()), args.passphrase_file.as_deref()];
    if let Some(input) = results::same_file_as(&out, inputs.into_iter().flatten()) {
        return Err(i18n::output_is_an_input(lang, &escape::path(&out), &escape::path(input)).into());
    }
    if std::fs::symlink_metadata(&out).is_ok() && !args.force {
        return Err(i18n::out_exists(lang, &escape::path(&out)).into());
    }
    let passphrase = passphrase::existing(args.passphrase_file.as_deref(), lang)?;
    let key = AssociationKey::from_encrypted_pem(&pem, &passphrase)
        .map_err(|error| i18n::cannot(lang, Action::OpenKey, &escape::path(&args.key), &i18n::core(lang, &error)))?;
    let notice = sign_notice(catalogue, &draft, &key, &issued, random_bytes(lang)?)
        .map_err(|error| i18n::cannot(lang, Action::SignNotice, &escape::path(&out), &i18n::core(lang, &error)))?;
    write_new_file(&out, format!("{notice}\n").as_bytes(), false, lang)?;
    let done = i18n::notice_signed(
        lang,
        draft.items.len(),
        draft.deadline.as_str(),
        &key.public().fingerprint(),
        &escape::path(&out),
    );
    eprintln!("{}", i18n::program(lang, &done));
    Ok(())
}

fn summary(args: &SummaryArgs, lang: Lang, out: &mut impl std::io::Write) -> Result<(), Failure> {
    use selfcheck_bureau::{
        Analysis, CsvStyle, Deadline, ExportSource, Input, InputRole, Reviews, Settings, SummaryKind, export,
        sign_summary,
    };
    let entries = selfcheck_files::entries(&selfcheck_files::Native, &args.paths)
        .map_err(|(path, problem)| i18n::cannot_read(lang, i18n::Words::ResultFile, &escape::path(&path), &problem))?;
    let file_entries: Vec<&selfcheck_files::Entry> =
        entries.iter().filter(|entry| matches!(entry, selfcheck_files::Entry::File { .. })).collect();
    let files: Vec<&Path> = file_entries.iter().map(|entry| entry.path()).collect();
    let role_files = [args.trusted_keys.as_deref(), args.expected.as_deref(), args.reviews.as_deref()];
    let inputs: Vec<&Path> = files
        .iter()
        .copied()
        .chain(role_files.into_iter().flatten())
        .chain(args.catalogs.iter().map(PathBuf::as_path))
        .chain(args.sign.as_deref())
        .chain(args.passphrase_file.as_deref())
        .collect();
    let outputs = [args.csv.as_deref(), args.xlsx.as_deref(), args.year_xlsx.as_deref(), args.out.as_deref()];
    for output in outputs.into_iter().flatten() {
        if let Some(input) = results::same_file_as(output, inputs.iter().copied()) {
            return Err(i18n::output_is_an_input(lang, &escape::path(output), &escape::path(input)).into());
        }
    }
    // The bureau's key first: a wrong passphrase is said before a long examination.
    let signing_key = match (&args.sign, &args.out) {
        (Some(key_path), Some(out_path)) => {
            if std::fs::symlink_metadata(out_path).is_ok() && !args.force {
                return Err(i18n::out_exists(lang, &escape::path(out_path)).into());
            }
            let pem = read_input(key_path, i18n::Words::KeyFile, lang)?;
            selfcheck_core::keys::check_key_file(&pem).map_err(|error| {
                i18n::cannot(lang, Action::OpenKey, &escape::path(key_path), &i18n::core(lang, &error))
            })?;
            let passphrase = passphrase::existing(args.passphrase_file.as_deref(), lang)?;
            let key = AssociationKey::from_encrypted_pem(&pem, &passphrase).map_err(|error| {
                i18n::cannot(lang, Action::OpenKey, &escape::path(key_path), &i18n::core(lang, &error))
            })?;
            Some((key, out_path))
        }
        _ => None,
    };
    let mut others: Vec<Input> = Vec::new();
    let register = match &args.trusted_keys {
        Some(path) => {
            let (register, bytes) = results::read_register(path, lang)?;
            others.push(Input::new(path.to_string_lossy(), &bytes, InputRole::Register));
            Some(register)
        }
        None => None,
    };
    let expected = match &args.expected {
        Some(path) => {
            let (list, bytes) = results::read_expected(path, lang)?;
            others.push(Input::new(path.to_string_lossy(), &bytes, InputRole::Expected));
            Some(list)
        }
        None => None,
    };
    let reviews = match &args.reviews {
        Some(path) => {
            let bytes = read_bytes(path, i18n::Words::ReviewFile, lang)?;
            let text = text_of(path, &bytes, i18n::Words::ReviewFile, lang)?;
            let reviews = Reviews::from_json(&text).map_err(|error| {
                i18n::cannot(lang, Action::UseReviews, &escape::path(path), &i18n::core(lang, &error))
            })?;
            others.push(Input::new(path.to_string_lossy(), &bytes, InputRole::Review));
            Some(reviews)
        }
        None => None,
    };
    let mut catalogues = Catalogue::builtins().to_vec();
    for path in &args.catalogs {
        let bytes = read_bytes(path, i18n::Words::CatalogueFile, lang)?;
        let text = text_of(path, &bytes, i18n::Words::CatalogueFile, lang)?;
        catalogues.push(Catalogue::from_json(&text).map_err(|error| {
            i18n::cannot(lang, Action::UseCatalogue, &escape::path(path), &i18n::core(lang, &error))
        })?);
        others.push(Input::new(path.to_string_lossy(), &bytes, InputRole::Catalogue));
    }
    let catalogues: Vec<&Catalogue> = catalogues.iter().collect();
    // One clock for every verdict and for the signed summary, which anyone can then reproduce.
    let now = now();
    let mut notices = Vec::new();
    for path in &args.notices {
        let bytes = read_bytes(path, i18n::Words::NoticeFile, lang)?;
        let text = text_of(path, &bytes, i18n::Words::NoticeFile, lang)?;
        notices.push(
            selfcheck_core::notice::verify_notice(&text, &catalogues, &now).map_err(|error| {
                i18n::cannot(lang, Action::UseNotice, &escape::path(path), &i18n::core(lang, &error))
            })?,
        );
        others.push(Input::new(path.to_string_lossy(), &bytes, InputRole::Notice));
    }
    let examined = bureau::examine_files(&file_entries, &catalogues, &now, lang);
    let verdicts: Vec<selfcheck_bureau::Verdict> = examined
        .iter()
        .filter_map(|examined| examined.as_ref().ok())
        .map(|file| file.judge_with(register.as_ref(), args.require_sm2))
        .collect();
    let settings = Settings {
        now: now.clone(),
        months: args.months,
        deadline: args.deadline.and_then(Deadline::new),
        longest_period_days: args.longest_period,
        ranking_month: args.month,
        rules: selfcheck_bureau::Rules::V2,
        require_sm2: args.require_sm2,
    };
    let analysis = Analysis::compute(&verdicts, expected.as_ref(), settings);
    let tracks = selfcheck_bureau::track_notices(&notices, &verdicts, reviews.as_ref(), &now);
    let source = ExportSource {
        analysis: &analysis,
        verdicts: &verdicts,
        reviews: reviews.as_ref(),
        others: &others,
        notices: &tracks,
    };

    let mut read = examined.iter();
    let rows: Vec<(&selfcheck_files::Entry, bureau::Row<'_>)> = entries
        .iter()
        .filter_map(|entry| match entry {
            selfcheck_files::Entry::File { .. } => read.next().map(|examined| match examined {
                Ok(_) => (entry, bureau::Row::Examined),
                Err(problem) => (entry, bureau::Row::Unreadable(problem)),
            }),
            selfcheck_files::Entry::NotRead(_, skip) => Some((entry, bureau::Row::NotRead(skip))),
        })
        .collect();
    let unreadable: Vec<(&Path, &input::ReadProblem)> = rows
        .iter()
        .filter_map(|(entry, row)| match row {
            bureau::Row::Unreadable(problem) => Some((entry.path(), *problem)),
            _ => None,
        })
        .collect();
    let style = if args.no_bom { CsvStyle::Plain } else { CsvStyle::Spreadsheet };
    let csv = || {
        let table = export::table(source, "files", lang).unwrap_or_else(|| unreachable!("the files table exists"));
        export::to_csv(&bureau::files_table(table, &rows, lang), style)
    };
    if let Some(path) = &args.csv {
        write_new_file(path, csv().as_bytes(), false, lang)?;
    }
    if let Some(path) = &args.xlsx {
        write_new_file(path, &export::workbook(source, lang), false, lang)?;
    }
    let rule = selfcheck_bureau::ModelRule { months: args.model_months };
    if let (Some(year), Some(path)) = (args.year, &args.year_xlsx) {
        write_new_file(path, &selfcheck_bureau::year_workbook(source, year, rule, lang), false, lang)?;
    }
    if let Some((key, out_path)) = &signing_key {
        let kind = match (args.kind, args.year) {
            (SummaryKindArg::Ranking, _) => SummaryKind::Ranking,
            (SummaryKindArg::Matrix, _) => SummaryKind::Matrix,
            // clap asks for --year with --kind year.
            (SummaryKindArg::Year, year) => {
                SummaryKind::Year(selfcheck_bureau::YearSummary { year: year.unwrap_or_default(), rule, lang })
            }
        };
        let signed = sign_summary(kind, source, key, random_bytes(lang)?).map_err(|error| {
            let reason = match &error {
                selfcheck_bureau::Error::Core(error) => i18n::core(lang, error),
                error => escape::escape(&error.message(lang)).into_owned(),
            };
            i18n::cannot(lang, Action::SignSummary, &escape::path(out_path), &reason)
        })?;
        write_new_file(out_path, format!("{signed}\n").as_bytes(), false, lang)?;
        let line = i18n::summary_signed(
            lang,
            &kind.describe(None, lang),
            verdicts.len() + others.len(),
            &key.public().fingerprint(),
            &escape::path(out_path),
        );
        eprintln!("{}", i18n::program(lang, &line));
    }
    match args.format {
        SummaryFormat::Text => {
            write!(out, "{}", bureau::summary_text(&analysis, &verdicts, &unreadable, lang))?;
            write!(out, "{}", bureau::problems_text(source, lang))?;
            write!(out, "{}", bureau::notices_text(&tracks, lang))?;
        }
        SummaryFormat::Json => {
            let mut json = selfcheck_bureau::analysis_json(source, lang);
            let not_read = rows.iter().filter_map(|(entry, row)| {
                let reason = match row {
                    bureau::Row::Examined => return None,
                    bureau::Row::Unreadable(problem) => problem.message(lang),
                    bureau::Row::NotRead(skip) => selfcheck_files::not_read(lang, skip),
                };
                Some((entry.path(), reason))
            });
            if let Some(object) = json.as_object_mut() {
                object.insert("not_read", selfcheck_files::not_read_json(not_read));
            }
            writeln!(out, "{}", to_json(&json))?
        }
        SummaryFormat::Csv => write!(out, "{}", csv())?,
    }
    out.flush()?;
    let counts = &analysis.counts;
    let not_results = counts.rejected_at(selfcheck_bureau::Stage::NotAResult) as usize + unreadable.len();
    let not_read = rows.iter().filter(|(_, row)| matches!(row, bureau::Row::NotRead(_))).count();
    let line = i18n::summary_counts(
        lang,
        files.len(),
        counts.accepted as usize,
        counts.invalid() as usize,
        not_results,
        not_read,
    );
    eprintln!("{}", i18n::program(lang, &line));
    Ok(())
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
            let json = read_input(path, i18n::Words::CatalogueFile, lang)?;
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
