//! The catalogue file, as authored (format 1).

use super::read::{Reader, index, join, object};
use crate::json::{Json, Object};
use crate::text::Text;

/// A catalogue file. See `core/catalogues/catalogue.schema.json` for each field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct CatalogueDoc {
    pub schema: Option<String>,
    pub format: i64,
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
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct SourceDoc {
    pub title: Text,
    pub date: String,
}

/// A grade band.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct GradeDoc {
    pub id: String,
    pub min: u32,
    pub label: Text,
}

/// A cited clause of the source document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct ClauseDoc {
    pub section: String,
    pub quote: String,
}

/// An activity area.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct AreaDoc {
    pub id: String,
    pub title: Text,
    pub clause: ClauseDoc,
    pub summary: Text,
    pub criteria: Vec<CriterionDoc>,
}

/// How a criterion is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum KindDoc {
    Scale,
    Binary,
    Checklist,
}

impl KindDoc {
    const WORDS: &'static [&'static str] = &["scale", "binary", "checklist"];
    const VALUES: &'static [KindDoc] = &[KindDoc::Scale, KindDoc::Binary, KindDoc::Checklist];

    fn word(self) -> &'static str {
        match self {
            KindDoc::Scale => "scale",
            KindDoc::Binary => "binary",
            KindDoc::Checklist => "checklist",
        }
    }
}

/// A criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub veto: Option<Text>,
    pub items: Option<Vec<ItemDoc>>,
    pub action: Text,
}

/// A checklist sub-item.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct ItemDoc {
    pub id: String,
    pub title: Text,
    pub points: u32,
}

fn text(reader: &mut Reader, object: &Object, at: &str, key: &str) -> Text {
    let value = reader.required(object, at, key);
    Text::read(reader, value, &join(at, key))
}

fn clause(reader: &mut Reader, object: &Object, at: &str) -> ClauseDoc {
    let at = join(at, "clause");
    match object.get("clause") {
        None => {
            reader.problem(at, crate::ProblemKind::MissingField);
            ClauseDoc { section: String::new(), quote: String::new() }
        }
        Some(value) => {
            let fields = reader.fields(value, &at, &["section", "quote"]);
            ClauseDoc {
                section: reader.required_string(fields, &at, "section"),
                quote: reader.required_string(fields, &at, "quote"),
            }
        }
    }
}

fn list<'j, T>(
    reader: &mut Reader,
    object: &'j Object,
    at: &str,
    key: &str,
    mut read: impl FnMut(&mut Reader, &'j Json, &str) -> T,
) -> Vec<T> {
    let at = join(at, key);
    let value = object.get(key);
    if value.is_none() {
        reader.problem(at.clone(), crate::ProblemKind::MissingField);
    }
    let items = reader.array(value, &at);
    items.iter().enumerate().map(|(position, item)| read(reader, item, &index(&at, position))).collect()
}

impl CatalogueDoc {
    pub(crate) fn read(reader: &mut Reader, value: &Json) -> CatalogueDoc {
        let known = [
            "$schema",
            "format",
            "id",
            "version",
            "title",
            "authority",
            "source",
            "notes",
            "total_points",
            "grades",
            "veto_grade",
            "areas",
        ];
        let object = reader.fields(value, "", &known);
        let format = reader.required(object, "", "format");
        let source = match reader.required(object, "", "source") {
            Some(value) => {
                let fields = reader.fields(value, "source", &["title", "date"]);
                SourceDoc {
                    title: text(reader, fields, "source", "title"),
                    date: reader.required_string(fields, "source", "date"),
                }
            }
            None => SourceDoc { title: Text::default(), date: String::new() },
        };
        CatalogueDoc {
            schema: reader.maybe_string(object, "", "$schema"),
            format: reader.integer(format, "format", 0, crate::MAX_SAFE_INTEGER as i64),
            id: reader.required_string(object, "", "id"),
            version: reader.required_string(object, "", "version"),
            title: text(reader, object, "", "title"),
            authority: text(reader, object, "", "authority"),
            source,
            notes: text(reader, object, "", "notes"),
            total_points: reader.required_u32(object, "", "total_points"),
            grades: list(reader, object, "", "grades", |reader, value, at| {
                let fields = reader.fields(value, at, &["id", "min", "label"]);
                GradeDoc {
                    id: reader.required_string(fields, at, "id"),
                    min: reader.required_u32(fields, at, "min"),
                    label: text(reader, fields, at, "label"),
                }
            }),
            veto_grade: reader.required_string(object, "", "veto_grade"),
            areas: list(reader, object, "", "areas", |reader, value, at| {
                let fields = reader.fields(value, at, &["id", "title", "clause", "summary", "criteria"]);
                AreaDoc {
                    id: reader.required_string(fields, at, "id"),
                    title: text(reader, fields, at, "title"),
                    clause: clause(reader, fields, at),
                    summary: text(reader, fields, at, "summary"),
                    criteria: list(reader, fields, at, "criteria", CriterionDoc::read),
                }
            }),
        }
    }

    /// The catalogue as JSON, members in the order authored.
    pub fn to_json(&self) -> Json {
        let mut out = Object::new();
        out.insert_some("$schema", self.schema.as_deref());
        out.insert("format", Json::Number(crate::json::Number::Integer(self.format)));
        out.insert("id", self.id.as_str());
        out.insert("version", self.version.as_str());
        out.insert("title", self.title.to_json());
        out.insert("authority", self.authority.to_json());
        out.insert(
            "source",
            object([("title", self.source.title.to_json()), ("date", self.source.date.as_str().into())]),
        );
        out.insert("notes", self.notes.to_json());
        out.insert("total_points", self.total_points);
        out.insert(
            "grades",
            Json::Array(
                self.grades
                    .iter()
                    .map(|grade| {
                        object([
                            ("id", grade.id.as_str().into()),
                            ("min", grade.min.into()),
                            ("label", grade.label.to_json()),
                        ])
                    })
                    .collect(),
            ),
        );
        out.insert("veto_grade", self.veto_grade.as_str());
        out.insert(
            "areas",
            Json::Array(
                self.areas
                    .iter()
                    .map(|area| {
                        object([
                            ("id", area.id.as_str().into()),
                            ("title", area.title.to_json()),
                            ("clause", area.clause.to_json()),
                            ("summary", area.summary.to_json()),
                            ("criteria", Json::Array(area.criteria.iter().map(CriterionDoc::to_json).collect())),
                        ])
                    })
                    .collect(),
            ),
        );
        Json::Object(out)
    }
}

impl ClauseDoc {
    fn to_json(&self) -> Json {
        object([("section", self.section.as_str().into()), ("quote", self.quote.as_str().into())])
    }
}

impl CriterionDoc {
    fn read(reader: &mut Reader, value: &Json, at: &str) -> CriterionDoc {
        let known = [
            "id",
            "title",
            "guidance",
            "evidence",
            "clause",
            "points",
            "kind",
            "not_applicable",
            "veto",
            "items",
            "action",
        ];
        let fields = reader.fields(value, at, &known);
        let kind = reader.required(fields, at, "kind");
        let not_applicable = reader.required(fields, at, "not_applicable");
        CriterionDoc {
            id: reader.required_string(fields, at, "id"),
            title: text(reader, fields, at, "title"),
            guidance: text(reader, fields, at, "guidance"),
            evidence: text(reader, fields, at, "evidence"),
            clause: clause(reader, fields, at),
            points: reader.required_u32(fields, at, "points"),
            kind: reader.word(kind, &join(at, "kind"), KindDoc::WORDS, KindDoc::VALUES).unwrap_or(KindDoc::Scale),
            not_applicable: reader.boolean(not_applicable, &join(at, "not_applicable")),
            veto: fields.get("veto").map(|value| Text::read(reader, Some(value), &join(at, "veto"))),
            items: fields.get("items").map(|_| {
                list(reader, fields, at, "items", |reader, value, at| {
                    let item = reader.fields(value, at, &["id", "title", "points"]);
                    ItemDoc {
                        id: reader.required_string(item, at, "id"),
                        title: text(reader, item, at, "title"),
                        points: reader.required_u32(item, at, "points"),
                    }
                })
            }),
            action: text(reader, fields, at, "action"),
        }
    }

    fn to_json(&self) -> Json {
        let mut out = Object::new();
        out.insert("id", self.id.as_str());
        out.insert("title", self.title.to_json());
        out.insert("guidance", self.guidance.to_json());
        out.insert("evidence", self.evidence.to_json());
        out.insert("clause", self.clause.to_json());
        out.insert("points", self.points);
        out.insert("kind", self.kind.word());
        out.insert("not_applicable", self.not_applicable);
        out.insert_some("veto", self.veto.as_ref().map(Text::to_json));
        if let Some(items) = &self.items {
            out.insert(
                "items",
                Json::Array(
                    items
                        .iter()
                        .map(|item| {
                            object([
                                ("id", item.id.as_str().into()),
                                ("title", item.title.to_json()),
                                ("points", item.points.into()),
                            ])
                        })
                        .collect(),
                ),
            );
        }
        out.insert("action", self.action.to_json());
        Json::Object(out)
    }
}
