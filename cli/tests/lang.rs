//! One language at a time (issue 10): with `--lang zh` every line of `verify`, `report` and
//! `summary`, and their messages, is Chinese; with `--lang en`, English. What is left after the
//! data a line shows (paths, names, codes, fingerprints, dates, figures) must be words of the
//! chosen language only.

#![cfg(unix)]

mod common;

use common::{Scratch, data, read, selfcheck};

const FINGERPRINT: &str = "65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0";

/// `text` without the data a line may show, which is in no language: first every run of ASCII
/// letters, digits and `/._-` that holds a digit (paths of scratch folders, dates, timestamps,
/// digests, keys), then the given data (names, catalogue texts, the program's name).
fn words_of(text: &str, data: &[&str]) -> String {
    let mut kept = String::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || "/._-".contains(c) {
            run.push(c);
            continue;
        }
        if !run.chars().any(|c| c.is_ascii_digit()) {
            kept.push_str(&run);
        }
        run.clear();
        kept.push(c);
    }
    let mut data: Vec<&str> = data.iter().copied().filter(|item| item.chars().count() >= 3).collect();
    // Longest first, so that a path is removed before a part of it.
    data.sort_by_key(|item| std::cmp::Reverse(item.len()));
    for item in data {
        kept = kept.replace(item, " ");
    }
    kept
}

fn has_latin_word(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic()).any(|word| word.len() >= 2)
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "，。：；（）".contains(c))
}

/// The names and titles of the golden result, in both languages (data, not interface).
fn golden_data() -> Vec<String> {
    let mut data: Vec<String> = [
        "广东省示例行业协会",
        "514400005000031282",
        FINGERPRINT,
        "did:key",
        "CSV",
        "FIFO",
        "UTF-8",
        "GBK",
        "ANSI",
        "--force",
        "--csv",
        "--xlsx",
        "--year-xlsx",
        "--format json",
        "```text",
        "/dev/zero",
        "selfcheck",
    ]
    .iter()
    .map(|item| (*item).to_owned())
    .collect();
    // Catalogue titles, guidance and actions appear in the report: they are the catalogue's.
    let catalogue: serde_json::Value = serde_json::from_str(&selfcheck("en", &["catalog"]).run().stdout).unwrap();
    let mut texts = Vec::new();
    collect_texts(&catalogue, &mut texts);
    // A quoted clause shows its inner quotes as ‘’.
    let requoted: Vec<String> = texts.iter().map(|text| text.replace('“', "‘").replace('”', "’")).collect();
    data.extend(texts);
    data.extend(requoted);
    data
}

fn collect_texts(value: &serde_json::Value, texts: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => texts.push(text.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_texts(item, texts)),
        serde_json::Value::Object(members) => members.values().for_each(|item| collect_texts(item, texts)),
        _ => {}
    }
}

#[test]
fn every_line_of_verify_report_and_summary_is_in_the_chosen_language() {
    let dir = Scratch::new("lang");
    let result = dir.path("result.json");
    std::fs::copy(data("golden/result-complete.json"), &result).unwrap();
    // A socket named where a file is expected (a pipe named is read, so it would wait).
    let socket_path = dir.path("socket.json");
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).unwrap();
    let fifo = socket_path;
    let missing = dir.path("missing.json");
    let tampered = dir.file("tampered.json", read("golden/result-complete.json").replacen("703", "803", 1));
    let answers = dir.file("answers.json", read("golden/answers-complete.json"));
    let outside = Scratch::new("lang-outside");
    let register = outside.file("keys.txt", "514400005000031282 0000 0000 0000 0000 0000 0000 0000 0000\n");
    dir.link("link.json", &outside.file("elsewhere.json", "{}"));
    let mut shown_data: Vec<String> = golden_data();
    for path in [
        &result,
        &fifo,
        &missing,
        &register,
        &dir.path("link.json"),
        &outside.path("elsewhere.json"),
        &dir.0.display().to_string(),
    ] {
        shown_data.push(path.clone());
    }
    shown_data.push("0000 0000 0000 0000 0000 0000 0000 0000".to_owned());
    let shown_data: Vec<&str> = shown_data.iter().map(String::as_str).collect();
    let runs = |lang: &str| {
        vec![
            selfcheck(lang, &["verify", &result, &fifo, &missing, "/dev/zero"]).run(),
            selfcheck(lang, &["verify", &tampered, &answers]).run(),
            selfcheck(lang, &["report", &tampered]).run(),
            selfcheck(lang, &["report", &answers]).run(),
            selfcheck(lang, &["verify", &result, "--trusted-keys", &register]).run(),
            selfcheck(lang, &["verify", &result, "--trusted-keys", &missing]).run(),
            selfcheck(lang, &["report", &result]).run(),
            selfcheck(lang, &["report", &result, "--format", "markdown"]).run(),
            selfcheck(lang, &["report", &result, "--trusted-keys", &register]).run(),
            selfcheck(lang, &["report", &fifo]).run(),
            selfcheck(lang, &["summary", dir.0.to_str().unwrap()]).run(),
            selfcheck(lang, &["summary", dir.0.to_str().unwrap(), "--csv", &result]).run(),
            selfcheck(lang, &["summary", &missing]).run(),
        ]
    };
    for run in runs("zh") {
        for line in run.stdout.lines().chain(run.stderr.lines()) {
            let words = words_of(line, &shown_data);
            assert!(!has_latin_word(&words), "an English word in a Chinese line: {line:?} ({words:?})");
        }
    }
    for run in runs("en") {
        for line in run.stdout.lines().chain(run.stderr.lines()) {
            let words = words_of(line, &shown_data);
            assert!(!has_chinese(&words), "Chinese in an English line: {line:?} ({words:?})");
        }
    }
}

#[test]
fn the_verdicts_and_the_summary_speak_the_chosen_language() {
    let dir = Scratch::new("lang-verdicts");
    let tampered = dir.file("tampered.json", read("golden/result-complete.json").replacen("703", "803", 1));
    let result = data("golden/result-complete.json");
    let run =
        selfcheck("zh", &["verify", &result, &tampered, &data("golden/answers-complete.json"), "/dev/null/x"]).run();
    let verdicts: Vec<&str> = run.stdout.lines().map(|line| line.split('：').next().unwrap()).collect();
    assert_eq!(verdicts, ["有效", "无效", "不是自查结果", "无法读取"], "{}", run.stdout);
    let run =
        selfcheck("en", &["verify", &result, &tampered, &data("golden/answers-complete.json"), "/dev/null/x"]).run();
    let verdicts: Vec<&str> = run.stdout.lines().map(|line| line.split(": ").next().unwrap()).collect();
    assert_eq!(verdicts, ["valid", "INVALID", "NOT A RESULT", "UNREADABLE"], "{}", run.stdout);

    std::fs::copy(&result, dir.0.join("a.json")).unwrap();
    let csv = dir.path("summary.csv");
    let run = selfcheck("zh", &["summary", dir.0.to_str().unwrap(), "--csv", &csv]).run();
    assert!(run.stderr.contains("共 2 个文件：有效 1 个，无效 1 个，不是自查结果 0 个"), "{}", run.stderr);
    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(table.starts_with("\u{feff}文件,SHA-256,大小（字节）,用途,结论,原因,"), "{table}");
    assert!(table.contains(",有效,,已核实,") && table.contains(",合格,"), "{table}");
    assert!(table.contains(",签名无效,签名不符：") && table.contains(",未核实（仅为文件自称）,"), "{table}");
}
