//! The report document (`selfcheck-report/1`): what the core computed from catalogue and answers.

use super::CatalogueRefDoc;
use super::read::{Reader, index, join, object};
use crate::json::{Json, Object};

/// The format tag of report documents.
pub const REPORT_FORMAT: &str = "selfcheck-report/1";

/// A report. Every number is an integer.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaScoreDoc {
    /// Area id.
    pub id: String,
    /// Points earned.
    pub points: u32,
    /// Points available after not-applicable.
    pub maximum: u32,
}

/// Answered of total, and the open criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletenessDoc {
    /// Criteria answered (not-applicable included).
    pub answered: u32,
    /// Criteria in the catalogue.
    pub total: u32,
    /// Ids of the criteria not answered yet.
    pub open: Vec<String>,
}

/// A criterion below full points.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub missing_items: Vec<String>,
}

impl ReportDoc {
    /// Where the report stands by what it says (see [`crate::Standing`]): a claim, for a result
    /// whose signature does not hold; a verified result's own report gives the same.
    pub fn standing(&self) -> crate::Standing {
        if !self.completeness.open.is_empty() || self.completeness.answered < self.completeness.total {
            crate::Standing::Incomplete
        } else if !self.vetoes.is_empty() {
            crate::Standing::Vetoed
        } else {
            crate::Standing::Graded
        }
    }

    /// A report with nothing in it, for a document that lacks one (a problem reported elsewhere).
    pub(crate) fn empty() -> ReportDoc {
        ReportDoc {
            format: String::new(),
            catalogue: CatalogueRefDoc::empty(),
            total: 0,
            maximum: 0,
            score: 0,
            grade: String::new(),
            areas: Vec::new(),
            vetoes: Vec::new(),
            completeness: CompletenessDoc { answered: 0, total: 0, open: Vec::new() },
            rectification: Vec::new(),
        }
    }

    pub(crate) fn read(reader: &mut Reader, value: &Json, at: &str) -> ReportDoc {
        let known = [
            "format",
            "catalogue",
            "total",
            "maximum",
            "score",
            "grade",
            "areas",
            "vetoes",
            "completeness",
            "rectification",
        ];
        let object = reader.fields(value, at, &known);
        let catalogue = reader
            .required(object, at, "catalogue")
            .map_or_else(CatalogueRefDoc::empty, |value| CatalogueRefDoc::read(reader, value, &join(at, "catalogue")));
        let areas_at = join(at, "areas");
        let areas = reader.required(object, at, "areas");
        let areas = reader
            .array(areas, &areas_at)
            .iter()
            .enumerate()
            .map(|(position, area)| {
                let at = index(&areas_at, position);
                let area = reader.fields(area, &at, &["id", "points", "maximum"]);
                AreaScoreDoc {
                    id: reader.required_string(area, &at, "id"),
                    points: reader.required_u32(area, &at, "points"),
                    maximum: reader.required_u32(area, &at, "maximum"),
                }
            })
            .collect();
        let vetoes = reader.required(object, at, "vetoes");
        let vetoes = reader.strings(vetoes, &join(at, "vetoes"));
        let completeness_at = join(at, "completeness");
        let completeness = match reader.required(object, at, "completeness") {
            Some(value) => {
                let fields = reader.fields(value, &completeness_at, &["answered", "total", "open"]);
                let open = reader.required(fields, &completeness_at, "open");
                CompletenessDoc {
                    answered: reader.required_u32(fields, &completeness_at, "answered"),
                    total: reader.required_u32(fields, &completeness_at, "total"),
                    open: reader.strings(open, &join(&completeness_at, "open")),
                }
            }
            None => CompletenessDoc { answered: 0, total: 0, open: Vec::new() },
        };
        let rectification_at = join(at, "rectification");
        let rectification = reader.required(object, at, "rectification");
        let rectification = reader
            .array(rectification, &rectification_at)
            .iter()
            .enumerate()
            .map(|(position, entry)| {
                let at = index(&rectification_at, position);
                let known = ["criterion", "lost", "open", "veto", "missing_items"];
                let entry = reader.fields(entry, &at, &known);
                let open = reader.required(entry, &at, "open");
                let open = reader.boolean(open, &join(&at, "open"));
                let veto = reader.required(entry, &at, "veto");
                let veto = reader.boolean(veto, &join(&at, "veto"));
                RectificationDoc {
                    criterion: reader.required_string(entry, &at, "criterion"),
                    lost: reader.required_u32(entry, &at, "lost"),
                    open,
                    veto,
                    missing_items: reader.strings(entry.get("missing_items"), &join(&at, "missing_items")),
                }
            })
            .collect();
        ReportDoc {
            format: reader.required_string(object, at, "format"),
            catalogue,
            total: reader.required_u32(object, at, "total"),
            maximum: reader.required_u32(object, at, "maximum"),
            score: reader.required_u32(object, at, "score"),
            grade: reader.required_string(object, at, "grade"),
            areas,
            vetoes,
            completeness,
            rectification,
        }
    }

    /// The report as JSON.
    pub fn to_json(&self) -> Json {
        object([
            ("format", self.format.as_str().into()),
            ("catalogue", self.catalogue.to_json()),
            ("total", self.total.into()),
            ("maximum", self.maximum.into()),
            ("score", self.score.into()),
            ("grade", self.grade.as_str().into()),
            (
                "areas",
                Json::Array(
                    self.areas
                        .iter()
                        .map(|area| {
                            object([
                                ("id", area.id.as_str().into()),
                                ("points", area.points.into()),
                                ("maximum", area.maximum.into()),
                            ])
                        })
                        .collect(),
                ),
            ),
            ("vetoes", self.vetoes.clone().into()),
            (
                "completeness",
                object([
                    ("answered", self.completeness.answered.into()),
                    ("total", self.completeness.total.into()),
                    ("open", self.completeness.open.clone().into()),
                ]),
            ),
            ("rectification", Json::Array(self.rectification.iter().map(RectificationDoc::to_json).collect())),
        ])
    }

    /// Reads a report document (as [`crate::Report::to_json_string`] writes it).
    ///
    /// # Errors
    /// [`crate::Error::TooLarge`] over 4 MiB, [`crate::Error::Json`], [`crate::Error::WrongDocument`]
    /// for another kind of document, and [`crate::Error::Malformed`] listing every field's problem.
    pub fn from_json(text: &str) -> Result<ReportDoc, crate::Error> {
        use crate::Document;
        let value = super::parse_document(text, Document::Report, 4 * 1024 * 1024)?;
        let found = super::detect(&value);
        if found != Document::Report && (found != Document::UnknownJson || value.get("format").is_some()) {
            return Err(crate::Error::WrongDocument { expected: Document::Report, found });
        }
        let mut reader = Reader::new();
        let report = ReportDoc::read(&mut reader, &value, "");
        if report.format != REPORT_FORMAT && reader.problems.is_empty() {
            reader.problem("format", crate::ProblemKind::MustBe(REPORT_FORMAT.to_owned()));
        }
        reader.finish(report).map_err(|problems| crate::Error::Malformed { what: Document::Report, problems })
    }

    /// The report as pretty-printed JSON text, as `selfcheck score --format json` writes it.
    pub fn to_json_string(&self) -> String {
        crate::json::pretty(&self.to_json())
    }
}

impl RectificationDoc {
    fn to_json(&self) -> Json {
        let mut object = Object::new();
        object.insert("criterion", self.criterion.as_str());
        object.insert("lost", self.lost);
        object.insert("open", self.open);
        object.insert("veto", self.veto);
        if !self.missing_items.is_empty() {
            object.insert("missing_items", self.missing_items.clone());
        }
        Json::Object(object)
    }
}
