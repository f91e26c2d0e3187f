//! `selfcheck summary` on the generated set of received files (40 associations × 6 months with
//! every planted case): the text, the JSON (equal to what the core computes, as the desk will),
//! the CSV and XLSX exports, the signed summary and `verify --inputs`, and its refusals.

#![cfg(unix)]

mod common;

use common::{Scratch, data, has_terminal_control, selfcheck};
use selfcheck_bureau::{Analysis, Deadline, ExpectedList, Settings, examine, matrix_json, ranking_json};
use selfcheck_core::{Catalogue, KeyRegister};
use selfcheck_tests::bureau_set::{self, BureauSet, Spec, generate};

struct Folder {
    dir: Scratch,
    set: BureauSet,
}

impl Folder {
    fn new(name: &str) -> Folder {
        let dir = Scratch::new(name);
        let set = generate(Spec::default());
        set.write(&dir.0).unwrap();
        Folder { dir, set }
    }

    fn results(&self) -> String {
        self.dir.path("results")
    }

    fn register(&self) -> String {
        self.dir.path("register.txt")
    }

    fn expected(&self) -> String {
        self.dir.path("expected.csv")
    }
}

/// The bureau's key: a test key file (1,000 PBKDF2 rounds, so that it opens quickly).
fn bureau_key() -> String {
    data("keys/openssl-pbkdf2-1000.pem")
}

#[test]
fn the_text_shows_the_matrix_each_month_the_anomalies_and_what_did_not_pass() {
    let folder = Folder::new("bureau-text");
    let (results, register, expected) = (folder.results(), folder.register(), folder.expected());
    let args = ["summary", &results, "--trusted-keys", &register, "--expected", &expected, "--deadline", "10"];
    let run = selfcheck("zh", &args).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!has_terminal_control(&run.stdout));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "报送情况：2026-05 至 2026-10，41 个协会（每月结果须在次月 10 日前签名）");
    let row = |index: usize| {
        let code = &folder.set.associations[index].1;
        lines.iter().find(|line| line.starts_with(code.as_str())).unwrap_or_else(|| panic!("no row for {code}"))
    };
    let marks = |index: usize| -> Vec<&str> { row(index).split_whitespace().skip(1).take(6).collect() };
    assert_eq!(marks(0), ["已"; 6]);
    assert_eq!(marks(bureau_set::TAMPERED.0)[bureau_set::TAMPERED.1], "无");
    assert_eq!(marks(bureau_set::NEVER_REPORTS), ["缺"; 6]);
    assert_eq!(marks(6), ["迟"; 6], "association 7 signs after the deadline");
    assert_eq!(marks(bureau_set::DUPLICATE.0)[bureau_set::DUPLICATE.1], "重");
    assert!(row(bureau_set::MISSES_TWO.0).contains("缺 缺"));
    assert!(row(40).ends_with("广东省名单外测试协会（不在应报名单中）"));
    let months: Vec<&&str> = lines.iter().filter(|line| line.starts_with("  2026-")).collect();
    assert_eq!(months.len(), 6);
    assert!(months[0].contains("应报 40，"), "{}", months[0]);
    assert!(lines.contains(&"异常（11 项）："), "{}", run.stdout);
    assert!(lines.iter().any(|line| line.starts_with("  签名无效：") && line.contains("签名不符")));
    assert!(lines.iter().any(|line| line.starts_with("  签名密钥未备案：")));
    assert!(run.stderr.contains("共 238 个文件：有效 223 个，无效 13 个，不是自查结果 2 个"), "{}", run.stderr);
    let run = selfcheck("en", &args).run();
    assert!(run.stdout.starts_with("Reporting: 2026-05 to 2026-10, 41 associations"), "{}", run.stdout);
    assert!(run.stdout.contains("\nAnomalies (11):\n"));
}

#[test]
fn the_json_is_what_the_core_computes_from_the_same_files() {
    let folder = Folder::new("bureau-json");
    let (results, register, expected) = (folder.results(), folder.register(), folder.expected());
    let run = selfcheck(
        "en",
        &[
            "summary",
            &results,
            "--trusted-keys",
            &register,
            "--expected",
            &expected,
            "--deadline",
            "10",
            "--format",
            "json",
        ],
    )
    .run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let shown: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(shown["format"], "selfcheck-analysis/3");
    assert_eq!(shown["files"].as_array().unwrap().len(), folder.set.files.len());
    assert_eq!(shown["not_read"], serde_json::json!([]));
    // What the desk will compute in the browser from the same files, with the same core.
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let register = KeyRegister::parse(&folder.set.register).unwrap();
    let list = ExpectedList::from_bytes(&folder.set.expected).unwrap();
    let verdicts: Vec<_> = folder
        .set
        .files
        .iter()
        .map(|file| examine(&file.name, &file.bytes, &catalogues, &folder.set.now).judge(Some(&register)))
        .collect();
    let mut settings = Settings::new(folder.set.now.clone());
    settings.deadline = Deadline::new(10);
    let analysis = Analysis::compute(&verdicts, Some(&list), settings);
    let as_serde = |json: &selfcheck_core::json::Json| -> serde_json::Value {
        serde_json::from_str(&selfcheck_core::json::compact(json)).unwrap()
    };
    assert_eq!(shown["matrix"], as_serde(&matrix_json(&analysis)));
    assert_eq!(shown["ranking"], as_serde(&ranking_json(&analysis, &verdicts, None)));
    let codes: Vec<&str> = shown["anomalies"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap()).collect();
    let expected_codes: Vec<&str> = analysis.anomalies.iter().map(|anomaly| anomaly.code()).collect();
    assert_eq!(codes, expected_codes);
}

#[test]
fn the_csv_and_the_workbook_are_written_for_spreadsheets_or_scripts() {
    let folder = Folder::new("bureau-exports");
    let results = folder.results();
    let (csv, plain, xlsx) = (folder.dir.path("out.csv"), folder.dir.path("plain.csv"), folder.dir.path("out.xlsx"));
    let run = selfcheck("zh", &["summary", &results, "--csv", &csv, "--xlsx", &xlsx]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(table.starts_with("\u{feff}文件,SHA-256,"));
    assert!(table.contains("\r\n"));
    assert_eq!(table.matches("\r\n").count(), 1 + folder.set.files.len());
    let workbook = std::fs::read(&xlsx).unwrap();
    assert_eq!(&workbook[..4], b"PK\x03\x04");
    // The year's summary: its own workbook, each part a sheet (a stored zip: the names are
    // readable in its bytes), the rule for 示范 candidates stated.
    let year = folder.dir.path("year.xlsx");
    let run =
        selfcheck("zh", &["summary", &results, "--year", "2026", "--year-xlsx", &year, "--model-months", "2"]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let workbook = String::from_utf8_lossy(&std::fs::read(&year).unwrap()).into_owned();
    for sheet in [
        "参与情况",
        "等级分布",
        "各领域得分率",
        "失分最多的指标",
        "进步最大的协会",
        "新情况新问题处理",
        "整改通知",
        "示范创建单位候选",
    ] {
        assert!(workbook.contains(sheet), "the sheet {sheet}");
    }
    assert!(workbook.contains("最近 2 个月（2026-09 至 2026-10）"), "the rule as asked");
    let run = selfcheck("en", &["summary", &results, "--year", "2026"]).run();
    assert_eq!(run.code, Some(2), "--year without where to write it: {}", run.stderr);
    let run = selfcheck("en", &["summary", &results, "--csv", &plain, "--no-bom"]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let table = std::fs::read_to_string(&plain).unwrap();
    assert!(table.starts_with("File,SHA-256,") && !table.contains('\r'));
    // The CSV on standard output, for a pipe.
    let run = selfcheck("en", &["summary", &results, "--format", "csv", "--no-bom"]).run();
    assert_eq!(run.stdout, table);
}

#[test]
fn a_signed_summary_verifies_and_is_computed_again_from_its_files() {
    let folder = Folder::new("bureau-signed");
    let (results, register, expected) = (folder.results(), folder.register(), folder.expected());
    let out = folder.dir.path("summary.json");
    let key = bureau_key();
    let sign = [
        "summary",
        &results,
        "--trusted-keys",
        &register,
        "--expected",
        &expected,
        "--deadline",
        "10",
        "--sign",
        &key,
        "--kind",
        "matrix",
        "--out",
        &out,
    ];
    let run = selfcheck("zh", &sign).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("已签名审核汇总（报送情况表，依据 240 个文件）"), "{}", run.stderr);
    // Signed again without --force: the summary is kept.
    let run = selfcheck("zh", &sign).run();
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("已存在；如要替换，请加 --force"), "{}", run.stderr);

    let run = selfcheck("en", &["verify", &out]).run();
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with(&format!("valid: {out}: signed bureau summary (reporting matrix, 41 rows, from 240 files)"))
    );
    assert!(run.stdout.contains("not computed again"), "{}", run.stdout);
    let run = selfcheck("en", &["verify", &out, "--inputs", &results, &register, &expected]).run();
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(run.stdout.contains("Computed again from the files it lists, it is the same."), "{}", run.stdout);
    // Without the register, the files it lists are not all there.
    let run = selfcheck("en", &["verify", &out, "--inputs", &results, &expected]).run();
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stdout.starts_with("NOT CHECKED: ") && run.stdout.contains("1 of the files it lists were not given"));
    // Changed and signed again by another key: its signature holds, but its files say otherwise.
    let mut forged: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    forged["credentialSubject"]["matrix"]["rows"][0]["cells"][0] = serde_json::json!("missing");
    forged.as_object_mut().unwrap().remove("proof");
    let other_key = selfcheck_core::AssociationKey::from_seed([9; 32]);
    forged["issuer"] = serde_json::json!(other_key.public().did());
    let selfcheck_core::json::Json::Object(mut document) = selfcheck_core::json::parse(&forged.to_string()).unwrap()
    else {
        panic!("an object")
    };
    selfcheck_core::credential::add_proof(&mut document, &other_key, None);
    let forged =
        folder.dir.file("forged.json", selfcheck_core::json::pretty(&selfcheck_core::json::Json::Object(document)));
    let run = selfcheck("en", &["verify", &forged, "--inputs", &results, &register, &expected]).run();
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stdout.starts_with("DIFFERS: ") && run.stdout.contains("at rows[0].cells[0] the summary says missing"),
        "{}",
        run.stdout
    );
    // Changed after signing: the signature no longer holds.
    let signed = std::fs::read_to_string(&out).unwrap();
    let edited = folder.dir.file("edited.json", signed.replacen("\"received\"", "\"missing\"", 1));
    let run = selfcheck("en", &["verify", &edited]).run();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout.starts_with("INVALID: ") && run.stdout.contains("The signature does not match"),
        "{}",
        run.stdout
    );
    // It is not a result.
    let run = selfcheck("zh", &["report", &out]).run();
    assert!(run.stderr.contains("这是签名的审核汇总，不是签名的自查结果。"), "{}", run.stderr);
}

#[test]
fn bad_options_and_bad_lists_are_refused_with_what_is_wrong() {
    let folder = Folder::new("bureau-refusals");
    let results = folder.results();
    for args in [
        vec!["summary", &results, "--deadline", "29"],
        vec!["summary", &results, "--months", "2026-10..2026-05"],
        vec!["summary", &results, "--month", "2026/10"],
        vec!["summary", &results, "--sign", "key.pem"],
        vec!["summary", &results, "--kind", "matrix"],
    ] {
        let run = selfcheck("en", &args).run();
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
    }
    // An expected list saved as GBK by Excel.
    let gbk = folder.dir.file("gbk.csv", b"\xb9\xe3\xb6\xab\xca\xa1\xbc\xd7\xd0\xad\xbb\xe1,514400005000031282\r\n");
    let run = selfcheck("zh", &["summary", &results, "--expected", &gbk]).run();
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("“另存为”“CSV UTF-8（逗号分隔）”"), "{}", run.stderr);
    // Every bad line of a list is named.
    let list = folder.dir.file("list.csv", "名称,统一社会信用代码\n甲,514400005000031283\n乙,5.144E+17\n");
    let run = selfcheck("zh", &["summary", &results, "--expected", &list]).run();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("第 2 行：校验码") && run.stderr.contains("第 3 行：统一社会信用代码被 Excel 转成了数字"),
        "{}",
        run.stderr
    );
    // No output replaces an input.
    let register = folder.register();
    let run = selfcheck("en", &["summary", &results, "--trusted-keys", &register, "--xlsx", &register]).run();
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("never overwrites an input"), "{}", run.stderr);
}

#[test]
fn the_text_lists_each_problem_reported_with_its_handling_from_the_review_file() {
    let dir = Scratch::new("bureau-problems");
    let result = std::fs::read(data("golden/formats/result-2.json")).unwrap();
    dir.file("results/514400005000031282-2026-10.json", &result);
    let verified = selfcheck_core::verify_result(
        std::str::from_utf8(&result).unwrap(),
        &Catalogue::builtins().iter().collect::<Vec<_>>(),
        &selfcheck_tests::now(),
    )
    .unwrap();
    let mut reviews = selfcheck_bureau::Reviews::new();
    reviews.set_problem(&verified.digest, 2, selfcheck_bureau::ProblemState::Answered, "已函复。", None).unwrap();
    let review_file = dir.file("reviews.json", reviews.to_json());
    let results = dir.path("results");
    let run = selfcheck("zh", &["summary", &results, "--reviews", &review_file]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at =
        lines.iter().position(|line| *line == "新情况、新问题（2 条）：").unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(
        lines[at + 1],
        "  2026-10 广东省示例行业协会（514400005000031282）第 1 条：部分会员对收费标准有异议；未处理"
    );
    assert_eq!(
        lines[at + 2],
        "  2026-10 广东省示例行业协会（514400005000031282）第 2 条：行业出现以协会名义招揽业务的情况（请求协助）；已答复"
    );
    let english = selfcheck("en", &["summary", &results, "--reviews", &review_file]).run();
    assert!(
        english.stdout.contains("no. 2: 行业出现以协会名义招揽业务的情况 (help asked); answered"),
        "{}",
        english.stdout
    );
    // Without a month's report there is no such list.
    let plain = Scratch::new("bureau-problems-none");
    plain.file("results/one.json", std::fs::read(data("golden/result-complete.json")).unwrap());
    let run = selfcheck("zh", &["summary", &plain.path("results")]).run();
    assert!(!run.stdout.contains("新情况、新问题"), "{}", run.stdout);
}

#[test]
fn a_rectification_notice_is_issued_from_a_result_and_verify_accepts_it() {
    let dir = Scratch::new("bureau-notice");
    let result = dir.file("result.json", std::fs::read(data("golden/formats/result-2.json")).unwrap());
    let out = dir.path("整改通知.json");
    let key = bureau_key();
    let args = [
        "notice",
        "--key",
        &key,
        "--from",
        &result,
        "--deadline",
        "2099-12-31",
        "--remark",
        "请按期整改。",
        "--out",
        &out,
    ];
    let run = selfcheck("zh", &args).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("已签发整改通知"), "{}", run.stderr);
    let notice: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let subject = &notice["credentialSubject"];
    assert_eq!(subject["credit_code"], "514400005000031282");
    assert_eq!(subject["name"], "广东省示例行业协会");
    // Without --item, the result's rectification list, in its order.
    let verified = selfcheck_core::verify_result(
        &std::fs::read_to_string(&result).unwrap(),
        &[Catalogue::builtin()],
        &selfcheck_tests::now(),
    )
    .unwrap();
    let expected: Vec<String> = verified.report.rectification().map(|(criterion, _)| criterion.id.clone()).collect();
    let named: Vec<&str> =
        subject["items"].as_array().unwrap().iter().map(|item| item["criterion"].as_str().unwrap()).collect();
    assert_eq!(named, expected);
    assert_eq!(subject["based_on"], verified.digest.as_str());

    let run = selfcheck("zh", &["verify", &out]).run();
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(run.stdout.starts_with("有效："), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "整改通知：广东省示例行业协会（514400005000031282），整改事项 {} 项，整改期限 2099-12-31",
            expected.len()
        )),
        "{}",
        run.stdout
    );
    // `report` names it for what it is.
    let run = selfcheck("zh", &["report", &out]).run();
    assert_ne!(run.code, Some(0));
    assert!(run.stderr.contains("这是整改通知，不是签名的自查结果"), "{}", run.stderr);

    // Items given by hand, each with its remark; bad options are named.
    let by_hand = dir.path("by-hand.json");
    let args = [
        "notice",
        "--key",
        &key,
        "--credit-code",
        "514400005000031282",
        "--name",
        "广东省示例行业协会",
        "--item",
        "B2=财务制度未公开",
        "--item",
        "C4",
        "--deadline",
        "2099-12-31",
        "--out",
        &by_hand,
    ];
    let run = selfcheck("zh", &args).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let notice: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&by_hand).unwrap()).unwrap();
    assert_eq!(
        notice["credentialSubject"]["items"],
        serde_json::json!([{"criterion": "B2", "remark": "财务制度未公开"}, {"criterion": "C4", "remark": ""}])
    );
    let run = selfcheck(
        "zh",
        &["notice", "--key", &key, "--item", "B2", "--deadline", "2099-12-31", "--out", &dir.path("x.json")],
    )
    .run();
    assert!(run.stderr.contains("请用 --credit-code 给出，或用 --from 给出该协会的签名结果"), "{}", run.stderr);
    let args = ["notice", "--key", &key, "--from", &result, "--deadline", "下月底", "--out", &dir.path("y.json")];
    let run = selfcheck("zh", &args).run();
    assert!(run.stderr.contains("--deadline 有误：“下月底”不是有效日期"), "{}", run.stderr);
    let args = [
        "notice",
        "--key",
        &key,
        "--from",
        &result,
        "--item",
        "Q9",
        "--deadline",
        "2099-12-31",
        "--out",
        &dir.path("z.json"),
    ];
    let run = selfcheck("zh", &args).run();
    assert!(run.stderr.contains("整改事项第 1 项的标准：自查目录中没有这一项"), "{}", run.stderr);
    assert!(!std::path::Path::new(&dir.path("z.json")).exists(), "nothing written when refused");

    // `summary --notice` follows it: no result since it was issued, so every item is open.
    dir.file("results/result.json", std::fs::read(data("golden/formats/result-2.json")).unwrap());
    let results = dir.path("results");
    let run = selfcheck("zh", &["summary", &results, "--notice", &by_hand]).run();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("整改通知（1 份）：\n  广东省示例行业协会（514400005000031282），整改期限 2099-12-31：整改中，尚未整改：B2、C4"), "{}", run.stdout);
    let run = selfcheck("en", &["summary", &results, "--notice", &by_hand, "--format", "json"]).run();
    let analysis: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(analysis["notices"][0]["state"], "in-progress");
    assert_eq!(analysis["notices"][0]["open"], serde_json::json!(["B2", "C4"]));
    // A signed summary says where the notice stands, and the year's summary can be signed too:
    // each computes again from the files it lists, the notice among them.
    for (kind, says) in [("ranking", "排名，1 行"), ("year", "2026 年阶段性总结")] {
        let signed = dir.path(&format!("summary-{kind}.json"));
        let mut args =
            vec!["summary", &results, "--notice", &by_hand, "--sign", &key, "--kind", kind, "--out", &signed];
        if kind == "year" {
            args.extend(["--year", "2026"]);
        }
        let run = selfcheck("zh", &args).run();
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&signed).unwrap()).unwrap();
        let subject = &summary["credentialSubject"];
        assert_eq!(subject["format"], "selfcheck-summary/3");
        assert_eq!(subject["notices"][0]["state"], "in-progress");
        let notice_input = subject["inputs"].as_array().unwrap().iter().find(|input| input["role"] == "notice");
        assert!(notice_input.unwrap()["name"].as_str().unwrap().ends_with("by-hand.json"));
        let run = selfcheck("zh", &["verify", &signed, "--inputs", &dir.path("")]).run();
        assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains(says), "{}", run.stdout);
        assert!(run.stdout.contains("用所列文件重新计算，结果与汇总一致"), "{}", run.stdout);
    }
    let args = ["summary", &results, "--sign", &key, "--kind", "year", "--out", &dir.path("no-year.json")];
    let run = selfcheck("en", &args).run();
    assert_eq!(run.code, Some(2), "a year's summary needs its year: {}", run.stderr);
    assert!(run.stderr.contains("--year"), "{}", run.stderr);

    // A file that is not a notice is named as such.
    let run = selfcheck("zh", &["summary", &results, "--notice", &result]).run();
    assert_ne!(run.code, Some(0));
    assert!(run.stderr.contains("这是签名的自查结果，不是整改通知"), "{}", run.stderr);
}
