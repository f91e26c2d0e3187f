//! Key files: `AssociationKey::from_encrypted_pem` with a fixed passphrase. Inputs whose key
//! derivation the core would run at full cost (more than 4096 PBKDF2 iterations up to its limit
//! of 10,000,000, or scrypt beyond 1 MiB) are skipped: each would take seconds, and the core's
//! own limits are tested with them; those beyond its limits are refused before deriving and
//! are fuzzed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pkcs8::EncryptedPrivateKeyInfo;
use pkcs8::der::Decode as _;
use pkcs8::pkcs5::pbes2::Kdf;
use selfcheck_core::AssociationKey;
use selfcheck_core::keys::MAX_PBKDF2_ITERATIONS;

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
    let Ok((_, der)) = pkcs8::der::pem::decode_vec(pem.trim().as_bytes()) else { return false };
    let Ok(info) = EncryptedPrivateKeyInfo::from_der(&der) else { return false };
    match info.encryption_algorithm.pbes2().map(|params| &params.kdf) {
        Some(Kdf::Pbkdf2(pbkdf2)) => (4097..=MAX_PBKDF2_ITERATIONS).contains(&pbkdf2.iteration_count),
        Some(Kdf::Scrypt(scrypt)) => {
            let memory = (128 * u64::from(scrypt.block_size)).saturating_mul(scrypt.cost_parameter);
            let accepted = scrypt.cost_parameter >= 2
                && scrypt.cost_parameter.is_power_of_two()
                && memory <= 32 * 1024 * 1024
                && scrypt.parallelization <= 16;
            accepted && memory.saturating_mul(u64::from(scrypt.parallelization)) > 1024 * 1024
        }
        _ => false,
    }
}
