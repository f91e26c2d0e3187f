//! The criteria catalogue: loaded from its JSON file, validated, and pinned by its digest.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::canonical::{canonical_sha256, hex};
use crate::error::{Document, Error, Problem, ProblemKind};
use crate::text::Text;
use crate::wire::read::Reader;
use crate::wire::{
    AreaDoc, CatalogueDoc, CatalogueRefDoc, ClauseDoc, CriterionDoc, GradeDoc, ItemDoc, KindDoc, SourceDoc,
};

/// Every version of the built-in catalogue this program has shipped, oldest first, each with
/// the digest it was published with. The last is the current one.
///
/// A published version is never edited: results signed under it pin its digest and must verify
/// forever. A change to any text, points or rule is a new file and a new entry here; the test
/// suite checks every version against its pinned digest and its authored file, and keeps a
/// golden result of each.
pub const BUILTIN_VERSIONS: &[BuiltinVersion] = &[
    BuiltinVersion {
        id: "gd-2013-self-discipline",
        version: "1.0.0",
        embedded: Embedded::PatchOfNext(include_str!(concat!(
            env!("OUT_DIR"),
            "/gd-2013-self-discipline-1.0.0.patch.json"
        ))),
        digest: "337e8abf0cff9f6cd3a2432a32ef5e4f65fce2490b218fcb856a28118b096814",
    },
    // Wording only: prohibitions phrased as what the association does, one answer vocabulary
    // (已做到 / 部分做到 / 未做到 / 不适用), C8 quoting the prohibition itself. Same questions
    // and points, so drafts of 1.0.0 carry over (`migrate`).
    BuiltinVersion {
        id: "gd-2013-self-discipline",
        version: "1.1.0",
        embedded: Embedded::Json(include_str!(concat!(env!("OUT_DIR"), "/gd-2013-self-discipline-1.1.0.json"))),
        digest: "84e95efa5a698d83a792066917010120324482ef5e20a144a8e58f282b9d9284",
    },
];

/// The current built-in catalogue of the 2013 Guangdong notice, as compact JSON (the authored
/// file's content, without its layout).
pub const BUILTIN_JSON: &str = match BUILTIN_VERSIONS[BUILTIN_VERSIONS.len() - 1].embedded {
    Embedded::Json(json) => json,
    Embedded::PatchOfNext(_) => panic!("the current built-in catalogue is embedded whole"),
};

/// One shipped version of the built-in catalogue.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinVersion {
    /// Its `id`.
    pub id: &'static str,
    /// Its `version`.
    pub version: &'static str,
    /// How its content is carried in the program.
    embedded: Embedded,
    /// The digest it was published with.
    pub digest: &'static str,
}

/// How a built-in version is carried (prepared by `build.rs` from the authored files): the
/// versions differ in a few dozen strings, so only the newest is carried whole.
#[derive(Debug, Clone, Copy)]
enum Embedded {
    /// Compact JSON.
    Json(&'static str),
    /// Operations that turn the next version into this one: `[path, value]` sets, `[path]`
    /// removes (see `build.rs`).
    PatchOfNext(&'static str),
}

impl BuiltinVersion {
    /// Its content as a JSON value, rebuilt from what is embedded.
    ///
    /// # Panics
    /// Never for the versions built in: the test suite rebuilds each one and compares it with
    /// its authored file and pinned digest.
    pub fn to_json_value(&self) -> crate::json::Json {
        let position = BUILTIN_VERSIONS
            .iter()
            .position(|builtin| builtin.version == self.version && builtin.id == self.id)
            .expect("a built-in version is listed");
        let parse = |text: &str| crate::json::parse(text).expect("build.rs writes valid JSON");
        match self.embedded {
            Embedded::Json(json) => parse(json),
            Embedded::PatchOfNext(patch) => {
                let mut value = BUILTIN_VERSIONS[position + 1].to_json_value();
                apply_patch(&mut value, &parse(patch));
                value
            }
        }
    }

    /// Its content as compact JSON.
    pub fn json(&self) -> String {
        match self.embedded {
            Embedded::Json(json) => json.to_owned(),
            Embedded::PatchOfNext(_) => crate::json::compact(&self.to_json_value()),
        }
    }
}

/// Applies a patch written by `build.rs`.
fn apply_patch(value: &mut crate::json::Json, patch: &crate::json::Json) {
    use crate::json::Json;
    for operation in patch.as_array().expect("a patch is an array") {
        let operation = operation.as_array().expect("an operation is an array");
        let path = operation[0].as_array().expect("a path is an array");
        let (last, parents) = path.split_last().expect("a path is not empty");
        let mut target = &mut *value;
        for step in parents {
            target = match (target, step) {
                (Json::Object(object), Json::String(key)) => object.get_mut(key),
                (Json::Array(items), Json::Number(crate::json::Number::Integer(index))) => {
                    usize::try_from(*index).ok().and_then(|index| items.get_mut(index))
                }
                _ => None,
            }
            .expect("a patch's path exists");
        }
        match (target, last, operation.get(1)) {
            (Json::Object(object), Json::String(key), Some(new)) => {
                object.insert(key.clone(), new.clone());
            }
            (Json::Object(object), Json::String(key), None) => {
                object.remove(key);
            }
            (Json::Array(items), Json::Number(crate::json::Number::Integer(index)), Some(new)) => {
                items[usize::try_from(*index).expect("an index")] = new.clone();
            }
            _ => panic!("a patch's operation fits its target"),
        }
    }
}

/// The JSON Schema of catalogue files.
pub const SCHEMA_JSON: &str = include_str!("../catalogues/catalogue.schema.json");
/// The largest catalogue file accepted, checked before parsing.
pub const MAX_CATALOGUE_BYTES: usize = 4 * 1024 * 1024;
/// The most sub-items a checklist may have.
pub const MAX_CHECKLIST_ITEMS: usize = 64;
/// The most points a criterion or a checklist sub-item may carry.
pub const MAX_POINTS: u32 = 1000;
/// The most points a catalogue may carry in all: sums of points never come near `u32::MAX`.
pub const MAX_TOTAL_POINTS: u32 = 1_000_000;

/// A validated catalogue. Cloning it is cheap: the content is shared.
///
/// ```
/// use selfcheck_core::Catalogue;
///
/// let catalogue = Catalogue::builtin();
/// assert_eq!(catalogue.areas().len(), 5);
/// let points: u32 = catalogue.criteria().iter().map(|criterion| criterion.points).sum();
/// assert_eq!(points, 1000);
/// // Every criterion cites the clause of the 2013 notice it encodes.
/// let a1 = catalogue.criterion("A1").unwrap();
/// assert!(!a1.clause.quote.is_empty());
/// // Results signed under an earlier version still verify: every version stays built in.
/// assert!(Catalogue::builtins().iter().any(|earlier| earlier.version() == "1.0.0"));
/// ```
#[derive(Debug, Clone)]
pub struct Catalogue {
    data: std::sync::Arc<CatalogueData>,
}

/// Two catalogues are the same when their content is: when their digests are.
impl PartialEq for Catalogue {
    fn eq(&self, other: &Catalogue) -> bool {
        std::sync::Arc::ptr_eq(&self.data, &other.data) || self.data.digest == other.data.digest
    }
}

impl Eq for Catalogue {}

#[derive(Debug)]
struct CatalogueData {
    id: String,
    version: String,
    title: Text,
    authority: Text,
    source_title: Text,
    source_date: String,
    notes: Text,
    total_points: u32,
    grades: Vec<Grade>,
    veto_grade: usize,
    areas: Vec<Area>,
    criteria: Vec<Criterion>,
    by_id: BTreeMap<String, usize>,
    digest: String,
}

/// A grade band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    /// Stable id, e.g. `exemplary`.
    pub id: GradeId,
    /// Lowest per-mille score of the band.
    pub min: u32,
    /// Label, e.g. 示范.
    pub label: Text,
}

/// The stable id of a grade band (`exemplary`, `needs-rectification`, …): a slug that a
/// catalogue declares, kept apart from criterion and area ids and from the grade's label. Only a
/// catalogue makes one; compare it with a text as it is written (`grade.id == "exemplary"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GradeId(String);

impl GradeId {
    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for GradeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<&str> for GradeId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for GradeId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

/// A cited clause of the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Section number, e.g. 二（一）.
    pub section: String,
    /// The notice's own words.
    pub quote: String,
}

/// An activity area: a contiguous run of criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// One capital letter.
    pub id: String,
    /// Title.
    pub title: Text,
    /// The clause the area encodes.
    pub clause: Clause,
    /// What the area is about.
    pub summary: Text,
    /// Indexes of its criteria in [`Catalogue::criteria`].
    pub criteria: std::ops::Range<usize>,
    /// Sum of its criteria's points.
    pub points: u32,
}

/// How a criterion is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Yes (full points), partly (half), no.
    Scale,
    /// Yes or no.
    Binary,
    /// Sub-items, each with its points.
    Checklist(Vec<Item>),
}

/// A checklist sub-item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Id, e.g. `B1.2`.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Points earned when met.
    pub points: u32,
}

/// A criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    /// Stable id, e.g. `A1`.
    pub id: String,
    /// Index of its area in [`Catalogue::areas`].
    pub area: usize,
    /// What compliance is, in a line.
    pub title: Text,
    /// What full compliance looks like.
    pub guidance: Text,
    /// Which evidence proves it.
    pub evidence: Text,
    /// The clause of the notice it comes from.
    pub clause: Clause,
    /// Points at stake.
    pub points: u32,
    /// How it is answered.
    pub kind: Kind,
    /// Whether "not applicable" may be answered.
    pub not_applicable: bool,
    /// Why answering no forces the veto grade; only on binary criteria.
    pub veto: Option<Text>,
    /// The rectification to suggest.
    pub action: Text,
}

impl Criterion {
    /// The checklist's items, empty for other kinds.
    pub fn items(&self) -> &[Item] {
        match &self.kind {
            Kind::Checklist(items) => items,
            Kind::Scale | Kind::Binary => &[],
        }
    }
}

/// A built-in catalogue version, parsed; the test suite validates every file.
fn parse_builtin(builtin: &BuiltinVersion) -> Catalogue {
    match Catalogue::from_json_value(&builtin.to_json_value()) {
        Ok(catalogue) => catalogue,
        Err(error) => panic!("the built-in catalogue {} is invalid: {error}", builtin.version),
    }
}

impl Catalogue {
    /// The current built-in catalogue: the last of [`Catalogue::builtins`].
    ///
    /// Parsed and validated once, on the first call, and shared afterwards. The earlier
    /// versions are parsed only when [`Catalogue::builtins`] is first called (an old draft or
    /// result), not at start-up: the widget's first render waits for this one alone.
    pub fn builtin() -> &'static Catalogue {
        static CURRENT: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
        CURRENT.get_or_init(|| parse_builtin(&BUILTIN_VERSIONS[BUILTIN_VERSIONS.len() - 1]))
    }

    /// Every built-in catalogue version, oldest first, so that a result signed under any of
    /// them still verifies. Parsed once and cached (the current one is [`Catalogue::builtin`]
    /// itself, shared); the test suite validates every file, so this cannot fail at run time.
    pub fn builtins() -> &'static [Catalogue] {
        static BUILTINS: std::sync::OnceLock<Vec<Catalogue>> = std::sync::OnceLock::new();
        BUILTINS.get_or_init(|| {
            let earlier = &BUILTIN_VERSIONS[..BUILTIN_VERSIONS.len() - 1];
            earlier.iter().map(parse_builtin).chain(std::iter::once(Catalogue::builtin().clone())).collect()
        })
    }

    /// The catalogues a result may pin where this one is in use: this one first, then every
    /// built-in version other than it.
    pub fn and_builtins(&self) -> Vec<&Catalogue> {
        let mut all = vec![self];
        all.extend(Catalogue::builtins().iter().filter(|builtin| builtin.digest() != self.digest()));
        all
    }

    /// The built-in catalogue with this digest, of any version.
    pub fn builtin_with_digest(digest: &str) -> Option<&'static Catalogue> {
        Catalogue::builtins().iter().find(|catalogue| catalogue.digest() == digest)
    }

    /// Reads and validates a catalogue file, reporting every problem at once.
    ///
    /// # Errors
    /// [`Error::TooLarge`] over [`MAX_CATALOGUE_BYTES`], [`Error::Json`] when it is not JSON,
    /// [`Error::WrongDocument`] for another kind of document, [`Error::Malformed`] for fields
    /// of the wrong shape, [`Error::InvalidCatalogue`] listing every rule it breaks, and
    /// [`Error::CatalogueImpersonation`] when it claims a built-in catalogue's id and version
    /// with other content.
    pub fn from_json(json: &str) -> Result<Catalogue, Error> {
        let value = crate::wire::parse_document(json, Document::Catalogue, MAX_CATALOGUE_BYTES)?;
        Catalogue::from_json_value(&value)
    }

    /// Validates a catalogue already parsed as JSON.
    fn from_json_value(value: &crate::json::Json) -> Result<Catalogue, Error> {
        let found = crate::wire::detect(value);
        if found != Document::Catalogue && found != Document::UnknownJson {
            return Err(Error::WrongDocument { expected: Document::Catalogue, found });
        }
        let mut reader = Reader::new();
        let doc = CatalogueDoc::read(&mut reader, value);
        let doc = reader.finish(doc).map_err(|problems| Error::Malformed { what: Document::Catalogue, problems })?;
        Catalogue::from_doc(doc)
    }

    /// Validates a parsed catalogue document.
    ///
    /// # Errors
    /// [`Error::InvalidCatalogue`] listing every rule it breaks, and
    /// [`Error::CatalogueImpersonation`] when it claims a built-in catalogue's id and version with
    /// other content.
    pub fn from_doc(doc: CatalogueDoc) -> Result<Catalogue, Error> {
        let digest = digest_of(&doc);
        let impersonates = BUILTIN_VERSIONS
            .iter()
            .any(|builtin| builtin.id == doc.id && builtin.version == doc.version && builtin.digest != digest);
        if impersonates {
            return Err(Error::CatalogueImpersonation { id: doc.id, version: doc.version });
        }
        let mut problems = Vec::new();
        check_header(&doc, &mut problems);
        let (grades, veto_grade) = check_grades(&doc, &mut problems);
        let (areas, criteria) = check_areas(&doc, &mut problems);
        let sum = areas.iter().fold(0u32, |sum, area| sum.saturating_add(area.points));
        if doc.total_points > MAX_TOTAL_POINTS {
            problems.push(Problem::new("total_points", ProblemKind::PointsOutOfRange { max: MAX_TOTAL_POINTS }));
        } else if sum != doc.total_points {
            problems.push(Problem::new(
                "total_points",
                ProblemKind::PointsMismatch { expected: doc.total_points, found: sum },
            ));
        }
        if !problems.is_empty() {
            return Err(Error::InvalidCatalogue(problems));
        }
        let by_id = criteria.iter().enumerate().map(|(index, criterion)| (criterion.id.clone(), index)).collect();
        let data = CatalogueData {
            id: doc.id,
            version: doc.version,
            title: doc.title,
            authority: doc.authority,
            source_title: doc.source.title,
            source_date: doc.source.date,
            notes: doc.notes,
            total_points: doc.total_points,
            grades,
            veto_grade,
            areas,
            criteria,
            by_id,
            digest,
        };
        Ok(Catalogue { data: std::sync::Arc::new(data) })
    }

    /// Stable id.
    pub fn id(&self) -> &str {
        &self.data.id
    }
    /// Content version.
    pub fn version(&self) -> &str {
        &self.data.version
    }
    /// Title.
    pub fn title(&self) -> &Text {
        &self.data.title
    }
    /// Who issued the source document.
    pub fn authority(&self) -> &Text {
        &self.data.authority
    }
    /// The source document's title.
    pub fn source_title(&self) -> &Text {
        &self.data.source_title
    }
    /// The source document's date, `YYYY-MM-DD`.
    pub fn source_date(&self) -> &str {
        &self.data.source_date
    }
    /// How the catalogue reads its source: weights, bands, vetoes.
    pub fn notes(&self) -> &Text {
        &self.data.notes
    }
    /// The sum of all points.
    pub fn total_points(&self) -> u32 {
        self.data.total_points
    }
    /// Grade bands, highest first.
    pub fn grades(&self) -> &[Grade] {
        &self.data.grades
    }
    /// The grade a veto forces.
    pub fn veto_grade(&self) -> &Grade {
        &self.data.grades[self.data.veto_grade]
    }
    /// The areas, in order.
    pub fn areas(&self) -> &[Area] {
        &self.data.areas
    }
    /// All criteria, in order, areas one after the other.
    pub fn criteria(&self) -> &[Criterion] {
        &self.data.criteria
    }
    /// The index of the criterion with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.data.by_id.get(id).copied()
    }
    /// The criterion with this id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.index_of(id).map(|index| &self.data.criteria[index])
    }
    /// The grade with this id.
    pub fn grade(&self, id: &str) -> Option<&Grade> {
        self.data.grades.iter().find(|grade| grade.id == id)
    }
    /// Lowercase hex SHA-256 of the RFC 8785 canonical form of the catalogue without `$schema`.
    pub fn digest(&self) -> &str {
        &self.data.digest
    }
    /// Id, version and digest, as answers and results pin them.
    pub fn reference(&self) -> CatalogueRefDoc {
        CatalogueRefDoc {
            id: self.data.id.clone(),
            version: self.data.version.clone(),
            digest: Some(self.data.digest.clone()),
        }
    }
    /// `id@version`, for messages.
    pub fn label(&self) -> String {
        format!("{}@{}", self.data.id, self.data.version)
    }

    /// The catalogue as a wire document; it has the same digest.
    pub fn to_doc(&self) -> CatalogueDoc {
        let clause = |clause: &Clause| ClauseDoc { section: clause.section.clone(), quote: clause.quote.clone() };
        CatalogueDoc {
            schema: None,
            format: 1,
            id: self.data.id.clone(),
            version: self.data.version.clone(),
            title: self.data.title.clone(),
            authority: self.data.authority.clone(),
            source: SourceDoc { title: self.data.source_title.clone(), date: self.data.source_date.clone() },
            notes: self.data.notes.clone(),
            total_points: self.data.total_points,
            grades: self
                .data
                .grades
                .iter()
                .map(|grade| GradeDoc { id: grade.id.as_str().to_owned(), min: grade.min, label: grade.label.clone() })
                .collect(),
            veto_grade: self.data.grades[self.data.veto_grade].id.as_str().to_owned(),
            areas: self
                .data
                .areas
                .iter()
                .map(|area| AreaDoc {
                    id: area.id.clone(),
                    title: area.title.clone(),
                    clause: clause(&area.clause),
                    summary: area.summary.clone(),
                    criteria: self.data.criteria[area.criteria.clone()]
                        .iter()
                        .map(|criterion| CriterionDoc {
                            id: criterion.id.clone(),
                            title: criterion.title.clone(),
                            guidance: criterion.guidance.clone(),
                            evidence: criterion.evidence.clone(),
                            clause: clause(&criterion.clause),
                            points: criterion.points,
                            kind: match criterion.kind {
                                Kind::Scale => KindDoc::Scale,
                                Kind::Binary => KindDoc::Binary,
                                Kind::Checklist(_) => KindDoc::Checklist,
                            },
                            not_applicable: criterion.not_applicable,
                            veto: criterion.veto.clone(),
                            items: match &criterion.kind {
                                Kind::Checklist(items) => Some(
                                    items
                                        .iter()
                                        .map(|item| ItemDoc {
                                            id: item.id.clone(),
                                            title: item.title.clone(),
                                            points: item.points,
                                        })
                                        .collect(),
                                ),
                                Kind::Scale | Kind::Binary => None,
                            },
                            action: criterion.action.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl fmt::Display for Catalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.label(), self.data.digest)
    }
}

fn digest_of(doc: &CatalogueDoc) -> String {
    let mut value = doc.to_json();
    if let Some(object) = value.as_object_mut() {
        object.remove("$schema");
    }
    hex(&canonical_sha256(&value))
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn is_semver(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3 && parts.iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

fn check_text(at: &str, text: &Text, problems: &mut Vec<Problem>) {
    if text.zh.trim().is_empty() || text.en.trim().is_empty() {
        problems.push(Problem::new(at, ProblemKind::EmptyText));
    }
}

fn check_header(doc: &CatalogueDoc, problems: &mut Vec<Problem>) {
    if doc.format != 1 {
        problems.push(Problem::new("format", ProblemKind::UnsupportedCatalogueFormat(doc.format)));
    }
    if !is_slug(&doc.id) {
        problems.push(Problem::new("id", ProblemKind::NotASlug));
    }
    if !is_semver(&doc.version) {
        problems.push(Problem::new("version", ProblemKind::NotAVersion));
    }
    if !crate::time::is_date(&doc.source.date) {
        problems.push(Problem::new("source.date", ProblemKind::BadDate(doc.source.date.clone())));
    }
    check_text("title", &doc.title, problems);
    check_text("authority", &doc.authority, problems);
    check_text("source.title", &doc.source.title, problems);
    check_text("notes", &doc.notes, problems);
}

fn check_grades(doc: &CatalogueDoc, problems: &mut Vec<Problem>) -> (Vec<Grade>, usize) {
    let grades: Vec<Grade> = doc
        .grades
        .iter()
        .map(|grade| Grade { id: GradeId(grade.id.clone()), min: grade.min, label: grade.label.clone() })
        .collect();
    let decreasing = grades.windows(2).all(|pair| pair[0].min > pair[1].min);
    let bounded =
        grades.first().is_some_and(|grade| grade.min <= 1000) && grades.last().is_some_and(|grade| grade.min == 0);
    if !decreasing || !bounded {
        problems.push(Problem::new("grades", ProblemKind::BadGradeBands));
    }
    let mut seen = BTreeSet::new();
    for grade in &grades {
        if !is_slug(grade.id.as_str()) {
            problems.push(Problem::new(format!("grades.{}", grade.id), ProblemKind::NotASlug));
        }
        if !seen.insert(grade.id.as_str()) {
            problems.push(Problem::new(format!("grades.{}", grade.id), ProblemKind::DuplicateId));
        }
        check_text(&format!("grades.{}.label", grade.id), &grade.label, problems);
    }
    let veto_grade = grades.iter().position(|grade| grade.id == doc.veto_grade).unwrap_or_else(|| {
        problems.push(Problem::new("veto_grade", ProblemKind::UnknownVetoGrade));
        0
    });
    // A veto must never raise a grade: it forces the lowest one.
    if !grades.is_empty() && veto_grade != grades.len() - 1 && grades.iter().any(|grade| grade.id == doc.veto_grade) {
        problems.push(Problem::new("veto_grade", ProblemKind::VetoGradeNotLowest));
    }
    (grades, veto_grade)
}

fn check_clause(at: &str, clause: &ClauseDoc, problems: &mut Vec<Problem>) -> Clause {
    if clause.section.trim().is_empty() || clause.quote.trim().is_empty() {
        problems.push(Problem::new(format!("{at}.clause"), ProblemKind::EmptyText));
    }
    Clause { section: clause.section.clone(), quote: clause.quote.clone() }
}

fn check_areas(doc: &CatalogueDoc, problems: &mut Vec<Problem>) -> (Vec<Area>, Vec<Criterion>) {
    let mut areas = Vec::new();
    let mut criteria = Vec::new();
    let mut ids = BTreeSet::new();
    if doc.areas.is_empty() {
        problems.push(Problem::new("areas", ProblemKind::Empty));
    }
    for area_doc in &doc.areas {
        let at = area_doc.id.clone();
        let letter_ok = area_doc.id.len() == 1 && area_doc.id.bytes().all(|b| b.is_ascii_uppercase());
        if !letter_ok {
            problems.push(Problem::new(&at, ProblemKind::BadAreaId));
        }
        if !ids.insert(area_doc.id.clone()) {
            problems.push(Problem::new(&at, ProblemKind::DuplicateId));
        }
        check_text(&format!("{at}.title"), &area_doc.title, problems);
        check_text(&format!("{at}.summary"), &area_doc.summary, problems);
        let clause = check_clause(&at, &area_doc.clause, problems);
        if area_doc.criteria.is_empty() {
            problems.push(Problem::new(format!("{at}.criteria"), ProblemKind::Empty));
        }
        let start = criteria.len();
        for criterion_doc in &area_doc.criteria {
            let criterion = check_criterion(areas.len(), &area_doc.id, criterion_doc, &mut ids, problems);
            criteria.push(criterion);
        }
        // Saturating: a hostile catalogue's points are reported as problems, never overflow.
        let points = criteria[start..].iter().fold(0u32, |sum, criterion| sum.saturating_add(criterion.points));
        areas.push(Area {
            id: area_doc.id.clone(),
            title: area_doc.title.clone(),
            clause,
            summary: area_doc.summary.clone(),
            criteria: start..criteria.len(),
            points,
        });
    }
    (areas, criteria)
}

fn id_number_ok(rest: &str) -> bool {
    (1..=2).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit()) && !rest.starts_with('0')
}

fn check_criterion(
    area: usize,
    area_id: &str,
    doc: &CriterionDoc,
    ids: &mut BTreeSet<String>,
    problems: &mut Vec<Problem>,
) -> Criterion {
    let at = doc.id.as_str();
    match doc.id.strip_prefix(area_id) {
        Some(rest) if id_number_ok(rest) => {}
        Some(_) => problems.push(Problem::new(at, ProblemKind::BadCriterionId)),
        None => problems.push(Problem::new(at, ProblemKind::IdOutsideParent(area_id.to_owned()))),
    }
    if !ids.insert(doc.id.clone()) {
        problems.push(Problem::new(at, ProblemKind::DuplicateId));
    }
    for (field, text) in
        [("title", &doc.title), ("guidance", &doc.guidance), ("evidence", &doc.evidence), ("action", &doc.action)]
    {
        check_text(&format!("{at}.{field}"), text, problems);
    }
    let clause = check_clause(at, &doc.clause, problems);
    if !(1..=MAX_POINTS).contains(&doc.points) {
        problems.push(Problem::new(at, ProblemKind::PointsOutOfRange { max: MAX_POINTS }));
    }
    let kind = match (doc.kind, &doc.items) {
        (KindDoc::Scale, None) => {
            if doc.points % 2 != 0 {
                problems.push(Problem::new(at, ProblemKind::OddScalePoints));
            }
            Kind::Scale
        }
        (KindDoc::Binary, None) => Kind::Binary,
        (KindDoc::Checklist, Some(item_docs)) if (2..=MAX_CHECKLIST_ITEMS).contains(&item_docs.len()) => {
            let prefix = format!("{}.", doc.id);
            let items: Vec<Item> = item_docs
                .iter()
                .map(|item| {
                    match item.id.strip_prefix(&prefix) {
                        Some(rest) if id_number_ok(rest) => {}
                        Some(_) => problems.push(Problem::new(&item.id, ProblemKind::BadItemId)),
                        None => problems.push(Problem::new(&item.id, ProblemKind::IdOutsideParent(prefix.clone()))),
                    }
                    if !ids.insert(item.id.clone()) {
                        problems.push(Problem::new(&item.id, ProblemKind::DuplicateId));
                    }
                    if !(1..=MAX_POINTS).contains(&item.points) {
                        problems.push(Problem::new(&item.id, ProblemKind::PointsOutOfRange { max: MAX_POINTS }));
                    }
                    check_text(&format!("{}.title", item.id), &item.title, problems);
                    Item { id: item.id.clone(), title: item.title.clone(), points: item.points }
                })
                .collect();
            let sum = items.iter().fold(0u32, |sum, item| sum.saturating_add(item.points));
            if sum != doc.points {
                problems.push(Problem::new(at, ProblemKind::PointsMismatch { expected: doc.points, found: sum }));
            }
            Kind::Checklist(items)
        }
        _ => {
            problems.push(Problem::new(at, ProblemKind::BadItems));
            Kind::Scale
        }
    };
    if doc.veto.is_some() && (doc.kind != KindDoc::Binary || doc.not_applicable) {
        problems.push(Problem::new(at, ProblemKind::MisplacedVeto));
    }
    if let Some(veto) = &doc.veto {
        check_text(&format!("{at}.veto"), veto, problems);
    }
    Criterion {
        id: doc.id.clone(),
        area,
        title: doc.title.clone(),
        guidance: doc.guidance.clone(),
        evidence: doc.evidence.clone(),
        clause,
        points: doc.points,
        kind,
        not_applicable: doc.not_applicable,
        veto: doc.veto.clone(),
        action: doc.action.clone(),
    }
}
