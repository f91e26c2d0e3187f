//! The Verifiable Credential 2.0 envelope that selfcheck's two signed documents share, the
//! association's result and the bureau's summary: context, id, types, issuer, the time of
//! signing, a subject of each document's own, and the `eddsa-jcs-2022` proof.

use super::read::{Reader, object};
use super::{ProofDoc, VC_CONTEXT_V2};
use crate::json::Json;

/// What a credential states: the subject of a result or of a summary, read and written in its
/// own way inside the envelope.
pub trait Subject: Sized {
    /// Reads the subject at `at` (absent: `None`), collecting every problem with its path.
    #[doc(hidden)] // For the readers of the two documents, not an API of its own.
    fn read(reader: &mut Reader, value: Option<&Json>, at: &str) -> Self;

    /// The subject as JSON, members in the order selfcheck writes them.
    fn to_json(&self) -> Json;
}

/// A signed selfcheck document: the envelope around its subject `S`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialDoc<S> {
    /// `["https://www.w3.org/ns/credentials/v2"]`.
    pub context: Vec<String>,
    /// `urn:uuid:` of a random UUID.
    pub id: String,
    /// `["VerifiableCredential", ` the document's own type `]`.
    pub types: Vec<String>,
    /// The signer's `did:key`: the association's, or the bureau's.
    pub issuer: String,
    /// When it was signed, `YYYY-MM-DDTHH:MM:SSZ`.
    pub valid_from: String,
    /// What the signer states.
    pub credential_subject: S,
    /// The Data Integrity proof (`eddsa-jcs-2022`).
    pub proof: ProofDoc,
    /// The second proof in China's national algorithms, when the signer's key has an SM2 part:
    /// then `proof` is a proof set of the two ([`crate::credential::SM2_CRYPTOSUITE`]).
    pub sm2_proof: Option<ProofDoc>,
}

impl<S: Subject> CredentialDoc<S> {
    /// A document of `credential_type` stating `subject`, issued by `issuer` at `valid_from`
    /// under the id made from `random_id`, without its proof yet.
    pub fn unsigned(
        credential_type: &str,
        issuer: String,
        valid_from: &crate::Timestamp,
        random_id: [u8; 16],
        subject: S,
    ) -> CredentialDoc<S> {
        CredentialDoc {
            context: vec![VC_CONTEXT_V2.to_owned()],
            id: crate::credential::uuid_urn(random_id),
            types: vec!["VerifiableCredential".to_owned(), credential_type.to_owned()],
            issuer,
            valid_from: valid_from.as_str().to_owned(),
            credential_subject: subject,
            proof: ProofDoc::default(),
            sm2_proof: None,
        }
    }

    /// Reads a document's fields, collecting every problem with its path. The proof is read only
    /// for its fields here; [`crate::credential::verify_proof`] checks what it proves.
    #[doc(hidden)] // For the readers of the two documents, not an API of its own.
    pub fn read(reader: &mut Reader, value: &Json) -> CredentialDoc<S> {
        let known = ["@context", "id", "type", "issuer", "validFrom", "credentialSubject", "proof"];
        let object = reader.fields(value, "", &known);
        let context = reader.required(object, "", "@context");
        let types = reader.required(object, "", "type");
        let subject = reader.required(object, "", "credentialSubject");
        let (proof, sm2_proof) = match reader.required(object, "", "proof") {
            Some(Json::Array(items)) => {
                let read: Vec<ProofDoc> = items
                    .iter()
                    .enumerate()
                    .map(|(place, item)| ProofDoc::read(reader, Some(item), &super::read::index("proof", place)))
                    .collect();
                let (sm2, eddsa): (Vec<ProofDoc>, Vec<ProofDoc>) =
                    read.into_iter().partition(|proof| proof.cryptosuite == crate::credential::SM2_CRYPTOSUITE);
                match (<[ProofDoc; 1]>::try_from(eddsa), <[ProofDoc; 1]>::try_from(sm2)) {
                    (Ok([proof]), Ok([sm2])) => (proof, Some(sm2)),
                    _ => {
                        let found = crate::json::JsonType::Array;
                        reader.problem(
                            "proof",
                            crate::ProblemKind::WrongType { expected: crate::json::JsonType::Object, found },
                        );
                        (ProofDoc::default(), None)
                    }
                }
            }
            proof => (ProofDoc::read(reader, proof, "proof"), None),
        };
        CredentialDoc {
            context: reader.strings(context, "@context"),
            id: reader.required_string(object, "", "id"),
            types: reader.strings(types, "type"),
            issuer: reader.required_string(object, "", "issuer"),
            valid_from: reader.required_string(object, "", "validFrom"),
            credential_subject: S::read(reader, subject, "credentialSubject"),
            proof,
            sm2_proof,
        }
    }

    /// The document as JSON, members in the order selfcheck writes them.
    pub fn to_json(&self) -> Json {
        let mut document = self.unsecured_json();
        if let Some(document) = document.as_object_mut() {
            let proof = match &self.sm2_proof {
                None => self.proof.to_json(),
                Some(sm2) => Json::Array(vec![self.proof.to_json(), sm2.to_json()]),
            };
            document.insert("proof", proof);
        }
        document
    }

    /// The document without its proof: what the proof signs.
    pub fn unsecured_json(&self) -> Json {
        object([
            ("@context", self.context.clone().into()),
            ("id", self.id.as_str().into()),
            ("type", self.types.clone().into()),
            ("issuer", self.issuer.as_str().into()),
            ("validFrom", self.valid_from.as_str().into()),
            ("credentialSubject", self.credential_subject.to_json()),
        ])
    }
}
