//! Bad input at every entry point of the core: results, answers, drafts, catalogues and key
//! files that are empty, cut short, not JSON, too large, too deep, duplicated, of the wrong
//! numbers, types or fields, pinned to another catalogue, signed by a malformed or small-order
//! key or with a malleable signature (C2SP's Ed25519 edge cases), or opened with the wrong
//! passphrase. Each gets its own plain message; none panics. The limits are documented.

use std::path::{Path, PathBuf};

use selfcheck_core::answers::MAX_ANSWERS_BYTES;
use selfcheck_core::catalogue::MAX_CATALOGUE_BYTES;
use selfcheck_core::credential::{MAX_RESULT_BYTES, add_proof};
use selfcheck_core::keys::{MAX_KEY_FILE_BYTES, MAX_PBKDF2_ITERATIONS};
use selfcheck_core::{Answers, AssociationKey, Catalogue, Error, PublicKey, Timestamp, verify_result};
use selfcheck_tests::now;
use serde_json::{Value, json};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(data(path)).unwrap()
}

fn mini() -> Catalogue {
    Catalogue::from_json(&read("catalogues/mini.json")).unwrap()
}

/// The entry points that read a JSON document, each as a function from text to its error.
/// An entry point, as a function from text to the error it gives (`None`: it accepted it).
type Reader = Box<dyn Fn(&str) -> Option<Error>>;

/// A change made to a valid document.
type Edit = fn(&mut Value);

fn readers() -> Vec<(&'static str, Reader)> {
    vec![
        ("answers", Box::new(|json| Answers::from_json(&mini(), json).err())),
        ("draft", Box::new(|json| Answers::from_draft_json(&mini(), json).err())),
        ("catalogue", Box::new(|json| Catalogue::from_json(json).err())),
        ("result", Box::new(|json| verify_result(json, &[Catalogue::builtin(), &mini()], &now()).err())),
    ]
}

/// A document of each kind that the reader accepts, to break.
fn valid(kind: &str) -> String {
    match kind {
        "answers" | "draft" => json!({
            "format": "selfcheck-answers/1",
            "catalogue": {"id": "mini", "version": "0.1.0"},
            "profile": {"name": "广东省测试行业协会", "credit_code": "514400005000031282"},
            "answers": {"A1": {"value": "yes"}, "A3": {"checked": ["A3.1"]},
                        "B1": {"evidence": [{"type": "file", "name": "a.pdf", "size": 1, "sha256": "0".repeat(64)}]}}
        })
        .to_string(),
        "catalogue" => read("catalogues/mini.json"),
        _ => read("golden/result-complete.json"),
    }
}

fn message(kind: &str, reader: &dyn Fn(&str) -> Option<Error>, json: &str) -> String {
    match reader(json) {
        Some(error) => error.to_string(),
        None => panic!("the {kind} reader accepted {json:.200}"),
    }
}

fn assert_says(kind: &str, what: &str, message: &str, words: &[&str]) {
    for word in words {
        assert!(message.contains(word), "{kind}, {what}: {message:?} does not say {word:?}");
    }
}

#[test]
fn empty_cut_short_and_not_json_each_say_so() {
    for (kind, reader) in readers() {
        for empty in ["", "  \n\t"] {
            assert_says(kind, "empty", &message(kind, &*reader, empty), &["cannot be read: it is empty"]);
        }
        let whole = valid(kind);
        for cut in [1, whole.len() / 3, whole.len() / 2, whole.len() - 2] {
            let cut = (0..=cut).rev().find(|&at| whole.is_char_boundary(at)).unwrap();
            assert_says(kind, "cut short", &message(kind, &*reader, &whole[..cut]), &["ends too early", "cut short"]);
        }
        for not_json in ["{'format': 1}", "{\"format\" 1}", "\u{feff}{x}", "[1, 2,, 3]"] {
            assert_says(kind, not_json, &message(kind, &*reader, not_json), &["it is not JSON", "line 1"]);
        }
        // Text that is no JSON at all is named by its kind, not by where a JSON reader stumbles.
        for (text, kind_found) in
            [("hello", "This is a plain text file, not "), ("<html></html>", "This is a web page, not ")]
        {
            assert_says(kind, text, &message(kind, &*reader, text), &[kind_found]);
        }
        // Windows Notepad starts UTF-8 files with a byte-order mark: it is not part of the text.
        let with_bom = format!("\u{feff}{whole}");
        assert!(reader(&with_bom).is_none(), "{kind}: a byte-order mark is refused");
    }
}

#[test]
fn too_large_is_refused_before_parsing() {
    let limits = [("answers", MAX_ANSWERS_BYTES), ("draft", MAX_ANSWERS_BYTES), ("catalogue", MAX_CATALOGUE_BYTES)];
    for (kind, reader) in readers() {
        let limit = limits.iter().find(|(name, _)| *name == kind).map_or(MAX_RESULT_BYTES, |(_, limit)| *limit);
        // Not JSON at all: had it been parsed, the error would say so.
        let huge = "x".repeat(limit + 1);
        match reader(&huge) {
            Some(Error::TooLarge { size, limit: said, .. }) => assert_eq!((size, said), (limit + 1, limit), "{kind}"),
            other => panic!("{kind}: {other:?}"),
        }
        let message = reader(&huge).unwrap().to_string();
        assert!(message.contains(&format!("more than the limit of {} bytes", thousands(limit))), "{kind}: {message}");
        assert!(reader(&"x".repeat(limit)).is_some_and(|error| !matches!(error, Error::TooLarge { .. })), "{kind}");
    }
    let key = "x".repeat(MAX_KEY_FILE_BYTES + 1);
    assert!(matches!(AssociationKey::from_encrypted_pem(&key, "whatever"), Err(Error::TooLarge { .. })));
}

#[test]
fn the_limits_are_documented() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    for (what, bytes) in [
        ("results", MAX_RESULT_BYTES),
        ("answers", MAX_ANSWERS_BYTES),
        ("catalogues", MAX_CATALOGUE_BYTES),
        ("key files", MAX_KEY_FILE_BYTES),
    ] {
        let size = if bytes >= 1 << 20 { format!("{} MiB", bytes >> 20) } else { format!("{} KiB", bytes >> 10) };
        assert!(readme.contains(&format!("{what} {size}")), "README.md does not give the limit of {what} ({size})");
    }
    assert!(readme.contains("16 MiB"), "README.md gives the command line's own limit");
    assert!(readme.contains("128 levels"), "README.md gives the nesting limit");
    assert!(readme.contains("10,000,000"), "README.md gives the PBKDF2 limit");
    assert_eq!(MAX_PBKDF2_ITERATIONS, 10_000_000);
}

#[test]
fn deep_nesting_is_refused_without_a_stack_overflow() {
    for (kind, reader) in readers() {
        for deep in ["[".repeat(10_000), "{\"a\":".repeat(10_000), format!("{{\"format\":{}", "[".repeat(10_000))] {
            let message = message(kind, &*reader, &deep);
            assert!(
                message.contains("cannot be read") || message.contains("This is a JSON file of a kind"),
                "{kind}: {message}"
            );
        }
    }
    // Where any value may stand, the depth itself is named.
    let message = verify_result(&"[".repeat(10_000), &[], &now()).unwrap_err().to_string();
    assert!(message.contains("nested more than 128 levels deep"), "{message}");
}

/// Edits `valid(kind)` as JSON.
fn edited(kind: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(&valid(kind)).unwrap();
    edit(&mut value);
    value.to_string()
}

#[test]
fn duplicate_keys_are_refused_at_every_level() {
    let cases: [(&str, &str, &str); 8] = [
        ("answers", "\"format\":", "\"format\": \"selfcheck-answers/1\", \"format\":"),
        ("answers", "\"A1\":", "\"A1\": {}, \"A1\":"),
        ("answers", "\"credit_code\":", "\"credit_code\": \"x\", \"credit_code\":"),
        ("draft", "\"type\":", "\"type\": \"file\", \"type\":"),
        ("catalogue", "\"total_points\":", "\"total_points\": 100, \"total_points\":"),
        ("catalogue", "\"zh\":", "\"zh\": \"x\", \"zh\":"),
        ("result", "\"issuer\":", "\"issuer\": \"x\", \"issuer\":"),
        ("result", "\"value\":", "\"value\": \"no\", \"value\":"),
    ];
    for (kind, find, replace) in cases {
        let (_, reader) = readers().into_iter().find(|(name, _)| *name == kind).unwrap();
        let json = valid(kind).replacen(find, replace, 1);
        assert_ne!(json, valid(kind));
        assert_says(kind, find, &message(kind, &*reader, &json), &["appears twice in one object"]);
    }
}

#[test]
fn numbers_beyond_2_53_or_with_fractions_are_refused() {
    let result = valid("result");
    for (number, words) in [
        ("703.0", "credentialSubject.report.total: the number 703.0 has a fraction"),
        ("703.5", "the number 703.5 has a fraction"),
        ("7.03e2", "the number 7.03e2 has a fraction or an exponent"),
        ("9007199254740992", "credentialSubject.report.total: the number 9007199254740992 is beyond ±9007199254740991"),
        ("-9007199254740992", "is beyond ±9007199254740991"),
        ("18446744073709551616", "is beyond ±9007199254740991"),
    ] {
        let json = result.replacen("\"total\": 703", &format!("\"total\": {number}"), 1);
        let error = verify_result(&json, &[Catalogue::builtin()], &now()).unwrap_err().to_string();
        assert!(error.contains(words), "{number}: {error}");
    }
    let size = |size: &str| valid("answers").replacen("\"size\":1", &format!("\"size\":{size}"), 1);
    for (number, words) in [
        ("9007199254740992", "answers.B1.evidence[0].size: the number 9007199254740992 is beyond"),
        ("18446744073709551616", "answers.B1.evidence[0].size: the number 18446744073709551616 is beyond"),
        ("1.5", "answers.B1.evidence[0].size: the number 1.5 has a fraction"),
        ("-1", "answers.B1.evidence[0].size: -1 is out of range; it must be an integer from 0 to 9007199254740991"),
    ] {
        let error = Answers::from_json(&mini(), &size(number)).unwrap_err().to_string();
        assert!(error.contains(words), "size {number}: {error}");
    }
    let points =
        |points: &str| read("catalogues/mini.json").replacen("\"points\": 20", &format!("\"points\": {points}"), 1);
    for (number, words) in [
        (
            "4294967296",
            "areas[0].criteria[0].points: 4294967296 is out of range; it must be an integer from 0 to 4294967295",
        ),
        ("20.0", "areas[0].criteria[0].points: the number 20.0 has a fraction"),
        ("-20", "areas[0].criteria[0].points: -20 is out of range"),
    ] {
        let error = Catalogue::from_json(&points(number)).unwrap_err().to_string();
        assert!(error.contains(words), "points {number}: {error}");
    }
}

#[test]
fn points_that_would_overflow_are_problems_not_a_panic() {
    // Regression: the sum of a checklist's points overflowed u32 (a panic in debug builds, and a
    // 4294967295-point sub-item accepted in a 20-point criterion in release builds).
    let mut catalogue: Value = serde_json::from_str(&read("catalogues/mini.json")).unwrap();
    let items = &mut catalogue["areas"][0]["criteria"][2]["items"];
    items[1]["points"] = json!(16);
    items[2]["points"] = json!(u32::MAX);
    let error = Catalogue::from_json(&catalogue.to_string()).unwrap_err().to_string();
    assert!(error.contains("A3.3: points must be from 1 to 1000"), "{error}");
    catalogue["total_points"] = json!(u32::MAX);
    catalogue["areas"][1]["criteria"][0]["points"] = json!(4_000_000_000u32);
    let error = Catalogue::from_json(&catalogue.to_string()).unwrap_err().to_string();
    assert!(error.contains("B1: points must be from 1 to 1000"), "{error}");
    assert!(error.contains("total_points: points must be from 1 to 1000000"), "{error}");
}

#[test]
fn wrong_types_unknown_and_missing_fields_are_named() {
    let cases: [(&str, Edit, &str); 12] = [
        ("answers", |doc| doc["answers"] = json!([]), "answers: An object was expected, found an array"),
        ("answers", |doc| doc["profile"]["name"] = json!(5), "profile.name: A string was expected, found a number"),
        (
            "answers",
            |doc| doc["answers"]["A1"]["value"] = json!(true),
            "answers.A1.value: A string was expected, found true or false",
        ),
        ("answers", |doc| doc["surprise"] = json!(1), "surprise: the format has no such field"),
        (
            "answers",
            |doc| doc.as_object_mut().unwrap().retain(|key, _| key != "catalogue"),
            "catalogue: this field is missing",
        ),
        (
            "draft",
            |doc| doc["answers"]["B1"]["evidence"][0]["type"] = json!("photo"),
            "answers.B1.evidence[0].type: \"photo\" is not allowed; it must be one of \"link\", \"file\"",
        ),
        ("catalogue", |doc| doc["areas"] = json!({}), "areas: An array was expected, found an object"),
        ("catalogue", |doc| doc["areas"][0]["colour"] = json!("red"), "areas[0].colour: the format has no such field"),
        (
            "catalogue",
            |doc| doc.as_object_mut().unwrap().retain(|key, _| key != "total_points"),
            "total_points: this field is missing",
        ),
        ("result", |doc| doc["issuer"] = json!(5), "issuer: A string was expected, found a number"),
        ("result", |doc| doc["proof"]["extra"] = json!(1), "proof.extra: the format has no such field"),
        (
            "result",
            |doc| doc.as_object_mut().unwrap().retain(|key, _| key != "validFrom"),
            "validFrom: this field is missing",
        ),
    ];
    for (kind, edit, words) in cases {
        let (_, reader) = readers().into_iter().find(|(name, _)| *name == kind).unwrap();
        assert_says(kind, words, &message(kind, &*reader, &edited(kind, edit)), &[words]);
    }
}

#[test]
fn a_wrong_catalogue_digest_is_named() {
    let json = edited("answers", |doc| doc["catalogue"]["digest"] = json!("0".repeat(64)));
    let error = Answers::from_json(&mini(), &json).unwrap_err();
    assert!(matches!(error, Error::CatalogueMismatch { .. }), "{error}");
    assert!(error.to_string().contains(&"0".repeat(64)), "{error}");
    let error = Answers::from_draft_json(&mini(), &json).unwrap_err();
    assert!(matches!(error, Error::CatalogueMismatch { .. }), "{error}");

    // A result pinning a digest no known catalogue has, signed correctly.
    let mut result: Value = serde_json::from_str(&valid("result")).unwrap();
    result["credentialSubject"]["catalogue"]["digest"] = json!("f".repeat(64));
    let mut document = selfcheck_tests::core_json(&result);
    let object = document.as_object_mut().unwrap();
    object.remove("proof");
    let key = AssociationKey::from_seed(std::array::from_fn(|i| i as u8 + 1));
    add_proof(object, &key, Some(&Timestamp::parse("2026-11-05T02:30:00Z").unwrap()));
    let error = verify_result(&selfcheck_core::json::compact(&document), &[Catalogue::builtin()], &now()).unwrap_err();
    assert!(matches!(error, Error::UnknownCatalogue { .. }), "{error}");
    assert!(
        error.to_string().contains(&"f".repeat(12)) && error.to_string().contains("provide that catalogue"),
        "{error}"
    );
}

fn did(prefix: &[u8], key: &[u8]) -> String {
    format!("did:key:z{}", bs58::encode([prefix, key].concat()).into_string())
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn malformed_did_keys_each_say_what_is_wrong() {
    let good = AssociationKey::from_seed([3; 32]).public();
    let key = good.bytes();
    let cases = [
        ("did:web:example.org".to_owned(), "does not start with did:key:"),
        (format!("did:key:{}", &good.multibase()[1..]), "must start with z"),
        ("did:key:z0OIl".to_owned(), "not valid base58"),
        (did(&[0xe7, 0x01], key), "not an Ed25519 key (multicodec 0xed01)"),
        (did(&[0xed, 0x01], &key[..31]), "31 bytes instead of 32"),
        (did(&[0xed, 0x01], &[key.as_slice(), &[0]].concat()), "33 bytes instead of 32"),
        (did(&[0xed, 0x01], &[0; 32]), "small-order point"),
        (
            did(&[0xed, 0x01], &hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")),
            "small-order point",
        ),
        (
            did(&[0xed, 0x01], &hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")),
            "small-order point",
        ),
        // y = 2 is not the y of any point of the curve.
        (did(&[0xed, 0x01], &[[2].as_slice(), &[0; 31]].concat()), "not a point of Ed25519"),
    ];
    let result: Value = serde_json::from_str(&valid("result")).unwrap();
    for (did, words) in cases {
        let error = PublicKey::from_did(&did).unwrap_err();
        assert!(matches!(error, Error::BadDidKey(_)) && error.to_string().contains(words), "{did}: {error}");
        // The same through a result: issuer and verification method named by that did:key.
        let mut forged = result.clone();
        forged["issuer"] = json!(did);
        forged["proof"]["verificationMethod"] = json!(format!("{did}#{}", did.trim_start_matches("did:key:")));
        let error = verify_result(&forged.to_string(), &[Catalogue::builtin()], &now()).unwrap_err();
        assert!(error.to_string().contains(words), "{did}: {error}");
    }
    assert_eq!(PublicKey::from_did(&good.did()).unwrap(), good);
    // The widget's stored key is named by its own fingerprint without the curve's arithmetic:
    // the same fingerprint for a good key, and an error, never a panic, for a malformed did:key.
    assert_eq!(selfcheck_core::keys::Fingerprint::of_did(&good.did()).unwrap(), good.fingerprint());
    for malformed in ["did:web:example.org", "did:key:0abc", "did:key:z111", "did:key:", ""] {
        let error = selfcheck_core::keys::Fingerprint::of_did(malformed).unwrap_err();
        assert!(matches!(error, Error::BadDidKey(_)), "{malformed}: {error}");
    }
}

/// One of C2SP's Ed25519 edge-case vectors (tests/data/vectors/c2sp-ed25519/).
#[derive(serde::Deserialize)]
struct Vector {
    number: u32,
    key: String,
    sig: String,
    msg: String,
    flags: Vec<String>,
}

#[test]
fn c2sps_ed25519_edge_cases_are_all_rejected_by_our_verifier() {
    let vectors: Vec<Vector> = serde_json::from_str(&read("vectors/c2sp-ed25519/ed25519vectors.json")).unwrap();
    assert!(vectors.len() >= 20);
    let flagged = |vector: &Vector, flag: &str| vector.flags.iter().any(|found| found == flag);
    let (mut lax_accepts, mut strict_accepts) = (0, 0);
    for vector in &vectors {
        let key: [u8; 32] = hex(&vector.key).try_into().unwrap();
        let signature: [u8; 64] = hex(&vector.sig).try_into().unwrap();
        let (number, message) = (vector.number, vector.msg.as_bytes());
        // What ed25519-dalek alone does with it: these are real edge cases, which its lax
        // (cofactorless RFC 8032) check and even its verify_strict let through in part.
        if let Ok(dalek) = ed25519_dalek::VerifyingKey::from_bytes(&key) {
            let signature = ed25519_dalek::Signature::from_bytes(&signature);
            lax_accepts += usize::from(ed25519_dalek::Verifier::verify(&dalek, message, &signature).is_ok());
            strict_accepts += usize::from(dalek.verify_strict(message, &signature).is_ok());
        }
        // Ours refuses every key they use, so no signature of theirs is ever checked: small-order
        // keys, and keys with a small-order component, which Ed25519 key generation never makes.
        let error = PublicKey::from_bytes(&key).unwrap_err().to_string();
        let expected = if flagged(vector, "low_order_A") { "small-order point" } else { "small-order component" };
        assert!(flagged(vector, "low_order_component_A") || flagged(vector, "low_order_A"), "vector {number}");
        assert!(error.contains(expected), "vector {number}: {error}");
        let error = PublicKey::from_did(&did(&[0xed, 0x01], &key)).unwrap_err().to_string();
        assert!(error.contains(expected), "vector {number} as a did:key: {error}");
    }
    assert!(lax_accepts >= 5, "only {lax_accepts} vectors pass lax verification: are these the edge cases?");
    assert!(strict_accepts >= 1, "verify_strict alone refuses them all: the key check would not be needed");

    // With a key of our own, verify_strict refuses a non-canonical S (S + L) and a small-order or
    // non-canonical R, though each would satisfy a lax check or decode.
    let key = AssociationKey::from_seed([5; 32]);
    let public = key.public();
    let message = b"selfcheck";
    let signed = ed25519_dalek::Signer::sign(&ed25519_dalek::SigningKey::from_bytes(&[5; 32]), message).to_bytes();
    public.verify_strict(message, &signed).unwrap();
    let mut malleable = signed;
    let l: [u8; 32] = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010").try_into().unwrap();
    let mut carry = 0u16;
    for (byte, l) in malleable[32..].iter_mut().zip(l) {
        let sum = u16::from(*byte) + u16::from(l) + carry;
        *byte = sum as u8;
        carry = sum >> 8;
    }
    for (what, bad) in [
        ("S + L", malleable),
        ("R the identity", [[1u8].as_slice(), &[0; 31], &signed[32..]].concat().try_into().unwrap()),
        (
            "R non-canonical",
            [hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), signed[32..].to_vec()]
                .concat()
                .try_into()
                .unwrap(),
        ),
    ] {
        let error = public.verify_strict(message, &bad).unwrap_err();
        assert!(matches!(error, Error::SignatureMismatch), "{what}: {error}");
    }
}

#[test]
fn key_files_that_cannot_be_used_say_why() {
    let passphrase = "selfcheck fuzzing passphrase";
    let opened = AssociationKey::from_encrypted_pem(&read("keys/openssl-pbkdf2-1000.pem"), passphrase).unwrap();
    assert_eq!(opened.public().fingerprint().len(), 39);
    AssociationKey::from_encrypted_pem(&read("keys/openssl-scrypt-16.pem"), passphrase).unwrap();

    let pem = read("keys/openssl-pbkdf2-1000.pem");
    let body: String = pem.lines().filter(|line| !line.starts_with("-----")).collect();
    let cases = [
        (String::new(), "not a PEM file"),
        (pem[..pem.len() / 2].to_owned(), "not a PEM file"),
        ("not a key at all".to_owned(), "This is a plain text file, not a key file."),
        (
            format!("-----BEGIN ENCRYPTED PRIVATE KEY-----\n{}\n-----END ENCRYPTED PRIVATE KEY-----\n", &body[..40]),
            "its encrypted key cannot be read",
        ),
        (pem.replace("ENCRYPTED PRIVATE KEY", "PUBLIC KEY"), "not an encrypted private key"),
        (read("keys/openssl-pbkdf2-20000000.pem"), "more than 10000000 PBKDF2 iterations"),
        // Regression: found by the key_file fuzz target; pkcs5 panicked on it in debug builds.
        (read("keys/fuzz-crash-scrypt-n0.pem"), "its scrypt cost N = 0 is not a power of two above 1"),
        // The key derivation named by an OID that is not one (PBES2's own instead of PBKDF2's).
        (
            pem.replace("MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAc", "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDTAc"),
            "its encrypted key cannot be read",
        ),
    ];
    for (file, words) in cases {
        let error = AssociationKey::from_encrypted_pem(&file, passphrase).unwrap_err().to_string();
        assert!(error.contains(words), "{file:.60}: {error}");
    }
    for wrong in ["wrong passphrase", "", "selfcheck fuzzing passphrase "] {
        let error = AssociationKey::from_encrypted_pem(&pem, wrong).unwrap_err();
        assert!(matches!(error, Error::WrongPassphrase), "{wrong:?}: {error}");
        assert!(error.to_string().contains("The passphrase is wrong"));
    }
}

#[test]
fn timestamps_with_characters_across_their_fields_are_bad_timestamps() {
    // Regression: found by the result fuzz target; slicing inside a character panicked before
    // the signature was looked at, so anyone could make `selfcheck verify` or the widget abort.
    let crash = read("regressions/fuzz-crash-result-valid-from.json");
    let error = verify_result(&crash, &[Catalogue::builtin()], &now()).unwrap_err();
    assert!(matches!(error, Error::BadTimestamp(_)), "{error}");
    assert!(error.to_string().contains("is not a date-time of the form 2026-01-31T08:00:00Z"), "{error}");
    assert!(error.message(selfcheck_core::Lang::Zh).contains("应为“2026-01-31T08:00:00Z”这样的格式"), "{error}");
    for field in ["validFrom", "created"] {
        for stamp in ["2026-12-\u{202e}27T15:06:27Z", "2026-12-2\u{e9}T15:06:27Z", "2026-11-05T02:30:0\u{4e00}Z"] {
            let json = edited("result", |doc| match field {
                "validFrom" => doc["validFrom"] = json!(stamp),
                _ => doc["proof"]["created"] = json!(stamp),
            });
            let error = verify_result(&json, &[Catalogue::builtin()], &now()).unwrap_err();
            assert!(matches!(error, Error::BadTimestamp(_)), "{field} {stamp}: {error}");
        }
    }
}

#[test]
fn profiles_typed_wrong_are_named_field_by_field() {
    let json = edited("draft", |doc| {
        doc["profile"] = json!({
            "name": "协".repeat(2001),
            "credit_code": "5144000050000312",
            "contact": {"email": "x".repeat(2001)},
            "period": {"from": "2026-13-01", "to": "2026-1-1"}
        });
    });
    let error = Answers::from_json(&mini(), &json).unwrap_err().to_string();
    for words in [
        "profile.name: longer than the limit of 2000 characters",
        "profile.contact.email: longer than the limit",
        "profile.credit_code: ",
        "profile.period.from: \"2026-13-01\" is not a date",
        "profile.period.to: \"2026-1-1\" is not a date",
    ] {
        assert!(error.contains(words), "{words:?} missing from {error}");
    }
    // A draft keeps such a profile for the person to correct, and its answers are read.
    let (answers, profile) = Answers::from_draft_json(&mini(), &json).unwrap();
    assert_eq!(profile.credit_code, "5144000050000312");
    assert!(answers.entry(0).unwrap().response.is_some());
}

fn thousands(number: usize) -> String {
    let digits = number.to_string();
    digits.chars().enumerate().fold(String::new(), |mut out, (index, digit)| {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
        out
    })
}
