//! Cross-crate, contract and data tests of selfcheck live in `tests/*.rs`; this library holds
//! what several of them share.

pub mod bureau_set;

use selfcheck_core::Timestamp;

/// The verifier's clock in the tests: after every golden result was signed.
pub fn now() -> Timestamp {
    Timestamp::parse("2026-12-01T00:00:00Z").expect("a valid timestamp")
}

/// A serde_json value (what the tests edit documents with) as the core's own JSON.
pub fn core_json(value: &serde_json::Value) -> selfcheck_core::json::Json {
    selfcheck_core::json::parse(&value.to_string()).expect("serde_json writes strict JSON")
}
