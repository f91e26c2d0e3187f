//! Answers checked against a catalogue: every problem reported at once, each naming its
//! criterion; strict parsing; the profile's credit code and dates.

use std::path::Path;

use selfcheck_core::{
    Answers, Catalogue, CreditCode, CreditCodeError, CreditCodeWarning, Document, Error, ProblemKind,
};
use serde_json::json;

fn mini() -> Catalogue {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/catalogues/mini.json");
    Catalogue::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn problems(catalogue: &Catalogue, doc: serde_json::Value) -> Vec<(String, ProblemKind)> {
    match Answers::from_json(catalogue, &doc.to_string()) {
        Err(Error::InvalidAnswers(problems)) => problems.into_iter().map(|p| (p.at, p.kind)).collect(),
        other => panic!("expected invalid answers, got {other:?}"),
    }
}

fn doc(answers: serde_json::Value) -> serde_json::Value {
    json!({"format": "selfcheck-answers/1", "catalogue": {"id": "mini", "version": "0.1.0"}, "answers": answers})
}

#[test]
fn all_problems_come_back_at_once_each_naming_its_criterion() {
    let found = problems(
        &mini(),
        doc(json!({
            "Z9": {"value": "yes"},
            "A1": {"checked": ["A1.1"]},
            "A3": {"value": "yes"},
            "B1": {"value": "partly"},
            "B2": {"value": "yes", "checked": []},
        })),
    );
    assert_eq!(
        found,
        [
            ("A1".to_owned(), ProblemKind::NotAChecklist),
            ("A3".to_owned(), ProblemKind::ChecklistNeedsChecked),
            ("B1".to_owned(), ProblemKind::PartlyNotAllowed),
            ("B2".to_owned(), ProblemKind::ValueAndChecked),
            ("Z9".to_owned(), ProblemKind::UnknownCriterion),
        ]
    );
}

#[test]
fn not_applicable_only_where_allowed_and_checklist_items_must_exist_once() {
    let found = problems(&mini(), doc(json!({"A1": {"value": "na"}, "A3": {"checked": ["A3.1", "A3.9", "A3.1"]}})));
    assert_eq!(
        found,
        [
            ("A1".to_owned(), ProblemKind::NotApplicableNotAllowed),
            ("A3".to_owned(), ProblemKind::UnknownItem("A3.9".into())),
            ("A3".to_owned(), ProblemKind::DuplicateItem("A3.1".into())),
        ]
    );
}

#[test]
fn evidence_and_profile_are_checked() {
    let mut answers = doc(json!({"A1": {"value": "yes", "evidence": [
        {"type": "link", "url": "javascript:alert(1)"},
        {"type": "file", "name": "", "size": 1, "sha256": "ABC"},
    ]}}));
    answers["profile"] =
        json!({"credit_code": "51440000500003128X", "period": {"from": "2026-02-30", "to": "2026-01-01"}});
    let found = problems(&mini(), answers);
    let kinds: Vec<&ProblemKind> = found.iter().map(|(_, kind)| kind).collect();
    assert!(matches!(kinds[0], ProblemKind::CreditCode(CreditCodeError::CheckMismatch { expected: '2', found: 'X' })));
    assert_eq!(kinds[1], &ProblemKind::BadDate("2026-02-30".into()));
    assert_eq!(
        &kinds[2..],
        [&ProblemKind::BadLink("javascript:alert(1)".into()), &ProblemKind::EmptyFileName, &ProblemKind::BadFileDigest]
    );
}

#[test]
fn parsing_is_strict() {
    let catalogue = mini();
    let cases = [
        (
            r#"{"format":"selfcheck-answers/1","catalogue":{"id":"mini","version":"0.1.0"},"answers":{"A1":{"value":"yes"},"A1":{"value":"no"}}}"#,
            "answers: the key \"A1\" appears twice in one object",
        ),
        (
            r#"{"format":"selfcheck-answers/1","catalogue":{"id":"mini","version":"0.1.0"},"answers":{"A1":{"value":"yes","colour":"red"}}}"#,
            "answers.A1.colour: the format has no such field",
        ),
        (
            r#"{"format":"selfcheck-answers/1","format":"selfcheck-answers/1","catalogue":{"id":"mini","version":"0.1.0"}}"#,
            "the key \"format\" appears twice in one object (at line 1, column 33)",
        ),
        (
            r#"{"format":"selfcheck-answers/1","catalogue":{"id":"mini","version":"0.1.0"},"answers":{"A1":{"value":"maybe"}}}"#,
            "answers.A1.value: \"maybe\" is not allowed; it must be one of \"yes\", \"partly\", \"no\", \"na\"",
        ),
        (
            r#"{"format":"selfcheck-answers/1","catalogue":{"id":"mini","version":"0.1.0"},"answers":{"A1":{"evidence":[{"type":"file","name":"a","size":1.5,"sha256":"00"}]}}}"#,
            "answers.A1.evidence[0].size: the number 1.5 has a fraction",
        ),
        (r#"{"format":"selfcheck-answers/1","catalogue":{"id":"mini""#, "it ends too early, at line 1, column 57"),
        ("", "cannot be read: it is empty"),
    ];
    for (json, message) in cases {
        let error = Answers::from_json(&catalogue, json).unwrap_err().to_string();
        assert!(error.contains(message), "{json}\n  gave {error}\n  not {message}");
    }
}

#[test]
fn the_wrong_kind_of_document_or_catalogue_is_named_as_such() {
    let catalogue = mini();
    let error = Answers::from_json(&catalogue, r#"{"format":"selfcheck-report/1","total":3}"#).unwrap_err();
    assert!(matches!(error, Error::WrongDocument { expected: Document::Answers, found: Document::Report }), "{error}");
    let error = Answers::from_json(
        &catalogue,
        r#"{"format":"selfcheck-answers/1","catalogue":{"id":"gd-2013-self-discipline","version":"1.0.0"}}"#,
    )
    .unwrap_err();
    assert!(matches!(error, Error::CatalogueMismatch { .. }), "{error}");
    let wrong_digest = format!(
        r#"{{"format":"selfcheck-answers/1","catalogue":{{"id":"mini","version":"0.1.0","digest":"{}"}}}}"#,
        "0".repeat(64)
    );
    assert!(matches!(Answers::from_json(&catalogue, &wrong_digest), Err(Error::CatalogueMismatch { .. })));
    let right_digest = format!(
        r#"{{"format":"selfcheck-answers/1","catalogue":{{"id":"mini","version":"0.1.0","digest":"{}"}}}}"#,
        catalogue.digest()
    );
    assert!(Answers::from_json(&catalogue, &right_digest).is_ok());
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let huge = " ".repeat(selfcheck_core::answers::MAX_ANSWERS_BYTES + 1);
    assert!(matches!(Answers::from_json(&mini(), &huge), Err(Error::TooLarge { .. })));
}

#[test]
fn answers_survive_a_round_trip_through_the_wire_format() {
    let catalogue = mini();
    let json = json!({
        "format": "selfcheck-answers/1",
        "catalogue": {"id": "mini", "version": "0.1.0"},
        "profile": {"name": "广东省测试行业协会", "credit_code": " 514400005000031282 ", "contact": {"person": "张三", "phone": "020-1234567", "email": "a@b.cn"}, "period": {"from": "2026-10-01", "to": "2026-10-31"}},
        "answers": {"A1": {"value": "partly", "note": "修订中"}, "A3": {"checked": ["A3.3", "A3.1"]}, "B2": {"value": "na"},
                    "B1": {"note": "待理事会审议", "evidence": [{"type": "link", "url": "https://example.org/x"}]}}
    });
    let answers = Answers::from_json(&catalogue, &json.to_string()).unwrap();
    let doc = answers.to_doc(&catalogue);
    let again = Answers::from_doc(&catalogue, &doc).unwrap();
    assert_eq!(again, answers);
    assert_eq!(doc.profile.credit_code, "514400005000031282");
    assert_eq!(doc.answers["A3"].checked.as_deref(), Some(&["A3.1".to_owned(), "A3.3".to_owned()][..]));
    assert_eq!(doc.catalogue.digest.as_deref(), Some(catalogue.digest()));
}

#[test]
fn credit_codes_published_as_valid_pass_and_broken_ones_say_why() {
    // The example of GB 32100-2015 and codes of registered enterprises.
    for code in ["91350100M000100Y43", "91310110666007217T", "91440101MA5CJQ4N59", "913502000728319549"] {
        let parsed = CreditCode::parse(code).unwrap_or_else(|error| panic!("{code}: {error}"));
        assert_eq!(parsed.warnings(), [CreditCodeWarning::NotSocialOrganization], "{code}");
    }
    // Social organizations (社会团体 51, 民办非企业单位 52, 基金会 53), check characters computed
    // with an independent implementation of the standard.
    for code in ["514400005000031282", "52440100MJL000120C", "53440000mj0000018a"] {
        assert_eq!(CreditCode::parse(code).unwrap().warnings(), [], "{code}");
    }
    // An early pilot code that does not follow the standard.
    assert_eq!(
        CreditCode::parse("91350211M00013FA1N"),
        Err(CreditCodeError::CheckMismatch { expected: '3', found: 'N' })
    );
    assert_eq!(CreditCode::parse("5144000050000312"), Err(CreditCodeError::WrongLength { found: 16 }));
    assert_eq!(
        CreditCode::parse("51440000500000I282"),
        Err(CreditCodeError::InvalidCharacter { position: 15, found: 'I' })
    );
    assert_eq!(CreditCode::parse("5144A0005000031282"), Err(CreditCodeError::DivisionNotDigits));
    // As people type and paste it: full-width digits from a Chinese input method, spaces,
    // hyphens, lower case.
    for typed in ["５１４４００００５００００３１２８２", " 5144-0000-5000-0312-82 ", "514400005000031282\u{3000}"]
    {
        assert_eq!(
            CreditCode::parse(typed).map(|code| code.as_str().to_owned()),
            Ok("514400005000031282".into()),
            "{typed}"
        );
    }
    assert_eq!(CreditCode::parse("53440000mj0000018a").unwrap().as_str(), "53440000MJ0000018A");
    assert_eq!(
        CreditCode::parse("51440000500000312８"),
        Err(CreditCodeError::CheckMismatch { expected: '4', found: '8' })
    );
    let message = CreditCode::parse("514400005000031283").unwrap_err().to_string();
    assert!(message.contains("mistyped"), "{message}");
}
