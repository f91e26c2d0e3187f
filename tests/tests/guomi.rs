//! The second signature in China's national algorithms (issue 27): a key with an SM2 part is one
//! key file of two blocks that OpenSSL reads, its fingerprint covers both parts, and a key made
//! before (Ed25519 only) opens as it did.

use selfcheck_core::guomi::Sm2Key;
use selfcheck_core::keys::{Fingerprint, KeyFileEncryption, KeyFileProblem, MIN_PBKDF2_ITERATIONS, sm2_iv};
use selfcheck_core::{AssociationKey, Error};
use selfcheck_tests::read;

const PASSPHRASE: &str = "selfcheck fuzzing passphrase";

fn both_parts() -> AssociationKey {
    AssociationKey::from_seed([0x27; 32]).with_sm2(Sm2Key::from_random([0x72; 32]).unwrap())
}

#[test]
fn a_key_with_an_sm2_part_is_one_file_of_two_blocks_that_opens_with_both() {
    let key = both_parts();
    let pem = key.to_encrypted_pem(PASSPHRASE, [1; 16], [2; 16], MIN_PBKDF2_ITERATIONS).unwrap();
    assert_eq!(pem.matches("-----BEGIN ENCRYPTED PRIVATE KEY-----").count(), 2);
    let opened = AssociationKey::from_encrypted_pem(&pem, PASSPHRASE).unwrap();
    assert_eq!(opened.public(), key.public());
    assert_eq!(opened.sm2(), key.sm2());
    assert!(matches!(AssociationKey::from_encrypted_pem(&pem, "wrong passphrase"), Err(Error::WrongPassphrase)));

    // One derivation opens both: the same salt and iterations, each block its own IV.
    let blocks = KeyFileEncryption::read_all(&pem).unwrap();
    assert_eq!(blocks.len(), 2);
    assert_eq!((blocks[0].salt.clone(), blocks[0].iterations), (blocks[1].salt.clone(), blocks[1].iterations));
    assert_eq!(blocks[0].iv, [2; 16]);
    assert_eq!(blocks[1].iv, sm2_iv(&[2; 16]));
    assert_ne!(blocks[0].iv, blocks[1].iv);
    assert_eq!(KeyFileEncryption::read(&pem).unwrap(), blocks[0]);

    // A key made before has one block and opens as before.
    let old = AssociationKey::from_seed([0x27; 32]);
    let old_pem = old.to_encrypted_pem(PASSPHRASE, [1; 16], [2; 16], MIN_PBKDF2_ITERATIONS).unwrap();
    assert_eq!(old_pem, pem.split_inclusive("-----END ENCRYPTED PRIVATE KEY-----\n").next().unwrap());
    let opened = AssociationKey::from_encrypted_pem(&old_pem, PASSPHRASE).unwrap();
    assert!(opened.sm2().is_none());
    assert_eq!(KeyFileEncryption::read_all(&old_pem).unwrap().len(), 1);
}

#[test]
fn the_fingerprint_covers_both_parts_and_a_key_made_before_keeps_its_own() {
    let key = both_parts();
    let public = key.public();
    let ed25519_only = AssociationKey::from_seed([0x27; 32]).public();
    assert_eq!(public.did(), ed25519_only.did(), "one Ed25519 identity");
    assert_eq!(public.ed25519(), ed25519_only);
    assert_ne!(public.fingerprint(), ed25519_only.fingerprint());
    // The SM3 of both keys, as its documentation says.
    let mut both = public.bytes().to_vec();
    both.extend_from_slice(public.sm2().unwrap().compressed());
    let digest = selfcheck_core::canonical::hex(&selfcheck_core::guomi::sm3(&both)[..16]);
    assert_eq!(public.fingerprint().replace(' ', ""), digest.to_uppercase());
    let sm2_did = public.sm2().unwrap().did();
    assert_eq!(Fingerprint::of_dids(&public.did(), &sm2_did).unwrap(), public.fingerprint());
    assert!(Fingerprint::of_dids(&public.did(), &public.did()).is_err(), "an Ed25519 did:key is no SM2 part");
    // Another SM2 part, another fingerprint: a second proof by any other SM2 key shows.
    let other = AssociationKey::from_seed([0x27; 32]).with_sm2(Sm2Key::from_random([0x73; 32]).unwrap());
    assert_ne!(other.public().fingerprint(), public.fingerprint());
}

#[test]
fn an_sm2_key_openssl_made_is_read_as_the_second_block() {
    // OpenSSL 3's own SM2 key (tests/data/keys/README.md), after an Ed25519 key of OpenSSL's.
    let pem = format!("{}{}", read("keys/openssl-pbkdf2-1000.pem"), read("keys/openssl-sm2.pem"));
    let key = AssociationKey::from_encrypted_pem(&pem, PASSPHRASE).unwrap();
    assert!(key.sm2().is_some());
    let alone = AssociationKey::from_encrypted_pem(&read("keys/openssl-pbkdf2-1000.pem"), PASSPHRASE).unwrap();
    assert_eq!(key.public().ed25519(), alone.public());

    // Any other key after it is named; so is a third block.
    let p256 = format!("{}{}", read("keys/openssl-pbkdf2-1000.pem"), read("keys/openssl-p256.pem"));
    let Err(Error::KeyFile(KeyFileProblem::SecondBlock(kind))) = AssociationKey::from_encrypted_pem(&p256, PASSPHRASE)
    else {
        panic!("a P-256 key is no SM2 part")
    };
    assert!(format!("{kind:?}").contains("P-256"));
    let three = format!("{pem}{}", read("keys/openssl-sm2.pem"));
    assert_eq!(
        AssociationKey::from_encrypted_pem(&three, PASSPHRASE).unwrap_err(),
        Error::KeyFile(KeyFileProblem::SeveralBlocks)
    );
    assert_eq!(selfcheck_core::keys::check_key_file(&three), Err(Error::KeyFile(KeyFileProblem::SeveralBlocks)));
    // An SM2 key first is not the association's key.
    let reversed = format!("{}{}", read("keys/openssl-sm2.pem"), read("keys/openssl-pbkdf2-1000.pem"));
    assert!(matches!(
        AssociationKey::from_encrypted_pem(&reversed, PASSPHRASE),
        Err(Error::KeyFile(KeyFileProblem::NotEd25519(_)))
    ));
}

/// OpenSSL 3 reads the SM2 part it would write itself: the second block alone, with the
/// passphrase, gives the SM2 public key the core names. (Skipped where OpenSSL is not installed.)
#[test]
fn openssl_reads_the_sm2_part_of_a_key_file() {
    let Ok(version) = std::process::Command::new("openssl").arg("version").output() else { return };
    assert!(version.status.success());
    let key = both_parts();
    let pem = key.to_encrypted_pem(PASSPHRASE, [1; 16], [2; 16], MIN_PBKDF2_ITERATIONS).unwrap();
    let second = pem.split_inclusive("-----END ENCRYPTED PRIVATE KEY-----\n").nth(1).unwrap();
    let dir = std::env::temp_dir().join(format!("selfcheck-guomi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sm2.pem");
    std::fs::write(&path, second).unwrap();
    let output = std::process::Command::new("openssl")
        .args(["pkey", "-in"])
        .arg(&path)
        .args(["-passin", &format!("pass:{PASSPHRASE}"), "-pubout"])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), key.public().sm2().unwrap().to_pem());
}

/// A result signed by `key`, from the golden answers, at the golden time.
fn signed_by(key: &AssociationKey) -> String {
    let catalogue = selfcheck_core::Catalogue::builtin();
    let answers = selfcheck_core::Answers::from_json(catalogue, &read("golden/answers-complete.json")).unwrap();
    let issued = selfcheck_core::Timestamp::parse("2026-11-05T02:30:00Z").unwrap();
    selfcheck_core::sign_result(catalogue, &answers, key, &issued, [0x42; 16]).unwrap()
}

fn verified(text: &str) -> Result<selfcheck_core::VerifiedResult, Error> {
    selfcheck_core::verify_result(text, &[selfcheck_core::Catalogue::builtin()], &selfcheck_tests::now())
}

/// The result as JSON, edited, written back as selfcheck writes JSON.
fn edited(text: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    edit(&mut value);
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn a_key_with_an_sm2_part_signs_a_proof_set_and_each_proof_is_checked() {
    let key = both_parts();
    let text = signed_by(&key);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let proofs = value["proof"].as_array().expect("a proof set");
    assert_eq!(proofs.len(), 2);
    assert_eq!(proofs[0]["cryptosuite"], "eddsa-jcs-2022");
    assert_eq!(proofs[1]["cryptosuite"], "selfcheck-sm2-sm3-jcs-2026");
    assert_eq!(proofs[1]["verificationMethod"], key.public().sm2().unwrap().verification_method());
    // The Ed25519 proof is the one a key without an SM2 part makes: each proof covers the
    // document without the other.
    let alone: serde_json::Value = serde_json::from_str(&signed_by(&AssociationKey::from_seed([0x27; 32]))).unwrap();
    assert_eq!(proofs[0], alone["proof"]);

    let result = verified(&text).unwrap();
    assert_eq!(result.key, key.public());
    assert_eq!(result.key.sm2(), key.public().sm2());
    assert_eq!(result.key.fingerprint(), key.public().fingerprint());

    // Any change to the content breaks both proofs: the Ed25519 one is checked first.
    let changed = edited(&text, |value| value["credentialSubject"]["profile"]["name"] = "另一协会".into());
    assert_eq!(verified(&changed).unwrap_err(), Error::SignatureMismatch);
    // The SM2 signature changed, or made by another SM2 key over this result: named as the
    // national-algorithm signature's failure, or shown in the fingerprint.
    let mut bad = proofs[1]["proofValue"].as_str().unwrap().to_owned();
    bad.replace_range(10..11, if &bad[10..11] == "2" { "3" } else { "2" });
    let tampered = edited(&text, |value| value["proof"][1]["proofValue"] = bad.clone().into());
    assert!(matches!(verified(&tampered), Err(Error::Sm2SignatureMismatch | Error::BadProofValue(_))));
    let other = AssociationKey::from_seed([0x27; 32]).with_sm2(Sm2Key::from_random([0x73; 32]).unwrap());
    let other_proofs: serde_json::Value = serde_json::from_str(&signed_by(&other)).unwrap();
    let swapped = edited(&text, |value| value["proof"][1] = other_proofs["proof"][1].clone());
    let swapped = verified(&swapped).unwrap();
    assert_ne!(swapped.key.fingerprint(), key.public().fingerprint(), "the register sees another key");
    // Stripped of its SM2 proof, it is an Ed25519 result whose fingerprint is not the one filed.
    let stripped = edited(&text, |value| value["proof"] = value["proof"][0].clone());
    let stripped = verified(&stripped).unwrap();
    assert!(stripped.key.sm2().is_none());
    assert_ne!(stripped.key.fingerprint(), key.public().fingerprint());
    // Proof sets selfcheck does not write are refused as such.
    for proofs in [
        serde_json::json!([proofs[0].clone()]),
        serde_json::json!([proofs[0].clone(), proofs[0].clone()]),
        serde_json::json!([proofs[0].clone(), proofs[1].clone(), proofs[1].clone()]),
    ] {
        let odd = edited(&text, |value| value["proof"] = proofs.clone());
        assert!(matches!(verified(&odd), Err(Error::UnsupportedProof(_))), "{proofs}");
    }
    // In either order.
    let reversed = edited(&text, |value| value["proof"] = serde_json::json!([proofs[1].clone(), proofs[0].clone()]));
    assert_eq!(verified(&reversed).unwrap().key, key.public());
}

#[test]
fn every_result_signed_before_still_verifies_with_one_proof() {
    for name in ["golden/result-complete.json", "golden/formats/result-2.json"] {
        let result = verified(&read(name)).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(result.key.sm2().is_none(), "{name}");
    }
}

/// OpenSSL 3 checks the SM2 signature of a result over the same canonical bytes, as the
/// documentation shows. (Skipped where OpenSSL is not installed.)
#[test]
fn openssl_verifies_the_sm2_proof_of_a_result() {
    if std::process::Command::new("openssl").arg("version").output().is_err() {
        return;
    }
    let key = both_parts();
    let text = signed_by(&key);
    let value = selfcheck_tests::core_json(&serde_json::from_str(&text).unwrap());
    let selfcheck_core::json::Json::Object(document) = value else { panic!() };
    let selfcheck_core::json::Json::Array(proofs) = document.get("proof").unwrap().clone() else { panic!() };
    let selfcheck_core::json::Json::Object(mut configuration) = proofs[1].clone() else { panic!() };
    let proof_value = configuration.remove("proofValue").unwrap();
    let signature = bs58::decode(&proof_value.as_str().unwrap()[1..]).into_vec().unwrap();
    let mut unsecured = document.clone();
    unsecured.remove("proof");
    let message = selfcheck_core::credential::sm2_signing_data(
        &selfcheck_core::json::Json::Object(configuration),
        &selfcheck_core::json::Json::Object(unsecured),
    );
    let dir = std::env::temp_dir().join(format!("selfcheck-guomi-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("message.bin"), &message).unwrap();
    std::fs::write(dir.join("signature.der"), &signature).unwrap();
    std::fs::write(dir.join("sm2.pub.pem"), key.public().sm2().unwrap().to_pem()).unwrap();
    let verify = |message: &str| {
        std::process::Command::new("openssl")
            .current_dir(&dir)
            .args(["pkeyutl", "-verify", "-pubin", "-inkey", "sm2.pub.pem", "-rawin", "-digest", "sm3"])
            .args(["-pkeyopt", "distid:1234567812345678", "-in", message, "-sigfile", "signature.der"])
            .output()
            .unwrap()
    };
    let output = verify("message.bin");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Signature Verified Successfully"));
    let mut changed = message.clone();
    changed[10] ^= 1;
    std::fs::write(dir.join("changed.bin"), &changed).unwrap();
    assert!(!verify("changed.bin").status.success(), "a changed byte fails in OpenSSL too");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The golden result with both proofs: the golden answers signed by the golden key with its SM2
/// part. Signing is deterministic (Ed25519, and SM2 with its nonce derived by RFC 6979), so
/// signing again gives the same bytes, and the file must verify for ever.
#[test]
fn signing_with_both_parts_gives_the_golden_result_byte_for_byte() {
    let result = signed_by(&selfcheck_tests::golden_key_with_sm2());
    let golden = selfcheck_tests::data("golden/formats/result-sm2.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, format!("{result}\n")).unwrap();
    }
    assert_eq!(format!("{result}\n"), std::fs::read_to_string(&golden).unwrap());
    let verified = verified(&read("golden/formats/result-sm2.json")).unwrap();
    assert_eq!(verified.key, selfcheck_tests::golden_key_with_sm2().public());
}

/// A summary computed with the requirement says so, and is computed again with it: the result
/// without the second signature is refused both times.
#[test]
fn a_signed_summary_keeps_the_sm2_requirement_it_was_computed_with() {
    use selfcheck_bureau::{
        Analysis, ExportSource, Reproduction, Settings, SummaryKind, examine, sign_summary, verify_summary,
    };
    let clock = selfcheck_core::Timestamp::parse("2026-12-01T00:00:00Z").unwrap();
    let catalogues = [selfcheck_core::Catalogue::builtin()];
    let files = [
        ("before.json", read("golden/result-complete.json")),
        ("with-sm2.json", read("golden/formats/result-sm2.json")),
    ];
    let verdicts: Vec<_> = files
        .iter()
        .map(|(name, text)| examine(name, text.as_bytes(), &catalogues, &clock).judge_with(None, true))
        .collect();
    let reasons: Vec<Option<&str>> =
        verdicts.iter().map(|verdict| verdict.reason().map(|reason| reason.code())).collect();
    assert_eq!(reasons, [Some("sm2-required"), None]);
    let settings = Settings { require_sm2: true, ..Settings::new(clock.clone()) };
    let analysis = Analysis::compute(&verdicts, None, settings);
    let source = ExportSource { analysis: &analysis, verdicts: &verdicts, reviews: None, others: &[], notices: &[] };
    let signed = sign_summary(SummaryKind::Matrix, source, &both_parts(), [4; 16]).unwrap();
    assert!(signed.contains("\"require_sm2\": true"));
    let later = selfcheck_core::Timestamp::parse("2027-01-01T00:00:00Z").unwrap();
    let summary = verify_summary(&signed, &later).unwrap();
    assert!(summary.settings.require_sm2);
    assert!(summary.key.sm2().is_some(), "the bureau's key has its SM2 part too: the summary carries both proofs");
    let given: Vec<(&str, &[u8])> = files.iter().map(|(name, text)| (*name, text.as_bytes())).collect();
    let all: Vec<&selfcheck_core::Catalogue> = selfcheck_core::Catalogue::builtins().iter().collect();
    assert_eq!(summary.reproduce(&given, &all).unwrap(), Reproduction::Reproduced);
}
