//! The bureau's commands as they run: keygen, sign, verify (with the key register), report
//! and summary, with their exit codes and messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const PASSPHRASE: &str = "广东 integrity 2026";

fn selfcheck(args: &[&str], passphrase: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_selfcheck"));
    command.args(args).env_remove("SELFCHECK_PASSPHRASE");
    if let Some(passphrase) = passphrase {
        command.env("SELFCHECK_PASSPHRASE", passphrase);
    }
    let output = command.output().unwrap();
    assert_ne!(output.status.code(), Some(101), "selfcheck panicked: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn golden(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/golden").join(name).display().to_string()
}

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("selfcheck-results-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn keygen_sign_verify_report_round_trip() {
    let dir = Scratch::new("round-trip");
    let key = dir.path("协会.pem");
    let output = selfcheck(&["keygen", "--out", &key], Some(PASSPHRASE));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let printed = text(&output.stdout);
    let fingerprint = printed.lines().find_map(|line| line.strip_prefix("fingerprint: ")).unwrap().to_owned();
    let did = printed.lines().find_map(|line| line.strip_prefix("did: ")).unwrap().to_owned();
    assert!(did.starts_with("did:key:z6Mk"));
    // Both parts: the SM2 part has a did:key of its own, and the fingerprint covers both.
    let sm2 = printed.lines().find_map(|line| line.strip_prefix("sm2: ")).unwrap().to_owned();
    assert!(sm2.starts_with("did:key:z"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600, "the key is private");
    }
    let again = selfcheck(&["keygen", "--out", &key, "--lang", "en"], Some(PASSPHRASE));
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("never overwrites a key"));

    let result = dir.path("result.json");
    let signed =
        selfcheck(&["sign", &golden("answers-complete.json"), "--key", &key, "--out", &result], Some(PASSPHRASE));
    assert!(signed.status.success(), "{}", text(&signed.stderr));
    assert!(text(&signed.stderr).contains(&fingerprint));
    assert!(text(&signed.stderr).contains("附 Ed25519 签名和国密签名（SM2/SM3）"), "{}", text(&signed.stderr));

    let verified = selfcheck(&["verify", &result, "--lang", "en", "--require-sm2"], None);
    assert!(verified.status.success());
    let line = text(&verified.stdout);
    assert!(line.starts_with(&format!("valid: {result}: 广东省示例行业协会 (514400005000031282)")), "{line}");
    assert!(
        line.trim_end().ends_with(&format!("key {fingerprint}, national-algorithm signature (SM2/SM3): valid")),
        "{line}"
    );

    let report = selfcheck(&["report", &result, "--format", "json"], None);
    let report: Value = serde_json::from_str(&text(&report.stdout)).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["error_code"], Value::Null);
    assert_eq!(report["did"], did.as_str());
    assert_eq!(report["sm2"], sm2.as_str());
    assert_eq!(report["report"]["score"], 746);

    // A changed file: the same code the bindings' verdict gives (tests/data/bindings).
    let tampered = dir.path("tampered.json");
    std::fs::write(
        &tampered,
        std::fs::read_to_string(&result).unwrap().replacen("广东省示例行业协会", "广东省冒名行业协会", 1),
    )
    .unwrap();
    let report = selfcheck(&["report", &tampered, "--format", "json"], None);
    let report: Value = serde_json::from_str(&text(&report.stdout)).unwrap();
    let bindings: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/data/bindings/verify-tampered.out.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["error_code"], bindings["error"]["code"]);
    assert_eq!(report["error_code"], "signature-mismatch");

    // The same file, signed again, is kept unless --force.
    let kept = selfcheck(
        &["sign", &golden("answers-complete.json"), "--key", &key, "--out", &result, "--lang", "en"],
        Some(PASSPHRASE),
    );
    assert_eq!(kept.status.code(), Some(1));
    assert!(text(&kept.stderr).contains("pass --force"));
}

#[test]
fn passphrases_come_from_a_file_or_the_environment_and_a_wrong_one_is_named() {
    let dir = Scratch::new("passphrase");
    let key = dir.path("key.pem");
    let file = dir.path("passphrase.txt");
    std::fs::write(&file, format!("{PASSPHRASE}\n")).unwrap();
    assert!(selfcheck(&["keygen", "--out", &key, "--passphrase-file", &file], None).status.success());
    let answers = golden("answers-complete.json");
    let by_environment = selfcheck(&["sign", &answers, "--key", &key], Some(PASSPHRASE));
    assert!(by_environment.status.success(), "{}", text(&by_environment.stderr));
    assert!(text(&by_environment.stdout).contains("\"eddsa-jcs-2022\""));

    let wrong = selfcheck(&["sign", &answers, "--key", &key], Some("not the passphrase"));
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stderr).contains("口令不正确"), "{}", text(&wrong.stderr));

    let none = selfcheck(&["sign", &answers, "--key", &key], None);
    assert_eq!(none.status.code(), Some(1));
    assert!(text(&none.stderr).contains("SELFCHECK_PASSPHRASE"), "{}", text(&none.stderr));

    let short = selfcheck(&["keygen", "--out", &dir.path("short.pem")], Some("short"));
    assert_eq!(short.status.code(), Some(1));
    assert!(text(&short.stderr).contains("口令至少需要 8 个字符"), "{}", text(&short.stderr));
    assert!(!Path::new(&dir.path("short.pem")).exists(), "nothing is written on failure");
}

#[test]
fn sign_refuses_an_incomplete_profile_with_every_missing_field() {
    let dir = Scratch::new("incomplete");
    let key = dir.path("key.pem");
    assert!(selfcheck(&["keygen", "--out", &key], Some(PASSPHRASE)).status.success());
    let template = selfcheck(&["template"], None);
    let answers = dir.path("answers.json");
    std::fs::write(&answers, &template.stdout).unwrap();
    let output = selfcheck(&["sign", &answers, "--key", &key], Some(PASSPHRASE));
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output.stderr);
    assert!(
        message.contains("协会信息的名称：签名前必须填写")
            && message.contains("协会信息的统一社会信用代码：签名前必须填写"),
        "{message}"
    );
    assert!(output.stdout.is_empty());
}

fn golden_fingerprint() -> String {
    let report = selfcheck(&["report", &golden("result-complete.json"), "--format", "json"], None);
    serde_json::from_str::<Value>(&text(&report.stdout)).unwrap()["fingerprint"].as_str().unwrap().to_owned()
}

#[test]
fn verify_prints_a_line_per_file_and_fails_on_any_bad_one() {
    let dir = Scratch::new("verify");
    let tampered = dir.path("tampered.json");
    let original = std::fs::read_to_string(golden("result-complete.json")).unwrap();
    std::fs::write(&tampered, original.replacen("\"score\": 746", "\"score\": 946", 1)).unwrap();
    let files = [golden("result-complete.json"), tampered.clone(), golden("answers-complete.json")];
    let output = selfcheck(&["verify", &files[0], &files[1], &files[2], "--lang", "en"], None);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<String> = text(&output.stdout).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3);
    let fingerprint_and_sm2 = format!("key {}, national-algorithm signature (SM2/SM3): none", golden_fingerprint());
    assert!(lines[0].ends_with(&fingerprint_and_sm2) && lines[0].starts_with("valid: "), "{}", lines[0]);
    assert!(lines[1].starts_with(&format!("INVALID: {tampered}: The signature does not match")), "{}", lines[1]);
    assert!(lines[2].starts_with("NOT A RESULT: "), "{}", lines[2]);
}

#[test]
fn the_key_register_makes_a_key_mismatch_a_failure() {
    let dir = Scratch::new("register");
    let register = dir.path("keys.txt");
    let fingerprint = golden_fingerprint();
    std::fs::write(&register, format!("# 登记的协会密钥\n514400005000031282 {}\n", fingerprint.to_lowercase()))
        .unwrap();
    let output = selfcheck(&["verify", &golden("result-complete.json"), "--trusted-keys", &register], None);
    assert!(output.status.success(), "{}", text(&output.stdout));

    // An association that lost its key and filed a new one has a line for each.
    std::fs::write(
        &register,
        format!("514400005000031282 1111 1111 1111 1111 1111 1111 1111 1111\n514400005000031282 {fingerprint}\n"),
    )
    .unwrap();
    let output = selfcheck(&["verify", &golden("result-complete.json"), "--trusted-keys", &register], None);
    assert!(output.status.success(), "{}", text(&output.stdout));

    std::fs::write(&register, "514400005000031282 0000 0000 0000 0000 0000 0000 0000 0000\n").unwrap();
    let output =
        selfcheck(&["verify", &golden("result-complete.json"), "--trusted-keys", &register, "--lang", "en"], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stdout).contains("but the key filed for 514400005000031282 is 0000"),
        "{}",
        text(&output.stdout)
    );

    std::fs::write(&register, "52440100MJL000120C 0000 0000 0000 0000 0000 0000 0000 0000\n").unwrap();
    let output =
        selfcheck(&["verify", &golden("result-complete.json"), "--trusted-keys", &register, "--lang", "en"], None);
    assert!(
        text(&output.stdout).contains("No key is filed for credit code 514400005000031282"),
        "{}",
        text(&output.stdout)
    );

    std::fs::write(&register, "514400005000031282 not-a-fingerprint\n").unwrap();
    let output =
        selfcheck(&["verify", &golden("result-complete.json"), "--trusted-keys", &register, "--lang", "en"], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains(
            "keys.txt: The key register is not of its format: line 1: expected a credit code and a key fingerprint"
        ),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn report_shows_validity_first_in_each_format() {
    let output = selfcheck(&["report", &golden("result-complete.json")], None);
    assert!(output.status.success());
    let shown = text(&output.stdout);
    assert!(shown.starts_with("有效性：有效（签名与评分均已核验）\n"), "{shown}");
    assert!(
        shown.contains("\n折合千分制：746（实得分 703 / 适用满分 942）\n") && shown.contains("\n自评等级：合格\n"),
        "{shown}"
    );
    let markdown = text(
        &selfcheck(&["report", &golden("result-complete.json"), "--format", "markdown", "--lang", "en"], None).stdout,
    );
    assert!(markdown.starts_with("# Self-assessment result") && markdown.contains("| Validity | valid"));

    let dir = Scratch::new("report");
    let tampered = dir.path("tampered.json");
    let original = std::fs::read_to_string(golden("result-complete.json")).unwrap();
    std::fs::write(&tampered, original.replacen("广东省示例行业协会", "广东省冒名行业协会", 1)).unwrap();
    let output = selfcheck(&["report", &tampered, "--lang", "en"], None);
    assert_eq!(output.status.code(), Some(1));
    let shown = text(&output.stdout);
    assert!(shown.starts_with("Validity: INVALID: The signature does not match"), "{shown}");
    assert!(shown.contains("What it claims (not verified)"));
}

#[test]
fn summary_has_a_row_for_every_file_and_never_skips_one_in_silence() {
    let dir = Scratch::new("summary");
    std::fs::create_dir_all(dir.0.join("2026-10")).unwrap();
    std::fs::copy(golden("result-complete.json"), dir.0.join("2026-10/a.json")).unwrap();
    std::fs::write(dir.0.join("2026-10/notes.txt"), "会议记录").unwrap();
    let original = std::fs::read_to_string(golden("result-complete.json")).unwrap();
    std::fs::write(dir.0.join("b.json"), original.replacen("\"total\": 703", "\"total\": 803", 1)).unwrap();
    std::fs::write(dir.0.join("c.json"), original.replacen("广东省示例行业协会", "=HYPERLINK(1)", 1)).unwrap();
    let csv = dir.path("summary.csv");
    let output = selfcheck(&["summary", dir.0.to_str().unwrap(), "--csv", &csv, "--lang", "en"], None);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("4 files: 1 valid, 2 invalid, 1 not results"), "{}", text(&output.stderr));
    let table = std::fs::read_to_string(&csv).unwrap();
    // A byte-order mark, for spreadsheets on Chinese Windows.
    let table = table.strip_prefix('\u{feff}').expect("the CSV file starts with a byte-order mark");
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows.len(), 5);
    assert!(rows[0].starts_with("File,SHA-256,Size (bytes),Role,Verdict,Reason,Content verified,Name,Credit code"));
    // Every file is named with its SHA-256.
    let digest = selfcheck_core::credential::sha256_hex(&std::fs::read(dir.0.join("2026-10/a.json")).unwrap());
    assert!(rows[1].contains(&format!("a.json,{digest},")), "{}", rows[1]);
    assert!(rows[1].contains(",accepted,,verified,广东省示例行业协会,\"=\"\"514400005000031282\"\"\","), "{}", rows[1]);
    assert!(rows[1].contains(",746,Adequate,"), "{}", rows[1]);
    assert!(rows[2].contains("notes.txt") && rows[2].contains(",not a result,"));
    assert!(rows[3].contains("b.json") && rows[3].contains(",signature invalid,\"The signature does not match"));
    assert!(rows[4].contains(",'=HYPERLINK(1),"), "a formula is defused: {}", rows[4]);
}

#[test]
fn control_characters_in_input_never_reach_the_terminal() {
    let dir = Scratch::new("terminal");
    let key = dir.path("key.pem");
    assert!(selfcheck(&["keygen", "--out", &key], Some(PASSPHRASE)).status.success());
    let mut answers: Value =
        serde_json::from_str(&std::fs::read_to_string(golden("answers-complete.json")).unwrap()).unwrap();
    // A name is one line of plain text: one with escape sequences is refused, and not echoed raw.
    answers["profile"]["name"] = Value::from("广东省\u{1b}]0;pwned\u{7}\u{1b}[31m协会");
    let file = dir.path("answers.json");
    std::fs::write(&file, answers.to_string()).unwrap();
    let result = dir.path("result.json");
    let output = selfcheck(&["sign", &file, "--key", &key, "--out", &result, "--lang", "en"], Some(PASSPHRASE));
    assert_eq!(output.status.code(), Some(1));
    let shown = text(&output.stderr);
    assert!(shown.contains("profile.name: holds line breaks or other control characters"), "{shown}");
    // A criterion id is echoed in the message, escaped.
    let mut answers: Value =
        serde_json::from_str(&std::fs::read_to_string(golden("answers-complete.json")).unwrap()).unwrap();
    answers["answers"]["A1\u{1b}]0;pwned\u{7}"] = serde_json::json!({"value": "yes"});
    std::fs::write(&file, answers.to_string()).unwrap();
    let output = selfcheck(&["score", &file], None);
    let shown = text(&output.stdout) + &text(&output.stderr);
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "score printed a control character");
    assert!(shown.contains("A1\\u{1b}]0;pwned\\u{7}"), "{shown}");
}

/// The one grade rule, as the commands show it: a result with criteria left open has no grade
/// ("尚未完成"), as on the association's own page and in the desk; signing times are Beijing time.
#[test]
fn an_unfinished_result_reads_not_finished_and_times_are_beijing_time() {
    let dir = Scratch::new("unfinished");
    let key = dir.path("key.pem");
    assert!(selfcheck(&["keygen", "--out", &key], Some(PASSPHRASE)).status.success());
    let mut answers: Value =
        serde_json::from_str(&std::fs::read_to_string(golden("answers-complete.json")).unwrap()).unwrap();
    let entries = answers["answers"].as_object_mut().unwrap();
    let total = entries.len();
    entries.remove("A1");
    entries.remove("B2");
    let answers_path = dir.path("answers.json");
    std::fs::write(&answers_path, answers.to_string()).unwrap();
    let result = dir.path("result.json");
    let signed = selfcheck(&["sign", &answers_path, "--key", &key, "--out", &result], Some(PASSPHRASE));
    assert!(signed.status.success(), "{}", text(&signed.stderr));
    assert!(text(&signed.stderr).contains("自评等级：尚未完成"), "{}", text(&signed.stderr));

    let verified = selfcheck(&["verify", &result], None);
    assert!(verified.status.success());
    assert!(text(&verified.stdout).contains("（自评等级：尚未完成）"), "{}", text(&verified.stdout));
    let english = selfcheck(&["verify", &result, "--lang", "en"], None);
    assert!(text(&english.stdout).contains("(Not finished)"), "{}", text(&english.stdout));

    let report = text(&selfcheck(&["report", &result], None).stdout);
    assert!(report.contains("自评等级：尚未完成"), "{report}");
    assert!(report.contains(&format!("已作答：{} / {total}", total - 2)), "{report}");
    // The signing time, as the result writes it (RFC 3339), is shown in Beijing time.
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&result).unwrap()).unwrap();
    let signed_at = json["validFrom"].as_str().unwrap();
    let line = report.lines().find(|line| line.starts_with("签名时间（北京时间）")).unwrap();
    assert!(!line.contains('T') && !line.contains('Z'), "{line} (signed {signed_at})");
    let shown = line.split_once('：').unwrap().1.trim();
    assert_eq!(shown.len(), "2026-11-08 09:30".len(), "{line}");
    assert!(!report.contains("did:key："), "the public key is labelled in words: {report}");
}

/// `keygen` says where the fingerprint is filed: with the registration authority, 广东省民政厅, as
/// the widget's "how to submit" says.
#[test]
fn keygen_names_the_registration_authority() {
    let dir = Scratch::new("authority");
    let output = selfcheck(&["keygen", "--out", &dir.path("key.pem")], Some(PASSPHRASE));
    assert!(output.status.success());
    let said = text(&output.stderr);
    assert!(said.contains("将密钥指纹报广东省民政厅备案"), "{said}");
    assert!(!said.contains("业务主管部门"), "{said}");
    let english = selfcheck(&["keygen", "--out", &dir.path("key-en.pem"), "--lang", "en"], Some(PASSPHRASE));
    assert!(
        text(&english.stderr)
            .contains("register the fingerprint with the Department of Civil Affairs of Guangdong Province"),
        "{}",
        text(&english.stderr)
    );
}

#[test]
fn a_result_without_the_sm2_signature_is_refused_where_it_is_required() {
    let golden_result = golden("result-complete.json");
    let output = selfcheck(&["verify", &golden_result, "--require-sm2"], None);
    assert_eq!(output.status.code(), Some(1));
    let line = text(&output.stdout);
    assert!(line.contains("未附国密签名（SM2/SM3），按要求不予接收"), "{line}");
    let output = selfcheck(&["report", &golden_result, "--require-sm2", "--format", "json", "--lang", "en"], None);
    let report: Value = serde_json::from_str(&text(&output.stdout)).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["error_code"], "sm2-required");
    // Without the requirement it is valid, and says it has no SM2 signature.
    let output = selfcheck(&["report", &golden_result], None);
    assert!(output.status.success());
    assert!(text(&output.stdout).contains("国密签名（SM2/SM3）"), "{}", text(&output.stdout));
}
