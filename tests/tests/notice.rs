//! The bureau's rectification notice (整改通知): signed by the bureau's key, verified with its
//! digest of the bytes received, every change to it caught, every bad draft and bad file named
//! in the officer's words, and files of other kinds named for what they are.

use selfcheck_core::notice::{NoticeDraft, NoticeItem, sign_notice, verify_notice};
use selfcheck_core::wire::{NOTICE_SUBJECT_TYPE, NOTICE_TYPE, NoticeDoc, NoticeItemDoc, NoticeSubjectDoc};
use selfcheck_core::{AssociationKey, Catalogue, CreditCode, Date, Document, Error, Lang, Timestamp, verify_result};
use selfcheck_tests::{data, now};
use serde_json::{Value, json};

/// A test key standing for the bureau's. Never use it for anything real.
fn bureau_key() -> AssociationKey {
    AssociationKey::from_seed([9; 32])
}

fn issued() -> Timestamp {
    Timestamp::parse("2026-11-20T02:00:00Z").unwrap()
}

fn draft() -> NoticeDraft {
    NoticeDraft {
        credit_code: CreditCode::parse("514400005000031282").unwrap(),
        name: "广东省示例行业协会".into(),
        based_on: Some("2caf836a132e3145807e7efa1fe081dbe90b20925173cd0b7644156b2eb147a1".into()),
        items: vec![
            NoticeItem { criterion: "B2".into(), remark: "财务管理制度未向会员公开。".into() },
            NoticeItem { criterion: "C4".into(), remark: String::new() },
            NoticeItem { criterion: "D9".into(), remark: "请说明收费依据。".into() },
        ],
        remark: "请于期限内整改，并随下月自查结果报送整改情况。".into(),
        deadline: Date::parse("2026-12-31").unwrap(),
    }
}

fn signed() -> String {
    sign_notice(Catalogue::builtin(), &draft(), &bureau_key(), &issued(), [7; 16]).unwrap()
}

/// The problems of a malformed notice, as (path, code).
fn problems(error: Error) -> Vec<(String, &'static str)> {
    match error {
        Error::Malformed { what: Document::Notice, problems } => {
            problems.iter().map(|problem| (problem.at.clone(), problem.kind.code())).collect()
        }
        other => panic!("expected a malformed notice, got {other:?}"),
    }
}

#[test]
fn a_signed_notice_verifies_and_says_what_the_bureau_asked() {
    let text = signed();
    let verified = verify_notice(&text, &[Catalogue::builtin()], &now()).unwrap();
    assert_eq!(verified.key, bureau_key().public());
    assert_eq!(verified.content.credit_code.as_str(), "514400005000031282");
    assert_eq!(
        verified.content.items.iter().map(|item| item.criterion.as_str()).collect::<Vec<_>>(),
        ["B2", "C4", "D9"]
    );
    assert_eq!(verified.content.items[0].remark, "财务管理制度未向会员公开。");
    assert_eq!((verified.content.deadline.as_str(), verified.issued.as_str()), ("2026-12-31", "2026-11-20T02:00:00Z"));
    assert_eq!(verified.digest, selfcheck_core::credential::sha256_hex(text.as_bytes()), "the digest of the bytes");
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["type"], json!(["VerifiableCredential", NOTICE_TYPE]));
    assert_eq!(value["proof"]["cryptosuite"], "eddsa-jcs-2022");
    assert_eq!(value["credentialSubject"]["format"], "selfcheck-notice/1");
}

#[test]
fn any_change_to_a_notice_breaks_its_signature() {
    let text = signed();
    type Edit = (&'static str, fn(&mut Value));
    let edits: [Edit; 5] = [
        ("deadline", |subject| subject["deadline"] = json!("2027-06-30")),
        ("item dropped", |subject| {
            subject["items"].as_array_mut().unwrap().remove(0);
        }),
        ("remark", |subject| subject["items"][2]["remark"] = json!("")),
        ("association", |subject| subject["credit_code"] = json!("51440000500000007H")),
        ("overall remark", |subject| subject["remark"] = json!("无需整改。")),
    ];
    for (what, edit) in edits {
        let mut value: Value = serde_json::from_str(&text).unwrap();
        edit(&mut value["credentialSubject"]);
        let error = verify_notice(&value.to_string(), &[Catalogue::builtin()], &now()).unwrap_err();
        assert!(matches!(error, Error::SignatureMismatch), "{what}: {error:?}");
    }
}

#[test]
fn a_draft_that_cannot_be_a_notice_is_refused_with_every_problem() {
    let catalogue = Catalogue::builtin();
    let mut bad = draft();
    bad.items.push(NoticeItem { criterion: "Z9".into(), remark: String::new() });
    bad.items.push(NoticeItem { criterion: "B2".into(), remark: "再".repeat(4001) });
    bad.deadline = Date::parse("2026-11-19").unwrap();
    bad.name = " ".into();
    let error = sign_notice(catalogue, &bad, &bureau_key(), &issued(), [7; 16]).unwrap_err();
    let zh = error.message(Lang::Zh);
    assert_eq!(
        problems(error),
        [
            ("name".to_owned(), "no-visible-text"),
            ("items[3].criterion".to_owned(), "unknown-criterion"),
            ("items[4].criterion".to_owned(), "duplicate-id"),
            ("items[4].remark".to_owned(), "too-long"),
            ("deadline".to_owned(), "deadline-before-issued"),
        ]
    );
    assert!(zh.contains("整改事项第 4 项的标准") && zh.contains("整改期限早于签发当日（2026-11-20）"), "{zh}");
    let none = NoticeDraft { items: Vec::new(), ..draft() };
    let error = sign_notice(catalogue, &none, &bureau_key(), &issued(), [7; 16]).unwrap_err();
    assert_eq!(problems(error), [("items".to_owned(), "no-notice-items")]);
}

#[test]
fn a_notice_signed_elsewhere_with_content_that_does_not_fit_the_catalogue_is_refused() {
    let catalogue = Catalogue::builtin();
    let subject = NoticeSubjectDoc {
        kind: NOTICE_SUBJECT_TYPE.into(),
        format: "selfcheck-notice/1".into(),
        credit_code: "514400005000031282".into(),
        name: "广东省示例行业协会".into(),
        catalogue: catalogue.reference(),
        based_on: None,
        items: vec![NoticeItemDoc { criterion: "Q1".into(), remark: String::new() }],
        remark: String::new(),
        deadline: "2026-12-31".into(),
    };
    let document = NoticeDoc::unsigned(NOTICE_TYPE, bureau_key().public().did(), &issued(), [7; 16], subject);
    let text = selfcheck_core::credential::sign_document(&document, &bureau_key(), &issued());
    let error = verify_notice(&text, &[catalogue], &now()).unwrap_err();
    assert_eq!(problems(error), [("credentialSubject.items[0].criterion".to_owned(), "unknown-criterion")]);
    // A deadline that is no date, and a credit code that is none, are named before the signature.
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["credentialSubject"]["deadline"] = json!("下月底");
    value["credentialSubject"]["credit_code"] = json!("123");
    let codes: Vec<String> = problems(verify_notice(&value.to_string(), &[catalogue], &now()).unwrap_err())
        .into_iter()
        .map(|(at, _)| at)
        .collect();
    assert_eq!(codes, ["credentialSubject.credit_code", "credentialSubject.deadline"]);
}

#[test]
fn files_of_other_kinds_are_named_for_what_they_are() {
    let catalogue = Catalogue::builtin();
    let result = std::fs::read_to_string(data("golden/result-complete.json")).unwrap();
    let error = verify_notice(&result, &[catalogue], &now()).unwrap_err();
    assert!(matches!(error, Error::WrongDocument { expected: Document::Notice, found: Document::Result }));
    assert_eq!(error.message(Lang::Zh), "这是签名的自查结果，不是整改通知。");
    let error = verify_result(&signed(), &[catalogue], &now()).unwrap_err();
    assert!(matches!(error, Error::WrongDocument { expected: Document::Result, found: Document::Notice }), "{error:?}");
    assert_eq!(error.message(Lang::Zh), "这是整改通知，不是签名的自查结果。");
    let key = std::fs::read_to_string(data("keys/openssl-p256.pem")).unwrap();
    let error = verify_notice(&key, &[catalogue], &now()).unwrap_err();
    assert!(error.message(Lang::Zh).contains("密钥文件"), "{}", error.message(Lang::Zh));
    // A notice signed after the verifier's clock is not yet valid.
    let error = verify_notice(&signed(), &[catalogue], &Timestamp::parse("2026-11-01T00:00:00Z").unwrap()).unwrap_err();
    assert_eq!(error.code(), "not-yet-valid");
}

/// The association's answers (the golden ones) with B2 and C4 at full points or not.
fn answers_fixing(b2: bool, c4: bool) -> selfcheck_core::Answers {
    use selfcheck_core::{Answers, ItemsMet, Response};
    let catalogue = Catalogue::builtin();
    let golden = std::fs::read_to_string(data("golden/answers-complete.json")).unwrap();
    let mut answers = Answers::from_json(catalogue, &golden).unwrap();
    for (id, fixed) in [("B2", b2), ("C4", c4)] {
        let criterion = catalogue.criterion(id).unwrap();
        let response = match (criterion.kind.clone(), fixed) {
            (selfcheck_core::Kind::Checklist(_), true) => Response::Checked(ItemsMet::all(criterion.items().len())),
            (selfcheck_core::Kind::Checklist(_), false) => Response::Checked(ItemsMet::NONE),
            (_, true) => Response::Yes,
            (_, false) => Response::No,
        };
        answers.set(catalogue, id, response).unwrap();
    }
    answers
}

/// The association's result with B2 and C4 fixed or not, signed at `when`, as the bureau judges it.
fn received(b2: bool, c4: bool, when: &str, random: u8) -> selfcheck_bureau::Verdict {
    let catalogue = Catalogue::builtin();
    let key = selfcheck_tests::golden_key();
    let signed = selfcheck_core::sign_result(
        catalogue,
        &answers_fixing(b2, c4),
        &key,
        &Timestamp::parse(when).unwrap(),
        [random; 16],
    )
    .unwrap();
    let clock = Timestamp::parse("2027-06-01T00:00:00Z").unwrap();
    selfcheck_bureau::examine(&format!("{random}.json"), signed.as_bytes(), &[catalogue], &clock).judge(None)
}

#[test]
fn a_notice_is_in_progress_rectified_or_overdue_by_the_results_received() {
    use selfcheck_bureau::{NoticeState, track_notice};
    let narrow = NoticeDraft {
        items: vec![
            NoticeItem { criterion: "B2".into(), remark: String::new() },
            NoticeItem { criterion: "C4".into(), remark: String::new() },
        ],
        ..draft()
    };
    let text = sign_notice(Catalogue::builtin(), &narrow, &bureau_key(), &issued(), [7; 16]).unwrap();
    let notice = verify_notice(&text, &[Catalogue::builtin()], &now()).unwrap();
    let at = |when: &str| Timestamp::parse(when).unwrap();
    let state = |verdicts: &[selfcheck_bureau::Verdict], when: &str| {
        let track = track_notice(&notice, verdicts, None, &at(when));
        (track.state, track.open.iter().map(|id| id.to_string()).collect::<Vec<_>>())
    };
    let open = |ids: &[&str]| ids.iter().map(|id| id.to_string()).collect::<Vec<_>>();

    // Nothing received since the notice: in progress until the deadline's end, then overdue.
    let before_notice = received(true, true, "2026-11-10T02:00:00Z", 1);
    assert_eq!(
        state(std::slice::from_ref(&before_notice), "2026-12-01T00:00:00Z"),
        (NoticeState::InProgress, open(&["B2", "C4"]))
    );
    assert_eq!(
        state(&[], "2026-12-31T15:59:59Z"),
        (NoticeState::InProgress, open(&["B2", "C4"])),
        "the last day, Beijing"
    );
    assert_eq!(
        state(&[], "2026-12-31T16:00:00Z"),
        (NoticeState::Overdue, open(&["B2", "C4"])),
        "the next day, Beijing"
    );

    // One item fixed: still in progress, the other open; both fixed by the deadline: rectified.
    let half = received(true, false, "2026-12-10T02:00:00Z", 2);
    assert_eq!(state(std::slice::from_ref(&half), "2026-12-15T00:00:00Z"), (NoticeState::InProgress, open(&["C4"])));
    let both = received(true, true, "2026-12-31T15:00:00Z", 3);
    let verdicts = [half.clone(), both];
    let track = track_notice(&notice, &verdicts, None, &at("2027-02-01T00:00:00Z"));
    assert_eq!((track.state, track.open.len()), (NoticeState::Rectified, 0));
    assert_eq!(track.result.map(|verdict| verdict.file.name.as_str()), Some("3.json"));
    assert_eq!(NoticeState::Rectified.label(Lang::Zh), "已整改");

    // The officer accepts C4 as it stands (the reply convinced them): the result with B2 fixed
    // rectifies the notice; taken back, it is in progress again. Kept in the review file (v2).
    let mut reviews = selfcheck_bureau::Reviews::new();
    reviews.set_accepted(&notice.digest, "C4", true, "已书面说明，予以认可。", None).unwrap();
    let reviews = selfcheck_bureau::Reviews::from_json(&reviews.to_json()).unwrap();
    assert!(reviews.to_json().contains("selfcheck-review/2"));
    let track = track_notice(&notice, std::slice::from_ref(&half), Some(&reviews), &at("2026-12-15T00:00:00Z"));
    assert_eq!((track.state, track.accepted.as_slice()), (NoticeState::Rectified, ["C4"].as_slice()));
    assert_eq!(track.result.map(|verdict| verdict.file.name.as_str()), Some("2.json"));
    let nothing_since = track_notice(&notice, &[], Some(&reviews), &at("2026-12-15T00:00:00Z"));
    assert_eq!(
        (nothing_since.state, nothing_since.open.as_slice()),
        (NoticeState::InProgress, ["B2"].as_slice()),
        "accepting is no result: one must still come"
    );
    let mut taken_back = reviews.clone();
    taken_back.set_accepted(&notice.digest, "C4", false, "", None).unwrap();
    assert!(taken_back.is_empty());
    let track = track_notice(&notice, std::slice::from_ref(&half), Some(&taken_back), &at("2026-12-15T00:00:00Z"));
    assert_eq!(track.state, NoticeState::InProgress);
    assert!(reviews.clone().set_accepted("not a digest", "C4", true, "", None).is_err());
    assert!(reviews.clone().set_accepted(&notice.digest, "", true, "", None).is_err());

    // Fixed only after the deadline: overdue, and the late result shows nothing open.
    let late = received(true, true, "2027-01-02T02:00:00Z", 4);
    assert_eq!(state(&[half, late], "2027-01-05T00:00:00Z"), (NoticeState::Overdue, Vec::new()));
    assert_eq!(NoticeState::Overdue.label(Lang::Zh), "逾期未整改");
}

#[test]
fn the_exports_list_each_notice_once_with_its_state_whatever_order_the_files_came_in() {
    use selfcheck_bureau::{Analysis, ExportSource, Settings, analysis_json, export, track_notices};
    let item = |criterion: &str, remark: &str| NoticeItem { criterion: criterion.into(), remark: remark.into() };
    let first = NoticeDraft { items: vec![item("B2", "补充会议纪要"), item("C4", "")], ..draft() };
    let second = NoticeDraft { items: vec![item("A1", "")], ..draft() };
    let later = Timestamp::parse("2026-12-02T02:00:00Z").unwrap();
    let clock = Timestamp::parse("2026-12-15T00:00:00Z").unwrap();
    let verify = |text: &str| verify_notice(text, &[Catalogue::builtin()], &clock).unwrap();
    let first = verify(&sign_notice(Catalogue::builtin(), &first, &bureau_key(), &issued(), [7; 16]).unwrap());
    let second = verify(&sign_notice(Catalogue::builtin(), &second, &bureau_key(), &later, [8; 16]).unwrap());
    // Given newest first, and the first twice (loaded again).
    let notices = [second.clone(), first.clone(), first.clone()];
    let verdicts = [received(true, false, "2026-12-10T02:00:00Z", 2)];
    let analysis = Analysis::compute(&verdicts, None, Settings::new(clock.clone()));
    let tracks = track_notices(&notices, &verdicts, None, &clock);
    assert_eq!(tracks.len(), 2, "the same notice loaded twice is one");
    let source =
        ExportSource { analysis: &analysis, verdicts: &verdicts, reviews: None, others: &[], notices: &tracks };

    let document: Value =
        serde_json::from_str(&selfcheck_core::json::compact(&analysis_json(source, Lang::Zh))).unwrap();
    let listed: Vec<(&str, &str, Vec<&str>, i64)> = document["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|notice| {
            (
                notice["notice"].as_str().unwrap(),
                notice["state"].as_str().unwrap(),
                notice["open"].as_array().unwrap().iter().map(|id| id.as_str().unwrap()).collect(),
                notice["days_left"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (first.digest.as_str(), "in-progress", vec!["C4"], 16),
            (second.digest.as_str(), "in-progress", vec!["A1"], 16),
        ],
        "oldest first; B2 was fixed by the result since"
    );
    assert_eq!(document["notices"][0]["items"][0], json!({"criterion": "B2", "remark": "补充会议纪要"}));

    let table = export::table(source, "notices", Lang::Zh).expect("a notices table");
    assert_eq!(table.rows.len(), 2);
    let csv = selfcheck_bureau::to_csv(&table, selfcheck_bureau::CsvStyle::Plain);
    let first_row = csv.lines().nth(1).unwrap();
    for expected in ["B2（补充会议纪要）、C4", "整改中", "2026-12-31", first.digest.as_str()] {
        assert!(first_row.contains(expected), "{expected} in {first_row}");
    }
    assert!(export::TABLE_IDS.contains(&"notices"));
}

/// Signs `draft` as the bureau did on `when`.
fn notice_text(draft: &NoticeDraft, when: &str, random: u8) -> String {
    sign_notice(Catalogue::builtin(), draft, &bureau_key(), &Timestamp::parse(when).unwrap(), [random; 16]).unwrap()
}

/// Re-signs a signed document after `edit`, with another key: the signature holds, the content
/// is whatever the editor wrote.
fn re_signed(signed: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(signed).unwrap();
    value.as_object_mut().unwrap().remove("proof");
    edit(&mut value);
    let other_key = AssociationKey::from_seed([7; 32]);
    value["issuer"] = Value::from(other_key.public().did());
    let selfcheck_core::json::Json::Object(mut object) = selfcheck_tests::core_json(&value) else { panic!() };
    selfcheck_core::credential::add_proof(&mut object, &other_key, None);
    selfcheck_core::json::pretty(&selfcheck_core::json::Json::Object(object))
}

#[test]
fn a_signed_summary_carries_where_each_notice_stands_and_computes_again_from_the_notice_files() {
    use selfcheck_bureau::{
        Analysis, ExportSource, InputRole, ModelRule, Reproduction, Settings, SummaryKind, YearSummary, examine,
        sign_summary, track_notices, verify_summary,
    };
    let clock = Timestamp::parse("2026-12-15T00:00:00Z").unwrap();
    let item = |criterion: &str| NoticeItem { criterion: criterion.into(), remark: String::new() };
    let notice =
        notice_text(&NoticeDraft { items: vec![item("B2"), item("C4")], ..draft() }, "2026-11-20T02:00:00Z", 7);
    let result = selfcheck_core::sign_result(
        Catalogue::builtin(),
        &answers_fixing(true, false),
        &selfcheck_tests::golden_key(),
        &Timestamp::parse("2026-12-10T02:00:00Z").unwrap(),
        [2; 16],
    )
    .unwrap();
    let verdicts = [examine("2026-12.json", result.as_bytes(), &[Catalogue::builtin()], &clock).judge(None)];
    let notices = [verify_notice(&notice, &[Catalogue::builtin()], &clock).unwrap()];
    let analysis = Analysis::compute(&verdicts, None, Settings::new(clock.clone()));
    let tracks = track_notices(&notices, &verdicts, None, &clock);
    let source =
        ExportSource { analysis: &analysis, verdicts: &verdicts, reviews: None, others: &[], notices: &tracks };
    let files = [("其他名字.json", result.as_bytes()), ("通知.json", notice.as_bytes())];
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let later = Timestamp::parse("2027-06-01T00:00:00Z").unwrap();
    let year = SummaryKind::Year(YearSummary { year: 2026, rule: ModelRule::default(), lang: Lang::Zh });
    for kind in [SummaryKind::Ranking, SummaryKind::Matrix, year] {
        let signed = sign_summary(kind, source, &bureau_key(), [5; 16]).unwrap();
        assert!(signed.contains("\"format\": \"selfcheck-summary/3\""));
        let summary = verify_summary(&signed, &later).unwrap();
        assert_eq!(summary.kind, kind);
        // Where the notice stood when the summary was signed: B2 fixed since, C4 still open.
        let signed_notices = summary.notices.as_ref().and_then(|notices| notices.as_array()).unwrap();
        assert_eq!(signed_notices.len(), 1);
        assert_eq!(signed_notices[0].get("state").and_then(|state| state.as_str()), Some("in-progress"));
        assert_eq!(signed_notices[0].get("days_left").and_then(|days| days.as_i64()), Some(16));
        let listed = summary.inputs.iter().find(|input| input.role == InputRole::Notice).unwrap();
        assert_eq!(
            (listed.name.as_str(), listed.sha256.as_str()),
            ("整改通知-514400005000031282-20261120.json", notices[0].digest.as_str())
        );

        assert_eq!(summary.reproduce(&files, &catalogues).unwrap(), Reproduction::Reproduced, "{kind:?}");
        let Reproduction::MissingInputs(missing) = summary.reproduce(&files[..1], &catalogues).unwrap() else {
            panic!("the notice is an input")
        };
        assert_eq!(missing, std::slice::from_ref(listed));
    }

    // The year's summary lists the notice by its state, in the words it was signed in.
    let signed = sign_summary(year, source, &bureau_key(), [5; 16]).unwrap();
    let summary = verify_summary(&signed, &later).unwrap();
    let tables = summary.content.get("tables").and_then(|tables| tables.as_array()).unwrap();
    let notices_table = tables.iter().find(|table| table.get("id").and_then(|id| id.as_str()) == Some("year-notices"));
    assert!(selfcheck_core::json::compact(notices_table.unwrap()).contains("整改中"));
    let english = SummaryKind::Year(YearSummary { year: 2026, rule: ModelRule::default(), lang: Lang::En });
    let in_english = verify_summary(&sign_summary(english, source, &bureau_key(), [5; 16]).unwrap(), &later).unwrap();
    assert_eq!(in_english.kind, english);
    assert_eq!(in_english.reproduce(&files, &catalogues).unwrap(), Reproduction::Reproduced);

    // Re-signed saying the notice was rectified: the files disagree, at the notice's state.
    let forged = re_signed(&signed, |value| {
        value["credentialSubject"]["notices"][0]["state"] = Value::from("rectified");
    });
    let Reproduction::Differs { at, signed: says, computed } =
        verify_summary(&forged, &later).unwrap().reproduce(&files, &catalogues).unwrap()
    else {
        panic!("reproduced")
    };
    assert_eq!((at.as_str(), says.as_str(), computed.as_str()), ("notices[0].state", "rectified", "in-progress"));
}

#[test]
fn a_summary_is_read_by_its_format_and_signed_only_under_the_current_rules() {
    use selfcheck_bureau::{Analysis, ExportSource, Rules, Settings, SummaryKind, sign_summary, verify_summary};
    let golden = std::fs::read_to_string(data("golden/summaries/2/summary-ranking.json")).unwrap();
    let malformed = |text: &str| match verify_summary(text, &now()) {
        Err(Error::Malformed { what: Document::Summary, problems }) => {
            problems.iter().map(|problem| (problem.at.clone(), problem.kind.code())).collect::<Vec<_>>()
        }
        other => panic!("expected a malformed summary, got {other:?}"),
    };
    // An earlier format has no notices, no year's summary and no notice among its inputs.
    let with_notices = golden.replacen("\"kind\": \"ranking\",", "\"kind\": \"ranking\", \"notices\": [],", 1);
    assert_eq!(malformed(&with_notices), [("credentialSubject.notices".to_owned(), "unknown-field")]);
    let with_notice_input = golden.replacen("\"role\": \"register\"", "\"role\": \"notice\"", 1);
    assert_eq!(malformed(&with_notice_input).len(), 1);
    assert!(malformed(&with_notice_input)[0].0.ends_with(".role"));
    // The current format must say where the notices stand, even when there are none.
    let current = golden.replacen("selfcheck-summary/2", "selfcheck-summary/3", 1);
    assert_eq!(malformed(&current), [("credentialSubject.notices".to_owned(), "missing-field")]);

    let clock = Timestamp::parse("2026-12-15T00:00:00Z").unwrap();
    let settings = Settings { rules: Rules::V1, ..Settings::new(clock) };
    let analysis = Analysis::compute(&[], None, settings);
    let source = ExportSource { analysis: &analysis, verdicts: &[], reviews: None, others: &[], notices: &[] };
    let refused = sign_summary(SummaryKind::Ranking, source, &bureau_key(), [1; 16]).unwrap_err();
    assert_eq!(refused.code(), "summary-earlier-rules");
    assert!(refused.message(Lang::Zh).contains("现行规则"));
}
