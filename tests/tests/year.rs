//! The year's summary (阶段性总结) from the generated set: every part present in the workbook's
//! order, the figures agreeing with the analysis they come from, and the candidates for
//! 示范创建单位 meeting the rule the table states, an open notice keeping one out.

use selfcheck_bureau::export::{Table, Value};
use selfcheck_bureau::{
    Analysis, ExpectedList, ExportSource, ModelRule, Settings, Verdict, YEAR_TABLE_IDS, examine, track_notices,
    year_tables, year_workbook,
};
use selfcheck_core::notice::{NoticeDraft, NoticeItem, sign_notice, verify_notice};
use selfcheck_core::{Answers, Catalogue, CreditCode, Date, KeyRegister, Kind, Lang, Timestamp};
use selfcheck_tests::bureau_set::{BureauSet, Spec, generate};

fn text(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        Value::Integer(number) => number.to_string(),
        Value::Empty => String::new(),
    }
}

fn integer(value: &Value) -> i64 {
    match value {
        Value::Integer(number) => *number,
        other => panic!("not an integer: {other:?}"),
    }
}

fn table<'t>(tables: &'t [Table], id: &str) -> &'t Table {
    tables.iter().find(|table| table.id == id).unwrap_or_else(|| panic!("no table {id}"))
}

/// Association `index`'s result for `month` (`2026-08`) with every criterion at full points
/// (示范), signed with its registered key at `issued`.
fn exemplary(set: &BureauSet, index: usize, month: &str, issued: &Timestamp) -> (String, Vec<u8>) {
    let catalogue = Catalogue::builtin();
    let (name, code) = &set.associations[index];
    let last = selfcheck_bureau::Month::parse(month).unwrap().last_day();
    let answers = serde_json::json!({
        "format": "selfcheck-answers/1",
        "catalogue": { "id": catalogue.id(), "version": catalogue.version() },
        "profile": {
            "name": name, "credit_code": code,
            "contact": { "person": "联系人", "phone": "020-83000000", "email": "office@example.org.cn" },
            "period": { "from": format!("{month}-01"), "to": last }
        },
        "answers": catalogue.criteria().iter().map(|criterion| {
            let full = match &criterion.kind {
                Kind::Checklist(items) => serde_json::json!({ "checked": items.iter().map(|item| item.id.as_str()).collect::<Vec<_>>() }),
                _ => serde_json::json!({ "value": "yes" }),
            };
            (criterion.id.clone(), full)
        }).collect::<serde_json::Map<_, _>>(),
    });
    let answers = Answers::from_json(catalogue, &answers.to_string()).unwrap();
    let key = selfcheck_tests::bureau_set::association_key(index, 0);
    let signed = selfcheck_core::sign_result(catalogue, &answers, &key, issued, [month.len() as u8; 16]).unwrap();
    (format!("exemplary-{month}.json"), signed.into_bytes())
}

#[test]
fn the_years_summary_has_every_part_and_names_candidates_by_its_stated_rule() {
    let set = generate(Spec::default());
    let register = KeyRegister::parse(&set.register).unwrap();
    let expected = ExpectedList::from_bytes(&set.expected).unwrap();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let judge = |files: &[(String, Vec<u8>)]| -> Vec<Verdict> {
        files.iter().map(|(name, bytes)| examine(name, bytes, &catalogues, &set.now).judge(Some(&register))).collect()
    };
    let mut files: Vec<(String, Vec<u8>)> =
        set.files.iter().map(|file| (file.name.clone(), file.bytes.clone())).collect();
    // An association whose every result was accepted and none vetoed reaches 示范 in the last
    // three months (its results sent again, later); another reaches it in two only.
    let received = judge(&files);
    let clean = |index: usize| {
        let code = &set.associations[index].1;
        let own =
            received.iter().filter(|verdict| verdict.claim.as_ref().is_some_and(|claim| &claim.credit_code == code));
        own.clone().count() == set.months.len()
            && own.clone().all(|verdict| verdict.accepted().is_some_and(|result| result.report.vetoes().len() == 0))
    };
    let mut clean_ones = (0..set.associations.len() - 1).filter(|index| clean(*index));
    let (model, near) = (clean_ones.next().unwrap(), clean_ones.next().unwrap());
    let resent = Timestamp::from_unix_seconds(set.now.unix_seconds().unsigned_abs() - 3600);
    files.extend(["2026-08", "2026-09", "2026-10"].map(|month| exemplary(&set, model, month, &resent)));
    files.extend(["2026-09", "2026-10"].map(|month| exemplary(&set, near, month, &resent)));
    let verdicts = judge(&files);
    let analysis = Analysis::compute(&verdicts, Some(&expected), Settings::new(set.now.clone()));
    let source = ExportSource { analysis: &analysis, verdicts: &verdicts, reviews: None, others: &[], notices: &[] };
    let tables = year_tables(source, 2026, ModelRule::default(), Lang::Zh);
    assert_eq!(tables.iter().map(|table| table.id).collect::<Vec<_>>(), YEAR_TABLE_IDS);

    // Participation: the analysis's months of 2026, with its figures.
    let participation = table(&tables, "participation");
    assert_eq!(participation.rows.len(), set.months.len(), "the generated months are all of 2026");
    for (row, figures) in participation.rows.iter().zip(&analysis.month_figures) {
        assert_eq!((text(&row[0]), integer(&row[2])), (figures.month.to_string(), i64::from(figures.received)));
    }

    // Grades: each month's results are each counted once, in a grade or as not finished.
    let grades = table(&tables, "year-grades");
    assert_eq!(grades.rows.len(), set.months.len());
    for row in &grades.rows {
        let counted: i64 = row[2..].iter().map(integer).sum();
        assert_eq!(counted, integer(&row[1]), "month {}", text(&row[0]));
    }

    // The most improved rose, most first.
    let improved = table(&tables, "improved");
    let changes: Vec<i64> = improved.rows.iter().map(|row| text(&row[6]).parse::<i64>().unwrap()).collect();
    assert!(
        changes.iter().all(|change| *change > 0) && changes.windows(2).all(|pair| pair[0] >= pair[1]),
        "{changes:?}"
    );

    // Candidates: each at 示范 in the ranking (the latest month), the rule stated.
    let models = table(&tables, "models");
    assert_eq!(
        models.rows.iter().map(|row| text(&row[1])).collect::<Vec<_>>(),
        [set.associations[model].1.clone()],
        "the one association at 示范 in each of the last three months, without a veto"
    );
    for row in &models.rows {
        let code = text(&row[1]);
        let ranked = analysis
            .ranking
            .iter()
            .find(|rank| {
                verdicts[rank.verdict].accepted().and_then(|result| result.credit_code()).map(CreditCode::as_str)
                    == Some(code.as_str())
            })
            .expect("a candidate is ranked");
        let result = verdicts[ranked.verdict].accepted().unwrap();
        assert_eq!(result.report.grade().id, "exemplary", "{code}");
        assert!(text(&row[3]).starts_with("最近 3 个月（2026-08 至 2026-10）每月结果均为“示范”"), "{}", text(&row[3]));
    }

    // A notice still in progress keeps that association out.
    let candidate = text(&models.rows[0][1]);
    let draft = NoticeDraft {
        credit_code: CreditCode::parse(&candidate).unwrap(),
        name: text(&models.rows[0][0]),
        based_on: None,
        items: vec![NoticeItem { criterion: "E6".into(), remark: String::new() }],
        remark: String::new(),
        deadline: Date::parse("2026-12-31").unwrap(),
    };
    let bureau = selfcheck_tests::bureau_set::bureau_key();
    let notice = sign_notice(Catalogue::builtin(), &draft, &bureau, &set.now, [3; 16]).unwrap();
    let notices = [verify_notice(&notice, &catalogues, &set.now).unwrap()];
    let tracks = track_notices(&notices, &verdicts, None, &set.now);
    let with_notice = ExportSource { notices: &tracks, ..source };
    let tables = year_tables(with_notice, 2026, ModelRule::default(), Lang::Zh);
    assert!(
        table(&tables, "models").rows.iter().all(|row| text(&row[1]) != candidate),
        "a candidate with an open notice"
    );
    let notices_row = &table(&tables, "year-notices").rows;
    assert_eq!((text(&notices_row[0][0]), integer(&notices_row[0][1])), ("整改中".to_owned(), 1));

    // The workbook has a sheet per part.
    let workbook = year_workbook(source, 2026, ModelRule::default(), Lang::Zh);
    assert_eq!(&workbook[..2], b"PK");
}
