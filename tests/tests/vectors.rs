//! Published test vectors reproduced byte for byte: RFC 8785's canonicalization examples and
//! the W3C vc-di-eddsa test vectors of the eddsa-jcs-2022 cryptosuite.

use std::path::{Path, PathBuf};

use selfcheck_core::canonical::{canonical_sha256, canonicalize, hex};
use selfcheck_core::credential::{add_proof, hash_data, verify_proof};
use selfcheck_core::json::{self, Json};
use selfcheck_core::{AssociationKey, Error, PublicKey, Timestamp};
use selfcheck_tests::core_json;
use serde_json::Value;

fn vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/vectors")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(vectors().join(path)).unwrap()
}

#[test]
fn rfc8785_examples_canonicalize_byte_for_byte() {
    let mut count = 0;
    for entry in std::fs::read_dir(vectors().join("rfc8785/input")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        // The examples hold fractions, which results never do: read leniently.
        let input = json::parse_lenient(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let expected = read(&format!("rfc8785/output/{name}"));
        assert_eq!(canonicalize(&input), expected.trim_end_matches('\n'), "{name}");
        count += 1;
    }
    assert_eq!(count, 6);
}

const JCS: &str = "vc-di-eddsa-jcs-2022";

fn vector_key() -> AssociationKey {
    let pair: Value = serde_json::from_str(&read(&format!("{JCS}/keyPair.json"))).unwrap();
    let private = pair["privateKeyMultibase"].as_str().unwrap();
    let bytes = bs58::decode(&private[1..]).into_vec().unwrap();
    // Multicodec ed25519-priv (0x1300) as an unsigned varint, then the 32-byte seed.
    assert_eq!(&bytes[..2], [0x80, 0x26]);
    let key = AssociationKey::from_seed(bytes[2..].try_into().unwrap());
    assert_eq!(key.public().multibase(), pair["publicKeyMultibase"].as_str().unwrap());
    key
}

fn signed_vector() -> Value {
    serde_json::from_str(&read(&format!("{JCS}/signedJCS.json"))).unwrap()
}

#[test]
fn vc_di_eddsa_jcs_2022_vectors_are_reproduced_step_by_step() {
    let key = vector_key();
    let signed = core_json(&signed_vector());
    let mut unsecured = signed.as_object().unwrap().clone();
    let proof = unsecured.remove("proof").unwrap();
    let unsecured = Json::Object(unsecured);
    assert_eq!(canonicalize(&unsecured), read(&format!("{JCS}/canonDocJCS.txt")));
    assert_eq!(hex(&canonical_sha256(&unsecured)), read(&format!("{JCS}/docHashJCS.txt")));

    let configuration = json::parse(&read(&format!("{JCS}/proofConfigJCS.json"))).unwrap();
    assert_eq!(canonicalize(&configuration), read(&format!("{JCS}/proofCanonJCS.txt")));
    assert_eq!(hex(&canonical_sha256(&configuration)), read(&format!("{JCS}/proofHashJCS.txt")));
    assert_eq!(hex(&hash_data(&configuration, &unsecured)), read(&format!("{JCS}/combinedHashJCS.txt")));

    // Signing the same document with the same key and time gives the published proof.
    let mut document = unsecured.as_object().unwrap().clone();
    add_proof(&mut document, &key, Some(&Timestamp::parse("2023-02-24T23:36:38Z").unwrap()));
    let proof_value = document.get("proof").and_then(|proof| proof.get("proofValue")).and_then(Json::as_str);
    let proof_value = proof_value.unwrap().to_owned();
    assert_eq!(proof_value, read(&format!("{JCS}/sigBTC58JCS.txt")));
    let signature = bs58::decode(&proof_value[1..]).into_vec().unwrap();
    assert_eq!(hex(&signature), read(&format!("{JCS}/sigHexJCS.txt")));
    assert_eq!(document.get("proof"), Some(&proof));
    assert_eq!(json::canonical(&Json::Object(document)), json::canonical(&signed));
}

#[test]
fn the_published_signed_credential_verifies_and_any_change_is_caught() {
    let signed = signed_vector();
    let key = verify_proof(&core_json(&signed)).unwrap();
    assert_eq!(key, vector_key().public());

    let mut changed = signed.clone();
    changed["credentialSubject"]["alumniOf"] = "The School of Forgeries".into();
    assert!(matches!(verify_proof(&core_json(&changed)), Err(Error::SignatureMismatch)));

    let mut changed = signed.clone();
    changed["proof"]["created"] = "2023-02-24T23:36:39Z".into();
    assert!(matches!(verify_proof(&core_json(&changed)), Err(Error::SignatureMismatch)));

    let mut changed = signed.clone();
    changed["proof"]["cryptosuite"] = "eddsa-rdfc-2022".into();
    assert!(matches!(verify_proof(&core_json(&changed)), Err(Error::UnsupportedProof(_))));

    let mut changed = signed.clone();
    changed["proof"]["@context"] = serde_json::json!(["https://www.w3.org/ns/credentials/examples/v2"]);
    assert!(matches!(verify_proof(&core_json(&changed)), Err(Error::ProofContextMismatch)));

    let mut changed = signed.clone();
    let other = AssociationKey::from_seed([7; 32]).public();
    changed["proof"]["verificationMethod"] = format!("{}#{}", other.did(), vector_key().public().multibase()).into();
    assert!(matches!(verify_proof(&core_json(&changed)), Err(Error::VerificationMethodMismatch { .. })));

    let mut changed = signed;
    changed["proof"]["proofValue"] = "z3yMvU1".into();
    assert!(matches!(verify_proof(&core_json(&changed)), Err(Error::BadProofValue(_))));
}

#[test]
fn did_keys_of_the_wrong_kind_or_length_or_small_order_are_refused() {
    let good = vector_key().public();
    assert_eq!(PublicKey::from_did(&good.did()).unwrap(), good);
    let encode = |bytes: &[u8]| format!("did:key:z{}", bs58::encode(bytes).into_string());
    let mut short = vec![0xed, 0x01];
    short.extend_from_slice(&good.bytes()[..31]);
    let mut secp = vec![0xe7, 0x01];
    secp.extend_from_slice(good.bytes());
    // The identity point (small order): every signature would verify with it.
    let mut identity = vec![0xed, 0x01, 1];
    identity.extend_from_slice(&[0; 31]);
    for (did, words) in [
        ("did:web:example.org".to_owned(), "did:key:"),
        ("did:key:u7QE".to_owned(), "base58btc"),
        ("did:key:z0OIl".to_owned(), "base58"),
        (encode(&short), "31 bytes"),
        (encode(&secp), "multicodec 0xed01"),
        (encode(&identity), "small-order"),
    ] {
        let error = PublicKey::from_did(&did).unwrap_err().to_string();
        assert!(error.contains(words), "{did}: {error}");
    }
}
