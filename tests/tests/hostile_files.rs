//! The hostile results the widget's browser tests import (tests/browser/hostile.test.mjs): the
//! golden result changed and signed again, validly, with a test key, so that only the core's
//! deeper checks can refuse them. Generated here, checked to be current, and checked to be
//! refused by the core for the reason the browser test expects. `UPDATE_GOLDEN=1` rewrites them.

use selfcheck_core::json::Json;
use selfcheck_core::{Catalogue, Timestamp, verify_result};
use selfcheck_tests::{data, resigned};

#[test]
fn the_hostile_results_are_current_and_refused_for_their_reason() {
    let future = "2099-01-01T00:00:00Z";
    let cases: [(&str, String, &str); 3] = [
        ("result-not-yet-valid.json", resigned(&[(&["validFrom"], Json::from(future))], future), "not-yet-valid"),
        (
            "result-name-with-escape.json",
            resigned(
                &[(&["credentialSubject", "profile", "name"], Json::from("广东省示例行业协会\u{1b}[2J\u{202e}"))],
                "2026-11-05T02:30:00Z",
            ),
            "invalid-answers",
        ),
        (
            "result-name-invisible.json",
            resigned(
                &[(&["credentialSubject", "profile", "name"], Json::from("\u{200b}\u{3000} "))],
                "2026-11-05T02:30:00Z",
            ),
            "incomplete-profile",
        ),
    ];
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let now = Timestamp::parse("2026-12-01T00:00:00Z").unwrap();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    for (name, content, code) in cases {
        let path = data(&format!("hostile/{name}"));
        if update {
            std::fs::write(&path, &content).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), content, "{name} is stale: UPDATE_GOLDEN=1 rewrites it");
        let error = verify_result(&content, &catalogues, &now).expect_err(name);
        assert_eq!(error.code(), code, "{name}: {}", error.message(selfcheck_core::Lang::En));
    }
}
