//! The signed result: a W3C Verifiable Credential 2.0 secured with a Data Integrity proof
//! of the `eddsa-jcs-2022` cryptosuite.

use std::collections::BTreeMap;

use super::read::{Reader, join};
use super::{CatalogueRefDoc, EntryDoc, ProfileDoc, ReportDoc, entries_json, read_entries};
use crate::json::{Json, Object};

/// The VC 2.0 base context, the only `@context` of a result.
pub const VC_CONTEXT_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// Our credential type, beside `VerifiableCredential`.
pub const RESULT_TYPE: &str = "SelfDisciplineSelfAssessmentCredential";
/// The type of the credential subject.
pub const SUBJECT_TYPE: &str = "SelfDisciplineSelfAssessment";
/// The format tag of the subject's content without a `monthly` or `rectification` part.
pub const RESULT_FORMAT: &str = "selfcheck-result/1";

/// Every format of a result's subject that is read: version 1, and version 2 which adds the
/// `monthly` and `rectification` parts. A result is signed in version 1 when both are absent,
/// so that it verifies with every release.
pub const RESULT_FORMATS: [&str; 2] = [RESULT_FORMAT, super::RESULT_FORMAT_2];

/// A signed self-assessment result.
pub type ResultDoc = super::CredentialDoc<SubjectDoc>;

/// The self-assessment: profile, catalogue, answers and the core's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectDoc {
    /// Always [`SUBJECT_TYPE`].
    pub kind: String,
    /// [`RESULT_FORMAT`], or [`super::RESULT_FORMAT_2`] when `monthly` or `rectification` is
    /// present.
    pub format: String,
    /// The association.
    pub profile: ProfileDoc,
    /// The catalogue answered, with its digest.
    pub catalogue: CatalogueRefDoc,
    /// The answers, notes and evidence, as in an answers document.
    pub answers: BTreeMap<String, EntryDoc>,
    /// The report the core computed from these answers.
    pub report: ReportDoc,
    /// This month's report to the bureau (format 2).
    pub monthly: Option<super::MonthlyDoc>,
    /// The reply to a rectification notice (format 2).
    pub rectification: Option<super::NoticeReplyDoc>,
}

/// A `DataIntegrityProof` with cryptosuite `eddsa-jcs-2022` (empty until signed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProofDoc {
    /// `DataIntegrityProof`.
    pub kind: String,
    /// `eddsa-jcs-2022`.
    pub cryptosuite: String,
    /// When the proof was made.
    pub created: Option<String>,
    /// The issuer's DID, `#`, the key's multibase form.
    pub verification_method: String,
    /// `assertionMethod`.
    pub proof_purpose: String,
    /// The document's `@context`.
    pub context: Option<Vec<String>>,
    /// `z` and the base58btc Ed25519 signature.
    pub proof_value: String,
}

impl ResultDoc {
    /// Reads what a result document claims, **without verifying anything**: for showing what an
    /// invalid result says, marked as unverified. Use [`crate::verify_result`] to trust one.
    ///
    /// # Errors
    /// The reading errors of a result: too large, not JSON, another kind of document, fields of
    /// the wrong shape.
    pub fn from_json_unverified(text: &str) -> Result<ResultDoc, crate::Error> {
        let value = super::parse_document(text, crate::Document::Result, crate::credential::MAX_RESULT_BYTES)?;
        let mut reader = Reader::new();
        let document = ResultDoc::read(&mut reader, &value);
        reader.finish(document).map_err(|problems| crate::Error::Malformed { what: crate::Document::Result, problems })
    }
}

impl super::Subject for SubjectDoc {
    fn read(reader: &mut Reader, value: Option<&Json>, at: &str) -> SubjectDoc {
        let Some(value) = value else {
            return SubjectDoc {
                kind: String::new(),
                format: String::new(),
                profile: ProfileDoc::default(),
                catalogue: CatalogueRefDoc::empty(),
                answers: BTreeMap::new(),
                report: ReportDoc::empty(),
                monthly: None,
                rectification: None,
            };
        };
        let known = ["type", "format", "profile", "catalogue", "answers", "report", "monthly", "rectification"];
        let object = reader.fields(value, at, &known);
        let profile = reader.required(object, at, "profile");
        let catalogue = reader.required(object, at, "catalogue");
        let answers = reader.required(object, at, "answers");
        let report = reader.required(object, at, "report");
        SubjectDoc {
            kind: reader.required_string(object, at, "type"),
            format: reader.required_string(object, at, "format"),
            profile: profile.map(|value| ProfileDoc::read(reader, value, &join(at, "profile"))).unwrap_or_default(),
            catalogue: catalogue.map_or_else(CatalogueRefDoc::empty, |value| {
                CatalogueRefDoc::read(reader, value, &join(at, "catalogue"))
            }),
            answers: answers.map(|value| read_entries(reader, value, &join(at, "answers"))).unwrap_or_default(),
            report: report.map_or_else(ReportDoc::empty, |value| ReportDoc::read(reader, value, &join(at, "report"))),
            monthly: object.get("monthly").map(|value| super::MonthlyDoc::read(reader, value, &join(at, "monthly"))),
            rectification: object
                .get("rectification")
                .map(|value| super::NoticeReplyDoc::read(reader, value, &join(at, "rectification"))),
        }
    }

    fn to_json(&self) -> Json {
        let mut out = Object::new();
        out.insert("type", self.kind.as_str());
        out.insert("format", self.format.as_str());
        out.insert("profile", self.profile.to_json());
        out.insert("catalogue", self.catalogue.to_json());
        out.insert("answers", entries_json(&self.answers));
        out.insert_some("monthly", self.monthly.as_ref().map(super::MonthlyDoc::to_json));
        out.insert_some("rectification", self.rectification.as_ref().map(super::NoticeReplyDoc::to_json));
        out.insert("report", self.report.to_json());
        Json::Object(out)
    }
}

impl ProofDoc {
    pub(crate) fn read(reader: &mut Reader, value: Option<&Json>, at: &str) -> ProofDoc {
        let known = ["type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "@context", "proofValue"];
        let empty = ProofDoc::default();
        let Some(value) = value else { return empty };
        let Some(object) = reader.object(value, at, &known) else { return empty };
        ProofDoc {
            kind: reader.required_string(object, at, "type"),
            cryptosuite: reader.required_string(object, at, "cryptosuite"),
            created: reader.maybe_string(object, at, "created"),
            verification_method: reader.required_string(object, at, "verificationMethod"),
            proof_purpose: reader.required_string(object, at, "proofPurpose"),
            context: object.get("@context").map(|value| reader.strings(Some(value), &join(at, "@context"))),
            proof_value: reader.required_string(object, at, "proofValue"),
        }
    }

    /// The proof as JSON, members in the order selfcheck writes them.
    pub fn to_json(&self) -> Json {
        let mut object = Object::new();
        object.insert("type", self.kind.as_str());
        object.insert("cryptosuite", self.cryptosuite.as_str());
        object.insert_some("created", self.created.as_deref());
        object.insert("verificationMethod", self.verification_method.as_str());
        object.insert("proofPurpose", self.proof_purpose.as_str());
        object.insert_some("@context", self.context.clone());
        object.insert("proofValue", self.proof_value.as_str());
        Json::Object(object)
    }
}
