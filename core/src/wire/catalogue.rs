//! The catalogue file, as authored (format 1).

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A catalogue file. See `core/catalogues/catalogue.schema.json` for each field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct CatalogueDoc {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: Text,
    pub authority: Text,
    pub source: SourceDoc,
    pub notes: Text,
    pub total_points: u32,
    pub grades: Vec<GradeDoc>,
    pub veto_grade: String,
    pub areas: Vec<AreaDoc>,
}

/// The document the catalogue encodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct SourceDoc {
    pub title: Text,
    pub date: String,
}

/// A grade band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct GradeDoc {
    pub id: String,
    pub min: u32,
    pub label: Text,
}

/// A cited clause of the source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ClauseDoc {
    pub section: String,
    pub quote: String,
}

/// An activity area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct AreaDoc {
    pub id: String,
    pub title: Text,
    pub clause: ClauseDoc,
    pub summary: Text,
    pub criteria: Vec<CriterionDoc>,
}

/// How a criterion is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum KindDoc {
    Scale,
    Binary,
    Checklist,
}

/// A criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct CriterionDoc {
    pub id: String,
    pub title: Text,
    pub guidance: Text,
    pub evidence: Text,
    pub clause: ClauseDoc,
    pub points: u32,
    pub kind: KindDoc,
    pub not_applicable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemDoc>>,
    pub action: Text,
}

/// A checklist sub-item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ItemDoc {
    pub id: String,
    pub title: Text,
    pub points: u32,
}
