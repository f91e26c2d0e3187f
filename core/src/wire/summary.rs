//! The bureau's signed summary: a W3C Verifiable Credential 2.0 whose subject
//! (`selfcheck-summary/3`, earlier `/2` and `/1`) carries a ranking, a matrix or the year's summary,
//! the rectification notices followed (from `/3`), the settings it was computed with, and the
//! SHA-256 of every file it was computed from, secured like a result with an `eddsa-jcs-2022`
//! proof by the bureau's key.

use super::read::{Reader, index, join, object};
use crate::json::{Json, Object};

/// The credential type of a summary, beside `VerifiableCredential`.
pub const SUMMARY_TYPE: &str = "SelfcheckBureauSummaryCredential";
/// The type of its subject.
pub const SUMMARY_SUBJECT_TYPE: &str = "SelfcheckBureauSummary";
/// The format tag of its subject, as summaries are signed now.
pub const SUMMARY_FORMAT: &str = "selfcheck-summary/3";
/// Every format tag a summary's subject may carry, the earliest first. `selfcheck-summary/1`
/// was computed under `selfcheck_bureau::Rules::V1` and is reproduced with them; `/2` has no
/// notices, no `year` kind and no `notice` input.
pub const SUMMARY_FORMATS: &[&str] = &["selfcheck-summary/1", "selfcheck-summary/2", SUMMARY_FORMAT];
/// What a summary can carry; `year` from `selfcheck-summary/3`.
pub const SUMMARY_KINDS: &[&str] = &["ranking", "matrix", "year"];
/// The roles of the files a summary was computed from; `notice` from `selfcheck-summary/3`.
pub const INPUT_ROLES: &[&str] = &["file", "register", "expected", "review", "catalogue", "notice"];

/// A signed summary.
pub type SummaryDoc = super::CredentialDoc<SummarySubjectDoc>;

/// A summary's subject.
#[derive(Debug, Clone, PartialEq)]
pub struct SummarySubjectDoc {
    /// Always [`SUMMARY_SUBJECT_TYPE`].
    pub kind: String,
    /// One of [`SUMMARY_FORMATS`].
    pub format: String,
    /// What it carries, `kind`: `ranking`, `matrix` or `year`.
    pub summary_kind: String,
    /// How it was computed.
    pub settings: SummarySettingsDoc,
    /// Every file it was computed from, in the order given.
    pub inputs: Vec<SummaryInputDoc>,
    /// The ranking (an array) or the matrix (an object), as `selfcheck-analysis/3` writes them,
    /// or the year's summary (an object, `selfcheck-year/1`).
    pub content: Json,
    /// The rectification notices followed, as the analysis's `notices` part (an array; from
    /// `selfcheck-summary/3`, where it is required).
    pub notices: Option<Json>,
}

/// The settings of a summary's analysis. Its clock is the summary's `validFrom`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummarySettingsDoc {
    /// The months of the matrix, `YYYY-MM..YYYY-MM`; absent when no file named a month.
    pub months: Option<String>,
    /// The deadline's day of the following month, when there was one.
    pub deadline: Option<u32>,
    /// The longest period expected, in days.
    pub longest_period_days: u32,
    /// The month ranked, `YYYY-MM`; absent: each association's latest result.
    pub ranking_month: Option<String>,
    /// The year of a year's summary.
    pub year: Option<u32>,
    /// A year's summary's rule: 示范 candidates at the top grade in each of the last this many
    /// months.
    pub model_months: Option<u32>,
    /// The language of a year's summary's words: `zh` or `en`.
    pub language: Option<String>,
    /// `true` when results without the second signature (SM2/SM3) were refused; absent: not
    /// required (`selfcheck-summary/3` only).
    pub require_sm2: Option<bool>,
}

/// A file a summary was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryInputDoc {
    /// Its name where the bureau had it (informative: files are matched by digest).
    pub name: String,
    /// Lowercase hex SHA-256 of its bytes.
    pub sha256: String,
    /// One of [`INPUT_ROLES`].
    pub role: String,
}

impl super::Subject for SummarySubjectDoc {
    fn read(reader: &mut Reader, value: Option<&Json>, at: &str) -> SummarySubjectDoc {
        let known = ["type", "format", "kind", "settings", "inputs", "ranking", "matrix", "year", "notices"];
        let empty = Json::Object(Object::new());
        let object = reader.fields(value.unwrap_or(&empty), at, &known);
        let summary = {
            let value = reader.required(object, at, "kind");
            reader.word(value, &join(at, "kind"), SUMMARY_KINDS, SUMMARY_KINDS).unwrap_or("").to_owned()
        };
        let settings = reader.required(object, at, "settings");
        let inputs = reader.required(object, at, "inputs");
        let inputs = reader.array(inputs, &join(at, "inputs"));
        let content = if SUMMARY_KINDS.contains(&summary.as_str()) {
            for other in SUMMARY_KINDS.iter().filter(|kind| **kind != summary) {
                if object.contains_key(other) {
                    reader.problem(join(at, other), crate::ProblemKind::UnknownField);
                }
            }
            let expected =
                if summary == "ranking" { crate::json::JsonType::Array } else { crate::json::JsonType::Object };
            match reader.required(object, at, &summary) {
                Some(content) if content.kind() == expected => content.clone(),
                Some(other) => {
                    reader.problem(join(at, &summary), crate::ProblemKind::WrongType { expected, found: other.kind() });
                    Json::Null
                }
                None => Json::Null,
            }
        } else {
            Json::Null
        };
        let notices = object.get("notices").map(|notices| match notices {
            Json::Array(_) => notices.clone(),
            other => {
                let expected = crate::json::JsonType::Array;
                reader.problem(join(at, "notices"), crate::ProblemKind::WrongType { expected, found: other.kind() });
                Json::Null
            }
        });
        SummarySubjectDoc {
            kind: reader.required_string(object, at, "type"),
            format: reader.required_string(object, at, "format"),
            summary_kind: summary,
            settings: SummarySettingsDoc::read(reader, settings, &join(at, "settings")),
            inputs: inputs
                .iter()
                .enumerate()
                .map(|(position, item)| SummaryInputDoc::read(reader, item, &index(&join(at, "inputs"), position)))
                .collect(),
            content,
            notices,
        }
    }

    /// The subject as JSON, members in the order selfcheck writes them.
    fn to_json(&self) -> Json {
        let mut subject = Object::new();
        subject.insert("type", self.kind.as_str());
        subject.insert("format", self.format.as_str());
        subject.insert("kind", self.summary_kind.as_str());
        subject.insert("settings", self.settings.to_json());
        subject.insert("inputs", Json::Array(self.inputs.iter().map(SummaryInputDoc::to_json).collect()));
        subject.insert(self.summary_kind.as_str(), self.content.clone());
        subject.insert_some("notices", self.notices.clone());
        Json::Object(subject)
    }
}

impl SummarySettingsDoc {
    fn read(reader: &mut Reader, value: Option<&Json>, at: &str) -> SummarySettingsDoc {
        let Some(value) = value else { return SummarySettingsDoc::default() };
        let known = [
            "months",
            "deadline",
            "longest_period_days",
            "ranking_month",
            "year",
            "model_months",
            "language",
            "require_sm2",
        ];
        let object = reader.fields(value, at, &known);
        let deadline = object.get("deadline").map(|value| reader.integer(Some(value), &join(at, "deadline"), 1, 28));
        let longest = reader.required(object, at, "longest_period_days");
        SummarySettingsDoc {
            months: reader.maybe_string(object, at, "months"),
            deadline: deadline.map(|day| day as u32),
            longest_period_days: reader.integer(longest, &join(at, "longest_period_days"), 1, 100_000) as u32,
            ranking_month: reader.maybe_string(object, at, "ranking_month"),
            year: object.get("year").map(|value| reader.integer(Some(value), &join(at, "year"), 2000, 9999) as u32),
            model_months: object
                .get("model_months")
                .map(|value| reader.integer(Some(value), &join(at, "model_months"), 1, 12) as u32),
            language: object
                .get("language")
                .and_then(|value| reader.word(Some(value), &join(at, "language"), &["zh", "en"], &["zh", "en"]))
                .map(str::to_owned),
            require_sm2: object.get("require_sm2").map(|value| reader.boolean(Some(value), &join(at, "require_sm2"))),
        }
    }

    /// The settings as JSON.
    pub fn to_json(&self) -> Json {
        let mut settings = Object::new();
        settings.insert_some("months", self.months.as_deref());
        settings.insert_some("deadline", self.deadline);
        settings.insert("longest_period_days", self.longest_period_days);
        settings.insert_some("ranking_month", self.ranking_month.as_deref());
        settings.insert_some("year", self.year);
        settings.insert_some("model_months", self.model_months);
        settings.insert_some("language", self.language.as_deref());
        settings.insert_some("require_sm2", self.require_sm2);
        Json::Object(settings)
    }
}

impl SummaryInputDoc {
    fn read(reader: &mut Reader, value: &Json, at: &str) -> SummaryInputDoc {
        let object = reader.fields(value, at, &["name", "sha256", "role"]);
        let role = reader.required(object, at, "role");
        SummaryInputDoc {
            name: reader.required_string(object, at, "name"),
            sha256: reader.required_string(object, at, "sha256"),
            role: reader.word(role, &join(at, "role"), INPUT_ROLES, INPUT_ROLES).unwrap_or("").to_owned(),
        }
    }

    /// The input as JSON.
    pub fn to_json(&self) -> Json {
        object([
            ("name", self.name.as_str().into()),
            ("sha256", self.sha256.as_str().into()),
            ("role", self.role.as_str().into()),
        ])
    }
}
