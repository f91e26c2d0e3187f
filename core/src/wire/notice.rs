//! The bureau's rectification notice (整改通知): a W3C Verifiable Credential 2.0 whose subject
//! (`selfcheck-notice/1`) names the association by its credit code, the criteria it must fix
//! with the bureau's remark on each, an overall remark and the deadline, secured like a result
//! with an `eddsa-jcs-2022` proof by the bureau's key.

use super::read::{Reader, index, join, object};
use super::{CatalogueRefDoc, Subject};
use crate::json::{Json, Object};

/// The credential type of a notice, beside `VerifiableCredential`.
pub const NOTICE_TYPE: &str = "SelfcheckRectificationNoticeCredential";
/// The type of its subject.
pub const NOTICE_SUBJECT_TYPE: &str = "SelfcheckRectificationNotice";
/// The format tag of its subject.
pub const NOTICE_FORMAT: &str = "selfcheck-notice/1";

/// A signed rectification notice.
pub type NoticeDoc = super::CredentialDoc<NoticeSubjectDoc>;

/// A notice's subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeSubjectDoc {
    /// Always [`NOTICE_SUBJECT_TYPE`].
    pub kind: String,
    /// Always [`NOTICE_FORMAT`].
    pub format: String,
    /// The association's unified social credit code.
    pub credit_code: String,
    /// The association's name, as the bureau writes it.
    pub name: String,
    /// The catalogue whose criteria the items name, with its digest.
    pub catalogue: CatalogueRefDoc,
    /// The digest of the result the notice was made from, when it was.
    pub based_on: Option<String>,
    /// The criteria to fix, in the order given, each with the bureau's remark.
    pub items: Vec<NoticeItemDoc>,
    /// The bureau's overall remark.
    pub remark: String,
    /// The last day to rectify, `YYYY-MM-DD` (Beijing).
    pub deadline: String,
}

/// One criterion to fix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeItemDoc {
    /// The criterion's id.
    pub criterion: String,
    /// The bureau's remark on it; empty when none.
    pub remark: String,
}

impl Subject for NoticeSubjectDoc {
    fn read(reader: &mut Reader, value: Option<&Json>, at: &str) -> NoticeSubjectDoc {
        let empty = NoticeSubjectDoc {
            kind: String::new(),
            format: String::new(),
            credit_code: String::new(),
            name: String::new(),
            catalogue: CatalogueRefDoc::empty(),
            based_on: None,
            items: Vec::new(),
            remark: String::new(),
            deadline: String::new(),
        };
        let Some(value) = value else { return empty };
        let known = ["type", "format", "credit_code", "name", "catalogue", "based_on", "items", "remark", "deadline"];
        let Some(object) = reader.object(value, at, &known) else { return empty };
        let catalogue = reader
            .required(object, at, "catalogue")
            .map_or_else(CatalogueRefDoc::empty, |value| CatalogueRefDoc::read(reader, value, &join(at, "catalogue")));
        let items_at = join(at, "items");
        let items = reader.required(object, at, "items");
        let items = reader
            .array(items, &items_at)
            .iter()
            .enumerate()
            .map(|(place, item)| {
                let item_at = index(&items_at, place);
                match reader.object(item, &item_at, &["criterion", "remark"]) {
                    Some(fields) => NoticeItemDoc {
                        criterion: reader.required_string(fields, &item_at, "criterion"),
                        remark: reader.optional_string(fields, &item_at, "remark"),
                    },
                    None => NoticeItemDoc::default(),
                }
            })
            .collect();
        NoticeSubjectDoc {
            kind: reader.required_string(object, at, "type"),
            format: reader.required_string(object, at, "format"),
            credit_code: reader.required_string(object, at, "credit_code"),
            name: reader.required_string(object, at, "name"),
            catalogue,
            based_on: reader.maybe_string(object, at, "based_on"),
            items,
            remark: reader.optional_string(object, at, "remark"),
            deadline: reader.required_string(object, at, "deadline"),
        }
    }

    fn to_json(&self) -> Json {
        let mut out = Object::new();
        out.insert("type", self.kind.as_str());
        out.insert("format", self.format.as_str());
        out.insert("credit_code", self.credit_code.as_str());
        out.insert("name", self.name.as_str());
        out.insert("catalogue", self.catalogue.to_json());
        out.insert_some("based_on", self.based_on.as_deref());
        let items = self.items.iter().map(|item| {
            object([("criterion", item.criterion.as_str().into()), ("remark", item.remark.as_str().into())])
        });
        out.insert("items", Json::Array(items.collect()));
        out.insert("remark", self.remark.as_str());
        out.insert("deadline", self.deadline.as_str());
        Json::Object(out)
    }
}
