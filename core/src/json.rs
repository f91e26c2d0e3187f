//! The core's own JSON: a strict reader that says where and what is wrong, and the writers
//! (compact, pretty, RFC 8785 canonical) of the documents selfcheck reads and signs.
//!
//! Documents are strict: no duplicate keys, numbers are integers within ±(2^53 − 1), nesting at
//! most [`MAX_DEPTH`] levels, and a UTF-8 byte-order mark at the start (Windows Notepad writes one)
//! is ignored. [`parse_lenient`] also takes fractions, for canonicalizing arbitrary JSON.
//!
//! ```
//! use selfcheck_core::json::{self, Json};
//!
//! let value = json::parse(r#"{"b": [1, 2], "a": "x"}"#).unwrap();
//! assert_eq!(value.get("a").and_then(Json::as_str), Some("x"));
//! assert_eq!(json::canonical(&value), r#"{"a":"x","b":[1,2]}"#);
//! assert!(json::parse(r#"{"a": 1, "a": 2}"#).is_err());
//! ```

use std::fmt::Write as _;

use crate::MAX_SAFE_INTEGER;

/// How deep a document may nest arrays and objects.
pub const MAX_DEPTH: usize = 128;
/// From how many members an object's keys are checked for duplicates in a hash set.
const WIDE_OBJECT: usize = 32;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object.
    Object(Object),
}

/// A JSON number: an integer within ±(2^53 − 1), or (read by [`parse_lenient`] only) a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer.
    Integer(i64),
    /// A finite number with a fraction or an exponent.
    Float(f64),
}

/// A JSON object: members in the order written, each key once. Two objects are equal when
/// they have the same members, in any order, as JSON means.
#[derive(Debug, Clone, Default)]
pub struct Object(Vec<(String, Json)>);

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        self.len() == other.len() && self.iter().all(|(key, value)| other.get(key) == Some(value))
    }
}

/// The kinds of JSON value, for messages ("a string was expected, found an object").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Json {
    /// The kind of value.
    pub fn kind(&self) -> JsonType {
        match self {
            Json::Null => JsonType::Null,
            Json::Bool(_) => JsonType::Bool,
            Json::Number(_) => JsonType::Number,
            Json::String(_) => JsonType::String,
            Json::Array(_) => JsonType::Array,
            Json::Object(_) => JsonType::Object,
        }
    }
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object().and_then(|object| object.get(key))
    }
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }
    /// The integer, if this is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(Number::Integer(number)) => Some(*number),
            _ => None,
        }
    }
    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(value) => Some(*value),
            _ => None,
        }
    }
    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }
    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }
    /// The object, mutably, if this is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Json {
        Json::String(text.to_owned())
    }
}
impl From<String> for Json {
    fn from(text: String) -> Json {
        Json::String(text)
    }
}
impl From<bool> for Json {
    fn from(value: bool) -> Json {
        Json::Bool(value)
    }
}
impl From<u32> for Json {
    fn from(value: u32) -> Json {
        Json::Number(Number::Integer(i64::from(value)))
    }
}
impl From<u64> for Json {
    /// Values beyond 2^53 − 1 never occur in selfcheck's documents; they are clamped.
    fn from(value: u64) -> Json {
        Json::Number(Number::Integer(value.min(MAX_SAFE_INTEGER) as i64))
    }
}
impl From<i64> for Json {
    /// Values beyond ±(2^53 − 1) never occur in selfcheck's documents; they are clamped.
    fn from(value: i64) -> Json {
        let limit = MAX_SAFE_INTEGER as i64;
        Json::Number(Number::Integer(value.clamp(-limit, limit)))
    }
}
impl From<Object> for Json {
    fn from(object: Object) -> Json {
        Json::Object(object)
    }
}
impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(items: Vec<T>) -> Json {
        Json::Array(items.into_iter().map(Into::into).collect())
    }
}
impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Json {
        value.map_or(Json::Null, Into::into)
    }
}

impl Object {
    /// An empty object.
    pub const fn new() -> Object {
        Object(Vec::new())
    }
    /// The member `key`.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(name, _)| name == key).map(|(_, value)| value)
    }
    /// The member `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        self.0.iter_mut().find(|(name, _)| name == key).map(|(_, value)| value)
    }
    /// Whether it has the member `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    /// Sets `key` to `value`: in place when present, else appended. Returns the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Json>) -> Option<Json> {
        let (key, value) = (key.into(), value.into());
        match self.0.iter_mut().find(|(name, _)| *name == key) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }
    /// Appends `key` when `value` is `Some`; for optional members.
    pub fn insert_some(&mut self, key: &str, value: Option<impl Into<Json>>) {
        if let Some(value) = value {
            self.insert(key, value);
        }
    }
    /// Removes and returns the member `key`.
    pub fn remove(&mut self, key: &str) -> Option<Json> {
        let position = self.0.iter().position(|(name, _)| name == key)?;
        Some(self.0.remove(position).1)
    }
    /// The members in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.0.iter().map(|(key, value)| (key.as_str(), value))
    }
    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(key, _)| key.as_str())
    }
    /// How many members.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether it has no member.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, Json)> for Object {
    /// Later members replace earlier ones with the same key.
    fn from_iter<I: IntoIterator<Item = (String, Json)>>(members: I) -> Object {
        let mut object = Object::new();
        for (key, value) in members {
            object.insert(key, value);
        }
        object
    }
}

/// What is wrong with a text that should be a JSON document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What.
    pub kind: JsonErrorKind,
    /// 1-based line of the problem (0 when the problem is not at a place in the text).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The member where it was found, e.g. `credentialSubject.answers.A1.note` (empty at the top).
    pub path: String,
}

/// The kinds of [`JsonError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// Nothing but white space.
    Empty,
    /// The text is not UTF-8; `encoding` what it seems to be instead (GBK, Windows' "ANSI" on
    /// Chinese systems, or UTF-16, Notepad's "Unicode"), which calls for "save it as UTF-8".
    NotUtf8 {
        /// Offset of the first byte that is not UTF-8.
        offset: usize,
        /// What the bytes seem to be.
        encoding: Encoding,
    },
    /// The text ends in the middle of the document: the file is cut short.
    CutShort,
    /// A character that cannot stand here.
    Unexpected(char),
    /// A word that is not `true`, `false` or `null`, or a value that is not JSON at all.
    NotAValue,
    /// More text after the document.
    TrailingText,
    /// Nested more than [`MAX_DEPTH`] levels.
    TooDeep,
    /// A key used twice in one object.
    DuplicateKey(String),
    /// A number with a fraction or an exponent.
    NotAnInteger(String),
    /// An integer beyond ±(2^53 − 1).
    BeyondSafeInteger(String),
    /// A malformed number such as `01`, `1.` or `-`.
    BadNumber(String),
    /// A malformed `\` escape, or a `\u` escape of half a surrogate pair.
    BadEscape,
    /// A raw control character (U+0000 to U+001F) inside a string: it must be escaped.
    ControlCharacter,
}

impl std::error::Error for JsonError {}

/// Checks that `bytes` are UTF-8 and returns the text without a leading byte-order mark.
///
/// # Errors
/// [`JsonErrorKind::NotUtf8`] with the offset of the first bad byte, and whether the bytes
/// read as GBK (so that a host can say "save it as UTF-8").
pub fn decode(bytes: &[u8]) -> Result<&str, JsonError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(error) => {
            let offset = error.valid_up_to();
            let (line, column) = position(&String::from_utf8_lossy(&bytes[..offset]), offset);
            Err(JsonError {
                kind: JsonErrorKind::NotUtf8 { offset, encoding: guess_encoding(bytes) },
                line,
                column,
                path: String::new(),
            })
        }
    }
}

/// What a text that is not UTF-8 seems to be encoded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// GBK (Windows' "ANSI" on Chinese systems): ASCII and well-formed GBK pairs.
    Gbk,
    /// UTF-16 with its byte-order mark (Notepad's and Excel's "Unicode").
    Utf16,
    /// Something else.
    Unknown,
}

/// What `bytes` (not UTF-8) seem to be encoded in: the one guess every reader of the program
/// makes.
pub fn guess_encoding(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        Encoding::Utf16
    } else if looks_like_gbk(bytes) {
        Encoding::Gbk
    } else {
        Encoding::Unknown
    }
}

/// Whether `bytes` (not UTF-8) read as GBK: every byte above 0x7F starts a two-byte pair with a
/// lead byte 0x81–0xFE and a trail byte 0x40–0xFE other than 0x7F, and there is at least one.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut pairs = 0;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte < 0x80 {
            index += 1;
            continue;
        }
        let Some(&trail) = bytes.get(index + 1) else { return false };
        if !(0x81..=0xFE).contains(&byte) || !(0x40..=0xFE).contains(&trail) || trail == 0x7F {
            return false;
        }
        pairs += 1;
        index += 2;
    }
    pairs > 0
}

/// Parses a strict document (see the module's documentation). A leading byte-order mark is ignored.
///
/// # Errors
/// A [`JsonError`] saying what is wrong (empty, cut short, not JSON, a duplicate key, a number
/// that is not an integer within ±2^53, nested too deeply), with line, column and member path.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    Parser::run(text, true)
}

/// Like [`parse`], but numbers may have fractions and exponents (read as `f64`); for tools that
/// canonicalize JSON of any kind.
///
/// # Errors
/// As [`parse`], less the integer rules.
pub fn parse_lenient(text: &str) -> Result<Json, JsonError> {
    Parser::run(text, false)
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    (line, column)
}

/// A segment of a member path, collected while an error unwinds.
enum Segment {
    Key(String),
    Index(usize),
}

struct Failure {
    kind: JsonErrorKind,
    offset: usize,
    path: Vec<Segment>,
}

impl Failure {
    fn at(kind: JsonErrorKind, offset: usize) -> Failure {
        Failure { kind, offset, path: Vec::new() }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    strict: bool,
}

impl<'a> Parser<'a> {
    fn run(text: &'a str, strict: bool) -> Result<Json, JsonError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut parser = Parser { text, bytes: text.as_bytes(), at: 0, strict };
        let result = parser.skip_space().and_then(|()| {
            if parser.at == parser.bytes.len() {
                return Err(Failure::at(JsonErrorKind::Empty, 0));
            }
            let value = parser.value(0)?;
            parser.skip_space()?;
            if parser.at < parser.bytes.len() {
                return Err(Failure::at(JsonErrorKind::TrailingText, parser.at));
            }
            Ok(value)
        });
        result.map_err(|failure| {
            let (line, column) = match failure.kind {
                JsonErrorKind::Empty => (0, 0),
                _ => position(text, failure.offset),
            };
            let mut path = String::new();
            for segment in failure.path.iter().rev() {
                match segment {
                    Segment::Key(key) => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(key);
                    }
                    Segment::Index(index) => {
                        let _ = write!(path, "[{index}]");
                    }
                }
            }
            JsonError { kind: failure.kind, line, column, path }
        })
    }

    fn skip_space(&mut self) -> Result<(), Failure> {
        while let Some(&byte) = self.bytes.get(self.at) {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => self.at += 1,
                _ => break,
            }
        }
        Ok(())
    }

    fn unexpected(&self) -> Failure {
        match self.text[self.at..].chars().next() {
            None => Failure::at(JsonErrorKind::CutShort, self.at),
            Some(character) => Failure::at(JsonErrorKind::Unexpected(character), self.at),
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Failure> {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, Failure> {
        match self.bytes.get(self.at) {
            None => Err(Failure::at(JsonErrorKind::CutShort, self.at)),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(_) => Err(Failure::at(JsonErrorKind::NotAValue, self.at)),
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, Failure> {
        let rest = &self.bytes[self.at..];
        if rest.starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else if word.as_bytes().starts_with(rest) {
            Err(Failure::at(JsonErrorKind::CutShort, self.bytes.len()))
        } else {
            Err(Failure::at(JsonErrorKind::NotAValue, self.at))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, Failure> {
        if depth > MAX_DEPTH {
            return Err(Failure::at(JsonErrorKind::TooDeep, self.at));
        }
        self.at += 1;
        let mut object = Object::new();
        // Wide objects check duplicates in a set: a linear search per key would make a hostile
        // file of 300,000 keys take minutes.
        let mut wide: Option<std::collections::HashSet<String>> = None;
        self.skip_space()?;
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(Json::Object(object));
        }
        loop {
            self.skip_space()?;
            if self.bytes.get(self.at) != Some(&b'"') {
                return Err(self.unexpected());
            }
            let key_at = self.at;
            let key = self.string()?;
            let duplicate = match &mut wide {
                Some(keys) => !keys.insert(key.clone()),
                None if object.0.len() >= WIDE_OBJECT => {
                    let mut keys: std::collections::HashSet<String> =
                        object.0.iter().map(|(name, _)| name.clone()).collect();
                    let duplicate = !keys.insert(key.clone());
                    wide = Some(keys);
                    duplicate
                }
                None => object.contains_key(&key),
            };
            if duplicate {
                return Err(Failure::at(JsonErrorKind::DuplicateKey(key), key_at));
            }
            self.skip_space()?;
            self.expect(b':')?;
            self.skip_space()?;
            match self.value(depth) {
                Ok(value) => object.0.push((key, value)),
                Err(mut failure) => {
                    failure.path.push(Segment::Key(key));
                    return Err(failure);
                }
            }
            self.skip_space()?;
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(object));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, Failure> {
        if depth > MAX_DEPTH {
            return Err(Failure::at(JsonErrorKind::TooDeep, self.at));
        }
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space()?;
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_space()?;
            match self.value(depth) {
                Ok(value) => items.push(value),
                Err(mut failure) => {
                    failure.path.push(Segment::Index(items.len()));
                    return Err(failure);
                }
            }
            self.skip_space()?;
            match self.bytes.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn string(&mut self) -> Result<String, Failure> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(&byte) = self.bytes.get(self.at) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The run ends at an ASCII byte, so it is a whole number of characters.
            out.push_str(&self.text[start..self.at]);
            match self.bytes.get(self.at) {
                None => return Err(Failure::at(JsonErrorKind::CutShort, self.at)),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escape_at = self.at;
                    self.at += 1;
                    let Some(&escape) = self.bytes.get(self.at) else {
                        return Err(Failure::at(JsonErrorKind::CutShort, self.at));
                    };
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let unit = self.hex4()?;
                            let character = if (0xD800..0xDC00).contains(&unit) {
                                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                                    return Err(Failure::at(JsonErrorKind::BadEscape, escape_at));
                                }
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(Failure::at(JsonErrorKind::BadEscape, escape_at));
                                }
                                char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                            } else {
                                char::from_u32(unit)
                            };
                            match character {
                                Some(character) => out.push(character),
                                None => return Err(Failure::at(JsonErrorKind::BadEscape, escape_at)),
                            }
                        }
                        _ => return Err(Failure::at(JsonErrorKind::BadEscape, escape_at)),
                    }
                }
                Some(_) => return Err(Failure::at(JsonErrorKind::ControlCharacter, self.at)),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Failure> {
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else {
            return Err(Failure::at(JsonErrorKind::CutShort, self.bytes.len()));
        };
        let mut value = 0;
        for &digit in digits {
            let nibble = match digit {
                b'0'..=b'9' => digit - b'0',
                b'a'..=b'f' => digit - b'a' + 10,
                b'A'..=b'F' => digit - b'A' + 10,
                _ => return Err(Failure::at(JsonErrorKind::BadEscape, self.at)),
            };
            value = value * 16 + u32::from(nibble);
        }
        self.at += 4;
        Ok(value)
    }

    fn number(&mut self) -> Result<Json, Failure> {
        let start = self.at;
        let digits = |parser: &mut Parser<'_>| {
            let from = parser.at;
            while parser.bytes.get(parser.at).is_some_and(u8::is_ascii_digit) {
                parser.at += 1;
            }
            parser.at - from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        let int_digits = digits(self);
        let mut well_formed = int_digits > 0 && !(int_digits > 1 && self.bytes[int_start] == b'0');
        let mut integer = true;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            integer = false;
            well_formed &= digits(self) > 0;
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            integer = false;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            well_formed &= digits(self) > 0;
        }
        let literal = &self.text[start..self.at];
        if !well_formed {
            if self.at == self.bytes.len() {
                return Err(Failure::at(JsonErrorKind::CutShort, self.at));
            }
            return Err(Failure::at(JsonErrorKind::BadNumber(literal.to_owned()), start));
        }
        if integer {
            return match literal.parse::<i64>() {
                Ok(value) if value.unsigned_abs() <= MAX_SAFE_INTEGER => Ok(Json::Number(Number::Integer(value))),
                _ if self.strict => Err(Failure::at(JsonErrorKind::BeyondSafeInteger(literal.to_owned()), start)),
                _ => self.float(literal, start),
            };
        }
        if self.strict {
            return Err(Failure::at(JsonErrorKind::NotAnInteger(literal.to_owned()), start));
        }
        self.float(literal, start)
    }

    fn float(&self, literal: &str, start: usize) -> Result<Json, Failure> {
        match literal.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(Json::Number(Number::Float(value))),
            _ => Err(Failure::at(JsonErrorKind::BadNumber(literal.to_owned()), start)),
        }
    }
}

/// The compact serialization: no white space.
pub fn compact(value: &Json) -> String {
    let mut out = String::new();
    write_value(&mut out, value, None, 0, false);
    out
}

/// The pretty serialization selfcheck writes files in: two-space indents, members in order.
pub fn pretty(value: &Json) -> String {
    let mut out = String::new();
    write_value(&mut out, value, Some(2), 0, false);
    out
}

/// The RFC 8785 (JCS) canonical serialization: members sorted by the UTF-16 code units of their
/// names, numbers as ECMAScript writes them, strings escaped as `JSON.stringify` does.
pub fn canonical(value: &Json) -> String {
    let mut out = String::new();
    write_value(&mut out, value, None, 0, true);
    out
}

fn write_value(out: &mut String, value: &Json, indent: Option<usize>, level: usize, sorted: bool) {
    let newline = |out: &mut String, level: usize| {
        if let Some(width) = indent {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', width * level));
        }
    };
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(true) => out.push_str("true"),
        Json::Bool(false) => out.push_str("false"),
        Json::Number(Number::Integer(number)) => {
            let _ = write!(out, "{number}");
        }
        Json::Number(Number::Float(number)) => {
            // ECMAScript's Number-to-String, as RFC 8785 §3.2.2.3 requires; ryu-js implements
            // exactly that algorithm.
            out.push_str(ryu_js::Buffer::new().format(*number));
        }
        Json::String(text) => write_string(out, text),
        Json::Array(items) if items.is_empty() => out.push_str("[]"),
        Json::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(out, level + 1);
                write_value(out, item, indent, level + 1, sorted);
            }
            newline(out, level);
            out.push(']');
        }
        Json::Object(object) if object.is_empty() => out.push_str("{}"),
        Json::Object(object) => {
            let mut members: Vec<&(String, Json)> = object.0.iter().collect();
            if sorted {
                // RFC 8785 §3.2.3: by UTF-16 code units, which differs from UTF-8 byte order for
                // characters beyond U+FFFF.
                members.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            }
            out.push('{');
            for (index, (key, item)) in members.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(out, level + 1);
                write_string(out, key);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(out, item, indent, level + 1, sorted);
            }
            newline(out, level);
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..0x20 => "",
            _ => continue,
        };
        out.push_str(&text[start..index]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        start = index + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_objects_still_refuse_a_duplicate_key_wherever_it_is() {
        let keys: Vec<String> = (0..200).map(|index| format!("\"k{index}\":{index}")).collect();
        let wide = format!("{{{}}}", keys.join(","));
        assert_eq!(parse(&wide).unwrap().as_object().map(Object::len), Some(200));
        for duplicate in ["k0", "k31", "k32", "k199"] {
            let text = format!("{{{},\"{duplicate}\":0}}", keys.join(","));
            let error = parse(&text).unwrap_err();
            assert_eq!(error.kind, JsonErrorKind::DuplicateKey(duplicate.into()));
        }
    }

    fn error(text: &str) -> JsonError {
        parse(text).unwrap_err()
    }

    #[test]
    fn reads_documents_and_writes_them_back() {
        let text = "{\n  \"a\": [\n    1,\n    -2\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": \"x\\\"\\u0001\\n\",\n  \"e\": null,\n  \"f\": true\n}";
        let value = parse(text).unwrap();
        assert_eq!(pretty(&value), text);
        assert_eq!(compact(&value), r#"{"a":[1,-2],"b":{},"c":[],"d":"x\"\u0001\n","e":null,"f":true}"#);
    }

    #[test]
    fn a_byte_order_mark_is_ignored_and_other_encodings_are_named() {
        assert_eq!(parse("\u{feff}{\"a\":1}").unwrap().get("a").and_then(Json::as_i64), Some(1));
        assert_eq!(decode(b"\xef\xbb\xbf[]").unwrap(), "[]");
        // "协会" in GBK.
        let gbk = decode(b"{\"name\": \"\xd0\xad\xbb\xe1\"}").unwrap_err();
        // Its first two bytes happen to be valid UTF-8 (U+042D); the third is not.
        assert_eq!(gbk.kind, JsonErrorKind::NotUtf8 { offset: 12, encoding: Encoding::Gbk });
        let latin = decode(b"[\"\xff\"]").unwrap_err();
        assert_eq!(latin.kind, JsonErrorKind::NotUtf8 { offset: 2, encoding: Encoding::Unknown });
        let utf16 = decode(b"\xff\xfe{\x00}\x00").unwrap_err();
        assert_eq!(utf16.kind, JsonErrorKind::NotUtf8 { offset: 0, encoding: Encoding::Utf16 });
    }

    #[test]
    fn says_what_and_where() {
        assert_eq!(error("  \n ").kind, JsonErrorKind::Empty);
        assert_eq!(error("{\"a\": [1, 2").kind, JsonErrorKind::CutShort);
        assert_eq!(error("{\"a\": \"x").kind, JsonErrorKind::CutShort);
        assert_eq!(error("{\"a\": tru").kind, JsonErrorKind::CutShort);
        assert_eq!(error("{\"a\": yes}").kind, JsonErrorKind::NotAValue);
        assert_eq!(error("[1] 2").kind, JsonErrorKind::TrailingText);
        let duplicate = error("{\"a\": {\"b\": 1,\n \"b\": 2}}");
        assert_eq!(duplicate.kind, JsonErrorKind::DuplicateKey("b".into()));
        assert_eq!((duplicate.line, duplicate.column, duplicate.path.as_str()), (2, 2, "a"));
        let fraction = error("{\"x\": [{\"total\": 1.5}]}");
        assert_eq!(fraction.kind, JsonErrorKind::NotAnInteger("1.5".into()));
        assert_eq!(fraction.path, "x[0].total");
        assert_eq!(error("[9007199254740992]").kind, JsonErrorKind::BeyondSafeInteger("9007199254740992".into()));
        assert_eq!(error("[-9007199254740992]").kind, JsonErrorKind::BeyondSafeInteger("-9007199254740992".into()));
        assert_eq!(error("[1e3]").kind, JsonErrorKind::NotAnInteger("1e3".into()));
        assert_eq!(error("[01]").kind, JsonErrorKind::BadNumber("01".into()));
        assert_eq!(error("[\"\\x\"]").kind, JsonErrorKind::BadEscape);
        assert_eq!(error("[\"\\ud800\"]").kind, JsonErrorKind::BadEscape);
        assert_eq!(error("[\"a\tb\"]").kind, JsonErrorKind::ControlCharacter);
        assert_eq!(error(&"[".repeat(129)).kind, JsonErrorKind::TooDeep);
        assert!(parse(&format!("{}{}", "[".repeat(128), "]".repeat(128))).is_ok());
        let column = error("[\"协会\", x]");
        assert_eq!((column.line, column.column), (1, 8));
    }

    #[test]
    fn minus_zero_is_the_integer_zero_and_safe_integers_are_kept() {
        assert_eq!(
            parse("[-0, 9007199254740991, -9007199254740991]").unwrap(),
            Json::from(vec![
                Json::Number(Number::Integer(0)),
                Json::Number(Number::Integer(9_007_199_254_740_991)),
                Json::Number(Number::Integer(-9_007_199_254_740_991)),
            ])
        );
    }

    #[test]
    fn objects_are_equal_whatever_the_order_of_their_members() {
        assert_eq!(parse(r#"{"a": 1, "b": [2]}"#).unwrap(), parse(r#"{"b": [2], "a": 1}"#).unwrap());
        assert_ne!(parse(r#"{"a": 1, "b": [2]}"#).unwrap(), parse(r#"{"a": 1, "b": [3]}"#).unwrap());
        assert_ne!(parse(r#"{"a": 1}"#).unwrap(), parse(r#"{"a": 1, "b": 1}"#).unwrap());
    }

    #[test]
    fn surrogate_pairs_and_escapes_decode() {
        assert_eq!(parse(r#"["\ud83d\ude00\u00e9\/"]"#).unwrap(), Json::from(vec!["😀é/"]));
    }

    #[test]
    fn canonical_form_sorts_by_utf16_code_units_and_formats_numbers_as_ecmascript() {
        let value = parse(r#"{"\uFB33":1,"😀":2,"a":3}"#).unwrap();
        assert_eq!(canonical(&value), "{\"a\":3,\"😀\":2,\"\u{FB33}\":1}");
        let value = parse_lenient("[1e30, 4.50, 0.000001, 1e-7, -0, 9007199254740991, 9007199254740993]").unwrap();
        assert_eq!(canonical(&value), "[1e+30,4.5,0.000001,1e-7,0,9007199254740991,9007199254740992]");
        assert_eq!(canonical(&Json::from("\u{1}\"\\/\u{7f}é\u{2028}")), "\"\\u0001\\\"\\\\/\u{7f}é\u{2028}\"");
    }
}
