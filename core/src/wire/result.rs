//! The signed result: a W3C Verifiable Credential 2.0 secured with a Data Integrity proof
//! of the `eddsa-jcs-2022` cryptosuite.

use serde::{Deserialize, Serialize};

use super::{CatalogueRefDoc, EntryDoc, ProfileDoc, ReportDoc, UniqueMap};

/// The VC 2.0 base context, the only `@context` of a result.
pub const VC_CONTEXT_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// Our credential type, beside `VerifiableCredential`.
pub const RESULT_TYPE: &str = "SelfDisciplineSelfAssessmentCredential";
/// The type of the credential subject.
pub const SUBJECT_TYPE: &str = "SelfDisciplineSelfAssessment";
/// The format tag of the subject's content.
pub const RESULT_FORMAT: &str = "selfcheck-result/1";

/// A signed self-assessment result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultDoc {
    /// `["https://www.w3.org/ns/credentials/v2"]`.
    #[serde(rename = "@context")]
    pub context: Vec<String>,
    /// `urn:uuid:` of a random UUID.
    pub id: String,
    /// `["VerifiableCredential", "SelfDisciplineSelfAssessmentCredential"]`.
    #[serde(rename = "type")]
    pub types: Vec<String>,
    /// The association's `did:key`.
    pub issuer: String,
    /// When it was signed, `YYYY-MM-DDTHH:MM:SSZ`.
    #[serde(rename = "validFrom")]
    pub valid_from: String,
    /// What the association states.
    #[serde(rename = "credentialSubject")]
    pub credential_subject: SubjectDoc,
    /// The Data Integrity proof.
    pub proof: ProofDoc,
}

/// The self-assessment: profile, catalogue, answers and the core's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectDoc {
    /// Always [`SUBJECT_TYPE`].
    #[serde(rename = "type")]
    pub kind: String,
    /// Always [`RESULT_FORMAT`].
    pub format: String,
    /// The association.
    pub profile: ProfileDoc,
    /// The catalogue answered, with its digest.
    pub catalogue: CatalogueRefDoc,
    /// The answers, notes and evidence, as in an answers document.
    pub answers: UniqueMap<EntryDoc>,
    /// The report the core computed from these answers.
    pub report: ReportDoc,
}

/// A `DataIntegrityProof` with cryptosuite `eddsa-jcs-2022`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProofDoc {
    /// `DataIntegrityProof`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `eddsa-jcs-2022`.
    pub cryptosuite: String,
    /// When the proof was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The issuer's DID, `#`, the key's multibase form.
    #[serde(rename = "verificationMethod")]
    pub verification_method: String,
    /// `assertionMethod`.
    #[serde(rename = "proofPurpose")]
    pub proof_purpose: String,
    /// A prefix of the document's `@context`.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Vec<String>>,
    /// `z` and the base58btc Ed25519 signature.
    #[serde(rename = "proofValue")]
    pub proof_value: String,
}
