//! RFC 8785 JSON Canonicalization Scheme (JCS) and the SHA-256 digests built on it.
//!
//! The catalogue digest pinned in every result, and (in the signed-result code) the
//! eddsa-jcs-2022 hashes, are SHA-256 over this canonical form, so two files that
//! differ only in whitespace, key order or string escapes have the same digest.

use std::fmt::Write as _;

use serde_json::Value;
use sha2::{Digest as _, Sha256};

/// The canonical (RFC 8785) serialization of `value`.
pub fn canonicalize(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// SHA-256 of the canonical serialization of `value`.
pub fn canonical_sha256(value: &Value) -> [u8; 32] {
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

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => write_number(out, number),
        Value::String(string) => write_string(out, string),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // RFC 8785 §3.2.3: members sorted by their names' UTF-16 code units,
            // which differs from UTF-8 byte order for characters beyond U+FFFF.
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (index, (key, item)) in members.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

fn write_number(out: &mut String, number: &serde_json::Number) {
    if let Some(integer) = number.as_i64() {
        let _ = write!(out, "{integer}");
    } else if let Some(integer) = number.as_u64() {
        let _ = write!(out, "{integer}");
    } else if let Some(float) = number.as_f64() {
        // ECMAScript's Number-to-String, as RFC 8785 §3.2.2.3 requires; ryu-js
        // implements exactly that algorithm. serde_json never holds NaN or infinity.
        let mut buffer = ryu_js::Buffer::new();
        out.push_str(buffer.format(float));
    }
}

fn write_string(out: &mut String, string: &str) {
    out.push('"');
    for ch in string.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            control if u32::from(control) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(control));
            }
            other => out.push(other),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_keys_by_utf16_code_units_not_utf8_bytes() {
        // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB33 there,
        // although its UTF-8 bytes sort after.
        let value: Value = serde_json::from_str(r#"{"\uFB33":1,"😀":2,"a":3}"#).unwrap();
        assert_eq!(canonicalize(&value), "{\"a\":3,\"😀\":2,\"\u{FB33}\":1}");
    }

    #[test]
    fn escapes_only_what_json_stringify_escapes() {
        let value = Value::String("\u{1}\"\\/\u{7f}é\u{2028}".into());
        assert_eq!(canonicalize(&value), "\"\\u0001\\\"\\\\/\u{7f}é\u{2028}\"");
    }

    #[test]
    fn formats_numbers_as_ecmascript_does() {
        let value: Value = serde_json::from_str("[1e30, 4.50, 0.000001, 1e-7, -0, 9007199254740991]").unwrap();
        assert_eq!(canonicalize(&value), "[1e+30,4.5,0.000001,1e-7,0,9007199254740991]");
    }
}
