//! The hostile results the widget's browser tests import (tests/browser/hostile.test.mjs): the
//! golden result changed and signed again, validly, with a test key, so that only the core's
//! deeper checks can refuse them. Generated here, checked to be current, and checked to be
//! refused by the core for the reason the browser test expects. `UPDATE_GOLDEN=1` rewrites them.

use selfcheck_core::json::{self, Json};
use selfcheck_core::{AssociationKey, Catalogue, Timestamp, verify_result};

fn data(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(path)
}

/// Sets the member at `path` (object keys) to `value`.
fn set(value: &mut Json, path: &[&str], new: Json) {
    let object = value.as_object_mut().expect("an object on the path");
    match path {
        [key] => {
            object.insert(*key, new);
        }
        [key, rest @ ..] => {
            let mut inner = object.remove(key).expect("the path exists");
            set(&mut inner, rest, new);
            object.insert(*key, inner);
        }
        [] => unreachable!("a path names a member"),
    }
}

/// The golden result with `changes` applied, its proof made again by the seed-7 test key at
/// `created`.
fn resigned(changes: &[(&[&str], Json)], created: &str) -> String {
    let mut value = json::parse(&std::fs::read_to_string(data("golden/result-complete.json")).unwrap()).unwrap();
    for (path, new) in changes {
        set(&mut value, path, new.clone());
    }
    let key = AssociationKey::from_seed([7; 32]);
    set(&mut value, &["issuer"], Json::from(key.public().did()));
    let Json::Object(mut document) = value else { unreachable!("a result is an object") };
    document.remove("proof");
    selfcheck_core::credential::add_proof(&mut document, &key, Some(&Timestamp::parse(created).unwrap()));
    json::pretty(&Json::Object(document)) + "\n"
}

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
