//! Table-driven scoring tests: each file in `tests/data/scoring/` holds a catalogue name,
//! an answers document and the report fields the core must compute from them.

use std::path::Path;

use selfcheck_core::{Answers, Catalogue, Report, Response};
use serde_json::Value;

fn data(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|error| panic!("{}: {error}", full.display()))
}

#[test]
fn every_scoring_case_computes_its_expected_report() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scoring");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 8, "the scoring cases are missing from {}", dir.display());
    for path in names {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let catalogue = Catalogue::from_json(&data(&format!("catalogues/{}", case["catalogue"].as_str().unwrap())))
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        let answers = Answers::from_json(&catalogue, &case["answers"].to_string())
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        let report = Report::compute(&catalogue, &answers).unwrap();
        let doc: Value = serde_json::from_str(&report.to_doc(&answers).unwrap().to_json_string()).unwrap();
        for (field, expected) in case["expect"].as_object().unwrap() {
            assert_eq!(&doc[field], expected, "{name}: report field `{field}` ({})", case["about"]);
        }
    }
}

fn builtin_with(answer: impl Fn(&selfcheck_core::Criterion) -> Option<Response>) -> Report {
    let catalogue = Catalogue::builtin();
    let mut answers = Answers::blank(catalogue);
    for (index, criterion) in catalogue.criteria().iter().enumerate() {
        answers.set_response(catalogue, index, answer(criterion)).unwrap();
    }
    Report::compute(catalogue, &answers).unwrap()
}

fn all_items(criterion: &selfcheck_core::Criterion) -> selfcheck_core::ItemsMet {
    selfcheck_core::ItemsMet::all(criterion.items().len())
}

#[test]
fn full_compliance_with_the_builtin_catalogue_earns_1000_and_exemplary() {
    let report = builtin_with(|criterion| match criterion.kind {
        selfcheck_core::Kind::Checklist(_) => Some(Response::Checked(all_items(criterion))),
        _ => Some(Response::Yes),
    });
    assert_eq!((report.total(), report.maximum(), report.score()), (1000, 1000, 1000));
    assert_eq!(report.grade().id, "exemplary");
    assert_eq!((report.rectification().len(), report.vetoes().len(), report.open().len()), (0, 0, 0));
}

#[test]
fn one_veto_alone_forces_needs_rectification_with_the_builtin_catalogue() {
    for gate in ["B4", "C4", "C5", "C6", "C8", "D8", "D9"] {
        let report = builtin_with(|criterion| match criterion.kind {
            selfcheck_core::Kind::Checklist(_) => Some(Response::Checked(all_items(criterion))),
            _ if criterion.id == gate => Some(Response::No),
            _ => Some(Response::Yes),
        });
        assert!(report.score() >= 900, "{gate}: one gate costs few points");
        assert_eq!(report.grade().label.zh, "需整改", "{gate}");
        let vetoed: Vec<&str> = report.vetoes().map(|criterion| criterion.id.as_str()).collect();
        assert_eq!(vetoed, [gate]);
        let first = report.rectification().next().map(|(criterion, _)| criterion.id.as_str());
        assert_eq!(first, Some(gate), "the veto heads the rectification list");
    }
}

#[test]
fn not_applicable_never_earns_more_than_answering_yes() {
    let catalogue = Catalogue::builtin();
    let partial = |criterion: &selfcheck_core::Criterion| match criterion.kind {
        selfcheck_core::Kind::Checklist(_) => Some(Response::Checked([0].into_iter().collect())),
        selfcheck_core::Kind::Scale => Some(Response::Partly),
        selfcheck_core::Kind::Binary => Some(Response::Yes),
    };
    for target in catalogue.criteria().iter().filter(|criterion| criterion.not_applicable) {
        let with_na =
            builtin_with(
                |criterion| {
                    if criterion.id == target.id { Some(Response::NotApplicable) } else { partial(criterion) }
                },
            );
        let with_yes = builtin_with(|criterion| {
            if criterion.id == target.id {
                match criterion.kind {
                    selfcheck_core::Kind::Checklist(_) => Some(Response::Checked(all_items(criterion))),
                    _ => Some(Response::Yes),
                }
            } else {
                partial(criterion)
            }
        });
        assert!(
            with_na.score() <= with_yes.score(),
            "{}: n/a {} > yes {}",
            target.id,
            with_na.score(),
            with_yes.score()
        );
        assert_eq!(with_na.maximum(), 1000 - target.points, "{}", target.id);
    }
}
