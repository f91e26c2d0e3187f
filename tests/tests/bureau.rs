//! The bureau's review over the generated set (40 associations × 6 months with every planted
//! case): verdicts in the issue's order, the matrix and its monthly figures, the ranking and the
//! province's figures, the anomalies, the exports and the signed summary.

use std::collections::{BTreeMap, BTreeSet};

use selfcheck_bureau::{
    Analysis, ArchiveProblem, CellStatus, CsvStyle, Deadline, ExpectedList, ExportSource, Input, InputRole, Month,
    Reason, Reproduction, ReviewState, Reviews, Settings, Stage, SummaryKind, Verdict, examine, export, sign_summary,
    unopened, verify_summary,
};
use selfcheck_core::{Catalogue, Error, KeyRegister, KeyStatus, Standing};
use selfcheck_tests::bureau_set::{self, BureauSet, Case, Spec, generate};

struct Review {
    set: BureauSet,
    register: KeyRegister,
    expected: ExpectedList,
    verdicts: Vec<Verdict>,
    analysis: Analysis,
}

fn settings(set: &BureauSet) -> Settings {
    let mut settings = Settings::new(set.now.clone());
    settings.deadline = Deadline::new(set.deadline);
    settings
}

/// The set and its review, made once for every test (signing and verifying 240 results takes a
/// while in a debug build).
fn review() -> &'static Review {
    static REVIEW: std::sync::LazyLock<Review> = std::sync::LazyLock::new(make_review);
    &REVIEW
}

fn make_review() -> Review {
    let set = generate(Spec::default());
    let register = KeyRegister::parse(&set.register).unwrap();
    let expected = ExpectedList::from_bytes(&set.expected).unwrap();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let verdicts: Vec<Verdict> = set
        .files
        .iter()
        .map(|file| examine(&file.name, &file.bytes, &catalogues, &set.now).judge(Some(&register)))
        .collect();
    let analysis = Analysis::compute(&verdicts, Some(&expected), settings(&set));
    Review { set, register, expected, verdicts, analysis }
}

/// The stage a case must stop at with the register (`None`: accepted).
fn expected_stage(case: Case) -> Option<Stage> {
    match case {
        Case::Ordinary
        | Case::Late
        | Case::Duplicate
        | Case::SameFileTwice
        | Case::ReusedForAnotherMonth
        | Case::NewKey
        | Case::SignedBeforePeriodEnds
        | Case::Quarter
        | Case::Unlisted => None,
        Case::NotAResult => Some(Stage::NotAResult),
        Case::Malformed => Some(Stage::Format),
        Case::Tampered => Some(Stage::Signature),
        Case::UnregisteredCode | Case::WrongKey | Case::AnotherAssociationsKey => Some(Stage::KeyRegister),
        Case::UnknownCatalogue | Case::ReportMismatch => Some(Stage::Catalogue),
        Case::PeriodNotBegun => Some(Stage::Period),
    }
}

#[test]
fn every_planted_case_gets_its_verdict_at_its_stage() {
    let review = review();
    let mut seen = BTreeSet::new();
    for (file, verdict) in review.set.files.iter().zip(&review.verdicts) {
        assert_eq!(
            verdict.stage(),
            expected_stage(file.case),
            "{} ({:?}): {:?}",
            file.name,
            file.case,
            verdict.reason()
        );
        seen.insert(format!("{:?}", file.case));
        let reason = verdict.reason().map(Reason::code);
        match file.case {
            Case::Tampered => assert_eq!(reason, Some("signature-mismatch")),
            Case::UnregisteredCode => assert_eq!(reason, Some("unregistered-code")),
            Case::WrongKey | Case::AnotherAssociationsKey => assert_eq!(reason, Some("different-key")),
            Case::UnknownCatalogue => assert_eq!(reason, Some("unknown-catalogue")),
            Case::ReportMismatch => assert_eq!(reason, Some("report-mismatch")),
            Case::PeriodNotBegun => assert_eq!(reason, Some("period-not-begun")),
            Case::Malformed => assert_eq!(reason, Some("malformed")),
            _ => {}
        }
        // Nothing of a rejected file is presented as verified.
        if verdict.stage().is_some() {
            assert!(verdict.accepted().is_none());
        }
        if matches!(file.case, Case::Tampered | Case::Malformed | Case::NotAResult) {
            assert!(verdict.signer.is_none(), "{}: no signer without a holding signature", file.name);
        }
        // Whose a malformed or tampered file claims to be is kept, to be shown as unverified.
        if let (Some((association, _)), Case::Tampered | Case::Malformed) = (file.made_for, file.case) {
            let claim = verdict.claim.as_ref().unwrap();
            assert_eq!(claim.credit_code, review.set.associations[association].1);
        }
    }
    assert_eq!(seen.len(), 18, "every kind of case is in the set: {seen:?}");
}

#[test]
fn without_a_register_no_key_is_checked_and_the_key_stage_is_skipped() {
    let review = review();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    for file in review.set.files.iter().filter(|file| matches!(file.case, Case::UnregisteredCode | Case::WrongKey)) {
        let verdict = examine(&file.name, &file.bytes, &catalogues, &review.set.now).judge(None);
        assert!(verdict.accepted().is_some(), "{}", file.name);
        assert_eq!(verdict.key_status, None);
        assert!(verdict.message(selfcheck_core::Lang::Zh).contains("未对照密钥备案表"));
    }
}

#[test]
fn the_register_is_asked_before_the_catalogue_and_after_the_signature() {
    let review = review();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    // A result of an unregistered association that also pins an unknown catalogue: the register
    // speaks first. The same one tampered: the signature speaks first.
    let unknown = review.set.files.iter().find(|file| file.case == Case::UnknownCatalogue).unwrap();
    let mut register = review.register.clone();
    let code = &review.set.associations[bureau_set::UNKNOWN_CATALOGUE.0].1;
    let code = selfcheck_core::CreditCode::parse(code).unwrap();
    for fingerprint in register.lookup(&code).to_vec() {
        register.remove(&code, &fingerprint);
    }
    let examined = examine(&unknown.name, &unknown.bytes, &catalogues, &review.set.now);
    assert_eq!(examined.judge(Some(&register)).stage(), Some(Stage::KeyRegister));
    assert_eq!(examined.judge(Some(&review.register)).stage(), Some(Stage::Catalogue));
    let tampered = String::from_utf8(unknown.bytes.clone()).unwrap().replacen("\"score\"", "\"score\" ", 1);
    let tampered = tampered.replacen("联系人", "联系", 1);
    let verdict = examine("t.json", tampered.as_bytes(), &catalogues, &review.set.now).judge(Some(&register));
    assert_eq!(verdict.stage(), Some(Stage::Signature));
    // What a rejected file claims is kept, marked as unverified (no signer).
    assert!(verdict.signer.is_none());
    assert_eq!(verdict.claim.as_ref().map(|claim| claim.credit_code.as_str()), Some(code.as_str()));
}

#[test]
fn judging_again_with_an_edited_register_is_what_a_fresh_verdict_says() {
    let review = review();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let file = review.set.files.iter().find(|file| file.case == Case::UnregisteredCode).unwrap();
    let examined = examine(&file.name, &file.bytes, &catalogues, &review.set.now);
    assert!(matches!(examined.judge(Some(&review.register)).key_status, Some(KeyStatus::UnregisteredCode { .. })));
    let mut register = review.register.clone();
    let (_, code) = &review.set.associations[bureau_set::UNREGISTERED];
    let key = bureau_set::association_key(bureau_set::UNREGISTERED, 0).public().fingerprint();
    register.insert(&selfcheck_core::CreditCode::parse(code).unwrap(), &key).unwrap();
    let again = examined.judge(Some(&register));
    let fresh = selfcheck_bureau::verdict(&file.name, &file.bytes, &catalogues, Some(&register), &review.set.now);
    assert!(again.accepted().is_some());
    assert_eq!((again.code(), again.key_status.clone()), (fresh.code(), fresh.key_status.clone()));
}

/// What each association × month cell must be, worked out from what the files were made to be.
fn planned_cells(review: &Review) -> BTreeMap<(String, String), CellStatus> {
    let mut accepted: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut rejected: BTreeSet<(String, String)> = BTreeSet::new();
    for file in &review.set.files {
        let Some((association, month)) = file.made_for else { continue };
        let code = review.set.associations[association].1.clone();
        // A quarter is made for the month it ends in, where it counts once.
        let month = review.set.months[month].clone();
        match (expected_stage(file.case), file.case) {
            (None, Case::SameFileTwice) => {}
            (None, _) => *accepted.entry((code, month)).or_default() += 1,
            (Some(_), _) => {
                rejected.insert((code, month));
            }
        }
    }
    let mut cells = BTreeMap::new();
    for (_, code) in &review.set.associations {
        for month in &review.set.months {
            let key = (code.clone(), month.clone());
            let status = match (accepted.get(&key).copied().unwrap_or(0), rejected.contains(&key)) {
                (2.., _) => CellStatus::Duplicate,
                (1, _) => CellStatus::Received,
                (0, true) => CellStatus::Invalid,
                (0, false) => CellStatus::Missing,
            };
            cells.insert(key, status);
        }
    }
    // The association not on the expected list: nobody expected anything of it before its first
    // file, so those months are "not listed" and count for nothing.
    let unlisted = &review.set.associations[40].1;
    for month in &review.set.months {
        let key = (unlisted.clone(), month.clone());
        if cells[&key] != CellStatus::Missing {
            break;
        }
        cells.insert(key, CellStatus::Unlisted);
    }
    cells
}

#[test]
fn the_matrix_shows_each_association_and_month_as_the_files_were_made() {
    let review = review();
    let analysis = &review.analysis;
    let months: Vec<String> = analysis.months.unwrap().months().map(|month| month.to_string()).collect();
    assert_eq!(months, review.set.months);
    let planned = planned_cells(review);
    let unlisted_code = &review.set.associations[40].1;
    for row in &analysis.rows {
        assert_eq!(row.expected, row.credit_code != *unlisted_code);
        for (cell, month) in row.cells.iter().zip(&months) {
            let planned = planned[&(row.credit_code.clone(), month.clone())];
            assert_eq!(cell.status, planned, "{} {month}", row.credit_code);
        }
    }
    // Expected list order, then the unlisted association.
    let codes: Vec<&str> = analysis.rows.iter().map(|row| row.credit_code.as_str()).collect();
    let listed: Vec<&str> = review.expected.entries().iter().map(|entry| entry.credit_code.as_str()).collect();
    assert_eq!(codes[..40], listed[..]);
    assert_eq!(codes[40], unlisted_code);
    let row = |index: usize| &analysis.rows[index];
    assert_eq!(row(bureau_set::MISSES_TWO.0).longest_missed_run, 2);
    assert_eq!(row(bureau_set::MISSES_TWO.0).current_missed_run, 0);
    assert_eq!(row(bureau_set::NEVER_REPORTS).longest_missed_run, 6);
    assert_eq!(row(bureau_set::NEVER_REPORTS).current_missed_run, 6);
    assert_eq!(row(bureau_set::UNREGISTERED).longest_missed_run, 6, "invalid months are missed months");
    assert!(row(6).cells.iter().all(|cell| cell.late), "association 7 signs on the 15th, after the 10th");
    assert!(row(0).cells.iter().all(|cell| !cell.late));
    let missed_two: Vec<&str> = analysis.missing_in_a_row(2).map(|row| row.credit_code.as_str()).collect();
    assert!(missed_two.contains(&review.set.associations[bureau_set::MISSES_TWO.0].1.as_str()));
    assert!(!missed_two.contains(&review.set.associations[0].1.as_str()));
}

#[test]
fn each_month_has_its_reporting_rate_in_per_mille() {
    let review = review();
    let planned = planned_cells(review);
    for (position, figures) in review.analysis.month_figures.iter().enumerate() {
        let month = &review.set.months[position];
        let listed = &review.set.associations[..40];
        let count = |status: CellStatus| {
            listed.iter().filter(|(_, code)| planned[&(code.clone(), month.clone())] == status).count() as u32
        };
        assert_eq!(figures.associations, 40);
        assert_eq!(figures.received, count(CellStatus::Received) + count(CellStatus::Duplicate), "{month}");
        assert_eq!(figures.duplicate, count(CellStatus::Duplicate));
        assert_eq!(figures.invalid, count(CellStatus::Invalid));
        assert_eq!(figures.missing, count(CellStatus::Missing));
        assert_eq!(figures.not_due, 0, "the clock is after every deadline");
        assert_eq!(figures.rate_per_mille, figures.received * 1000 / 40);
        assert_eq!(figures.late, 4, "associations 7, 17, 27 and 37 sign on the 15th, after the 10th");
        assert_eq!(figures.unlisted_received, u32::from(position >= 4));
    }
}

#[test]
fn a_month_not_due_yet_is_not_missing() {
    let review = review();
    let mut settings = settings(&review.set);
    settings.now = selfcheck_core::Timestamp::parse("2026-11-08T00:00:00Z").unwrap();
    settings.months = selfcheck_bureau::MonthRange::parse("2026-05..2026-11");
    let analysis = Analysis::compute(&review.verdicts, Some(&review.expected), settings);
    let october = analysis.month_figures.iter().find(|figures| figures.month.to_string() == "2026-10").unwrap();
    let november = analysis.month_figures.last().unwrap();
    assert_eq!(november.not_due, 40);
    assert_eq!(november.missing, 0);
    // The one association that never reports has not missed October yet on the 8th of November.
    assert_eq!(october.not_due, 1);
    assert_eq!(analysis.rows[bureau_set::NEVER_REPORTS].current_missed_run, 5);
}

#[test]
fn the_ranking_has_each_accepted_association_once_best_first() {
    let review = review();
    let ranking = &review.analysis.ranking;
    let codes: BTreeSet<&str> = ranking
        .iter()
        .map(|row| review.verdicts[row.verdict].accepted().unwrap().answers.profile().credit_code().unwrap().as_str())
        .collect();
    assert_eq!(codes.len(), ranking.len(), "one row per association");
    assert!(!codes.contains(review.set.associations[bureau_set::UNREGISTERED].1.as_str()));
    assert!(!codes.contains(review.set.associations[bureau_set::NEVER_REPORTS].1.as_str()));
    assert_eq!(ranking.len(), 41 - 2);
    let report = |row: &selfcheck_bureau::RankingRow| &review.verdicts[row.verdict].accepted().unwrap().report;
    // Complete results without a veto first, ranked by score; then the vetoed ones, then the
    // incomplete ones, without a rank number: the one rule of `Standing`.
    let standings: Vec<Standing> = ranking.iter().map(|row| report(row).standing()).collect();
    assert!(standings.windows(2).all(|pair| pair[0] <= pair[1]), "{standings:?}");
    for standing in [Standing::Graded, Standing::Vetoed, Standing::Incomplete] {
        assert!(standings.contains(&standing), "the set has {standing:?} results");
    }
    let graded: Vec<_> = ranking.iter().filter(|row| row.standing == Standing::Graded).collect();
    let scores: Vec<u32> = graded.iter().map(|row| report(row).score()).collect();
    assert!(scores.windows(2).all(|pair| pair[0] >= pair[1]));
    for (position, row) in graded.iter().enumerate() {
        let expected_rank = scores.iter().position(|&score| score == scores[position]).unwrap() as u32 + 1;
        assert_eq!(row.rank, Some(expected_rank), "equal scores share a rank");
    }
    for row in ranking {
        assert_eq!(row.rank.is_some(), row.standing == Standing::Graded, "only graded results have a rank");
        assert_eq!(row.standing, report(row).standing());
        // The latest month each association has an accepted result for.
        assert!(row.month <= Month::parse("2026-10").unwrap());
    }
    let incomplete: Vec<usize> =
        ranking.iter().filter(|row| row.standing == Standing::Incomplete).map(|row| report(row).answered()).collect();
    assert!(incomplete.windows(2).all(|pair| pair[0] >= pair[1]), "the most answered first: {incomplete:?}");
    let october = Month::parse("2026-10").unwrap();
    // 21's and 28's October results are rejected (another's key, a period not begun): their
    // September results rank.
    assert_eq!(ranking.iter().filter(|row| row.month == october).count(), 41 - 2 - 2);
    for index in [bureau_set::BORROWED_KEY.0, bureau_set::NOT_BEGUN.0] {
        let row = ranking
            .iter()
            .find(|row| {
                review.verdicts[row.verdict].claim.as_ref().unwrap().credit_code == review.set.associations[index].1
            })
            .unwrap();
        assert_eq!(row.month.to_string(), "2026-09");
    }
}

#[test]
fn the_province_figures_add_up() {
    let review = review();
    let figures = &review.analysis.province[0];
    assert_eq!(review.analysis.province.len(), 1);
    assert_eq!(figures.results as usize, review.analysis.ranking.len());
    // Every complete result has a grade; the incomplete ones have none.
    assert_eq!(figures.grades.iter().sum::<u32>() + figures.incomplete, figures.results);
    let incomplete = review
        .analysis
        .ranking
        .iter()
        .filter(|row| review.verdicts[row.verdict].accepted().unwrap().report.standing() == Standing::Incomplete)
        .count();
    assert_eq!(figures.incomplete as usize, incomplete);
    assert!(incomplete > 0, "the set has results sent with criteria open");
    for criterion in &figures.criteria {
        assert_eq!(criterion.applicable + criterion.not_applicable, figures.results);
        assert_eq!(criterion.full + criterion.partial + criterion.none, criterion.applicable);
        assert!(criterion.open <= criterion.none);
    }
    let most_failed = figures.most_failed();
    let rates: Vec<u32> = most_failed.iter().map(|&index| figures.criteria[index].failed_per_mille).collect();
    assert!(rates.windows(2).all(|pair| pair[0] >= pair[1]));
    let mean = figures.areas.iter().map(|area| area.per_mille).max().unwrap();
    assert!(mean <= 1000);
}

#[test]
fn the_anomalies_are_the_planted_ones() {
    let review = review();
    let code = |index: usize| review.set.associations[index].1.clone();
    let mut found: Vec<(String, Option<String>)> = review
        .analysis
        .anomalies
        .iter()
        .map(|anomaly| (anomaly.code().to_owned(), anomaly.credit_code().map(str::to_owned)))
        .collect();
    found.sort();
    let mut planned = vec![
        ("same-file-twice".to_owned(), None),
        ("same-answers-for-two-periods".to_owned(), Some(code(bureau_set::REUSED.0))),
        ("key-for-several-associations".to_owned(), None),
        ("key-changed".to_owned(), Some(code(bureau_set::WRONG_KEY.0))),
        ("key-changed".to_owned(), Some(code(bureau_set::NEW_KEY.0))),
        ("key-changed".to_owned(), Some(code(bureau_set::BORROWED_KEY.0))),
        ("periods-overlap".to_owned(), Some(code(bureau_set::DUPLICATE.0))),
        ("periods-overlap".to_owned(), Some(code(bureau_set::QUARTER.0))),
        ("periods-overlap".to_owned(), Some(code(bureau_set::QUARTER.0))),
        ("period-in-future".to_owned(), Some(code(bureau_set::EARLY.0))),
        ("period-too-long".to_owned(), Some(code(bureau_set::QUARTER.0))),
    ];
    planned.sort();
    assert_eq!(found, planned);
    let borrowed =
        review.analysis.anomalies.iter().find(|anomaly| anomaly.code() == "key-for-several-associations").unwrap();
    let selfcheck_bureau::AnomalyKind::KeyForSeveralAssociations { credit_codes, .. } = &borrowed.kind else {
        panic!("{borrowed:?}")
    };
    let mut expected_codes = vec![code(bureau_set::BORROWED_KEY.1), code(bureau_set::BORROWED_KEY.0)];
    expected_codes.sort();
    assert_eq!(credit_codes, &expected_codes);
    for anomaly in &review.analysis.anomalies {
        for lang in [selfcheck_core::Lang::Zh, selfcheck_core::Lang::En] {
            let message = anomaly.message(lang);
            assert!(!message.is_empty());
            assert_eq!(
                message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                lang == selfcheck_core::Lang::Zh,
                "{message}"
            );
        }
    }
}

#[test]
fn the_analysis_does_not_depend_on_the_order_files_are_loaded_in() {
    let review = review();
    let mut reversed = review.verdicts.clone();
    reversed.reverse();
    let again = Analysis::compute(&reversed, Some(&review.expected), settings(&review.set));
    let json = |analysis: &Analysis, verdicts: &[Verdict]| {
        (
            selfcheck_core::json::canonical(&selfcheck_bureau::matrix_json(analysis)),
            selfcheck_core::json::canonical(&selfcheck_bureau::ranking_json(analysis, verdicts, None)),
        )
    };
    assert_eq!(json(&review.analysis, &review.verdicts), json(&again, &reversed));
    let codes = |analysis: &Analysis| {
        let mut codes: Vec<String> = analysis.anomalies.iter().map(|anomaly| anomaly.code().to_owned()).collect();
        codes.sort();
        codes
    };
    assert_eq!(codes(&review.analysis), codes(&again));
}

fn others(set: &BureauSet) -> Vec<Input> {
    vec![
        Input::new("register.txt", set.register.as_bytes(), InputRole::Register),
        Input::new("expected.csv", &set.expected, InputRole::Expected),
    ]
}

#[test]
fn the_csv_starts_with_a_bom_and_names_every_file_with_its_sha256() {
    let review = review();
    let others = others(&review.set);
    let source = ExportSource {
        analysis: &review.analysis,
        verdicts: &review.verdicts,
        reviews: None,
        others: &others,
        notices: &[],
    };
    let files = export::table(source, "files", selfcheck_core::Lang::Zh).unwrap();
    let csv = selfcheck_bureau::to_csv(&files, CsvStyle::Spreadsheet);
    assert!(csv.starts_with("\u{feff}文件,SHA-256,"));
    for file in &review.set.files {
        let digest = selfcheck_core::credential::sha256_hex(&file.bytes);
        assert!(csv.contains(&format!("{},{digest},", file.name)), "{}", file.name);
    }
    assert!(csv.contains(&others[0].sha256) && csv.contains(&others[1].sha256));
    let plain = selfcheck_bureau::to_csv(&files, CsvStyle::Plain);
    assert!(plain.starts_with("文件,SHA-256,"));
}

#[test]
fn an_archive_that_cannot_be_opened_is_a_row_counted_as_not_a_result() {
    let review = review();
    let damaged = b"PK\x03\x04 an attachment cut short".as_slice();
    let mut verdicts = review.verdicts.clone();
    verdicts.push(unopened("损坏的附件.zip", damaged, ArchiveProblem::Damaged).judge(Some(&review.register)));
    verdicts.push(unopened("邮件.zip/加密.json", b"stored", ArchiveProblem::Encrypted).judge(Some(&review.register)));
    let analysis = Analysis::compute(&verdicts, Some(&review.expected), settings(&review.set));
    assert_eq!(analysis.counts.files, review.analysis.counts.files + 2);
    assert_eq!(
        analysis.counts.rejected_at(Stage::NotAResult),
        review.analysis.counts.rejected_at(Stage::NotAResult) + 2
    );
    // Nothing else changes: they name no association and no month.
    assert_eq!(analysis.rows, review.analysis.rows);
    assert_eq!(analysis.ranking, review.analysis.ranking);
    assert_eq!(analysis.anomalies, review.analysis.anomalies);

    let others = others(&review.set);
    for (lang, words) in
        [(selfcheck_core::Lang::Zh, "压缩包已损坏"), (selfcheck_core::Lang::En, "damaged or incomplete")]
    {
        let source =
            ExportSource { analysis: &analysis, verdicts: &verdicts, reviews: None, others: &others, notices: &[] };
        let csv = selfcheck_bureau::to_csv(&export::table(source, "files", lang).unwrap(), CsvStyle::Plain);
        let row = csv.lines().find(|line| line.starts_with("损坏的附件.zip,")).expect("the archive's row");
        assert!(row.contains(&selfcheck_core::credential::sha256_hex(damaged)), "{row}");
        assert!(row.contains(words), "{row}");
        assert!(csv.lines().any(|line| line.starts_with("邮件.zip/加密.json,")), "the encrypted file's row");
    }
    let zh = verdicts.last().unwrap().message(selfcheck_core::Lang::Zh);
    assert!(
        zh.starts_with("不是自查结果：压缩包中的此文件已加密") && !zh.chars().any(|c| c.is_ascii_alphabetic()),
        "{zh}"
    );
}

#[test]
fn the_workbook_is_a_valid_zip_of_every_sheet() {
    let review = review();
    let others = others(&review.set);
    let source = ExportSource {
        analysis: &review.analysis,
        verdicts: &review.verdicts,
        reviews: None,
        others: &others,
        notices: &[],
    };
    let workbook = export::workbook(source, selfcheck_core::Lang::En);
    // Walk the central directory and check each entry's CRC against its stored bytes.
    let end = workbook.len() - 22;
    let read16 = |at: usize| u16::from_le_bytes([workbook[at], workbook[at + 1]]) as usize;
    let read32 = |at: usize| u32::from_le_bytes(workbook[at..at + 4].try_into().unwrap()) as usize;
    let entries = read16(end + 10);
    let mut at = read32(end + 16);
    let mut names = Vec::new();
    for _ in 0..entries {
        assert_eq!(read32(at), 0x0201_4b50);
        let (crc, size, name_length, offset) = (read32(at + 16), read32(at + 24), read16(at + 28), read32(at + 42));
        let name = String::from_utf8(workbook[at + 46..at + 46 + name_length].to_vec()).unwrap();
        let data_at = offset + 30 + read16(offset + 26) + read16(offset + 28);
        assert_eq!(export::crc32(&workbook[data_at..data_at + size]) as usize, crc, "{name}");
        names.push(name);
        at += 46 + name_length;
    }
    assert_eq!(names.len(), 5 + export::TABLE_IDS.len());
    assert!(names.contains(&"xl/worksheets/sheet8.xml".to_owned()));
}

#[test]
fn a_signed_summary_verifies_and_reproduces_from_the_same_files_under_any_names() {
    let review = review();
    let others = others(&review.set);
    let mut reviews = Reviews::new();
    let first = review.verdicts.iter().find_map(|verdict| verdict.accepted()).unwrap();
    reviews.set(&first.digest, ReviewState::Approved, "", None).unwrap();
    let review_file = reviews.to_json();
    let mut inputs = others.clone();
    inputs.push(Input::new("review.json", review_file.as_bytes(), InputRole::Review));
    let source = ExportSource {
        analysis: &review.analysis,
        verdicts: &review.verdicts,
        reviews: Some(&reviews),
        others: &inputs,
        notices: &[],
    };
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    for kind in [SummaryKind::Ranking, SummaryKind::Matrix] {
        let signed = sign_summary(kind, source, &bureau_set::bureau_key(), [9; 16]).unwrap();
        let later = selfcheck_core::Timestamp::parse("2027-01-01T00:00:00Z").unwrap();
        let summary = verify_summary(&signed, &later).unwrap();
        assert_eq!(summary.key, bureau_set::bureau_key().public());
        assert_eq!(summary.kind, kind);
        assert_eq!(summary.inputs.len(), review.set.files.len() + 3);
        // The same files, renamed and in another order, with an unrelated one besides.
        let mut files: Vec<(String, Vec<u8>)> =
            review.set.files.iter().rev().map(|file| (format!("x/{}", file.name), file.bytes.clone())).collect();
        files.push(("登记.txt".into(), review.set.register.clone().into_bytes()));
        files.push(("名单.csv".into(), review.set.expected.clone()));
        files.push(("审核.json".into(), review_file.clone().into_bytes()));
        files.push(("unrelated.txt".into(), b"not listed".to_vec()));
        let given: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
        assert_eq!(summary.reproduce(&given, &catalogues).unwrap(), Reproduction::Reproduced, "{kind:?}");
        // One file short: it says which.
        let short: Vec<(&str, &[u8])> = given[1..].to_vec();
        let Reproduction::MissingInputs(missing) = summary.reproduce(&short, &catalogues).unwrap() else { panic!() };
        assert_eq!(missing.len(), 1);
        // Another register instead of the one listed: it cannot be computed again.
        let mut edited = files.clone();
        edited[review.set.files.len()].1.extend_from_slice(b"# edited\n");
        let given: Vec<(&str, &[u8])> = edited.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
        let Reproduction::MissingInputs(missing) = summary.reproduce(&given, &catalogues).unwrap() else { panic!() };
        assert_eq!(missing[0].role, InputRole::Register);
    }
}

#[test]
fn a_summary_edited_after_signing_is_refused_and_one_re_signed_does_not_reproduce() {
    let review = review();
    let others = others(&review.set);
    let source = ExportSource {
        analysis: &review.analysis,
        verdicts: &review.verdicts,
        reviews: None,
        others: &others,
        notices: &[],
    };
    let signed = sign_summary(SummaryKind::Ranking, source, &bureau_set::bureau_key(), [9; 16]).unwrap();
    let later = selfcheck_core::Timestamp::parse("2027-01-01T00:00:00Z").unwrap();
    let edited = signed.replacen("\"rank\": 1,", "\"rank\": 2,", 1);
    assert_ne!(edited, signed);
    assert!(matches!(verify_summary(&edited, &later), Err(Error::SignatureMismatch)));
    // Re-signed by someone else after the edit: the signature holds, the files disagree.
    let mut value: serde_json::Value = serde_json::from_str(&edited).unwrap();
    value.as_object_mut().unwrap().remove("proof");
    let other_key = selfcheck_core::AssociationKey::from_seed([7; 32]);
    value["issuer"] = serde_json::Value::from(other_key.public().did());
    let selfcheck_core::json::Json::Object(mut object) = selfcheck_tests::core_json(&value) else { panic!() };
    selfcheck_core::credential::add_proof(&mut object, &other_key, None);
    let forged = selfcheck_core::json::pretty(&selfcheck_core::json::Json::Object(object));
    let summary = verify_summary(&forged, &later).unwrap();
    assert_eq!(summary.key, other_key.public());
    let files: Vec<(&str, &[u8])> = review
        .set
        .files
        .iter()
        .map(|file| (file.name.as_str(), file.bytes.as_slice()))
        .chain([("r", review.set.register.as_bytes()), ("e", review.set.expected.as_slice())])
        .collect();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let Reproduction::Differs { at, signed: says, computed } = summary.reproduce(&files, &catalogues).unwrap() else {
        panic!("reproduced")
    };
    assert_eq!((at.as_str(), says.as_str(), computed.as_str()), ("[0].rank", "2", "1"));
    // A summary is not a result, and says so.
    assert!(matches!(
        selfcheck_core::verify_result(&signed, &catalogues, &later),
        Err(Error::WrongDocument { found: selfcheck_core::Document::Summary, .. })
    ));
}

#[test]
fn a_summary_must_list_the_register_and_list_it_used() {
    let review = review();
    let source = ExportSource {
        analysis: &review.analysis,
        verdicts: &review.verdicts,
        reviews: None,
        others: &[],
        notices: &[],
    };
    assert!(matches!(
        sign_summary(SummaryKind::Matrix, source, &bureau_set::bureau_key(), [1; 16]),
        Err(selfcheck_bureau::Error::SummaryInputMissing(InputRole::Register))
    ));
}

#[test]
fn the_generated_expected_list_reads_as_excel_wrote_it() {
    let set = generate(Spec::default());
    let list = ExpectedList::from_bytes(&set.expected).unwrap();
    assert_eq!(list.len(), 40);
    assert_eq!(list.entries()[0].name, set.associations[0].0);
}

/// What people read in the exports: Beijing time (the RFC 3339 time for programs in a column of
/// its own), the grade by the one rule (尚未完成 while criteria are open), rates as percentages,
/// an anomaly's kind in words (its code for programs last), and the settings used.
#[test]
fn the_exports_show_people_beijing_time_one_grade_rule_percentages_and_the_settings() {
    use selfcheck_bureau::export::Value;
    let review = review();
    let others = others(&review.set);
    let source = ExportSource {
        analysis: &review.analysis,
        verdicts: &review.verdicts,
        reviews: None,
        others: &others,
        notices: &[],
    };
    let zh = selfcheck_core::Lang::Zh;
    let column = |table: &selfcheck_bureau::Table, header: &str| {
        table.columns.iter().position(|column| column.header == header).unwrap_or_else(|| panic!("no column {header}"))
    };
    let text = |value: &Value| match value {
        Value::Text(text) => text.clone(),
        Value::Integer(number) => number.to_string(),
        Value::Empty => String::new(),
    };
    let ranking = export::table(source, "ranking", zh).unwrap();
    let (signed, machine, grade, rank, note) = (
        column(&ranking, "签名时间（北京时间）"),
        column(&ranking, "签名时间（机器读取格式）"),
        column(&ranking, "自评等级"),
        column(&ranking, "名次"),
        column(&ranking, "排名说明"),
    );
    for (row, ranked) in ranking.rows.iter().zip(&review.analysis.ranking) {
        let result = review.verdicts[ranked.verdict].accepted().unwrap();
        assert_eq!(text(&row[machine]), result.issued.as_str());
        let beijing = text(&row[signed]);
        assert_eq!(beijing, result.issued.beijing().short());
        assert!(beijing.len() == 16 && !beijing.contains('T'), "{beijing}");
        match ranked.standing {
            Standing::Incomplete => {
                assert_eq!(text(&row[grade]), "尚未完成");
                assert_eq!(row[rank], Value::Empty);
                assert!(text(&row[note]).starts_with("尚未完成（已作答"), "{}", text(&row[note]));
            }
            Standing::Vetoed => {
                assert_eq!(text(&row[grade]), "需整改");
                assert_eq!(row[rank], Value::Empty);
                assert_eq!(text(&row[note]), "一票否决，不参与排名");
            }
            Standing::Graded => assert_eq!(row[note], Value::Empty),
        }
    }
    let months = export::table(source, "months", zh).unwrap();
    let rate = column(&months, "报送率");
    for (row, figures) in months.rows.iter().zip(&review.analysis.month_figures) {
        assert_eq!(text(&row[rate]), format!("{}.{}%", figures.rate_per_mille / 10, figures.rate_per_mille % 10));
    }
    let anomalies = export::table(source, "anomalies", zh).unwrap();
    assert_eq!(anomalies.columns[0].header, "类别");
    assert_eq!(anomalies.columns.last().unwrap().header, "代码（供程序使用）");
    for (row, anomaly) in anomalies.rows.iter().zip(&review.analysis.anomalies) {
        assert_eq!(text(&row[0]), anomaly.label(zh));
        assert!(text(&row[0]).chars().all(|c| !c.is_ascii_alphabetic()), "{}", text(&row[0]));
        assert_eq!(text(row.last().unwrap()), anomaly.code());
    }
    let settings = export::table(source, "settings", zh).unwrap();
    let lines: Vec<(String, String)> = settings.rows.iter().map(|row| (text(&row[0]), text(&row[1]))).collect();
    assert!(
        lines.contains(&("报送截止日".to_owned(), format!("次月 {} 日（北京时间）", review.set.deadline))),
        "{lines:?}"
    );
    assert!(lines.contains(&("排名月份".to_owned(), "各协会最近一期结果".to_owned())), "{lines:?}");
    assert!(lines.iter().any(|(name, value)| name == "月份范围" && value.contains(" 至 ")), "{lines:?}");
}
