//! Signed results: building, signing and verifying the W3C Verifiable Credential with an
//! `eddsa-jcs-2022` Data Integrity proof, and re-scoring what it claims.
//!
//! The time and the random bytes are arguments; the core has neither clock nor RNG.

use ed25519_dalek::Signer as _;
use serde_json::{Map, Value};
use sha2::{Digest as _, Sha256};

use crate::answers::Answers;
use crate::canonical::{canonical_sha256, canonicalize, hex};
use crate::catalogue::Catalogue;
use crate::error::{Error, Problem, ProblemKind};
use crate::keys::{AssociationKey, PublicKey};
use crate::report::Report;
use crate::strict_json;
use crate::time::Timestamp;
use crate::wire::{
    ANSWERS_FORMAT, AnswersDoc, ProofDoc, RESULT_FORMAT, RESULT_TYPE, ReportDoc, ResultDoc, SUBJECT_TYPE, SubjectDoc,
    VC_CONTEXT_V2,
};

/// The largest result file accepted, checked before parsing.
pub const MAX_RESULT_BYTES: usize = 4 * 1024 * 1024;
/// The proof type.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The cryptosuite.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The proof purpose of an issuer's statement.
pub const PROOF_PURPOSE: &str = "assertionMethod";

/// The data an `eddsa-jcs-2022` signature covers: SHA-256 of the canonical proof
/// configuration followed by SHA-256 of the canonical document without its proof.
pub fn hash_data(proof_configuration: &Value, unsecured_document: &Value) -> [u8; 64] {
    let mut data = [0u8; 64];
    data[..32].copy_from_slice(&canonical_sha256(proof_configuration));
    data[32..].copy_from_slice(&canonical_sha256(unsecured_document));
    data
}

/// Adds an `eddsa-jcs-2022` proof to `document` (a JSON object without `proof`), signed by `key`.
pub fn add_proof(document: &mut Map<String, Value>, key: &AssociationKey, created: Option<&Timestamp>) {
    let mut proof = Map::new();
    proof.insert("type".into(), PROOF_TYPE.into());
    proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
    if let Some(created) = created {
        proof.insert("created".into(), created.as_str().into());
    }
    proof.insert("verificationMethod".into(), key.public().verification_method().into());
    proof.insert("proofPurpose".into(), PROOF_PURPOSE.into());
    if let Some(context) = document.get("@context") {
        proof.insert("@context".into(), context.clone());
    }
    let unsecured = Value::Object(document.clone());
    let signature = key.signing_key().sign(&hash_data(&Value::Object(proof.clone()), &unsecured));
    proof.insert("proofValue".into(), format!("z{}", bs58::encode(signature.to_bytes()).into_string()).into());
    document.insert("proof".into(), Value::Object(proof));
}

/// Verifies the `eddsa-jcs-2022` proof of a secured document (any JSON object) and returns
/// the key that signed it. The verification method must be a `did:key` of Ed25519.
pub fn verify_proof(document: &Value) -> Result<PublicKey, Error> {
    let object = document.as_object().ok_or_else(|| Error::NotAResult("it is not a JSON object".into()))?;
    let proof = object
        .get("proof")
        .ok_or_else(|| Error::UnsupportedProof("the document has no proof".into()))?
        .as_object()
        .ok_or_else(|| Error::UnsupportedProof("the proof is not an object (one proof is expected)".into()))?;
    let field = |name: &str| proof.get(name).and_then(Value::as_str);
    if field("type") != Some(PROOF_TYPE) {
        return Err(Error::UnsupportedProof(format!("its type is {:?}, not {PROOF_TYPE}", proof.get("type"))));
    }
    if field("cryptosuite") != Some(CRYPTOSUITE) {
        return Err(Error::UnsupportedProof(format!(
            "its cryptosuite is {:?}, not {CRYPTOSUITE}",
            proof.get("cryptosuite")
        )));
    }
    if field("proofPurpose") != Some(PROOF_PURPOSE) {
        return Err(Error::UnsupportedProof(format!(
            "its proofPurpose is {:?}, not {PROOF_PURPOSE}",
            proof.get("proofPurpose")
        )));
    }
    let method =
        field("verificationMethod").ok_or_else(|| Error::UnsupportedProof("it has no verificationMethod".into()))?;
    let (did, fragment) = method
        .split_once('#')
        .ok_or_else(|| Error::BadDidKey(format!("{method:?} has no #fragment naming the key")))?;
    let key = PublicKey::from_did(did)?;
    if fragment != key.multibase() {
        return Err(Error::VerificationMethodMismatch { expected: key.verification_method(), found: method.into() });
    }
    let mut unsecured = object.clone();
    unsecured.remove("proof");
    let mut configuration = proof.clone();
    let proof_value =
        configuration.remove("proofValue").ok_or_else(|| Error::BadProofValue("the proof has no proofValue".into()))?;
    if let Some(proof_context) = proof.get("@context") {
        let document_context = unsecured.get("@context").and_then(Value::as_array);
        let proof_context = proof_context.as_array();
        let is_prefix = match (proof_context, document_context) {
            (Some(proof_context), Some(document_context)) => document_context.starts_with(proof_context),
            _ => false,
        };
        if !is_prefix {
            return Err(Error::ProofContextMismatch);
        }
        // vc-di-eddsa: the unsecured document is hashed with the proof's @context.
        unsecured.insert("@context".into(), Value::Array(proof_context.cloned().unwrap_or_default()));
    }
    let signature = decode_signature(proof_value.as_str().unwrap_or(""))?;
    let data = hash_data(&Value::Object(configuration), &Value::Object(unsecured));
    key.verify_strict(&data, &signature)?;
    Ok(key)
}

fn decode_signature(proof_value: &str) -> Result<[u8; 64], Error> {
    let encoded = proof_value
        .strip_prefix('z')
        .ok_or_else(|| Error::BadProofValue("it must start with z (multibase base58btc)".into()))?;
    let bytes = bs58::decode(encoded).into_vec().map_err(|_| Error::BadProofValue("it is not valid base58".into()))?;
    let bytes: [u8; 64] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| Error::BadProofValue(format!("it holds {} bytes instead of 64", bytes.len())))?;
    Ok(bytes)
}

/// Checks that `answers` carry what a result needs: the profile's name, credit code and period.
fn check_signable(answers: &Answers) -> Result<(), Error> {
    let problems = missing_for_signing(&answers.profile);
    if problems.is_empty() { Ok(()) } else { Err(Error::IncompleteProfile(problems)) }
}

/// What a profile as typed lacks before a result can be signed: its invalid fields and the
/// ones signing needs. Empty when `sign_result` will accept it; the widget asks this rather
/// than repeating the rules.
pub fn signing_profile_problems(doc: &crate::wire::ProfileDoc) -> Vec<Problem> {
    let mut problems = Vec::new();
    let profile = crate::answers::check_profile(doc, &mut problems);
    problems.extend(missing_for_signing(&profile));
    problems
}

fn missing_for_signing(profile: &crate::answers::Profile) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (at, missing) in [
        ("profile.name", profile.name.is_empty()),
        ("profile.credit_code", profile.credit_code.is_none()),
        ("profile.period.from", profile.period_from.is_empty()),
        ("profile.period.to", profile.period_to.is_empty()),
    ] {
        if missing {
            problems.push(Problem::new(at, ProblemKind::Missing));
        }
    }
    problems
}

/// `urn:uuid:` of a version 4 UUID made from 16 random bytes.
fn uuid_urn(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex(&bytes);
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// Checks, scores and signs `answers`: the one function the CLI and the widget call to make a
/// result. Returns the result document as pretty-printed JSON.
pub fn sign_result(
    catalogue: &Catalogue,
    answers: &Answers,
    key: &AssociationKey,
    issued: &Timestamp,
    random_id: [u8; 16],
) -> Result<String, Error> {
    if answers.catalogue_digest() != catalogue.digest() {
        return Err(Error::CatalogueMismatch {
            expected: catalogue.to_string(),
            found: answers.catalogue_digest().into(),
        });
    }
    check_signable(answers)?;
    let report = Report::compute(catalogue, answers);
    let answers_doc = answers.to_doc(catalogue);
    let document = ResultDoc {
        context: vec![VC_CONTEXT_V2.to_owned()],
        id: uuid_urn(random_id),
        types: vec!["VerifiableCredential".to_owned(), RESULT_TYPE.to_owned()],
        issuer: key.public().did(),
        valid_from: issued.as_str().to_owned(),
        credential_subject: SubjectDoc {
            kind: SUBJECT_TYPE.to_owned(),
            format: RESULT_FORMAT.to_owned(),
            profile: answers_doc.profile,
            catalogue: catalogue.reference(),
            answers: answers_doc.answers,
            report: report.to_doc(catalogue, answers),
        },
        // Replaced by the real proof below; the unsecured document never contains it.
        proof: ProofDoc {
            kind: String::new(),
            cryptosuite: String::new(),
            created: None,
            verification_method: String::new(),
            proof_purpose: String::new(),
            context: None,
            proof_value: String::new(),
        },
    };
    let Ok(Value::Object(mut object)) = serde_json::to_value(&document) else {
        return Err(Error::NotAResult("the result cannot be serialized".into()));
    };
    object.remove("proof");
    add_proof(&mut object, key, Some(issued));
    let signed: ResultDoc =
        serde_json::from_value(Value::Object(object)).map_err(|error| Error::NotAResult(error.to_string()))?;
    serde_json::to_string_pretty(&signed).map_err(|error| Error::NotAResult(error.to_string()))
}

/// A result whose signature and report were verified.
#[derive(Debug, Clone)]
pub struct VerifiedResult {
    /// The key that signed it, which is the issuer's.
    pub key: PublicKey,
    /// When it was signed (`validFrom`).
    pub issued: Timestamp,
    /// The credential's id.
    pub id: String,
    /// Index of the catalogue it pins in the slice given to [`verify_result`].
    pub catalogue: usize,
    /// The answers it carries, checked against that catalogue.
    pub answers: Answers,
    /// The report, recomputed and found equal to the embedded one.
    pub report: Report,
    /// Lowercase hex SHA-256 of the canonical form of the whole signed document.
    pub digest: String,
}

/// Verifies a result: structure, cryptosuite, did:key, verification method, proof context,
/// the Ed25519 signature (strict), the catalogue, and the report re-scored from the answers.
pub fn verify_result(json: &str, catalogues: &[&Catalogue]) -> Result<VerifiedResult, Error> {
    if json.len() > MAX_RESULT_BYTES {
        return Err(Error::TooLarge { what: "result", size: json.len(), limit: MAX_RESULT_BYTES });
    }
    let value = strict_json::parse(json).map_err(|error| Error::syntax("result", &error, json))?;
    if let Some(format) = value.get("format").and_then(Value::as_str) {
        return Err(Error::NotAResult(format!("it is a {format} document, not a signed result")));
    }
    let document: ResultDoc =
        serde_json::from_value(value.clone()).map_err(|error| Error::NotAResult(error.to_string()))?;
    check_structure(&document)?;
    let key = verify_proof(&value)?;
    if document.issuer != key.did() {
        return Err(Error::VerificationMethodMismatch {
            expected: format!("{}#…", document.issuer),
            found: document.proof.verification_method,
        });
    }
    let subject = document.credential_subject;
    let reference = &subject.catalogue;
    let catalogue_index = catalogues
        .iter()
        .position(|catalogue| Some(catalogue.digest()) == reference.digest.as_deref())
        .ok_or_else(|| Error::UnknownCatalogue {
            id: reference.id.clone(),
            version: reference.version.clone(),
            digest: reference.digest.clone().unwrap_or_default(),
        })?;
    let catalogue = catalogues[catalogue_index];
    let answers_doc = AnswersDoc {
        format: ANSWERS_FORMAT.to_owned(),
        catalogue: reference.clone(),
        profile: subject.profile,
        answers: subject.answers,
    };
    let answers = Answers::from_doc(catalogue, &answers_doc)?;
    check_signable(&answers)?;
    let report = Report::compute(catalogue, &answers);
    compare_reports(&subject.report, &report.to_doc(catalogue, &answers))?;
    Ok(VerifiedResult {
        key,
        issued: Timestamp::parse(&document.valid_from)?,
        id: document.id,
        catalogue: catalogue_index,
        answers,
        report,
        digest: hex(&canonical_sha256(&value)),
    })
}

fn check_structure(document: &ResultDoc) -> Result<(), Error> {
    // Stricter than vc-di-eddsa, which lets a document's @context grow beyond the proof's:
    // a selfcheck result has exactly the VC 2.0 context, in the document and in the proof.
    if document.context != [VC_CONTEXT_V2] {
        return Err(Error::NotAResult(format!("its @context must be exactly [\"{VC_CONTEXT_V2}\"]")));
    }
    if document.proof.context.as_ref().is_some_and(|context| context != &document.context) {
        return Err(Error::ProofContextMismatch);
    }
    if !document.types.iter().any(|kind| kind == "VerifiableCredential")
        || !document.types.iter().any(|kind| kind == RESULT_TYPE)
    {
        return Err(Error::NotAResult(format!("its type must include VerifiableCredential and {RESULT_TYPE}")));
    }
    let subject = &document.credential_subject;
    if subject.kind != SUBJECT_TYPE || subject.format != RESULT_FORMAT {
        return Err(Error::NotAResult(format!(
            "its credentialSubject is a {:?} of format {:?}, not a {SUBJECT_TYPE} of {RESULT_FORMAT}",
            subject.kind, subject.format
        )));
    }
    if subject.answers.0.values().any(|entry| entry.title.is_some() || entry.allowed.is_some() || entry.items.is_some())
    {
        return Err(Error::NotAResult("its answers carry template hints (title, allowed, items)".into()));
    }
    Timestamp::parse(&document.valid_from)?;
    if let Some(created) = &document.proof.created {
        Timestamp::parse(created)?;
    }
    Ok(())
}

fn compare_reports(claimed: &ReportDoc, computed: &ReportDoc) -> Result<(), Error> {
    let mismatch = |field: &'static str, claimed: String, computed: String| {
        Err(Error::ReportMismatch { field, claimed, computed })
    };
    if claimed.total != computed.total {
        return mismatch("total", claimed.total.to_string(), computed.total.to_string());
    }
    if claimed.maximum != computed.maximum {
        return mismatch("maximum", claimed.maximum.to_string(), computed.maximum.to_string());
    }
    if claimed.score != computed.score {
        return mismatch("score", claimed.score.to_string(), computed.score.to_string());
    }
    if claimed.grade != computed.grade {
        return mismatch("grade", claimed.grade.clone(), computed.grade.clone());
    }
    if claimed.vetoes != computed.vetoes {
        return mismatch("vetoes", format!("{:?}", claimed.vetoes), format!("{:?}", computed.vetoes));
    }
    if claimed != computed {
        let describe = |report: &ReportDoc| serde_json::to_string(report).unwrap_or_default();
        return mismatch("the report", describe(claimed), describe(computed));
    }
    Ok(())
}

/// SHA-256 of `bytes`, lowercase hex: how the widget records a local evidence file.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The canonical (RFC 8785) text of a JSON document, for tools that show what is signed.
pub fn canonical_text(json: &str) -> Result<String, Error> {
    let value = strict_json::parse(json).map_err(|error| Error::syntax("document", &error, json))?;
    Ok(canonicalize(&value))
}
