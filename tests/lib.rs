//! Cross-crate, contract and data tests of selfcheck live in `tests/*.rs`; this library holds
//! what several of them share.

pub mod bureau_set;

use selfcheck_core::json::{self, Json};
use selfcheck_core::{AssociationKey, Timestamp};

/// The verifier's clock in the tests: after every golden result was signed.
pub fn now() -> Timestamp {
    Timestamp::parse("2026-12-01T00:00:00Z").expect("a valid timestamp")
}

/// A serde_json value (what the tests edit documents with) as the core's own JSON.
pub fn core_json(value: &serde_json::Value) -> selfcheck_core::json::Json {
    selfcheck_core::json::parse(&value.to_string()).expect("serde_json writes strict JSON")
}

/// A file of the shared test data (`tests/data/`).
pub fn data(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(path)
}

/// The text of a file of the shared test data.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(data(path)).unwrap_or_else(|error| panic!("tests/data/{path}: {error}"))
}

/// The fixed key of the golden results: seed 0x01, 0x02, … 0x20. Never use it for anything real.
pub fn golden_key() -> AssociationKey {
    AssociationKey::from_seed(std::array::from_fn(|index| index as u8 + 1))
}

/// The golden key with a fixed SM2 part (scalar from the bytes 0x21, 0x22, … 0x40): the key of
/// the golden result with both proofs. Never use it for anything real.
pub fn golden_key_with_sm2() -> AssociationKey {
    let sm2 = selfcheck_core::guomi::Sm2Key::from_random(std::array::from_fn(|index| index as u8 + 0x21));
    golden_key().with_sm2(sm2.expect("a usable SM2 scalar"))
}

/// Sets the member at `path` (object keys) to `value`.
fn set(value: &mut Json, path: &[&str], new: Json) {
    let object = value.as_object_mut().expect("an object on the path");
    match path {
        [key] => {
            object.insert(*key, new);
        }
        [key, rest @ ..] => {
            let mut inner = object.remove(key).expect("the path exists");
            set(&mut inner, rest, new);
            object.insert(*key, inner);
        }
        [] => unreachable!("a path names a member"),
    }
}

/// The golden result with `changes` applied (each a member's path and its new value), its proof
/// made again by the seed-7 test key at `created`: a result whose signature holds whatever the
/// change, so that only the core's deeper checks can refuse it.
pub fn resigned(changes: &[(&[&str], Json)], created: &str) -> String {
    let golden = std::fs::read_to_string(data("golden/result-complete.json")).expect("the golden result");
    let mut value = json::parse(&golden).expect("the golden result is JSON");
    for (path, new) in changes {
        set(&mut value, path, new.clone());
    }
    let key = resigning_key();
    set(&mut value, &["issuer"], Json::from(key.public().did()));
    let Json::Object(mut document) = value else { unreachable!("a result is an object") };
    document.remove("proof");
    let created = Timestamp::parse(created).expect("a valid timestamp");
    selfcheck_core::credential::add_proof(&mut document, &key, Some(&created));
    json::pretty(&Json::Object(document)) + "\n"
}

/// `document` (a serde_json value, edited as a test likes) with its proof made again by `key`
/// at the golden results' time, as compact JSON: only the core's checks beyond the signature
/// can refuse it.
pub fn resign_with(document: &serde_json::Value, key: &AssociationKey) -> String {
    let Json::Object(mut object) = core_json(document) else { panic!("a result is an object") };
    object.remove("proof");
    let issued = Timestamp::parse("2026-11-05T02:30:00Z").expect("a valid timestamp");
    selfcheck_core::credential::add_proof(&mut object, key, Some(&issued));
    json::compact(&Json::Object(object))
}

/// The test key [`resigned`] signs with.
pub fn resigning_key() -> AssociationKey {
    AssociationKey::from_seed([7; 32])
}
