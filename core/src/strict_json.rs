//! A strict JSON reader for signed documents: duplicate keys, fractions and integers beyond
//! ±2^53 are errors, not silently accepted as serde_json's `Value` would.

use std::fmt;

use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::MAX_SAFE_INTEGER;

/// Parses `json` into a `Value`, rejecting duplicate keys and numbers that are not integers
/// within ±(2^53 − 1). Nesting is limited by serde_json's recursion limit (128).
pub fn parse(json: &str) -> Result<Value, serde_json::Error> {
    let StrictValue(value) = serde_json::from_str(json)?;
    Ok(value)
}

struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Value, E> {
        if value.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(E::custom(format_args!("the number {value} is beyond ±2^53, which JSON cannot carry exactly")));
        }
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Value, E> {
        if value > MAX_SAFE_INTEGER {
            return Err(E::custom(format_args!("the number {value} is beyond ±2^53, which JSON cannot carry exactly")));
        }
        Ok(Value::Number(Number::from(value)))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Value, E> {
        // An integer literal too large for 64 bits arrives here as a float.
        if value.is_finite() && value.abs() > MAX_SAFE_INTEGER as f64 {
            return Err(E::custom(format_args!("the number {value} is beyond ±2^53, which JSON cannot carry exactly")));
        }
        if value.fract() == 0.0 && value.is_finite() {
            return Err(E::custom(format_args!(
                "the number {value} is written with a fraction or an exponent; only integer literals are allowed"
            )));
        }
        Err(E::custom(format_args!("the number {value} is not an integer; only integers are allowed")))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = access.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(A::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let StrictValue(value) = access.next_value()?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn rejects_what_a_signed_document_must_not_hold() {
        assert!(parse(r#"{"a":1,"a":2}"#).unwrap_err().to_string().contains("duplicate key `a`"));
        assert!(parse(r#"{"a":[{"b":1,"b":1}]}"#).is_err());
        assert!(parse("[1.5]").unwrap_err().to_string().contains("not an integer"));
        assert!(parse("[1.0]").is_err());
        assert!(parse("[9007199254740992]").unwrap_err().to_string().contains("2^53"));
        assert!(parse("[-9007199254740992]").is_err());
        assert!(parse("[9007199254740991, -9007199254740991]").is_ok());
        assert!(parse(&"[".repeat(200)).is_err());
    }
}
