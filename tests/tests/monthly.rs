//! Format 2 of answers and results: this month's report to the bureau (progress, new problems)
//! and the reply to a rectification notice travel with the answers, are checked field by field,
//! are signed and verified, and format 1 stays what it was.

use selfcheck_core::wire::{ANSWERS_FORMAT, ANSWERS_FORMAT_2, RESULT_FORMAT, RESULT_FORMAT_2};
use selfcheck_core::{
    Answers, AssociationKey, Catalogue, Error, Evidence, ItemReply, Lang, MonthlyReport, NoticeReply, ProblemKind,
    ReportedProblem, Timestamp, sign_result, verify_result,
};
use selfcheck_tests::{data, now, read};
use serde_json::{Value, json};

fn test_key() -> AssociationKey {
    selfcheck_tests::golden_key()
}

fn monthly_answers() -> Answers {
    Answers::from_json(Catalogue::builtin(), &read("golden/answers-monthly.json")).unwrap()
}

fn sign(answers: &Answers) -> String {
    let issued = Timestamp::parse("2026-11-05T02:30:00Z").unwrap();
    sign_result(Catalogue::builtin(), answers, &test_key(), &issued, [0x42; 16]).unwrap()
}

/// The problems of an `InvalidAnswers` error, as (path, code).
fn problems(result: Result<impl std::fmt::Debug, Error>) -> Vec<(String, &'static str)> {
    match result {
        Err(Error::InvalidAnswers(problems)) => {
            problems.iter().map(|problem| (problem.at.clone(), problem.kind.code())).collect()
        }
        other => panic!("expected invalid answers, got {other:?}"),
    }
}

#[test]
fn answers_with_a_month_report_and_a_reply_are_format_2_and_read_back_unchanged() {
    let catalogue = Catalogue::builtin();
    let answers = monthly_answers();
    let month = answers.monthly();
    assert!(month.progress.starts_with("本月召开理事会"));
    assert_eq!(month.areas.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["A", "C"]);
    assert_eq!(month.problems.len(), 2);
    assert!(!month.problems[0].help_requested && month.problems[1].help_requested);
    let reply = answers.notice_reply().unwrap();
    assert_eq!(reply.items.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ["B2", "C4"]);
    let json = answers.to_json_string(catalogue);
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], ANSWERS_FORMAT_2);
    assert_eq!(Answers::from_json(catalogue, &json).unwrap(), answers);
}

#[test]
fn answers_without_them_stay_format_1_byte_for_byte() {
    let catalogue = Catalogue::builtin();
    let golden = read("golden/answers-complete.json");
    let answers = Answers::from_json(catalogue, &golden).unwrap();
    assert!(answers.monthly().is_empty() && answers.notice_reply().is_none());
    let value: Value = serde_json::from_str(&answers.to_json_string(catalogue)).unwrap();
    assert_eq!(value["format"], ANSWERS_FORMAT);
    assert!(value.get("monthly").is_none() && value.get("rectification").is_none());
    // An empty month report written by hand is nothing to carry: version 1 again.
    let mut empty = answers.clone();
    empty.set_monthly(catalogue, MonthlyReport::default()).unwrap();
    assert_eq!(empty, answers);
}

#[test]
fn a_format_1_document_cannot_carry_the_parts_of_format_2() {
    let catalogue = Catalogue::builtin();
    let mut value: Value = serde_json::from_str(&read("golden/answers-monthly.json")).unwrap();
    value["format"] = json!(ANSWERS_FORMAT);
    match Answers::from_json(catalogue, &value.to_string()) {
        Err(error @ Error::Malformed { .. }) => {
            assert!(error.message(Lang::Zh).contains("selfcheck-answers/2"), "{}", error.message(Lang::Zh));
        }
        other => panic!("expected a malformed document, got {other:?}"),
    }
    // A later version than this release reads is not taken for answers it knows.
    value["format"] = json!("selfcheck-answers/3");
    assert!(matches!(Answers::from_json(catalogue, &value.to_string()), Err(Error::WrongDocument { .. })));
}

#[test]
fn every_bad_field_of_a_month_report_is_named_at_once_and_the_answers_are_kept() {
    let catalogue = Catalogue::builtin();
    let mut answers = monthly_answers();
    let before = answers.clone();
    let mut month = MonthlyReport { progress: "进".repeat(4001), ..MonthlyReport::default() };
    month.areas.push(("Z".into(), "无此领域".into()));
    month.problems.push(ReportedProblem { title: "甲\n乙".into(), ..ReportedProblem::default() });
    month.problems.push(ReportedProblem {
        title: "链接".into(),
        evidence: vec![Evidence::Link("ftp://example.org/".into())],
        ..ReportedProblem::default()
    });
    assert_eq!(
        problems(answers.set_monthly(catalogue, month)),
        [
            ("monthly.progress".to_owned(), "too-long"),
            ("monthly.areas.Z".to_owned(), "unknown-area"),
            ("monthly.problems[0].title".to_owned(), "control-characters"),
            ("monthly.problems[1].evidence".to_owned(), "bad-link"),
        ]
    );
    let many = MonthlyReport {
        problems: vec![ReportedProblem { title: "问题".into(), ..ReportedProblem::default() }; 21],
        ..MonthlyReport::default()
    };
    let error = answers.set_monthly(catalogue, many).unwrap_err();
    assert_eq!(problems(Err::<(), _>(error.clone())), [("monthly.problems".to_owned(), "too-many-problems")]);
    assert!(error.message(Lang::Zh).contains("每月最多报送 20 条新情况、新问题"), "{}", error.message(Lang::Zh));
    assert_eq!(answers, before, "a refused report leaves the answers as they were");
}

#[test]
fn a_reply_names_a_notice_by_its_digest_and_only_criteria_of_the_catalogue() {
    let catalogue = Catalogue::builtin();
    let mut answers = Answers::blank(catalogue);
    let items = vec![
        ("Q9".to_owned(), ItemReply::default()),
        ("B2".to_owned(), ItemReply { note: "说".repeat(4001), evidence: Vec::new() }),
    ];
    let reply = NoticeReply { notice: "ABC".into(), items };
    let error = answers.set_notice_reply(catalogue, Some(reply)).unwrap_err();
    assert_eq!(
        problems(Err::<(), _>(error.clone())),
        [
            ("rectification.notice".to_owned(), "not-hex"),
            ("rectification.items.Q9".to_owned(), "unknown-criterion"),
            ("rectification.items.B2.note".to_owned(), "too-long"),
        ]
    );
    let zh = error.message(Lang::Zh);
    assert!(zh.contains("整改答复的标准 B2 的说明"), "{zh}");
    assert!(answers.notice_reply().is_none());
    let good = NoticeReply { notice: "0".repeat(64), items: Vec::new() };
    answers.set_notice_reply(catalogue, Some(good.clone())).unwrap();
    assert_eq!(answers.notice_reply(), Some(&good));
    answers.set_notice_reply(catalogue, None).unwrap();
    assert!(answers.is_empty(), "removing the reply leaves blank answers blank");
}

#[test]
fn a_result_carries_them_in_format_2_and_verifies_with_them() {
    let catalogue = Catalogue::builtin();
    let answers = monthly_answers();
    let result = sign(&answers);
    let value: Value = serde_json::from_str(&result).unwrap();
    let subject = &value["credentialSubject"];
    assert_eq!(subject["format"], RESULT_FORMAT_2);
    assert_eq!(subject["monthly"]["problems"][1]["help_requested"], true);
    assert_eq!(subject["rectification"]["items"]["C4"]["note"], "已停止相关收费，并向会员退还。");
    let verified = verify_result(&result, &[catalogue], &now()).unwrap();
    assert_eq!(verified.answers, answers, "progress, problems and the reply survive signing");
}

/// Set UPDATE_GOLDEN=1 to rewrite the golden file after a deliberate format change.
#[test]
fn signing_fixed_answers_of_format_2_gives_the_golden_result_byte_for_byte() {
    let result = sign(&monthly_answers());
    let golden = data("golden/formats/result-2.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, format!("{result}\n")).unwrap();
    }
    assert_eq!(format!("{result}\n"), std::fs::read_to_string(&golden).unwrap());
}

#[test]
fn a_golden_result_of_every_format_still_verifies() {
    let catalogue = Catalogue::builtin();
    for (path, format) in
        [("golden/result-complete.json", RESULT_FORMAT), ("golden/formats/result-2.json", RESULT_FORMAT_2)]
    {
        let json = read(path);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["credentialSubject"]["format"], format, "{path}");
        verify_result(&json, &[catalogue], &now()).unwrap_or_else(|error| panic!("{path}: {error}"));
    }
}

#[test]
fn changing_any_word_of_the_month_report_or_the_reply_breaks_the_signature() {
    let catalogue = Catalogue::builtin();
    let result = read("golden/formats/result-2.json");
    type Edit = (&'static str, fn(&mut Value));
    let edits: [Edit; 5] = [
        ("progress", |subject| subject["monthly"]["progress"] = json!("本月无进展。")),
        ("area", |subject| subject["monthly"]["areas"]["C"] = json!("建立会员信用档案 200 份。")),
        ("help", |subject| subject["monthly"]["problems"][0]["help_requested"] = json!(true)),
        ("problem removed", |subject| {
            subject["monthly"]["problems"].as_array_mut().unwrap().pop();
        }),
        ("reply", |subject| subject["rectification"]["items"]["B2"]["note"] = json!("尚未整改。")),
    ];
    for (what, edit) in edits {
        let mut value: Value = serde_json::from_str(&result).unwrap();
        edit(&mut value["credentialSubject"]);
        let error = verify_result(&value.to_string(), &[catalogue], &now()).unwrap_err();
        assert!(matches!(error, Error::SignatureMismatch), "{what}: {error:?}");
    }
    // The parts of format 2 under format 1's tag are refused by their format, before the signature.
    let mut value: Value = serde_json::from_str(&result).unwrap();
    value["credentialSubject"]["format"] = json!(RESULT_FORMAT);
    match verify_result(&value.to_string(), &[catalogue], &now()) {
        Err(Error::Malformed { problems, .. }) => {
            assert_eq!(problems[0].at, "credentialSubject.format");
            assert!(matches!(&problems[0].kind, ProblemKind::MustBe(format) if format == RESULT_FORMAT_2));
        }
        other => panic!("expected a malformed result, got {other:?}"),
    }
}

#[test]
fn a_problem_may_wait_for_its_title_in_a_draft_but_not_in_a_signed_result() {
    let catalogue = Catalogue::builtin();
    let mut answers = monthly_answers();
    let mut month = answers.monthly().clone();
    month.problems.push(ReportedProblem {
        title: " ".into(),
        description: "尚在整理。".into(),
        ..ReportedProblem::default()
    });
    answers.set_monthly(catalogue, month).unwrap();
    let draft = answers.to_json_string(catalogue);
    assert_eq!(Answers::from_json(catalogue, &draft).unwrap(), answers, "the draft keeps it");
    let issued = Timestamp::parse("2026-11-05T02:30:00Z").unwrap();
    let error = sign_result(catalogue, &answers, &test_key(), &issued, [0x42; 16]).unwrap_err();
    assert_eq!(problems(Err::<(), _>(error.clone())), [("monthly.problems[2].title".to_owned(), "no-visible-text")]);
    assert!(error.message(Lang::Zh).contains("本月报送的新情况、新问题第 3 项的名称"), "{}", error.message(Lang::Zh));
    // A result signed with a blank title by another program is refused too.
    let mut value: Value = serde_json::from_str(&read("golden/formats/result-2.json")).unwrap();
    value["credentialSubject"]["monthly"]["problems"][0]["title"] = json!("");
    let resigned = selfcheck_tests::resign_with(&value, &test_key());
    assert!(matches!(verify_result(&resigned, &[catalogue], &now()), Err(Error::InvalidAnswers(_))));
}

/// The bureau's exports over the golden results of both formats: the month's progress and each
/// problem reported, with how the bureau handles it, in the workbook and the CSV.
#[test]
fn the_bureau_exports_the_progress_and_every_problem_with_its_handling() {
    use selfcheck_bureau::{Analysis, ExportSource, ProblemState, Reviews, Settings, examine, export, to_csv};
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let files = [("golden/result-complete.json", "一.json"), ("golden/formats/result-2.json", "二.json")];
    let verdicts: Vec<_> = files
        .iter()
        .map(|(path, name)| examine(name, read(path).as_bytes(), &catalogues, &now()).judge(None))
        .collect();
    assert!(verdicts.iter().all(|verdict| verdict.accepted().is_some()));
    let second = verdicts[1].accepted().unwrap().digest.clone();
    let analysis = Analysis::compute(&verdicts, None, Settings::new(now()));
    let mut reviews = Reviews::new();
    reviews.set_problem(&second, 2, ProblemState::Answered, "已函复，请协会向市场监管部门反映。", None).unwrap();
    let source =
        ExportSource { analysis: &analysis, verdicts: &verdicts, reviews: Some(&reviews), others: &[], notices: &[] };

    let progress = export::table(source, "progress", Lang::Zh).unwrap();
    let cells = |table: &selfcheck_bureau::Table, column: usize| -> Vec<String> {
        use selfcheck_bureau::export::Value;
        let text = |value: &Value| match value {
            Value::Text(text) => text.clone(),
            Value::Integer(number) => number.to_string(),
            Value::Empty => String::new(),
        };
        table.rows.iter().map(|row| text(&row[column])).collect()
    };
    assert_eq!(cells(&progress, 3), ["总体", "A 健全自律规约", "C 开展诚信服务"], "the whole, then each area written");
    assert!(cells(&progress, 5).iter().all(|digest| *digest == second), "only the result of format 2 has a report");

    let problems = export::table(source, "problems", Lang::Zh).unwrap();
    assert_eq!(cells(&problems, 3), ["1", "2"]);
    assert_eq!(cells(&problems, 4), ["部分会员对收费标准有异议", "行业出现以协会名义招揽业务的情况"]);
    assert_eq!(cells(&problems, 6), ["否", "是"], "whether help is asked");
    assert_eq!(cells(&problems, 7), ["未处理", "已答复"]);
    assert_eq!(cells(&problems, 8)[1], "已函复，请协会向市场监管部门反映。");

    let csv = to_csv(&problems, selfcheck_bureau::CsvStyle::Spreadsheet);
    assert!(csv.contains("请求协助") && csv.contains("已答复"), "{csv}");
    let workbook = export::workbook(source, Lang::En);
    assert!(!workbook.is_empty());
    let english = export::table(source, "problems", Lang::En).unwrap();
    assert_eq!(cells(&english, 7), ["not handled", "answered"]);

    // The analysis the desk reads carries the reports, each problem by its number.
    let json = selfcheck_core::json::pretty(&selfcheck_bureau::analysis_json(source, Lang::Zh));
    let analysis = selfcheck_bureau::document::AnalysisDoc::read(&json).unwrap();
    assert_eq!(analysis.monthly.len(), 1, "only the result of format 2 has a report");
    let report = &analysis.monthly[0];
    assert_eq!((report.result.as_str(), report.month.as_deref()), (second.as_str(), Some("2026-10")));
    assert_eq!(
        report.areas.iter().map(|area| area.title.as_str()).collect::<Vec<_>>(),
        ["健全自律规约", "开展诚信服务"]
    );
    assert_eq!(
        report.problems.iter().map(|problem| (problem.number, problem.help_requested)).collect::<Vec<_>>(),
        [(1, false), (2, true)]
    );
}

#[test]
fn a_corrected_result_of_the_same_month_keeps_the_handling_of_the_problems_it_reports_again() {
    use selfcheck_bureau::{Analysis, ExportSource, ProblemHistory, ProblemState, Reviews, Settings, examine, export};
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let signed_at = |answers: &Answers, when: &str, random: u8| {
        sign_result(Catalogue::builtin(), answers, &test_key(), &Timestamp::parse(when).unwrap(), [random; 16]).unwrap()
    };
    let first = monthly_answers();
    // Sent again with an answer corrected and the same two problems; then once more with the
    // second problem rewritten as another one.
    let mut corrected = first.clone();
    corrected.set(Catalogue::builtin(), "A1", selfcheck_core::Response::Yes).unwrap();
    let mut rewritten = corrected.clone();
    let mut report = rewritten.monthly().clone();
    report.problems[1].title = "会员单位反映的另一问题".into();
    rewritten.set_monthly(Catalogue::builtin(), report).unwrap();
    let texts = [
        signed_at(&first, "2026-11-05T02:30:00Z", 1),
        signed_at(&corrected, "2026-11-06T02:30:00Z", 2),
        signed_at(&rewritten, "2026-11-07T02:30:00Z", 3),
    ];
    let verdicts: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(index, text)| examine(&format!("{index}.json"), text.as_bytes(), &catalogues, &now()).judge(None))
        .collect();
    let digests: Vec<String> = verdicts.iter().map(|verdict| verdict.accepted().unwrap().digest.clone()).collect();
    let mut reviews = Reviews::new();
    reviews.set_problem(&digests[0], 1, ProblemState::Closed, "已办结。", None).unwrap();
    reviews.set_problem(&digests[0], 2, ProblemState::Answered, "已答复。", None).unwrap();
    let analysis = Analysis::compute(&verdicts, None, Settings::new(now()));
    let source =
        ExportSource { analysis: &analysis, verdicts: &verdicts, reviews: Some(&reviews), others: &[], notices: &[] };

    let history = ProblemHistory::new(&verdicts);
    let month = verdicts[0].month().unwrap();
    let state = |index: usize, number: u32| {
        let result = verdicts[index].accepted().unwrap();
        history.handling(Some(&reviews), result, month, number).map_or(ProblemState::Open, |handling| handling.state)
    };
    assert_eq!([state(1, 1), state(1, 2)], [ProblemState::Closed, ProblemState::Answered], "the same problems");
    assert_eq!([state(2, 1), state(2, 2)], [ProblemState::Closed, ProblemState::Open], "a rewritten problem is new");
    assert_eq!(history.earlier(verdicts[2].accepted().unwrap(), month, 1), [digests[1].as_str(), digests[0].as_str()]);
    assert!(history.earlier(verdicts[0].accepted().unwrap(), month, 1).is_empty(), "nothing before the first");

    // Its own handling, once set, counts over the earlier one.
    let mut own = reviews.clone();
    own.set_problem(&digests[1], 2, ProblemState::Closed, "", None).unwrap();
    let result = verdicts[1].accepted().unwrap();
    assert_eq!(history.handling(Some(&own), result, month, 2).unwrap().state, ProblemState::Closed);

    // The exports and the analysis the desk reads say the same.
    let problems = export::table(source, "problems", Lang::Zh).unwrap();
    let handled: Vec<String> = problems.rows.iter().map(|row| format!("{:?}", row[7])).collect();
    assert_eq!(handled.iter().filter(|cell| cell.contains("已办结")).count(), 3, "{handled:?}");
    assert_eq!(handled.iter().filter(|cell| cell.contains("已答复")).count(), 2, "{handled:?}");
    let json = selfcheck_core::json::pretty(&selfcheck_bureau::analysis_json(source, Lang::Zh));
    let document = selfcheck_bureau::document::AnalysisDoc::read(&json).unwrap();
    let third = document.monthly.iter().find(|report| report.result == digests[2]).unwrap();
    assert_eq!(third.problems[0].earlier, [digests[1].clone(), digests[0].clone()]);
    assert!(third.problems[1].earlier.is_empty());
    let shown = reviews.handling_among(
        std::iter::once(third.result.as_str()).chain(third.problems[0].earlier.iter().map(String::as_str)),
        1,
    );
    assert_eq!(shown.unwrap().state, ProblemState::Closed);
}
