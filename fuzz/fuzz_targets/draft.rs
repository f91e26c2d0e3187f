//! Drafts: `Answers::from_draft_json` (entries strict, the profile as typed), then the profile
//! set when it is valid; what is accepted scores within bounds and survives a round trip.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use selfcheck_core::{Answers, Catalogue};

fuzz_target!(|data: &[u8]| {
    let Some(json) = common::text(data) else { return };
    for catalogue in [&*common::BUILTIN, &*common::MINI] {
        check(catalogue, json);
    }
});

fn check(catalogue: &Catalogue, json: &str) {
    let Ok((mut answers, profile)) = Answers::from_draft_json(catalogue, json) else { return };
    assert_eq!(*answers.profile(), Default::default(), "a draft's profile is returned, not checked");
    let before = answers.clone();
    if answers.set_profile(&profile).is_err() {
        assert_eq!(answers, before, "an invalid profile leaves the answers as they were");
    }
    common::check_report(catalogue, &answers);
    common::check_round_trip(catalogue, &answers);
}
