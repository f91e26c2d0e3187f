//! Bad input at every entry point of the bureau's review: a received file of any kind, the
//! expected list, the review file and the signed summary are refused by size before parsing and
//! say in plain words, in either language, what is wrong.

use selfcheck_bureau::{ExpectedList, Reviews, Stage, examine, verify_summary};
use selfcheck_core::{Catalogue, Document, Error, Lang};
use selfcheck_tests::now;

fn golden() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/golden/result-complete.json")).unwrap()
}

/// Each message is whole, in one language only.
fn says(error: &Error) -> (String, String) {
    let (zh, en) = (error.message(Lang::Zh), error.message(Lang::En));
    let chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    assert!(chinese(&zh) && !zh.is_empty(), "{zh}");
    assert!(!chinese(&en) && !en.is_empty(), "{en}");
    (zh, en)
}

#[test]
fn any_file_received_gets_a_verdict_saying_what_it_is() {
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let result = golden();
    let cases: Vec<(&str, Vec<u8>, Stage, &str)> = vec![
        ("empty", Vec::new(), Stage::NotAResult, "it is empty"),
        ("cut short", result.as_bytes()[..result.len() / 2].to_vec(), Stage::NotAResult, "cut short"),
        ("gbk", b"{\"name\": \"\xb9\xe3\xb6\xab\"}".to_vec(), Stage::NotAResult, "GBK"),
        (
            "pdf",
            b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n1 0 obj".to_vec(),
            Stage::NotAResult,
            "This is a PDF file, not a signed result.",
        ),
        ("not UTF-8", b"\x00\x9c\xfe\x01".to_vec(), Stage::NotAResult, "not UTF-8"),
        (
            "key file",
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/keys/openssl-pbkdf2-1000.pem")).unwrap(),
            Stage::NotAResult,
            "This is a key file, not a signed result.",
        ),
        (
            "text",
            "本协会本月自查情况说明。\n".as_bytes().to_vec(),
            Stage::NotAResult,
            "This is a plain text file, not a signed result.",
        ),
        ("too large", vec![b' '; 4 * 1024 * 1024 + 1], Stage::NotAResult, "too large"),
        (
            "answers",
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/golden/answers-complete.json")).unwrap(),
            Stage::NotAResult,
            "answers document, not a signed result",
        ),
        ("malformed", result.replacen("\"validFrom\"", "\"validfrom\"", 1).into_bytes(), Stage::Format, "validFrom"),
        (
            "proof array",
            result.replacen("\"proof\": {", "\"proof\": [{", 1).replacen("\n  }\n}", "\n  }]\n}", 1).into_bytes(),
            Stage::Signature,
            "one object",
        ),
    ];
    for (name, bytes, stage, english) in cases {
        let verdict = examine(name, &bytes, &catalogues, &now()).judge(None);
        assert_eq!(verdict.stage(), Some(stage), "{name}: {:?}", verdict.reason());
        let message = verdict.message(Lang::En);
        assert!(message.contains(english), "{name}: {message}");
        assert!(verdict.message(Lang::Zh).chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        assert!(verdict.accepted().is_none() && verdict.signer.is_none(), "{name}");
    }
}

#[test]
fn an_expected_list_that_cannot_be_read_says_why() {
    let too_large = ExpectedList::from_bytes(&vec![b'a'; 4 * 1024 * 1024 + 1]).unwrap_err();
    assert!(matches!(too_large, Error::TooLarge { what: Document::ExpectedList, .. }));
    says(&too_large);
    for (bytes, code) in [
        (&b""[..], "no-associations"),
        (&b"\xef\xbb\xbf"[..], "no-associations"),
        ("名称,统一社会信用代码\r\n".as_bytes(), "no-associations"),
        ("单位名称,统一社会信用代码\r\n广东省示例行业协会,\r\n".as_bytes(), "no-credit-code"),
    ] {
        let error = ExpectedList::from_bytes(bytes).unwrap_err();
        assert_eq!(error.problems().first().map(|problem| problem.code()), Some(code), "{error:?}");
        says(&error);
    }
    // Files of another kind are named as such, the key register above all: its lines would read
    // as credit codes with names.
    let register = "514400005000031282 6161 1210 84A6 3F2B 9C01 D5A9 8173 E3B2\n";
    for (bytes, found) in [
        (register.as_bytes(), Document::Register),
        (golden().as_bytes(), Document::Result),
        (b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0".as_slice(), Document::Archive),
    ] {
        let error = ExpectedList::from_bytes(bytes).unwrap_err();
        assert_eq!(error, Error::WrongDocument { expected: Document::ExpectedList, found }, "{error}");
        says(&error);
    }
    let (zh, en) = says(&ExpectedList::from_bytes(b"\xb9\xe3\xb6\xab,514400005000031282\n").unwrap_err());
    assert!(zh.contains("CSV UTF-8") && en.contains("CSV UTF-8"), "{zh} / {en}");
    // UTF-16 (Excel's "Unicode text") with half a character in it.
    let error = ExpectedList::from_bytes(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).unwrap_err();
    assert_eq!(error.code(), "not-utf8");
    says(&error);
}

#[test]
fn a_review_file_that_cannot_be_read_says_why() {
    for (text, code) in [
        ("", "not-json"),
        ("{\"format\": \"selfcheck-review/1\", \"reviews\": [", "not-json"),
        ("{\"format\": \"selfcheck-review/1\", \"reviews\": [], \"extra\": 1}", "malformed"),
        // Version 2 exists since issue 26 (the handling of reported problems): a later one is refused.
        ("{\"format\": \"selfcheck-review/3\", \"reviews\": []}", "malformed"),
        ("{\"reviews\": [{\"result\": 1, \"state\": \"approved\"}]}", "malformed"),
    ] {
        let error = Reviews::from_json(text).unwrap_err();
        assert_eq!(error.code(), code, "{text}: {error:?}");
        says(&error);
    }
    let error = Reviews::from_json(&golden()).unwrap_err();
    assert!(matches!(error, Error::WrongDocument { expected: Document::Review, found: Document::Result }));
    let (zh, _) = says(&error);
    assert_eq!(zh, "这是签名的自查结果，不是审核记录文件。");
    let large = format!("{{\"format\": \"selfcheck-review/1\", \"reviews\": [], \"x\": \"{}\"}}", "a".repeat(8 << 20));
    assert!(matches!(Reviews::from_json(&large), Err(Error::TooLarge { what: Document::Review, .. })));
}

#[test]
fn a_signed_summary_that_cannot_be_read_says_why() {
    let error = verify_summary(&golden(), &now()).unwrap_err();
    assert!(matches!(error, Error::WrongDocument { expected: Document::Summary, found: Document::Result }));
    let (_, en) = says(&error);
    assert_eq!(en, "This is a signed result, not a signed bureau summary.");
    let malformed = r#"{
        "@context": ["https://www.w3.org/ns/credentials/v2"], "id": "x",
        "type": ["VerifiableCredential", "SelfcheckBureauSummaryCredential"],
        "issuer": "did:key:z6Mk", "validFrom": "2026-12-01T00:00:00Z",
        "credentialSubject": {"type": "SelfcheckBureauSummary", "format": "selfcheck-summary/1", "kind": "pie",
            "settings": {"longest_period_days": 0, "months": "2026-13..2026-14"},
            "inputs": [{"name": "a", "sha256": "ABC", "role": "file"}]},
        "proof": {}
    }"#;
    let error = verify_summary(malformed, &now()).unwrap_err();
    let at: Vec<&str> = error.problems().iter().map(|problem| problem.at.as_str()).collect();
    for path in [
        "id",
        "credentialSubject.kind",
        "credentialSubject.settings.longest_period_days",
        "credentialSubject.settings.months",
        "credentialSubject.inputs[0].sha256",
        "proof.type",
    ] {
        assert!(at.contains(&path), "{path} not among {at:?}");
    }
    says(&error);
    assert!(matches!(verify_summary("", &now()), Err(Error::Json { what: Document::Summary, .. })));
}
