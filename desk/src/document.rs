//! The core's `selfcheck-analysis/1` document as the page reads it from the worker: the
//! verdicts, the matrix, the ranking and the anomalies, already computed by the core.

use serde::Deserialize;

/// The analysis, as far as the page shows it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct AnalysisDoc {
    /// How many files, accepted, rejected.
    #[serde(default)]
    pub counts: CountsDoc,
    /// One verdict per file, in the order they were loaded.
    #[serde(default)]
    pub files: Vec<FileDoc>,
    /// The association × month matrix.
    #[serde(default)]
    pub matrix: MatrixDoc,
    /// The ranking, best first.
    #[serde(default)]
    pub ranking: Vec<RankDoc>,
    /// The anomalies only signatures reveal.
    #[serde(default)]
    pub anomalies: Vec<AnomalyDoc>,
}

/// The counts of files.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct CountsDoc {
    /// Files examined.
    pub files: u32,
    /// Files accepted.
    pub accepted: u32,
    /// Copies of another file.
    pub copies: u32,
}

/// What a file names, verified or only claimed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ClaimDoc {
    /// Whether the claim is verified (the file was accepted).
    pub verified: bool,
    /// The association's name.
    pub name: String,
    /// Its credit code.
    pub credit_code: String,
    /// The period.
    pub period: PeriodDoc,
}

/// A period.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct PeriodDoc {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
}

/// One file's verdict.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct FileDoc {
    /// Its name.
    pub name: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// `accepted` or the stage it failed at.
    pub verdict: String,
    /// The verdict in words.
    pub message: String,
    /// What it names.
    pub claim: Option<ClaimDoc>,
    /// The key's status by the register.
    pub key_status: Option<String>,
    /// The result's digest (the review key).
    pub result: Option<String>,
    /// The SHA-256 of the file it is a copy of.
    pub copy_of: Option<String>,
    /// Score of an accepted result.
    pub score: Option<u32>,
    /// Grade id of an accepted result.
    pub grade: Option<String>,
}

/// The matrix.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct MatrixDoc {
    /// The months, `YYYY-MM`.
    pub months: Vec<String>,
    /// One row per association.
    pub rows: Vec<MatrixRowDoc>,
    /// Each month's figures.
    pub month_figures: Vec<MonthFiguresDoc>,
}

/// One association's months.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct MatrixRowDoc {
    /// Its credit code.
    pub credit_code: String,
    /// Its name.
    pub name: String,
    /// Whether it is on the expected list.
    pub expected: bool,
    /// One cell code per month.
    pub cells: Vec<String>,
    /// The most months missed in a row.
    pub longest_missed_run: u32,
}

/// One month's figures.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct MonthFiguresDoc {
    /// The month.
    pub month: String,
    /// Associations expected or reporting.
    pub associations: u32,
    /// Received (late included).
    pub received: u32,
    /// Received late.
    pub late: u32,
    /// Duplicates.
    pub duplicate: u32,
    /// Invalid only.
    pub invalid: u32,
    /// Missing.
    pub missing: u32,
    /// Reporting rate, per mille.
    pub rate_per_mille: u32,
}

/// One row of the ranking.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct RankDoc {
    /// Rank, 1 first.
    pub rank: u32,
    /// Credit code.
    pub credit_code: String,
    /// Name.
    pub name: String,
    /// The month it reports on.
    pub month: String,
    /// The period.
    pub period: PeriodDoc,
    /// 折合千分制 score.
    pub score: u32,
    /// Grade id.
    pub grade: String,
    /// Ids of the vetoes triggered.
    pub vetoes: Vec<String>,
    /// Criteria answered.
    pub answered: u32,
    /// Criteria in all.
    pub criteria: u32,
    /// Key status code.
    pub key: String,
    /// When it was signed.
    pub signed: String,
    /// The result's digest.
    pub result: String,
}

/// One anomaly.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct AnomalyDoc {
    /// Its code.
    pub code: String,
    /// The credit code it is about, if one.
    pub credit_code: Option<String>,
    /// In words.
    pub message: String,
    /// The files.
    pub files: Vec<AnomalyFileDoc>,
}

/// A file an anomaly names.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct AnomalyFileDoc {
    /// Its name.
    pub name: String,
}
