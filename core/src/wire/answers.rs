//! The answers document (`selfcheck-answers/1`): profile, catalogue reference and entries.

use std::collections::BTreeMap;

use super::read::{Reader, index, join, object};
use crate::json::{Json, Object};

/// The format tag of answers documents without a `monthly` or `rectification` part.
pub const ANSWERS_FORMAT: &str = "selfcheck-answers/1";

/// Every format of answers documents that is read: version 1, and version 2 which adds the
/// `monthly` and `rectification` parts. A writer writes version 1 when both are absent, so that
/// answers without them stay readable by every release.
pub const ANSWERS_FORMATS: [&str; 2] = [ANSWERS_FORMAT, super::ANSWERS_FORMAT_2];

/// An answers document, as written by `selfcheck template`, the widget's draft, or a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersDoc {
    /// [`ANSWERS_FORMAT`], or [`super::ANSWERS_FORMAT_2`] when `monthly` or `rectification` is
    /// present.
    pub format: String,
    /// The catalogue these answers are for.
    pub catalogue: CatalogueRefDoc,
    /// Who is assessing itself, and for which period.
    pub profile: ProfileDoc,
    /// One entry per criterion id; absent criteria are open.
    pub answers: BTreeMap<String, EntryDoc>,
    /// This month's report to the bureau (format 2).
    pub monthly: Option<super::MonthlyDoc>,
    /// The reply to a rectification notice (format 2).
    pub rectification: Option<super::NoticeReplyDoc>,
}

/// Names a catalogue: id and version, and optionally the digest, which must then match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueRefDoc {
    /// Catalogue id.
    pub id: String,
    /// Catalogue version.
    pub version: String,
    /// Lowercase hex SHA-256 of the catalogue's canonical form.
    pub digest: Option<String>,
}

/// The association's profile. Empty strings mean "not filled in yet".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileDoc {
    /// The association's registered name.
    pub name: String,
    /// Unified social credit code (GB 32100-2015).
    pub credit_code: String,
    /// Who to contact about this self-assessment.
    pub contact: ContactDoc,
    /// The period assessed.
    pub period: PeriodDoc,
}

/// A contact person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactDoc {
    /// Name.
    pub person: String,
    /// Telephone.
    pub phone: String,
    /// E-mail address.
    pub email: String,
}

/// An assessment period, both dates inclusive, as `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodDoc {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
}

/// An answer value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl ValueDoc {
    const WORDS: &'static [&'static str] = &["yes", "partly", "no", "na"];
    const VALUES: &'static [ValueDoc] = &[ValueDoc::Yes, ValueDoc::Partly, ValueDoc::No, ValueDoc::Na];

    /// The word written in documents.
    pub fn word(self) -> &'static str {
        match self {
            ValueDoc::Yes => "yes",
            ValueDoc::Partly => "partly",
            ValueDoc::No => "no",
            ValueDoc::Na => "na",
        }
    }
}

/// One criterion's entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryDoc {
    /// The answer of a scale or binary criterion, or `na`.
    pub value: Option<ValueDoc>,
    /// The sub-items met, for a checklist criterion.
    pub checked: Option<Vec<String>>,
    /// Free-text note.
    pub note: String,
    /// Evidence that supports the answer.
    pub evidence: Vec<EvidenceDoc>,
    /// Hint from `selfcheck template`: the criterion's title. Ignored on input.
    pub title: Option<String>,
    /// Hint from `selfcheck template`: the values allowed. Ignored on input.
    pub allowed: Option<Vec<String>>,
    /// Hint from `selfcheck template`: a checklist's sub-items by id. Ignored on input.
    pub items: Option<BTreeMap<String, String>>,
}

/// A piece of evidence: a link, or a local file known only by its digest.
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl AnswersDoc {
    /// A blank answers document for `catalogue`: every criterion open, with its title, the
    /// values it allows and a checklist's sub-items as hints (in `lang`), for a person or a
    /// script to fill in. The hints are ignored when the document is read back.
    pub fn template(catalogue: &crate::Catalogue, lang: crate::Lang) -> AnswersDoc {
        let answers = catalogue
            .criteria()
            .iter()
            .map(|criterion| {
                let checklist = !criterion.items().is_empty();
                let mut allowed: Vec<String> = match criterion.kind {
                    crate::Kind::Scale => vec!["yes".into(), "partly".into(), "no".into()],
                    crate::Kind::Binary => vec!["yes".into(), "no".into()],
                    crate::Kind::Checklist(_) => Vec::new(),
                };
                if criterion.not_applicable {
                    allowed.push("na".into());
                }
                // No `checked` for checklists: an empty list would mean "none met", an answer.
                let entry = EntryDoc {
                    title: Some(criterion.title.get(lang).to_owned()),
                    allowed: Some(allowed),
                    items: checklist.then(|| {
                        criterion
                            .items()
                            .iter()
                            .map(|item| (item.id.clone(), item.title.get(lang).to_owned()))
                            .collect()
                    }),
                    ..EntryDoc::default()
                };
                (criterion.id.clone(), entry)
            })
            .collect();
        AnswersDoc {
            format: ANSWERS_FORMAT.to_owned(),
            catalogue: catalogue.reference(),
            profile: ProfileDoc::default(),
            answers,
            monthly: None,
            rectification: None,
        }
    }

    /// Reads an answers document's fields, collecting every problem with its path.
    pub(crate) fn read(reader: &mut Reader, value: &Json, at: &str) -> AnswersDoc {
        let known = ["format", "catalogue", "profile", "answers", "monthly", "rectification"];
        let Some(object) = reader.object(value, at, &known) else {
            return AnswersDoc::empty();
        };
        let format = reader.required_string(object, at, "format");
        let catalogue = reader
            .required(object, at, "catalogue")
            .map_or_else(CatalogueRefDoc::empty, |value| CatalogueRefDoc::read(reader, value, &join(at, "catalogue")));
        let profile = object
            .get("profile")
            .map(|value| ProfileDoc::read(reader, value, &join(at, "profile")))
            .unwrap_or_default();
        let answers = object.get("answers").map(|value| read_entries(reader, value, &join(at, "answers")));
        let monthly = object.get("monthly").map(|value| super::MonthlyDoc::read(reader, value, &join(at, "monthly")));
        let rectification = object
            .get("rectification")
            .map(|value| super::NoticeReplyDoc::read(reader, value, &join(at, "rectification")));
        AnswersDoc { format, catalogue, profile, answers: answers.unwrap_or_default(), monthly, rectification }
    }

    fn empty() -> AnswersDoc {
        AnswersDoc {
            format: String::new(),
            catalogue: CatalogueRefDoc::empty(),
            profile: ProfileDoc::default(),
            answers: BTreeMap::new(),
            monthly: None,
            rectification: None,
        }
    }

    /// The document as JSON.
    pub fn to_json(&self) -> Json {
        let mut out = Object::new();
        out.insert("format", self.format.as_str());
        out.insert("catalogue", self.catalogue.to_json());
        out.insert("profile", self.profile.to_json());
        out.insert("answers", entries_json(&self.answers));
        out.insert_some("monthly", self.monthly.as_ref().map(super::MonthlyDoc::to_json));
        out.insert_some("rectification", self.rectification.as_ref().map(super::NoticeReplyDoc::to_json));
        Json::Object(out)
    }
}

/// Reads the entries object of answers (also the `answers` of a result's subject).
pub(crate) fn read_entries(reader: &mut Reader, value: &Json, at: &str) -> BTreeMap<String, EntryDoc> {
    let Some(object) = value.as_object() else {
        reader.object(value, at, &[]);
        return BTreeMap::new();
    };
    object.iter().map(|(id, entry)| (id.to_owned(), EntryDoc::read(reader, entry, &join(at, id)))).collect()
}

/// The entries as a JSON object, in id order.
#[doc(hidden)] // For the readers of `selfcheck-bureau`, not an API of its own.
pub fn entries_json(entries: &BTreeMap<String, EntryDoc>) -> Json {
    Json::Object(entries.iter().map(|(id, entry)| (id.clone(), entry.to_json())).collect())
}

impl CatalogueRefDoc {
    pub(crate) fn empty() -> CatalogueRefDoc {
        CatalogueRefDoc { id: String::new(), version: String::new(), digest: None }
    }

    pub(crate) fn read(reader: &mut Reader, value: &Json, at: &str) -> CatalogueRefDoc {
        let Some(object) = reader.object(value, at, &["id", "version", "digest"]) else {
            return CatalogueRefDoc::empty();
        };
        CatalogueRefDoc {
            id: reader.required_string(object, at, "id"),
            version: reader.required_string(object, at, "version"),
            digest: reader.maybe_string(object, at, "digest"),
        }
    }

    /// The reference as JSON.
    pub fn to_json(&self) -> Json {
        let mut object = Object::new();
        object.insert("id", self.id.as_str());
        object.insert("version", self.version.as_str());
        object.insert_some("digest", self.digest.as_deref());
        Json::Object(object)
    }
}

impl ProfileDoc {
    pub(crate) fn read(reader: &mut Reader, value: &Json, at: &str) -> ProfileDoc {
        let Some(object) = reader.object(value, at, &["name", "credit_code", "contact", "period"]) else {
            return ProfileDoc::default();
        };
        let contact = object.get("contact").map_or_else(ContactDoc::default, |value| {
            let at = join(at, "contact");
            match reader.object(value, &at, &["person", "phone", "email"]) {
                Some(contact) => ContactDoc {
                    person: reader.optional_string(contact, &at, "person"),
                    phone: reader.optional_string(contact, &at, "phone"),
                    email: reader.optional_string(contact, &at, "email"),
                },
                None => ContactDoc::default(),
            }
        });
        let period = object.get("period").map_or_else(PeriodDoc::default, |value| {
            let at = join(at, "period");
            match reader.object(value, &at, &["from", "to"]) {
                Some(period) => PeriodDoc {
                    from: reader.optional_string(period, &at, "from"),
                    to: reader.optional_string(period, &at, "to"),
                },
                None => PeriodDoc::default(),
            }
        });
        ProfileDoc {
            name: reader.optional_string(object, at, "name"),
            credit_code: reader.optional_string(object, at, "credit_code"),
            contact,
            period,
        }
    }

    /// The profile as JSON (every field, empty ones included).
    pub fn to_json(&self) -> Json {
        object([
            ("name", self.name.as_str().into()),
            ("credit_code", self.credit_code.as_str().into()),
            (
                "contact",
                object([
                    ("person", self.contact.person.as_str().into()),
                    ("phone", self.contact.phone.as_str().into()),
                    ("email", self.contact.email.as_str().into()),
                ]),
            ),
            ("period", object([("from", self.period.from.as_str().into()), ("to", self.period.to.as_str().into())])),
        ])
    }

    /// Reads a profile as typed from JSON (a host's options, a stored draft), every problem
    /// reported with its path.
    ///
    /// # Errors
    /// The problems of shape (unknown fields, wrong types); the values themselves are checked
    /// later, by the answers.
    pub fn from_json(value: &Json) -> Result<ProfileDoc, Vec<crate::Problem>> {
        let mut reader = Reader::new();
        let profile = ProfileDoc::read(&mut reader, value, "");
        reader.finish(profile)
    }
}

impl EntryDoc {
    pub(crate) fn read(reader: &mut Reader, value: &Json, at: &str) -> EntryDoc {
        let known = ["value", "checked", "note", "evidence", "title", "allowed", "items"];
        let Some(object) = reader.object(value, at, &known) else {
            return EntryDoc::default();
        };
        let evidence = reader
            .array(object.get("evidence"), &join(at, "evidence"))
            .iter()
            .enumerate()
            .map(|(position, item)| EvidenceDoc::read(reader, item, &index(&join(at, "evidence"), position)))
            .collect();
        let items = object.get("items").map(|value| {
            let at = join(at, "items");
            match value.as_object() {
                Some(items) => items
                    .iter()
                    .map(|(id, title)| (id.to_owned(), reader.string(Some(title), &join(&at, id))))
                    .collect(),
                None => {
                    reader.object(value, &at, &[]);
                    BTreeMap::new()
                }
            }
        });
        EntryDoc {
            value: reader.word(object.get("value"), &join(at, "value"), ValueDoc::WORDS, ValueDoc::VALUES),
            checked: object.get("checked").map(|value| reader.strings(Some(value), &join(at, "checked"))),
            note: reader.optional_string(object, at, "note"),
            evidence,
            title: reader.maybe_string(object, at, "title"),
            allowed: object.get("allowed").map(|value| reader.strings(Some(value), &join(at, "allowed"))),
            items,
        }
    }

    /// The entry as JSON: only the members that say something.
    pub fn to_json(&self) -> Json {
        let mut object = Object::new();
        object.insert_some("value", self.value.map(ValueDoc::word));
        object.insert_some("checked", self.checked.clone());
        if !self.note.is_empty() {
            object.insert("note", self.note.as_str());
        }
        if !self.evidence.is_empty() {
            object.insert("evidence", Json::Array(self.evidence.iter().map(EvidenceDoc::to_json).collect()));
        }
        object.insert_some("title", self.title.as_deref());
        object.insert_some("allowed", self.allowed.clone());
        if let Some(items) = &self.items {
            object.insert(
                "items",
                Json::Object(items.iter().map(|(id, title)| (id.clone(), Json::from(title.as_str()))).collect()),
            );
        }
        Json::Object(object)
    }
}

impl EvidenceDoc {
    pub(crate) fn read(reader: &mut Reader, value: &Json, at: &str) -> EvidenceDoc {
        let unread = EvidenceDoc::Link { url: String::new() };
        let Some(object) = value.as_object() else {
            reader.object(value, at, &[]);
            return unread;
        };
        let is_file = match reader.required(object, at, "type") {
            None => return unread,
            Some(kind) => match reader.word(Some(kind), &join(at, "type"), &["link", "file"], &[false, true]) {
                None => return unread,
                Some(is_file) => is_file,
            },
        };
        if is_file {
            reader.unknown_fields(object, at, &["type", "name", "size", "sha256"]);
            let size = reader.required(object, at, "size");
            EvidenceDoc::File {
                name: reader.required_string(object, at, "name"),
                size: u64::try_from(reader.integer(size, &join(at, "size"), 0, crate::MAX_SAFE_INTEGER as i64))
                    .unwrap_or(0),
                sha256: reader.required_string(object, at, "sha256"),
            }
        } else {
            reader.unknown_fields(object, at, &["type", "url"]);
            EvidenceDoc::Link { url: reader.required_string(object, at, "url") }
        }
    }

    /// The evidence as JSON, its `type` first.
    pub fn to_json(&self) -> Json {
        match self {
            EvidenceDoc::Link { url } => object([("type", "link".into()), ("url", url.as_str().into())]),
            EvidenceDoc::File { name, size, sha256 } => object([
                ("type", "file".into()),
                ("name", name.as_str().into()),
                ("size", (*size).into()),
                ("sha256", sha256.as_str().into()),
            ]),
        }
    }
}
