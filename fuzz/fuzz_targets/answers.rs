//! Answers documents: `Answers::from_json` against the built-in and the mini catalogue; what
//! is accepted scores within bounds and survives a round trip through the wire format.
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
    match Answers::from_json(catalogue, json) {
        Ok(answers) => {
            common::check_report(catalogue, &answers);
            common::check_round_trip(catalogue, &answers);
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
}
