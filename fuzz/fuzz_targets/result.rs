//! Signed results: `verify_result` on any text, then on the same document re-signed with the
//! tests' key (as its issuer), so that the structure, catalogue, answers and re-scoring checks behind the
//! signature are reached too. A result that verifies can be signed again and says the same.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use selfcheck_core::credential::add_proof;
use selfcheck_core::json::{self, Json};
use selfcheck_core::{Catalogue, Report, Timestamp, sign_result, verify_result};

fuzz_target!(|data: &[u8]| {
    let Some(json) = common::text(data) else { return };
    let catalogues: [&Catalogue; 2] = [&common::BUILTIN, &common::MINI];
    let now = Timestamp::from_unix_seconds(1_800_000_000);
    if let Ok(verified) = verify_result(json, &catalogues, &now) {
        assert_eq!(verified.report, common::check_report(&verified.catalogue, &verified.answers));
    }
    let Ok(Json::Object(mut document)) = json::parse(json) else { return };
    document.remove("proof");
    // Issued by the key that signs it, so that a result signed by any key is re-signed whole.
    if document.get("issuer").and_then(Json::as_str).is_some() {
        document.insert("issuer", common::KEY.public().did());
    }
    add_proof(&mut document, &common::KEY, Some(&now));
    let resigned = json::compact(&Json::Object(document));
    let Ok(verified) = verify_result(&resigned, &catalogues, &now) else { return };
    let catalogue = &verified.catalogue;
    assert_eq!(verified.report, common::check_report(catalogue, &verified.answers));
    assert_eq!(Some(&verified.report), Report::compute(catalogue, &verified.answers).ok().as_ref());
    // Signing checks the e-mail address, verification does not (results signed before the check
    // stay valid): a valid result's answers sign once an address signing refuses is cleared.
    let mut answers = verified.answers.clone();
    let profile = answers.profile();
    if !profile.contact_email().is_empty() && !selfcheck_core::answers::is_email(profile.contact_email()) {
        let cleared = profile.to_builder().contact(profile.contact_person(), profile.contact_phone(), "");
        answers = answers.with_profile(cleared.build().expect("a valid result's profile less its e-mail is valid"));
    }
    let again = sign_result(catalogue, &answers, &common::KEY, &verified.issued, [7; 16])
        .expect("the answers of a valid result can be signed");
    let twice = verify_result(&again, &catalogues, &now).expect("a result the core signed verifies");
    assert_eq!((twice.answers, twice.report), (answers, verified.report));
});
