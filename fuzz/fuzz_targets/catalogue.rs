//! Catalogues: `Catalogue::from_json`; a valid catalogue's own document is valid with the same
//! digest, and blank, best and worst answers to it score within bounds (best: every point).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use selfcheck_core::{Answers, Catalogue, ItemsMet, Kind, Response};

fuzz_target!(|data: &[u8]| {
    let Some(json) = common::text(data) else { return };
    let Ok(catalogue) = Catalogue::from_json(json) else { return };
    let again = Catalogue::from_doc(catalogue.to_doc()).expect("a valid catalogue's document is valid");
    assert_eq!(again, catalogue);
    assert_eq!(again.digest(), catalogue.digest());

    let blank = common::check_report(&catalogue, &Answers::blank(&catalogue));
    assert_eq!((blank.total(), blank.maximum()), (0, catalogue.total_points()));

    let answer_all = |best: bool| {
        let mut answers = Answers::blank(&catalogue);
        for (index, criterion) in catalogue.criteria().iter().enumerate() {
            let response = match (&criterion.kind, best) {
                (Kind::Checklist(items), true) => Response::Checked(ItemsMet::all(items.len())),
                (Kind::Checklist(_), false) => Response::Checked(ItemsMet::NONE),
                (_, true) => Response::Yes,
                (_, false) => Response::No,
            };
            answers.set_response(&catalogue, index, Some(response)).expect("yes, no and checked items fit");
        }
        answers
    };
    let best = common::check_report(&catalogue, &answer_all(true));
    let best_grade = &catalogue.grades()[0];
    assert_eq!((best.total(), best.maximum(), best.score()), (catalogue.total_points(), best.total(), 1000));
    assert!(std::ptr::eq(best.grade(), best_grade));
    assert_eq!((best.vetoes().len(), best.rectification().len()), (0, 0));
    let worst = common::check_report(&catalogue, &answer_all(false));
    assert_eq!(worst.total(), 0);
    let gates = catalogue.criteria().iter().filter(|criterion| criterion.veto.is_some()).count();
    assert_eq!(worst.vetoes().len(), gates);
});
