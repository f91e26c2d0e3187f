//! The golden cases every binding answers byte for byte: the arguments of each call and the
//! answer (or error) the core gives, kept in `tests/data/bindings/`. The Python, Node and C
//! tests read the same files and must print the same bytes. Set UPDATE_GOLDEN=1 to rewrite them
//! after a deliberate change.

use std::path::{Path, PathBuf};

use selfcheck_core::json::{self, Json, Object};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data").join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(data(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The tests' key file (made by OpenSSL, 1,000 PBKDF2 rounds: fast enough for every binding).
const PASSPHRASE: &str = "selfcheck fuzzing passphrase";
const NOW: &str = "2026-12-01T00:00:00Z";

fn arguments(members: &[(&str, Json)]) -> String {
    let mut object = Object::new();
    for (key, value) in members {
        object.insert(*key, value.clone());
    }
    json::pretty(&Json::Object(object))
}

fn text(value: &str) -> Json {
    Json::from(value)
}

/// A received file for `summary`: its name and its content.
fn named(name: &str, content: Json) -> Json {
    let mut object = Object::new();
    object.insert("name", name);
    object.insert("content", content);
    Json::Object(object)
}

/// A file's bytes as the JSON surface takes them: `{"base64": …}` (RFC 4648, padded).
fn bytes(content: &[u8]) -> Json {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::new();
    for chunk in content.chunks(3) {
        let group =
            chunk.iter().enumerate().fold(0u32, |group, (index, &byte)| group | u32::from(byte) << (16 - 8 * index));
        for index in 0..4 {
            text.push(if index <= chunk.len() {
                char::from(DIGITS[(group >> (18 - 6 * index)) as usize & 63])
            } else {
                '='
            });
        }
    }
    let mut object = Object::new();
    object.insert("base64", text);
    Json::Object(object)
}

/// A file of the CLI's hostile fixtures (`tests/tests/hostile_files.rs` keeps them).
fn hostile(name: &str) -> Vec<u8> {
    std::fs::read(data(&format!("hostile/{name}"))).unwrap()
}

/// The golden result's key, registered for its association.
const GOLDEN_REGISTER: &str = "514400005000031282 65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0\n";

/// A rectification notice to the golden result's association, signed with the tests' key at a
/// fixed time (the same bytes every run), due before `NOW`.
fn notice(key_pem: &str) -> String {
    use selfcheck_core::notice::{NoticeDraft, NoticeItem, sign_notice};
    let key = selfcheck_core::AssociationKey::from_encrypted_pem(key_pem, PASSPHRASE).unwrap();
    let item = |criterion: &str, remark: &str| NoticeItem { criterion: criterion.into(), remark: remark.into() };
    let draft = NoticeDraft {
        credit_code: selfcheck_core::CreditCode::parse("514400005000031282").unwrap(),
        name: "广东省示例行业协会".into(),
        based_on: None,
        items: vec![item("A1", "补充推进方案"), item("E6", "")],
        remark: "请按期整改。".into(),
        deadline: selfcheck_core::Date::parse("2026-11-30").unwrap(),
    };
    let issued = selfcheck_core::Timestamp::parse("2026-11-15T02:00:00Z").unwrap();
    sign_notice(selfcheck_core::Catalogue::builtin(), &draft, &key, &issued, [7; 16]).unwrap()
}

/// Each case: a name, the function, and its arguments.
fn cases() -> Vec<(&'static str, &'static str, String)> {
    let answers = read("golden/answers-complete.json");
    let result = read("golden/result-complete.json");
    let with_sm2 = read("golden/formats/result-sm2.json");
    let key = read("keys/openssl-pbkdf2-1000.pem");
    let tampered = result.replacen("广东省示例行业协会", "广东省冒名行业协会", 1);
    let register = "514400005000031282 0011 2233 4455 6677 8899 AABB CCDD EEFF\n";
    vec![
        ("catalogue-current", "catalogue", arguments(&[])),
        ("catalogue-1.0.0", "catalogue", arguments(&[("version", text("1.0.0"))])),
        ("template-en", "template", arguments(&[("lang", text("en"))])),
        ("score-golden", "score", arguments(&[("answers", text(&answers))])),
        ("score-as-object", "score", arguments(&[("answers", json::parse(&answers).unwrap())])),
        (
            "score-malformed",
            "score",
            arguments(&[("answers", text(&answers.replacen("\"value\": \"yes\"", "\"value\": \"maybe\"", 1)))]),
        ),
        (
            "sign-golden",
            "sign",
            arguments(&[
                ("answers", text(&answers)),
                ("key", text(&key)),
                ("passphrase", text(PASSPHRASE)),
                ("time", text("2026-11-05T02:30:00Z")),
                ("random", text("42424242424242424242424242424242")),
            ]),
        ),
        (
            "sign-wrong-passphrase",
            "sign",
            arguments(&[
                ("answers", text(&answers)),
                ("key", text(&key)),
                ("passphrase", text("not the passphrase")),
                ("time", text("2026-11-05T02:30:00Z")),
                ("random", text("42424242424242424242424242424242")),
            ]),
        ),
        ("verify-golden", "verify", arguments(&[("result", text(&result)), ("now", text(NOW))])),
        (
            "verify-register-other-key",
            "verify",
            arguments(&[("result", text(&result)), ("now", text(NOW)), ("register", text(register))]),
        ),
        ("verify-tampered", "verify", arguments(&[("result", text(&tampered)), ("now", text(NOW))])),
        // The second signature in China's national algorithms: present, and required of one
        // without it.
        (
            "verify-sm2",
            "verify",
            arguments(&[("result", text(&with_sm2)), ("now", text(NOW)), ("require_sm2", Json::Bool(true))]),
        ),
        (
            "verify-sm2-required",
            "verify",
            arguments(&[("result", text(&result)), ("now", text(NOW)), ("require_sm2", Json::Bool(true))]),
        ),
        ("verify-answers-given", "verify", arguments(&[("result", text(&answers)), ("now", text(NOW))])),
        (
            "verify-from-the-future",
            "verify",
            arguments(&[("result", text(&result)), ("now", text("2026-11-01T00:00:00Z"))]),
        ),
        (
            "summary-small",
            "summary",
            arguments(&[
                (
                    "results",
                    Json::Array(vec![
                        named("514400005000031282-2026-10.json", text(&result)),
                        named("tampered.json", text(&tampered)),
                        text(&answers),
                        named("copy.json", json::parse(&result).unwrap()),
                    ]),
                ),
                ("now", text(NOW)),
                ("register", text(GOLDEN_REGISTER)),
                ("expected", text("广东省示例行业协会,514400005000031282\n广东省未报送行业协会,51440000500000007H\n")),
                ("lang", text("en")),
            ]),
        ),
        (
            "summary-notice",
            "summary",
            arguments(&[
                ("results", Json::Array(vec![named("514400005000031282-2026-10.json", text(&result))])),
                ("now", text(NOW)),
                ("notices", Json::Array(vec![text(&notice(&key))])),
                ("lang", text("zh")),
            ]),
        ),
        // Bytes as received, read by the core as the command line reads a file.
        (
            "verify-bytes-utf16",
            "verify",
            arguments(&[("result", bytes(&hostile("result-utf16.json"))), ("now", text(NOW))]),
        ),
        (
            "verify-bytes-bom",
            "verify",
            arguments(&[("result", bytes(&hostile("result-with-bom.json"))), ("now", text(NOW))]),
        ),
        (
            "verify-bytes-not-base64",
            "verify",
            arguments(&[
                ("result", {
                    let mut object = Object::new();
                    object.insert("base64", "not base64!");
                    Json::Object(object)
                }),
                ("now", text(NOW)),
            ]),
        ),
        (
            "summary-bytes",
            "summary",
            arguments(&[
                (
                    "results",
                    Json::Array(vec![
                        named("result-gbk.json", bytes(&hostile("result-gbk.json"))),
                        named("word-document-named.json", bytes(&hostile("word-document-named.json"))),
                        named("empty.json", bytes(&[])),
                        named("result-golden.json", bytes(&hostile("result-golden.json"))),
                    ]),
                ),
                ("now", text(NOW)),
                ("register", bytes(format!("\u{feff}{GOLDEN_REGISTER}").as_bytes())),
                (
                    // Excel's "Unicode text": UTF-16 with its byte-order mark, tab-separated.
                    "expected",
                    bytes(
                        &[0xFF, 0xFE]
                            .into_iter()
                            .chain(
                                "名称\t统一社会信用代码\r\n广东省示例行业协会\t514400005000031282\r\n"
                                    .encode_utf16()
                                    .flat_map(u16::to_le_bytes),
                            )
                            .collect::<Vec<u8>>(),
                    ),
                ),
                ("lang", text("en")),
            ]),
        ),
        (
            "summary-bad-arguments",
            "summary",
            arguments(&[("results", text(&result)), ("now", text(NOW)), ("deadline", Json::from(40u32))]),
        ),
        ("bad-arguments", "score", arguments(&[("answer", text(&answers))])),
        ("unknown-function", "rescore", arguments(&[])),
    ]
}

#[test]
fn every_golden_case_gives_the_recorded_answer_byte_for_byte() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut manifest = Vec::new();
    for (name, function, arguments) in cases() {
        let (ok, output) = match selfcheck_api::call(function, &arguments) {
            Ok(answer) => (true, answer),
            Err(error) => (false, error.to_json()),
        };
        let args_path = data(&format!("bindings/{name}.args.json"));
        let out_path = data(&format!("bindings/{name}.out.json"));
        if update {
            std::fs::write(&args_path, &arguments).unwrap();
            std::fs::write(&out_path, &output).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&args_path).unwrap(), arguments, "{name}: the arguments changed");
        assert_eq!(std::fs::read_to_string(&out_path).unwrap(), output, "{name}: the answer changed");
        let mut entry = Object::new();
        entry.insert("name", name);
        entry.insert("function", function);
        entry.insert("ok", ok);
        manifest.push(Json::Object(entry));
    }
    // The same list as JSON for Python and Node, and as lines for C.
    let lines: String = manifest
        .iter()
        .map(|entry| {
            let field = |key: &str| entry.get(key).map(json::compact).unwrap_or_default();
            format!(
                "{} {} {}\n",
                field("name").trim_matches('"'),
                field("function").trim_matches('"'),
                u8::from(field("ok") == "true")
            )
        })
        .collect();
    let manifest = json::pretty(&Json::Array(manifest)) + "\n";
    for (path, text) in [(data("bindings/cases.json"), manifest), (data("bindings/cases.txt"), lines)] {
        if update {
            std::fs::write(&path, &text).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{}", path.display());
    }
}

#[test]
fn the_recorded_answers_say_what_users_rely_on() {
    let answer = |name: &str| json::parse(&read(&format!("bindings/{name}.out.json"))).unwrap();
    let field = |value: &Json, path: &[&str]| -> Json {
        path.iter().fold(value.clone(), |value, key| value.get(key).cloned().unwrap_or(Json::Null))
    };
    // A result signed through the API verifies through it.
    let signed = read("bindings/sign-golden.out.json");
    let verdict = selfcheck_api::call("verify", &arguments(&[("result", text(&signed)), ("now", text(NOW))])).unwrap();
    assert_eq!(field(&json::parse(&verdict).unwrap(), &["valid"]), Json::Bool(true), "{verdict}");
    assert_eq!(field(&answer("sign-golden"), &["credentialSubject", "report", "total"]), Json::from(703u32));
    assert_eq!(field(&answer("verify-golden"), &["valid"]), Json::Bool(true));
    assert_eq!(field(&answer("verify-golden"), &["result", "report", "score"]), Json::from(746u32));
    assert_eq!(field(&answer("verify-register-other-key"), &["valid"]), Json::Bool(false));
    assert_eq!(field(&answer("verify-register-other-key"), &["error", "code"]), Json::from("different-key"));
    assert_eq!(field(&answer("verify-tampered"), &["error", "code"]), Json::from("signature-mismatch"));
    assert_eq!(field(&answer("verify-answers-given"), &["class"]), Json::from("not-a-result"));
    assert_eq!(field(&answer("verify-from-the-future"), &["error", "code"]), Json::from("not-yet-valid"));
    assert_eq!(field(&answer("score-malformed"), &["problems"]).as_array().map(<[Json]>::len), Some(1));
    assert_eq!(field(&answer("bad-arguments"), &["code"]), Json::from("bad-arguments"));
    let problems = field(&answer("bad-arguments"), &["problems"]);
    let at: Vec<&str> =
        problems.as_array().unwrap().iter().filter_map(|problem| problem.get("at").and_then(Json::as_str)).collect();
    assert_eq!(at, ["arguments.answer", "arguments.answers"]);

    // The bureau's summary: one accepted result and its copy, a tampered file, a file that is
    // not a result; the expected association that sent nothing is missing.
    let summary = answer("summary-small");
    assert_eq!(field(&summary, &["format"]), Json::from("selfcheck-analysis/3"));
    let counts = field(&summary, &["counts"]);
    assert_eq!(field(&counts, &["files"]), Json::from(4u32), "{counts:?}");
    assert_eq!(field(&counts, &["accepted"]), Json::from(2u32), "{counts:?}");
    assert_eq!(field(&counts, &["copies"]), Json::from(1u32), "{counts:?}");
    let text = json::compact(&summary);
    assert!(text.contains("51440000500000007H"), "the expected association that did not report is listed");
    assert!(text.contains("\"missing\""), "{text}");
    let bad = answer("summary-bad-arguments");
    let at: Vec<String> = field(&bad, &["problems"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|problem| problem.get("at").and_then(Json::as_str).map(str::to_owned))
        .collect();
    assert_eq!(at, ["arguments.results", "arguments.deadline"]);
}
