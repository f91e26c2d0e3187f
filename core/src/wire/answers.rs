//! The answers document (`selfcheck-answers/1`): profile, catalogue reference and entries.

use serde::{Deserialize, Serialize};

use super::UniqueMap;

/// The format tag of answers documents.
pub const ANSWERS_FORMAT: &str = "selfcheck-answers/1";

/// An answers document, as written by `selfcheck template`, the widget's draft, or a script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersDoc {
    /// Always [`ANSWERS_FORMAT`].
    pub format: String,
    /// The catalogue these answers are for.
    pub catalogue: CatalogueRefDoc,
    /// Who is assessing itself, and for which period.
    #[serde(default)]
    pub profile: ProfileDoc,
    /// One entry per criterion id; absent criteria are open.
    #[serde(default)]
    pub answers: UniqueMap<EntryDoc>,
}

/// Names a catalogue: id and version, and optionally the digest, which must then match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueRefDoc {
    /// Catalogue id.
    pub id: String,
    /// Catalogue version.
    pub version: String,
    /// Lowercase hex SHA-256 of the catalogue's canonical form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// The association's profile. Empty strings mean "not filled in yet".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileDoc {
    /// The association's registered name.
    #[serde(default)]
    pub name: String,
    /// Unified social credit code (GB 32100-2015).
    #[serde(default)]
    pub credit_code: String,
    /// Who to contact about this self-assessment.
    #[serde(default)]
    pub contact: ContactDoc,
    /// The period assessed.
    #[serde(default)]
    pub period: PeriodDoc,
}

/// A contact person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactDoc {
    /// Name.
    #[serde(default)]
    pub person: String,
    /// Telephone.
    #[serde(default)]
    pub phone: String,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
}

/// An assessment period, both dates inclusive, as `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodDoc {
    /// First day.
    #[serde(default)]
    pub from: String,
    /// Last day.
    #[serde(default)]
    pub to: String,
}

/// An answer value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueDoc {
    /// Fully met.
    Yes,
    /// Partly met (scale criteria only).
    Partly,
    /// Not met.
    No,
    /// Not applicable (only where the criterion allows it).
    Na,
}

/// One criterion's entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDoc {
    /// The answer of a scale or binary criterion, or `na`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueDoc>,
    /// The sub-items met, for a checklist criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Vec<String>>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Evidence that supports the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceDoc>,
    /// Hint from `selfcheck template`: the criterion's title. Ignored on input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Hint from `selfcheck template`: the values allowed. Ignored on input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
    /// Hint from `selfcheck template`: a checklist's sub-items by id. Ignored on input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<UniqueMap<String>>,
}

/// A piece of evidence: a link, or a local file known only by its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum EvidenceDoc {
    /// A web address (http or https).
    Link {
        /// The address.
        url: String,
    },
    /// A file that stayed on the association's machine.
    File {
        /// File name.
        name: String,
        /// Size in bytes.
        size: u64,
        /// Lowercase hex SHA-256 of the file's bytes.
        sha256: String,
    },
}
