//! What the targets share: the catalogues they read against, the fuzzing key, and the
//! invariants every report and every accepted document must keep.
// Each target uses only some of these.
#![allow(dead_code)]

use std::sync::LazyLock;

use selfcheck_core::{Answers, AssociationKey, Catalogue, Report};

/// The built-in catalogue.
pub static BUILTIN: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::builtin().clone());

/// The tests' small catalogue: scale, binary, checklist, not applicable and a veto in 100 points.
pub static MINI: LazyLock<Catalogue> = LazyLock::new(|| {
    Catalogue::from_json(include_str!("../../tests/data/catalogues/mini.json")).expect("the mini catalogue is valid")
});

/// The tests' fixed key (seed 0x01, 0x02, … 0x20), which signed the golden result.
pub static KEY: LazyLock<AssociationKey> =
    LazyLock::new(|| AssociationKey::from_seed(std::array::from_fn(|index| index as u8 + 1)));

/// The input as text; the hosts refuse what is not UTF-8 before the core sees it.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Scores `answers` and checks what holds for every report: 0 ≤ total ≤ maximum ≤ the
/// catalogue's points, a per-mille score, the veto grade whenever a veto is triggered, and a
/// report document that serializes.
pub fn check_report(catalogue: &Catalogue, answers: &Answers) -> Report {
    let report = Report::compute(catalogue, answers).expect("answers read against a catalogue fit it");
    assert!(report.total() <= report.maximum(), "total {} > maximum {}", report.total(), report.maximum());
    assert!(report.maximum() <= catalogue.total_points());
    assert!(report.score() <= 1000);
    if report.vetoes().len() > 0 {
        assert_eq!(report.grade().id, catalogue.veto_grade().id);
    }
    let doc = report.to_doc(answers).expect("a report fits the answers it scored");
    assert!(!doc.to_json_string().is_empty(), "a report serializes");
    report
}

/// Answers written by the core read back as the same answers.
pub fn check_round_trip(catalogue: &Catalogue, answers: &Answers) {
    let json = selfcheck_core::json::compact(&answers.to_doc(catalogue).to_json());
    let again = Answers::from_json(catalogue, &json).expect("answers the core wrote read back");
    assert_eq!(&again, answers);
}
