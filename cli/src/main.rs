//! `selfcheck`: the command-line tool of the bureau and of scripts, built on selfcheck-core.
//!
//! Exit codes: 0 success; 1 the input could not be read, parsed or checked (every
//! problem is printed); 2 the command line itself is wrong.

mod render;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use selfcheck_core::{Answers, Catalogue, Lang, Report};

#[derive(Parser)]
#[command(
    name = "selfcheck",
    version,
    about = "行业自律与诚信创建活动自查工具 / Industry self-discipline and integrity self-assessment"
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
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("selfcheck: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command, lang: Lang) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match command {
        Command::Catalog { format, catalog } => {
            let catalogue = load_catalogue(catalog.as_deref())?;
            match format {
                CatalogFormat::Json => writeln!(out, "{}", to_pretty_json(&catalogue.to_doc()))?,
                CatalogFormat::Markdown => write!(out, "{}", render::catalogue_markdown(&catalogue, lang))?,
            }
        }
        Command::Template { catalog } => {
            let catalogue = load_catalogue(catalog.as_deref())?;
            writeln!(out, "{}", to_pretty_json(&render::template(&catalogue, lang)))?;
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
                ReportFormat::Json => writeln!(out, "{}", to_pretty_json(&report.to_doc(&catalogue, &answers)))?,
                ReportFormat::Text => write!(out, "{}", render::report_text(&catalogue, &answers, &report, lang))?,
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Files larger than this are refused before reading; the core's own limits are lower.
const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

fn load_catalogue(path: Option<&Path>) -> Result<Catalogue> {
    match path {
        None => Ok(Catalogue::builtin()),
        Some(path) => {
            let json = read_text(path)?;
            Catalogue::from_json(&json).with_context(|| format!("cannot use the catalogue {}", path.display()))
        }
    }
}

/// Reads a whole file (or standard input for `-`) as UTF-8, with the file named in every error.
fn read_text(path: &Path) -> Result<String> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).context("cannot read standard input")?;
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

fn to_pretty_json<T: serde::Serialize>(value: &T) -> String {
    // Wire types are plain structs of strings and integers: serializing them cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default()
}
