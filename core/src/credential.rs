//! Signed results: building, signing and verifying the W3C Verifiable Credential with an
//! `eddsa-jcs-2022` Data Integrity proof (and, when the key has an SM2 part, a second proof in
//! China's national algorithms beside it: a proof set), and re-scoring what it claims.
//!
//! The time and the random bytes are arguments; the core has neither clock nor RNG.

use ed25519_dalek::Signer as _;
use sha2::{Digest as _, Sha256};

use crate::answers::Answers;
use crate::canonical::{canonical_sha256, hex};
use crate::catalogue::Catalogue;
use crate::error::{Document, Error, Problem, ProblemKind, ProofProblem, ProofValueProblem};
use crate::json::{self, Json, Object};
use crate::keys::{AssociationKey, PublicKey};
use crate::report::Report;
use crate::time::Timestamp;
use crate::wire::read::Reader;
use crate::wire::{
    ANSWERS_FORMAT, ANSWERS_FORMAT_2, AnswersDoc, CredentialDoc, RESULT_FORMAT, RESULT_FORMAT_2, RESULT_FORMATS,
    RESULT_TYPE, ReportDoc, ResultDoc, SUBJECT_TYPE, Subject, SubjectDoc, VC_CONTEXT_V2,
};

/// The largest result file accepted, checked before parsing.
pub const MAX_RESULT_BYTES: usize = 4 * 1024 * 1024;
/// The proof type.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The cryptosuite.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The cryptosuite of the second proof, selfcheck's own (no W3C suite exists for SM2): an SM2
/// signature with SM3 and the default identifier (GB/T 32918.2, GB/T 35276) of the canonical
/// (RFC 8785) proof configuration followed by the canonical document without its proofs, DER,
/// as multibase base58btc; its verification method a `did:key` of the SM2 key (multicodec
/// `sm2-pub`). See [`crate::guomi`].
pub const SM2_CRYPTOSUITE: &str = "selfcheck-sm2-sm3-jcs-2026";
/// The proof purpose of an issuer's statement.
pub const PROOF_PURPOSE: &str = "assertionMethod";
/// How far a result's times may be ahead of the verifier's clock before it is "not valid yet":
/// clocks of ordinary office computers drift by minutes.
pub const CLOCK_SKEW_SECONDS: i64 = 5 * 60;
/// How far `proof.created` may be from `validFrom` before a warning: a day.
pub const CREATED_DRIFT_SECONDS: i64 = 24 * 60 * 60;
/// The longest assessment period without a warning: a year (366 days).
pub const LONGEST_PERIOD_DAYS: i64 = 366;

/// The data an `eddsa-jcs-2022` signature covers: SHA-256 of the canonical proof
/// configuration followed by SHA-256 of the canonical document without its proof.
pub fn hash_data(proof_configuration: &Json, unsecured_document: &Json) -> [u8; 64] {
    let mut data = [0u8; 64];
    data[..32].copy_from_slice(&canonical_sha256(proof_configuration));
    data[32..].copy_from_slice(&canonical_sha256(unsecured_document));
    data
}

/// Adds an `eddsa-jcs-2022` proof to `document` (a JSON object without `proof`), signed by `key`;
/// when the key has an SM2 part, a proof set of it and a second proof by the SM2 part
/// ([`SM2_CRYPTOSUITE`]), each over the document without the other.
pub fn add_proof(document: &mut Object, key: &AssociationKey, created: Option<&Timestamp>) {
    let unsecured = Json::Object(document.clone());
    let configuration = |cryptosuite: &str, method: String| {
        let mut proof = Object::new();
        proof.insert("type", PROOF_TYPE);
        proof.insert("cryptosuite", cryptosuite);
        if let Some(created) = created {
            proof.insert("created", created.as_str());
        }
        proof.insert("verificationMethod", method);
        proof.insert("proofPurpose", PROOF_PURPOSE);
        if let Some(context) = document.get("@context") {
            proof.insert("@context", context.clone());
        }
        proof
    };
    let mut proof = configuration(CRYPTOSUITE, key.public().verification_method());
    let signature = key.signing_key().sign(&hash_data(&Json::Object(proof.clone()), &unsecured));
    proof.insert("proofValue", format!("z{}", bs58::encode(signature.to_bytes()).into_string()));
    let proofs = match key.sm2() {
        None => Json::Object(proof),
        Some(sm2) => {
            let mut second = configuration(SM2_CRYPTOSUITE, sm2.public().verification_method());
            let signature = sm2.sign(&sm2_signing_data(&Json::Object(second.clone()), &unsecured));
            second.insert("proofValue", format!("z{}", bs58::encode(signature).into_string()));
            Json::Array(vec![Json::Object(proof), Json::Object(second)])
        }
    };
    document.insert("proof", proofs);
}

/// The bytes the SM2 proof signs (SM2 hashes them with SM3 itself): the canonical proof
/// configuration followed by the canonical document without its proofs, each as RFC 8785
/// writes it. `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678`
/// checks the signature over them.
pub fn sm2_signing_data(proof_configuration: &Json, unsecured_document: &Json) -> Vec<u8> {
    let mut data = crate::canonical::canonicalize(proof_configuration).into_bytes();
    data.extend_from_slice(crate::canonical::canonicalize(unsecured_document).as_bytes());
    data
}

/// The proofs of a secured document as a proof set may hold them: the `eddsa-jcs-2022` proof,
/// and the SM2 proof when there is one.
///
/// # Errors
/// [`Error::UnsupportedProof`]: none, or not one object nor a set of one `eddsa-jcs-2022` proof
/// and one [`SM2_CRYPTOSUITE`] proof.
pub fn proof_set(document: &Json) -> Result<(&Object, Option<&Object>), Error> {
    let Some(object) = document.as_object() else {
        return Err(Error::UnsupportedProof(ProofProblem::Missing));
    };
    fn suite(proof: &Object) -> Option<&str> {
        proof.get("cryptosuite").and_then(Json::as_str)
    }
    match object.get("proof") {
        None => Err(Error::UnsupportedProof(ProofProblem::Missing)),
        Some(Json::Object(proof)) => Ok((proof, None)),
        Some(Json::Array(proofs)) => match proofs.as_slice() {
            [Json::Object(first), Json::Object(second)] => match (suite(first), suite(second)) {
                (Some(CRYPTOSUITE), Some(SM2_CRYPTOSUITE)) => Ok((first, Some(second))),
                (Some(SM2_CRYPTOSUITE), Some(CRYPTOSUITE)) => Ok((second, Some(first))),
                _ => Err(Error::UnsupportedProof(ProofProblem::NotOneObject)),
            },
            _ => Err(Error::UnsupportedProof(ProofProblem::NotOneObject)),
        },
        Some(_) => Err(Error::UnsupportedProof(ProofProblem::NotOneObject)),
    }
}

/// Verifies the proofs of a secured document (any JSON object) and returns the key that signed
/// it: the `eddsa-jcs-2022` proof, whose verification method must be a `did:key` of Ed25519,
/// and in a proof set the SM2 proof too, whose key is then the returned key's SM2 part.
///
/// This proves only that the holder of that key signed the document; whose key it is, is for
/// a register to say (see [`crate::register`]): the fingerprint of a key with an SM2 part
/// covers both, so a second proof by another SM2 key shows there.
///
/// # Errors
/// [`Error::UnsupportedProof`], [`Error::BadDidKey`], [`Error::VerificationMethodMismatch`],
/// [`Error::ProofContextMismatch`], [`Error::BadProofValue`] or [`Error::SignatureMismatch`];
/// for the SM2 proof the same, and [`Error::Sm2SignatureMismatch`] when its signature does not
/// hold.
pub fn verify_proof(document: &Json) -> Result<PublicKey, Error> {
    let (proof, sm2_proof) = proof_set(document)?;
    let checked = checked_proof(document, proof, CRYPTOSUITE)?;
    let key = PublicKey::from_did(&checked.did)?;
    if checked.fragment != key.multibase() {
        return Err(Error::VerificationMethodMismatch {
            expected: key.verification_method(),
            found: checked.method.clone(),
        });
    }
    let signature = decode_signature(&checked.proof_value)?;
    key.verify_strict(&hash_data(&checked.configuration, &checked.unsecured), &signature)?;
    let Some(sm2_proof) = sm2_proof else { return Ok(key) };
    let checked = checked_proof(document, sm2_proof, SM2_CRYPTOSUITE)?;
    let sm2 = crate::guomi::Sm2PublicKey::from_did(&checked.did)?;
    if checked.fragment != sm2.multibase() {
        return Err(Error::VerificationMethodMismatch { expected: sm2.verification_method(), found: checked.method });
    }
    let signature = base58_value(&checked.proof_value)?;
    sm2.verify(&sm2_signing_data(&checked.configuration, &checked.unsecured), &signature)?;
    Ok(key.with_sm2(sm2))
}

/// A proof whose form was checked, with what its signature covers.
struct CheckedProof {
    method: String,
    did: String,
    fragment: String,
    proof_value: String,
    configuration: Json,
    unsecured: Json,
}

/// Checks one proof's form against `cryptosuite` and gives its verification method and what its
/// signature covers: its configuration (without `proofValue`) and the document without any
/// proof, with the proof's `@context` (vc-di-eddsa), which must begin the document's.
fn checked_proof(document: &Json, proof: &Object, cryptosuite: &str) -> Result<CheckedProof, Error> {
    let field = |name: &str| proof.get(name).and_then(Json::as_str);
    // A text as it is (the message quotes it once), anything else as JSON; absent: empty.
    let shown = |name: &str| match proof.get(name) {
        Some(Json::String(text)) => text.clone(),
        Some(other) => json::compact(other),
        None => String::new(),
    };
    if field("type") != Some(PROOF_TYPE) {
        return Err(Error::UnsupportedProof(ProofProblem::Type(shown("type"))));
    }
    if field("cryptosuite") != Some(cryptosuite) {
        return Err(Error::UnsupportedProof(ProofProblem::Cryptosuite(shown("cryptosuite"))));
    }
    if field("proofPurpose") != Some(PROOF_PURPOSE) {
        return Err(Error::UnsupportedProof(ProofProblem::Purpose(shown("proofPurpose"))));
    }
    let method = field("verificationMethod").ok_or(Error::UnsupportedProof(ProofProblem::NoVerificationMethod))?;
    let (did, fragment) =
        method.split_once('#').ok_or_else(|| Error::UnsupportedProof(ProofProblem::NoKeyFragment(method.into())))?;
    let mut unsecured = document.as_object().cloned().unwrap_or_default();
    unsecured.remove("proof");
    let mut configuration = proof.clone();
    let proof_value = configuration.remove("proofValue").ok_or(Error::BadProofValue(ProofValueProblem::Missing))?;
    if let Some(proof_context) = proof.get("@context") {
        let document_context = unsecured.get("@context").and_then(Json::as_array);
        let proof_context = proof_context.as_array();
        let is_prefix = match (proof_context, document_context) {
            (Some(proof_context), Some(document_context)) => document_context.starts_with(proof_context),
            _ => false,
        };
        if !is_prefix {
            return Err(Error::ProofContextMismatch);
        }
        // vc-di-eddsa: the unsecured document is hashed with the proof's @context.
        unsecured.insert("@context", Json::Array(proof_context.map(<[Json]>::to_vec).unwrap_or_default()));
    }
    Ok(CheckedProof {
        method: method.to_owned(),
        did: did.to_owned(),
        fragment: fragment.to_owned(),
        proof_value: proof_value.as_str().unwrap_or("").to_owned(),
        configuration: Json::Object(configuration),
        unsecured: Json::Object(unsecured),
    })
}

/// The bytes of a multibase base58btc `proofValue`.
fn base58_value(proof_value: &str) -> Result<Vec<u8>, Error> {
    let encoded = proof_value.strip_prefix('z').ok_or(Error::BadProofValue(ProofValueProblem::NotMultibase))?;
    bs58::decode(encoded).into_vec().map_err(|_| Error::BadProofValue(ProofValueProblem::NotBase58))
}

fn decode_signature(proof_value: &str) -> Result<[u8; 64], Error> {
    let bytes = base58_value(proof_value)?;
    bytes.as_slice().try_into().map_err(|_| Error::BadProofValue(ProofValueProblem::WrongLength(bytes.len())))
}

/// Checks that `answers` carry what a result needs: the profile's name, credit code and period,
/// and a title for every problem reported this month.
fn check_signable(answers: &Answers) -> Result<(), Error> {
    let problems = missing_for_signing(&answers.profile);
    if !problems.is_empty() {
        return Err(Error::IncompleteProfile(problems));
    }
    let problems = answers.monthly().signing_problems();
    if problems.is_empty() { Ok(()) } else { Err(Error::InvalidAnswers(problems)) }
}

/// What a profile as typed lacks before a result can be signed: its invalid fields and the
/// ones signing needs. Empty when `sign_result` will accept it; the widget asks this rather
/// than repeating the rules.
pub fn signing_profile_problems(doc: &crate::wire::ProfileDoc) -> Vec<Problem> {
    let mut problems = Vec::new();
    let profile = crate::answers::check_profile(doc, &mut problems);
    problems.extend(missing_for_signing(&profile));
    if !profile.contact_email.is_empty() && !crate::answers::is_email(&profile.contact_email) {
        problems.push(Problem::new("profile.contact.email", ProblemKind::BadEmail(profile.contact_email.clone())));
    }
    problems
}

fn missing_for_signing(profile: &crate::answers::Profile) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (at, missing) in [
        ("profile.name", profile.name.is_empty()),
        ("profile.credit_code", profile.credit_code.is_none()),
        ("profile.period.from", profile.period_from.is_none()),
        ("profile.period.to", profile.period_to.is_none()),
    ] {
        if missing {
            problems.push(Problem::new(at, ProblemKind::Missing));
        }
    }
    if !profile.name.is_empty() && !crate::text::has_visible_text(&profile.name) {
        problems.push(Problem::new("profile.name", ProblemKind::NoVisibleText));
    }
    problems
}

/// `urn:uuid:` of a version 4 UUID made from 16 random bytes.
pub(crate) fn uuid_urn(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex(&bytes);
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// Whether `id` is `urn:uuid:` and a UUID in its 8-4-4-4-12 hexadecimal form.
pub(crate) fn is_urn_uuid(id: &str) -> bool {
    let Some(uuid) = id.strip_prefix("urn:uuid:") else { return false };
    let groups: Vec<&str> = uuid.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, length)| group.len() == length && group.bytes().all(|byte| byte.is_ascii_hexdigit()))
}

/// Checks what every selfcheck credential shares, given as (`@context`, `type`, `id`): exactly the
/// VC 2.0 context (stricter than vc-di-eddsa, which lets a document's @context grow beyond the
/// proof's), the types `VerifiableCredential` and `credential_type`, and a `urn:uuid:` id. A
/// missing member is the reader's to report.
#[doc(hidden)] // For the readers of `selfcheck-bureau`, not an API of its own.
pub fn check_envelope(
    reader: &mut Reader,
    value: &Json,
    (context, types, id): (&[String], &[String], &str),
    credential_type: &str,
) {
    if context != [VC_CONTEXT_V2] && value.get("@context").is_some() {
        reader.problem("@context", ProblemKind::MustBe(format!("[\"{VC_CONTEXT_V2}\"]")));
    }
    if !types.iter().any(|kind| kind == "VerifiableCredential") || !types.iter().any(|kind| kind == credential_type) {
        reader.problem("type", ProblemKind::MustInclude(vec!["VerifiableCredential".into(), credential_type.into()]));
    }
    if !is_urn_uuid(id) && value.get("id").is_some() {
        reader.problem("id", ProblemKind::NotUrnUuid);
    }
}

/// Checks, scores and signs `answers`: the one function the CLI and the widget call to make a
/// result. Returns the result document as pretty-printed JSON.
///
/// ```
/// use selfcheck_core::{Answers, AssociationKey, Catalogue, ProfileBuilder, Timestamp, sign_result, verify_result};
///
/// let catalogue = Catalogue::builtin();
/// let profile = ProfileBuilder::new("广东省某某行业协会", "514400005000031282")
///     .period("2026-11-01", "2026-11-30")
///     .build()
///     .unwrap();
/// let answers = Answers::blank(catalogue).with_profile(profile);
/// let key = AssociationKey::from_seed([7; 32]);
/// let signed_at = Timestamp::parse("2026-12-01T08:00:00Z").unwrap();
/// let json = sign_result(catalogue, &answers, &key, &signed_at, [1; 16]).unwrap();
/// // What it signs, it verifies.
/// let verified = verify_result(&json, &[catalogue], &signed_at).unwrap();
/// assert_eq!(verified.key, key.public());
///
/// // A profile without a period is refused before anything is signed.
/// let no_period = ProfileBuilder::new("广东省某某行业协会", "514400005000031282").build().unwrap();
/// let incomplete = Answers::blank(catalogue).with_profile(no_period);
/// assert!(sign_result(catalogue, &incomplete, &key, &signed_at, [1; 16]).is_err());
/// ```
///
/// # Errors
/// [`Error::CatalogueMismatch`] when the answers were checked against another catalogue, and
/// [`Error::IncompleteProfile`] listing what the profile lacks (name, credit code, period) or
/// gets wrong (a name of invisible characters, a malformed e-mail address).
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
    let answers_doc = answers.to_doc(catalogue);
    let problems = signing_profile_problems(&answers_doc.profile);
    if !problems.is_empty() {
        return Err(Error::IncompleteProfile(problems));
    }
    let problems = answers.monthly().signing_problems();
    if !problems.is_empty() {
        return Err(Error::InvalidAnswers(problems));
    }
    let report = Report::compute(catalogue, answers)?;
    // Format 2 only when a part of it is present: a result without them verifies with every release.
    let format = if answers_doc.format == ANSWERS_FORMAT { RESULT_FORMAT } else { RESULT_FORMAT_2 };
    let subject = SubjectDoc {
        kind: SUBJECT_TYPE.to_owned(),
        format: format.to_owned(),
        profile: answers_doc.profile,
        catalogue: catalogue.reference(),
        answers: answers_doc.answers,
        report: report.to_doc(answers)?,
        monthly: answers_doc.monthly,
        rectification: answers_doc.rectification,
    };
    let document = ResultDoc::unsigned(RESULT_TYPE, key.public().did(), issued, random_id, subject);
    Ok(sign_document(&document, key, issued))
}

/// `document` signed by `key` at `issued` (an `eddsa-jcs-2022` proof added), as the pretty JSON
/// selfcheck writes: the one way a result or a summary is signed.
#[doc(hidden)] // For the bureau's summaries, not an API of its own: sign with `sign_result`.
pub fn sign_document<S: Subject>(document: &CredentialDoc<S>, key: &AssociationKey, issued: &Timestamp) -> String {
    let Json::Object(mut object) = document.unsecured_json() else { unreachable!("a credential is an object") };
    add_proof(&mut object, key, Some(issued));
    json::pretty(&Json::Object(object))
}

/// What a verified result says, and what verification proved.
///
/// # What is proven, and what is not
/// - The document was signed by the holder of the private key of [`VerifiedResult::key`] (the
///   `did:key` issuer) and not changed since, and its report is what its answers score under
///   the catalogue it pins.
/// - Nothing about **who** holds that key: anyone can make a key and sign a result naming any
///   association. Only the bureau's register of keys, with each association's key recorded
///   against its credit code, says whether the key is the association's
///   ([`crate::register::KeyRegister::status`]). A result whose key is not registered for its
///   credit code must not be trusted as that association's statement.
/// - Nothing about whether the answers are true: they are the association's own assessment.
#[derive(Debug, Clone)]
pub struct VerifiedResult {
    /// The key that signed it, which is the issuer's.
    pub key: PublicKey,
    /// When it was signed (`validFrom`).
    pub issued: Timestamp,
    /// The credential's id.
    pub id: String,
    /// The catalogue it pins.
    pub catalogue: Catalogue,
    /// The answers it carries, checked against that catalogue.
    pub answers: Answers,
    /// The report, recomputed and found equal to the embedded one.
    pub report: Report,
    /// Lowercase hex SHA-256 of the canonical form of the whole signed document.
    pub digest: String,
    /// What is odd about it without making it invalid.
    pub warnings: Vec<ResultWarning>,
}

impl VerifiedResult {
    /// What to fix, in the order to fix it.
    ///
    /// # Errors
    ///
    /// [`Error::CatalogueMismatch`] when the fields were changed after verification so that the
    /// answers no longer belong to the report's catalogue (verification gives ones that do).
    pub fn rectification(&self) -> Result<Vec<crate::Rectification<'_>>, Error> {
        self.report.rectification_entries(&self.answers)
    }

    /// The association's unified social credit code.
    pub fn credit_code(&self) -> Option<&crate::CreditCode> {
        self.answers.profile.credit_code.as_ref()
    }
}

/// Something odd about a valid result, worth a look by whoever receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResultWarning {
    /// `proof.created` is more than a day from `validFrom`.
    CreatedFarFromValidFrom {
        /// `validFrom`.
        valid_from: String,
        /// `proof.created`.
        created: String,
    },
    /// The result was signed (Beijing time) before the last day of the period it assesses.
    SignedBeforePeriodEnds {
        /// The signing date, Beijing time, `YYYY-MM-DD`.
        signed: String,
        /// The period's last day.
        period_to: String,
    },
    /// The period assessed is longer than a year.
    PeriodLongerThanAYear {
        /// First day.
        from: String,
        /// Last day.
        to: String,
    },
}

impl ResultWarning {
    /// A stable code for scripts and bindings.
    pub fn code(&self) -> &'static str {
        match self {
            ResultWarning::CreatedFarFromValidFrom { .. } => "created-far-from-valid-from",
            ResultWarning::SignedBeforePeriodEnds { .. } => "signed-before-period-ends",
            ResultWarning::PeriodLongerThanAYear { .. } => "period-longer-than-a-year",
        }
    }
}

/// Verifies a result: its format, the proof (cryptosuite, did:key, verification method, proof
/// context, the Ed25519 signature, strictly), its times against the verifier's clock `now`,
/// the catalogue it pins (one of `catalogues`), and the report re-scored from its answers.
///
/// It runs the stages [`ResultClaims::read`], [`ResultClaims::verify_signature`] and
/// [`SignedResult::check_content`] in that order; the bureau's verdict
/// (`selfcheck_bureau::verdict`) runs the same stages with the key register between the
/// signature and the content.
///
/// A valid result proves who signed it only together with a register of keys: see
/// [`VerifiedResult`] for what is and is not proven.
///
/// ```
/// use selfcheck_core::{Catalogue, Timestamp, verify_result};
///
/// let json = include_str!("../../tests/data/golden/result-complete.json");
/// let now = Timestamp::parse("2026-12-01T00:00:00Z").unwrap();
/// let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
/// let verified = verify_result(json, &catalogues, &now).unwrap();
/// assert_eq!(verified.answers.profile().name(), "广东省示例行业协会");
/// assert_eq!(verified.report.grade().label.zh, "合格");
/// let to_fix: Vec<String> =
///     verified.rectification()?.iter().map(|entry| format!("{} −{}", entry.criterion.id, entry.lost)).collect();
/// assert!(!to_fix.is_empty());
/// # Ok::<(), selfcheck_core::Error>(())
/// ```
///
/// # Errors
/// In the order checked, the first failure: [`Error::TooLarge`] or [`Error::Json`] (not
/// readable), [`Error::WrongDocument`] (another kind of document), [`Error::Malformed`] or
/// [`Error::BadTimestamp`] (a result of the wrong format, every field problem listed), the proof
/// errors of [`verify_proof`], [`Error::NotYetValid`], [`Error::UnknownCatalogue`],
/// [`Error::InvalidAnswers`] or [`Error::IncompleteProfile`], and [`Error::ReportMismatch`].
/// [`Error::class`] ranks them.
pub fn verify_result(json: &str, catalogues: &[&Catalogue], now: &Timestamp) -> Result<VerifiedResult, Error> {
    ResultClaims::read(json)?.verify_signature(now)?.check_content(catalogues)
}

/// A result read and found to be of the result format: what it **claims**. Nothing in it is
/// verified; show it only marked as unverified. The first two stages of verification.
#[derive(Debug, Clone)]
pub struct ResultClaims {
    value: Json,
    document: ResultDoc,
}

impl ResultClaims {
    /// Reads a result: that it is a signed result at all (not another kind of document) and of
    /// the result format (every field problem listed by path, the timestamps well formed).
    ///
    /// # Errors
    /// [`Error::TooLarge`], [`Error::Json`] or [`Error::WrongDocument`] (not a result, class
    /// [`crate::ErrorClass::NotAResult`]); [`Error::Malformed`], [`Error::BadTimestamp`],
    /// [`Error::UnsupportedProof`] (a proof that is not one object) or
    /// [`Error::ProofContextMismatch`].
    pub fn read(json: &str) -> Result<ResultClaims, Error> {
        let value = crate::wire::expect_document(json, Document::Result, MAX_RESULT_BYTES)?;
        let document = read_result(&value)?;
        Ok(ResultClaims { value, document })
    }

    /// What the result claims, unverified.
    pub fn document(&self) -> &ResultDoc {
        &self.document
    }

    /// The third stage: the proof, that its key is the issuer's, and that neither `validFrom`
    /// nor `proof.created` is later than the verifier's clock `now` (give or take
    /// [`CLOCK_SKEW_SECONDS`]).
    ///
    /// # Errors
    /// The errors of [`verify_proof`], [`Error::VerificationMethodMismatch`] when the key is not
    /// the issuer's, and [`Error::NotYetValid`].
    pub fn verify_signature(self, now: &Timestamp) -> Result<SignedResult, Error> {
        let key = verify_proof(&self.value)?;
        let document = &self.document;
        if document.issuer != key.did() {
            return Err(Error::VerificationMethodMismatch {
                expected: format!("{}#…", document.issuer),
                found: document.proof.verification_method.clone(),
            });
        }
        let issued = Timestamp::parse(&document.valid_from)?;
        let created = document.proof.created.as_deref().map(Timestamp::parse).transpose()?;
        check_not_later_than_now(&issued, created.as_ref(), now)?;
        let digest = hex(&canonical_sha256(&self.value));
        Ok(SignedResult { claims: self, key, issued, created, digest })
    }
}

/// That neither `validFrom` nor `proof.created` is later than the verifier's clock `now`, give or
/// take [`CLOCK_SKEW_SECONDS`]: of results and of the bureau's summaries alike.
#[doc(hidden)] // For the readers of `selfcheck-bureau`, not an API of its own.
pub fn check_not_later_than_now(issued: &Timestamp, created: Option<&Timestamp>, now: &Timestamp) -> Result<(), Error> {
    for (field, time) in [("validFrom", Some(issued)), ("proof.created", created)] {
        if let Some(time) = time
            && time.unix_seconds() > now.unix_seconds() + CLOCK_SKEW_SECONDS
        {
            return Err(Error::NotYetValid { field: field.into(), time: time.to_string(), now: now.to_string() });
        }
    }
    Ok(())
}

/// A result whose signature holds: everything in it is what the holder of [`SignedResult::key`]
/// signed, unchanged. Whose key that is, and whether its content fits a catalogue and scores as
/// it says, are the next stages.
#[derive(Debug, Clone)]
pub struct SignedResult {
    claims: ResultClaims,
    key: PublicKey,
    issued: Timestamp,
    created: Option<Timestamp>,
    digest: String,
}

impl SignedResult {
    /// The key that signed it.
    pub fn key(&self) -> &PublicKey {
        &self.key
    }

    /// When it was signed (`validFrom`).
    pub fn issued(&self) -> &Timestamp {
        &self.issued
    }

    /// The document as signed.
    pub fn document(&self) -> &ResultDoc {
        &self.claims.document
    }

    /// Lowercase hex SHA-256 of the canonical form of the whole signed document: the result's
    /// digest, the same for every copy of it whatever its whitespace.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The last stages: the catalogue it pins (one of `catalogues`), its answers and profile
    /// checked against that catalogue, and the report re-scored from the answers.
    ///
    /// # Errors
    /// [`Error::UnknownCatalogue`], [`Error::InvalidAnswers`], [`Error::IncompleteProfile`] or
    /// [`Error::ReportMismatch`].
    pub fn check_content(self, catalogues: &[&Catalogue]) -> Result<VerifiedResult, Error> {
        let SignedResult { claims, key, issued, created, digest } = self;
        let ResultClaims { document, .. } = claims;
        let subject = document.credential_subject;
        let reference = &subject.catalogue;
        let catalogue = pinned_catalogue(catalogues, reference)?;
        let has_part_of_2 = subject.monthly.is_some() || subject.rectification.is_some();
        let answers_doc = AnswersDoc {
            format: if has_part_of_2 { ANSWERS_FORMAT_2 } else { ANSWERS_FORMAT }.to_owned(),
            catalogue: reference.clone(),
            profile: subject.profile,
            answers: subject.answers,
            monthly: subject.monthly,
            rectification: subject.rectification,
        };
        let answers = Answers::from_doc(catalogue, &answers_doc)?;
        check_signable(&answers)?;
        let report = Report::compute(catalogue, &answers)?;
        compare_reports(&subject.report, &report.to_doc(&answers)?)?;
        let warnings = warnings(&issued, created.as_ref(), &answers);
        Ok(VerifiedResult {
            key,
            issued,
            id: document.id,
            catalogue: (*catalogue).clone(),
            answers,
            report,
            digest,
            warnings,
        })
    }
}

/// Reads the result's fields and checks the parts of its format that are fixed: every problem
/// at once, each with its path.
fn read_result(value: &Json) -> Result<ResultDoc, Error> {
    let mut reader = Reader::new();
    // A proof that is not one object, nor a proof set selfcheck writes, is named as such
    // before its fields are read.
    if value.get("proof").is_some() {
        proof_set(value)?;
    }
    let document = ResultDoc::read(&mut reader, value);
    check_envelope(&mut reader, value, (&document.context, &document.types, &document.id), RESULT_TYPE);
    let subject = &document.credential_subject;
    if subject.kind != SUBJECT_TYPE && value.get("credentialSubject").and_then(|s| s.get("type")).is_some() {
        reader.problem("credentialSubject.type", ProblemKind::MustBe(SUBJECT_TYPE.into()));
    }
    // Version 2 when, and only when, a part of it is present.
    let has_part_of_2 = subject.monthly.is_some() || subject.rectification.is_some();
    let format = if has_part_of_2 { RESULT_FORMAT_2 } else { RESULT_FORMAT };
    let stated = value.get("credentialSubject").and_then(|s| s.get("format")).is_some();
    if stated && (!RESULT_FORMATS.contains(&subject.format.as_str()) || (has_part_of_2 && subject.format != format)) {
        reader.problem("credentialSubject.format", ProblemKind::MustBe(format.into()));
    }
    for (id, entry) in &subject.answers {
        if entry.title.is_some() || entry.allowed.is_some() || entry.items.is_some() {
            reader.problem(format!("credentialSubject.answers.{id}"), ProblemKind::TemplateHints);
        }
    }
    let problems = reader.problems;
    if !problems.is_empty() {
        return Err(Error::Malformed { what: Document::Result, problems });
    }
    // Times are part of the format: a malformed one is refused before the signature is checked.
    Timestamp::parse(&document.valid_from)?;
    if let Some(created) = &document.proof.created {
        Timestamp::parse(created)?;
    }
    if document.proof.context.as_ref().is_some_and(|context| context != &document.context) {
        return Err(Error::ProofContextMismatch);
    }
    Ok(document)
}

fn warnings(issued: &Timestamp, created: Option<&Timestamp>, answers: &Answers) -> Vec<ResultWarning> {
    let mut warnings = Vec::new();
    if let Some(created) = created
        && (created.unix_seconds() - issued.unix_seconds()).abs() > CREATED_DRIFT_SECONDS
    {
        warnings.push(ResultWarning::CreatedFarFromValidFrom {
            valid_from: issued.to_string(),
            created: created.to_string(),
        });
    }
    let profile = &answers.profile;
    let signed = issued.beijing_date();
    if let Some(period_to) = &profile.period_to
        && signed < *period_to
    {
        warnings.push(ResultWarning::SignedBeforePeriodEnds {
            signed: signed.as_str().to_owned(),
            period_to: period_to.as_str().to_owned(),
        });
    }
    if let (Some(from), Some(to)) = (&profile.period_from, &profile.period_to)
        && crate::time::period_days(from, to) > LONGEST_PERIOD_DAYS
    {
        warnings
            .push(ResultWarning::PeriodLongerThanAYear { from: from.as_str().to_owned(), to: to.as_str().to_owned() });
    }
    warnings
}

fn compare_reports(claimed: &ReportDoc, computed: &ReportDoc) -> Result<(), Error> {
    if claimed == computed {
        return Ok(());
    }
    let (claimed, computed) = (claimed.to_json(), computed.to_json());
    let (field, claimed, computed) = first_difference(&claimed, &computed, String::new())
        .unwrap_or_else(|| ("report".into(), String::new(), String::new()));
    Err(Error::ReportMismatch { field, claimed, computed })
}

/// The path of the first member where `claimed` and `computed` differ, and both values there.
/// Objects and arrays of the same length are compared member by member.
fn first_difference(claimed: &Json, computed: &Json, at: String) -> Option<(String, String, String)> {
    let show = |value: &Json| match value {
        Json::String(text) => text.clone(),
        other => json::compact(other),
    };
    match (claimed, computed) {
        (Json::Object(claimed), Json::Object(computed)) => {
            let keys = computed.keys().chain(claimed.keys().filter(|key| !computed.contains_key(key)));
            keys.into_iter().find_map(|key| {
                let (a, b) = (claimed.get(key).unwrap_or(&Json::Null), computed.get(key).unwrap_or(&Json::Null));
                first_difference(a, b, crate::wire::read::join(&at, key))
            })
        }
        (Json::Array(a), Json::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(index, (a, b))| first_difference(a, b, crate::wire::read::index(&at, index))),
        _ if claimed == computed => None,
        _ => Some((at, show(claimed), show(computed))),
    }
}

pub use crate::canonical::is_sha256_hex;

/// The catalogue among `catalogues` whose digest `reference` pins.
///
/// # Errors
/// [`Error::UnknownCatalogue`] naming the reference when none has it.
pub fn pinned_catalogue<'c>(
    catalogues: &[&'c Catalogue],
    reference: &crate::wire::CatalogueRefDoc,
) -> Result<&'c Catalogue, Error> {
    catalogues.iter().copied().find(|catalogue| Some(catalogue.digest()) == reference.digest.as_deref()).ok_or_else(
        || Error::UnknownCatalogue {
            id: reference.id.clone(),
            version: reference.version.clone(),
            digest: reference.digest.clone().unwrap_or_default(),
        },
    )
}

/// Who signed a credential of the bureau's (a summary, a notice) and when, checked as a result's
/// signature is: its times well formed, its proof holding, made by its issuer's key, and not
/// signed after `now`.
///
/// # Errors
/// The errors of [`Timestamp::parse`], [`verify_proof`], [`Error::VerificationMethodMismatch`]
/// and [`check_not_later_than_now`].
#[doc(hidden)] // For the readers of the bureau's documents, not an API of its own.
pub fn verify_issued<S>(
    value: &Json,
    document: &crate::wire::CredentialDoc<S>,
    now: &Timestamp,
) -> Result<(PublicKey, Timestamp), Error> {
    let issued = Timestamp::parse(&document.valid_from)?;
    let created = document.proof.created.as_deref().map(Timestamp::parse).transpose()?;
    let key = verify_proof(value)?;
    if document.issuer != key.did() {
        return Err(Error::VerificationMethodMismatch {
            expected: format!("{}#…", document.issuer),
            found: document.proof.verification_method.clone(),
        });
    }
    check_not_later_than_now(&issued, created.as_ref(), now)?;
    Ok((key, issued))
}

/// SHA-256 of `bytes`, lowercase hex: how the widget records a local evidence file.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The canonical (RFC 8785) text of a JSON document, for tools that show what is signed.
///
/// # Errors
/// [`Error::Json`] when it is not a strict JSON document.
pub fn canonical_text(text: &str) -> Result<String, Error> {
    let value = json::parse(text).map_err(|error| Error::Json { what: Document::UnknownJson, error })?;
    Ok(json::canonical(&value))
}
