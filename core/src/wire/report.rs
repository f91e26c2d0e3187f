//! The report document (`selfcheck-report/1`): what the core computed from catalogue and answers.

use serde::{Deserialize, Serialize};

use super::CatalogueRefDoc;

/// The format tag of report documents.
pub const REPORT_FORMAT: &str = "selfcheck-report/1";

/// A report. Every number is an integer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportDoc {
    /// Always [`REPORT_FORMAT`].
    pub format: String,
    /// The catalogue scored against, digest included.
    pub catalogue: CatalogueRefDoc,
    /// Points earned.
    pub total: u32,
    /// Points available: the catalogue's total less the not-applicable criteria's.
    pub maximum: u32,
    /// Per mille of the maximum earned, rounded down: what the grade bands read.
    pub score: u32,
    /// The grade's id; the veto grade whenever a veto was triggered.
    pub grade: String,
    /// Each area's points.
    pub areas: Vec<AreaScoreDoc>,
    /// The veto gates triggered, by criterion id, in catalogue order.
    pub vetoes: Vec<String>,
    /// How much has been answered.
    pub completeness: CompletenessDoc,
    /// What to fix: vetoes first, then most points lost first.
    pub rectification: Vec<RectificationDoc>,
}

/// An area's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaScoreDoc {
    /// Area id.
    pub id: String,
    /// Points earned.
    pub points: u32,
    /// Points available after not-applicable.
    pub maximum: u32,
}

/// Answered of total, and the open criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompletenessDoc {
    /// Criteria answered (not-applicable included).
    pub answered: u32,
    /// Criteria in the catalogue.
    pub total: u32,
    /// Ids of the criteria not answered yet.
    pub open: Vec<String>,
}

/// A criterion below full points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RectificationDoc {
    /// Criterion id.
    pub criterion: String,
    /// Points lost.
    pub lost: u32,
    /// Whether the criterion is still unanswered.
    pub open: bool,
    /// Whether it triggered a veto.
    pub veto: bool,
    /// The checklist sub-items not met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_items: Vec<String>,
}
