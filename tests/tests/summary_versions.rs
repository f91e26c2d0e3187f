//! Signed summaries stay verifiable for ever: a summary of every earlier format, kept with the
//! files it lists (`tests/data/golden/summaries/FORMAT/`), verifies and computes again to what it
//! says under the rules it was signed with, whatever the current rules.

use std::path::{Path, PathBuf};

use selfcheck_bureau::{
    Analysis, ExpectedList, ExportSource, Input, InputRole, Reproduction, Rules, SummaryKind, examine, matrix_json,
    ranking_json, verify_summary,
};
use selfcheck_core::{Catalogue, KeyRegister, Timestamp};

fn folder(format: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/golden/summaries").join(format)
}

/// Every file of the folder (the results, the register, the list), by name.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("results"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .chain(["register.txt", "expected.csv"].map(|name| dir.join(name)))
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn summaries_of_format_1_verify_and_reproduce_under_the_rules_they_were_signed_with() {
    let dir = folder("1");
    let files = files(&dir);
    let given: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let now = Timestamp::parse("2030-01-01T00:00:00Z").unwrap();
    for (name, kind) in [("summary-ranking.json", SummaryKind::Ranking), ("summary-matrix.json", SummaryKind::Matrix)] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(text.contains("\"format\": \"selfcheck-summary/1\""), "{name} is of the first format");
        let summary = verify_summary(&text, &now).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(summary.kind, kind);
        assert_eq!(summary.settings.rules, Rules::V1, "{name} is computed again under the first rules");
        assert_eq!(summary.reproduce(&given, &catalogues).unwrap(), Reproduction::Reproduced, "{name}");

        // The current rules give something else for these files (results left unfinished are not
        // ranked; months before an unlisted association's first file are not missing): only the
        // rules kept built in reproduce the summary.
        let bytes_of =
            |input: &Input| &files.iter().find(|(file, _)| *file == input.name.rsplit('/').next().unwrap()).unwrap().1;
        let register = summary.inputs.iter().find(|input| input.role == InputRole::Register).unwrap();
        let register = KeyRegister::from_bytes(bytes_of(register)).unwrap();
        let expected = summary.inputs.iter().find(|input| input.role == InputRole::Expected).unwrap();
        let expected = ExpectedList::from_bytes(bytes_of(expected)).unwrap();
        let verdicts: Vec<_> = summary
            .inputs
            .iter()
            .filter(|input| input.role == InputRole::File)
            .map(|input| examine(&input.name, bytes_of(input), &catalogues, &summary.issued).judge(Some(&register)))
            .collect();
        let mut settings = summary.settings.clone();
        settings.rules = Rules::V2;
        let analysis = Analysis::compute(&verdicts, Some(&expected), settings);
        let source =
            ExportSource { analysis: &analysis, verdicts: &verdicts, reviews: None, others: &[], notices: &[] };
        let current = match kind {
            SummaryKind::Ranking => ranking_json(source.analysis, source.verdicts, None),
            SummaryKind::Matrix => matrix_json(source.analysis),
            SummaryKind::Year(_) => unreachable!("format 1 had no year's summary"),
        };
        assert_ne!(current, summary.content, "{name}: the current rules differ on these files");
    }
}

#[test]
fn summaries_of_format_2_verify_and_reproduce_under_the_rules_they_were_signed_with() {
    // The files are those of format 1: a summary finds its inputs by digest.
    let files = files(&folder("1"));
    let given: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let now = Timestamp::parse("2030-01-01T00:00:00Z").unwrap();
    for (name, kind) in [("summary-ranking.json", SummaryKind::Ranking), ("summary-matrix.json", SummaryKind::Matrix)] {
        let text = std::fs::read_to_string(folder("2").join(name)).unwrap();
        assert!(text.contains("\"format\": \"selfcheck-summary/2\""), "{name} is of the second format");
        assert!(!text.contains("\"notices\""), "{name} has no notices part");
        let summary = verify_summary(&text, &now).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(summary.kind, kind);
        assert_eq!(summary.settings.rules, Rules::V2);
        assert_eq!(summary.inputs.len(), 14, "{name}: twelve results, the register and the list");
        assert_eq!(summary.reproduce(&given, &catalogues).unwrap(), Reproduction::Reproduced, "{name}");
    }
}
