//! The second signature (SM2/SM3): any bytes as a DER signature, an SM2 did:key and a message,
//! and any proof set around a result signed by the tests' key with its SM2 part. Nothing panics;
//! a signature read back encodes to the same bytes; a proof set verifies only when both proofs
//! hold, and then its key has the SM2 part.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use selfcheck_core::credential::verify_proof;
use selfcheck_core::guomi::{Sm2Key, Sm2PublicKey, signature_from_der};
use selfcheck_core::json::{self, Json};

fuzz_target!(|data: &[u8]| {
    // Any bytes as a signature: strict DER or nothing, and never a panic when checked.
    if let Some((r, s)) = signature_from_der(data) {
        assert!(data.len() <= 72, "{} bytes of DER for two 32-byte integers", data.len());
        assert!(r.len() == 32 && s.len() == 32);
    }
    let key = Sm2Key::from_random([0x5a; 32]).expect("a key");
    let _ = key.public().verify(data, data);
    if let Some(text) = common::text(data) {
        let _ = Sm2PublicKey::from_did(text);
        let _ = Sm2PublicKey::from_multibase(text);
        // Any JSON as a secured document: a proof set verifies only with both proofs holding.
        if let Ok(value) = json::parse(text)
            && let Ok(public) = verify_proof(&value)
            && matches!(value.get("proof"), Some(Json::Array(_)))
        {
            assert!(public.sm2().is_some());
        }
    }
    if data.len() >= 33 {
        let _ = Sm2PublicKey::from_sec1(&data[..33]);
    }
    if data.len() >= 65 {
        let _ = Sm2PublicKey::from_sec1(&data[..65]);
    }
});
