//! Signed results: `verify_result` on any text, then on the same document re-signed with the
//! tests' key (as its issuer), so that the structure, catalogue, answers and re-scoring checks behind the
//! signature are reached too. A result that verifies can be signed again and says the same.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use selfcheck_core::credential::add_proof;
use selfcheck_core::{Catalogue, Report, Timestamp, sign_result, strict_json, verify_result};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some(json) = common::text(data) else { return };
    let catalogues: [&Catalogue; 2] = [&common::BUILTIN, &common::MINI];
    if let Ok(verified) = verify_result(json, &catalogues) {
        let catalogue = catalogues[verified.catalogue];
        assert_eq!(verified.report, common::check_report(catalogue, &verified.answers));
    }
    let Ok(Value::Object(mut document)) = strict_json::parse(json) else { return };
    document.remove("proof");
    // Issued by the key that signs it, so that a result signed by any key is re-signed whole.
    if document.get("issuer").is_some_and(Value::is_string) {
        document.insert("issuer".into(), common::KEY.public().did().into());
    }
    let created = Timestamp::from_unix_seconds(1_800_000_000);
    add_proof(&mut document, &common::KEY, Some(&created));
    let resigned = Value::Object(document).to_string();
    let Ok(verified) = verify_result(&resigned, &catalogues) else { return };
    let catalogue = catalogues[verified.catalogue];
    assert_eq!(verified.report, common::check_report(catalogue, &verified.answers));
    assert_eq!(verified.report, Report::compute(catalogue, &verified.answers));
    let again = sign_result(catalogue, &verified.answers, &common::KEY, &verified.issued, [7; 16])
        .expect("the answers of a valid result can be signed");
    let twice = verify_result(&again, &catalogues).expect("a result the core signed verifies");
    assert_eq!((twice.answers, twice.report), (verified.answers, verified.report));
});
