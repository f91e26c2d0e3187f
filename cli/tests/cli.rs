//! The `selfcheck` binary as users and scripts run it: output, exit codes and messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn selfcheck(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_selfcheck")).args(args).output().unwrap();
    assert_ne!(output.status.code(), Some(101), "selfcheck panicked: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn mini_catalogue() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/catalogues/mini.json").display().to_string()
}

/// A scratch file that is removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, contents: impl AsRef<[u8]>) -> Scratch {
        let path = std::env::temp_dir().join(format!("selfcheck-cli-test-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        Scratch(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn catalog_json_prints_the_full_catalogue() {
    let output = selfcheck(&["catalog", "--format", "json"]);
    assert!(output.status.success());
    let catalogue: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(catalogue["id"], "gd-2013-self-discipline");
    let areas = catalogue["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 5);
    let criteria: Vec<&Value> = areas.iter().flat_map(|area| area["criteria"].as_array().unwrap()).collect();
    assert!(criteria.len() >= 40, "{} criteria", criteria.len());
    let points: u64 = criteria.iter().map(|criterion| criterion["points"].as_u64().unwrap()).sum();
    assert_eq!(points, 1000);
    for criterion in criteria {
        assert!(criterion["clause"]["quote"].as_str().is_some_and(|quote| !quote.is_empty()));
        assert!(criterion["action"]["zh"].is_string() && criterion["action"]["en"].is_string());
    }
}

#[test]
fn catalog_markdown_is_a_handbook_in_either_language() {
    let output = selfcheck(&["catalog", "--format", "markdown"]);
    assert!(output.status.success());
    let zh = stdout(&output);
    assert!(zh.starts_with("# 广东省"), "{}", &zh[..80]);
    assert!(zh.contains("### A1 ") && zh.contains("### E"), "every criterion has a heading");
    assert!(zh.contains("**否决项**") && zh.contains("  - [ ] B1.1 "), "vetoes and sub-items are shown");
    let en = stdout(&selfcheck(&["catalog", "--format", "markdown", "--lang", "en"]));
    assert!(en.contains("**Veto gate**") && en.contains("Full compliance"));
}

#[test]
fn the_template_lists_every_criterion_and_scores_as_a_blank_draft() {
    let output = selfcheck(&["template"]);
    assert!(output.status.success());
    let template: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(template["format"], "selfcheck-answers/1");
    let entries = template["answers"].as_object().unwrap();
    assert_eq!(entries["A1"]["allowed"], json!(["yes", "partly", "no"]));
    assert_eq!(entries["B4"]["allowed"], json!(["yes", "no"]));
    assert!(entries["B1"]["items"]["B1.1"].is_string() && entries["B1"].get("checked").is_none());
    let file = Scratch::new("template.json", stdout(&output));
    let scored = selfcheck(&["score", file.path(), "--format", "json"]);
    assert!(scored.status.success(), "{}", stderr(&scored));
    let report: Value = serde_json::from_str(&stdout(&scored)).unwrap();
    assert_eq!(report["completeness"]["answered"], 0, "an untouched template answers nothing");
    assert_eq!(report["completeness"]["open"].as_array().unwrap().len(), entries.len());
    assert_eq!(report["total"], 0);
}

#[test]
fn score_prints_totals_areas_grade_vetoes_and_what_to_fix() {
    let answers = json!({
        "format": "selfcheck-answers/1",
        "catalogue": {"id": "mini", "version": "0.1.0"},
        "profile": {"name": "广东省测试行业协会", "credit_code": "514400005000031282"},
        // Every criterion answered: a complete result with a veto has the veto grade.
        "answers": {
            "A1": {"value": "yes"}, "A2": {"value": "no"}, "A3": {"checked": ["A3.1"]},
            "B1": {"value": "no"}, "B2": {"value": "no"}
        }
    });
    let file = Scratch::new("answers.json", answers.to_string());
    let output = selfcheck(&["score", file.path(), "--catalog", &mini_catalogue(), "--lang", "en"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        "Association: 广东省测试行业协会 (514400005000031282)",
        "Score (per mille): 250 (25 of 100 applicable points)",
        "Grade: Needs rectification",
        "Vetoes triggered:",
        "B1 Criterion B1: Breaks a prohibition",
        "B1 Criterion B1 (30 points lost; veto gate)",
        "Not met: A3.2 Item 2; A3.3 Item 3",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(stderr(&output).is_empty(), "a social organization's code raises no warning");
    let json_output = selfcheck(&["score", file.path(), "--catalog", &mini_catalogue(), "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&json_output)).unwrap();
    assert_eq!((report["total"].as_u64(), report["grade"].as_str()), (Some(25), Some("rectify")));
    assert_eq!(report["vetoes"], json!(["B1"]));
}

#[test]
fn score_states_every_problem_and_exits_1() {
    let answers = json!({
        "format": "selfcheck-answers/1",
        "catalogue": {"id": "mini", "version": "0.1.0"},
        "profile": {"credit_code": "51440000500003128X"},
        "answers": {"A1": {"value": "na"}, "B1": {"value": "partly"}, "Q7": {"value": "yes"}}
    });
    let file = Scratch::new("bad-answers.json", answers.to_string());
    let output = selfcheck(&["score", file.path(), "--catalog", &mini_catalogue(), "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    for expected in [
        "profile.credit_code: the check character is \"X\"",
        "A1: this criterion always applies",
        "B1: this criterion is answered yes or no",
        "Q7: there is no criterion with this id",
    ] {
        assert!(message.contains(expected), "missing {expected:?} in\n{message}");
    }
    assert!(stdout(&output).is_empty());
}

#[test]
fn unreadable_input_gets_a_plain_message_not_a_panic() {
    let missing = selfcheck(&["score", "/nonexistent/answers.json", "--lang", "en"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("cannot read the answers file /nonexistent/answers.json: there is no such file"));
    let missing = selfcheck(&["score", "/nonexistent/answers.json"]);
    assert!(
        stderr(&missing).contains("无法读取作答文件 /nonexistent/answers.json：没有这个文件"),
        "{}",
        stderr(&missing)
    );

    let latin1 = Scratch::new("latin1.json", b"{\"format\": \"caf\xe9\"}");
    let output = selfcheck(&["score", latin1.path(), "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("is not UTF-8 text"), "{}", stderr(&output));

    let truncated = Scratch::new("truncated.json", "{\"format\": \"selfcheck-answers/1\", \"catal");
    let output = selfcheck(&["score", truncated.path(), "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the file is cut short"), "{}", stderr(&output));

    let bad_catalogue = Scratch::new("catalogue.json", "{\"format\": 1, \"id\": \"Bad Id\"}");
    let output = selfcheck(&["catalog", "--catalog", bad_catalogue.path(), "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot use the catalogue"), "{}", stderr(&output));

    let usage = selfcheck(&["score"]);
    assert_eq!(usage.status.code(), Some(2), "a wrong command line exits 2");
}

#[test]
fn a_custom_catalogue_with_broken_rules_lists_every_problem() {
    let mut catalogue: Value = serde_json::from_str(&std::fs::read_to_string(mini_catalogue()).unwrap()).unwrap();
    catalogue["areas"][0]["criteria"][0]["points"] = json!(21);
    catalogue["areas"][1]["criteria"][0]["id"] = json!("A2");
    let file = Scratch::new("broken-catalogue.json", catalogue.to_string());
    let output = selfcheck(&["catalog", "--catalog", file.path(), "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    for expected in [
        "A1: a scale criterion needs even points",
        "A2: the id must start with B",
        "A2: this id is used more than once",
        "total_points: the points add up to 101, but must add up to 100",
    ] {
        assert!(message.contains(expected), "missing {expected:?} in\n{message}");
    }
}

#[test]
fn a_clause_quoting_the_notice_keeps_its_inner_quotes_apart() {
    // Before: “…打击“伪劣假冒”不法行为” in the handbook, the inner quotes the outer ones.
    // The handbook, and the rectification list of a blank template (every criterion open).
    let template = Scratch::new("blank-template.json", stdout(&selfcheck(&["template"])));
    for (format, output) in [
        ("markdown", selfcheck(&["catalog", "--format", "markdown"])),
        ("score", selfcheck(&["score", template.path()])),
    ] {
        let handbook = stdout(&output);
        assert!(handbook.contains("打击‘伪劣假冒’不法行为”"), "{format}");
        let clauses: Vec<&str> = handbook.lines().filter(|line| line.contains("依据")).collect();
        assert!(clauses.len() >= 40, "{format}: {} clauses", clauses.len());
        for line in clauses {
            let inner = line.split_once('“').map_or("", |(_, rest)| rest);
            let inner = inner.rsplit_once('”').map_or(inner, |(inside, _)| inside);
            assert!(!inner.contains(['“', '”']), "{format}: {line}");
        }
    }
}
