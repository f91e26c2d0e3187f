//! `selfcheck`: the command-line tool of the bureau and of scripts, built on selfcheck-core.
//!
//! Exit codes ([`EXIT_CODES`], shown by `selfcheck --help`): 0 success; 1 the input could not
//! be read, parsed, checked or signed, or a result is invalid (every problem is printed); 2 the
//! command line itself is wrong. It never panics on input: exit code 101 would be a bug.

mod passphrase;
mod render;
mod results;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use selfcheck_core::keys::PBKDF2_ITERATIONS;
use selfcheck_core::{Answers, AssociationKey, Catalogue, Lang, Report, Timestamp, sign_result};

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
    /// Language of the catalogue's text in output: zh (Simplified Chinese) or en.
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
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("selfcheck: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs a command; `Ok(false)` when it ran but found something invalid.
fn run(command: Command, lang: Lang) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    match command {
        Command::Catalog { format, catalog } => {
            let catalogue = load_catalogue(catalog.as_deref())?;
            match format {
                CatalogFormat::Json => writeln!(out, "{}", to_pretty_json(&catalogue.to_doc().to_json()))?,
                CatalogFormat::Markdown => write!(out, "{}", render::catalogue_markdown(&catalogue, lang))?,
            }
        }
        Command::Template { catalog } => {
            let catalogue = load_catalogue(catalog.as_deref())?;
            writeln!(out, "{}", to_pretty_json(&render::template(&catalogue, lang).to_json()))?;
        }
        Command::Score { answers, catalog, format } => {
            let catalogue = load_catalogue(catalog.as_deref())?;
            let json = read_text(&answers)?;
            let answers =
                Answers::from_json(&catalogue, &json).with_context(|| format!("cannot score {}", answers.display()))?;
            for warning in answers.warnings() {
                eprintln!("selfcheck: warning: profile.credit_code: {warning}");
            }
            let report = Report::compute(&catalogue, &answers);
            match format {
                ReportFormat::Json => {
                    writeln!(out, "{}", to_pretty_json(&report.to_doc(&catalogue, &answers).to_json()))?
                }
                ReportFormat::Text => {
                    write!(out, "{}", render::for_terminal(&render::report_text(&catalogue, &answers, &report, lang)))?
                }
            }
        }
        Command::Keygen { out: path, passphrase_file } => {
            if path.exists() {
                anyhow::bail!("{} exists; selfcheck never overwrites a key (move it away first)", path.display());
            }
            let passphrase = passphrase::new(passphrase_file.as_deref())?;
            let key = AssociationKey::from_seed(random_bytes()?);
            let pem = key.to_encrypted_pem(&passphrase, random_bytes()?, random_bytes()?, PBKDF2_ITERATIONS)?;
            write_new_file(&path, pem.as_bytes(), true)?;
            let public = key.public();
            writeln!(out, "key: {}", path.display())?;
            writeln!(out, "fingerprint: {}", public.fingerprint())?;
            writeln!(out, "did: {}", public.did())?;
            eprintln!(
                "selfcheck: keep a copy of {} and its passphrase in a safe place; \
                 give the fingerprint to the registration authority",
                path.display()
            );
        }
        Command::Sign { answers, key, out: out_path, force, passphrase_file, catalog } => {
            let catalogue = load_catalogue(catalog.as_deref())?;
            let json = read_text(&answers)?;
            let checked =
                Answers::from_json(&catalogue, &json).with_context(|| format!("cannot sign {}", answers.display()))?;
            if let Some(path) = &out_path
                && path.exists()
                && !force
            {
                anyhow::bail!("{} exists; pass --force to replace it", path.display());
            }
            let pem = read_text(&key)?;
            let passphrase = passphrase::existing(passphrase_file.as_deref())?;
            let key = AssociationKey::from_encrypted_pem(&pem, &passphrase)
                .with_context(|| format!("cannot open the key {}", key.display()))?;
            let issued = now();
            let result = sign_result(&catalogue, &checked, &key, &issued, random_bytes()?)
                .with_context(|| format!("cannot sign {}", answers.display()))?;
            let report = Report::compute(&catalogue, &checked);
            match &out_path {
                Some(path) => write_new_file(path, format!("{result}\n").as_bytes(), false)?,
                None => writeln!(out, "{result}")?,
            }
            for warning in checked.warnings() {
                eprintln!("selfcheck: warning: profile.credit_code: {warning}");
            }
            if !report.open.is_empty() {
                eprintln!(
                    "selfcheck: note: {} of {} criteria are unanswered and score zero",
                    report.open.len(),
                    catalogue.criteria().len()
                );
            }
            eprintln!(
                "selfcheck: signed: score {} ({}), key {}{}",
                report.score,
                catalogue.grades()[report.grade].label.get(lang),
                key.public().fingerprint(),
                out_path.map(|path| format!(", written to {}", path.display())).unwrap_or_default()
            );
        }
        Command::Verify { results, trusted_keys, catalogs } => {
            let catalogues = results::load_catalogues(&catalogs)?;
            let catalogues: Vec<&Catalogue> = catalogues.iter().collect();
            let trusted = trusted_keys.as_deref().map(TrustedKeys::load).transpose()?;
            let checked = results::check_files(&results, &catalogues, trusted.as_ref());
            for (path, checked) in results.iter().zip(&checked) {
                writeln!(out, "{}", render::for_terminal(&results::verify_line(path, checked, lang)))?;
            }
            out.flush()?;
            return Ok(checked.iter().all(|checked| matches!(checked, Checked::Valid(_))));
        }
        Command::Report { result, format, trusted_keys, catalogs } => {
            let catalogues = results::load_catalogues(&catalogs)?;
            let catalogues: Vec<&Catalogue> = catalogues.iter().collect();
            let trusted = trusted_keys.as_deref().map(TrustedKeys::load).transpose()?;
            let checked = results::check_file(&result, &catalogues, trusted.as_ref());
            match &checked {
                Checked::NotAResult(reason) => anyhow::bail!("{} is not a signed result: {reason}", result.display()),
                Checked::Unreadable(reason) => anyhow::bail!("{reason}"),
                Checked::Valid(_) | Checked::Invalid(..) => {}
            }
            let text = match format {
                ResultFormat::Text => render::for_terminal(&render::result_text(&checked, lang, false)),
                ResultFormat::Markdown => render::for_terminal(&render::result_text(&checked, lang, true)),
                ResultFormat::Json => to_pretty_json(&render::result_json(&checked)),
            };
            writeln!(out, "{}", text.trim_end())?;
            out.flush()?;
            return Ok(matches!(checked, Checked::Valid(_)));
        }
        Command::Summary { paths, csv, trusted_keys, catalogs } => {
            let catalogues = results::load_catalogues(&catalogs)?;
            let catalogues: Vec<&Catalogue> = catalogues.iter().collect();
            let trusted = trusted_keys.as_deref().map(TrustedKeys::load).transpose()?;
            let files = results::collect_files(&paths)?;
            let checked = results::check_files(&files, &catalogues, trusted.as_ref());
            let table = results::summary_csv(&files, &checked);
            match &csv {
                Some(path) => {
                    std::fs::write(path, table).with_context(|| format!("cannot write {}", path.display()))?
                }
                None => write!(out, "{table}")?,
            }
            let valid = checked.iter().filter(|checked| matches!(checked, Checked::Valid(_))).count();
            let not_results = checked
                .iter()
                .filter(|checked| matches!(checked, Checked::NotAResult(_) | Checked::Unreadable(_)))
                .count();
            eprintln!(
                "selfcheck: {} files: {valid} valid, {} invalid, {not_results} not results",
                files.len(),
                files.len() - valid - not_results
            );
        }
    }
    out.flush()?;
    Ok(true)
}

/// Random bytes from the operating system; the core takes them as arguments.
fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| anyhow::anyhow!("the system's random generator failed: {error}"))?;
    Ok(bytes)
}

/// Writes a file that must not exist yet (or, unless `exclusive`, may be replaced), readable
/// only by its owner when `exclusive` (keys).
fn write_new_file(path: &Path, bytes: &[u8], exclusive: bool) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if exclusive {
        options.create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    } else {
        options.create(true).truncate(true);
    }
    let mut file = options.open(path).with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).with_context(|| format!("cannot write {}", path.display()))
}

/// Files larger than this are refused before reading; the core's own limits are lower.
const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

pub(crate) fn load_catalogue(path: Option<&Path>) -> Result<Catalogue> {
    match path {
        None => Ok(Catalogue::builtin().clone()),
        Some(path) => {
            let json = read_text(path)?;
            Catalogue::from_json(&json).with_context(|| format!("cannot use the catalogue {}", path.display()))
        }
    }
}

/// Reads a whole file (or standard input for `-`) as UTF-8, with the file named in every error.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = if path.as_os_str() == "-" {
        // Read one byte past the limit, so that a larger input is refused without holding it all.
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(std::io::stdin(), MAX_INPUT_BYTES + 1), &mut bytes)
            .context("cannot read standard input")?;
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            anyhow::bail!("standard input is more than the limit of {MAX_INPUT_BYTES} bytes");
        }
        bytes
    } else {
        let size = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len();
        if size > MAX_INPUT_BYTES {
            anyhow::bail!("{} is {size} bytes, more than the limit of {MAX_INPUT_BYTES} bytes", path.display());
        }
        std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?
    };
    String::from_utf8(bytes).map_err(|error| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            path.display(),
            error.utf8_error().valid_up_to()
        )
    })
}

/// The system clock, for signing and for checking that results are not from the future.
pub(crate) fn now() -> Timestamp {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |now| now.as_secs());
    Timestamp::from_unix_seconds(seconds)
}

fn to_pretty_json(value: &selfcheck_core::json::Json) -> String {
    selfcheck_core::json::pretty(value)
}
