//! The bureau's entry points on any bytes: a received file's verdict (with and without a key
//! register), the analysis of a set holding it twice, the expected list (read back from its own
//! CSV), the review file (read back from its own JSON) and a signed summary.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use selfcheck_bureau::{
    Analysis, CsvStyle, ExpectedList, Reviews, Settings, Stage, examine, to_csv, verify_summary,
};
use selfcheck_core::{Catalogue, KeyRegister, Lang, Timestamp};

fuzz_target!(|data: &[u8]| {
    let catalogues: [&Catalogue; 2] = [&common::BUILTIN, &common::MINI];
    let now = Timestamp::from_unix_seconds(1_800_000_000);
    let register = KeyRegister::parse(&format!("514400005000031282 {}\n", common::KEY.public().fingerprint()))
        .expect("a register of one key");
    let examined = examine("fuzz.json", data, &catalogues, &now);
    let with = examined.judge(Some(&register));
    let without = examined.judge(None);
    // The register speaks only once the signature holds, and only at its own stage.
    match with.stage() {
        None => assert!(without.accepted().is_some() && with.signer.is_some() && with.claim.is_some()),
        Some(Stage::KeyRegister) => assert!(without.stage().is_none_or(|stage| stage > Stage::KeyRegister)),
        Some(stage) => assert_eq!(without.stage(), Some(stage)),
    }
    let _ = (with.message(Lang::Zh), with.message(Lang::En));
    let verdicts = vec![with.clone(), with];
    let analysis = Analysis::compute(&verdicts, None, Settings::new(now.clone()));
    assert_eq!(analysis.copy_of[1], Some(0), "the same file twice counts once");
    assert!(analysis.ranking.len() <= 1);
    if let Ok(list) = ExpectedList::from_bytes(data) {
        let csv = to_csv(&list.to_table(Lang::Zh), CsvStyle::Spreadsheet);
        assert_eq!(ExpectedList::from_bytes(csv.as_bytes()).expect("its own CSV reads back"), list);
    }
    let Some(text) = common::text(data) else { return };
    if let Ok(reviews) = Reviews::from_json(text) {
        assert_eq!(Reviews::from_json(&reviews.to_json()).expect("its own file reads back"), reviews);
    }
    if let Ok(summary) = verify_summary(text, &now) {
        assert!(summary.issued.unix_seconds() <= now.unix_seconds() + 300);
    }
});
