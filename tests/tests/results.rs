//! Signed results end to end in the core: golden documents from a fixed key, verification
//! and its failures, key files, and the result schema.

use std::path::{Path, PathBuf};

use selfcheck_core::credential::verify_proof;
use selfcheck_core::keys::normalize_fingerprint;
use selfcheck_core::wire::ResultDoc;
use selfcheck_core::{Answers, AssociationKey, Catalogue, Document, Error, Timestamp, sign_result, verify_result};
use selfcheck_tests::{core_json, now};
use serde_json::Value;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(data(path)).unwrap()
}

/// The fixed test key of the golden results. Never use it for anything real.
fn test_key() -> AssociationKey {
    selfcheck_tests::golden_key()
}

fn signed_golden_inputs() -> (Catalogue, String) {
    let catalogue = Catalogue::builtin();
    let answers = Answers::from_json(catalogue, &read("golden/answers-complete.json")).unwrap();
    let issued = Timestamp::parse("2026-11-05T02:30:00Z").unwrap();
    let result = sign_result(catalogue, &answers, &test_key(), &issued, [0x42; 16]).unwrap();
    (catalogue.clone(), result)
}

/// Set UPDATE_GOLDEN=1 to rewrite the golden file after a deliberate format change.
#[test]
fn signing_fixed_answers_with_a_fixed_key_gives_the_golden_result_byte_for_byte() {
    let (_, result) = signed_golden_inputs();
    let golden = data("golden/result-complete.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, format!("{result}\n")).unwrap();
    }
    assert_eq!(format!("{result}\n"), std::fs::read_to_string(&golden).unwrap());
}

#[test]
fn the_golden_result_verifies_and_says_what_was_answered() {
    let catalogue = Catalogue::builtin();
    let verified = verify_result(&read("golden/result-complete.json"), &[catalogue], &now()).unwrap();
    assert_eq!(verified.key, test_key().public());
    assert_eq!(verified.issued.as_str(), "2026-11-05T02:30:00Z");
    assert_eq!(verified.answers.profile().name(), "广东省示例行业协会");
    assert_eq!((verified.report.total(), verified.report.maximum(), verified.report.score()), (703, 942, 746));
    assert_eq!(verified.report.grade().id, "adequate");
    assert_eq!(&verified.catalogue, catalogue);
    assert!(verified.warnings.is_empty(), "{:?}", verified.warnings);
    assert_eq!(verified.id, "urn:uuid:42424242-4242-4242-8242-424242424242");
    let expected = Answers::from_json(catalogue, &read("golden/answers-complete.json")).unwrap();
    assert_eq!(verified.answers, expected, "notes and evidence digests survive signing");
}

#[test]
fn the_golden_result_matches_the_published_schema() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(data("../../core/schemas/result.schema.json")).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("result.schema.json", schema).unwrap();
    let index = compiler.compile("result.schema.json", &mut schemas).unwrap();
    let result: Value = serde_json::from_str(&read("golden/result-complete.json")).unwrap();
    schemas.validate(&result, index).map_err(|error| format!("{error:#}")).unwrap();
    let mut extra = result.clone();
    extra["credentialSubject"]["extra"] = Value::from(1);
    assert!(schemas.validate(&extra, index).is_err());
    // Format 2, with this month's report and a reply to a notice; their parts under format 1's
    // tag, or format 2's tag without them, do not match.
    let second: Value = serde_json::from_str(&read("golden/formats/result-2.json")).unwrap();
    schemas.validate(&second, index).map_err(|error| format!("{error:#}")).unwrap();
    let mut parts_under_1 = second.clone();
    parts_under_1["credentialSubject"]["format"] = Value::from("selfcheck-result/1");
    assert!(schemas.validate(&parts_under_1, index).is_err());
    let mut bad_title = second.clone();
    bad_title["credentialSubject"]["monthly"]["problems"][0]["title"] = Value::from("甲\n乙");
    assert!(schemas.validate(&bad_title, index).is_err());
}

fn resign(document: &Value) -> String {
    selfcheck_tests::resign_with(document, &test_key())
}

/// A change made to a result document.
type Edit = fn(&mut Value);

#[test]
fn an_edited_report_is_caught_even_when_re_signed() {
    let (catalogue, result) = signed_golden_inputs();
    let original: Value = serde_json::from_str(&result).unwrap();
    let cases: [(&str, Edit); 5] = [
        ("total", |doc| doc["credentialSubject"]["report"]["total"] = Value::from(999)),
        ("grade", |doc| doc["credentialSubject"]["report"]["grade"] = Value::from("exemplary")),
        ("vetoes", |doc| doc["credentialSubject"]["report"]["vetoes"] = serde_json::json!(["C8"])),
        ("rectification", |doc| doc["credentialSubject"]["report"]["rectification"] = serde_json::json!([])),
        ("areas[2].points", |doc| doc["credentialSubject"]["report"]["areas"][2]["points"] = Value::from(1)),
    ];
    for (field, edit) in cases {
        let mut edited = original.clone();
        edit(&mut edited);
        let resigned = resign(&edited);
        match verify_result(&resigned, &[&catalogue], &now()) {
            Err(Error::ReportMismatch { field: found, .. }) => assert_eq!(found, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    // An answer changed and re-signed with its report left as it was: also caught.
    let mut edited = original.clone();
    edited["credentialSubject"]["answers"]["C4"]["value"] = Value::from("no");
    let error = verify_result(&resign(&edited), &[&catalogue], &now()).unwrap_err();
    assert!(matches!(error, Error::ReportMismatch { .. }), "{error}");
}

#[test]
fn each_verification_failure_has_its_own_plain_message() {
    let (catalogue, result) = signed_golden_inputs();
    let original: Value = serde_json::from_str(&result).unwrap();
    let check = |doc: &Value, expect: &dyn Fn(&Error) -> bool| {
        let error = verify_result(&doc.to_string(), &[&catalogue], &now()).unwrap_err();
        assert!(expect(&error), "unexpected: {error}");
        error.to_string()
    };
    let mut changed = original.clone();
    changed["credentialSubject"]["profile"]["name"] = Value::from("广东省另一行业协会");
    let message = check(&changed, &|error| matches!(error, Error::SignatureMismatch));
    assert!(message.contains("changed after it was signed"));

    // Signed correctly, but by a key other than the issuer's.
    let mut changed = original.clone();
    changed["issuer"] = Value::from(AssociationKey::from_seed([9; 32]).public().did());
    let changed: Value = serde_json::from_str(&resign(&changed)).unwrap();
    check(&changed, &|error| matches!(error, Error::VerificationMethodMismatch { .. }));

    let mut changed = original.clone();
    changed["proof"]["cryptosuite"] = Value::from("ecdsa-jcs-2019");
    check(&changed, &|error| matches!(error, Error::UnsupportedProof(_)));

    let mut changed = original.clone();
    changed.as_object_mut().unwrap().remove("proof");
    let message = check(&changed, &|error| matches!(error, Error::Malformed { .. }));
    assert!(message.contains("proof: this field is missing"), "{message}");

    let mut changed = original.clone();
    changed["credentialSubject"]["surprise"] = Value::from(true);
    let message = check(&changed, &|error| matches!(error, Error::Malformed { .. }));
    assert!(message.contains("credentialSubject.surprise: the format has no such field"), "{message}");

    // Two proofs are named as such, not as a field of the wrong type.
    let mut changed = original.clone();
    changed["proof"] = Value::Array(vec![original["proof"].clone(), original["proof"].clone()]);
    check(&changed, &|error| {
        matches!(error, Error::UnsupportedProof(selfcheck_core::error::ProofProblem::NotOneObject))
    });

    // A negative total names its field and the range.
    let mut changed = original.clone();
    changed["credentialSubject"]["report"]["total"] = Value::from(-813);
    let message = check(&changed, &|error| matches!(error, Error::Malformed { .. }));
    assert!(message.contains("credentialSubject.report.total: -813 is out of range"), "{message}");

    // An unknown catalogue is its own error, after the signature checks out.
    let mini = Catalogue::from_json(&read("catalogues/mini.json")).unwrap();
    let error = verify_result(&result, &[&mini], &now()).unwrap_err();
    assert!(matches!(error, Error::UnknownCatalogue { .. }), "{error}");
    assert!(
        error.to_string().contains(&format!("gd-2013-self-discipline {}", Catalogue::builtin().version())),
        "{error}"
    );

    // Duplicate keys and fractions are refused before anything else.
    let duplicated = result.replacen("\"issuer\":", "\"issuer\": \"x\", \"issuer\":", 1);
    let message = verify_result(&duplicated, &[&catalogue], &now()).unwrap_err().to_string();
    assert!(message.contains("the key \"issuer\" appears twice"), "{message}");
    let fractional = result.replacen("\"total\": 703", "\"total\": 703.0", 1);
    let message = verify_result(&fractional, &[&catalogue], &now()).unwrap_err().to_string();
    assert!(message.contains("credentialSubject.report.total: the number 703.0 has a fraction"), "{message}");

    // vc-di-eddsa lets a document's @context grow beyond the proof's; a result's may not.
    let mut changed = original.clone();
    changed["@context"].as_array_mut().unwrap().push(Value::from("https://example.org/other-context"));
    let message = check(&changed, &|error| matches!(error, Error::Malformed { .. }));
    assert!(message.contains("@context: must be"), "{message}");
}

#[test]
fn a_malleable_signature_is_rejected() {
    // S + L (the group order) verifies under lax Ed25519 verification; verify_strict refuses it.
    let (catalogue, result) = signed_golden_inputs();
    let mut doc: Value = serde_json::from_str(&result).unwrap();
    let proof_value = doc["proof"]["proofValue"].as_str().unwrap();
    let mut signature = bs58::decode(&proof_value[1..]).into_vec().unwrap();
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for (byte, l) in signature[32..].iter_mut().zip(L) {
        let sum = u16::from(*byte) + u16::from(l) + carry;
        *byte = sum as u8;
        carry = sum >> 8;
    }
    doc["proof"]["proofValue"] = Value::from(format!("z{}", bs58::encode(&signature).into_string()));
    assert!(verify_result(&doc.to_string(), &[&catalogue], &now()).is_err());
    assert!(verify_proof(&core_json(&doc)).is_err());
}

#[test]
fn signing_needs_a_complete_profile_and_says_what_is_missing() {
    let catalogue = Catalogue::builtin();
    let answers = Answers::blank(catalogue);
    let error = sign_result(catalogue, &answers, &test_key(), &Timestamp::from_unix_seconds(0), [0; 16]).unwrap_err();
    let message = error.to_string();
    for field in ["profile.name", "profile.credit_code", "profile.period.from", "profile.period.to"] {
        assert!(message.contains(field), "{message}");
    }
}

#[test]
fn results_that_differ_only_in_layout_still_verify() {
    let (catalogue, result) = signed_golden_inputs();
    let value: Value = serde_json::from_str(&result).unwrap();
    let compact = serde_json::to_string(&value).unwrap();
    let escaped: String = compact
        .chars()
        .map(|c| if c.is_ascii() { c.to_string() } else { format!("\\u{:04x}", u32::from(c)) })
        .collect();
    for layout in [compact, escaped, result.replace("\n", "\r\n    ")] {
        verify_result(&layout, &[&catalogue], &now()).unwrap();
    }
}

#[test]
fn key_files_round_trip_and_a_wrong_passphrase_is_named() {
    let key = test_key();
    let pem = key.to_encrypted_pem("正确的口令 passphrase", [7; 16], [9; 16], 600_000).unwrap();
    assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    let opened = AssociationKey::from_encrypted_pem(&pem, "正确的口令 passphrase").unwrap();
    assert_eq!(opened.public(), key.public());
    assert!(matches!(AssociationKey::from_encrypted_pem(&pem, "wrong passphrase"), Err(Error::WrongPassphrase)));
    assert!(matches!(key.to_encrypted_pem("short", [7; 16], [9; 16], 600_000), Err(Error::WeakPassphrase { .. })));
    assert!(key.to_encrypted_pem("long enough", [7; 16], [9; 16], 1000).is_err(), "too few iterations");
    for (bad, words) in [
        ("", "not a PEM file"),
        (
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\n-----END PRIVATE KEY-----\n",
            "not an encrypted private key",
        ),
    ] {
        let error = AssociationKey::from_encrypted_pem(bad, "whatever").unwrap_err().to_string();
        assert!(error.contains(words), "{error}");
    }
}

#[test]
fn the_fingerprint_is_grouped_uppercase_hex_of_the_keys_sha256() {
    let fingerprint = test_key().public().fingerprint();
    assert_eq!(fingerprint.len(), 39);
    assert!(
        fingerprint
            .split(' ')
            .all(|group| group.len() == 4 && group.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()))
    );
    let expected = selfcheck_core::canonical::hex(&{
        use sha2::Digest as _;
        sha2::Sha256::digest(test_key().public().bytes())
    })[..32]
        .to_ascii_uppercase();
    assert_eq!(fingerprint.replace(' ', ""), expected);
    assert_eq!(
        normalize_fingerprint(&fingerprint.to_lowercase().replace(' ', "-")).as_deref(),
        Some(fingerprint.as_str())
    );
    assert_eq!(normalize_fingerprint("ABCD"), None);
}

#[test]
fn a_result_is_not_an_answers_document_and_vice_versa() {
    let catalogue = Catalogue::builtin();
    let error = verify_result(&read("golden/answers-complete.json"), &[catalogue], &now()).unwrap_err();
    assert!(matches!(error, Error::WrongDocument { expected: Document::Result, found: Document::Answers }), "{error}");
    assert_eq!(error.message(selfcheck_core::Lang::Zh), "这是作答文件，不是签名的自查结果。");
    let error = Answers::from_json(catalogue, &read("golden/result-complete.json")).unwrap_err();
    assert!(matches!(error, Error::WrongDocument { expected: Document::Answers, found: Document::Result }), "{error}");
    ResultDoc::from_json_unverified(&read("golden/result-complete.json")).unwrap();
}
