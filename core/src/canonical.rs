//! RFC 8785 JSON Canonicalization Scheme (JCS) digests, and hex.
//!
//! The catalogue digest pinned in every result, and (in the signed-result code) the
//! eddsa-jcs-2022 hashes, are SHA-256 over the canonical form ([`crate::json::canonical`]), so
//! two files that differ only in whitespace, key order or string escapes have the same digest.

use std::fmt::Write as _;

use sha2::{Digest as _, Sha256};

use crate::json::Json;

/// The canonical (RFC 8785) serialization of `value`.
pub fn canonicalize(value: &Json) -> String {
    crate::json::canonical(value)
}

/// SHA-256 of the canonical serialization of `value`.
pub fn canonical_sha256(value: &Json) -> [u8; 32] {
    Sha256::digest(canonicalize(value).as_bytes()).into()
}

/// SHA-256 over data that arrives in pieces (a large file read in chunks).
#[derive(Debug, Clone, Default)]
pub struct Sha256Hasher(Sha256);

impl Sha256Hasher {
    /// Adds the next piece.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The lowercase hex digest of everything added.
    pub fn finish_hex(self) -> String {
        hex(&self.0.finalize())
    }
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Whether `text` is a SHA-256 digest as selfcheck writes one: 64 lowercase hex digits.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}
