//! The hostile files the widget's browser tests import (tests/browser/hostile.test.mjs) and every
//! binding is fed and compared with the command line (bindings/python/tests, bindings/node/test,
//! through C too): the golden result changed and signed again, validly, with a test key, so that
//! only the core's deeper checks can refuse them, and the files people send by mistake (in GBK or
//! UTF-16, empty, a Word document named `.json`, the same file twice under two names). Generated
//! here, checked to be current, and checked to get from the core the verdict the other tests
//! expect. `UPDATE_GOLDEN=1` rewrites them.

use selfcheck_bureau::examine;
use selfcheck_core::json::Json;
use selfcheck_core::{Catalogue, Lang, Timestamp, verify_result};
use selfcheck_tests::{data, resigned};

/// A Word document as Word writes one, cut to what names it: a zip whose first file is
/// `word/document.xml`.
fn word_document() -> Vec<u8> {
    let name = b"word/document.xml";
    let content = b"<w:document/>";
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend(20_u16.to_le_bytes());
    bytes.extend([0; 2 + 2 + 4 + 4]);
    bytes.extend((content.len() as u32).to_le_bytes());
    bytes.extend((content.len() as u32).to_le_bytes());
    bytes.extend((name.len() as u16).to_le_bytes());
    bytes.extend(0_u16.to_le_bytes());
    bytes.extend(name);
    bytes.extend(content);
    bytes
}

/// Every fixture: its name, its bytes, and the verdict's reason (`accepted` for none).
fn fixtures() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let future = "2099-01-01T00:00:00Z";
    let signed = "2026-11-05T02:30:00Z";
    let golden = std::fs::read(data("golden/result-complete.json")).unwrap();
    let profile = |field: &'static str| -> Vec<&'static str> { vec!["credentialSubject", "profile", field] };
    let name = profile("name");
    let code = profile("credit_code");
    let full_width: String =
        "514400005000031282".chars().map(|c| char::from_u32(u32::from(c) + 0xfee0).unwrap()).collect();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(String::from_utf8(golden.clone()).unwrap().encode_utf16().flat_map(u16::to_le_bytes));
    // A result saved as GBK (Notepad's "ANSI" on Chinese Windows): every Chinese character in it.
    let text = String::from_utf8(golden.clone()).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let gbk = gbk.into_owned();
    vec![
        (
            "result-not-yet-valid.json",
            resigned(&[(&["validFrom"], Json::from(future))], future).into_bytes(),
            "not-yet-valid",
        ),
        (
            "result-name-with-escape.json",
            resigned(&[(&name, Json::from("广东省示例行业协会\u{1b}[2J\u{202e}"))], signed).into_bytes(),
            "invalid-answers",
        ),
        (
            "result-name-invisible.json",
            resigned(&[(&name, Json::from("\u{200b}\u{3000} "))], signed).into_bytes(),
            "incomplete-profile",
        ),
        (
            "result-proof-purpose.json",
            resigned(&[], signed).replace("\"assertionMethod\"", "\"authentication\"").into_bytes(),
            "unsupported-proof",
        ),
        ("result-full-width-code.json", resigned(&[(&code, Json::from(full_width))], signed).into_bytes(), "accepted"),
        ("result-golden.json", golden.clone(), "accepted"),
        ("result-golden-copy.json", golden.clone(), "accepted"),
        ("result-with-bom.json", [b"\xef\xbb\xbf".as_slice(), &golden].concat(), "accepted"),
        ("result-gbk.json", gbk, "not-utf8"),
        ("result-utf16.json", utf16, "not-utf8"),
        ("empty.json", Vec::new(), "not-json"),
        ("word-document-named.json", word_document(), "wrong-document"),
    ]
}

#[test]
fn the_hostile_files_are_current_and_get_their_verdicts() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let now = Timestamp::parse("2026-12-01T00:00:00Z").unwrap();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let fixtures = fixtures();
    if update {
        for entry in std::fs::read_dir(data("hostile")).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
    }
    for (name, bytes, reason) in &fixtures {
        let path = data(&format!("hostile/{name}"));
        if update {
            std::fs::write(&path, bytes).unwrap();
        }
        assert_eq!(&std::fs::read(&path).unwrap(), bytes, "{name} is stale: UPDATE_GOLDEN=1 rewrites it");
        let verdict = examine(name, bytes, &catalogues, &now).judge(None);
        let code = verdict.reason().map_or("accepted", |reason| reason.code());
        assert_eq!(code, *reason, "{name}: {}", verdict.message(Lang::En));
    }
    let kept = std::fs::read_dir(data("hostile")).unwrap().count();
    assert_eq!(kept, fixtures.len(), "tests/data/hostile holds exactly the fixtures: UPDATE_GOLDEN=1 rewrites it");
}

#[test]
fn the_results_among_them_are_refused_by_verify_for_their_reason() {
    let now = Timestamp::parse("2026-12-01T00:00:00Z").unwrap();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    for (name, reason) in [
        ("result-not-yet-valid.json", "not-yet-valid"),
        ("result-name-with-escape.json", "invalid-answers"),
        ("result-name-invisible.json", "incomplete-profile"),
    ] {
        let text = std::fs::read_to_string(data(&format!("hostile/{name}"))).unwrap();
        let error = verify_result(&text, &catalogues, &now).expect_err(name);
        assert_eq!(error.code(), reason, "{name}: {}", error.message(Lang::En));
    }
}
