//! The `selfcheck-analysis/3` document as a reader gets it, typed: the settings, the verdicts,
//! the matrix, the ranking, the anomalies and the month's reports. The same module's writer ([`super::analysis_json`])
//! writes it; these are its one set of types, which the review desk reads (a renamed field
//! shows as a reading error, never as an empty table).

use serde::{Deserialize, Serialize};

use super::ANALYSIS_FORMAT;

/// The analysis, as far as the review desk shows it. Every part is required, so that a part the
/// writer stopped writing, or renamed, is a fault a reader names instead of an empty table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct AnalysisDoc {
    /// `selfcheck-analysis/3`.
    pub format: String,
    /// The settings it was computed with.
    pub settings: SettingsDoc,
    /// How many files, accepted, rejected.
    pub counts: CountsDoc,
    /// One verdict per file, in the order they were loaded.
    pub files: Vec<FileDoc>,
    /// The association × month matrix.
    pub matrix: MatrixDoc,
    /// The ranking, best first.
    pub ranking: Vec<RankDoc>,
    /// The anomalies only signatures reveal.
    pub anomalies: Vec<AnomalyDoc>,
    /// The province's figures, one entry per catalogue.
    pub province: Vec<ProvinceDoc>,
    /// The other files it was computed from (register, expected list, review file).
    pub inputs: Vec<InputDoc>,
    /// The month's reports of the accepted results, by month and then credit code.
    pub monthly: Vec<MonthlyReportDoc>,
    /// The rectification notices followed, by credit code and then when each was issued.
    pub notices: Vec<NoticeTrackDoc>,
}

/// The year's summary as [`crate::year::year_json`] writes it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct YearDoc {
    /// `selfcheck-year/1`.
    pub format: String,
    /// The year.
    pub year: u32,
    /// The recent months a 示范 candidate must be at the top grade in.
    pub model_months: u32,
    /// The tables, in the workbook's order.
    pub tables: Vec<YearTableDoc>,
}

/// One table of the year's summary.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct YearTableDoc {
    /// Its id (`participation`, …).
    pub id: String,
    /// Its title.
    pub title: String,
    /// The headers.
    pub columns: Vec<String>,
    /// The cells, as text.
    pub rows: Vec<Vec<String>>,
}

/// A rectification notice and where it stands.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct NoticeTrackDoc {
    /// The notice's digest (SHA-256 of its bytes).
    pub notice: String,
    /// The association's credit code.
    pub credit_code: String,
    /// The association's name, as the notice gives it.
    pub name: String,
    /// When it was signed (RFC 3339).
    pub issued: String,
    /// The fingerprint of the key that signed it.
    pub fingerprint: String,
    /// The last day to rectify (`2026-12-31`, Beijing).
    pub deadline: String,
    /// Days from the review's day to the deadline: 0 on the day, negative after it.
    pub days_left: i64,
    /// The bureau's remarks on the whole.
    pub remark: String,
    /// The criteria to fix, in the notice's order.
    pub items: Vec<NoticeItemDoc>,
    /// `in-progress`, `rectified` or `overdue`.
    pub state: String,
    /// The criteria still below full points, save those accepted.
    pub open: Vec<String>,
    /// The criteria the officer accepted as rectified (in the review file).
    pub accepted: Vec<String>,
    /// The digest of the result it is judged by, if any.
    pub result: Option<String>,
}

/// One criterion to fix.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct NoticeItemDoc {
    /// The criterion's id.
    pub criterion: String,
    /// The bureau's remark on it.
    pub remark: String,
}

/// One accepted result's report to the bureau for its month.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct MonthlyReportDoc {
    /// SHA-256 of the file's bytes.
    pub file: String,
    /// The result's digest, by which the review file keeps each problem's handling.
    pub result: String,
    /// The association's credit code.
    pub credit_code: String,
    /// The association's name.
    pub name: String,
    /// The month it reports on (`2026-10`), if the result names one.
    pub month: Option<String>,
    /// The month's progress; empty when only areas were written about.
    pub progress: String,
    /// Progress by area, in catalogue order.
    pub areas: Vec<AreaProgressDoc>,
    /// The new situations and problems, in the association's order.
    pub problems: Vec<ReportedProblemDoc>,
}

/// Progress in one area.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct AreaProgressDoc {
    /// The area's id.
    pub id: String,
    /// Its title, in the analysis's language.
    pub title: String,
    /// What the association wrote.
    pub text: String,
}

/// One new situation or problem.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct ReportedProblemDoc {
    /// Its number in the report, from 1.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// What happened.
    pub description: String,
    /// Whether the association asks the bureau for help.
    pub help_requested: bool,
    /// The association's earlier results of the month that reported the same problem, latest
    /// first: their handling counts for it until it has its own.
    pub earlier: Vec<String>,
}

impl AnalysisDoc {
    /// Reads an analysis as [`super::analysis_json`] wrote it.
    ///
    /// # Errors
    ///
    /// What is wrong, in English, for a log (the document is the tools' own, never a person's
    /// file): not the JSON of an analysis, a part missing or of another type, or another format
    /// than [`ANALYSIS_FORMAT`].
    pub fn read(json: &str) -> Result<AnalysisDoc, String> {
        let document: AnalysisDoc = serde_json::from_str(json).map_err(|error| error.to_string())?;
        if document.format == ANALYSIS_FORMAT {
            Ok(document)
        } else {
            Err(format!("the analysis is {:?}, not {ANALYSIS_FORMAT}", document.format))
        }
    }
}

/// A file the analysis was computed from besides the received ones.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct InputDoc {
    /// Its name.
    pub name: String,
    /// SHA-256 of its bytes as received.
    pub sha256: String,
    /// `register`, `expected`, `review` or `catalogue`.
    pub role: String,
}

/// The settings of the analysis, as the core wrote them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct SettingsDoc {
    /// The review's clock (RFC 3339).
    pub now: String,
    /// The months of the matrix, `YYYY-MM..YYYY-MM`.
    pub months: Option<String>,
    /// The deadline's day of the following month.
    pub deadline: Option<u32>,
    /// The longest period expected, in days.
    pub longest_period_days: u32,
    /// The month ranked, `YYYY-MM`; none: each association's latest.
    pub ranking_month: Option<String>,
    /// Whether results without the second signature (SM2/SM3) are refused.
    pub require_sm2: bool,
}

/// The counts of files.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct CountsDoc {
    /// Files examined.
    pub files: u32,
    /// Files accepted.
    pub accepted: u32,
    /// Copies of another file.
    pub copies: u32,
}

/// What a file names, verified or only claimed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct PeriodDoc {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
}

/// One file's verdict.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
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
    /// Whether its signature held with the second proof in China's national algorithms
    /// (`valid`) or with the Ed25519 proof alone (`absent`); none when it did not hold.
    pub sm2: Option<String>,
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct MatrixDoc {
    /// The months, `YYYY-MM`.
    pub months: Vec<String>,
    /// One row per association.
    pub rows: Vec<MatrixRowDoc>,
    /// Each month's figures.
    pub month_figures: Vec<MonthFiguresDoc>,
}

/// One association's months.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct RankDoc {
    /// Rank, 1 first; none for a result that is not ranked.
    pub rank: Option<u32>,
    /// Where the result stands (`graded`, `vetoed`, `incomplete`): see `selfcheck_core::Standing`.
    pub standing: String,
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct AnomalyFileDoc {
    /// Its name.
    pub name: String,
}

/// The province's figures for the results of one catalogue.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct ProvinceDoc {
    /// The catalogue.
    pub catalogue: CatalogueRefDoc,
    /// Results counted.
    pub results: u32,
    /// Of those, results with criteria still open (no grade).
    pub incomplete: u32,
    /// The mean score of the complete ones.
    pub mean_score: u32,
    /// Results with a veto.
    pub with_veto: u32,
    /// Results per grade.
    pub grades: Vec<GradeCountDoc>,
    /// Each area's points.
    pub areas: Vec<AreaDoc>,
    /// Each criterion's answers.
    pub criteria: Vec<CriterionCountsDoc>,
    /// The criteria most often failed, most first.
    pub most_failed: Vec<String>,
}

/// Which catalogue.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct CatalogueRefDoc {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: String,
}

/// Results of one grade.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct GradeCountDoc {
    /// The grade's id.
    pub id: String,
    /// How many results.
    pub results: u32,
}

/// One area's points over the results.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct AreaDoc {
    /// The area's id.
    pub id: String,
    /// Points earned.
    pub points: u64,
    /// Points at stake.
    pub maximum: u64,
    /// Share earned, per mille.
    pub per_mille: u32,
}

/// One criterion's answers over the results.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct CriterionCountsDoc {
    /// The criterion's id.
    pub id: String,
    /// Results where it applies.
    pub applicable: u32,
    /// Fully met.
    pub full: u32,
    /// Partly met.
    pub partial: u32,
    /// Not met.
    pub none: u32,
    /// Vetoes it triggered.
    pub vetoes: u32,
    /// Failed (partly or not met), per mille of those where it applies.
    pub failed_per_mille: u32,
}
