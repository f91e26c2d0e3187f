//! Key files: `AssociationKey::from_encrypted_pem` with a fixed passphrase. Inputs whose key
//! derivation the core would run at full cost (more than 4096 units of work up to its limit of
//! 10,000,000, or scrypt beyond 1 MiB, as `keys::key_file_cost` counts them) are skipped: each
//! would take seconds, and the core's own limits are tested with them; those beyond its limits
//! are refused before deriving and are fuzzed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use selfcheck_core::AssociationKey;
use selfcheck_core::keys::key_file_cost;

/// The passphrase the corpus's keys are encrypted with.
const PASSPHRASE: &str = "selfcheck fuzzing passphrase";

fuzz_target!(|data: &[u8]| {
    let Ok(pem) = std::str::from_utf8(data) else { return };
    if costly(pem) {
        return;
    }
    match AssociationKey::from_encrypted_pem(pem, PASSPHRASE) {
        Ok(key) => assert_eq!(key.public().fingerprint().len(), 39),
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});

/// Whether the core would accept the file's key derivation and spend more than a moment on it.
fn costly(pem: &str) -> bool {
    key_file_cost(pem).is_some_and(|cost| cost.check().is_ok() && (cost.work > 4096 || cost.memory > 1024 * 1024))
}
