//! One association, one spelling: a credit code is read in its canonical form everywhere (results,
//! answers, the key register, the expected list, the matrix, the ranking, the anomalies, file
//! names), however it was typed: full-width characters from a Chinese input method, spaces or
//! hyphens as printed on a certificate, lower case. The widget tidies a code as it is typed; the
//! bureau's review must never show one association twice because another program did not.

use selfcheck_bureau::{Analysis, ExpectedList, Settings, examine};
use selfcheck_core::json::Json;
use selfcheck_core::{Catalogue, KeyRegister, Timestamp};
use selfcheck_tests::{resigned, resigning_key};

const CODE: &str = "514400005000031282";

/// `text` as a Chinese input method types it: full-width letters and digits, ideographic spaces.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| if c == ' ' { '\u{3000}' } else { char::from_u32(u32::from(c) + 0xfee0).unwrap_or(c) })
        .collect()
}

/// A result of the golden association for `month` (2026-MM), its code written as `code`, signed
/// two days after the month ends.
fn result_for(month: u32, code: &str) -> (String, Vec<u8>) {
    let last_day = match month {
        11 => 30,
        _ => 31,
    };
    let (from, to) = (format!("2026-{month:02}-01"), format!("2026-{month:02}-{last_day}"));
    let signed =
        if month == 12 { "2027-01-02T02:00:00Z".to_owned() } else { format!("2026-{:02}-02T02:00:00Z", month + 1) };
    let profile = |field: &'static str| -> Vec<&'static str> { vec!["credentialSubject", "profile", field] };
    let (code_path, period_path) = (profile("credit_code"), profile("period"));
    let mut period = selfcheck_core::json::Object::new();
    period.insert("from", from);
    period.insert("to", to);
    let changes: [(&[&str], Json); 4] = [
        (&code_path, Json::from(code)),
        (&period_path, Json::Object(period)),
        (&["validFrom"], Json::from(signed.as_str())),
        (&["credentialSubject", "profile", "name"], Json::from("广东省示例行业协会")),
    ];
    (format!("2026-{month:02}.json"), resigned(&changes, &signed).into_bytes())
}

#[test]
fn one_association_is_one_row_however_its_code_is_written() {
    let fingerprint = resigning_key().public().fingerprint();
    let files = [result_for(10, CODE), result_for(11, &full_width(CODE)), result_for(12, "5144 0000-5000 0312 82")];
    // The register and the expected list as people type them. Before: a register line whose code
    // had spaces inside was refused ("this one has 6").
    let register = KeyRegister::parse(&format!("514400 005000 031282 {fingerprint}\n")).expect("the register reads");
    let expected = ExpectedList::from_bytes(
        format!("名称,统一社会信用代码\n广东省示例行业协会,{}\n", full_width("5144 0000 5000 0312 82")).as_bytes(),
    )
    .expect("the list reads");
    let now = Timestamp::parse("2027-01-10T00:00:00Z").unwrap();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let verdicts: Vec<_> =
        files.iter().map(|(name, bytes)| examine(name, bytes, &catalogues, &now).judge(Some(&register))).collect();
    for verdict in &verdicts {
        assert_eq!(verdict.code(), "accepted", "{}: {}", verdict.file.name, verdict.message(selfcheck_core::Lang::En));
    }
    let analysis = Analysis::compute(&verdicts, Some(&expected), Settings::new(now));
    assert_eq!(analysis.rows.len(), 1, "{:?}", analysis.rows.iter().map(|row| &row.credit_code).collect::<Vec<_>>());
    assert_eq!(analysis.rows[0].credit_code, CODE);
    assert!(analysis.rows[0].expected, "the listed association, not an unlisted one");
    assert_eq!(analysis.ranking.len(), 1);
    assert!(analysis.ranking[0].expected);
    for anomaly in &analysis.anomalies {
        assert!(anomaly.credit_code().is_none_or(|code| code == CODE), "{:?}", anomaly.code());
    }
    // Every code the analysis shows, anywhere in its document, is the one spelling.
    let source = selfcheck_bureau::ExportSource {
        analysis: &analysis,
        verdicts: &verdicts,
        reviews: None,
        others: &[],
        notices: &[],
    };
    let document = selfcheck_core::json::compact(&selfcheck_bureau::analysis_json(source, selfcheck_core::Lang::En));
    for spelled in [full_width(CODE), "5144 0000".to_owned(), "514400 005000".to_owned()] {
        assert!(!document.contains(&spelled), "{spelled} in {document}");
    }
}

#[test]
fn answers_are_read_and_signed_in_the_one_spelling() {
    let catalogue = Catalogue::builtin();
    let golden = std::fs::read_to_string(selfcheck_tests::data("golden/answers-complete.json")).unwrap();
    for written in [full_width(CODE), "5144 0000 5000 0312 82".to_owned(), "51440000-50000312-82".to_owned()] {
        let answers = golden.replace(CODE, &written);
        assert_ne!(answers, golden);
        let read = selfcheck_core::Answers::from_json(catalogue, &answers).expect("read as people type it");
        assert_eq!(read.profile().credit_code().map(|code| code.as_str()), Some(CODE));
        let signed = selfcheck_core::sign_result(catalogue, &read, &resigning_key(), &selfcheck_tests::now(), [1; 16])
            .expect("signed");
        assert!(signed.contains(&format!("\"credit_code\": \"{CODE}\"")), "the result carries the one spelling");
    }
}
